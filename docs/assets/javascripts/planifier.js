/* The participation planner (/planifier/): who, when, how and at which level, phase by phase.
 *
 * ES module, no library. The page (core/planner.py) holds its data in #planifier-data: the
 * vocabularies with their French labels, the methodologies and the fiches. The plan lives in
 * three places, all in the person's hands: a draft in localStorage, the address (#plan=…, a
 * compressed JSON that a colleague can open) and a downloaded YAML file (docs-dev/planner.md).
 * Without JavaScript the page is a blank worksheet to print; with it, the worksheet gives way
 * to the form and to the plan ready to print.
 */
import * as brouillon from "./brouillon.js";
import * as centre from "./centre.js";
import * as lien from "./lien.js";

const STORAGE_KEY = "centre-ressources:planificateur";
// The last few plans that were replaced (by a shared plan, a file, a methodology): one click away.
const RECENTS_KEY = "centre-ressources:planificateur:recents";
const FILE_FORMAT = "plan-de-participation";
// A plan file is a few kilobytes: a larger one is refused before it is read.
const MAX_FILE = 1024 * 1024;
// Longest texts a plan keeps (characters); longer ones, from a link, a file or storage, are cut.
const MAX_SHORT = 300;
const MAX_LONG = 3000;
// Longest lists (people, fiches, conditions) a plan keeps.
const MAX_ITEMS = 60;

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children || []) if (child) node.append(child);
  return node;
}

// « Plan sans nom », « Accueil social » : how a plan is named to the person.
const planName = (plan) => (plan.projet.trim() ? "« " + plan.projet.trim() + " »" : "sans nom");

// A clause inside a sentence: its own final full stop goes (« (…l'Insee.). » would print otherwise).
const clause = (text) => String(text || "").trim().replace(/\.+$/, "").trim();
// A sentence: ends with one mark, never two.
const sentence = (text) => {
  const t = String(text || "").trim();
  return !t || /[.!?…]$/.test(t) ? t : t + ".";
};

/* --- The plan: one shape for the draft, the address and the file ----------------------- */

function emptyPlan(data) {
  return {
    projet: "", territoire: "", publics: [], depuis: "",
    phases: data.phases.map((p) => ({phase: p.id, qui: [], autres: "", quand: "", comment: "", fiches: [],
                                      niveau: "", negociable: "", sans_participation: false, raison: ""})),
    conditions: data.conditions.map((c) => ({condition: c, prevue: false, qui: ""})),
    retour: "", reconnaissance: "", date: ""
  };
}

/* Anything read from outside (file, address, storage) goes through here: known keys, right types,
 * texts and lists cut to their limits. What was cut is said in `notes` (French, for the person). */
function normalise(data, raw, notes = []) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  let cut = false;
  const text = (value, limit) => {
    if (typeof value !== "string") return "";
    if (value.length <= limit) return value;
    cut = true;
    return value.slice(0, limit);
  };
  const list = (value) => {
    if (!Array.isArray(value)) return [];
    if (value.length > MAX_ITEMS) cut = true;
    return value.slice(0, MAX_ITEMS);
  };
  const strings = (value, limit = MAX_SHORT) => list(value).filter((v) => typeof v === "string").map((v) => text(v, limit));
  const known = (items) => new Set(items.map((t) => t.id));
  const territoires = known(data.territoires), publics = known(data.publics), methodologies = known(data.methodologies);
  const fiches = known(data.fiches), niveaux = known(data.niveaux);
  const plan = emptyPlan(data);
  plan.projet = text(raw.projet, MAX_SHORT);
  plan.territoire = territoires.has(raw.territoire) ? raw.territoire : "";
  plan.publics = strings(raw.publics).filter((id) => publics.has(id));
  plan.depuis = methodologies.has(raw.depuis) ? raw.depuis : "";
  const phases = list(raw.phases);
  plan.phases = plan.phases.map((empty) => {
    const given = phases.find((p) => p && p.phase === empty.phase) || {};
    return {
      phase: empty.phase, qui: strings(given.qui), autres: text(given.autres, MAX_SHORT), quand: text(given.quand, MAX_SHORT),
      comment: text(given.comment, MAX_LONG), fiches: strings(given.fiches).filter((id) => fiches.has(id)),
      niveau: niveaux.has(given.niveau) ? given.niveau : "",
      negociable: text(given.negociable, MAX_LONG), sans_participation: given.sans_participation === true,
      raison: text(given.raison, MAX_LONG)
    };
  });
  if (Array.isArray(raw.conditions)) {
    plan.conditions = list(raw.conditions).filter((c) => c && typeof c.condition === "string" && c.condition.trim())
      .map((c) => ({condition: text(c.condition, MAX_SHORT), prevue: c.prevue === true, qui: text(c.qui, MAX_SHORT)}));
  }
  plan.retour = text(raw.retour, MAX_LONG);
  plan.reconnaissance = text(raw.reconnaissance, MAX_LONG);
  plan.date = /^\d{4}-\d{2}-\d{2}$/.test(raw.date) ? raw.date : "";
  if (cut) {
    notes.push("Certains textes ou listes de ce plan dépassaient la longueur permise : ils ont été coupés "
      + "(" + MAX_LONG + " caractères par réponse au plus, " + MAX_SHORT + " pour un nom, " + MAX_ITEMS + " éléments par liste).");
  }
  return plan;
}

function fromMethodology(data, methodology) {
  const plan = emptyPlan(data);
  plan.depuis = methodology.id;
  plan.publics = methodology.publics.filter((id) => data.publics.some((t) => t.id === id));
  for (const phase of plan.phases) {
    const given = methodology.phases.find((p) => p.phase === phase.phase);
    if (!given) continue;
    phase.qui = given.qui.slice();
    phase.quand = given.quand;
    phase.niveau = given.niveau;
    phase.fiches = given.fiches.slice();
  }
  if (methodology.conditions.length) {
    plan.conditions = methodology.conditions.map((c) => ({condition: c, prevue: false, qui: ""}));
  }
  return plan;
}

/* --- The address: #plan=<deflate-raw JSON, base64url> (#plan0= uncompressed), through lien.js -- */

// Only what differs from an empty plan travels: the address stays short.
function compact(data, plan) {
  const empty = emptyPlan(data);
  const out = {};
  for (const key of ["projet", "territoire", "depuis", "retour", "reconnaissance", "date"]) if (plan[key]) out[key] = plan[key];
  if (plan.publics.length) out.publics = plan.publics;
  const phases = plan.phases.map((p) => {
    const kept = {phase: p.phase};
    for (const [key, value] of Object.entries(p)) {
      if (key !== "phase" && JSON.stringify(value) !== JSON.stringify(empty.phases[0][key])) kept[key] = value;
    }
    return kept;
  }).filter((p) => Object.keys(p).length > 1);
  if (phases.length) out.phases = phases;
  out.conditions = plan.conditions.map((c) => {
    const kept = {condition: c.condition};
    if (c.prevue) kept.prevue = true;
    if (c.qui) kept.qui = c.qui;
    return kept;
  });
  return out;
}

const encode = (data, plan) => lien.encode("plan", compact(data, plan));

/* --- The file: YAML whose `plan` is a JSON mapping (JSON is YAML) ------------------------ */

function toYaml(plan) {
  const body = JSON.stringify(plan, null, 2).split("\n").map((line) => "  " + line).join("\n");
  return "# Plan de participation enregistré par le planificateur du Centre de ressources du pouvoir d'agir.\n"
    + "# Pour le rouvrir : page « Planifier la participation », bouton « Ouvrir un plan enregistré ».\n"
    + "format: " + FILE_FORMAT + "\nversion: 1\nplan:\n" + body + "\n";
}

function fromYaml(data, text, notes) {
  if (!/^format:[ \t]*["']?plan-de-participation["']?[ \t]*$/m.test(text)) return null;
  const match = /^plan:[ \t]*\n?([\s\S]*)$/m.exec(text);
  if (!match) return null;
  try {
    return normalise(data, JSON.parse(match[1]), notes);
  } catch {
    return null;
  }
}

/* --- The page ---------------------------------------------------------------------------- */

function start() {
  const host = document.getElementById("planifier");
  const dataNode = document.getElementById("planifier-data");
  if (!host || !dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const label = (list, id) => (list.find((t) => t.id === id) || {}).label || "";
  const level = (id) => data.niveaux.find((n) => n.id === id);
  const fiches = new Map(data.fiches.map((f) => [f.id, f]));
  const fiche = (id) => fiches.get(id);
  const jours = brouillon.days(data);
  let plan = emptyPlan(data);
  const blankKey = JSON.stringify(compact(data, emptyPlan(data)));
  const isBlank = (p) => JSON.stringify(compact(data, p)) === blankKey;
  const same = (a, b) => JSON.stringify(compact(data, a)) === JSON.stringify(compact(data, b));

  document.documentElement.classList.add("planifier-js");
  const status = el("p", {"class": "planifier-status", role: "status", "aria-live": "polite"});
  const form = el("form", {"class": "planifier-form", novalidate: true, "aria-label": "Votre plan de participation"});
  const output = el("section", {"class": "planifier-plan", id: "planifier-plan", "aria-labelledby": "planifier-plan-titre"});
  form.addEventListener("submit", (event) => event.preventDefault());

  function field(labelText, control, help) {
    const id = control.id;
    const helpId = help ? id + "-aide" : null;
    if (helpId) control.setAttribute("aria-describedby", helpId);
    return el("div", {"class": "planifier-champ"}, [
      el("label", {"for": id, text: labelText}),
      help ? el("p", {"class": "planifier-aide", id: helpId, text: help}) : null,
      control]);
  }

  function checkboxes(legend, name, items, checked, extra) {
    return el("fieldset", {"class": "planifier-choix " + (extra || "")}, [
      el("legend", {text: legend}),
      ...items.map((item, index) => {
        const id = name + "-" + index;
        return el("div", {"class": "planifier-case-a-cocher"}, [
          el("input", {type: "checkbox", id, name, value: item.value, checked: checked.includes(item.value)}),
          el("label", {"for": id}, [item.text]), item.after || null]);
      })]);
  }

  function methodology() {
    return data.methodologies.find((m) => m.id === plan.depuis);
  }

  function quiSuggestions(phase) {
    const m = methodology();
    const fromMethod = m ? ((m.phases.find((p) => p.phase === phase.phase) || {}).qui || []) : [];
    const publics = plan.publics.map((id) => label(data.publics, id));
    return [...new Set([...fromMethod, ...publics, ...phase.qui])];
  }

  function ficheSuggestions(phase) {
    const listed = new Set();
    const m = methodology();
    if (m) for (const p of m.phases) if (p.phase === phase.phase) p.fiches.forEach((id) => listed.add(id));
    for (const f of data.fiches) if (f.phases.includes(phase.phase)) listed.add(f.id);
    for (const other of data.methodologies) {
      for (const p of other.phases) if (p.phase === phase.phase) p.fiches.forEach((id) => listed.add(id));
    }
    phase.fiches.forEach((id) => listed.add(id));
    // The fiches at the level the team commits to come first.
    return [...listed].map(fiche).filter(Boolean)
      .sort((a, b) => (b.niveau === phase.niveau) - (a.niveau === phase.niveau));
  }

  function quiBlock(phase, index) {
    return checkboxes("Qui associer ?", "qui-" + index,
      quiSuggestions(phase).map((q) => ({value: q, text: q})), phase.qui, "planifier-qui");
  }

  function phaseBlock(phase, index) {
    const term = data.phases[index];
    const m = methodology();
    const hint = m && (m.phases.find((p) => p.phase === phase.phase) || {}).quand;
    const levels = el("fieldset", {"class": "planifier-choix planifier-niveaux"}, [
      el("legend", {text: "Le niveau de participation auquel nous nous engageons"}),
      ...data.niveaux.map((n, i) => {
        const id = "niveau-" + index + "-" + i;
        return el("div", {"class": "planifier-case-a-cocher"}, [
          el("input", {type: "radio", id, name: "niveau-" + index, value: n.id, checked: phase.niveau === n.id}),
          el("label", {"for": id}, [el("strong", {text: n.label}), " : " + (n.description || "")])]);
      })]);
    const fiches = ficheSuggestions(phase);
    const none = el("input", {type: "checkbox", id: "sans-" + index, name: "sans-" + index, checked: phase.sans_participation});
    const section = el("section", {"class": "planifier-phase", "data-phase": phase.phase,
                                   "aria-labelledby": "phase-titre-" + index}, [
      el("h3", {id: "phase-titre-" + index, text: (index + 1) + ". " + term.label}),
      term.description ? el("p", {"class": "planifier-aide", text: term.description}) : null,
      el("div", {"class": "planifier-case-a-cocher planifier-sans"}, [none,
        el("label", {"for": "sans-" + index, text: "Pas de participation à cette phase"})]),
      el("div", {"class": "planifier-raison", hidden: !phase.sans_participation}, [
        field("Pourquoi ? (le plan le dira honnêtement)", el("textarea", {id: "raison-" + index, name: "raison-" + index, rows: "2"}))]),
      el("div", {"class": "planifier-detail", hidden: phase.sans_participation}, [
        quiBlock(phase, index),
        field("Autres personnes à associer", el("input", {type: "text", id: "autres-" + index, name: "autres-" + index}),
              "Séparez-les par des virgules."),
        field("Quand ?", el("input", {type: "text", id: "quand-" + index, name: "quand-" + index}),
              hint ? "Repère de la méthodologie : " + hint : "À quel moment du projet, avec quelles dates ?"),
        levels,
        fiches.length ? checkboxes("Comment ? Les fiches qui peuvent servir", "fiches-" + index, fiches.map((f) => ({
          value: f.id, text: f.titre + (f.niveau === phase.niveau ? " (à ce niveau)" : ""),
          after: el("a", {"class": "planifier-lire", href: f.url, target: "_blank", rel: "noopener", text: "lire",
                          "aria-label": "Lire la fiche « " + f.titre + " » (nouvel onglet)"})
        })), phase.fiches, "planifier-fiches") : null,
        fiches.length ? sessionButton(index) : null,
        field("Comment, en quelques mots", el("textarea", {id: "comment-" + index, name: "comment-" + index, rows: "2"})),
        field("Ce qui reste vraiment négociable à cette phase", el("textarea", {id: "negociable-" + index, name: "negociable-" + index, rows: "2"}),
              "Ce que les personnes associées peuvent encore changer, et ce qui est déjà décidé.")
      ])]);
    section.querySelector("#raison-" + index).value = phase.raison;
    section.querySelector("#autres-" + index).value = phase.autres;
    section.querySelector("#quand-" + index).value = phase.quand;
    section.querySelector("#comment-" + index).value = phase.comment;
    section.querySelector("#negociable-" + index).value = phase.negociable;
    return section;
  }

  // « Préparer une séance avec ces fiches »: the session builder (/seance/) with the fiches ticked for
  // this phase, read when the button is pressed (the ticks may have changed since the phase was drawn).
  function sessionButton(index) {
    const button = el("button", {type: "button", "class": "md-button planifier-seance",
                                 text: "Préparer une séance avec ces fiches"});
    const note = el("p", {"class": "planifier-aide", role: "status"});
    button.addEventListener("click", () => {
      const ids = [...form.querySelectorAll(`input[name="fiches-${index}"]:checked`)].map((i) => i.value);
      if (!ids.length) {
        note.textContent = centre.typo("Cochez d'abord au moins une fiche pour cette phase.");
        return;
      }
      window.location.href = centre.url("seance/?fiches=" + ids.map(encodeURIComponent).join(",")).href;
    });
    return el("div", {"class": "planifier-seance-lien"}, [button, note]);
  }

  function render() {
    form.textContent = "";
    const methodSelect = el("select", {id: "planifier-depuis", name: "depuis"}, [
      el("option", {value: "", text: "Aucune : je pars d'une page blanche"}),
      ...data.methodologies.map((m) => el("option", {value: m.id, text: m.titre, selected: plan.depuis === m.id}))]);
    const start = el("button", {type: "button", "class": "md-button planifier-prendre", text: "Préremplir le plan avec cette méthodologie"});
    const projet = el("input", {type: "text", id: "planifier-projet", name: "projet", autocomplete: "off"});
    projet.value = plan.projet;
    const territoire = el("select", {id: "planifier-territoire", name: "territoire"}, [
      el("option", {value: "", text: "Choisir un territoire"}),
      ...data.territoires.map((t) => el("option", {value: t.id, text: t.label, selected: plan.territoire === t.id}))]);
    const conditions = el("fieldset", {"class": "planifier-conditions"}, [
      el("legend", {text: "Les conditions de la participation, et qui s'en charge"}),
      el("p", {"class": "planifier-aide", text: "Cochez ce qui est prévu et notez qui s'en occupe."}),
      ...plan.conditions.map((c, i) => el("div", {"class": "planifier-condition"}, [
        el("div", {"class": "planifier-case-a-cocher"}, [
          el("input", {type: "checkbox", id: "condition-" + i, name: "condition-" + i, checked: c.prevue}),
          el("label", {"for": "condition-" + i, text: c.condition})]),
        // Nine fields "Qui s'en charge ?": each one's name also says its condition, for screen readers.
        el("label", {"for": "condition-qui-" + i, "class": "planifier-sous-label"}, [
          "Qui s'en charge ?", el("span", {"class": "planifier-masque", text: " (" + c.condition + ")"})]),
        el("input", {type: "text", id: "condition-qui-" + i, name: "condition-qui-" + i, value: c.qui})]))]);
    const retour = el("textarea", {id: "planifier-retour", name: "retour", rows: "3"});
    retour.value = plan.retour;
    const reconnaissance = el("textarea", {id: "planifier-reconnaissance", name: "reconnaissance", rows: "3"});
    reconnaissance.value = plan.reconnaissance;
    const date = el("input", {type: "date", id: "planifier-date", name: "date", value: plan.date});
    form.append(
      el("section", {"class": "planifier-partie", "aria-labelledby": "planifier-partie-1"}, [
        el("h2", {id: "planifier-partie-1", text: "1. Le projet"}),
        el("div", {"class": "planifier-depart"}, [
          field("Partir d'une méthodologie du centre", methodSelect,
                "Ses phases, ses niveaux, ses fiches et ses conditions remplissent le plan ; vous les changez ensuite."),
          start]),
        field("Nom du projet", projet),
        field("Territoire", territoire),
        checkboxes("Publics concernés", "publics", data.publics.map((t) => ({value: t.id, text: t.label})), plan.publics, "planifier-publics"),
        field("Date du plan", date)]),
      el("section", {"class": "planifier-partie", "aria-labelledby": "planifier-partie-2"}, [
        el("h2", {id: "planifier-partie-2", text: "2. Phase par phase : qui, quand, comment"}),
        ...plan.phases.map(phaseBlock)]),
      el("section", {"class": "planifier-partie", "aria-labelledby": "planifier-partie-3"}, [
        el("h2", {id: "planifier-partie-3", text: "3. Les conditions"}), conditions]),
      el("section", {"class": "planifier-partie", "aria-labelledby": "planifier-partie-4"}, [
        el("h2", {id: "planifier-partie-4", text: "4. Le retour et la reconnaissance"}),
        field("Comment rendrons-nous compte aux personnes de ce que nous avons fait de leurs contributions ?", retour),
        field("Comment reconnaîtrons-nous leur investissement et leur expertise ?", reconnaissance,
              data.reconnaissance ? "Voir la fiche « " + data.reconnaissance.titre + " »." : null),
        data.reconnaissance ? el("p", {}, [el("a", {href: data.reconnaissance.url, text: data.reconnaissance.titre})]) : null]));
    start.addEventListener("click", () => {
      const m = data.methodologies.find((x) => x.id === methodSelect.value);
      if (!m) return;
      const blank = JSON.stringify(compact(data, plan).phases || []) === "[]";
      if (!blank && !window.confirm("Remplacer les phases déjà remplies par celles de « " + m.titre + " » ?")) return;
      if (!blank) keepRecent(plan);
      const keep = {projet: plan.projet, territoire: plan.territoire, date: plan.date};
      plan = Object.assign(fromMethodology(data, m), keep);
      render();
      changed("Le plan est prérempli avec « " + m.titre + " ».");
      document.getElementById("planifier-depuis").focus();
    });
    renderPlan();
  }

  // The form -> the plan (the form is the truth while it is on screen).
  function collect() {
    const value = (name) => (form.elements[name] ? form.elements[name].value : "");
    const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    plan.projet = value("projet");
    plan.territoire = value("territoire");
    plan.publics = checked("publics");
    plan.date = value("date");
    plan.phases.forEach((phase, i) => {
      phase.qui = checked("qui-" + i);
      phase.autres = value("autres-" + i);
      phase.quand = value("quand-" + i);
      phase.comment = value("comment-" + i);
      phase.negociable = value("negociable-" + i);
      phase.raison = value("raison-" + i);
      phase.sans_participation = form.elements["sans-" + i].checked;
      phase.niveau = (form.querySelector(`input[name="niveau-${i}"]:checked`) || {}).value || "";
      phase.fiches = checked("fiches-" + i);
    });
    plan.conditions.forEach((c, i) => {
      c.prevue = form.elements["condition-" + i].checked;
      c.qui = value("condition-qui-" + i);
    });
    plan.retour = value("retour");
    plan.reconnaissance = value("reconnaissance");
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  function onEdit(event) {
    if (event.target.name === "depuis") return;  // applied by its button only
    collect();
    const name = event.target.name || "";
    if (name.startsWith("sans-")) {
      const section = event.target.closest(".planifier-phase");
      section.querySelector(".planifier-raison").hidden = !event.target.checked;
      section.querySelector(".planifier-detail").hidden = event.target.checked;
    }
    if (name === "publics") {
      // The people suggested at each phase follow the publics chosen.
      plan.phases.forEach((phase, i) => {
        const old = form.querySelector(`.planifier-phase[data-phase="${phase.phase}"] .planifier-qui`);
        old.replaceWith(quiBlock(phase, i));
      });
    }
    changed("");
  }

  let saving = 0;
  // Every change: the draft (dated) and the address follow the plan; a blank plan keeps nothing.
  async function changed(message) {
    if (isBlank(plan)) {
      brouillon.erase(STORAGE_KEY);
      draftNotice.update(null);
    } else {
      const stamp = brouillon.save(STORAGE_KEY, plan, {jours});
      draftNotice.update(stamp ? stamp.expires : null);
    }
    renderPlan();
    status.textContent = message;
    const ticket = ++saving;
    const hash = isBlank(plan) ? "" : "#" + await encode(data, plan);
    if (ticket === saving) history.replaceState(null, "", hash || location.pathname + location.search);
  }

  // A fiche in the printed plan: its title, its address, its QR code (built with the site, when
  // the site has a real address: core/planner.py).
  function ficheLine(f) {
    const address = f.adresse || new URL(f.url, window.location.href).href;
    return el("li", {"class": "plan-fiche"}, [
      f.qr ? el("img", {"class": "plan-fiche-qr", src: f.qr, alt: "Code QR vers la fiche « " + f.titre + " »"}) : null,
      el("span", {"class": "plan-fiche-titre", text: f.titre}),
      el("a", {"class": "plan-fiche-adresse", href: address, text: address})]);
  }

  /* The plan as it prints: title, team's choices per phase, conditions with owners, promise, date. */
  function renderPlan() {
    const m = methodology();
    const lines = (parts) => parts.filter(Boolean);
    const phases = plan.phases.map((p, i) => {
      const term = data.phases[i];
      if (p.sans_participation) {
        return el("li", {"class": "plan-phase plan-phase-sans"}, [
          el("h3", {text: term.label}),
          el("p", {}, [el("strong", {text: "Pas de participation à cette phase. "}), p.raison ? "Pourquoi : " + p.raison : "Raison non précisée."])]);
      }
      const who = [...p.qui, ...p.autres.split(",").map((s) => s.trim()).filter(Boolean)];
      const n = level(p.niveau);
      // « Comment »: the team's words, then each fiche on its own line with its address (and its QR
      // code when the site has a real address): paper keeps the way back to the fiche.
      const named = p.fiches.map(fiche).filter(Boolean);
      const how = !p.comment.trim() && !named.length ? "à décider" : [
        p.comment.trim() ? el("span", {"class": "plan-comment", text: p.comment}) : null,
        named.length ? el("ul", {"class": "plan-fiches", "aria-label": "Les fiches"}, named.map(ficheLine)) : null];
      return el("li", {"class": "plan-phase"}, [
        el("h3", {text: term.label}),
        el("dl", {"class": "plan-faits"}, lines([
          ["Niveau", n ? n.label + " : " + n.description : "à décider"],
          ["Qui", who.length ? who.join(" ; ") : "à décider"],
          ["Quand", p.quand || "à décider"],
          ["Comment", how],
          p.negociable ? ["Ce qui reste négociable", p.negociable] : null
        ]).map(([dt, dd]) => el("div", {}, [el("dt", {text: dt}),
                                            typeof dd === "string" ? el("dd", {text: dd}) : el("dd", {}, dd)])))]);
    });
    const conditions = plan.conditions.map((c) => el("tr", {}, [
      el("td", {text: c.condition}), el("td", {text: c.prevue ? "Prévu" : "À organiser"}), el("td", {text: c.qui || "—"})]));
    const date = plan.date ? new Date(plan.date + "T12:00:00").toLocaleDateString("fr-FR", {day: "numeric", month: "long", year: "numeric"})
      .replace(/^1 /, "1er ") : "";  // French: « 1er décembre »
    output.textContent = "";
    output.append(
      el("h2", {id: "planifier-plan-titre", text: "Plan de participation" + (plan.projet ? " : " + plan.projet : "")}),
      el("p", {"class": "plan-entete"}, [lines([
        plan.territoire ? "Territoire : " + label(data.territoires, plan.territoire) : null,
        plan.publics.length ? "Publics concernés : " + plan.publics.map((id) => label(data.publics, id)).join(", ") : null,
        m ? "Méthodologie : " + m.titre : null,
        date ? "Date : " + date : null]).map(sentence).join(" ") || "Le plan se remplit au fur et à mesure du formulaire."]),
      el("ol", {"class": "plan-phases"}, phases),
      el("h3", {"class": "plan-sous-titre", text: "Les conditions"}),
      el("table", {"class": "plan-conditions"}, [
        el("thead", {}, [el("tr", {}, [el("th", {scope: "col", text: "Condition"}), el("th", {scope: "col", text: "État"}),
                                         el("th", {scope: "col", text: "Qui s'en charge"})])]),
        el("tbody", {}, conditions)]),
      el("h3", {"class": "plan-sous-titre", text: "Notre engagement de retour"}),
      el("p", {text: plan.retour || "À décider."}),
      el("h3", {"class": "plan-sous-titre", text: "La reconnaissance des personnes"}),
      el("p", {text: plan.reconnaissance || "À décider."}));
  }

  /* Actions */
  function download() {
    const name = (plan.projet || "plan").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "plan";
    const link = el("a", {download: "plan-de-participation-" + name + ".yml"});
    link.href = URL.createObjectURL(new Blob([toYaml(plan)], {type: "text/yaml;charset=utf-8"}));
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    status.textContent = "Le plan est téléchargé.";
  }

  function fileProblem(message) {
    fileError.hidden = false;
    fileError.textContent = message;
    fileInput.setAttribute("aria-invalid", "true");
    fileInput.focus();
  }

  function openFile(file) {
    // Refused before reading: a plan file is a few kilobytes, an 8 MB file is something else.
    if (file.size > MAX_FILE) {
      fileProblem("Ce fichier fait " + (file.size / 1024 / 1024).toLocaleString("fr-FR", {maximumFractionDigits: 1})
        + " Mo : un plan enregistré par ce planificateur fait quelques kilo-octets (" + MAX_FILE / 1024 / 1024
        + " Mo au plus). Il n'a pas été ouvert ; le plan à l'écran est gardé.");
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const notes = [];
      const loaded = fromYaml(data, String(reader.result), notes);
      if (!loaded) {
        fileProblem("Ce fichier n'est pas un plan de participation enregistré par ce planificateur. "
          + "Choisissez le fichier .yml téléchargé depuis cette page.");
        return;
      }
      fileError.hidden = true;
      fileInput.removeAttribute("aria-invalid");
      const kept = replace(loaded);
      render();
      changed(["Le plan " + planName(plan) + " est ouvert.", kept, ...notes].filter(Boolean).join(" "));
    };
    reader.onerror = () => fileProblem("Ce fichier ne peut pas être lu.");
    reader.readAsText(file);
  }

  /* --- Plans récents: what was replaced stays one click away ------------------------------ */

  const recentsList = el("ul", {"class": "planifier-recents-liste"});
  const recents = el("section", {"class": "planifier-recents", "aria-labelledby": "planifier-recents-titre", hidden: true}, [
    el("h2", {id: "planifier-recents-titre", text: "Plans récents"}),
    el("p", {"class": "planifier-aide", text: "Les derniers plans remplacés sur cet ordinateur (" + brouillon.MAX_RECENT
      + " au plus, " + jours + " jours au plus). Rouvrir l'un d'eux range le plan à l'écran ici."}),
    recentsList]);

  function showRecents() {
    const items = brouillon.recent(RECENTS_KEY, {jours});
    recentsList.textContent = "";
    for (const item of items) {
      const name = item.titre.trim() ? "« " + item.titre.trim() + " »" : "Plan sans nom";
      const when = brouillon.frenchDate(new Date(item.date));
      const reopen = el("button", {type: "button", "class": "md-button planifier-rouvrir", text: "Rouvrir",
                                   "aria-label": "Rouvrir le plan " + name + ", rangé le " + when});
      reopen.addEventListener("click", () => {
        const chosen = normalise(data, item.contenu);
        if (!chosen) return;
        brouillon.forget(RECENTS_KEY, item.contenu, {jours});
        const kept = replace(chosen);
        render();
        changed(["Le plan " + planName(plan) + " est rouvert.", kept].filter(Boolean).join(" "));
        document.getElementById("planifier-projet").focus();
      });
      recentsList.append(el("li", {"class": "planifier-recent"}, [
        el("span", {"class": "planifier-recent-nom", text: name}),
        el("span", {"class": "planifier-recent-date", text: " rangé le " + when + " "}), reopen]));
    }
    recents.hidden = items.length === 0;
  }

  // Keep `p` among the recent plans (nothing for a blank plan).
  function keepRecent(p) {
    if (isBlank(p)) return;
    brouillon.remember(RECENTS_KEY, p.projet.trim(), compact(data, p), {jours});
    showRecents();
  }

  // `next` becomes the plan; the one on screen, if it holds anything and differs, goes to the recent plans.
  // Returns the sentence that says so, or "".
  function replace(next) {
    const before = plan;
    plan = next;
    if (isBlank(before) || same(before, next)) return "";
    keepRecent(before);
    return "Le plan " + planName(before) + " est rangé dans « Plans récents ».";
  }

  async function story() {
    const committed = plan.phases.filter((p) => !p.sans_participation && p.niveau);
    const order = data.niveaux.map((n) => n.id);
    const top = committed.map((p) => p.niveau).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
    const paragraphs = plan.phases.map((p, i) => {
      const term = data.phases[i];
      if (p.sans_participation) {
        return "**" + term.label + "** : pas de participation à cette phase" + (clause(p.raison) ? " (" + clause(p.raison) + ")." : ".");
      }
      const who = [...p.qui, ...p.autres.split(",").map((s) => s.trim()).filter(Boolean)];
      const n = level(p.niveau);
      return "**" + term.label + "**" + (p.quand ? " (" + p.quand + ")" : "") + " : "
        + lines2([who.length ? "avec " + who.join(", ") : "", n ? "niveau de participation : " + n.label.toLowerCase() : "",
                  clause(p.comment), p.fiches.length ? "fiches utilisées : " + p.fiches.map((id) => (fiche(id) || {}).titre).join(", ") : ""])
          .join(" ; ") + ".";
    });
    const record = {};
    if (plan.projet.trim()) record.titre = plan.projet.trim().slice(0, 120);
    if (plan.territoire) record.territoires = [plan.territoire];
    if (plan.publics.length) record.publics = plan.publics.slice();
    if (top) record.niveau_participation = top;
    record.deroulement = paragraphs.join("\n\n") + "\n";
    if (plan.retour.trim()) record.deroulement += "\n**Retour aux personnes** : " + sentence(plan.retour) + "\n";
    // The form opens it as a proposal link (lien.js): over a draft of its own, the form asks which
    // to open and keeps the other one click away; nothing is written here.
    const token = await lien.encode("proposition", {proposition: 1, depuis: "planificateur", collection: data.proposer.collection, id: "", contenu: record});
    window.location.href = data.proposer.url + "#" + token;
  }
  const lines2 = (parts) => parts.map((s) => (s || "").trim()).filter(Boolean);

  const fileInput = el("input", {type: "file", id: "planifier-fichier", accept: ".yml,.yaml,text/yaml,text/plain",
                                 "aria-describedby": "planifier-fichier-erreur"});
  const fileError = el("p", {"class": "planifier-erreur", id: "planifier-fichier-erreur", hidden: true});
  fileInput.addEventListener("change", () => { if (fileInput.files[0]) openFile(fileInput.files[0]); });
  const button = (text, cls, action) => {
    const b = el("button", {type: "button", "class": "md-button " + cls, text});
    b.addEventListener("click", action);
    return b;
  };
  const copyLink = button("Copier le lien du plan", "planifier-lien", async () => {
    await changed("");
    const done = () => { status.textContent = "Le lien est copié : un ou une collègue qui l'ouvre voit ce plan."; };
    try { await navigator.clipboard.writeText(window.location.href); done(); } catch {
      status.textContent = "Copiez l'adresse de la page : elle contient le plan.";
    }
  });
  const actions = el("div", {"class": "planifier-actions", role: "group", "aria-label": "Enregistrer et partager le plan"}, [
    button("Imprimer le plan", "md-button--primary planifier-imprimer", () => window.print()),
    button("Télécharger le plan", "planifier-telecharger", download),
    copyLink,
    button("Raconter cette action", "planifier-raconter", story)]);
  const opener = el("div", {"class": "planifier-ouvrir"}, [
    el("label", {"for": "planifier-fichier", text: "Ouvrir un plan enregistré (fichier .yml)"}), fileInput, fileError]);
  const help = el("p", {"class": "planifier-aide", text: "« Raconter cette action », une fois "
    + "le projet mené, ouvre le formulaire « Proposer une pratique » déjà rempli avec ce plan."});
  // Next to the draft: where it is kept, until when, and « Effacer », always there.
  const draftNotice = brouillon.notice({className: "planifier-brouillon", onErase: () => {
    if (!window.confirm("Effacer de cet ordinateur le plan en cours et les plans récents ?")) return;
    brouillon.erase(STORAGE_KEY);
    brouillon.erase(RECENTS_KEY);
    plan = emptyPlan(data);
    render();
    showRecents();
    changed("Le plan et les plans récents sont effacés de cet ordinateur.");
  }});
  draftNotice.element.querySelector("button").classList.add("planifier-effacer");
  const linkError = el("p", {"class": "planifier-erreur planifier-lien-erreur", id: "planifier-lien-erreur", role: "alert"});
  host.append(el("div", {"class": "planifier-barre"}, [linkError, actions, opener, help, draftNotice.element, status]), recents, form,
              el("h2", {"class": "planifier-apercu-titre", text: "Le plan, tel qu'il s'imprime"}), output);

  /* --- Arrivals: a shared plan's link, a methodology, the draft ------------------------------ */

  // The choice when a plan arrives over a different draft: a native modal dialog (focus moves in,
  // Échap keeps the draft, focus comes back). Whichever is not opened goes to « Plans récents ».
  // Outside the page's content (a child of body): md-typeset gives it the site's buttons and text.
  const dialog = el("dialog", {"class": "md-typeset planifier-choix-dialogue", "aria-labelledby": "planifier-choix-titre",
                               "aria-describedby": "planifier-choix-texte"});
  document.body.append(dialog);
  let pending = null;
  dialog.addEventListener("close", () => {
    if (!pending) return;
    const {incoming, kind} = pending;
    pending = null;
    if (dialog.returnValue === "ouvrir") {
      const kept = replace(incoming);
      render();
      changed(["Le plan " + kind + " " + planName(plan) + " est ouvert.", kept].filter(Boolean).join(" "));
    } else {
      keepRecent(incoming);
      changed("Votre brouillon " + planName(plan) + " est gardé. Le plan " + kind + " " + planName(incoming)
        + " est rangé dans « Plans récents ».");
    }
    document.getElementById("planifier-projet").focus();
  });

  function ask(incoming, kind, what) {
    const draftName = planName(plan);
    dialog.textContent = "";
    const choice = (value, text, cls) => {
      const b = el("button", {type: "button", "class": "md-button " + cls, value, text});
      b.addEventListener("click", () => dialog.close(value));
      return b;
    };
    dialog.append(
      el("h2", {id: "planifier-choix-titre", text: what + ", et vous avez déjà un brouillon"}),
      el("div", {id: "planifier-choix-texte"}, [
        el("p", {text: "Le plan " + kind + " : " + planName(incoming) + "."}),
        el("p", {text: "Votre brouillon sur cet ordinateur : " + draftName + "."}),
        el("p", {text: "Celui que vous n'ouvrez pas est rangé dans « Plans récents », sur cette page : "
          + "vous le rouvrez en un clic."})]),
      el("div", {"class": "planifier-choix-boutons"}, [
        choice("ouvrir", kind === "partagé" ? "Ouvrir le plan partagé" : "Ouvrir le plan prérempli",
               "md-button--primary planifier-choix-ouvrir"),
        choice("garder", "Garder mon brouillon", "planifier-choix-garder")]));
    pending = {incoming, kind};
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector(".planifier-choix-ouvrir").focus();
  }

  // A page load or a pasted link (hashchange): the same rules. `current` is the plan the person has.
  async function arrive(current) {
    if (pending) {  // a second link while the first is still asked about: that question is dropped
      pending = null;
      dialog.close();
    }
    linkError.textContent = "";
    const notes = [];
    let incoming = null, kind = "partagé", what = "Un plan partagé arrive par ce lien";
    try {
      const raw = await lien.decode("plan", window.location.hash);
      if (raw !== null) {
        incoming = normalise(data, raw, notes);
        if (!incoming) throw new lien.LinkError("Ce lien ne contient pas un plan de participation : il n'a pas été ouvert.");
      }
    } catch (error) {
      incoming = null;
      linkError.textContent = (error instanceof lien.LinkError ? error.message
        : "Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.") + " Votre brouillon est gardé.";
    }
    if (!incoming && !linkError.textContent) {
      const depuis = new URLSearchParams(window.location.search).get("depuis");
      const method = data.methodologies.find((m) => m.id === depuis);
      if (method && !(current && current.depuis === method.id)) {
        incoming = fromMethodology(data, method);
        kind = "prérempli";
        what = "Un plan prérempli avec « " + method.titre + " » est proposé";
      }
    }
    if (incoming && current && !isBlank(current) && !same(current, incoming)) {
      plan = current;
      render();
      renderPlan();
      ask(incoming, kind, what);
      status.textContent = notes.join(" ");
      return;
    }
    plan = incoming || current || emptyPlan(data);
    render();
    changed(notes.join(" "));
  }

  showRecents();
  const found = brouillon.load(STORAGE_KEY, {jours});
  if (found && found.expires) draftNotice.update(found.expires);
  if (found && found.expired) draftNotice.say(brouillon.expiredText(jours));
  else if (found && found.tooLarge) draftNotice.say(brouillon.UNREADABLE_TEXT);
  const draftNotes = [];
  const saved = found && "value" in found ? normalise(data, found.value, draftNotes) : null;
  arrive(saved).then(() => { if (draftNotes.length) status.textContent = draftNotes.join(" "); });
  window.addEventListener("hashchange", () => {
    // Our own address updates use replaceState (no event): this is a link pasted into this tab.
    if (!lien.carries("plan", window.location.hash)) return;
    collect();
    arrive(plan);
  });
}

centre.whenReady(start);
