/* The search engine of the page: owns the loaded index, searches it.
 *
 * The header box (boite.js) and the catalogue (catalogue.js) import it; both get the same index,
 * downloaded once per page and decoded once. Timings quoted come from scripts/bench_search.py
 * (BENCHMARKS.md, section "Recherche"), at 2,000 records on the 2-core machine.
 */

import * as centre from "../centre.js";
import * as correction from "./correction.js";
import * as extrait from "./extrait.js";
import {download, downloadTexts, fetchLunr, indexArrived, lunrReady, practiceIndex, readPayload} from "./index.js";
import {configure, fold, isStopword, words} from "./normaliser.js";
import * as requete from "./requete.js";

let loading = null;  // promise of the searchable index, every shard of postings in
let loadingHead = null;  // promise of the searchable index, postings arriving
let firstNeed = null;  // promise of the shards the first query typed reads (ready())
let searchable = null;  // {index, docs, glossary, longest} once decoded
let texts = null;  // the documents' texts, for snippets, once arrived
let textsLoading = null;  // promise of them

// The index file (everything but the postings), downloaded if it is not yet and decoded
// (JSON.parse, a map of terms) on first call: on first use of the box or of the catalogue's text
// field, not on every page.
function loadHead() {
  if (!loadingHead) {
    let arrived = false;
    loadingHead = download().then((text) => {
      arrived = true;
      const data = readPayload(text);
      configure(data.stopwords, data.stemmer);
      searchable = {index: data.index, docs: data.docs, glossary: data.glossary, longest: data.longest,
                    texts: data.texts};
      return searchable;
    });
    loadingHead.catch(() => { loadingHead = null; });
    // lunr.js usually arrives well before the index: the wait is spent practising (never once the
    // index file is there: decoding it and fetching the postings of the query come first).
    lunrReady().then(() => practise(() => !arrived && !searchable && !indexArrived()), () => {});
  }
  return loadingHead;
}

// The whole index: the index file, then every shard of postings. The shards are requested a turn
// of the event loop later, so that those of a query being typed (ready()) are requested first.
// Then the texts for snippets, and the warm-up in idle time.
export function load() {
  if (!loading) {
    loading = loadHead().then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => firstNeed)  // the shards of the first query alone on the line: its result comes first
      // and is shown before the other shards are requested (some forty fetch() calls: 10-20 ms)
      .then(() => new Promise((resolve) => centre.idle(resolve)))
      .then(() => searchable.index.loadAll()).then(() => {
        fetchTexts();
        centre.idle(() => { warmUp(); centre.idle(decodeAhead); });
        return searchable;
      });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/* null when `query` can be searched now, else a promise resolved once it can: the index file and
   the shards of postings the query reads (the first result does not wait for the other shards,
   nine tenths of the index at 2,000 records). Starts load() for the rest. */
export function ready(query) {
  if (searchable && (searchable.index.complete() || !searchable.index.need(requete.parse(query, searchable).clauses))) {
    return null;
  }
  const first = !firstNeed;
  const waiting = loadHead().then(() => {
    const need = searchable.index.need(requete.parse(query, searchable).clauses);
    if (first && need) {
      // While the first query's postings are on their way (a round trip, 60-80 ms at 10 Mbit/s),
      // the practice runs if it has not: the first search is then not the first run of the query code.
      let arrived = false;
      need.then(() => { arrived = true; }, () => { arrived = true; });
      practise(() => !arrived);
    }
    return need;
  });
  if (first) firstNeed = waiting.catch(() => {});
  load().catch(() => {});
  return waiting;
}

// The decoded lunr index, or null before load() has finished.
export function index() {
  return searchable && searchable.index.complete() ? searchable.index : null;
}

export function isLoaded() {
  return searchable !== null && searchable.index.complete();
}

// Results for a query as typed (see requete.js); load() first.
export function search(query) {
  return requete.search(query, searchable);
}

// Resolves with the documents' texts once they arrived (load() fetches them after the index):
// results found before show their summary, results found after a snippet.
export function textsReady() {
  return load().then(() => textsLoading || fetchTexts());
}

function fetchTexts() {
  textsLoading = downloadTexts(searchable.texts).then((list) => {
    if (list.length === searchable.docs.length) texts = list;
    return texts;
  });
  textsLoading.catch(() => { textsLoading = null; });  // results show summaries; tried again on use
  return textsLoading;
}

/* What results show of why they were found, for found = search(query) (extrait.js):
     highlighted(text)      the text with the words found marked
     extract(result, size)  about `size` characters: the summary around its first match; else the
                            text around its first match ({fromText: true}); else the summary's start */
export function shown(found) {
  const m = extrait.matcher(found, searchable && searchable.glossary);
  return {
    highlighted: (text) => extrait.highlighted(text, m),
    extract(result, size) {
      const inSummary = extrait.snippet(result.summary, m, size);
      if (inSummary) return {fragment: inSummary, fromText: false};
      const inText = texts && extrait.snippet(texts[result.doc], m, size);
      if (inText) return {fragment: inText, fromText: true};
      return {fragment: extrait.start(result.summary, m, size), fromText: false};
    }
  };
}

/* The query in words of the corpus when a word of it was corrected (correction.js said()),
   else null: what « Résultats pour … » shows. Looked for in the first results' titles,
   summaries and (once arrived) texts. */
export function said(found, query) {
  if (!found.corrections || !found.corrections.length) return null;
  const first = found.results.slice(0, 8), short = [];
  for (const r of first) short.push(r.title, r.summary);
  return correction.said(query, found.corrections, short, texts ? first.map((r) => texts[r.doc]) : [], fold);
}

export function highlighted(text, found) {
  return shown(found).highlighted(text);
}

// The index file (preloaded by the page's head, overrides/main.html) and lunr.js are fetched on
// every page (the browser's cache keeps them from one page to the next), so that the first search
// does not wait for the network; the postings when search is first used. Not on a connection
// that asks to save data.
export function prefetchAfterLoad() {
  if (navigator.connection && navigator.connection.saveData) return;
  // Both are already on their way: the page's head preloads the index file and lunr.js
  // (overrides/main.html). Taking them now rather than at the page's load event means that a
  // search typed as soon as the page shows finds the index file's text there (it used to wait,
  // behind the practice below, for the load event), and lunr.js runs as soon as it arrives.
  fetchLunr().catch(() => {});  // reading the index file needs it
  download().catch(() => {});  // tried again on use
}

// A made-up index of a few hundred documents, searched the way a reader types, while the real
// index or the first query's postings are on their way (as long as `waiting()` says so): the
// browser compiles lunr's query code and ours then, and the first real search runs 30-50 ms
// sooner. Nothing of it is kept. (The stemmer's rules arrive with the real index: until then
// stem() leaves words alone, which changes nothing to the code run here.) Once is enough.
let practised = false;
function practise(waiting) {
  if (practised || !waiting()) return;
  practised = true;
  performance.mark("centre-recherche-entrainement");  // seen in the browser's performance tools (and tests)
  const practiceWords = ["action", "atelier", "collectif", "enfant", "famil", "habitant", "logement",
                         "parent", "part", "partag", "particip", "participation", "pouvoir", "projet"];
  const docs = 300;
  const practice = {index: practiceIndex(practiceWords, docs), docs: new Array(docs).fill(["", "", "", "", ""]),
                    glossary: {}, longest: 1};
  // One query per task: what it waits for may arrive meanwhile, and then the practice stops (the
  // real search comes first, not behind made-up ones).
  const queries = ["par", "part", "parti", "participation des fam", "participation des familles", "atelier parent"];
  (function next() {
    if (!queries.length || !waiting()) return;
    requete.search(queries.shift(), practice);
    setTimeout(next, 0);
  })();
}

// A few searches in idle time right after the index is decoded, like the first keystrokes of a
// reader (a short prefix, a word, two words): the browser compiles the query code then, not
// while the reader types.
function warmUp() {
  const sample = words(searchable.docs[0][1]).filter((w) => w.length >= 5 && !isStopword(w));
  if (!sample.length) return;
  const first = sample[0], second = sample[1] || first;
  for (const query of [first.slice(0, 3), first.slice(0, 4), first.slice(0, 6), first + " ", first + " " + second.slice(0, 4)]) {
    search(query);
  }
}

// Then every term's postings are decoded ahead of queries, in idle slices: a 4-letter prefix
// covers dozens of terms, and decoding them while the reader typed was half of that keystroke.
function decodeAhead(deadline) {
  if (!searchable.index.decodeAhead(deadline && deadline.timeRemaining ? deadline : null)) centre.idle(decodeAhead);
}
