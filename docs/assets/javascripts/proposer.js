/* "Proposer une pratique / une fiche": a form generated from the JSON Schema embedded in the page
 * (core/contribution.py), checked as the person types by validator.js, producing the YAML record.
 * Nothing is sent anywhere: the draft stays in localStorage; the only way out is a link to the
 * forge's new-file page (address given by the build, core/forge.py), a copy or a download.
 */
(function () {
  "use strict";

  // --- pure helpers (also used by the tests through window.CentreProposer) -------------------

  function slug(title) {
    var text = String(title).replace(/œ/g, "oe").replace(/Œ/g, "Oe").replace(/æ/g, "ae").replace(/Æ/g, "Ae")
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (text.length > 80) {
      text = text.slice(0, 81);
      text = text.indexOf("-") >= 0 ? text.slice(0, text.lastIndexOf("-")) : text.slice(0, 80);
    }
    return text.replace(/^-+|-+$/g, "");
  }

  var RESERVED = /^(y|yes|n|no|true|false|on|off|null)$/i;
  var PLAIN = /^\p{L}[\p{L}\p{N} \u00a0\u202f.,'’()«»\-\/+;!?]*$/u;
  var UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

  function quoted(text) {
    // A JSON string is a valid YAML double-quoted scalar; escape what YAML refuses raw.
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function scalar(value, schema) {
    if (typeof value !== "string") return String(value);
    var text = value.trim();
    if (schema && schema.format === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    if (text && PLAIN.test(text) && !RESERVED.test(text)) return text;
    return quoted(text);
  }

  function emitMapping(object, schema, indent) {
    var lines = [];
    var properties = (schema && schema.properties) || {};
    Object.keys(object).forEach(function (key) {
      var value = object[key], sub = properties[key] || {};
      if (Array.isArray(value)) {
        lines.push(indent + key + ":");
        value.forEach(function (item) {
          if (item && typeof item === "object") {
            var inner = emitMapping(item, sub.items || {}, indent + "    ");
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

  function toYaml(record, schema, header) {
    return (header ? "# " + header + "\n" : "") + emitMapping(record, schema, "").join("\n") + "\n";
  }

  // The forge's new-file page: the build gives its address with {fichier}, {contenu} and {titre}
  // to fill (core/forge.py, the only place that knows how GitLab and GitHub spell it).
  function forgeUrl(forge, id, content, title) {
    if (!forge || !forge.newFile) return "";
    return forge.newFile.replace("{fichier}", encodeURIComponent(id + ".yml"))
      .replace("{contenu}", encodeURIComponent(content))
      .replace("{titre}", encodeURIComponent(title || id));
  }

  window.CentreProposer = {slug: slug, toYaml: toYaml, forgeUrl: forgeUrl};

  // --- the form --------------------------------------------------------------------------------

  var host = document.getElementById("proposer");
  var dataNode = document.getElementById("proposer-data");
  if (!host || !dataNode || !window.CentreValidator) return;
  var data = JSON.parse(dataNode.textContent);
  var schema = data.schema;
  var forge = data.forge;
  var storageKey = "centre-ressources:brouillon:" + data.collection;
  var validator = window.CentreValidator;
  var noun = schema["x-noun"] || {a: "une ressource", the: "la ressource"};
  var slots = {}, touched = {}, submitted = false, counter = 0, root, idInput, idEdited = false;

  function make(tag, attrs, children) {
    var node = document.createElement(tag);
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
    var id = control.id || ("champ-" + (++counter));
    var key = validator.displayKey(path);
    var error = make("p", {"class": "proposer-error", id: id + "-erreur", hidden: "hidden", "aria-live": "polite"});
    var help = schema_.description ? make("p", {"class": "proposer-help", id: id + "-aide", text: schema_.description}) : null;
    var nameNode = make("span", {"class": "proposer-label-text", text: labelOf(schema_, name)});
    var title = [nameNode];
    if (required) title.push(make("span", {"class": "proposer-required", text: " (obligatoire)"}));
    var wrapper;
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
      var item = s.items || {};
      if (item.type === "object") return objectListWidget(s, name, path, value, required);
      if (item.enum && data.compact) return pickerWidget(s, name, path, value, required);
      if (item.enum && item.enum.length > LONG_LIST) return searchListWidget(s, name, path, value, required);
      if (item.enum) return checkboxesWidget(s, name, path, value, required);
      return linesWidget(s, name, path, value, required);
    }
    if (s.enum) return selectWidget(s, name, path, value, required);
    if (s.type === "boolean") return booleanWidget(s, name, path, value, required);
    if (s.type === "integer" || s.type === "number") return numberWidget(s, name, path, value, required);
    return textWidget(s, name, path, value, required);
  }

  function textWidget(s, name, path, value, required) {
    var control;
    if (s.contentMediaType === "text/markdown") {
      control = make("textarea", {rows: 6, "data-markdown": "true"});
    } else if (s.format === "date") {
      control = make("input", {type: "date"});
    } else {
      control = make("input", {type: "text"});
    }
    control.name = validator.displayKey(path);
    control.value = value === undefined || value === null ? "" : String(value);
    var node = box(s, name, path, required, control);
    if (s.contentMediaType === "text/markdown") {
      node.insertBefore(make("p", {"class": "proposer-help proposer-markdown",
        text: "Mise en forme possible : **gras**, listes avec « - » en début de ligne, une ligne vide entre deux paragraphes."}), control);
    }
    return {el: node, get: function () { return control.value.trim() === "" ? undefined : control.value; }};
  }

  function numberWidget(s, name, path, value, required) {
    var control = make("input", {type: "number", step: s.type === "integer" ? "1" : "any", inputmode: "numeric"});
    control.name = validator.displayKey(path);
    control.value = value === undefined || value === null ? "" : String(value);
    return {el: box(s, name, path, required, control), get: function () {
      if (control.value.trim() === "") return undefined;
      var number = Number(control.value);
      return isNaN(number) ? control.value : number;
    }};
  }

  function booleanWidget(s, name, path, value, required) {
    var control = make("input", {type: "checkbox"});
    control.name = validator.displayKey(path);
    control.checked = value === true;
    var node = box(s, name, path, required, control);
    node.classList.add("proposer-checkbox");
    return {el: node, get: function () { return control.checked; }, boolean: true};
  }

  function selectWidget(s, name, path, value, required) {
    var control = make("select", {}, [make("option", {value: "", text: "— choisir —"})]);
    control.name = validator.displayKey(path);
    s.enum.forEach(function (option) {
      var label = (s["x-labels"] || {})[option];
      control.appendChild(make("option", {value: option, text: label || option}));
    });
    control.value = value && s.enum.indexOf(value) >= 0 ? value : "";
    return {el: box(s, name, path, required, control), get: function () { return control.value || undefined; }};
  }

  function checkboxesWidget(s, name, path, value, required) {
    var options = s.items.enum, labels = s.items["x-labels"] || {}, chosen = value || [];
    var list = make("div", {"class": "proposer-choices" + (options.length > 12 ? " proposer-choices-long" : "")});
    var inputs = options.map(function (option) {
      var input = make("input", {type: "checkbox", value: option, name: validator.displayKey(path)});
      input.checked = chosen.indexOf(option) >= 0;
      list.appendChild(make("label", {"class": "proposer-choice"}, [input, document.createTextNode(" " + (labels[option] || option))]));
      return input;
    });
    if (!options.length) list.appendChild(make("p", {"class": "proposer-help", text: "Aucune valeur disponible pour l'instant."}));
    return {el: box(s, name, path, required, list, true), get: function () {
      var values = inputs.filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
      return values.length ? values : undefined;
    }};
  }

  // Past this many choices (thousands of records), checkboxes would weigh down the page:
  // one id per line, with a search box over the titles that adds the chosen id.
  var LONG_LIST = 40;

  function searchListWidget(s, name, path, value, required) {
    var options = s.items.enum, labels = s.items["x-labels"] || {};
    var listId = "liste-" + (++counter);
    var datalist = make("datalist", {id: listId});
    options.forEach(function (option) {
      datalist.appendChild(make("option", {value: labels[option] ? labels[option] + " — " + option : option}));
    });
    var search = make("input", {type: "search", list: listId, "class": "proposer-search",
                                "aria-label": "Chercher par titre : " + labelOf(s, name)});
    var lines = make("textarea", {rows: 3, "data-lines": "true", "aria-label": labelOf(s, name) + " : un identifiant par ligne"});
    lines.name = validator.displayKey(path);
    lines.value = (value || []).join("\n");
    search.addEventListener("change", function () {
      var picked = search.value.split(" — ").pop().trim();
      if (options.indexOf(picked) < 0) return;
      var current = lines.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      if (current.indexOf(picked) < 0) current.push(picked);
      lines.value = current.join("\n");
      search.value = "";
      lines.dispatchEvent(new Event("input", {bubbles: true}));
    });
    var node = box(s, name, path, required, make("div", {}, [
      make("p", {"class": "proposer-help", text: "Cherchez par titre puis choisissez : l'identifiant s'ajoute à la liste (un par ligne)."}),
      search, datalist, lines]), true);
    return {el: node, get: function () {
      var ids = lines.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      return ids.length ? ids : undefined;
    }};
  }

  // Compact forms (data.compact, the retour form): a menu of titles that adds the chosen one to a
  // list under it, each with its « Retirer » button; a few lines whatever the number of choices.
  function pickerWidget(s, name, path, value, required) {
    var options = s.items.enum, labels = s.items["x-labels"] || {};
    var chosen = (value || []).filter(function (v) { return options.indexOf(v) >= 0; });
    var select = make("select", {"class": "proposer-picker"});
    select.name = validator.displayKey(path);
    var list = make("ul", {"class": "proposer-picked"});
    function title(option) { return labels[option] || option; }
    function render() {
      select.textContent = "";
      select.appendChild(make("option", {value: "", text: chosen.length ? "— en ajouter —" : "— choisir —"}));
      options.forEach(function (option) {
        if (chosen.indexOf(option) < 0) select.appendChild(make("option", {value: option, text: title(option)}));
      });
      list.textContent = "";
      chosen.forEach(function (option) {
        var remove = make("button", {type: "button", "class": "proposer-unpick", text: "Retirer",
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
    var node = box(s, name, path, required, select);
    node.appendChild(list);
    return {el: node, get: function () { return chosen.length ? chosen.slice() : undefined; }};
  }

  function linesWidget(s, name, path, value, required) {
    var control = make("textarea", {rows: 3, "data-lines": "true"});
    control.name = validator.displayKey(path);
    control.value = (value || []).join("\n");
    var node = box(s, name, path, required, control);
    node.insertBefore(make("p", {"class": "proposer-help", text: "Un élément par ligne."}), control);
    return {el: node, get: function () {
      var lines = control.value.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean);
      return lines.length ? lines : undefined;
    }};
  }

  function objectWidget(s, name, path, value, required) {
    var children = [], inner = make("div", {"class": "proposer-object"});
    var props = s.properties || {}, need = s.required || [];
    var keys = Object.keys(props);
    var optional = null, parts = null;
    if (!path.length && s["x-sections"]) {
      // The record itself, in the titled parts the schema declares (core/schema/declarations.py).
      parts = {};
      s["x-sections"].forEach(function (part, index) {
        var id = "partie-" + (index + 1);
        var section = data.compact && index === s["x-sections"].length - 1 && index > 0
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
      var child = widget(props[key], key, path.concat([key]), (value || {})[key], need.indexOf(key) >= 0);
      child.name = key;
      children.push(child);
      (parts ? parts[key] : optional && need.indexOf(key) < 0 ? optional : inner).appendChild(child.el);
    });
    if (optional) inner.appendChild(optional);
    var node = path.length ? box(s, name, path, required, inner, true) : inner;
    return {el: node, get: function () {
      var result = {}, filled = false;
      // Keys in schema order, as in the hand-written files.
      children.slice().sort(function (a, b) { return Object.keys(props).indexOf(a.name) - Object.keys(props).indexOf(b.name); })
        .forEach(function (child) {
        var v = child.get();
        if (v === undefined) return;
        result[child.name] = v;
        if (!(child.boolean && v === false)) filled = true;
      });
      return filled ? result : undefined;
    }};
  }

  function objectListWidget(s, name, path, value, required) {
    var itemSchema = s.items;
    var words = itemSchema["x-noun"] || {word: "élément", a: "un élément", the: "l'élément"};
    var list = make("div", {"class": "proposer-items"});
    var add = make("button", {type: "button", "class": "md-button proposer-add", text: "Ajouter " + words.a});
    var items = [];

    function render(values) {
      list.textContent = "";
      items = values.map(function (itemValue, index) {
        var item = objectWidget({properties: itemSchema.properties, required: itemSchema.required,
                                 "x-label": capital(words.word) + " " + (index + 1)}, words.word,
                                path.concat([index]), itemValue, false);
        item.el.classList.add("proposer-item");
        var remove = make("button", {type: "button", "class": "proposer-remove",
                                     text: "Retirer " + words.the + " " + (index + 1)});
        remove.addEventListener("click", function () {
          var current = items.map(function (it) { return it.get() || {}; });
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
      var current = items.map(function (it) { return it.get() || {}; });
      current.push({});
      render(current);
      update();
      var first = list.lastElementChild && list.lastElementChild.querySelector("input, textarea, select");
      if (first) first.focus();
    });
    var node = box(s, name, path, required, make("div", {}, [list, add]), true);
    return {el: node, get: function () {
      var values = items.map(function (it) { return it.get() || {}; });
      return values.length ? values : undefined;
    }};
  }

  // --- output: status, YAML, links ---------------------------------------------------------------

  // The status keeps its nodes: rebuilding them while a click is under way would swallow the click.
  var statusText = make("span", {"class": "proposer-status-text"});
  var showButton = make("button", {type: "button", "class": "md-button proposer-show", text: "Voir les points à corriger"});
  var status = make("div", {"class": "proposer-status", role: "status", "aria-live": "polite"},
                    [statusText, document.createTextNode(" "), showButton]);
  var yamlBox = make("textarea", {id: "proposer-yaml", rows: 18, readonly: "readonly", spellcheck: "false",
                                  "aria-label": "Le fichier produit, au format YAML"});
  // The file is for the forge, not for reading: shown on demand.
  var yamlDetails = make("details", {"class": "proposer-yaml"},
                         [make("summary", {text: "Voir le fichier produit (format YAML)"}), yamlBox]);
  // The error summary (GOV.UK / DSFR pattern): at the top, after a submit, one link per problem.
  var summaryTitle = make("h2", {id: "proposer-resume-erreurs-titre"});
  var summaryList = make("ul", {"class": "proposer-summary-list"});
  var summary = make("div", {"class": "proposer-summary", id: "proposer-resume-erreurs", tabindex: "-1",
                             "aria-labelledby": "proposer-resume-erreurs-titre", hidden: "hidden"},
                     [summaryTitle, make("p", {text: "Chaque lien mène au champ à corriger."}), summaryList]);
  var outputTitle = make("h2", {id: "proposer-sortie-titre", tabindex: "-1", text: "Le fichier produit"});
  var copyButton = make("button", {type: "button", "class": "md-button", id: "proposer-copier", text: "Copier"});
  var downloadButton = make("button", {type: "button", "class": "md-button", id: "proposer-telecharger",
                                       text: "Télécharger le fichier .yml"});
  var forgeLink = make("a", {"class": "md-button md-button--primary", id: "proposer-forge", target: "_blank",
                             rel: "noopener", text: "Ouvrir une demande de fusion"});
  var resetButton = make("button", {type: "button", "class": "proposer-reset", id: "proposer-effacer",
                                    text: "Effacer le brouillon"});
  var note = make("p", {"class": "proposer-note", "aria-live": "polite"});

  function idErrors(id) {
    if (!id) return ["donnez un nom au fichier (il se remplit à partir du titre)"];
    if (!new RegExp(data.idPattern).test(id) || id.length > data.idMax) {
      return ["« " + id + " » n'est pas un nom de fichier accepté : minuscules sans accents, chiffres et tirets simples, "
              + data.idMax + " caractères au plus"];
    }
    if (data.ids.indexOf(id) >= 0) return ["le nom « " + id + " » est déjà pris par une autre ressource : choisissez-en un autre"];
    return [];
  }

  function slotFor(path) {
    for (var n = path.length; n >= 0; n--) {
      var key = validator.displayKey(path.slice(0, n));
      if (slots[key]) return {key: key, slot: slots[key]};
    }
    return null;
  }

  // A field's full name, for the summary: "Étape 2 — Titre de l'étape", "Période — Année de fin".
  function fullLabel(slot) {
    var names = [];
    for (var n = 1; n < slot.path.length; n++) {
      if (typeof slot.path[n] === "number") continue;  // the list: its item names itself
      var parent = slots[validator.displayKey(slot.path.slice(0, n))];
      if (parent) names.push(parent.name.textContent);
    }
    names.push(slot.name.textContent);
    return names.join(" — ");
  }

  function focusTarget(slot) {
    var target = slot.control || slot.wrapper.querySelector("input, select, textarea, button");
    if (target && !target.id) target.id = "champ-" + (++counter);
    return target;
  }

  function renderSummary(problems) {
    summaryList.textContent = "";
    summary.hidden = !problems.length;
    summaryTitle.textContent = "Il y a " + problems.length + (problems.length > 1 ? " points" : " point") + " à corriger";
    problems.forEach(function (problem) {
      var text = fullLabel(problem.slot) + " : " + problem.message;
      var target = focusTarget(problem.slot);
      var link = make("a", {href: target ? "#" + target.id : null, text: text});
      link.addEventListener("click", function (event) {
        if (!target) return;
        event.preventDefault();
        // The label or legend in view too, not only the control (GOV.UK error summary).
        var folded = problem.slot.wrapper.closest("details");
        if (folded) folded.open = true;
        problem.slot.wrapper.scrollIntoView({block: "start"});
        target.focus({preventScroll: true});
      });
      summaryList.appendChild(make("li", {}, [link]));
    });
  }

  function show(slot, messages) {
    // Under its field a message is a sentence; in the summary it follows "Label : ".
    slot.error.textContent = messages.map(function (m) { return capital(m).replace(/[^.!?]$/, "$&."); }).join(" ");
    slot.error.hidden = !messages.length;
    slot.wrapper.classList.toggle("proposer-invalid", messages.length > 0);
    var folded = messages.length && slot.wrapper.closest("details");
    if (folded) folded.open = true;  // an error is never hidden in a folded part
    if (slot.control) slot.control.setAttribute("aria-invalid", messages.length ? "true" : "false");
  }

  function currentRecord() {
    return root.get() || {};
  }

  function update() {
    var record = currentRecord();
    if (!idEdited) idInput.value = slug(record.titre || "");
    var id = idInput.value.trim();
    var errors = validator.validate(schema, record, {form: true});
    var byKey = {}, problems = [];
    errors.forEach(function (error) {
      var found = slotFor(error.field);
      if (!found) return;
      (byKey[found.key] = byKey[found.key] || []).push(error.message);
      problems.push({slot: found.slot, message: error.message});
    });
    var fileProblems = idErrors(id);
    byKey["@id"] = fileProblems;
    fileProblems.forEach(function (message) { problems.push({slot: slots["@id"], message: message}); });
    // In the order of the page, as a person reads it.
    problems.sort(function (a, b) {
      if (a.slot === b.slot) return 0;
      return a.slot.wrapper.compareDocumentPosition(b.slot.wrapper) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    Object.keys(slots).forEach(function (key) {
      show(slots[key], (submitted || touched[key]) ? (byKey[key] || []) : []);
    });
    renderSummary(submitted ? problems : []);
    var total = errors.length + fileProblems.length;
    var yaml = toYaml(record, schema, "Proposé avec le formulaire du centre de ressources ; vérifié par scripts/validate.py.");
    yamlBox.value = yaml;
    if (total) {
      statusText.textContent = total + (total > 1 ? " points à corriger" : " point à corriger")
        + " avant de proposer " + noun.the + ".";
      status.className = "proposer-status proposer-status-ko";
      showButton.hidden = false;
      forgeLink.removeAttribute("href");
      forgeLink.setAttribute("aria-disabled", "true");
    } else {
      statusText.textContent = "Tout est correct : vous pouvez proposer " + noun.the + ".";
      status.className = "proposer-status proposer-status-ok";
      showButton.hidden = true;
      var url = forgeUrl(forge, id, yaml, record.titre);
      if (url) forgeLink.href = url; else forgeLink.removeAttribute("href");
      forgeLink.setAttribute("aria-disabled", url ? "false" : "true");
      note.textContent = url.length > 7000
        ? "Le texte est long : si la page de la forge ne s'ouvre pas, téléchargez le fichier et déposez-le "
          + "dans le dossier " + data.folder + " avec « Téléverser un fichier » (Upload file)."
        : "";
    }
    host.dataset.valid = total ? "false" : "true";
    try {
      localStorage.setItem(storageKey, JSON.stringify({record: record, id: id, idEdited: idEdited}));
    } catch (e) { /* private browsing or full storage: the form still works, without a draft */ }
  }

  function start(draft) {
    host.textContent = "";
    host.classList.toggle("proposer-compact", !!data.compact);
    slots = {}; touched = {}; submitted = false;
    var record = (draft && draft.record) || {};
    if (!record.date_maj) record.date_maj = validator.todayIso();
    preselect(record);
    var form = make("form", {"class": "proposer-form", novalidate: "novalidate"});
    root = widget(schema, "", [], record, true);
    form.appendChild(root.el);
    form.appendChild(make("div", {"class": "proposer-submit"}, [
      make("button", {type: "submit", "class": "md-button md-button--primary", text: "Vérifier " + noun.the}),
      make("p", {"class": "proposer-help", text: "La vérification liste ce qui reste à corriger, ou prépare le fichier."})]));
    form.addEventListener("submit", function (event) { event.preventDefault(); check(); });
    idInput = make("input", {type: "text", id: "proposer-id", spellcheck: "false"});
    idEdited = !!(draft && draft.idEdited);
    idInput.value = (draft && draft.id) || "";
    var idBox = box({description: "Il devient l'adresse de la page. Il se remplit à partir du titre ; vous pouvez le changer."},
                    "Nom du fichier", ["@id"], true, idInput);
    idBox.appendChild(make("p", {"class": "proposer-help", text: "Dossier : " + data.folder + "/ ; extension : .yml"}));
    var output = make("section", {"class": "proposer-output", id: "proposer-sortie", "aria-labelledby": "proposer-sortie-titre"}, [
      outputTitle, idBox, status, yamlDetails,
      make("div", {"class": "proposer-actions"}, [forgeLink, copyButton, downloadButton, resetButton]),
      note,
      make("p", {"class": "proposer-help", text: "« Ouvrir une demande de fusion » ouvre la forge avec le fichier déjà rempli : "
        + "connectez-vous, gardez le nom proposé, puis validez (« Commit changes ») en créant une nouvelle branche et une demande de fusion."})
    ]);
    host.appendChild(summary);
    if (!data.compact) host.appendChild(outline(schema));  // a short form needs no table of contents
    host.appendChild(form);
    host.appendChild(output);
    update();
  }

  // The record named in the address is already chosen: « Raconter une utilisation » on a fiche's
  // page opens the retour form at ?fiche=<id> (data.preselect: parameter -> key, core/contribution.py).
  function preselect(record) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(data.preselect || {}).forEach(function (param) {
      var key = data.preselect[param], id = params.get(param);
      var known = ((schema.properties[key] || {}).items || {}).enum || [];
      if (!id || known.indexOf(id) < 0) return;
      record[key] = (record[key] || []).filter(function (v) { return v !== id; }).concat([id]);
    });
  }

  // The parts of the form, listed at the top: a long form read by its headings.
  function outline(s) {
    var items = (s["x-sections"] || []).map(function (part, index) {
      return make("li", {}, [make("a", {href: "#partie-" + (index + 1), text: part.title})]);
    });
    items.push(make("li", {}, [make("a", {href: "#proposer-sortie", text: "Le fichier produit"})]));
    return make("nav", {"class": "proposer-outline", "aria-labelledby": "proposer-sommaire-titre"}, [
      make("h2", {id: "proposer-sommaire-titre", text: "Les parties du formulaire"}), make("ol", {}, items)]);
  }

  // "Submit": every problem shown, listed at the top with the focus on the list; or, when all is
  // right, the focus on the file, ready to send.
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

  host.addEventListener("input", onEdit);
  host.addEventListener("change", onEdit);
  function onEdit(event) {
    if (event.target === yamlBox) return;
    if (event.target === idInput) idEdited = idInput.value.trim() !== "";
    if (event.target.name === "titre" && !idEdited) touched["@id"] = true;  // the file name follows the title
    var field = event.target.closest("[data-key]");
    while (field) {
      touched[field.dataset.key] = true;
      field = field.parentElement && field.parentElement.closest("[data-key]");
    }
    update();
  }

  showButton.addEventListener("click", check);
  copyButton.addEventListener("click", function () {
    function done() { note.textContent = "Le fichier est copié : collez-le dans l'éditeur de la forge."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(yamlBox.value).then(done, function () {
        yamlDetails.open = true; yamlBox.select(); document.execCommand("copy"); done();
      });
    } else {
      yamlDetails.open = true; yamlBox.select(); document.execCommand("copy"); done();
    }
  });
  downloadButton.addEventListener("click", function () {
    var link = make("a", {download: (idInput.value.trim() || "nouvelle-ressource") + ".yml"});
    link.href = URL.createObjectURL(new Blob([yamlBox.value], {type: "text/yaml;charset=utf-8"}));
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
  resetButton.addEventListener("click", function () {
    if (!window.confirm("Effacer tout ce qui a été saisi dans ce formulaire ?")) return;
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    start(null);
  });

  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { saved = null; }
  start(saved);
})();
