/* The search box of the header (overrides/partials/search.html): results as one types,
 * keyboard, live region. Without JavaScript the box's form opens the catalogue.
 */

import * as centre from "../centre.js";
import {sizeFor} from "./extrait.js";
import * as moteur from "./moteur.js";
import {fold} from "./normaliser.js";

const maxResults = 8;  // the full list is the catalogue

export function setUp(box) {
  const input = box.querySelector("input[name=q]");
  const list = box.querySelector(".centre-resultats");
  const status = box.querySelector(".centre-etat");
  const more = box.querySelector(".centre-tout");
  const toggle = document.getElementById("__search");  // Material's toggle of the search overlay
  let announce = null;
  let lastQuery = null;

  function open(flag) {
    if (toggle && toggle.checked !== flag) toggle.checked = flag;
  }

  function say(...parts) {
    // Screen readers hear the count once typing pauses, not at every keystroke. Parts: text or nodes.
    clearTimeout(announce);
    announce = setTimeout(() => { status.replaceChildren(...parts); }, 350);
  }

  // Why a result was found: its summary, or the text around the first word found in it.
  function explain(span, shown, r, size) {
    const extract = shown.extract(r, size);
    span.className = "centre-resultat-resume" + (extract.fromText ? " centre-resultat-extrait" : "");
    span.replaceChildren(extract.fragment);
  }

  let explained = [];  // [result, its summary's span] of the results shown
  let lastFound = null;

  function render(query) {
    if (query === lastQuery) return;
    lastQuery = query;
    list.textContent = "";
    explained = [];
    if (!query.trim()) {
      more.hidden = true;
      say("");
      return;
    }
    const found = lastFound = moteur.search(query), shown = moteur.shown(found), size = snippetSize();
    for (const r of found.results.slice(0, maxResults)) {
      const item = document.createElement("li");
      item.className = "centre-resultat";
      const link = document.createElement("a");
      link.href = centre.url(r.url).href;
      const kind = document.createElement("span");
      kind.className = "centre-resultat-type centre-type-" + (r.id ? r.url.split("/")[0] : "page");
      kind.textContent = r.kind;
      const title = document.createElement("span");
      title.className = "centre-resultat-titre";
      title.appendChild(shown.highlighted(r.title));
      const summary = document.createElement("span");
      explain(summary, shown, r, size);
      explained.push([r, summary]);
      link.append(kind, title, summary);
      item.appendChild(link);
      list.appendChild(item);
    }
    const n = found.results.length, typed = query.trim();
    more.hidden = n === 0;
    more.href = centre.url("catalogue/?q=" + encodeURIComponent(typed)).href;
    more.textContent = "Voir toutes les ressources pour « " + typed + " » dans le catalogue";
    const shownOnly = n > maxResults ? ", les " + maxResults + " premiers sont affichés" : "";
    const unknown = n ? notFound(found, typed) : null;
    if (unknown) say(...unknown(n, shownOnly));
    else say(n ? centre.plural(n, "résultat") + " pour « " + typed + " »" + shownOnly : "Aucun résultat pour « " + typed + " »");
  }

  /* Words of the query that no record holds as typed, named, with what was searched instead, in
     bold: a corrected word (correction.js) « 3 résultats pour « conférence familiale » (aucun
     résultat pour « familliale ») », a word no record holds (requete.js partial()) « 4 résultats
     pour « aller » (aucun résultat pour « zqxw ») ». Null when every word was found as typed. */
  const rawWord = /[\p{L}\p{N}\p{M}]+/gu;
  function notFound(found, typed) {
    const missing = new Set(found.missing || []), fixed = new Set((found.corrections || []).map((c) => c.typed));
    const named = (typed.match(rawWord) || []).filter((w) => missing.has(fold(w)) || fixed.has(fold(w)));
    if (!named.length) return null;
    const kept = typed.replace(rawWord, (w) => (missing.has(fold(w)) ? "" : w)).replace(/\s+/g, " ").trim();
    const phrase = moteur.said(found, kept) || kept;
    return (n, shownOnly) => {
      const words = document.createElement("strong");
      words.textContent = "« " + phrase + " »";
      return [centre.plural(n, "résultat") + " pour ", words,
              " (aucun résultat pour « " + [...new Set(named)].join(" », « ") + " »)" + shownOnly];
    };
  }

  // About three lines of the results' width (they take the screen's width on a phone).
  let width = 0;
  function snippetSize() {
    width = list.clientWidth || width || window.innerWidth;
    const fontSize = parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.7;  // recherche.css
    return sizeFor(width, fontSize);
  }

  // The texts arrive after the index: the results on screen get their snippets then, in place
  // (the list is not rebuilt: focus and the live region stay as they are).
  let textsAwaited = false;
  function awaitTexts() {
    if (textsAwaited) return;
    textsAwaited = true;
    moteur.textsReady().then(() => {
      if (!explained.length) return;
      const shown = moteur.shown(lastFound), size = snippetSize();
      for (const [r, span] of explained) explain(span, shown, r, size);
    }, () => { textsAwaited = false; });
  }

  // Results as soon as the index file and the postings the query reads are there (moteur.ready()).
  function update() {
    awaitTexts();
    const query = input.value, waiting = moteur.ready(query);
    if (!waiting) return render(query);
    if (lastQuery === null) status.textContent = "Chargement de la recherche…";
    waiting.then(() => { if (input.value === query) render(query); }, () => {
      status.textContent = "La recherche n'a pas pu être chargée.";
    });
  }

  input.addEventListener("focus", () => { open(true); moteur.load().catch(() => {}); });
  input.addEventListener("input", update);
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });

  function links() { return Array.from(box.querySelectorAll(".centre-resultats a, a.centre-tout:not([hidden])")); }

  box.addEventListener("keydown", (event) => {
    const all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && all.length) {
      all[Math.min(at + 1, all.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      event.preventDefault();
    } else if (event.key === "Escape") {
      if (document.activeElement !== input) input.focus();
      else { input.value = ""; render(""); open(false); input.blur(); }
      event.preventDefault();
    }
  });
  document.addEventListener("click", (event) => {
    // The header's magnifier (a label of the toggle) opens the box on phones: not an outside click.
    if (event.target === toggle || event.target.closest('label[for="__search"]')) return;
    if (!box.contains(event.target)) open(false);
  });
  box.addEventListener("focusout", (event) => {
    if (!event.relatedTarget || !box.contains(event.relatedTarget)) open(false);
  });
  // "/" puts the cursor in the search box, as on most sites.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
  });
  if (input.value) update();
}
