/* Personal data of the people concerned, found in the « Proposer » forms as the person types.
 *
 * The rules are those of core/personal_data.py, given by the build as data (the form's JSON,
 * `donneesPersonnelles`: patterns rewritten for JavaScript by personal_data.browser_rules(), the
 * distance between an address and a person word, the institutional e-mail domains). This module
 * only interprets them, step for step like scan() and check() in Python; the agreement over the
 * whole hostile corpus is tested in tests/test_personal_data_browser.py.
 */

/** The rules of the page's data, compiled once. */
export function compile(rules) {
  const patterns = {};
  for (const [name, {source, flags}] of Object.entries(rules.patterns)) {
    patterns[name] = new RegExp(source, flags.includes("g") ? flags : flags + "g");
  }
  return {patterns, near: rules.near, domains: rules.domains || [], ack: rules.ack || "rgpd_verifie"};
}

function all(pattern, text) {
  pattern.lastIndex = 0;
  return Array.from(text.matchAll(pattern));
}

/** Python's pattern.search(text, start, end): lookbehind sees before `start`, nothing after `end`. */
function searchBetween(pattern, text, start, end) {
  pattern.lastIndex = start;
  return pattern.exec(text.slice(0, end));
}

function nirKeyOk(match) {
  const [, sex, year, month, dept, commune, order, key] = match;
  const department = {"2A": "19", "2B": "18"}[dept.toUpperCase()] || dept;
  return Number(key) === 97 - Number(BigInt(sex + year + month + department + commune + order) % 97n);
}

function institutional(domain, domains) {
  const folded = domain.toLowerCase();
  return domains.some((d) => folded === d || folded.endsWith("." + d));
}

function shown(value) {
  const text = value.replace(/\s+/g, " ").trim();
  return text.length > 80 ? text.slice(0, 79) + "…" : text;
}

/** [{offset, value, kind, message}] of one text, in text order (core/personal_data.py scan()). */
export function scan(text, rules) {
  const {patterns, near, domains} = rules;
  const found = [];
  patterns.digitOrAt.lastIndex = 0;
  if (!patterns.digitOrAt.test(text)) return found;
  const nirs = all(patterns.nir, text).filter(nirKeyOk);
  for (const m of nirs) {
    found.push({offset: m.index, value: m[0], kind: "numéro de sécurité sociale",
                message: `numéro de sécurité sociale « ${m[0]} » : retirez-le`});
  }
  for (const m of all(patterns.phone, text)) {
    if (m[1] === "8" || nirs.some((n) => n.index <= m.index && m.index < n.index + n[0].length)) continue;
    found.push({offset: m.index, value: m[0], kind: "numéro de téléphone",
                message: `numéro de téléphone « ${m[0]} » : pas de coordonnées personnelles`});
  }
  for (const m of all(patterns.email, text)) {
    if (institutional(m[1], domains)) continue;
    found.push({offset: m.index, value: m[0], kind: "adresse électronique",
                message: `adresse électronique « ${m[0]} » : pas d'adresse personnelle (seules les adresses `
                  + "des services publics sont acceptées)"});
  }
  for (const m of all(patterns.birth, text)) {
    found.push({offset: m.index, value: m[0], kind: "date de naissance",
                message: `date de naissance « ${shown(m[0])} » : retirez-la`});
  }
  for (const m of all(patterns.address, text)) {
    const lo = Math.max(0, m.index - near);
    const before = text.slice(lo, m.index).lastIndexOf("\n\n");
    const start = Math.max(before >= 0 ? lo + before : -1, m.index - near, 0);
    const endOf = m.index + m[0].length;
    const after = text.slice(endOf, endOf + near).indexOf("\n\n");
    const end = Math.min(...[after >= 0 ? endOf + after : -1, endOf + near, text.length].filter((x) => x >= 0));
    const person = searchBetween(patterns.person, text, start, end);
    if (person) {
      found.push({offset: m.index, value: m[0], kind: "adresse",
                  message: `adresse « ${shown(m[0])} » à côté d'une personne (« ${person[0].trim()} ») : `
                    + "pas d'adresse personnelle"});
    }
  }
  return found.sort((a, b) => a.offset - b.offset || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
                    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

function normalize(value) {
  return value.replace(/[\s.\-()]/gu, "").toLowerCase();
}

function* strings(value, path) {
  if (typeof value === "string") {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* strings(value[i], path.concat([i]));
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) yield* strings(child, path.concat([key]));
  }
}

/**
 * [{path, value, kind, message}] for a record (core/personal_data.py check()): the values a
 * reviewer acknowledged in `rgpd_verifie` are left out, as in Python.
 */
export function check(record, rules) {
  const acknowledged = new Set(((record && record[rules.ack]) || [])
    .filter((a) => a && typeof a.valeur === "string").map((a) => normalize(a.valeur)));
  const problems = [];
  for (const [path, text] of strings(record || {}, [])) {
    if (path[0] === rules.ack) continue;
    const findings = scan(text, rules);
    const {fullName, civility} = rules.patterns;
    fullName.lastIndex = 0;
    civility.lastIndex = 0;
    if (path[path.length - 1] === "auteur" && path[0] === "temoignages" && fullName.test(text)) {
      findings.push({offset: 0, value: text, kind: "nom",
                     message: `« ${shown(text)} » ressemble au nom d'une personne : signez d'un rôle (« une habitante »)`});
    }
    if (path.length === 1 && path[0] === "structure" && civility.test(text)) {
      findings.push({offset: 0, value: text, kind: "personne",
                     message: `« ${shown(text)} » désigne une personne : indiquez le service ou l'association `
                       + "qui a mené l'action"});
    }
    for (const finding of findings) {
      if (!acknowledged.has(normalize(finding.value))) problems.push({path, ...finding});
    }
  }
  return problems;
}
