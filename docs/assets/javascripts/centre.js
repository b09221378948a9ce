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

/* --- French typography (twin of core/typography.py text(); a browser test runs both on the same
 * samples). Pages arrive typeset from the build; typo() is for text that scripts write. */
const NBSP = "\u00a0", NNBSP = "\u202f";
const SPACE = "[ \\t\\r\\n\\u00a0\\u202f]";
const SIGN_END = "(?=$|[\\s.,)\\]»…;:!?])";
const EMOTICON = "(?![:;]-?[()DPp](?![a-zA-Z0-9]))";
const AFTER_WORD = "(?<=\\p{L}|[»)\\]])";
const PROTECTED = /(?:https?:\/\/|mailto:|www\.)[^\s<>"]+|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/gu;
const TRIGGER = /[;:!?«»]|[0-9][ \u00a0][0-9]/u;
const RULES = [
  [`(?<![\\s«])${SPACE}+${EMOTICON}(?=[;!?])`, NNBSP],
  [`${AFTER_WORD}${EMOTICON}(?=[;!?]+${SIGN_END})`, NNBSP],
  [`(?<![\\s«])${SPACE}+${EMOTICON}(?=:)`, NBSP],
  [`«${SPACE}*(?=\\S)|«${SPACE}+`, "«" + NBSP],
  [`(?<=\\S)${SPACE}*»|${SPACE}+»`, NBSP + "»"]
].map(([pattern, replacement]) => [new RegExp(pattern, "gu"), replacement]);
const NUMBER = /(?<![0-9.,])[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])/gu;

function typoPlain(text) {
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text.replace(NUMBER, (group) => group.replace(/[ \u00a0]/g, NNBSP));
}

// French spacing in a plain text: typo("Pourquoi ?") is "Pourquoi\u202f?". URLs are left alone.
export function typo(value) {
  const text = String(value);
  if (!TRIGGER.test(text)) return text;
  let out = "", last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += typoPlain(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + typoPlain(text.slice(last));
}

// Text a person reads in attributes (tooltips, screen readers, placeholders, image descriptions).
const HUMAN_ATTRIBUTES = ["alt", "title", "aria-label", "aria-description", "placeholder"];
const LEFT_ALONE = "code, pre, kbd, samp, script, style, textarea";

function typesetText(node) {
  const parent = node.parentElement;
  if (!parent || parent.closest(LEFT_ALONE)) return;
  const value = typo(node.data);
  if (value !== node.data) node.data = value;
}

function typesetAttributes(element) {
  if (element.closest(LEFT_ALONE)) return;
  for (const name of HUMAN_ATTRIBUTES) {
    const before = element.getAttribute(name);
    if (before === null) continue;
    const after = typo(before);
    if (after !== before) element.setAttribute(name, after);
  }
}

// French spacing in every text and human attribute under `node` (an element or a text node).
export function typeset(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    typesetText(node);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  typesetAttributes(node);
  for (const element of node.querySelectorAll("[alt], [title], [aria-label], [aria-description], [placeholder]")) {
    typesetAttributes(element);
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (TRIGGER.test(text.data)) typesetText(text);
  }
}
