/* The search index: its download, its compact encoding, and lunr.js searching it lazily.
 *
 * The index file is written by core/search.py payload() (format 6), compact() and split(): it holds
 * everything but the postings, which are in shards of consecutive terms, fetched as queries need
 * them and then all in the background; it names the file of the documents' texts (core/search.py
 * snippet_texts()), fetched for snippets. lunr.js 2.3.9
 * is vendored (assets/javascripts/vendor/), a classic script added to the page on first need.
 * Nothing is fetched from outside the site.
 */

import * as centre from "../centre.js";

export const format = 6;
const indexUrl = centre.url("search/recherche.json");
const lunrUrl = centre.url("assets/javascripts/vendor/lunr.min.js");

// --- download ----------------------------------------------------------------------------
let downloading = null;  // promise of the index file's text, fetched once per page
let lunrLoading = null;  // promise of lunr.js
let indexText = false;  // whether the index file's text has arrived (then there is nothing to wait for)

export function indexArrived() {
  // The bytes may be there before the page has taken the text: after a busy start, the tasks that
  // resolve the download can come after a query typed at once, and a practice started then held
  // the main thread (about 45 ms) in front of that query. The Resource Timing entry says it sooner.
  return indexText || performance.getEntriesByName(indexUrl.href).some((entry) => entry.responseEnd > 0);
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    if (window.lunr) return resolve();
    const tag = document.createElement("script");  // classic script: lunr.js sets window.lunr
    tag.src = url.href;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error("lunr"));
    document.head.appendChild(tag);
  });
}

// lunr.js, fetched once (as the page's modules run: 8 KiB, and reading the index file needs it);
// after a failure, the next call tries again.
export function fetchLunr() {
  if (!lunrLoading) {
    lunrLoading = loadScript(lunrUrl);
    lunrLoading.catch(() => { lunrLoading = null; });
  }
  return lunrLoading;
}

// The index file's text: the one the page's head started downloading (overrides/main.html,
// window.centreIndexText), taken once, or else fetched here.
function indexDownload() {
  const early = window.centreIndexText;
  if (early) {
    window.centreIndexText = null;  // a failed download is tried again here, not taken again
    return early;
  }
  return fetch(indexUrl.href, {credentials: "same-origin"}).then((response) => {
    if (!response.ok) throw new Error("index " + response.status);
    return response.text();
  });
}

// The index file's text and lunr.js, each fetched once; after a failure, the next call tries again.
export function download() {
  if (!downloading) {
    downloading = Promise.all([
      indexDownload().then((text) => {
        indexText = true;
        return text;
      }),
      fetchLunr()
    ]).then((results) => results[0]);
    downloading.catch(() => { downloading = null; });
  }
  return downloading;
}

// The documents' texts (for snippets), fetched once, when search is first used: the file named by
// the index (``name``) is about as large as the index, and most readers never search.
let textsLoading = null;
export function downloadTexts(name) {
  if (!textsLoading) {
    textsLoading = fetch(centre.url("search/" + name).href, {credentials: "same-origin"}).then((response) => {
      if (!response.ok) throw new Error("texts " + response.status);
      return response.json();
    });
    textsLoading.catch(() => { textsLoading = null; });
  }
  return textsLoading;
}

// A shard of postings (core/search.py split()): a list of posting strings, fetched once.
const shardsLoading = new Map();
function downloadShard(name) {
  if (!shardsLoading.has(name)) {
    const loading = fetch(centre.url("search/" + name).href, {credentials: "same-origin"}).then((response) => {
      if (!response.ok) throw new Error("shard " + response.status);
      return response.json();
    });
    shardsLoading.set(name, loading);
    loading.catch(() => { shardsLoading.delete(name); });
  }
  return shardsLoading.get(name);
}

// Resolves once lunr.js is there (download() started it).
export function lunrReady() {
  return lunrLoading || download().then(() => undefined);
}

// The index file's text -> what searching needs. Only this format is read.
export function readPayload(text) {
  const data = JSON.parse(text);
  if (data.format !== format) throw new Error("index format " + data.format);
  const c = data.index;
  c.shards = data.shards;  // the postings arrive with them (loadIndex())
  c.postings = new Array(c.terms.length);
  c.weights = readNumbers(c.weights);
  let longest = 1;
  for (const phrase of Object.keys(data.glossary)) longest = Math.max(longest, phrase.split(" ").length);
  return {
    index: loadIndex(data.index, data.docs.length), docs: data.docs, glossary: data.glossary, longest,
    stopwords: data.stopwords, stemmer: data.stemmer, texts: data.texts
  };
}

// --- compact postings --------------------------------------------------------------------
/* A term's postings (core/search.py compact()): one string of numbers in base 32 (a character
   of `more` continues a number, one of `last` ends it); per field, how many documents, then for
   each its position as a difference from the previous one and the term's score there in
   hundredths -> lunr's posting, plus the scores for field vectors. Strings rather than arrays
   of numbers: JSON.parse makes one string per term, read only when a query reaches the term. */
const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
const more = "ghijklmnopqrstuvwxyz0123456789-_";
const digitOf = new Int8Array(128).fill(-1);  // character code -> digit (32 + digit: continues)
last.split("").forEach((ch, i) => { digitOf[ch.charCodeAt(0)] = i; });
more.split("").forEach((ch, i) => { digitOf[ch.charCodeAt(0)] = 32 + i; });
const empty = Object.freeze({});

function decodePosting(c, t) {
  const fields = c.fields, posting = {_index: t}, scores = [], text = c.postings[t];
  let at = 0;
  function next() {
    let value = 0, digit;
    while ((digit = digitOf[text.charCodeAt(at++)]) >= 32) value = value * 32 + digit - 32;
    if (digit < 0) throw new Error("index posting " + t);
    return value * 32 + digit;
  }
  for (let f = 0; f < fields.length; f++) {
    const refs = {}, pairs = [];
    let previous = 0;
    for (let n = next(); n > 0; n--) {
      previous += next();
      refs[previous] = empty;
      pairs.push(previous, next() / 100);
    }
    posting[fields[f]] = refs;
    scores.push(pairs);
  }
  return {posting, scores};
}

// Twin of core/search.py read_numbers() (the weights of terms).
function readNumbers(text) {
  const out = [];
  let value = 0;
  for (let at = 0; at < text.length; at++) {
    const digit = digitOf[text.charCodeAt(at)];
    if (digit >= 32) value = value * 32 + digit - 32;
    else { out.push(value * 32 + digit); value = 0; }
  }
  return out;
}

// Twin of core/search.py write_numbers() (for the practice index).
export function writeNumbers(numbers) {
  let out = "";
  for (let n of numbers) {
    let digits = last[n % 32];
    for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) digits = more[n % 32] + digits;
    out += digits;
  }
  return out;
}

// Everything decoded at once, in lunr's serialised format (for tests and comparisons).
export function expand(c) {
  const inverted = [], vectors = new Map();
  for (let t = 0; t < c.terms.length; t++) {
    const entry = decodePosting(c, t);
    inverted.push([c.terms[t], entry.posting]);
    c.fields.forEach((name, f) => {
      const pairs = entry.scores[f];
      for (let k = 0; k < pairs.length; k += 2) {
        const key = name + "/" + pairs[k];
        if (!vectors.has(key)) vectors.set(key, []);
        vectors.get(key).push(t, pairs[k + 1]);
      }
    });
  }
  return {version: c.version, fields: c.fields, fieldVectors: Array.from(vectors.entries()),
          invertedIndex: inverted, pipeline: []};
}

// --- lunr.js on the compact index --------------------------------------------------------

// The terms of a token set made by lunr.TokenSet.fromClause() for an exact term or a
// trailing wildcard ("famil*"), or null for anything else (fuzzy terms).
function clauseOf(tokenSet) {
  let term = "", node = tokenSet;
  for (;;) {
    const keys = Object.keys(node.edges);
    if (keys.length === 0) return node.final ? {term, prefix: false} : null;
    if (keys.length !== 1) return null;
    if (keys[0] === "*") return node.edges["*"] === node && node.final ? {term, prefix: true} : null;
    term += keys[0];
    node = node.edges[keys[0]];
  }
}

let clause = null;  // the clause lunr is looking up, while a query runs (set by adaptLunr())

/* Two changes to lunr.js, made once:
   - lunr.TokenSet.fromClause tells which clause lunr is looking up (see fieldVectors below);
   - lunr.MatchData records, for every field of every document found, which terms matched it,
     and merges these records document by document: a third of the time of a query, for data
     that this page never reads (highlighting re-reads the text shown). It becomes a no-op;
     results keep a matchData property, empty. */
function adaptLunr(lunr) {
  if (lunr.centreAdapted) return;
  lunr.centreAdapted = true;
  const fromClause = lunr.TokenSet.fromClause;
  lunr.TokenSet.fromClause = function (current) {  // called for each clause, before its lookups
    clause = current;
    return fromClause.call(this, current);
  };
  const NoMatchData = function () { this.metadata = empty; };
  NoMatchData.prototype.add = function () {};
  NoMatchData.prototype.combine = function () {};
  lunr.MatchData = NoMatchData;
}

/* lunr.js 2.3.9 searching the compact index, with nothing built up front:
   - tokenSet: lunr only asks it to intersect one query term; an exact term is looked up in a
     map, a prefix in the sorted term list (binary search); anything else (fuzzy terms, which
     the box never makes) gets lunr's real token set, built then;
   - invertedIndex: a term's posting is decoded when a query first reads it;
   - fieldVectors: lunr scores a field of a document by the dot product of the query vector
     with the field vector, and the query vector only holds the terms the query read. So each
     query collects, from the postings it reads, the scores of those terms, and a field vector
     is made of them alone.
   Results are those of lunr.Index.load() on the expanded index (a browser test compares).
   `size`: how many documents. */
export function loadIndex(c, size) {
  const lunr = window.lunr, terms = c.terms, fields = c.fields, position = new Map();
  if (c.version !== lunr.version) lunr.utils.warn("lunr " + lunr.version + " loads an index for " + c.version);
  for (let t = 0; t < terms.length; t++) position.set(terms[t], t);
  let sorted = terms;
  for (let s = 1; s < terms.length; s++) {
    if (terms[s - 1] >= terms[s]) { sorted = terms.slice().sort(); break; }  // JS and Python orders differ
  }
  let fullTokenSet = null;
  function realTokenSet() {
    if (!fullTokenSet) {
      const builder = new lunr.TokenSet.Builder();
      sorted.forEach((term) => builder.insert(term));
      builder.finish();
      fullTokenSet = builder.root;
    }
    return fullTokenSet;
  }
  function withPrefix(prefix) {
    let low = 0, high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle] < prefix) low = middle + 1; else high = middle;
    }
    const found = [];
    while (low < sorted.length && sorted[low].lastIndexOf(prefix, 0) === 0) found.push(sorted[low++]);
    return found;
  }
  const decoded = new Map();  // term number -> decoded posting

  // --- for correction.js: how many documents hold a term (or the terms of a prefix), measured by
  // the length of their postings, and the letters the terms are made of. Built on first need.
  let cumulative = null, letters = null;
  function lowerBound(value) {
    let low = 0, high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle] < value) low = middle + 1; else high = middle;
    }
    return low;
  }
  const weightOf = (t) => (c.weights ? c.weights[t] : c.postings[t].length);
  const vocabulary = {
    weight: (term) => (position.has(term) ? weightOf(position.get(term)) : 0),
    prefixWeight(prefix) {
      if (!cumulative) {
        cumulative = new Float64Array(sorted.length + 1);
        for (let s = 0; s < sorted.length; s++) cumulative[s + 1] = cumulative[s] + weightOf(position.get(sorted[s]));
      }
      return cumulative[lowerBound(prefix + "\uffff")] - cumulative[lowerBound(prefix)];
    },
    alphabet() {
      if (!letters) letters = Array.from(new Set(terms.join(""))).sort();
      return letters;
    }
  };
  // --- end of correction.js's part

  /* The shards of postings (core/search.py split()): [first term's position, file name] in term
     order. need(clauses) fetches those the clauses read and returns a promise of them, or null when
     they are all there; loadAll() fetches the others. Without shards (the practice index), every
     posting is there. */
  const shards = c.shards || [], shardDone = shards.map(() => false), shardPromise = shards.map(() => null);
  function shardOf(t) {
    let low = 0, high = shards.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (shards[middle][0] <= t) low = middle; else high = middle - 1;
    }
    return low;
  }
  function fetchShard(k) {
    if (!shardPromise[k]) {
      const [start, name] = shards[k];
      shardPromise[k] = downloadShard(name).then((list) => {
        for (let i = 0; i < list.length; i++) c.postings[start + i] = list[i];
        shardDone[k] = true;
      });
      shardPromise[k].catch(() => { shardPromise[k] = null; });
    }
    return shardPromise[k];
  }
  function need(clauses) {
    const waiting = new Set();
    for (const clause of clauses) {
      const found = clause.prefix ? withPrefix(clause.term) : position.has(clause.term) ? [clause.term] : [];
      for (const term of found) {
        const k = shardOf(position.get(term));
        if (!shardDone[k]) waiting.add(k);
      }
    }
    return waiting.size ? Promise.all(Array.from(waiting, fetchShard)) : null;
  }
  const complete = () => shardDone.every(Boolean);
  const loadAll = () => Promise.all(shards.map((_, k) => (shardDone[k] ? null : fetchShard(k))));

  /* A prefix covering several terms ("part" -> partage, partenaire, participation...) is given to
     lunr as one term, "part*": its posting is the union of theirs, and its score in a field of a
     document the sum of theirs, which is what the dot product of lunr's query vector would add up.
     Only the length of the query vector differs (one entry instead of one per covered term), and
     it is the same for every document: the order of results is lunr's, for far less work (lunr
     would intersect and merge document sets once per covered term and field). The sums are made
     in typed arrays of one slot per document: no Map, no sort (the benchmark's short prefixes). */
  const prefixes = new Map(), prefixNames = [];  // "part*" <-> term number (after the real ones)
  function mergedPosting(name) {
    const covered = withPrefix(name.slice(0, -1)), posting = {_index: prefixes.get(name)}, scores = [];
    const entries = covered.map((term) => entryOf(position.get(term)));
    for (let f = 0; f < fields.length; f++) {
      const sum = new Float64Array(size), has = new Uint8Array(size);
      for (const entry of entries) {
        const own = entry.scores[f];
        for (let k = 0; k < own.length; k += 2) { sum[own[k]] += own[k + 1]; has[own[k]] = 1; }
      }
      const refs = {}, pairs = [];
      for (let d = 0; d < size; d++) {
        if (has[d]) { refs[d] = empty; pairs.push(d, sum[d]); }
      }
      posting[fields[f]] = refs;
      scores.push(pairs);
    }
    return {posting, scores};
  }
  function entryOf(t) {
    let entry = decoded.get(t);
    if (!entry) {
      entry = t < terms.length ? decodePosting(c, t) : mergedPosting(prefixNames[t - terms.length]);
      decoded.set(t, entry);
    }
    return entry;
  }
  function numberOf(term) {
    return position.has(term) ? position.get(term) : prefixes.has(term) ? prefixes.get(term) : undefined;
  }

  const tokenSet = {
    intersect(other) {
      const wanted = clauseOf(other);
      let found;
      if (!wanted) found = realTokenSet().intersect(other).toArray();
      else if (!wanted.prefix) found = position.has(wanted.term) ? [wanted.term] : [];
      else {
        found = withPrefix(wanted.term);
        if (found.length > 1) {
          const name = wanted.term + "*";
          if (!prefixes.has(name)) {
            prefixes.set(name, terms.length + prefixNames.length);
            prefixNames.push(name);
          }
          found = [name];
        }
      }
      return {toArray: () => found};
    },
    toArray: () => sorted.slice()
  };

  // During a query: the (term, field) pairs read, and for each field of each document the
  // elements of its field vector [term, score, term, score...] (term numbers in order).
  let read = null, vectors = null;
  const fieldNumber = new Map();
  fields.forEach((name, f) => fieldNumber.set(name, f));
  function collect(t, entry, f) {
    const pairs = entry.scores[f], byDoc = vectors[f];
    for (let k = 0; k < pairs.length; k += 2) {
      const d = pairs[k], elements = byDoc[d];
      if (elements === undefined) byDoc[d] = [t, pairs[k + 1]];
      else {  // kept sorted by term number, as lunr.Vector expects
        let at = elements.length;
        while (at > 0 && elements[at - 2] > t) at -= 2;
        if (at === elements.length) elements.push(t, pairs[k + 1]);
        else elements.splice(at, 0, t, pairs[k + 1]);
      }
    }
  }
  const invertedIndex = new Proxy(Object.create(null), {
    get(target, term) {
      const t = typeof term === "string" ? numberOf(term) : undefined;
      if (t === undefined) return undefined;
      const entry = entryOf(t);
      if (read) {
        // Only the fields this clause scores can reach the query vector.
        const scored = clause ? clause.fields : fields;
        for (const name of scored) {
          const f = fieldNumber.get(name), key = t * fields.length + f;
          if (!read.has(key)) { read.add(key); collect(t, entry, f); }
        }
      }
      return entry.posting;
    },
    has(target, term) { return numberOf(term) !== undefined; }
  });
  adaptLunr(lunr);
  const fieldVectors = new Proxy(Object.create(null), {
    get(target, key) {
      if (typeof key !== "string" || !vectors) return undefined;
      const slash = key.indexOf("/");
      return new lunr.Vector(vectors[fieldNumber.get(key.slice(0, slash))][+key.slice(slash + 1)] || []);
    }
  });
  const index = new lunr.Index({
    fields, pipeline: new lunr.Pipeline(), tokenSet, invertedIndex, fieldVectors
  });
  index.vocabulary = vocabulary;
  index.need = need;
  index.complete = complete;
  index.loadAll = loadAll;
  index.compact = () => c;
  const query = index.query;
  index.query = function (fn) {
    clause = null;
    read = new Set();
    vectors = fields.map(() => []);
    try { return query.call(this, fn); } finally { clause = read = vectors = null; }
  };
  // In idle time, terms are decoded ahead of queries: a short prefix ("part") covers dozens
  // of terms, and decoding them all while the reader typed was half the time of that keystroke.
  // With a deadline (requestIdleCallback), as many as fit; without, 200. True when all are done.
  let ahead = 0;
  index.decodeAhead = function (deadline) {
    const stop = deadline ? terms.length : Math.min(terms.length, ahead + 200);
    while (ahead < stop && (!deadline || deadline.timeRemaining() > 1)) entryOf(ahead++);
    return ahead >= terms.length;
  };
  return index;
}

// A made-up index of `docs` documents over a few words, in the compact format (see practise()
// in moteur.js): every field of every word has postings, so queries take the real code paths.
export function practiceIndex(words, docs) {
  const fields = ["titre", "mots", "resume", "texte"];
  const postings = words.map((word, w) => {
    const numbers = [];
    fields.forEach((field, f) => {
      const found = [];
      for (let d = (w + f) % 3; d < docs; d += 1 + (w + f) % 4) found.push(d);
      numbers.push(found.length);
      found.forEach((d, k) => numbers.push(k ? d - found[k - 1] : d, 50 + (d * 7 + w) % 300));
    });
    return writeNumbers(numbers);
  });
  return loadIndex({version: window.lunr.version, fields, terms: words, postings}, docs);
}
