/* « Préparer une séance » (/seance/): from the séances of chosen fiches to a timed run sheet, what to
 * bring, what to print, and one printable pack.
 *
 * ES module, no library. The page (core/seance_builder.py) holds its data in #seance-data: the fiches
 * with their séances (steps timed in minutes, who leads, materials), vigilance points and supports.
 * The session lives in the person's hands only: a draft in localStorage (this computer), the address
 * (#seance=…, through lien.js, the one bounded codec) and a downloaded file. What arrives from
 * outside (query, link, file, storage) is checked and bounded, shown as text, and never replaces a
 * different draft without asking.
 */
import * as centre from "./centre.js";
import * as brouillon from "./brouillon.js";
import * as lien from "./lien.js";

const STORAGE_KEY = "centre-ressources:seance";
const FILE_FORMAT = "seance-centre-ressources";
const MAX_FILE = 100 * 1024;        // bytes of a session file, checked before reading it
const MAX_BLOCKS = 60;
const MAX_TEXT = 120;
const MAX_FICHES = 10;              // fiches named in ?fiches=
const BREAK_AFTER = 90;             // minutes without a break before a warning
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CLOCK = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const FREE_BLOCKS = [
  {titre: "Accueil", minutes: 15},
  {titre: "Pause", minutes: 15, pause: true},
  {titre: "Tour de table", minutes: 15},
  {titre: "Évaluation à chaud", minutes: 10}
];

const data = JSON.parse(document.getElementById("seance-data").textContent);
const DRAFT_DAYS = brouillon.days(data);  // extra.brouillons.jours (core/drafts.py)
const fiches = new Map(data.fiches.map((f) => [f.id, f]));

/* --- small helpers ---------------------------------------------------------------------- */

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = centre.typo(value);
    else node.setAttribute(name, value === true ? "" : (["aria-label", "title"].includes(name) ? centre.typo(value) : value));
  }
  for (const child of children || []) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

const plural = (n, one, many) => centre.plural(n, one, many);

function clock(minutes) {
  const day = ((minutes % 1440) + 1440) % 1440;
  return Math.floor(day / 60) + " h " + String(day % 60).padStart(2, "0");
}

function length(minutes) {
  const hours = Math.floor(minutes / 60), rest = minutes % 60;
  if (!hours) return rest + " min";
  return rest ? hours + " h " + String(rest).padStart(2, "0") : hours + " h";
}

function startMinutes(debut) {
  const match = CLOCK.exec(debut);
  return match ? Number(match[1]) * 60 + Number(match[2]) : 9 * 60;
}

function intIn(value, low, high) {
  const n = typeof value === "number" ? value : (/^[0-9]{1,5}$/.test(String(value)) ? Number(value) : NaN);
  return Number.isInteger(n) && n >= low && n <= high ? n : null;
}

const text = (value) => (typeof value === "string" ? value.trim().slice(0, MAX_TEXT) : "");

/* --- the session: one shape for the draft, the link and the file --------------------------- */

function emptySession() {
  return {debut: "09:00", duree: null, participants: null, blocs: []};
}

// A step block refers to a fiche's step; its words and materials always come from the site's data.
function step(block) {
  const fiche = fiches.get(block.fiche);
  const seance = fiche && fiche.seances[block.seance - 1];
  return seance ? seance.etapes.find((e) => e.numero === block.etape) || null : null;
}

// Anything read from outside goes through here: known keys, right types, bounded sizes.
function normalise(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const session = emptySession();
  if (typeof raw.debut === "string" && CLOCK.test(raw.debut)) session.debut = raw.debut;
  session.duree = intIn(raw.duree, 15, 1440);
  session.participants = intIn(raw.participants, 1, 500);
  const blocks = Array.isArray(raw.blocs) ? raw.blocs.slice(0, MAX_BLOCKS) : [];
  for (const b of blocks) {
    if (!b || typeof b !== "object") continue;
    const garde = b.garde !== false;
    if (typeof b.fiche === "string" && ID.test(b.fiche)) {
      const block = {fiche: b.fiche, seance: intIn(b.seance, 1, 20), etape: intIn(b.etape, 1, 30)};
      const known = step(block);
      if (!known) continue;
      session.blocs.push({...block, minutes: intIn(b.minutes, 1, 600) || known.minutes, garde});
    } else {
      const titre = text(b.titre);
      if (!titre) continue;
      session.blocs.push({titre, minutes: intIn(b.minutes, 1, 600) || 15, pause: b.pause === true, garde});
    }
  }
  return session;
}

function sessionOf(fiche, number) {
  const seance = fiche.seances[number - 1];
  return seance ? seance.etapes.map((e) => ({fiche: fiche.id, seance: number, etape: e.numero, minutes: e.minutes, garde: true})) : [];
}

// What a block shows: its title, minutes, who leads, materials, whether it is a break.
function view(block) {
  if (!block.fiche) return {titre: block.titre, source: "Bloc libre", anime: "", materiel: [], pause: block.pause};
  const fiche = fiches.get(block.fiche), e = step(block);
  return {titre: e.titre, source: fiche.titre + " — séance " + block.seance + ", étape " + e.numero,
          anime: e.anime || "", materiel: e.materiel || [], pause: e.pause === true};
}

/* --- what to bring, what to print ----------------------------------------------------------- */

function materials(session) {
  const lines = new Map();
  for (const block of session.blocs) {
    if (!block.garde) continue;
    for (const m of view(block).materiel) {
      const per = m.par || "seance";
      const key = [m.objet, per, m.taille_groupe || ""].join("|");
      const line = lines.get(key) || {objet: m.objet, par: per, taille: m.taille_groupe || 0, nombre: 0};
      // The same object in several steps of one séance is brought once, in the largest count.
      line.nombre = Math.max(line.nombre, m.nombre || 1);
      lines.set(key, line);
    }
  }
  const p = session.participants;
  return [...lines.values()].map((line) => {
    if (line.par === "participant") {
      return p ? line.objet + " : " + (line.nombre * p) + " (" + line.nombre + " " + data.par.participant + ")"
        : line.objet + " : " + line.nombre + " " + data.par.participant;
    }
    if (line.par === "groupe") {
      const rule = line.nombre + " par petit groupe de " + line.taille;
      if (!p) return line.objet + " : " + rule;
      const groups = Math.ceil(p / line.taille);
      return line.objet + " : " + (line.nombre * groups) + " (" + rule + ", " + plural(groups, "groupe") + ")";
    }
    return line.nombre > 1 ? line.objet + " : " + line.nombre : line.objet;
  });
}

function usedFiches(session) {
  const ids = [];
  for (const block of session.blocs) if (block.garde && block.fiche && !ids.includes(block.fiche)) ids.push(block.fiche);
  return ids.map((id) => fiches.get(id));
}

function prints(session) {
  const p = session.participants;
  const out = [];
  for (const fiche of usedFiches(session)) {
    out.push("La fiche « " + fiche.titre + " » : 1 exemplaire pour l'animation");
    for (const s of fiche.supports) {
      out.push(s.affiche ? "« " + s.titre + " » (affiche) : 1 exemplaire"
        : "« " + s.titre + " » : 1 par participant" + (p ? ", soit " + plural(p, "exemplaire") : ""));
    }
  }
  return out;
}

/* --- the run sheet ------------------------------------------------------------------------- */

function schedule(session) {
  const start = startMinutes(session.debut);
  let at = start;
  const rows = [];
  for (const block of session.blocs) {
    if (!block.garde) continue;
    rows.push({block, view: view(block), debut: at, minutes: block.minutes});
    at += block.minutes;
  }
  return {start, end: at, rows};
}

function warnings(session, plan) {
  const out = [];
  if (session.duree && plan.end - plan.start > session.duree) {
    out.push("La séance dépasse le temps de la salle de " + length(plan.end - plan.start - session.duree)
      + " : elle finit à " + clock(plan.end) + " au lieu de " + clock(plan.start + session.duree) + ".");
  }
  let since = plan.start, running = 0, warned = false;
  for (const row of plan.rows) {
    if (row.view.pause) { since = row.debut + row.minutes; running = 0; warned = false; continue; }
    running += row.minutes;
    if (running > BREAK_AFTER && !warned) {
      warned = true;
      out.push("Pas de pause pendant plus de " + BREAK_AFTER + " minutes à partir de " + clock(since)
        + " : ajoutez un bloc « Pause ».");
    }
  }
  return out;
}

function runSheet(plan, caption) {
  const body = plan.rows.map((row) => el("tr", {"class": row.view.pause ? "seance-ligne-pause" : null}, [
    el("td", {text: clock(row.debut)}),
    el("td", {}, [el("span", {text: row.view.titre}), el("span", {"class": "seance-source", text: row.view.source})]),
    el("td", {text: String(row.minutes)}),
    el("td", {text: row.view.anime}),
    el("td", {text: row.view.materiel.map((m) => m.objet).join(", ")})
  ]));
  return el("table", {"class": "seance-deroule"}, [
    el("caption", {text: caption}),
    el("thead", {}, [el("tr", {}, ["Début", "Bloc", "Minutes", "Qui anime", "Matériel"].map((h) => el("th", {scope: "col", text: h})))]),
    el("tbody", {}, body)
  ]);
}

/* --- the page -------------------------------------------------------------------------------- */

function start() {
  const host = document.getElementById("seance");
  if (!host) return;
  let session = emptySession();
  let savedAt = null;

  const messages = el("div", {"class": "seance-messages", role: "alert"});
  const say = (lines) => {
    messages.replaceChildren(...lines.map((line) => el("p", {text: line})));
  };

  // Settings.
  const debut = el("input", {type: "time", id: "seance-debut", name: "debut", required: true});
  const duree = el("input", {type: "number", id: "seance-duree", name: "duree", min: "15", max: "1440", step: "5",
                             inputmode: "numeric", "aria-describedby": "seance-duree-aide"});
  const participants = el("input", {type: "number", id: "seance-participants", name: "participants", min: "1", max: "500",
                                    inputmode: "numeric", "aria-describedby": "seance-participants-aide"});
  const field = (label, input, help, helpId) => el("div", {"class": "seance-champ"}, [
    el("label", {"for": input.id, text: label}), help ? el("p", {"class": "seance-aide", id: helpId, text: help}) : null, input]);
  const settings = el("fieldset", {"class": "seance-reglages"}, [
    el("legend", {text: "La séance"}),
    field("Heure de début", debut),
    field("Temps de la salle, en minutes", duree, "Facultatif : le déroulé vous prévient s'il le dépasse.", "seance-duree-aide"),
    field("Nombre de participants", participants, "Pour compter le matériel et les copies.", "seance-participants-aide")
  ]);

  // Adding blocks: a séance of a fiche, or a free block.
  const ficheSelect = el("select", {id: "seance-fiche"}, data.fiches.map((f) => el("option", {value: f.id, text: f.titre})));
  const seanceSelect = el("select", {id: "seance-choix-seance"});
  const fillSessions = () => {
    const fiche = fiches.get(ficheSelect.value);
    seanceSelect.replaceChildren(...(fiche ? fiche.seances : []).map((s, i) => el("option", {
      value: String(i + 1), text: "Séance " + (i + 1) + " : " + s.titre + " (" + s.duree + ")"})));
  };
  ficheSelect.addEventListener("change", fillSessions);
  fillSessions();
  const freeSelect = el("select", {id: "seance-libre"}, FREE_BLOCKS.map((b, i) => el("option", {value: String(i), text: b.titre + " (" + b.minutes + " min)"})));
  const button = (label, cls, action, attrs) => {
    const b = el("button", {type: "button", "class": "md-button " + cls, text: label, ...(attrs || {})});
    b.addEventListener("click", action);
    return b;
  };
  const adding = el("fieldset", {"class": "seance-ajout"}, [
    el("legend", {text: "Ajouter des blocs"}),
    el("div", {"class": "seance-ajout-ligne"}, [
      field("Fiche", ficheSelect), field("Séance de la fiche", seanceSelect),
      button("Ajouter cette séance", "seance-ajouter", () => {
        const fiche = fiches.get(ficheSelect.value);
        if (!fiche) return;
        session.blocs.push(...sessionOf(fiche, Number(seanceSelect.value) || 1));
        session.blocs = session.blocs.slice(0, MAX_BLOCKS);
        changed("Les étapes de « " + fiche.titre + " » sont ajoutées.");
      })]),
    el("div", {"class": "seance-ajout-ligne"}, [
      field("Bloc libre", freeSelect),
      button("Ajouter ce bloc", "seance-ajouter-libre", () => {
        const free = FREE_BLOCKS[Number(freeSelect.value)] || FREE_BLOCKS[0];
        if (session.blocs.length >= MAX_BLOCKS) return;
        session.blocs.push({titre: free.titre, minutes: free.minutes, pause: free.pause === true, garde: true});
        changed("Le bloc « " + free.titre + " » est ajouté à la fin.");
      })])
  ]);

  // The blocks, each kept or dropped, moved and timed.
  const blockList = el("ol", {"class": "seance-blocs", "aria-labelledby": "seance-blocs-titre"});
  const renderBlocks = (focus) => {
    blockList.replaceChildren(...session.blocs.map((block, index) => {
      const v = view(block);
      const id = "seance-bloc-" + index;
      const keep = el("input", {type: "checkbox", id: id + "-garde", "class": "seance-garde"});
      keep.checked = block.garde;
      keep.addEventListener("change", () => {
        block.garde = keep.checked;
        changed((keep.checked ? "Bloc gardé : « " : "Bloc retiré du déroulé : « ") + v.titre + " ».");
      });
      const minutes = el("input", {type: "number", id: id + "-minutes", "class": "seance-minutes", min: "1", max: "600",
                                   inputmode: "numeric", value: String(block.minutes)});
      minutes.addEventListener("change", () => {
        const n = intIn(minutes.value, 1, 600);
        if (n === null) {
          minutes.value = String(block.minutes);
          say(["La durée d'un bloc est un nombre de minutes entre 1 et 600."]);
          return;
        }
        block.minutes = n;
        changed("");
      });
      const move = (step) => {
        const target = index + step;
        if (target < 0 || target >= session.blocs.length) return;
        [session.blocs[index], session.blocs[target]] = [session.blocs[target], session.blocs[index]];
        changed("« " + v.titre + " » est maintenant en position " + (target + 1) + ".", {index: target, cls: step < 0 ? "seance-monter" : "seance-descendre"});
      };
      const up = button("Monter", "seance-monter", () => move(-1), {"aria-label": "Monter « " + v.titre + " »", disabled: index === 0});
      const down = button("Descendre", "seance-descendre", () => move(1),
                          {"aria-label": "Descendre « " + v.titre + " »", disabled: index === session.blocs.length - 1});
      const remove = button("Supprimer", "seance-supprimer", () => {
        session.blocs.splice(index, 1);
        changed("Le bloc « " + v.titre + " » est supprimé.");
      }, {"aria-label": "Supprimer « " + v.titre + " »"});
      const item = el("li", {"class": "seance-bloc" + (block.garde ? "" : " seance-bloc-retire") + (v.pause ? " seance-bloc-pause" : ""),
                             "data-index": String(index)}, [
        el("div", {"class": "seance-bloc-titre"}, [
          keep, el("label", {"for": keep.id}, [el("span", {"class": "visually-hidden", text: "Garder "}), el("strong", {text: v.titre})]),
          el("span", {"class": "seance-source", text: v.source})]),
        el("div", {"class": "seance-bloc-outils"}, [
          el("label", {"for": minutes.id, text: "Minutes"}), minutes, up, down, remove])
      ]);
      // Keyboard: Alt + arrow up or down moves the block the focus is in.
      item.addEventListener("keydown", (event) => {
        if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
        event.preventDefault();
        move(event.key === "ArrowUp" ? -1 : 1);
      });
      return item;
    }));
    if (focus) {
      const item = blockList.children[focus.index];
      const target = item && (item.querySelector("." + focus.cls + ":not([disabled])") || item.querySelector(".seance-garde"));
      if (target) target.focus();
    }
  };

  // The run sheet, the end time, warnings, what to bring and to print.
  const sheet = el("div", {"class": "seance-feuille-ecran"});
  const announce = el("p", {"class": "seance-annonce visually-hidden", role: "status", "aria-live": "polite"});
  const renderSheet = () => {
    const plan = schedule(session);
    const kept = plan.rows.length;
    const parts = [];
    if (!kept) {
      parts.push(el("p", {"class": "seance-vide", text: "Aucun bloc dans le déroulé : ajoutez une séance d'une fiche ou un bloc libre."}));
    } else {
      // On a phone the table scrolls sideways in a region that the keyboard can reach.
      parts.push(el("div", {"class": "seance-deroule-cadre", tabindex: "0", role: "region", "aria-label": "Déroulé de la séance"},
                    [runSheet(plan, "Déroulé de la séance, de " + clock(plan.start) + " à " + clock(plan.end))]));
      parts.push(el("p", {"class": "seance-fin"}, [el("strong", {text: "Fin prévue à " + clock(plan.end)}),
        document.createTextNode(centre.typo(" (" + length(plan.end - plan.start) + " en tout, " + plural(kept, "bloc") + ")."))]));
    }
    const alerts = warnings(session, plan);
    if (alerts.length) {
      parts.push(el("div", {"class": "seance-alertes"}, [el("h3", {text: "À vérifier"}),
        el("ul", {}, alerts.map((a) => el("li", {text: a})))]));
    }
    const bring = materials(session);
    parts.push(el("h3", {text: "Ce qu'il faut apporter"}),
               bring.length ? el("ul", {"class": "seance-apporter"}, bring.map((m) => el("li", {text: m})))
                 : el("p", {text: "Les blocs gardés ne disent pas de matériel : voyez la rubrique « Matériel » de chaque fiche."}));
    if (!session.participants) parts.push(el("p", {"class": "seance-aide", text: "Indiquez le nombre de participants pour compter les quantités."}));
    const toPrint = prints(session);
    parts.push(el("h3", {text: "Ce qu'il faut imprimer"}),
               toPrint.length ? el("ul", {"class": "seance-imprimer"}, toPrint.map((m) => el("li", {text: m})))
                 : el("p", {text: "Rien à imprimer pour l'instant."}));
    sheet.replaceChildren(...parts);
    return plan;
  };

  // Keeping and sharing.
  const draftNote = el("p", {"class": "seance-brouillon"});
  const renderDraftNote = () => {
    draftNote.textContent = centre.typo(savedAt
      ? "Brouillon gardé sur cet ordinateur, dans ce navigateur, le " + savedAt.toLocaleDateString("fr-FR")
        + " à " + clock(savedAt.getHours() * 60 + savedAt.getMinutes()) + "."
      : "Aucun brouillon gardé sur cet ordinateur.");
  };
  const status = el("p", {"class": "seance-statut", role: "status"});

  let linkTicket = 0;
  async function changed(message, focus) {
    renderBlocks(focus);
    const plan = renderSheet();
    announce.textContent = centre.typo(plan.rows.length ? "Fin de la séance à " + clock(plan.end) + "." : "Le déroulé est vide.");
    if (message) status.textContent = centre.typo(message);
    // Kept like every draft of the site (brouillon.js): dated, expiring, size-capped when read back.
    const stamp = brouillon.save(STORAGE_KEY, session, {jours: DRAFT_DAYS});
    savedAt = stamp ? stamp.saved : null;  // null: storage disabled, the session lives as long as the page
    renderDraftNote();
    // The address follows the last change: encoding is asynchronous, so an earlier change whose
    // encoding ends later must not write an older session over it (the planner does the same).
    const ticket = ++linkTicket;
    host.setAttribute("data-lien", "en-cours");  // tests wait for « à jour » before reading the address
    const token = await lien.encode("seance", session);
    if (ticket !== linkTicket) return;
    history.replaceState(null, "", window.location.pathname + "#" + token);
    host.setAttribute("data-lien", "a-jour");
  }

  const syncSettings = () => {
    if (CLOCK.test(debut.value)) session.debut = debut.value;
    session.duree = duree.value === "" ? null : intIn(duree.value, 15, 1440);
    session.participants = participants.value === "" ? null : intIn(participants.value, 1, 500);
    const wrong = [];
    if (duree.value !== "" && session.duree === null) wrong.push("Le temps de la salle est un nombre de minutes entre 15 et 1 440.");
    if (participants.value !== "" && session.participants === null) wrong.push("Le nombre de participants est un nombre entier entre 1 et 500.");
    say(wrong);
    changed("");
  };
  for (const input of [debut, duree, participants]) input.addEventListener("change", syncSettings);
  const showSettings = () => {
    debut.value = session.debut;
    duree.value = session.duree ? String(session.duree) : "";
    participants.value = session.participants ? String(session.participants) : "";
  };

  function download() {
    const body = JSON.stringify({format: FILE_FORMAT, version: 1, seance: session}, null, 2) + "\n";
    const a = el("a", {href: URL.createObjectURL(new Blob([body], {type: "application/json"})),
                       download: "seance-" + new Date().toISOString().slice(0, 10) + ".json"});
    document.body.append(a);
    a.click();
    a.remove();
    status.textContent = centre.typo("La séance est téléchargée : rouvrez ce fichier avec « Ouvrir une séance enregistrée ».");
  }

  // Never replace a different draft without asking.
  function replaceWith(incoming, source) {
    const current = JSON.stringify(session);
    if (session.blocs.length && current !== JSON.stringify(incoming)
        && !window.confirm(centre.typo("Une autre séance est en cours sur cet ordinateur. La remplacer par " + source + " ?"))) {
      status.textContent = centre.typo("Votre séance est gardée : " + source + " n'a pas été ouverte.");
      return false;
    }
    session = incoming;
    showSettings();
    changed("");
    return true;
  }

  const fileInput = el("input", {type: "file", id: "seance-fichier", accept: ".json,application/json",
                                 "aria-describedby": "seance-fichier-erreur"});
  const fileError = el("p", {"class": "seance-erreur", id: "seance-fichier-erreur", hidden: true});
  const fileProblem = (message) => {
    fileError.hidden = false;
    fileError.textContent = centre.typo(message);
    fileInput.setAttribute("aria-invalid", "true");
    fileInput.focus();
  };
  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      fileProblem("Ce fichier est trop gros pour être une séance (plus de 100 Ko) : il n'a pas été ouvert.");
      return;
    }
    file.text().then((content) => {
      let raw = null;
      try { raw = JSON.parse(content); } catch { raw = null; }
      const incoming = raw && raw.format === FILE_FORMAT ? normalise(raw.seance) : null;
      if (!incoming) {
        fileProblem("Ce fichier n'est pas une séance enregistrée par le préparateur de séance : il n'a pas été ouvert.");
        return;
      }
      fileError.hidden = true;
      fileInput.removeAttribute("aria-invalid");
      if (replaceWith(incoming, "la séance du fichier")) status.textContent = centre.typo("La séance du fichier est ouverte.");
    }, () => fileProblem("Ce fichier ne peut pas être lu."));
  });

  // « Raconter cette séance »: the retour form opened as a proposal link (lien.js) holding the fiches
  // used; over a draft of its own, the form asks which to open and keeps the other one click away.
  async function story() {
    const used = usedFiches(session).map((f) => f.id);
    const token = await lien.encode("proposition", {proposition: 1, depuis: "seance", collection: data.retour.collection, id: "",
                                                    contenu: used.length ? {fiches: used} : {}});
    window.location.href = data.retour.url + "#" + token;
  }

  // One printable pack: the run sheet with each fiche's vigilance points, then fiches and supports.
  const printArea = document.getElementById("seance-impression");
  async function fetchPart(url, selector, strip) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    const part = new DOMParser().parseFromString(await response.text(), "text/html").querySelector(selector);
    if (!part) throw new Error("missing");
    part.querySelectorAll(strip).forEach((node) => node.remove());
    return document.importNode(part, true);
  }
  async function buildPack() {
    const plan = schedule(session);
    const used = usedFiches(session);
    const head = el("section", {"class": "seance-feuille"}, [
      el("h1", {text: "Déroulé de la séance"}),
      el("p", {"class": "seance-feuille-resume", text: "De " + clock(plan.start) + " à " + clock(plan.end) + " (" + length(plan.end - plan.start) + ")"
        + (session.participants ? ", " + plural(session.participants, "participant") : "") + "."}),
      runSheet(plan, "Déroulé de la séance"),
      el("p", {"class": "seance-fin", text: "Fin prévue à " + clock(plan.end) + "."}),
      ...warnings(session, plan).map((w) => el("p", {"class": "seance-alerte", text: w})),
      el("h2", {text: "Ce qu'il faut apporter"}), el("ul", {}, materials(session).map((m) => el("li", {text: m}))),
      el("h2", {text: "Ce qu'il faut imprimer"}), el("ul", {}, prints(session).map((m) => el("li", {text: m}))),
      el("h2", {text: "Points de vigilance"}),
      ...used.map((f) => el("div", {"class": "seance-vigilance"}, [el("h3", {text: f.titre}),
        el("ul", {}, f.vigilance.map((v) => el("li", {text: v})))]))
    ]);
    const parts = [head];
    for (const fiche of used) {
      const record = await fetchPart(fiche.url, ".record", ".record-actions, .headerlink, .parcours-actions");
      parts.push(el("section", {"class": "kit-fiche", "data-fiche": fiche.id}, [record]));
      for (const s of fiche.supports) {
        const sheetPart = await fetchPart(s.url, ".support-page", ".support-tools, .md-content__button, .headerlink");
        parts.push(el("section", {"class": "kit-support", "data-support": s.id}, [sheetPart]));
      }
    }
    printArea.replaceChildren(...parts);
    printArea.dataset.pret = "oui";
  }
  let building = false;  // one pack at a time: a second click while it is assembled does nothing
  const printButton = button("Imprimer la séance", "md-button--primary seance-imprimer-pack", async () => {
    if (building) return;
    building = true;
    printButton.setAttribute("aria-disabled", "true");
    printArea.dataset.pret = "";
    status.textContent = centre.typo("Préparation de l'impression…");
    try {
      await buildPack();
      status.textContent = "";
      window.print();
    } catch {
      status.textContent = centre.typo("Une fiche ou un support n'a pas pu être chargé : vérifiez la connexion au site, puis recommencez.");
    } finally {
      building = false;
      printButton.removeAttribute("aria-disabled");
    }
  });

  const copyLink = button("Copier le lien de la séance", "seance-lien", async () => {
    await changed("");
    try {
      await navigator.clipboard.writeText(window.location.href);
      status.textContent = centre.typo("Le lien est copié : un ou une collègue qui l'ouvre voit cette séance.");
    } catch {
      status.textContent = centre.typo("Copiez l'adresse de la page : elle contient la séance.");
    }
  });
  const clear = button("Effacer", "seance-effacer", () => {
    if (!window.confirm(centre.typo("Effacer la séance de cet ordinateur ?"))) return;
    brouillon.erase(STORAGE_KEY);
    session = emptySession();
    showSettings();
    renderBlocks();
    renderSheet();
    savedAt = null;
    renderDraftNote();
    history.replaceState(null, "", window.location.pathname);
    status.textContent = centre.typo("La séance est effacée de cet ordinateur.");
  });
  const keep = el("div", {"class": "seance-garder"}, [
    el("h2", {text: "Garder et partager"}),
    draftNote,
    el("div", {"class": "seance-actions", role: "group", "aria-label": "Garder et partager la séance"}, [
      printButton, button("Télécharger la séance", "seance-telecharger", download), copyLink,
      button("Raconter cette séance", "seance-raconter", story), clear]),
    el("div", {"class": "seance-ouvrir"}, [el("label", {"for": "seance-fichier", text: "Ouvrir une séance enregistrée (fichier .json)"}),
                                           fileInput, fileError]),
    status
  ]);

  host.replaceChildren(messages, settings, adding,
    el("h2", {id: "seance-blocs-titre", text: "Les blocs de la séance"}),
    el("p", {"class": "seance-aide", text: "Décochez un bloc pour le retirer du déroulé. Alt + flèche haut ou bas déplace le bloc où vous êtes."}),
    blockList, el("h2", {text: "Le déroulé"}), sheet, announce, keep);

  /* Where the session comes from: a link (#seance=…), else the address's query, else the draft. */
  (async () => {
    const notes = [];
    let saved = null;
    const stored = brouillon.load(STORAGE_KEY, {jours: DRAFT_DAYS});
    if (stored && stored.expired) notes.push(brouillon.expiredText(DRAFT_DAYS));
    else if (stored && stored.tooLarge) notes.push(brouillon.UNREADABLE_TEXT);
    else if (stored) {
      saved = normalise(stored.value);
      if (saved) savedAt = stored.saved;
    }
    let incoming = null, source = "";
    try {
      const raw = await lien.decode("seance", window.location.hash, {maxToken: 64 * 1024, maxJson: 128 * 1024});
      if (raw !== null) {
        incoming = normalise(raw);
        source = "la séance de ce lien";
        if (!incoming) notes.push("Ce lien ne contient pas une séance lisible : il n'a pas été ouvert.");
      }
    } catch (error) {
      notes.push(error instanceof lien.LinkError ? error.message : "Ce lien n'a pas pu être ouvert.");
    }
    if (!incoming && !window.location.hash) {
      const query = fromQuery(new URLSearchParams(window.location.search), notes, saved);
      if (query) { incoming = query; source = "la séance de cette adresse"; }
    }
    session = saved || emptySession();
    if (incoming && saved && saved.blocs.length && JSON.stringify(saved) !== JSON.stringify(incoming)) {
      if (window.confirm(centre.typo("Une autre séance est gardée sur cet ordinateur. La remplacer par " + source + " ?"))) session = incoming;
      else notes.push("Votre séance gardée sur cet ordinateur est affichée : " + source + " n'a pas été ouverte.");
    } else if (incoming) {
      session = incoming;
    }
    say(notes);
    showSettings();
    renderDraftNote();
    renderBlocks();
    renderSheet();
    if (incoming || saved) changed("");
  })();
}

// ?fiches=<id>,<id>&debut=HH:MM&duree=<minutes>&participants=<n> (and ?depuis=kit): every parameter checked.
function fromQuery(params, notes, saved) {
  const names = [...params.keys()];
  if (!names.some((n) => ["fiches", "debut", "duree", "participants", "depuis"].includes(n))) return null;
  const session = emptySession();
  let ids = [];
  if (params.get("depuis") === "kit") {
    try {
      const kit = JSON.parse(localStorage.getItem(data.kit.cle) || "[]");
      ids = Array.isArray(kit) ? kit.map((item) => item && item.id).filter((id) => typeof id === "string") : [];
    } catch { ids = []; }
    if (!ids.length) notes.push("Votre kit est vide : choisissez des fiches ci-dessous.");
  }
  const raw = (params.get("fiches") || "").slice(0, 1000);
  ids = ids.concat(raw ? raw.split(",") : []);
  const seen = new Set();
  for (const id of ids.slice(0, MAX_FICHES * 2)) {
    const clean = id.trim();
    if (!clean || seen.has(clean)) continue;
    seen.add(clean);
    const fiche = ID.test(clean) && clean.length <= 80 ? fiches.get(clean) : null;
    if (!fiche) {
      notes.push("Fiche inconnue, ignorée : « " + clean.slice(0, 80) + " ».");
      continue;
    }
    if (seen.size > MAX_FICHES) { notes.push("Au plus " + MAX_FICHES + " fiches à la fois : les suivantes sont ignorées."); break; }
    session.blocs.push(...sessionOf(fiche, 1));
  }
  session.blocs = session.blocs.slice(0, MAX_BLOCKS);
  const debut = params.get("debut");
  if (debut !== null) {
    if (CLOCK.test(debut)) session.debut = debut;
    else notes.push("L'heure de début « " + debut.slice(0, 20) + " » n'est pas lisible (écrivez par exemple 14:00) : elle est ignorée.");
  }
  const duree = params.get("duree");
  if (duree !== null) {
    session.duree = intIn(duree, 15, 1440);
    if (session.duree === null) notes.push("Le temps de la salle « " + duree.slice(0, 20) + " » doit être un nombre de minutes entre 15 et 1 440 : il est ignoré.");
  }
  const people = params.get("participants");
  if (people !== null) {
    session.participants = intIn(people, 1, 500);
    if (session.participants === null) notes.push("Le nombre de participants « " + people.slice(0, 20) + " » doit être un nombre entier entre 1 et 500 : il est ignoré.");
  }
  // Only the settings given (no fiche): they apply to the draft rather than replacing it.
  if (!session.blocs.length && saved) {
    return {...saved, debut: debut !== null && CLOCK.test(debut) ? session.debut : saved.debut,
            duree: session.duree ?? saved.duree, participants: session.participants ?? saved.participants};
  }
  return session;
}

centre.whenReady(start);
