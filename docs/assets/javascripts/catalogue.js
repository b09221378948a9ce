/* Facet filters of list pages (catalogue, pratiques, fiches, méthodologies).
 *
 * Cards carry their facets as data-* attributes (core/pages.py card()); the form comes from
 * core/catalogue.py, hidden until this script runs. Values of one facet are alternatives (OR),
 * facets combine (AND), free text goes through the search engine (recherche/moteur.js). The state
 * lives in the URL: ?thematiques=logement,parentalite&publics=familles&q=pair+aidance
 *
 * Results first: the script wraps the form and the list in a two-part layout. On wide screens the
 * form is a column beside the results, each facet showing its first few values (most frequent
 * first, as core/catalogue.py orders them) and « Voir plus (n) »; on narrow screens the facets sit
 * behind one « Filtrer » button (aria-expanded) that says how many filters are active. The count
 * above the cards is the one live region: it says how many resources match, once. Arriving with
 * ?q= (Enter in the header search), focus goes to the results' heading, at the top of the list.
 *
 * Paging: the page is built with every card (the list without JavaScript). This script takes the
 * cards out of the document once, keeps them in memory, and puts back only a page of the
 * matching ones (pageSize), then the next page on « Afficher les N ressources suivantes ». A filter
 * then costs style and layout for at most a page of cards, whatever the number of records
 * (at 2,000 records, showing or hiding every card cost up to 400 ms). Cards attached to the
 * document are announced with the centre.events.cards event (kit.js adds its checkbox to them).
 *
 * An ES module, deferred like every module: it runs once the document is parsed.
 */
import * as centre from "./centre.js";
import * as moteur from "./recherche/moteur.js";

const pageSize = 50;
const compactSize = 4;  // values shown per facet before « Voir plus » (a facet of one more shows them all)

function start() {
  const form = document.querySelector("form.filtres");
  const container = document.querySelector(".catalogue .cards");
  if (!form || !container) return;
  const groups = Array.from(form.querySelectorAll(".filtre-groupe"), (fieldset) => {
    const g = {name: fieldset.getAttribute("data-filtre"), fieldset, codes: Object.create(null), size: 0};
    g.boxes = Array.from(fieldset.querySelectorAll("input[type=checkbox]"), (box) => (
      {input: box, value: box.value, code: code(g, box.value), number: box.parentNode.querySelector(".filtre-nombre"), text: null}
    ));
    return g;
  });
  function code(g, value) {
    // Values are numbered per facet: the filter pass compares and counts small integers.
    if (!(value in g.codes)) g.codes[value] = g.size++;
    return g.codes[value];
  }
  // The one pass over every card: read its facets (facets[i] = value numbers of groups[i]).
  const cards = Array.from(container.querySelectorAll(".card"), (el, position) => {
    const facets = groups.map((g) => {
      const value = el.getAttribute("data-" + g.name);
      return value ? value.split(" ").map((v) => code(g, v)) : [];
    });
    return {el, id: el.getAttribute("data-id"), facets, position};
  });
  const text = form.querySelector("input[name=q]");
  const count = document.querySelector(".catalogue .count");
  const toggle = form.querySelector(".filtres-bouton");
  const panel = form.querySelector(".filtres-panneau");
  const active = form.querySelector(".filtres-actifs");
  const clear = form.querySelector(".filtres-effacer");
  const seeResults = form.querySelector(".filtres-voir");
  const total = cards.length;
  let attached = null;   // cards now in the document, in order (null: still the full list of the page)
  let matching = [];     // every card matching the current filters, in order
  let limit = pageSize;  // how many of them are shown

  // Compact facets: the first values, then « Voir plus (n) » (the form offers only values of this page).
  groups.forEach((g) => {
    if (g.boxes.length <= compactSize + 1) return;
    const extra = g.boxes.slice(compactSize).map((box) => box.input.closest("li"));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "filtre-plus";
    g.fieldset.appendChild(button);
    g.expand = (open) => {
      extra.forEach((li) => { li.hidden = !open; });
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Voir moins" : "Voir plus (" + extra.length + ")";
      const which = document.createElement("span");  // tells the buttons apart when read out of context
      which.className = "centre-invisible";
      which.textContent = " : " + g.fieldset.querySelector("legend").textContent;
      button.appendChild(which);
    };
    g.extraChecked = () => g.boxes.slice(compactSize).some((box) => box.input.checked);
    button.addEventListener("click", () => { g.expand(button.getAttribute("aria-expanded") !== "true"); });
    g.expand(false);
  });

  const more = document.createElement("p");
  more.className = "catalogue-suite";
  more.hidden = true;
  const moreButton = document.createElement("button");
  moreButton.type = "button";
  moreButton.className = "md-button";
  more.appendChild(moreButton);
  container.parentNode.insertBefore(more, container.nextSibling);

  // Layout: the form beside (wide) or above (narrow) the results; a heading opens the results.
  const layout = document.createElement("div");
  layout.className = "catalogue-corps";
  const results = document.createElement("section");  // a region named by its heading
  results.className = "catalogue-resultats";
  const heading = document.createElement("h2");
  heading.className = "centre-invisible";
  heading.id = "catalogue-resultats-titre";
  heading.tabIndex = -1;
  heading.textContent = "Résultats";
  results.setAttribute("aria-labelledby", heading.id);
  container.parentNode.insertBefore(layout, count || container);
  results.appendChild(heading);
  if (count) {
    // The count is the one live region: it says how many resources match, once per change.
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    count.setAttribute("aria-atomic", "true");
    results.appendChild(count);
  }
  results.appendChild(container);
  results.appendChild(more);
  layout.appendChild(form);
  layout.appendChild(results);
  form.hidden = false;

  function narrow() {
    // The « Filtrer » button is shown only on narrow screens (catalogue.css).
    return toggle.offsetParent !== null;
  }

  function openPanel(open) {
    // On wide screens the panel is always shown (CSS); ``hidden`` only folds it on narrow ones.
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  }
  openPanel(false);
  toggle.addEventListener("click", () => { openPanel(panel.hidden); });
  seeResults.addEventListener("click", () => {
    openPanel(false);
    heading.focus();
  });

  function showActive() {
    // « Filtrer (2) »: how many values are checked; « Effacer les filtres » once there is anything to clear.
    let n = 0;
    groups.forEach((g) => { g.boxes.forEach((box) => { if (box.input.checked) n++; }); });
    active.textContent = "";
    if (n) {
      const hiddenWords = document.createElement("span");
      hiddenWords.className = "centre-invisible";
      hiddenWords.textContent = " " + centre.formFor(n, "filtre actif", "filtres actifs");
      active.append(" (" + n, hiddenWords, ")");
    }
    clear.hidden = !n && !text.value.trim();
  }

  function wanted() {
    // For each group, null (no value checked) or a flag per value number.
    return groups.map((g) => {
      let set = null;
      g.boxes.forEach((box) => { if (box.input.checked) (set = set || new Uint8Array(g.size))[box.code] = 1; });
      return set;
    });
  }

  let textFound = null;  // the text's search results (moteur.search()), null without text
  let hitOf = new Map();  // record id -> its result

  function textHits(query) {
    // id -> rank in the results, or null when there is no text to match.
    textFound = null;
    hitOf = new Map();
    if (!query.trim()) return null;
    const ranks = new Map();
    textFound = moteur.search(query);
    textFound.results.forEach((r, rank) => { if (r.id) { ranks.set(r.id, rank); hitOf.set(r.id, r); } });
    return ranks;
  }

  // --- Snippets: a card whose summary does not hold the words searched shows them in the
  // context of its text, under its summary (recherche/moteur.js shown()).
  const snippetSize = 140;  // about three lines of a card
  let textsAwaited = false;
  function explain(list) {
    const shown = textFound && moteur.shown(textFound);
    list.forEach((c) => {
      const old = c.el.querySelector(".card-extrait");
      if (old) old.remove();
      const hit = shown && hitOf.get(c.id);
      const extract = hit && shown.extract(hit, snippetSize);
      if (!extract || !extract.fromText) return;
      const p = document.createElement("p");
      p.className = "card-extrait";
      p.appendChild(extract.fragment);
      const summary = c.el.querySelector(".card-summary");
      c.el.insertBefore(p, summary ? summary.nextSibling : null);
    });
  }
  // --- end of snippets

  function render(list) {
    // Attach exactly ``list``; append when it extends what is attached. The first call takes
    // every card of the page out of the document: from then on, only what is attached here
    // costs style and layout.
    let same = 0;
    if (attached) while (same < list.length && same < attached.length && list[same] === attached[same]) same++;
    if (attached && same === list.length && same === attached.length) return [];
    const added = attached && same === attached.length ? list.slice(same) : list;
    if (added === list) container.textContent = "";
    const fragment = document.createDocumentFragment();
    added.forEach((c) => { fragment.appendChild(c.el); });
    container.appendChild(fragment);
    attached = list;
    document.dispatchEvent(new CustomEvent(centre.events.cards, {detail: {cards: added.map((c) => c.el)}}));
    return added;
  }

  function countText() {
    const n = matching.length;
    if (!n) return "Aucune ressource ne correspond à ces filtres.";
    let message = n === total ? centre.plural(total, "ressource") : centre.plural(n, "ressource") + " sur " + total;
    // A word of the text was corrected (recherche/correction.js): say what was searched.
    const phrase = textFound && moteur.said(textFound, text.value);
    if (phrase) message += " pour « " + phrase + " » (aucune pour « " + text.value.trim() + " »)";
    if (textFound && textFound.missing && textFound.missing.length) message += " (aucune pour « " + textFound.missing.join(" », « ") + " »)";
    return attached.length < n ? message + " (" + attached.length + " " + centre.formFor(attached.length, "affichée") + ")"
      : message;
  }

  function showCount() {
    const message = countText(), n = matching.length;
    if (count && count.textContent !== message) count.textContent = message;
    seeResults.textContent = n === 0 ? "Voir les résultats" : n === 1 ? "Voir la ressource"
      : "Voir les " + n + " ressources";
  }

  function showMore() {
    // The button below the grid: how many the next page holds.
    const next = Math.min(pageSize, matching.length - attached.length);
    more.hidden = next <= 0;
    if (next > 0) {
      moreButton.textContent = next === 1 ? "Afficher la ressource suivante"
        : "Afficher les " + next + " ressources suivantes";
    }
  }

  function tally(sets, pool) {
    // One pass: a card matching every facet counts for every value it has; a card failing
    // exactly one facet counts for that facet's values only (what checking them would add).
    const counts = groups.map((g) => new Int32Array(g.size));
    const found = [];
    for (let k = 0; k < pool.length; k++) {
      const card = pool[k];
      let miss = -1;
      for (let i = 0; i < groups.length; i++) {
        const set = sets[i];
        if (!set) continue;
        const has = card.facets[i];
        let ok = false;
        for (let j = 0; j < has.length; j++) if (set[has[j]] === 1) { ok = true; break; }
        if (ok) continue;
        if (miss !== -1) { miss = -2; break; }
        miss = i;
      }
      if (miss === -2) continue;
      if (miss === -1) found.push(card);
      for (let g = 0; g < groups.length; g++) {
        if (miss !== -1 && miss !== g) continue;
        const values = card.facets[g], row = counts[g];
        for (let v = 0; v < values.length; v++) row[values[v]]++;
      }
    }
    return {found, counts};
  }

  // In idle time after the first pass, the pass runs a few times with values checked (nothing
  // written to the page): the browser compiles it then, not on the reader's first click.
  function warmUp() {
    for (let round = 0; round < 3; round++) {
      tally(groups.map((g, i) => {
        const set = new Uint8Array(g.size);
        set[round % Math.max(g.size, 1)] = 1;
        return i % 2 === round % 2 ? set : null;
      }), cards);
    }
  }

  function apply() {
    const sets = wanted();
    const query = text.value;
    const ranks = textHits(query);
    const pool = ranks ? cards.filter((c) => ranks.has(c.id)) : cards;
    const {found, counts} = tally(sets, pool);
    // Best text matches first; without text, the page's own (alphabetical) order.
    if (ranks) found.sort((a, b) => ranks.get(a.id) - ranks.get(b.id) || a.position - b.position);
    matching = found;
    render(matching.slice(0, Math.max(limit, pageSize)));
    explain(attached);
    groups.forEach((g, i) => {
      g.boxes.forEach((box) => {
        const label = "(" + counts[i][box.code] + ")";
        if (box.text !== label) { box.number.textContent = label; box.text = label; }
      });
    });
    showCount();
    showActive();
    form.setAttribute("data-texte", query.trim());  // which text the list now reflects (tests wait on it)
    showMore();
  }

  moreButton.addEventListener("click", () => {
    const added = render(matching.slice(0, attached.length + pageSize));
    limit = attached.length;
    explain(added);
    history.replaceState({pages: Math.ceil(limit / pageSize)}, "", location.href);
    showMore();
    if (!added.length) return;
    showCount();
    const link = added[0].el.querySelector(".card-title a");
    if (link) link.focus();
  });

  function toUrl() {
    const params = new URLSearchParams(location.search);
    groups.forEach((g) => {
      const values = g.boxes.filter((b) => b.input.checked).map((b) => b.value);
      if (values.length) params.set(g.name, values.join(","));
      else params.delete(g.name);
    });
    if (text.value.trim()) params.set("q", text.value.trim()); else params.delete("q");
    const search = params.toString();
    return location.pathname + (search ? "?" + search : "") + location.hash;
  }

  function fromUrl(state) {
    const params = new URLSearchParams(location.search);
    groups.forEach((g) => {
      const values = (params.get(g.name) || "").split(",");
      g.boxes.forEach((box) => { box.input.checked = values.includes(box.value); });
    });
    text.value = params.get("q") || "";
    groups.forEach((g) => { if (g.expand && g.extraChecked()) g.expand(true); });
    // "Afficher les suivantes" survives a reload or a return to this entry of the history.
    const pages = state && state.pages > 1 ? Math.floor(state.pages) : 1;
    limit = pageSize * pages;
  }

  function run() {
    // Free text needs the index: load it first (only once, and only when text is used).
    if (text.value.trim()) {
      if (!textsAwaited) {
        // The texts arrive after the index: cards already shown get their snippets then.
        textsAwaited = true;
        moteur.textsReady().then(() => { explain(attached || []); }, () => { textsAwaited = false; });
      }
      return moteur.load().then(apply, () => {
        if (count) count.textContent = "La recherche par mots n'a pas pu être chargée.";
      });
    }
    apply();
    return Promise.resolve();
  }

  form.addEventListener("change", (event) => {
    if (event.target.type !== "checkbox") return;
    history.pushState(null, "", toUrl());
    limit = pageSize;
    run();
  });
  text.addEventListener("input", () => {
    history.replaceState(null, "", toUrl());
    limit = pageSize;
    run();
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    const hadFocus = document.activeElement === clear;
    groups.forEach((g) => { g.boxes.forEach((b) => { b.input.checked = false; }); });
    text.value = "";
    history.pushState(null, "", toUrl());
    limit = pageSize;
    run();
    // The button hides once nothing is left to clear: its focus goes to what comes next.
    if (hadFocus) (narrow() ? toggle : text).focus();
  });
  window.addEventListener("popstate", (event) => { fromUrl(event.state); run(); });

  // Arriving with words to find (Enter in the header search, a shared link): the results' heading
  // takes the focus, so the list is in view and the next Tab reaches the first result; the live
  // count says how many match. Not on a reload or a return through the history.
  const navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  const arriving = new URLSearchParams(location.search).get("q") && !history.state
    && (!navigation || navigation.type === "navigate");

  fromUrl(history.state);
  run().then(() => {
    form.setAttribute("data-pret", "true");
    if (arriving) heading.focus();
    centre.idle(warmUp);
  });
}

centre.whenReady(start);
