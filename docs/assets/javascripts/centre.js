/* What the pages of the resource centre share (ES module, no build step).
 *
 *   import * as centre from "./centre.js";
 *
 * Used by the search (recherche/), the catalogue filters (catalogue.js) and the kit (kit.js).
 * Nothing here keeps state: constants and functions only.
 */

// The site's root, from this file's own address (it lives in assets/javascripts/): right under
// any sub-path the site is published at, and on every page, 404 included.
export const root = new URL("../../", import.meta.url);

// An address inside the site: url("fiches/aller-vers/").
export function url(path) {
  return new URL(path, root);
}

// Events that scripts of the site send each other on `document`.
export const events = Object.freeze({
  // catalogue.js attached cards to the page; detail.cards: the card elements just attached.
  cards: "centre:cartes"
});

// French plurals: 0 and 1 take the singular. plural(3, "fiche") is "3 fiches".
export function formFor(n, one, many) {
  return n > 1 ? (many === undefined ? one + "s" : many) : one;
}

export function plural(n, one, many) {
  return n + " " + formFor(n, one, many);
}

// Work that can wait until the browser is idle (at most 2 s).
export function idle(fn) {
  if (window.requestIdleCallback) window.requestIdleCallback(fn, {timeout: 2000});
  else setTimeout(fn, 200);
}

// Run `fn` once the document is parsed (module scripts usually run after that already).
export function whenReady(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}
