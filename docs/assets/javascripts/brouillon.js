/* Drafts kept in this browser (localStorage): dated, expiring, bounded, always erasable.
 *
 *   import * as brouillon from "./brouillon.js";
 *
 * Used by the planner (planifier.js) and meant for the « Proposer » forms. On the shared
 * computers of a centre social or a Maison de la Métropole the next person must not find the
 * previous one's work: every draft is stored with the date it was saved, is erased when it is
 * older than the site's limit (`extra.brouillons.jours` in mkdocs.yml, given to each page in its
 * JSON data as `brouillons: {jours: N}`), and the page says so, next to the draft, with an
 * « Effacer » button that is always there.
 *
 * Stored shape: {"brouillon": 1, "enregistre": "<ISO date>", "contenu": <the draft>}. A value
 * stored before drafts were dated (any other JSON) is read as saved now, and dated at once.
 * What is read is untrusted: longer than MAX_CHARS it is erased unread (JSON.parse of a huge
 * text would freeze the page).
 */

/** Days a draft is kept when the page's data says nothing. */
export const DEFAULT_DAYS = 30;
/** Longest stored text read back, in characters (a draft is a few kilobytes). */
export const MAX_CHARS = 512 * 1024;

const DAY = 24 * 60 * 60 * 1000;

/** The number of days of a page's JSON data (`data.brouillons.jours`), else DEFAULT_DAYS. */
export function days(data) {
  const value = data && data.brouillons && data.brouillons.jours;
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_DAYS;
}

/** « 6 janvier 2027 » (« 1er » for the first of the month). */
export function frenchDate(date) {
  return date.toLocaleDateString("fr-FR", {day: "numeric", month: "long", year: "numeric"}).replace(/^1 /, "1er ");
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;  // storage disabled: nothing is kept, nothing is read
  }
}

/** Erase the draft `key` (no error when storage is disabled). */
export function erase(key) {
  const store = storage();
  try { if (store) store.removeItem(key); } catch { /* nothing stored */ }
}

/**
 * Store `value` as the draft `key`, dated `now`. Returns {saved, expires} (Dates), or null when
 * the browser keeps nothing (private browsing, storage full).
 */
export function save(key, value, {jours = DEFAULT_DAYS, now = new Date()} = {}) {
  const store = storage();
  if (!store) return null;
  try {
    store.setItem(key, JSON.stringify({brouillon: 1, enregistre: now.toISOString(), contenu: value}));
  } catch {
    return null;
  }
  return {saved: now, expires: new Date(now.getTime() + jours * DAY)};
}

/**
 * Read the draft `key`. Returns one of:
 *   null                                   no draft (or storage disabled);
 *   {expired: true, saved}                 a draft older than `jours` days: it has just been erased;
 *   {tooLarge: true}                       a stored text over MAX_CHARS or not JSON: erased unread;
 *   {value, saved, expires}                the draft (`value` is untrusted: check it before use).
 */
export function load(key, {jours = DEFAULT_DAYS, now = new Date()} = {}) {
  const store = storage();
  if (!store) return null;
  let text = null;
  try { text = store.getItem(key); } catch { return null; }
  if (text === null) return null;
  let raw;
  try {
    if (text.length > MAX_CHARS) throw new RangeError("draft too large");
    raw = JSON.parse(text);
  } catch {
    erase(key);
    return {tooLarge: true};
  }
  if (raw === null) return null;
  const dated = raw && typeof raw === "object" && raw.brouillon === 1 && typeof raw.enregistre === "string";
  if (!dated) {
    // A draft from before drafts were dated: kept, and dated from now on.
    const stamp = save(key, raw, {jours, now});
    return {value: raw, saved: now, expires: stamp ? stamp.expires : new Date(now.getTime() + jours * DAY)};
  }
  const saved = new Date(raw.enregistre);
  if (Number.isNaN(saved.getTime()) || now.getTime() - saved.getTime() > jours * DAY) {
    erase(key);
    return {expired: true, saved};
  }
  return {value: raw.contenu, saved, expires: new Date(saved.getTime() + jours * DAY)};
}

/** The sentence next to a draft: where it is kept, until when, how to erase it. */
export function noticeText(expires) {
  return "Ce brouillon est gardé sur cet ordinateur, dans ce navigateur, jusqu'au " + frenchDate(expires)
    + ". Sur un ordinateur partagé, effacez-le quand vous avez fini : bouton « Effacer le brouillon ».";
}

/** The sentence shown once when an old draft was erased at this visit. */
export function expiredText(jours) {
  return "Un brouillon de plus de " + jours + " jours a été effacé de cet ordinateur, comme prévu sur les ordinateurs partagés.";
}

/** The sentence shown when a stored draft could not be read (too large or damaged). */
export const UNREADABLE_TEXT = "Le brouillon gardé dans ce navigateur était illisible ou trop volumineux : il a été effacé.";

/**
 * The notice element: `<div class="brouillon-notice">` with its sentence and an « Effacer le
 * brouillon » button (type="button", always visible). `onErase()` is called on click, after
 * the caller's own confirmation if it wants one. Returns {element, update(expires|null), say(text)}:
 * update(expires) rewrites the sentence (null: « Aucun brouillon n'est gardé… »), say(text)
 * shows a one-off message (an expired draft) under it, in a polite live region.
 */
export function notice({onErase, label = "Effacer le brouillon", className = ""} = {}) {
  const element = document.createElement("div");
  element.className = ("brouillon-notice " + className).trim();
  const sentence = document.createElement("p");
  sentence.className = "brouillon-texte";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button brouillon-effacer";
  button.textContent = label;
  button.addEventListener("click", () => { if (onErase) onErase(); });
  const message = document.createElement("p");
  message.className = "brouillon-message";
  message.setAttribute("role", "status");
  element.append(sentence, button, message);
  const update = (expires) => {
    sentence.textContent = expires ? noticeText(expires)
      : "Aucun brouillon n'est gardé sur cet ordinateur pour l'instant : il le sera dès que vous écrivez.";
  };
  update(null);
  return {element, update, say: (text) => { message.textContent = text || ""; }};
}

/* --- Recent items: the last few plans (or proposals), one click away ------------------------ */

/** How many recent items are kept. */
export const MAX_RECENT = 5;

/**
 * The recent items stored under `key`: [{titre, date (ISO), contenu}], newest first, those older
 * than `jours` days dropped. Untrusted like any draft: checked here for shape only.
 */
export function recent(key, {jours = DEFAULT_DAYS, now = new Date()} = {}) {
  const found = load(key, {jours, now});
  if (!found || !Array.isArray(found.value)) return [];
  return found.value.filter((item) => item && typeof item === "object" && typeof item.date === "string"
      && now.getTime() - new Date(item.date).getTime() <= jours * DAY)
    .map((item) => ({titre: typeof item.titre === "string" ? item.titre.slice(0, 200) : "", date: item.date,
                     contenu: item.contenu}))
    .slice(0, MAX_RECENT);
}

/**
 * Keep `contenu` (titled `titre`) at the head of the recent items `key`; an item with the same
 * content is moved rather than repeated; at most MAX_RECENT are kept.
 */
export function remember(key, titre, contenu, {jours = DEFAULT_DAYS, now = new Date()} = {}) {
  const same = JSON.stringify(contenu);
  const items = recent(key, {jours, now}).filter((item) => JSON.stringify(item.contenu) !== same);
  items.unshift({titre: String(titre || "").slice(0, 200), date: now.toISOString(), contenu});
  save(key, items.slice(0, MAX_RECENT), {jours, now});
}

/** Drop from the recent items `key` the one holding `contenu` (it is being opened). */
export function forget(key, contenu, {jours = DEFAULT_DAYS, now = new Date()} = {}) {
  const same = JSON.stringify(contenu);
  const items = recent(key, {jours, now});
  const kept = items.filter((item) => JSON.stringify(item.contenu) !== same);
  if (kept.length === items.length) return;
  if (kept.length) save(key, kept, {jours, now});
  else erase(key);
}
