/* Search of the resource centre: French-aware, on an index built at build time (core/search.py).
 *
 * fold()/words() mirror core/text.py and core/search.py (a browser test checks that both
 * agree); stop words, the stemmer's rules and glossary phrases come from the index file. The index (lunr 2.3.9,
 * vendored) is fetched on first use only, never from outside the site.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../", script.src);  // this file lives in assets/javascripts/
  var INDEX_URL = new URL("search/recherche.json", ROOT);
  var LUNR_URL = new URL("assets/javascripts/vendor/lunr.min.js", ROOT);

  // --- normalisation (twin of core/search.py) -----------------------------------------
  var APOSTROPHES = /['\u2019\u2018\u02bc\u00b4`]/g;
  var HYPHENS = /[\u2010\u2011]/g;
  var WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
  var SHORT_PREFIX = 5;
  var STOPWORDS = new Set();  // filled from the index file
  var STEMMER = {minLength: Infinity, groups: []};  // core/search.py STEMMER, from the index file

  function fold(text) {
    var t = String(text).normalize("NFKD").toLowerCase();
    t = t.replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
    t = t.replace(/\p{M}/gu, "");
    return t.replace(APOSTROPHES, " ").replace(HYPHENS, "-");
  }

  function words(text) {
    var out = [];
    (fold(text).match(WORD) || []).forEach(function (match) {
      if (match.indexOf("-") >= 0) {
        var parts = match.split("-").filter(Boolean);
        out.push.apply(out, parts);
        out.push(parts.join(""));
      } else {
        out.push(match);
      }
    });
    return out;
  }

  // Interprets the stemmer's rules as core/search.py stem() does: in each group, the first rule
  // whose suffix ends the word and whose minLength it reaches is applied. Lengths in code points.
  function stem(word) {
    var length = Array.from(word).length;
    if (length < STEMMER.minLength || !/^\p{L}+$/u.test(word)) return word;
    for (var g = 0; g < STEMMER.groups.length; g++) {
      var group = STEMMER.groups[g];
      for (var r = 0; r < group.length; r++) {
        var rule = group[r];
        if (length >= rule.minLength && word.endsWith(rule.suffix)) {
          word = word.slice(0, word.length - rule.suffix.length) + rule.replacement;
          length = Array.from(word).length;
          break;
        }
      }
    }
    return word;
  }

  function normalise(text) {
    return words(text).filter(function (w) { return !STOPWORDS.has(w); }).map(stem);
  }

  // --- index -------------------------------------------------------------------------
  var downloading = null;  // the index file's text, fetched once per page
  var lunrLoaded = null;
  var loading = null;
  var state = null;  // {index, docs, glossary, longest}
  var EMPTY = Object.freeze({});

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      if (window.lunr) return resolve();
      var tag = document.createElement("script");
      tag.src = url.href;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("lunr")); };
      document.head.appendChild(tag);
    });
  }

  function download() {
    if (!downloading) {
      downloading = Promise.all([
        fetch(INDEX_URL.href, {credentials: "same-origin"}).then(function (r) {
          if (!r.ok) throw new Error("index " + r.status);
          return r.text();
        }),
        lunrLoaded = loadScript(LUNR_URL)  // again after a failure, as the index
      ]).then(function (results) { return results[0]; });
      downloading.catch(function () { downloading = null; });
    }
    return downloading;
  }

  // A term's postings (core/search.py compact()): one string of numbers in base 32 (a character
  // of MORE continues a number, one of LAST ends it); per field, how many documents, then for
  // each its position as a difference from the previous one and the term's score there in
  // hundredths -> lunr's posting, plus the scores for field vectors.
  var LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", MORE = "ghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128).fill(-1);
  LAST.split("").forEach(function (ch, i) { DIGIT[ch.charCodeAt(0)] = i; });
  MORE.split("").forEach(function (ch, i) { DIGIT[ch.charCodeAt(0)] = 32 + i; });

  function decodePosting(c, t) {
    var fields = c.fields, posting = {_index: t}, scores = [], text = c.postings[t], at = 0;
    function next() {
      var value = 0, digit;
      while ((digit = DIGIT[text.charCodeAt(at++)]) >= 32) value = value * 32 + digit - 32;
      if (digit < 0) throw new Error("index posting " + t);
      return value * 32 + digit;
    }
    for (var f = 0; f < fields.length; f++) {
      var refs = {}, pairs = [], previous = 0;
      for (var n = next(); n > 0; n--) {
        previous += next();
        refs[previous] = EMPTY;
        pairs.push(previous, next() / 100);
      }
      posting[fields[f]] = refs;
      scores.push(pairs);
    }
    return {posting: posting, scores: scores};
  }

  // The terms of a token set made by lunr.TokenSet.fromClause() for an exact term or a
  // trailing wildcard ("famil*"), or null for anything else (fuzzy terms).
  function clauseOf(tokenSet) {
    var term = "", node = tokenSet;
    for (;;) {
      var keys = Object.keys(node.edges);
      if (keys.length === 0) return node.final ? {term: term, prefix: false} : null;
      if (keys.length !== 1) return null;
      if (keys[0] === "*") return node.edges["*"] === node && node.final ? {term: term, prefix: true} : null;
      term += keys[0];
      node = node.edges[keys[0]];
    }
  }

  /* lunr.js 2.3.9 searching the compact index (loadIndex below), with nothing built up front:
     - tokenSet: lunr only asks it to intersect one query term; an exact term is looked up in a
       map, a prefix in the sorted term list (binary search); anything else (fuzzy terms, which
       the box never makes) gets lunr's real token set, built then;
     - invertedIndex: a term's posting is decoded when a query first reads it;
     - fieldVectors: lunr scores a field of a document by the dot product of the query vector
       with the field vector, and the query vector only holds the terms the query read. So each
       query collects, from the postings it reads, the scores of those terms, and a field vector
       is made of them alone.
     Results are those of lunr.Index.load() on the expanded index (a browser test compares). */
  var clause = null;  // the clause lunr is looking up, while a query runs

  /* Two changes to lunr.js, made once:
     - lunr.TokenSet.fromClause tells which clause lunr is looking up (see fieldVectors below);
     - lunr.MatchData records, for every field of every document found, which terms matched it,
       and merges these records document by document: a third of the time of a query, for data
       that this page never reads (highlighting re-reads the text shown). It becomes a no-op;
       results keep a matchData property, empty. */
  function adaptLunr(lunr) {
    if (lunr.centreAdapted) return;
    lunr.centreAdapted = true;
    var fromClause = lunr.TokenSet.fromClause;
    lunr.TokenSet.fromClause = function (current) {  // called for each clause, before its lookups
      clause = current;
      return fromClause.call(this, current);
    };
    var NoMatchData = function () { this.metadata = EMPTY; };
    NoMatchData.prototype.add = function () {};
    NoMatchData.prototype.combine = function () {};
    lunr.MatchData = NoMatchData;
  }

  function loadIndex(c, size) {  // size: how many documents
    var lunr = window.lunr, terms = c.terms, fields = c.fields, position = new Map();
    if (c.version !== lunr.version) lunr.utils.warn("lunr " + lunr.version + " loads an index for " + c.version);
    for (var t = 0; t < terms.length; t++) position.set(terms[t], t);
    var sorted = terms;
    for (var s = 1; s < terms.length; s++) {
      if (terms[s - 1] >= terms[s]) { sorted = terms.slice().sort(); break; }  // JS and Python orders differ
    }
    var fullTokenSet = null;
    function realTokenSet() {
      if (!fullTokenSet) {
        var builder = new lunr.TokenSet.Builder();
        sorted.forEach(function (term) { builder.insert(term); });
        builder.finish();
        fullTokenSet = builder.root;
      }
      return fullTokenSet;
    }
    function withPrefix(prefix) {
      var low = 0, high = sorted.length;
      while (low < high) {
        var middle = (low + high) >>> 1;
        if (sorted[middle] < prefix) low = middle + 1; else high = middle;
      }
      var found = [];
      while (low < sorted.length && sorted[low].lastIndexOf(prefix, 0) === 0) found.push(sorted[low++]);
      return found;
    }
    var decoded = new Map();  // term position -> decoded posting

    /* A prefix covering several terms ("part" -> partage, partenaire, participation...) is given to
       lunr as one term, "part*": its posting is the union of theirs, and its score in a field of a
       document the sum of theirs, which is what the dot product of lunr's query vector would add up.
       Only the length of the query vector differs (one entry instead of one per covered term), and
       it is the same for every document: the order of results is lunr's, for far less work (lunr
       would intersect and merge document sets once per covered term and field). */
    var prefixes = new Map(), prefixNames = [];  // "part*" <-> term number (after the real ones)
    function mergedPosting(name) {
      var covered = withPrefix(name.slice(0, -1)), posting = {_index: prefixes.get(name)}, scores = [];
      var entries = covered.map(function (term) { return entryOf(position.get(term)); });
      for (var f = 0; f < fields.length; f++) {
        var sum = new Float64Array(size), has = new Uint8Array(size);
        for (var e = 0; e < entries.length; e++) {
          var own = entries[e].scores[f];
          for (var k = 0; k < own.length; k += 2) { sum[own[k]] += own[k + 1]; has[own[k]] = 1; }
        }
        var refs = {}, pairs = [];
        for (var d = 0; d < size; d++) {
          if (has[d]) { refs[d] = EMPTY; pairs.push(d, sum[d]); }
        }
        posting[fields[f]] = refs;
        scores.push(pairs);
      }
      return {posting: posting, scores: scores};
    }
    function entryOf(t) {
      var entry = decoded.get(t);
      if (!entry) decoded.set(t, entry = t < terms.length ? decodePosting(c, t) : mergedPosting(prefixNames[t - terms.length]));
      return entry;
    }
    function numberOf(term) {
      return position.has(term) ? position.get(term) : prefixes.has(term) ? prefixes.get(term) : undefined;
    }

    var tokenSet = {
      intersect: function (other) {
        var wanted = clauseOf(other), found;
        if (!wanted) found = realTokenSet().intersect(other).toArray();
        else if (!wanted.prefix) found = position.has(wanted.term) ? [wanted.term] : [];
        else {
          found = withPrefix(wanted.term);
          if (found.length > 1) {
            var name = wanted.term + "*";
            if (!prefixes.has(name)) {
              prefixes.set(name, terms.length + prefixNames.length);
              prefixNames.push(name);
            }
            found = [name];
          }
        }
        return {toArray: function () { return found; }};
      },
      toArray: function () { return sorted.slice(); }
    };

    // During a query: the (term, field) pairs read, and for each field of each document the
    // elements of its field vector [term, score, term, score...] (term numbers in order).
    var read = null, vectors = null, fieldNumber = new Map();
    fields.forEach(function (name, f) { fieldNumber.set(name, f); });
    function collect(t, entry, f) {
      var pairs = entry.scores[f], byDoc = vectors[f];
      for (var k = 0; k < pairs.length; k += 2) {
        var d = pairs[k], elements = byDoc[d];
        if (elements === undefined) byDoc[d] = [t, pairs[k + 1]];
        else {  // kept sorted by term number, as lunr.Vector expects
          var at = elements.length;
          while (at > 0 && elements[at - 2] > t) at -= 2;
          if (at === elements.length) elements.push(t, pairs[k + 1]);
          else elements.splice(at, 0, t, pairs[k + 1]);
        }
      }
    }
    var invertedIndex = new Proxy(Object.create(null), {
      get: function (target, term) {
        var t = typeof term === "string" ? numberOf(term) : undefined;
        if (t === undefined) return undefined;
        var entry = entryOf(t);
        if (read) {
          // Only the fields this clause scores can reach the query vector.
          var scored = clause ? clause.fields : fields;
          for (var i = 0; i < scored.length; i++) {
            var f = fieldNumber.get(scored[i]), key = t * fields.length + f;
            if (!read.has(key)) { read.add(key); collect(t, entry, f); }
          }
        }
        return entry.posting;
      },
      has: function (target, term) { return numberOf(term) !== undefined; }
    });
    adaptLunr(lunr);
    var fieldVectors = new Proxy(Object.create(null), {
      get: function (target, key) {
        if (typeof key !== "string" || !vectors) return undefined;
        var slash = key.indexOf("/");
        return new lunr.Vector(vectors[fieldNumber.get(key.slice(0, slash))][+key.slice(slash + 1)] || []);
      }
    });
    var index = new lunr.Index({
      fields: fields, pipeline: new lunr.Pipeline(), tokenSet: tokenSet,
      invertedIndex: invertedIndex, fieldVectors: fieldVectors
    });
    var query = index.query;
    index.query = function (fn) {
      clause = null;
      read = new Set();
      vectors = fields.map(function () { return []; });
      try { return query.call(this, fn); } finally { clause = read = vectors = null; }
    };
    // In idle time, terms are decoded ahead of queries: a short prefix ("part") covers dozens
    // of terms, and decoding them all while the reader types was half the time of that keystroke.
    var ahead = 0;
    index.decodeAhead = function (deadline) {
      var stop = deadline ? terms.length : Math.min(terms.length, ahead + 200);
      while (ahead < stop && (!deadline || deadline.timeRemaining() > 1)) entryOf(ahead++);
      return ahead >= terms.length;
    };
    return index;
  }

  // Everything decoded at once, in lunr's serialised format (for tests and comparisons).
  function expand(c) {
    var inverted = [], vectors = new Map();
    for (var t = 0; t < c.terms.length; t++) {
      var entry = decodePosting(c, t);
      inverted.push([c.terms[t], entry.posting]);
      c.fields.forEach(function (name, f) {
        var pairs = entry.scores[f];
        for (var k = 0; k < pairs.length; k += 2) {
          var key = name + "/" + pairs[k];
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push(t, pairs[k + 1]);
        }
      });
    }
    return {version: c.version, fields: c.fields, fieldVectors: Array.from(vectors.entries()),
            invertedIndex: inverted, pipeline: []};
  }

  function load() {
    if (!loading) {
      var arrived = false;
      loading = download().then(function (text) {
        arrived = true;
        var data = JSON.parse(text);
        if (data.format !== 4) throw new Error("index format " + data.format);
        data.stopwords.forEach(function (w) { STOPWORDS.add(w); });
        STEMMER = data.stemmer;
        var longest = 1;
        Object.keys(data.glossary).forEach(function (k) { longest = Math.max(longest, k.split(" ").length); });
        state = {index: loadIndex(data.index, data.docs.length), docs: data.docs, glossary: data.glossary, longest: longest};
        idle(function () { warmUp(); idle(decodeAhead); });
        return state;
      });
      loading.catch(function () { loading = null; });
      // lunr.js usually arrives well before the index: the wait is spent practising.
      lunrLoaded.then(function () { if (!arrived && !state) practise(); }, function () {});
    }
    return loading;
  }

  // A made-up index of a few hundred documents, searched the way a reader types, while the
  // real index is on its way: the browser compiles lunr's query code and ours then, and the
  // first real search runs 30-50 ms sooner at 2,000 records. Nothing of it is kept.
  function practise() {
    var words = ["action", "atelier", "collectif", "enfant", "famil", "habitant", "logement",
                 "parent", "part", "partag", "particip", "participation", "pouvoir", "projet"];
    var fields = ["titre", "mots", "resume", "texte"], docs = 300;
    var postings = words.map(function (word, w) {
      var numbers = [];
      fields.forEach(function (field, f) {
        var found = [];
        for (var d = (w + f) % 3; d < docs; d += 1 + (w + f) % 4) found.push(d);
        numbers.push(found.length);
        found.forEach(function (d, k) { numbers.push(k ? d - found[k - 1] : d, 50 + (d * 7 + w) % 300); });
      });
      return writeNumbers(numbers);
    });
    state = {index: loadIndex({version: window.lunr.version, fields: fields, terms: words, postings: postings}, docs),
             docs: new Array(docs).fill(["", "", "", "", ""]), glossary: {}, longest: 1};
    try {
      ["par", "part", "parti", "participation des fam", "participation des familles", "atelier parent"]
        .forEach(function (query) { search(query); });
    } finally {
      state = null;
    }
  }

  function writeNumbers(numbers) {  // twin of core/search.py write_numbers()
    var out = "";
    numbers.forEach(function (n) {
      var digits = LAST[n % 32];
      for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) digits = MORE[n % 32] + digits;
      out += digits;
    });
    return out;
  }

  function decodeAhead(deadline) {
    if (state && !state.index.decodeAhead(deadline && deadline.timeRemaining ? deadline : null)) idle(decodeAhead);
  }

  function idle(fn) {
    if (window.requestIdleCallback) window.requestIdleCallback(fn, {timeout: 2000});
    else setTimeout(fn, 200);
  }

  // A few searches in idle time right after the index is decoded, like the first keystrokes of a
  // reader (a short prefix, a word, two words): the browser compiles the query code then, not
  // while the reader types.
  function warmUp() {
    var sample = words(state.docs[0][1]).filter(function (w) { return w.length >= 5 && !STOPWORDS.has(w); });
    if (!sample.length) return;
    var first = sample[0], second = sample[1] || first;
    [first.slice(0, 3), first.slice(0, 4), first.slice(0, 6), first + " ", first + " " + second.slice(0, 4)]
      .forEach(function (query) { search(query); });
  }

  // The index is downloaded once the page has loaded (the browser's cache keeps it from one page
  // to the next), so that the first search does not wait for the network; it is decoded only
  // when search is used. Not on a connection that asks to save data.
  function prefetch() {
    if (navigator.connection && navigator.connection.saveData) return;
    download();
  }
  if (document.readyState === "complete") prefetch();
  else window.addEventListener("load", prefetch);

  // --- queries -----------------------------------------------------------------------
  function commonPrefix(a, b) {
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  }

  /* A query as typed -> lunr clauses. Every word is required (results narrow as one types);
     the word being typed is a prefix; an acronym or synonym of the glossary is required through
     its term token, its own words only add to the score. */
  function parse(query) {
    var typing = !/\s$/.test(query);
    var matches = fold(query).match(WORD) || [];
    var clauses = [], phrase = [], highlight = [];
    matches.forEach(function (match, m) {
      var parts = match.split("-").filter(Boolean);
      parts.forEach(function (part, p) {
        var last = typing && m === matches.length - 1 && p === parts.length - 1;
        // A stop word is dropped even while typed: as a prefix ("de" -> every "de*") it would
        // weigh on every result and change nothing that the next letters will not.
        if (STOPWORDS.has(part)) return;
        var s = stem(part);
        var clause = {term: s, prefix: false, required: true, word: phrase.length};
        if (last) {
          var prefix = commonPrefix(part, s);
          if (prefix.length >= 3) {
            // A short prefix ("part") expands to many words used everywhere: while it is that short it
            // is looked for in titles, keywords and summaries only, which keeps each keystroke fast.
            clause = {term: prefix, prefix: true, required: true, word: phrase.length,
                      fields: prefix.length < SHORT_PREFIX ? ["titre", "mots", "resume"] : undefined};
            clauses.push({term: s, prefix: false, required: false, boost: 2});
          } else {
            // One or two letters of a next word ("participation des f"): they only add to the
            // score until they make a prefix, so the results do not vanish at each new word.
            clause.required = false;
          }
        }
        clauses.push(clause);
        highlight.push(clause);
        phrase.push(s);
      });
      if (parts.length > 1) clauses.push({term: stem(parts.join("")), prefix: false, required: false});
    });
    // Glossary phrases found in the query.
    for (var start = 0; start < phrase.length; start++) {
      for (var length = 1; length <= Math.min(state.longest, phrase.length - start); length++) {
        var span = phrase.slice(start, start + length), terms = state.glossary[span.join(" ")];
        if (!terms) continue;
        var own = terms.indexOf(span.join("")) >= 0 ? span.join("") : terms[0];
        terms.forEach(function (term) { clauses.push({term: term, prefix: false, required: term === own, boost: 2}); });
        clauses.forEach(function (c) {
          if (c.word !== undefined && c.word >= start && c.word < start + length) c.required = false;
        });
      }
    }
    return {clauses: clauses, highlight: highlight};
  }

  function search(query) {
    var parsed = parse(query);
    if (!parsed.clauses.length) return {results: [], highlight: []};
    var lunr = window.lunr;
    var hits = state.index.query(function (q) {
      parsed.clauses.forEach(function (c) {
        var options = {
          usePipeline: false,
          boost: c.boost || 1,
          wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          presence: c.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL
        };
        if (c.fields) options.fields = c.fields;  // lunr takes a present-but-undefined key as "no field"
        q.term(c.term, options);
      });
    });
    return {
      highlight: parsed.highlight,
      results: hits.map(function (hit) {
        var d = state.docs[+hit.ref];
        return {url: d[0], title: d[1], kind: d[2], summary: d[3], id: d[4], score: hit.score};
      })
    };
  }

  /* Text -> DOM fragment with the words matching the query wrapped in <mark>. */
  function highlighted(text, clauses) {
    var fragment = document.createDocumentFragment(), last = 0;
    var pattern = /[\p{L}\p{N}\p{M}]+/gu, match;
    while ((match = pattern.exec(text))) {
      var tokens = normalise(match[0]);
      var hit = tokens.some(function (token) {
        return clauses.some(function (c) { return c.prefix ? token.indexOf(c.term) === 0 : token === c.term; });
      });
      if (!hit) continue;
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  window.centreRecherche = {
    load: load, search: search, highlighted: highlighted, root: ROOT, expand: expand,
    index: function () { return state && state.index; },
    fold: fold, words: words, stem: stem, normalise: normalise
  };

  // --- the search box of the header --------------------------------------------------
  var MAX_RESULTS = 8;

  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  function setUp(box) {
    var input = box.querySelector("input[name=q]");
    var list = box.querySelector(".centre-resultats");
    var status = box.querySelector(".centre-etat");
    var more = box.querySelector(".centre-tout");
    var toggle = document.getElementById("__search");
    var announce = null;
    var lastQuery = null;

    function open(flag) {
      if (toggle && toggle.checked !== flag) toggle.checked = flag;
    }

    function say(text) {
      // Screen readers hear the count once typing pauses, not at every keystroke.
      clearTimeout(announce);
      announce = setTimeout(function () { status.textContent = text; }, 350);
    }

    function render(query) {
      if (query === lastQuery) return;
      lastQuery = query;
      list.textContent = "";
      if (!query.trim()) {
        more.hidden = true;
        say("");
        return;
      }
      var found = search(query);
      found.results.slice(0, MAX_RESULTS).forEach(function (r) {
        var item = document.createElement("li");
        item.className = "centre-resultat";
        var link = document.createElement("a");
        link.href = new URL(r.url, ROOT).href;
        var kind = document.createElement("span");
        kind.className = "centre-resultat-type centre-type-" + (r.id ? r.url.split("/")[0] : "page");
        kind.textContent = r.kind;
        var title = document.createElement("span");
        title.className = "centre-resultat-titre";
        title.appendChild(highlighted(r.title, found.highlight));
        var summary = document.createElement("span");
        summary.className = "centre-resultat-resume";
        summary.appendChild(highlighted(r.summary, found.highlight));
        link.append(kind, title, summary);
        item.appendChild(link);
        list.appendChild(item);
      });
      var n = found.results.length;
      more.hidden = n === 0;
      more.href = new URL("catalogue/?q=" + encodeURIComponent(query.trim()), ROOT).href;
      more.textContent = "Voir toutes les ressources pour « " + query.trim() + " » dans le catalogue";
      say(n ? plural(n, "résultat", "résultats") + " pour « " + query.trim() + " »"
              + (n > MAX_RESULTS ? ", les " + MAX_RESULTS + " premiers sont affichés" : "")
            : "Aucun résultat pour « " + query.trim() + " »");
    }

    function update() {
      var query = input.value;
      if (state) return render(query);
      status.textContent = "Chargement de la recherche…";
      load().then(function () { render(input.value); }, function () {
        status.textContent = "La recherche n'a pas pu être chargée.";
      });
    }

    input.addEventListener("focus", function () { open(true); load(); });
    input.addEventListener("input", update);
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });

    function links() { return Array.prototype.slice.call(box.querySelectorAll(".centre-resultats a, a.centre-tout:not([hidden])")); }

    box.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && all.length) {
        all[Math.min(at + 1, all.length - 1)].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : all[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Escape") {
        if (document.activeElement !== input) input.focus();
        else { input.value = ""; render(""); open(false); input.blur(); }
        event.preventDefault();
      }
    });
    document.addEventListener("click", function (event) {
      // The header's magnifier (a label of the toggle) opens the box on phones: not an outside click.
      if (event.target === toggle || event.target.closest('label[for="__search"]')) return;
      if (!box.contains(event.target)) open(false);
    });
    box.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) open(false);
    });
    // "/" puts the cursor in the search box, as on most sites.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.focus();
    });
    if (input.value) update();
  }

  function start() {
    var box = document.querySelector(".centre-recherche");
    if (box) setUp(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
