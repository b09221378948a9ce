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
  var form = document.querySelector("form.filtres");
  var container = document.querySelector(".catalogue .cards");
  if (!form || !container) return;
  var groups = Array.prototype.map.call(form.querySelectorAll(".filtre-groupe"), function (fieldset) {
    var g = {name: fieldset.getAttribute("data-filtre"), fieldset: fieldset, codes: Object.create(null), size: 0};
    g.boxes = Array.prototype.map.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
      return {input: box, value: box.value, code: code(g, box.value), number: box.parentNode.querySelector(".filtre-nombre"), text: null};
    });
    return g;
  });
  function code(g, value) {
    // Values are numbered per facet: the filter pass compares and counts small integers.
    if (!(value in g.codes)) g.codes[value] = g.size++;
    return g.codes[value];
  }
  // The one pass over every card: read its facets (facets[i] = value numbers of groups[i]).
  var cards = Array.prototype.map.call(container.querySelectorAll(".card"), function (el, position) {
    var facets = groups.map(function (g) {
      var value = el.getAttribute("data-" + g.name);
      return value ? value.split(" ").map(function (v) { return code(g, v); }) : [];
    });
    return {el: el, id: el.getAttribute("data-id"), facets: facets, position: position};
  });
  var text = form.querySelector("input[name=q]");
  var count = document.querySelector(".catalogue .count");
  var toggle = form.querySelector(".filtres-bouton");
  var panel = form.querySelector(".filtres-panneau");
  var active = form.querySelector(".filtres-actifs");
  var clear = form.querySelector(".filtres-effacer");
  var seeResults = form.querySelector(".filtres-voir");
  var total = cards.length;
  var attached = null;   // cards now in the document, in order (null: still the full list of the page)
  var matching = [];     // every card matching the current filters, in order
  var limit = pageSize;  // how many of them are shown

  // Compact facets: the first values, then « Voir plus (n) » (the form offers only values of this page).
  groups.forEach(function (g) {
    if (g.boxes.length <= compactSize + 1) return;
    var extra = g.boxes.slice(compactSize).map(function (box) { return box.input.closest("li"); });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "filtre-plus";
    g.fieldset.appendChild(button);
    g.expand = function (open) {
      extra.forEach(function (li) { li.hidden = !open; });
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Voir moins" : "Voir plus (" + extra.length + ")";
      var which = document.createElement("span");  // tells the buttons apart when read out of context
      which.className = "centre-invisible";
      which.textContent = " : " + g.fieldset.querySelector("legend").textContent;
      button.appendChild(which);
    };
    g.extraChecked = function () {
      return g.boxes.slice(compactSize).some(function (box) { return box.input.checked; });
    };
    button.addEventListener("click", function () { g.expand(button.getAttribute("aria-expanded") !== "true"); });
    g.expand(false);
  });

  var more = document.createElement("p");
  more.className = "catalogue-suite";
  more.hidden = true;
  var moreButton = document.createElement("button");
  moreButton.type = "button";
  moreButton.className = "md-button";
  more.appendChild(moreButton);
  container.parentNode.insertBefore(more, container.nextSibling);

  // Layout: the form beside (wide) or above (narrow) the results; a heading opens the results.
  var layout = document.createElement("div");
  layout.className = "catalogue-corps";
  var results = document.createElement("section");  // a region named by its heading
  results.className = "catalogue-resultats";
  var heading = document.createElement("h2");
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
  toggle.addEventListener("click", function () { openPanel(panel.hidden); });
  seeResults.addEventListener("click", function () {
    openPanel(false);
    heading.focus();
  });

  function showActive() {
    // « Filtrer (2) »: how many values are checked; « Effacer les filtres » once there is anything to clear.
    var n = 0;
    groups.forEach(function (g) { g.boxes.forEach(function (box) { if (box.input.checked) n++; }); });
    active.textContent = "";
    if (n) {
      var hiddenWords = document.createElement("span");
      hiddenWords.className = "centre-invisible";
      hiddenWords.textContent = " " + centre.formFor(n, "filtre actif", "filtres actifs");
      active.append(" (" + n, hiddenWords, ")");
    }
    clear.hidden = !n && !text.value.trim();
  }

  function wanted() {
    // For each group, null (no value checked) or a flag per value number.
    return groups.map(function (g) {
      var set = null;
      g.boxes.forEach(function (box) { if (box.input.checked) (set = set || new Uint8Array(g.size))[box.code] = 1; });
      return set;
    });
  }

  var textFound = null;  // the text's search results (moteur.search()), null without text
  var hitOf = new Map();  // record id -> its result

  function textHits(query) {
    // id -> rank in the results, or null when there is no text to match.
    textFound = null;
    hitOf = new Map();
    if (!query.trim()) return null;
    var ranks = new Map();
    textFound = moteur.search(query);
    textFound.results.forEach(function (r, rank) { if (r.id) { ranks.set(r.id, rank); hitOf.set(r.id, r); } });
    return ranks;
  }

  // --- Snippets: a card whose summary does not hold the words searched shows them in the
  // context of its text, under its summary (recherche/moteur.js shown()).
  var snippetSize = 140;  // about three lines of a card
  var textsAwaited = false;
  function explain(list) {
    var shown = textFound && moteur.shown(textFound);
    list.forEach(function (c) {
      var old = c.el.querySelector(".card-extrait");
      if (old) old.remove();
      var hit = shown && hitOf.get(c.id);
      var extract = hit && shown.extract(hit, snippetSize);
      if (!extract || !extract.fromText) return;
      var p = document.createElement("p");
      p.className = "card-extrait";
      p.appendChild(extract.fragment);
      var summary = c.el.querySelector(".card-summary");
      c.el.insertBefore(p, summary ? summary.nextSibling : null);
    });
  }
  // --- end of snippets

  function render(list) {
    // Attach exactly ``list``; append when it extends what is attached. The first call takes
    // every card of the page out of the document: from then on, only what is attached here
    // costs style and layout.
    var same = 0;
    if (attached) while (same < list.length && same < attached.length && list[same] === attached[same]) same++;
    if (attached && same === list.length && same === attached.length) return [];
    var added = attached && same === attached.length ? list.slice(same) : list;
    if (added === list) container.textContent = "";
    var fragment = document.createDocumentFragment();
    added.forEach(function (c) { fragment.appendChild(c.el); });
    container.appendChild(fragment);
    attached = list;
    document.dispatchEvent(new CustomEvent(centre.events.cards, {detail: {cards: added.map(function (c) { return c.el; })}}));
    return added;
  }

  function countText() {
    var n = matching.length;
    if (!n) return "Aucune ressource ne correspond à ces filtres.";
    var message = n === total ? centre.plural(total, "ressource") : centre.plural(n, "ressource") + " sur " + total;
    // A word of the text was corrected (recherche/correction.js): say what was searched.
    var phrase = textFound && moteur.said(textFound, text.value);
    if (phrase) message += " pour « " + phrase + " » (aucune pour « " + text.value.trim() + " »)";
    if (textFound && textFound.missing && textFound.missing.length) message += " (aucune pour « " + textFound.missing.join(" », « ") + " »)";
    return attached.length < n ? message + " (" + attached.length + " " + centre.formFor(attached.length, "affichée") + ")"
      : message;
  }

  function showCount() {
    var message = countText(), n = matching.length;
    if (count && count.textContent !== message) count.textContent = message;
    seeResults.textContent = n === 0 ? "Voir les résultats" : n === 1 ? "Voir la ressource"
      : "Voir les " + n + " ressources";
  }

  function showMore() {
    // The button below the grid: how many the next page holds.
    var next = Math.min(pageSize, matching.length - attached.length);
    more.hidden = next <= 0;
    if (next > 0) {
      moreButton.textContent = next === 1 ? "Afficher la ressource suivante"
        : "Afficher les " + next + " ressources suivantes";
    }
  }

  function tally(sets, pool) {
    // One pass: a card matching every facet counts for every value it has; a card failing
    // exactly one facet counts for that facet's values only (what checking them would add).
    var counts = groups.map(function (g) { return new Int32Array(g.size); });
    var found = [];
    for (var k = 0; k < pool.length; k++) {
      var card = pool[k], miss = -1;
      for (var i = 0; i < groups.length; i++) {
        var set = sets[i];
        if (!set) continue;
        var has = card.facets[i], ok = false;
        for (var j = 0; j < has.length; j++) if (set[has[j]] === 1) { ok = true; break; }
        if (ok) continue;
        if (miss !== -1) { miss = -2; break; }
        miss = i;
      }
      if (miss === -2) continue;
      if (miss === -1) found.push(card);
      for (var g = 0; g < groups.length; g++) {
        if (miss !== -1 && miss !== g) continue;
        var values = card.facets[g], tally = counts[g];
        for (var v = 0; v < values.length; v++) tally[values[v]]++;
      }
    }
    return {found: found, counts: counts};
  }

  // In idle time after the first pass, the pass runs a few times with values checked (nothing
  // written to the page): the browser compiles it then, not on the reader's first click.
  function warmUp() {
    for (var round = 0; round < 3; round++) {
      tally(groups.map(function (g, i) {
        var set = new Uint8Array(g.size);
        set[round % Math.max(g.size, 1)] = 1;
        return i % 2 === round % 2 ? set : null;
      }), cards);
    }
  }

  function apply() {
    var sets = wanted();
    var query = text.value;
    var ranks = textHits(query);
    var pool = ranks ? cards.filter(function (c) { return ranks.has(c.id); }) : cards;
    var result = tally(sets, pool), found = result.found, counts = result.counts;
    // Best text matches first; without text, the page's own (alphabetical) order.
    if (ranks) found.sort(function (a, b) { return ranks.get(a.id) - ranks.get(b.id) || a.position - b.position; });
    matching = found;
    render(matching.slice(0, Math.max(limit, pageSize)));
    explain(attached);
    groups.forEach(function (g, i) {
      g.boxes.forEach(function (box) {
        var label = "(" + counts[i][box.code] + ")";
        if (box.text !== label) { box.number.textContent = label; box.text = label; }
      });
    });
    showCount();
    showActive();
    form.setAttribute("data-texte", query.trim());  // which text the list now reflects (tests wait on it)
    showMore();
  }

  moreButton.addEventListener("click", function () {
    var added = render(matching.slice(0, attached.length + pageSize));
    limit = attached.length;
    explain(added);
    history.replaceState({pages: Math.ceil(limit / pageSize)}, "", location.href);
    showMore();
    if (!added.length) return;
    showCount();
    var link = added[0].el.querySelector(".card-title a");
    if (link) link.focus();
  });

  function toUrl() {
    var params = new URLSearchParams(location.search);
    groups.forEach(function (g) {
      var values = g.boxes.filter(function (b) { return b.input.checked; }).map(function (b) { return b.value; });
      if (values.length) params.set(g.name, values.join(","));
      else params.delete(g.name);
    });
    if (text.value.trim()) params.set("q", text.value.trim()); else params.delete("q");
    var search = params.toString();
    return location.pathname + (search ? "?" + search : "") + location.hash;
  }

  function fromUrl(state) {
    var params = new URLSearchParams(location.search);
    groups.forEach(function (g) {
      var values = (params.get(g.name) || "").split(",");
      g.boxes.forEach(function (box) { box.input.checked = values.indexOf(box.value) >= 0; });
    });
    text.value = params.get("q") || "";
    groups.forEach(function (g) { if (g.expand && g.extraChecked()) g.expand(true); });
    // "Afficher les suivantes" survives a reload or a return to this entry of the history.
    var pages = state && state.pages > 1 ? Math.floor(state.pages) : 1;
    limit = pageSize * pages;
  }

  function run() {
    // Free text needs the index: load it first (only once, and only when text is used).
    if (text.value.trim()) {
      if (!textsAwaited) {
        // The texts arrive after the index: cards already shown get their snippets then.
        textsAwaited = true;
        moteur.textsReady().then(function () { explain(attached || []); }, function () { textsAwaited = false; });
      }
      return moteur.load().then(apply, function () {
        if (count) count.textContent = "La recherche par mots n'a pas pu être chargée.";
      });
    }
    apply();
    return Promise.resolve();
  }

  form.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") return;
    history.pushState(null, "", toUrl());
    limit = pageSize;
    run();
  });
  text.addEventListener("input", function () {
    history.replaceState(null, "", toUrl());
    limit = pageSize;
    run();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    var hadFocus = document.activeElement === clear;
    groups.forEach(function (g) { g.boxes.forEach(function (b) { b.input.checked = false; }); });
    text.value = "";
    history.pushState(null, "", toUrl());
    limit = pageSize;
    run();
    // The button hides once nothing is left to clear: its focus goes to what comes next.
    if (hadFocus) (narrow() ? toggle : text).focus();
  });
  window.addEventListener("popstate", function (event) { fromUrl(event.state); run(); });

  // Arriving with words to find (Enter in the header search, a shared link): the results' heading
  // takes the focus, so the list is in view and the next Tab reaches the first result; the live
  // count says how many match. Not on a reload or a return through the history.
  var navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var arriving = new URLSearchParams(location.search).get("q") && !history.state
    && (!navigation || navigation.type === "navigate");

  fromUrl(history.state);
  run().then(function () {
    form.setAttribute("data-pret", "true");
    if (arriving) heading.focus();
    centre.idle(warmUp);
  });
}

centre.whenReady(start);
