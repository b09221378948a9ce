/* "Proposer une pratique / une fiche / …": a form generated from the JSON Schema embedded in the
 * page (core/contribution.py), checked as the person types by validator.js and by the personal-data
 * rules of core/personal_data.py (donnees-personnelles.js). Nothing is sent without the person:
 * « Envoyer à l'équipe du centre » opens their mail client addressed to the team (extra.equipe),
 * with a link that reopens the proposal here (lien.js, #proposition=…); the team opens it
 * (« Proposition reçue ») and imports it with `make importer` (scripts/import_proposal.py), or uses
 * the forge's new-file page or the file, under « Pour les membres de l'équipe ».
 * The draft stays in this browser, dated and expiring (brouillon.js); a link arriving over a
 * different draft asks first, and the other stays one click away.
 */
import * as validator from "./validator.js";
import * as brouillon from "./brouillon.js";
import * as donnees from "./donnees-personnelles.js";
import {LinkError, carries, decode, encode} from "./lien.js";

// --- pure helpers (also used by the tests through window.CentreProposer) -------------------

export function slug(title) {
  let text = String(title).replace(/œ/g, "oe").replace(/Œ/g, "Oe").replace(/æ/g, "ae").replace(/Æ/g, "Ae")
    .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (text.length > 80) {
    text = text.slice(0, 81);
    text = text.indexOf("-") >= 0 ? text.slice(0, text.lastIndexOf("-")) : text.slice(0, 80);
  }
  return text.replace(/^-+|-+$/g, "");
}

const RESERVED = /^(y|yes|n|no|true|false|on|off|null)$/i;
const PLAIN = /^\p{L}[\p{L}\p{N} \u00a0\u202f.,'’()«»\-/+;!?]*$/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

function quoted(text) {
  // A JSON string is a valid YAML double-quoted scalar; escape what YAML refuses raw.
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
}

function scalar(value, schema) {
  if (typeof value !== "string") return String(value);
  const text = value.trim();
  if (schema && schema.format === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (text && PLAIN.test(text) && !RESERVED.test(text)) return text;
  return quoted(text);
}

function emitMapping(object, schema, indent) {
  const lines = [];
  const properties = (schema && schema.properties) || {};
  Object.keys(object).forEach(function (key) {
    const value = object[key], sub = properties[key] || {};
    if (Array.isArray(value)) {
      lines.push(indent + key + ":");
      value.forEach(function (item) {
        if (item && typeof item === "object") {
          const inner = emitMapping(item, sub.items || {}, indent + "    ");
          if (!inner.length) { lines.push(indent + "  - {}"); return; }
          lines.push(indent + "  - " + inner[0].slice(indent.length + 4));
          lines.push.apply(lines, inner.slice(1));
        } else {
          lines.push(indent + "  - " + scalar(item, sub.items));
        }
      });
    } else if (value && typeof value === "object") {
      lines.push(indent + key + ":");
      lines.push.apply(lines, emitMapping(value, sub, indent + "  "));
    } else if (typeof value === "string" && !UNSAFE.test(value)
               && (sub.contentMediaType === "text/markdown" || /[\r\n]/.test(value.trim()))) {
      lines.push(indent + key + ": |");
      value.trim().replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n").forEach(function (line) {
        lines.push(line ? indent + "  " + line : "");
      });
    } else {
      lines.push(indent + key + ": " + scalar(value, sub));
    }
  });
  return lines;
}

export function toYaml(record, schema, header) {
  return (header ? "# " + header + "\n" : "") + emitMapping(record, schema, "").join("\n") + "\n";
}

// The forge's new-file page: the build gives its address with {fichier}, {contenu} and {titre}
// to fill (core/forge.py, the only place that knows how GitLab and GitHub spell it).
export function forgeUrl(forge, id, content, title) {
  if (!forge || !forge.newFile) return "";
  return forge.newFile.replace("{fichier}", encodeURIComponent(id + ".yml"))
    .replace("{contenu}", encodeURIComponent(content))
    .replace("{titre}", encodeURIComponent(title || id));
}

window.CentreProposer = {slug, toYaml, forgeUrl};

const OUTPUT_TITLE = "Envoyer votre proposition";

/** « Date au format jj/mm/aaaa » as the browser shows its date fields (its language decides). */
export function dateHelp(locale = navigator.language) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat(locale || "fr-FR", {day: "2-digit", month: "2-digit", year: "numeric"})
      .formatToParts(new Date(2026, 11, 31));
  } catch {
    parts = new Intl.DateTimeFormat("fr-FR", {day: "2-digit", month: "2-digit", year: "numeric"})
      .formatToParts(new Date(2026, 11, 31));
  }
  const names = {day: "jj", month: "mm", year: "aaaa"};
  const pattern = parts.map((part) => names[part.type] || part.value).join("");
  const example = parts.map((part) => part.value).join("");
  return "Date au format " + pattern + ", par exemple " + example + " ; ou choisissez-la dans le calendrier.";
}

// --- the form --------------------------------------------------------------------------------------

const host = document.getElementById("proposer");
const dataNode = document.getElementById("proposer-data");
if (host && dataNode) mount(host, JSON.parse(dataNode.textContent));

function mount(host, data) {
  const schema = data.schema;
  const forge = data.forge;
  const team = data.equipe;
  const rules = donnees.compile(data.donneesPersonnelles);
  const jours = brouillon.days(data);
  const storageKey = "centre-ressources:brouillon:" + data.collection;
  const recentKey = storageKey + ":precedents";
  const noun = schema["x-noun"] || {word: "ressource", a: "une ressource", the: "la ressource"};
  let slots = {}, touched = {}, submitted = false, counter = 0, root, idInput, idEdited = false;
  let state = {};  // {modification: id of the record changed, recue: {auteur}} for a received proposal

  function make(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (attrs[name] !== undefined && attrs[name] !== null && attrs[name] !== false) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // The field's French name comes from the schema ("x-label", core/schema/declarations.py).
  function labelOf(s, name) {
    if (s && s["x-label"]) return s["x-label"];
    return capital(String(name).replace(/_/g, " "));
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // A labelled box around a control, with its help text and its error slot.
  function box(schema_, name, path, required, control, group) {
    const id = control.id || ("champ-" + (++counter));
    const key = validator.displayKey(path);
    const error = make("p", {"class": "proposer-error", id: id + "-erreur", hidden: "hidden", "aria-live": "polite"});
    const help = schema_.description ? make("p", {"class": "proposer-help", id: id + "-aide", text: schema_.description}) : null;
    const nameNode = make("span", {"class": "proposer-label-text", text: labelOf(schema_, name)});
    const title = [nameNode];
    if (required) title.push(make("span", {"class": "proposer-required", text: " (obligatoire)"}));
    let wrapper;
    if (group) {
      wrapper = make("fieldset", {"class": "proposer-field proposer-group", "data-key": key,
                                  "aria-describedby": (help ? id + "-aide " : "") + id + "-erreur"},
                     [make("legend", {}, title), help, control, error]);
    } else {
      control.id = id;
      control.setAttribute("aria-describedby", (help ? id + "-aide " : "") + id + "-erreur");
      wrapper = make("div", {"class": "proposer-field", "data-key": key},
                     [make("label", {"for": id}, title), help, control, error]);
    }
    slots[key] = {wrapper: wrapper, error: error, control: group ? null : control, name: nameNode, path: path};
    return wrapper;
  }

  function widget(s, name, path, value, required) {
    if (s.type === "object") return objectWidget(s, name, path, value, required);
    if (s.type === "array") {
      const item = s.items || {};
      if (item.type === "object") return objectListWidget(s, name, path, value, required);
      if (item.enum && data.compact) return pickerWidget(s, name, path, value, required);
      if (item.enum && item.collection && item.enum.length > LONG_LIST) return searchListWidget(s, name, path, value, required);
      if (item.enum) return checkboxesWidget(s, name, path, value, required);
      return linesWidget(s, name, path, value, required);
    }
    if (s.enum) return selectWidget(s, name, path, value, required);
    if (s.type === "boolean") return booleanWidget(s, name, path, value, required);
    if (s.type === "integer" || s.type === "number") return numberWidget(s, name, path, value, required);
    return textWidget(s, name, path, value, required);
  }

  function textWidget(s, name, path, value, required) {
    let control;
    if (s.contentMediaType === "text/markdown") {
      control = make("textarea", {rows: 6, "data-markdown": "true"});
    } else if (s.format === "date") {
      control = make("input", {type: "date"});
    } else {
      control = make("input", {type: "text"});
    }
    control.name = validator.displayKey(path);
    control.value = value === undefined || value === null ? "" : String(value);
    const node = box(s, name, path, required, control);
    if (s.format === "date" && control.type === "date") {
      node.insertBefore(make("p", {"class": "proposer-help proposer-date", text: dateHelp()}), control);
    }
    if (s.contentMediaType === "text/markdown") {
      node.insertBefore(make("p", {"class": "proposer-help proposer-markdown",
        text: "Mise en forme possible : **gras**, listes avec « - » en début de ligne, une ligne vide entre deux paragraphes."}), control);
    }
    return {el: node, get: function () { return control.value.trim() === "" ? undefined : control.value; }};
  }

  function numberWidget(s, name, path, value, required) {
    const control = make("input", {type: "number", step: s.type === "integer" ? "1" : "any", inputmode: "numeric"});
    control.name = validator.displayKey(path);
    control.value = value === undefined || value === null ? "" : String(value);
    return {el: box(s, name, path, required, control), get: function () {
      if (control.value.trim() === "") return undefined;
      const number = Number(control.value);
      return isNaN(number) ? control.value : number;
    }};
  }

  function booleanWidget(s, name, path, value, required) {
    const control = make("input", {type: "checkbox"});
    control.name = validator.displayKey(path);
    control.checked = value === true;
    const node = box(s, name, path, required, control);
    node.classList.add("proposer-checkbox");
    return {el: node, get: function () { return control.checked; }, boolean: true};
  }

  function selectWidget(s, name, path, value, required) {
    const control = make("select", {}, [make("option", {value: "", text: "— choisir —"})]);
    control.name = validator.displayKey(path);
    s.enum.forEach(function (option) {
      const label = (s["x-labels"] || {})[option];
      control.appendChild(make("option", {value: option, text: label || option}));
    });
    control.value = value && s.enum.indexOf(value) >= 0 ? value : "";
    return {el: box(s, name, path, required, control), get: function () { return control.value || undefined; }};
  }

  function checkboxesWidget(s, name, path, value, required) {
    const options = s.items.enum, labels = s.items["x-labels"] || {}, chosen = value || [];
    const list = make("div", {"class": "proposer-choices" + (options.length > 12 ? " proposer-choices-long" : "")});
    const inputs = options.map(function (option) {
      const input = make("input", {type: "checkbox", value: option, name: validator.displayKey(path)});
      input.checked = chosen.indexOf(option) >= 0;
      list.appendChild(make("label", {"class": "proposer-choice"}, [input, document.createTextNode(" " + (labels[option] || option))]));
      return input;
    });
    if (!options.length) list.appendChild(make("p", {"class": "proposer-help", text: "Aucune valeur disponible pour l'instant."}));
    return {el: box(s, name, path, required, list, true), get: function () {
      const values = inputs.filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
      return values.length ? values : undefined;
    }};
  }

  // Past this many records to link to (thousands, in time), checkboxes would weigh down the page:
  // one id per line, with a search box over the titles that adds the chosen id. A vocabulary (the
  // 60 territories) stays checkboxes: its codes are never shown to the person.
  const LONG_LIST = 40;

  function searchListWidget(s, name, path, value, required) {
    const options = s.items.enum, labels = s.items["x-labels"] || {};
    const listId = "liste-" + (++counter);
    const datalist = make("datalist", {id: listId});
    options.forEach(function (option) {
      datalist.appendChild(make("option", {value: labels[option] ? labels[option] + " — " + option : option}));
    });
    const search = make("input", {type: "search", list: listId, "class": "proposer-search",
                                "aria-label": "Chercher par titre : " + labelOf(s, name)});
    const lines = make("textarea", {rows: 3, "data-lines": "true", "aria-label": labelOf(s, name) + " : un identifiant par ligne"});
    lines.name = validator.displayKey(path);
    lines.value = (value || []).join("\n");
    search.addEventListener("change", function () {
      const picked = search.value.split(" — ").pop().trim();
      if (options.indexOf(picked) < 0) return;
      const current = lines.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      if (current.indexOf(picked) < 0) current.push(picked);
      lines.value = current.join("\n");
      search.value = "";
      lines.dispatchEvent(new Event("input", {bubbles: true}));
    });
    const node = box(s, name, path, required, make("div", {}, [
      make("p", {"class": "proposer-help", text: "Cherchez par titre puis choisissez : l'identifiant s'ajoute à la liste (un par ligne)."}),
      search, datalist, lines]), true);
    return {el: node, get: function () {
      const ids = lines.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      return ids.length ? ids : undefined;
    }};
  }

  // Compact forms (data.compact, the retour form): a menu of titles that adds the chosen one to a
  // list under it, each with its « Retirer » button; a few lines whatever the number of choices.
  function pickerWidget(s, name, path, value, required) {
    const options = s.items.enum, labels = s.items["x-labels"] || {};
    const chosen = (value || []).filter(function (v) { return options.indexOf(v) >= 0; });
    const select = make("select", {"class": "proposer-picker"});
    select.name = validator.displayKey(path);
    const list = make("ul", {"class": "proposer-picked"});
    function title(option) { return labels[option] || option; }
    function render() {
      select.textContent = "";
      select.appendChild(make("option", {value: "", text: chosen.length ? "— en ajouter —" : "— choisir —"}));
      options.forEach(function (option) {
        if (chosen.indexOf(option) < 0) select.appendChild(make("option", {value: option, text: title(option)}));
      });
      list.textContent = "";
      chosen.forEach(function (option) {
        const remove = make("button", {type: "button", "class": "proposer-unpick", text: "Retirer",
                                     "aria-label": "Retirer « " + title(option) + " »"});
        remove.addEventListener("click", function () {
          chosen.splice(chosen.indexOf(option), 1);
          render();
          select.focus();
          select.dispatchEvent(new Event("change", {bubbles: true}));
        });
        list.appendChild(make("li", {}, [make("span", {text: title(option)}), document.createTextNode(" "), remove]));
      });
      list.hidden = !chosen.length;
    }
    select.addEventListener("change", function () {
      if (!select.value) return;
      chosen.push(select.value);
      render();
    });
    render();
    const node = box(s, name, path, required, select);
    node.appendChild(list);
    return {el: node, get: function () { return chosen.length ? chosen.slice() : undefined; }};
  }

  function linesWidget(s, name, path, value, required) {
    const control = make("textarea", {rows: 3, "data-lines": "true"});
    control.name = validator.displayKey(path);
    control.value = (value || []).join("\n");
    const node = box(s, name, path, required, control);
    node.insertBefore(make("p", {"class": "proposer-help", text: "Un élément par ligne ; un tiret « - » en début de ligne est accepté."}), control);
    return {el: node, get: function () {
      // « - item » typed as in a list: the dash is the list's mark, not part of the item.
      const lines = control.value.split(/\r?\n/).map((line) => line.trim().replace(/^(?:[-–—•*]\s+|[-–—•](?=\p{L}))/u, "").trim()).filter(Boolean);
      return lines.length ? lines : undefined;
    }};
  }

  function objectWidget(s, name, path, value, required) {
    const children = [], inner = make("div", {"class": "proposer-object"});
    const props = s.properties || {}, need = s.required || [];
    let keys = Object.keys(props);
    let optional = null, parts = null;
    if (!path.length && s["x-sections"]) {
      // The record itself, in the titled parts the schema declares (core/schema/declarations.py).
      parts = {};
      s["x-sections"].forEach(function (part, index) {
        const id = "partie-" + (index + 1);
        const section = data.compact && index === s["x-sections"].length - 1 && index > 0
          // Compact forms fold their last part (the optional details): opened on demand or on an error.
          ? make("details", {"class": "proposer-section proposer-folded", id: id}, [make("summary", {text: part.title})])
          : make("section", {"class": "proposer-section", id: id, "aria-labelledby": id + "-titre"},
                 [make("h2", {id: id + "-titre", text: part.title})]);
        part.keys.forEach(function (key) { parts[key] = section; });
        inner.appendChild(section);
      });
      keys = s["x-sections"].reduce(function (all, part) { return all.concat(part.keys); }, []);
    } else if (!path.length) {
      // The record itself: required fields first, the optional ones in a second part.
      keys = keys.filter(function (k) { return need.indexOf(k) >= 0; })
        .concat(keys.filter(function (k) { return need.indexOf(k) < 0; }));
      optional = make("div", {"class": "proposer-optional"}, [make("h2", {text: "Pour aller plus loin (facultatif)"}),
        make("p", {"class": "proposer-help", text: "Laissez vide un champ que vous ne pouvez pas remplir : n'inventez rien."})]);
    }
    if (!path.length && data.hidden) {
      keys = keys.filter(function (k) { return data.hidden.indexOf(k) < 0 || need.indexOf(k) >= 0; });
    }
    keys.forEach(function (key) {
      const child = widget(props[key], key, path.concat([key]), (value || {})[key], need.indexOf(key) >= 0);
      child.name = key;
      children.push(child);
      (parts ? parts[key] : optional && need.indexOf(key) < 0 ? optional : inner).appendChild(child.el);
    });
    if (optional) inner.appendChild(optional);
    const node = path.length ? box(s, name, path, required, inner, true) : inner;
    return {el: node, get: function () {
      const result = {};
      let filled = false;
      // Keys in schema order, as in the hand-written files.
      children.slice().sort(function (a, b) { return Object.keys(props).indexOf(a.name) - Object.keys(props).indexOf(b.name); })
        .forEach(function (child) {
        const v = child.get();
        if (v === undefined) return;
        result[child.name] = v;
        if (!(child.boolean && v === false)) filled = true;
      });
      return filled ? result : undefined;
    }};
  }

  function objectListWidget(s, name, path, value, required) {
    const itemSchema = s.items;
    const words = itemSchema["x-noun"] || {word: "élément", a: "un élément", the: "l'élément"};
    const list = make("div", {"class": "proposer-items"});
    const add = make("button", {type: "button", "class": "md-button proposer-add", text: "Ajouter " + words.a});
    let items = [];

    function render(values) {
      list.textContent = "";
      items = values.map(function (itemValue, index) {
        const item = objectWidget({properties: itemSchema.properties, required: itemSchema.required,
                                 "x-label": capital(words.word) + " " + (index + 1)}, words.word,
                                path.concat([index]), itemValue, false);
        item.el.classList.add("proposer-item");
        const remove = make("button", {type: "button", "class": "proposer-remove",
                                     text: "Retirer " + words.the + " " + (index + 1)});
        remove.addEventListener("click", function () {
          const current = items.map(function (it) { return it.get() || {}; });
          current.splice(index, 1);
          render(current);
          update();
        });
        item.el.appendChild(remove);
        list.appendChild(item.el);
        return item;
      });
    }

    render(value && value.length ? value : (required ? [{}] : []));
    add.addEventListener("click", function () {
      const current = items.map(function (it) { return it.get() || {}; });
      current.push({});
      render(current);
      update();
      const first = list.lastElementChild && list.lastElementChild.querySelector("input, textarea, select");
      if (first) first.focus();
    });
    const node = box(s, name, path, required, make("div", {}, [list, add]), true);
    return {el: node, get: function () {
      const values = items.map(function (it) { return it.get() || {}; });
      return values.length ? values : undefined;
    }};
  }

  // --- output: status, sending, the team's tools -------------------------------------------------

  // The status keeps its nodes: rebuilding them while a click is under way would swallow the click.
  const statusText = make("span", {"class": "proposer-status-text"});
  const showButton = make("button", {type: "button", "class": "md-button proposer-show", text: "Voir les points à corriger"});
  const status = make("div", {"class": "proposer-status", role: "status", "aria-live": "polite"},
                      [statusText, document.createTextNode(" "), showButton]);
  // The error summary (GOV.UK / DSFR pattern): at the top, after a submit, one link per problem.
  const summaryTitle = make("h2", {id: "proposer-resume-erreurs-titre"});
  const summaryList = make("ul", {"class": "proposer-summary-list"});
  const summary = make("div", {"class": "proposer-summary", id: "proposer-resume-erreurs", tabindex: "-1",
                               "aria-labelledby": "proposer-resume-erreurs-titre", hidden: "hidden"},
                       [summaryTitle, make("p", {text: "Chaque lien mène au champ à corriger."}), summaryList]);
  const outputTitle = make("h2", {id: "proposer-sortie-titre", tabindex: "-1", text: OUTPUT_TITLE});

  // Sending: the person's mail client, addressed to the team, with a link that reopens the proposal.
  const authorInput = make("input", {type: "text", id: "proposer-auteur", autocomplete: "name", maxlength: "120"});
  const authorBox = make("div", {"class": "proposer-field proposer-auteur"}, [
    make("label", {"for": "proposer-auteur"}, [make("span", {"class": "proposer-label-text", text: "Votre nom"}),
                                              make("span", {"class": "proposer-required", text: " (facultatif)"})]),
    make("p", {"class": "proposer-help", id: "proposer-auteur-aide",
               text: "Pour que l'équipe puisse vous répondre. Il est écrit dans le message, rien d'autre sur vous."})]);
  const authorError = make("p", {"class": "proposer-error", id: "proposer-auteur-erreur", hidden: "hidden", "aria-live": "polite"});
  authorBox.append(authorInput, authorError);
  authorInput.setAttribute("aria-describedby", "proposer-auteur-aide proposer-auteur-erreur");
  const mailLink = make("a", {"class": "md-button md-button--primary", id: "proposer-envoyer",
                              text: "Envoyer à l'équipe du centre"});
  const linkField = make("input", {type: "text", id: "proposer-lien", readonly: "readonly", spellcheck: "false"});
  const copyLinkButton = make("button", {type: "button", "class": "md-button", id: "proposer-copier-lien", text: "Copier le lien"});
  const teamLine = make("p", {"class": "proposer-help proposer-equipe"});
  const linkLabel = make("label", {"for": "proposer-lien", text: "Le lien de votre proposition"});
  const sendBox = make("div", {"class": "proposer-envoi", id: "proposer-envoi", hidden: "hidden"}, [
    authorBox,
    make("div", {"class": "proposer-actions"}, [mailLink]),
    make("p", {"class": "proposer-help", text: "Votre messagerie s'ouvre avec un message prêt : vérifiez-le, puis envoyez-le. "
      + "Il contient un lien qui rouvre votre proposition sur ce site."}),
    teamLine,
    make("div", {"class": "proposer-lien"}, [linkLabel, make("div", {"class": "proposer-lien-ligne"}, [linkField, copyLinkButton])])]);

  // For the team: the forge (when configured), the file, the command that imports a proposal.
  const yamlBox = make("textarea", {id: "proposer-yaml", rows: 18, readonly: "readonly", spellcheck: "false",
                                    "aria-label": "Le fichier de la proposition"});
  const yamlDetails = make("details", {"class": "proposer-yaml"},
                           [make("summary", {text: "Voir le fichier"}), yamlBox]);
  const copyButton = make("button", {type: "button", "class": "md-button", id: "proposer-copier", text: "Copier le fichier"});
  const downloadButton = make("button", {type: "button", "class": "md-button", id: "proposer-telecharger",
                                         text: "Télécharger le fichier"});
  const forgeLink = make("a", {"class": "md-button", id: "proposer-forge", target: "_blank",
                               rel: "noopener", text: "Ouvrir une demande de fusion"});
  const importCommand = make("code", {id: "proposer-commande"});
  const teamDetails = make("details", {"class": "proposer-membres", id: "proposer-membres"}, [
    make("summary", {text: "Pour les membres de l'équipe"}),
    make("p", {"class": "proposer-help", text: forge
      ? "« Ouvrir une demande de fusion » ouvre la forge avec le fichier " + data.folder + "/… déjà rempli."
      : "Aucune forge n'est configurée : téléchargez le fichier et ajoutez-le au dossier " + data.folder + "/ du dépôt."}),
    make("div", {"class": "proposer-actions"}, [forge ? forgeLink : null, copyButton, downloadButton]),
    yamlDetails,
    make("p", {"class": "proposer-help"}, [document.createTextNode("Ou, dans le dépôt, une branche vérifiée en une commande : "),
                                         importCommand])]);
  const note = make("p", {"class": "proposer-note", "aria-live": "polite"});

  // Drafts: the notice next to the form, with « Effacer le brouillon » always there (brouillon.js).
  const draftNotice = brouillon.notice({onErase: () => {
    if (!window.confirm("Effacer tout ce qui a été saisi dans ce formulaire ?")) return;
    brouillon.erase(storageKey);
    state = {};
    start(null);
    draftNotice.say("Le brouillon est effacé de cet ordinateur.");
  }});
  draftNotice.element.querySelector(".brouillon-effacer").id = "proposer-effacer";
  const recentBox = make("div", {"class": "proposer-recents", hidden: "hidden"});
  // A link arriving over a different draft: the person chooses, the other stays one click away.
  const choice = make("div", {"class": "proposer-choix", id: "proposer-choix", role: "group", tabindex: "-1",
                              "aria-labelledby": "proposer-choix-titre", hidden: "hidden"});
  const banner = make("div", {"class": "proposer-banniere", id: "proposer-banniere", hidden: "hidden"});
  const bannerState = make("p", {"class": "proposer-banniere-etat"});
  const linkError = make("div", {"class": "proposer-lien-erreur", id: "proposer-lien-erreur", role: "alert", hidden: "hidden"});

  function idErrors(id) {
    if (state.modification) {
      return id === state.modification ? [] : ["l'adresse d'une page que l'on modifie ne change pas : « " + state.modification + " »"];
    }
    if (!id) return ["donnez une adresse à la page (elle se remplit à partir du titre)"];
    if (!new RegExp(data.idPattern).test(id) || id.length > data.idMax) {
      return ["« " + id + " » n'est pas une adresse acceptée : lettres minuscules sans accents, chiffres et tirets simples, "
              + data.idMax + " caractères au plus"];
    }
    if (data.ids.indexOf(id) >= 0) return ["l'adresse « " + id + " » est déjà prise par une autre page : choisissez-en une autre"];
    return [];
  }

  function slotFor(path) {
    for (let n = path.length; n >= 0; n--) {
      const key = validator.displayKey(path.slice(0, n));
      if (slots[key]) return {key, slot: slots[key]};
    }
    return null;
  }

  // A field's full name, for the summary: "Étape 2 — Titre de l'étape", "Période — Année de fin".
  function fullLabel(slot) {
    const names = [];
    for (let n = 1; n < slot.path.length; n++) {
      if (typeof slot.path[n] === "number") continue;  // the list: its item names itself
      const parent = slots[validator.displayKey(slot.path.slice(0, n))];
      if (parent) names.push(parent.name.textContent);
    }
    names.push(slot.name.textContent);
    return names.join(" — ");
  }

  function focusTarget(slot) {
    const target = slot.control || slot.wrapper.querySelector("input, select, textarea, button");
    if (target && !target.id) target.id = "champ-" + (++counter);
    return target;
  }

  function renderSummary(problems) {
    summaryList.textContent = "";
    summary.hidden = !problems.length;
    summaryTitle.textContent = "Il y a " + problems.length + (problems.length > 1 ? " points" : " point") + " à corriger";
    problems.forEach((problem) => {
      const text = fullLabel(problem.slot) + " : " + problem.message;
      const target = focusTarget(problem.slot);
      const link = make("a", {href: target ? "#" + target.id : null, text});
      link.addEventListener("click", (event) => {
        if (!target) return;
        event.preventDefault();
        // The label or legend in view too, not only the control (GOV.UK error summary).
        const folded = problem.slot.wrapper.closest("details");
        if (folded) folded.open = true;
        problem.slot.wrapper.scrollIntoView({block: "start"});
        target.focus({preventScroll: true});
      });
      summaryList.appendChild(make("li", {}, [link]));
    });
  }

  function show(slot, messages) {
    // Under its field a message is a sentence; in the summary it follows "Label : ".
    slot.error.textContent = messages.map((m) => capital(m).replace(/[^.!?]$/, "$&.")).join(" ");
    slot.error.hidden = !messages.length;
    slot.wrapper.classList.toggle("proposer-invalid", messages.length > 0);
    const folded = messages.length && slot.wrapper.closest("details");
    if (folded) folded.open = true;  // an error is never hidden in a folded part
    if (slot.control) slot.control.setAttribute("aria-invalid", messages.length ? "true" : "false");
  }

  function currentRecord() {
    return root.get() || {};
  }

  // The proposal as the link carries it (core/proposal.py reads the same shape).
  function payload(record, id) {
    const value = {proposition: 1, collection: data.collection, id, contenu: record};
    const author = authorInput.value.trim() || (state.recue && state.recue.auteur) || "";
    if (author) value.auteur = author.slice(0, 120);
    if (state.modification) value.modification = true;
    value.envoi = true;  // a link made here is sent to the team: it opens as « Proposition reçue »
    return value;
  }

  function formAddress() {
    return window.location.origin + window.location.pathname;
  }

  function mailto(record, link) {
    const title = (record.titre || "").trim();
    const subject = state.modification ? "Modification proposée : " + title : "Proposition de " + noun.word + " : " + title;
    const author = authorInput.value.trim();
    const lines = ["Bonjour,", "",
      state.modification ? "Je propose une modification de la page « " + title + " » du centre de ressources."
        : "Je propose " + noun.a + " pour le centre de ressources : « " + title + " ».",
      author ? "Vous pouvez me recontacter : " + author + "." : "",
      "", "Pour ouvrir la proposition, cliquez sur ce lien, ou copiez-le en entier dans votre navigateur :", "",
      link, "", "Merci."];
    return "mailto:" + team.courriel + "?subject=" + encodeURIComponent(subject)
      + "&body=" + encodeURIComponent(lines.filter((line, i) => line !== "" || lines[i - 1] !== "").join("\r\n"));
  }

  let linkRound = 0;
  // The link is compressed asynchronously (CompressionStream): the last request wins.
  async function refreshLink(record, id, sendable) {
    const round = ++linkRound;
    const token = await encode("proposition", payload(record, id));
    if (round !== linkRound) return;
    const link = formAddress() + "#" + token;
    linkField.value = link;
    importCommand.textContent = "make importer SOURCE='" + link + "'";
    if (sendable && team) mailLink.href = mailto(record, link);
    host.dataset.lien = String(link.length);
  }

  function update() {
    const record = currentRecord();
    if (!idEdited && !state.modification) idInput.value = slug(record.titre || "");
    const id = idInput.value.trim();
    const errors = validator.validate(schema, record, {form: true});
    const personal = donnees.check(record, rules);
    const byKey = {}, problems = [];
    const add = (path, message, always) => {
      const found = slotFor(path);
      if (!found) return;
      (byKey[found.key] = byKey[found.key] || []).push(message);
      if (always) touched[found.key] = true;  // personal data is said at once, under its field
      problems.push({slot: found.slot, message});
    };
    errors.forEach((error) => add(error.field, error.message, false));
    personal.forEach((finding) => add(finding.path, finding.message, true));
    // The contributor's name travels in the mail: a name, never a phone number or an address.
    const authorFound = donnees.scan(authorInput.value, rules);
    authorError.textContent = authorFound.length
      ? "Écrivez seulement votre nom : " + authorFound[0].kind + " « " + authorFound[0].value + " » à retirer." : "";
    authorError.hidden = !authorFound.length;
    authorInput.setAttribute("aria-invalid", authorFound.length ? "true" : "false");
    const fileProblems = idErrors(id);
    byKey["@id"] = fileProblems;
    fileProblems.forEach((message) => problems.push({slot: slots["@id"], message}));
    // In the order of the page, as a person reads it.
    problems.sort((a, b) => {
      if (a.slot === b.slot) return 0;
      return a.slot.wrapper.compareDocumentPosition(b.slot.wrapper) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    Object.keys(slots).forEach((key) => {
      show(slots[key], (submitted || touched[key]) ? (byKey[key] || []) : []);
    });
    renderSummary(submitted ? problems : []);
    const total = errors.length + personal.length + fileProblems.length;
    const blocked = total + authorFound.length;
    const yaml = toYaml(record, schema, "Proposé avec le formulaire du centre de ressources ; vérifié par scripts/validate.py.");
    yamlBox.value = yaml;
    const received = !!state.recue;
    if (personal.length) {
      const named = personal.map((f) => f.value).slice(0, 3).map((v) => "« " + v + " »").join(", ");
      statusText.textContent = "Votre texte contient " + (personal.length > 1 ? personal.length + " données personnelles" : "une donnée personnelle")
        + " (" + personal[0].kind + " " + named + (personal.length > 3 ? "…" : "") + ") : retirez-"
        + (personal.length > 1 ? "les" : "la") + ". Rien ne peut être envoyé tant qu'"
        + (personal.length > 1 ? "elles sont là." : "elle est là.");
    } else if (total) {
      statusText.textContent = total + (total > 1 ? " points à corriger" : " point à corriger")
        + " avant " + (received ? "de publier " : "d'envoyer ") + noun.the + ".";
    } else if (received) {
      statusText.textContent = "Tout est correct : la proposition peut être publiée (voir « Pour les membres de l'équipe »).";
    } else {
      statusText.textContent = team ? "Tout est correct : vous pouvez envoyer " + noun.the + " à l'équipe du centre."
        : "Tout est correct. Ce site n'a pas d'adresse de contact configurée : gardez le lien ci-dessous pour le transmettre.";
    }
    status.className = "proposer-status " + (total ? "proposer-status-ko" : "proposer-status-ok");
    if (received) bannerState.textContent = statusText.textContent;  // the team sees the verdict first
    showButton.hidden = !total;
    sendBox.hidden = !!total || received;
    mailLink.hidden = !team || authorFound.length > 0;
    if (total) {
      forgeLink.removeAttribute("href");
      forgeLink.setAttribute("aria-disabled", "true");
      mailLink.removeAttribute("href");
      linkField.value = "";
    } else {
      const url = forgeUrl(forge, id, yaml, record.titre);
      if (url) forgeLink.href = url; else forgeLink.removeAttribute("href");
      forgeLink.setAttribute("aria-disabled", url ? "false" : "true");
    }
    if (blocked) {
      linkRound++;
      mailLink.removeAttribute("href");
      linkField.value = "";  // a link still being made is dropped: nothing to send until all is right
      importCommand.textContent = "(la proposition doit d'abord être corrigée)";
    } else {
      refreshLink(record, id, true).catch(() => { linkField.value = ""; });
    }
    host.dataset.valid = total ? "false" : "true";
    host.dataset.personnel = String(personal.length);
    const stamp = brouillon.save(storageKey, draftContent(record, id), {jours});
    draftNotice.update(stamp ? stamp.expires : null);
  }

  function draftContent(record, id) {
    const content = {record, id, idEdited};
    if (state.modification) content.modification = state.modification;
    if (state.recue) content.recue = state.recue;
    if (authorInput.value.trim()) content.auteur = authorInput.value.trim().slice(0, 120);
    return content;
  }

  function start(draft) {
    host.textContent = "";
    host.classList.toggle("proposer-compact", !!data.compact);
    slots = {}; touched = {}; submitted = false;
    const record = (draft && draft.record) || {};
    state = {modification: draft && draft.modification || null, recue: draft && draft.recue || null};
    if (!record.date_maj) record.date_maj = validator.todayIso();
    preselect(record);
    const form = make("form", {"class": "proposer-form", novalidate: "novalidate"});
    root = widget(schema, "", [], record, true);
    form.appendChild(root.el);
    form.appendChild(make("div", {"class": "proposer-submit"}, [
      make("button", {type: "submit", "class": "md-button md-button--primary", text: "Vérifier " + noun.the}),
      make("p", {"class": "proposer-help", text: "La vérification liste ce qui reste à corriger, ou prépare l'envoi."})]));
    form.addEventListener("submit", (event) => { event.preventDefault(); check(); });
    idInput = make("input", {type: "text", id: "proposer-id", spellcheck: "false"});
    idEdited = !!(draft && draft.idEdited) || !!state.modification;
    idInput.value = state.modification || (draft && typeof draft.id === "string" ? draft.id : "");
    if (state.modification) idInput.readOnly = true;
    authorInput.value = draft && typeof draft.auteur === "string" ? draft.auteur : "";
    const idBox = box({description: state.modification
      ? "Vous proposez une modification de cette page : son adresse ne change pas."
      : "La fin de l'adresse de la page sur le site. Elle se remplit à partir du titre ; vous pouvez la changer."},
                      "Adresse de la page", ["@id"], true, idInput);
    teamLine.textContent = team
      ? "Si votre messagerie ne s'ouvre pas, ou coupe le lien : écrivez à " + team.nom + " (" + team.courriel
        + ") et collez-y ce lien en entier."
      : "Ce site n'a pas d'adresse de contact configurée : le bouton d'envoi n'est pas disponible. Copiez le lien "
        + "ci-dessous et transmettez-le à l'équipe du centre de ressources (ou à la personne qui vous a orienté ici).";
    const output = make("section", {"class": "proposer-output", id: "proposer-sortie", "aria-labelledby": "proposer-sortie-titre"}, [
      outputTitle, idBox, status, sendBox, note, teamDetails]);
    teamDetails.open = !!state.recue;
    renderBanner();
    host.append(linkError, choice, banner);
    // The notice about the draft: above a long form; under a short one, next to its button.
    if (!data.compact) host.append(draftNotice.element, recentBox);
    host.appendChild(summary);
    if (!data.compact) host.appendChild(outline(schema));  // a short form needs no table of contents
    host.appendChild(form);
    if (data.compact) host.append(draftNotice.element, recentBox);
    host.appendChild(output);
    renderRecents();
    update();
  }

  function renderBanner() {
    banner.textContent = "";
    banner.hidden = !(state.recue || state.modification);
    if (state.recue) {
      banner.className = "proposer-banniere proposer-recue";
      banner.append(make("h2", {text: "Proposition reçue"}), bannerState,
        make("p", {text: (state.recue.auteur ? "Proposée par " + state.recue.auteur + ". " : "")
          + (state.modification ? "C'est une modification de la page « " + state.modification + " ». " : "")
          + "Chaque point est vérifié ci-dessous : corrigez ce qu'il faut, puis publiez-la avec « Pour les membres de "
          + "l'équipe », en bas de la page."}));
    } else if (state.modification) {
      banner.className = "proposer-banniere proposer-modification";
      banner.append(make("p", {text: "Vous proposez une modification de cette page. Changez ce qui doit l'être, "
        + "puis envoyez votre proposition à l'équipe du centre : elle la relira avant de la publier."}));
    }
  }

  // The record named in the address is already chosen: « Raconter une utilisation » on a fiche's
  // page opens the retour form at ?fiche=<id> (data.preselect: parameter -> key, core/contribution.py).
  function preselect(record) {
    const params = new URLSearchParams(window.location.search);
    Object.keys(data.preselect || {}).forEach((param) => {
      const key = data.preselect[param], id = params.get(param);
      const known = ((schema.properties[key] || {}).items || {}).enum || [];
      if (!id || known.indexOf(id) < 0) return;
      record[key] = (record[key] || []).filter((v) => v !== id).concat([id]);
    });
  }

  // The parts of the form, listed at the top: a long form read by its headings.
  function outline(s) {
    const items = (s["x-sections"] || []).map((part, index) =>
      make("li", {}, [make("a", {href: "#partie-" + (index + 1), text: part.title})]));
    items.push(make("li", {}, [make("a", {href: "#proposer-sortie", text: OUTPUT_TITLE})]));
    return make("nav", {"class": "proposer-outline", "aria-labelledby": "proposer-sommaire-titre"}, [
      make("h2", {id: "proposer-sommaire-titre", text: "Les parties du formulaire"}), make("ol", {}, items)]);
  }

  // "Submit": every problem shown, listed at the top with the focus on the list; or, when all is
  // right, the focus on the sending step.
  function check() {
    submitted = true;
    update();
    if (!summary.hidden) {
      summary.scrollIntoView({block: "start"});
      summary.focus({preventScroll: true});
    } else {
      outputTitle.scrollIntoView({block: "start"});
      outputTitle.focus({preventScroll: true});
    }
  }

  function onEdit(event) {
    if (event.target === yamlBox || event.target === linkField) return;
    if (event.target === idInput) idEdited = idInput.value.trim() !== "";
    if (event.target.name === "titre" && !idEdited) touched["@id"] = true;  // the address follows the title
    let field = event.target.closest("[data-key]");
    while (field) {
      touched[field.dataset.key] = true;
      field = field.parentElement && field.parentElement.closest("[data-key]");
    }
    update();
  }
  host.addEventListener("input", onEdit);
  host.addEventListener("change", onEdit);

  function copy(text, field, done) {
    const fallback = () => {
      if (field.closest("details")) field.closest("details").open = true;
      field.select();
      document.execCommand("copy");
      done();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  showButton.addEventListener("click", check);
  copyLinkButton.addEventListener("click", () => copy(linkField.value, linkField, () => {
    note.textContent = "Le lien est copié : collez-le en entier dans un message à l'équipe du centre.";
  }));
  copyButton.addEventListener("click", () => copy(yamlBox.value, yamlBox, () => {
    note.textContent = "Le fichier est copié.";
  }));
  downloadButton.addEventListener("click", () => {
    const link = make("a", {download: (idInput.value.trim() || "nouvelle-ressource") + ".yml"});
    link.href = URL.createObjectURL(new Blob([yamlBox.value], {type: "text/yaml;charset=utf-8"}));
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  // --- drafts and links arriving ------------------------------------------------------------------

  function titleOf(content) {
    const title = content && content.record && typeof content.record.titre === "string" ? content.record.titre.trim() : "";
    return title || "Sans titre";
  }

  // What the form holds now, if anything was typed (a fresh form only has today's date).
  function meaningful(content) {
    if (!content || !content.record) return false;
    return Object.keys(content.record).some((key) => key !== "date_maj");
  }

  function same(a, b) {
    const strip = (content) => JSON.stringify(Object.assign({}, content.record, {date_maj: undefined}));
    return strip(a) === strip(b);
  }

  function renderRecents() {
    const items = brouillon.recent(recentKey, {jours});
    recentBox.textContent = "";
    recentBox.hidden = !items.length;
    if (!items.length) return;
    const list = make("ul", {});
    items.forEach((item, index) => {
      const button = make("button", {type: "button", "class": "md-button proposer-rouvrir",
        text: "Rouvrir « " + (item.titre || "Sans titre") + " » (" + brouillon.frenchDate(new Date(item.date)) + ")"});
      button.addEventListener("click", () => reopen(index));
      list.appendChild(make("li", {}, [button]));
    });
    recentBox.append(make("h2", {text: "Vos brouillons précédents"}),
                     make("p", {"class": "proposer-help", text: "Gardés sur cet ordinateur ; rouvrir l'un range celui en cours ici."}),
                     list);
  }

  function keep(content) {
    if (meaningful(content)) brouillon.remember(recentKey, titleOf(content), content, {jours});
  }

  function reopen(index) {
    const items = brouillon.recent(recentKey, {jours});
    const item = items[index];
    if (!item || !validDraft(item.contenu)) return;
    const rest = items.filter((_, i) => i !== index);
    brouillon.save(recentKey, rest.map((it) => ({titre: it.titre, date: it.date, contenu: it.contenu})), {jours});
    keep(draftContent(currentRecord(), idInput.value.trim()));
    start(item.contenu);
    draftNotice.say("« " + titleOf(item.contenu) + " » est rouvert.");
  }

  function validDraft(content) {
    return !!content && typeof content === "object" && !!content.record && typeof content.record === "object"
      && !Array.isArray(content.record);
  }

  // Where a link made on this site comes from (its ``depuis``), as the choice over a draft says it.
  const ORIGINS = {
    planificateur: {arrive: "Votre action arrive du planificateur", opens: "Le planificateur ouvre ",
                    what: "la pratique préremplie"},
    seance: {arrive: "Votre séance arrive du préparateur de séance", opens: "Le préparateur de séance ouvre ",
             what: "le retour prérempli"},
  };

  // A decoded link -> the draft it opens, or a French sentence saying why not.
  function fromProposal(value) {
    if (!value || typeof value !== "object" || value.proposition !== 1 || !value.contenu
        || typeof value.contenu !== "object" || Array.isArray(value.contenu)) {
      return "Ce lien n'est pas une proposition du centre de ressources : rien n'a été ouvert.";
    }
    if (value.collection !== data.collection) {
      return "Ce lien est une proposition pour un autre formulaire du centre : ouvrez-le depuis la page « Proposer » qui lui correspond.";
    }
    const id = typeof value.id === "string" ? value.id : "";
    if (id && (!new RegExp(data.idPattern).test(id) || id.length > data.idMax)) {
      return "Ce lien contient une adresse de page refusée : rien n'a été ouvert.";
    }
    const author = typeof value.auteur === "string" ? value.auteur.replace(/\s+/g, " ").trim().slice(0, 120) : "";
    const content = {record: value.contenu, id, idEdited: !!id};
    if (value.modification === true && id) content.modification = id;
    // Made on this site by the planner or the session builder (« Raconter… »): said so when asking.
    if (Object.hasOwn(ORIGINS, value.depuis)) content.depuis = value.depuis;
    // Sent by a contributor (the mail's link carries a name or a sending mark): the team's view.
    if (value.envoi === true) content.recue = {auteur: author};
    else if (author) content.auteur = author;
    return content;
  }

  function clearHash() {
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  function sayLinkError(message) {
    linkError.textContent = "";
    linkError.append(make("p", {text: message}));
    linkError.hidden = false;
    linkError.focus && linkError.setAttribute("tabindex", "-1");
    linkError.focus();
  }

  async function arrive() {
    if (!carries("proposition", window.location.hash)) return;
    linkError.hidden = true;
    let value;
    try {
      value = await decode("proposition", window.location.hash);
    } catch (error) {
      clearHash();
      sayLinkError(error instanceof LinkError ? error.message : "Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.");
      return;
    }
    clearHash();
    const incoming = fromProposal(value);
    if (typeof incoming === "string") {
      sayLinkError(incoming);
      return;
    }
    const current = draftContent(currentRecord(), idInput.value.trim());
    if (!meaningful(current) || same(current, incoming)) {
      start(incoming);
      return;
    }
    ask(current, incoming);
  }

  function ask(current, incoming) {
    choice.textContent = "";
    const origin = incoming.depuis ? ORIGINS[incoming.depuis] : null;
    const what = origin ? origin.what : incoming.recue ? "une proposition reçue"
      : incoming.modification ? "une page à modifier" : "une proposition";
    const open = make("button", {type: "button", "class": "md-button md-button--primary", id: "proposer-choix-ouvrir",
                                 text: "Ouvrir " + what + " (« " + titleOf(incoming) + " »)"});
    const stay = make("button", {type: "button", "class": "md-button", id: "proposer-choix-garder",
                                 text: "Garder mon brouillon (« " + titleOf(current) + " »)"});
    open.addEventListener("click", () => {
      keep(current);
      choice.hidden = true;
      start(incoming);
      draftNotice.say("Votre brouillon « " + titleOf(current) + " » est rangé dans « Vos brouillons précédents ».");
    });
    stay.addEventListener("click", () => {
      keep(incoming);
      choice.hidden = true;
      renderRecents();
      draftNotice.say("« " + titleOf(incoming) + " » est rangé dans « Vos brouillons précédents » : un clic pour l'ouvrir.");
    });
    choice.append(make("h2", {id: "proposer-choix-titre", text: (origin ? origin.arrive : "Un lien vient d'arriver")
                                                                + ", et ce formulaire a déjà un brouillon"}),
      make("p", {text: (origin ? origin.opens : "Le lien ouvre ") + what + " : « " + titleOf(incoming) + " ». Votre brouillon : « " + titleOf(current)
        + " ». Que voulez-vous ouvrir ? L'autre reste sur cet ordinateur, à un clic."}),
      make("div", {"class": "proposer-actions"}, [open, stay]));
    choice.hidden = false;
    choice.scrollIntoView({block: "start"});
    choice.focus({preventScroll: true});
  }

  // --- at load -------------------------------------------------------------------------------------

  const found = brouillon.load(storageKey, {jours});
  start(found && validDraft(found.value) ? found.value : null);
  if (found && found.expired) draftNotice.say(brouillon.expiredText(jours));
  if (found && found.tooLarge) draftNotice.say(brouillon.UNREADABLE_TEXT);
  window.addEventListener("hashchange", () => { arrive(); });
  arrive();
}
