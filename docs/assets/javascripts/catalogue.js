/* Facet filters of list pages (catalogue, pratiques, fiches, méthodologies).
 *
 * Cards carry their facets as data-* attributes (core/pages.py card()); the form comes from
 * core/catalogue.py, hidden until this script runs. Values of one facet are alternatives (OR),
 * facets combine (AND), free text goes through the search index (recherche.js). The state
 * lives in the URL: ?thematiques=logement,parentalite&publics=familles&q=pair+aidance
 */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form.filtres");
    var container = document.querySelector(".catalogue .cards");
    if (!form || !container) return;
    var engine = window.centreRecherche;
    var groups = Array.prototype.map.call(form.querySelectorAll(".filtre-groupe"), function (fieldset) {
      return {name: fieldset.getAttribute("data-filtre"), fieldset: fieldset,
              boxes: Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"))};
    });
    var cards = Array.prototype.map.call(container.querySelectorAll(".card"), function (el, position) {
      var facets = {};
      groups.forEach(function (g) {
        facets[g.name] = (el.getAttribute("data-" + g.name) || "").split(" ").filter(Boolean);
      });
      return {el: el, id: el.getAttribute("data-id"), facets: facets, position: position};
    });
    var text = form.querySelector("input[name=q]");
    var summary = form.querySelector(".filtres-bilan");
    var count = document.querySelector(".catalogue .count");
    var total = cards.length;
    var order = cards.slice();  // current order in the page

    // Values (and whole facets) absent from this page are not offered.
    groups.forEach(function (g) {
      var present = 0;
      g.boxes.forEach(function (box) {
        var used = cards.some(function (c) { return c.facets[g.name].indexOf(box.value) >= 0; });
        box.closest("li").hidden = !used;
        present += used ? 1 : 0;
      });
      g.fieldset.hidden = present < 2;
    });

    form.hidden = false;
    container.parentNode.insertBefore(form, count || container);

    function selection() {
      var selected = {};
      groups.forEach(function (g) {
        selected[g.name] = g.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return selected;
    }

    function matches(card, selected, except) {
      for (var i = 0; i < groups.length; i++) {
        var name = groups[i].name, wanted = selected[name];
        if (name === except || !wanted.length) continue;
        var has = card.facets[name], ok = false;
        for (var j = 0; j < wanted.length && !ok; j++) ok = has.indexOf(wanted[j]) >= 0;
        if (!ok) return false;
      }
      return true;
    }

    function textHits(query) {
      // id -> rank in the results, or null when there is no text to match.
      if (!query.trim()) return null;
      var ranks = new Map();
      engine.search(query).results.forEach(function (r, rank) { if (r.id) ranks.set(r.id, rank); });
      return ranks;
    }

    function apply() {
      var selected = selection();
      var query = text.value;
      var ranks = textHits(query);
      var pool = ranks ? cards.filter(function (c) { return ranks.has(c.id); }) : cards;
      var shown = 0;
      var visible = new Set();
      pool.forEach(function (c) { if (matches(c, selected)) { visible.add(c); shown++; } });
      cards.forEach(function (c) {
        var hide = !visible.has(c);
        if (c.el.hidden !== hide) c.el.hidden = hide;  // untouched cards cost no style work
      });
      // Best text matches first; without text, the page's own (alphabetical) order.
      var wanted = ranks ? cards.slice().sort(function (a, b) {
        var ra = ranks.has(a.id) ? ranks.get(a.id) : Infinity, rb = ranks.has(b.id) ? ranks.get(b.id) : Infinity;
        return ra - rb || a.position - b.position;
      }) : cards;
      if (wanted.some(function (c, i) { return order[i] !== c; })) {
        var fragment = document.createDocumentFragment();
        wanted.forEach(function (c) { fragment.appendChild(c.el); });
        container.appendChild(fragment);
        order = wanted.slice();
      }
      // Counts: how many cards each value would show, given the other facets and the text.
      groups.forEach(function (g) {
        var counts = {};
        pool.forEach(function (c) {
          if (!matches(c, selected, g.name)) return;
          c.facets[g.name].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        g.boxes.forEach(function (box) {
          var n = counts[box.value] || 0;
          box.parentNode.querySelector(".filtre-nombre").textContent = "(" + n + ")";
        });
      });
      var message = shown === total ? total + " ressource" + (total > 1 ? "s" : "")
        : shown + " ressource" + (shown > 1 ? "s" : "") + " sur " + total;
      if (count) count.textContent = message;
      form.setAttribute("data-texte", query.trim());  // which text the list now reflects (tests wait on it)
      summary.textContent = shown ? message + " affichée" + (shown > 1 ? "s" : "") + "."
        : "Aucune ressource ne correspond à ces filtres.";
    }

    function toUrl() {
      var params = new URLSearchParams(location.search);
      var selected = selection();
      groups.forEach(function (g) {
        if (selected[g.name].length) params.set(g.name, selected[g.name].join(","));
        else params.delete(g.name);
      });
      if (text.value.trim()) params.set("q", text.value.trim()); else params.delete("q");
      var search = params.toString();
      return location.pathname + (search ? "?" + search : "") + location.hash;
    }

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      groups.forEach(function (g) {
        var wanted = (params.get(g.name) || "").split(",");
        g.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
      });
      text.value = params.get("q") || "";
    }

    function run() {
      // Free text needs the index: load it first (only once, and only when text is used).
      if (text.value.trim() && engine) {
        return engine.load().then(apply, function () {
          summary.textContent = "La recherche par mots n'a pas pu être chargée.";
        });
      }
      apply();
      return Promise.resolve();
    }

    form.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox") return;
      history.pushState(null, "", toUrl());
      run();
    });
    text.addEventListener("input", function () {
      history.replaceState(null, "", toUrl());
      run();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      groups.forEach(function (g) { g.boxes.forEach(function (b) { b.checked = false; }); });
      text.value = "";
      history.pushState(null, "", toUrl());
      run();
    });
    window.addEventListener("popstate", function () { fromUrl(); run(); });

    fromUrl();
    run().then(function () { form.setAttribute("data-pret", "true"); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
