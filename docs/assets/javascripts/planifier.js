/* The participation planner (/planifier/): who, when, how and at which level, phase by phase.
 *
 * ES module, no library. The page (core/planner.py) holds its data in #planifier-data: the
 * vocabularies with their French labels, the methodologies and the fiches. The plan lives in
 * three places, all in the person's hands: a draft in localStorage, the address (#plan=…, a
 * compressed JSON that a colleague can open) and a downloaded YAML file (docs-dev/planner.md).
 * Without JavaScript the page is a blank worksheet to print; with it, the worksheet gives way
 * to the form and to the plan ready to print.
 */
import * as centre from "./centre.js";

const STORAGE_KEY = "centre-ressources:planificateur";
const FILE_FORMAT = "plan-de-participation";

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

const str = (value) => (typeof value === "string" ? value : "");
const strings = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string") : []);

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

// Anything read from outside (file, address, storage) goes through here: known keys, right types.
function normalise(data, raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const plan = emptyPlan(data);
  plan.projet = str(raw.projet);
  plan.territoire = data.territoires.some((t) => t.id === raw.territoire) ? raw.territoire : "";
  plan.publics = strings(raw.publics).filter((id) => data.publics.some((t) => t.id === id));
  plan.depuis = data.methodologies.some((m) => m.id === raw.depuis) ? raw.depuis : "";
  const phases = Array.isArray(raw.phases) ? raw.phases : [];
  plan.phases = plan.phases.map((empty) => {
    const given = phases.find((p) => p && p.phase === empty.phase) || {};
    return {
      phase: empty.phase, qui: strings(given.qui), autres: str(given.autres), quand: str(given.quand),
      comment: str(given.comment), fiches: strings(given.fiches).filter((id) => data.fiches.some((f) => f.id === id)),
      niveau: data.niveaux.some((n) => n.id === given.niveau) ? given.niveau : "",
      negociable: str(given.negociable), sans_participation: given.sans_participation === true, raison: str(given.raison)
    };
  });
  if (Array.isArray(raw.conditions)) {
    plan.conditions = raw.conditions.filter((c) => c && typeof c.condition === "string" && c.condition.trim())
      .map((c) => ({condition: c.condition, prevue: c.prevue === true, qui: str(c.qui)}));
  }
  plan.retour = str(raw.retour);
  plan.reconnaissance = str(raw.reconnaissance);
  plan.date = str(raw.date);
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

/* --- The address: #plan=<deflate-raw JSON, base64url> (#plan0= uncompressed) ------------ */

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

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

async function encode(data, plan) {
  const bytes = new TextEncoder().encode(JSON.stringify(compact(data, plan)));
  if (window.CompressionStream) return "plan=" + toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
  return "plan0=" + toBase64Url(bytes);
}

async function decode(data, hash) {
  const match = /^#?(plan0?)=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === "plan") bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    return normalise(data, JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    return null;
  }
}

/* --- The file: YAML whose `plan` is a JSON mapping (JSON is YAML) ------------------------ */

function toYaml(plan) {
  const body = JSON.stringify(plan, null, 2).split("\n").map((line) => "  " + line).join("\n");
  return "# Plan de participation enregistré par le planificateur du Centre de ressources du pouvoir d'agir.\n"
    + "# Pour le rouvrir : page « Planifier la participation », bouton « Ouvrir un plan enregistré ».\n"
    + "format: " + FILE_FORMAT + "\nversion: 1\nplan:\n" + body + "\n";
}

function fromYaml(data, text) {
  if (!/^format:[ \t]*["']?plan-de-participation["']?[ \t]*$/m.test(text)) return null;
  const match = /^plan:[ \t]*\n?([\s\S]*)$/m.exec(text);
  if (!match) return null;
  try {
    return normalise(data, JSON.parse(match[1]));
  } catch (error) {
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
  const fiche = (id) => data.fiches.find((f) => f.id === id);
  let plan = emptyPlan(data);

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
  async function changed(message) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(plan));
    } catch (error) { /* private browsing: the plan still lives in the address */ }
    renderPlan();
    status.textContent = message;
    const ticket = ++saving;
    const hash = await encode(data, plan);
    if (ticket === saving) history.replaceState(null, "", "#" + hash);
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
      const how = lines([p.comment, p.fiches.map((id) => (fiche(id) || {}).titre).filter(Boolean).join(" ; ")]).join(" — ");
      return el("li", {"class": "plan-phase"}, [
        el("h3", {text: term.label}),
        el("dl", {"class": "plan-faits"}, lines([
          ["Niveau", n ? n.label + " : " + n.description : "à décider"],
          ["Qui", who.length ? who.join(" ; ") : "à décider"],
          ["Quand", p.quand || "à décider"],
          ["Comment", how || "à décider"],
          p.negociable ? ["Ce qui reste négociable", p.negociable] : null
        ]).map(([dt, dd]) => el("div", {}, [el("dt", {text: dt}), el("dd", {text: dd})])))]);
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
        date ? "Date : " + date : null]).join(". ") || "Le plan se remplit au fur et à mesure du formulaire."]),
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

  function openFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      const loaded = fromYaml(data, String(reader.result));
      if (!loaded) {
        fileError.hidden = false;
        fileError.textContent = "Ce fichier n'est pas un plan de participation enregistré par ce planificateur. "
          + "Choisissez le fichier .yml téléchargé depuis cette page.";
        fileInput.setAttribute("aria-invalid", "true");
        fileInput.focus();
        return;
      }
      fileError.hidden = true;
      fileInput.removeAttribute("aria-invalid");
      plan = loaded;
      render();
      changed("Le plan « " + (plan.projet || "sans nom") + " » est ouvert.");
    };
    reader.onerror = () => { fileError.hidden = false; fileError.textContent = "Ce fichier ne peut pas être lu."; };
    reader.readAsText(file);
  }

  function story() {
    const committed = plan.phases.filter((p) => !p.sans_participation && p.niveau);
    const order = data.niveaux.map((n) => n.id);
    const top = committed.map((p) => p.niveau).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
    const paragraphs = plan.phases.map((p, i) => {
      const term = data.phases[i];
      if (p.sans_participation) return "**" + term.label + "** : pas de participation à cette phase" + (p.raison ? " (" + p.raison + ")." : ".");
      const who = [...p.qui, ...p.autres.split(",").map((s) => s.trim()).filter(Boolean)];
      const n = level(p.niveau);
      return "**" + term.label + "**" + (p.quand ? " (" + p.quand + ")" : "") + " : "
        + lines2([who.length ? "avec " + who.join(", ") : "", n ? "niveau de participation : " + n.label.toLowerCase() : "",
                  p.comment, p.fiches.length ? "fiches utilisées : " + p.fiches.map((id) => (fiche(id) || {}).titre).join(", ") : ""])
          .join(" ; ") + ".";
    });
    const record = {};
    if (plan.projet.trim()) record.titre = plan.projet.trim().slice(0, 120);
    if (plan.territoire) record.territoires = [plan.territoire];
    if (plan.publics.length) record.publics = plan.publics.slice();
    if (top) record.niveau_participation = top;
    record.deroulement = paragraphs.join("\n\n") + "\n";
    if (plan.retour.trim()) record.deroulement += "\n**Retour aux personnes** : " + plan.retour.trim() + "\n";
    let existing = null;
    try { existing = JSON.parse(localStorage.getItem(data.proposer.brouillon) || "null"); } catch (error) { existing = null; }
    if (existing && existing.record && existing.record.titre
        && !window.confirm("Un brouillon de pratique existe déjà dans ce navigateur. Le remplacer par cette action ?")) return;
    try {
      localStorage.setItem(data.proposer.brouillon, JSON.stringify({record, id: "", idEdited: false}));
    } catch (error) { /* storage disabled: the form opens empty */ }
    window.location.href = data.proposer.url;
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
    try { await navigator.clipboard.writeText(window.location.href); done(); } catch (error) {
      status.textContent = "Copiez l'adresse de la page : elle contient le plan.";
    }
  });
  const actions = el("div", {"class": "planifier-actions", role: "group", "aria-label": "Enregistrer et partager le plan"}, [
    button("Imprimer le plan", "md-button--primary planifier-imprimer", () => window.print()),
    button("Télécharger le plan", "planifier-telecharger", download),
    copyLink,
    button("Raconter cette action", "planifier-raconter", story),
    button("Effacer le plan", "planifier-effacer", () => {
      if (!window.confirm("Effacer tout le plan ?")) return;
      try { localStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing stored */ }
      plan = emptyPlan(data);
      render();
      changed("Le plan est effacé.");
    })]);
  const opener = el("div", {"class": "planifier-ouvrir"}, [
    el("label", {"for": "planifier-fichier", text: "Ouvrir un plan enregistré (fichier .yml)"}), fileInput, fileError]);
  const help = el("p", {"class": "planifier-aide", text: "Le brouillon reste dans ce navigateur. « Raconter cette action », une fois "
    + "le projet mené, ouvre le formulaire « Proposer une pratique » déjà rempli avec ce plan."});
  host.append(el("div", {"class": "planifier-barre"}, [actions, opener, help, status]), form,
              el("h2", {"class": "planifier-apercu-titre", text: "Le plan, tel qu'il s'imprime"}), output);

  (async () => {
    const fromHash = await decode(data, window.location.hash);
    const depuis = new URLSearchParams(window.location.search).get("depuis");
    const method = data.methodologies.find((m) => m.id === depuis);
    let saved = null;
    try { saved = normalise(data, JSON.parse(localStorage.getItem(STORAGE_KEY) || "null")); } catch (error) { saved = null; }
    if (fromHash) plan = fromHash;
    else if (method && !(saved && saved.depuis === method.id)) plan = fromMethodology(data, method);
    else if (saved) plan = saved;
    render();
    if (fromHash || method || saved) changed("");
  })();
}

centre.whenReady(start);
