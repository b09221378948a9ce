/* Printing on the site, with no server: the "Imprimer" buttons and "mon kit".
   The kit is a list of fiche ids and titles kept in localStorage. The "mon kit" page fetches each
   fiche page of this same site, takes its record body (what the fiche page prints) and assembles
   them, in the reader's order, into one document for the browser's print dialog.
   An ES module, deferred like every module: it runs once the document is parsed. */
import * as centre from "./centre.js";

const storageKey = "centre-ressources.mon-kit";
const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function load() {
  try {
    const items = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
    return Array.isArray(items) ? items.filter((item) => (
      item && typeof item.id === "string" && idPattern.test(item.id) && typeof item.title === "string"
    )) : [];
  } catch {
    return [];
  }
}

function save(items) {
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(items));
  } catch { /* storage disabled: the kit lives as long as the page */ }
}

function has(items, id) {
  return items.some((item) => item.id === id);
}

function ficheUrl(id) { return centre.url("fiches/" + id + "/").href; }

// --- print buttons ---------------------------------------------------------------
function setupPrintButtons() {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => { window.print(); });
  });
}

// --- "Ajouter à mon kit" on fiche pages and on fiche cards -------------------------
function toggle(id, title, wanted) {
  const items = load().filter((item) => item.id !== id);
  if (wanted) items.push({id, title});
  save(items);
  return items;
}

// A checkbox on each fiche card; catalogue.js attaches cards page by page (centre.events.cards).
function addCardChecks(cards) {
  for (const card of cards) {
    const id = card.dataset.id;
    const link = card.querySelector(".card-title a");
    if (!card.classList.contains("card-fiches") || card.querySelector(".kit-check") || !idPattern.test(id || "") || !link) continue;
    const label = document.createElement("label");
    label.className = "kit-check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = has(load(), id);
    // Visible label first (label in name), then which fiche: every card has the same visible text.
    box.setAttribute("aria-label", "Ajouter à mon kit : " + link.textContent);
    box.addEventListener("change", () => { toggle(id, link.textContent, box.checked); });
    label.append(box, " Ajouter à mon kit");
    card.append(label);
  }
}
// Whichever of catalogue.js and this module runs first, every card gets its checkbox: start()
// covers the cards in the document then, this listener those attached afterwards.
document.addEventListener(centre.events.cards, (event) => { addCardChecks(event.detail.cards); });

function setupToggleButtons() {
  document.querySelectorAll(".kit-toggle").forEach((button) => {
    const id = button.dataset.kitId;
    const title = button.dataset.kitTitle;
    const status = document.createElement("span");
    status.className = "kit-toggle-status";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    function render(announce) {
      const items = load();
      const inKit = has(items, id);
      button.textContent = inKit ? "Retirer de mon kit" : "Ajouter à mon kit";
      button.setAttribute("aria-pressed", inKit ? "true" : "false");
      status.innerHTML = "";
      if (announce) status.append((inKit ? "Fiche ajoutée. " : "Fiche retirée. "));
      const link = document.createElement("a");
      link.href = centre.url("kits/mon-kit/").href;
      link.className = "kit-link";
      link.textContent = "Voir mon kit (" + centre.plural(items.length, "fiche") + ")";
      status.append(link);
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      toggle(id, title, !has(load(), id));
      render(true);
    });
    render(false);
  });
  addCardChecks(document.querySelectorAll(".card-fiches[data-id]"));
  document.querySelectorAll(".kit[data-kit]").forEach((section) => {
    const button = section.querySelector(".kit-load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const items = load();
      section.querySelectorAll("[data-fiche-id]").forEach((li) => {
        if (!has(items, li.dataset.ficheId)) items.push({id: li.dataset.ficheId, title: li.dataset.ficheTitle});
      });
      save(items);
      button.textContent = "Copiées dans mon kit (" + centre.plural(items.length, "fiche") + ")";
    });
  });
}

// --- the "mon kit" page -------------------------------------------------------------
function setupKitPage(app) {
  const list = app.querySelector(".kit-list");
  const empty = app.querySelector(".kit-empty");
  const status = app.querySelector(".kit-status");
  const printButton = app.querySelector(".kit-print-button");
  const clearButton = app.querySelector(".kit-clear");
  const printArea = document.getElementById("kit-print");
  const bodies = {};  // id -> promise of the fiche's record element

  function fetchBody(id) {
    if (!bodies[id]) {
      bodies[id] = fetch(ficheUrl(id)).then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then((text) => {
        const record = new DOMParser().parseFromString(text, "text/html").querySelector(".record");
        if (!record) throw new Error("no record");
        record.querySelectorAll(".record-actions, .headerlink").forEach((node) => { node.remove(); });
        const imported = document.importNode(record, true);
        // The fiche's printable supports (core/supports.py) print after it, each on its own sheet.
        const supportIds = Array.from(record.querySelectorAll(".supports-list [data-support]"),
          (item) => item.dataset.support).filter((sid) => idPattern.test(sid));
        return Promise.all(supportIds.map(fetchSupport)).then((sheets) => {
          imported.kitSupports = sheets;
          return imported;
        });
      });
    }
    return bodies[id];
  }

  // Support pages sit at the same depth as this page too (supports/<id>/).
  function fetchSupport(sid) {
    return fetch(centre.url("supports/" + sid + "/").href).then((response) => {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then((text) => {
      const sheet = new DOMParser().parseFromString(text, "text/html").querySelector(".support-page");
      if (!sheet) throw new Error("no support");
      sheet.querySelectorAll(".support-tools, .md-content__button, .headerlink").forEach((node) => { node.remove(); });
      return document.importNode(sheet, true);
    });
  }

  // Fiche pages sit at the same depth as this page: their relative links stay right.
  function assemble(items) {
    return Promise.all(items.map((item) => fetchBody(item.id))).then((records) => {
      const cover = document.createElement("section");
      cover.className = "kit-cover";
      const title = document.createElement("h1");
      title.className = "kit-title";
      title.textContent = "Mon kit";
      const toc = document.createElement("ol");
      items.forEach((item) => {
        const li = document.createElement("li");
        li.textContent = item.title;
        toc.append(li);
      });
      cover.append(title, toc);
      printArea.replaceChildren(cover);
      records.forEach((record, index) => {
        const section = document.createElement("section");
        section.className = "kit-fiche";
        section.dataset.kitId = items[index].id;
        section.append(record.cloneNode(true));
        printArea.append(section);
        (record.kitSupports || []).forEach((sheet) => {
          const part = document.createElement("section");
          part.className = "kit-support";
          part.dataset.supportId = sheet.dataset.supportId;
          part.append(sheet.cloneNode(true));
          printArea.append(part);
        });
      });
      return items.length;
    });
  }

  let ready = Promise.resolve(0);

  function move(index, step, focusClass) {
    const items = load();
    const target = index + step;
    if (target < 0 || target >= items.length) return;
    const moved = items.splice(index, 1)[0];
    items.splice(target, 0, moved);
    save(items);
    render();
    status.textContent = "« " + moved.title + " » est maintenant en position " + (target + 1) + " sur " + items.length + ".";
    const buttons = list.children[target].querySelectorAll("button");
    const again = list.children[target].querySelector("." + focusClass);
    (again && !again.disabled ? again : buttons[0].disabled ? buttons[1] : buttons[0]).focus();
  }

  function button(label, className, text, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + className;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function render() {
    const items = load();
    list.replaceChildren();
    items.forEach((item, index) => {
      const li = document.createElement("li");
      li.dataset.kitId = item.id;
      const link = document.createElement("a");
      link.href = ficheUrl(item.id);
      link.textContent = item.title;
      const up = button("Monter « " + item.title + " »", "kit-up", "Monter", () => { move(index, -1, "kit-up"); });
      const down = button("Descendre « " + item.title + " »", "kit-down", "Descendre", () => { move(index, 1, "kit-down"); });
      const remove = button("Retirer « " + item.title + " » du kit", "kit-remove", "Retirer", () => {
        save(load().filter((other) => other.id !== item.id));
        render();
        status.textContent = "« " + item.title + " » a été retirée du kit.";
        (list.querySelector(".kit-remove") || printButton).focus();
      });
      up.disabled = index === 0;
      down.disabled = index === items.length - 1;
      const tools = document.createElement("span");
      tools.className = "kit-tools";
      tools.append(up, " ", down, " ", remove);
      li.append(link, " ", tools);
      list.append(li);
    });
    empty.hidden = items.length > 0;
    printButton.hidden = clearButton.hidden = items.length === 0;
    ready = assemble(items).catch(() => {
      status.textContent = "Une fiche n'a pas pu être chargée : vérifiez la connexion au site, puis rechargez la page.";
      return -1;
    });
    app.dataset.count = String(items.length);
  }

  printButton.addEventListener("click", () => {
    ready.then((count) => { if (count > 0) window.print(); });
  });
  clearButton.addEventListener("click", () => {
    save([]);
    render();
    status.textContent = "Le kit est vide.";
  });
  render();
  window.centreKitReady = () => ready;  // for tests and for scripts that print
}

function start() {
  setupPrintButtons();
  setupToggleButtons();
  const app = document.querySelector("[data-kit-app]");
  if (app) setupKitPage(app);
}

centre.whenReady(start);
