/* A query as typed -> lunr clauses -> results; highlighting of the words found.
 *
 * No state: every function is given the searchable index it works on, {index, docs, glossary,
 * longest} (index.js readPayload(), or the practice index of moteur.js).
 */

import {fold, isStopword, normalise, stem, wordPattern} from "./normaliser.js";

// While the word being typed has fewer letters of prefix, it is looked for in titles, keywords
// and summaries only: a short prefix ("part") expands to many words used everywhere.
const shortPrefix = 5;

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/* Every word is required (results narrow as one types); the word being typed is a prefix; an
   acronym or synonym of the glossary is required through its term token, its own words only add
   to the score. Returns the clauses, and those that highlighting looks for. */
export function parse(query, searchable) {
  const typing = !/\s$/.test(query);
  const matches = fold(query).match(wordPattern) || [];
  const clauses = [], phrase = [], highlight = [];
  matches.forEach((match, m) => {
    const parts = match.split("-").filter(Boolean);
    parts.forEach((part, p) => {
      const last = typing && m === matches.length - 1 && p === parts.length - 1;
      // A stop word is dropped even while typed: as a prefix ("de" -> every "de*") it would
      // weigh on every result and change nothing that the next letters will not.
      if (isStopword(part)) return;
      const s = stem(part);
      let clause = {term: s, prefix: false, required: true, word: phrase.length};
      if (last) {
        const prefix = commonPrefix(part, s);
        if (prefix.length >= 3) {
          clause = {term: prefix, prefix: true, required: true, word: phrase.length,
                    fields: prefix.length < shortPrefix ? ["titre", "mots", "resume"] : undefined};
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
  for (let start = 0; start < phrase.length; start++) {
    for (let length = 1; length <= Math.min(searchable.longest, phrase.length - start); length++) {
      const span = phrase.slice(start, start + length), terms = searchable.glossary[span.join(" ")];
      if (!terms) continue;
      const own = terms.indexOf(span.join("")) >= 0 ? span.join("") : terms[0];
      terms.forEach((term) => clauses.push({term, prefix: false, required: term === own, boost: 2}));
      clauses.forEach((c) => {
        if (c.word !== undefined && c.word >= start && c.word < start + length) c.required = false;
      });
    }
  }
  return {clauses, highlight};
}

// Results, best first: {url, title, kind, summary, id (records only), score}; and the clauses
// to highlight.
export function search(query, searchable) {
  const parsed = parse(query, searchable);
  if (!parsed.clauses.length) return {results: [], highlight: []};
  const lunr = window.lunr;
  const hits = searchable.index.query((q) => {
    for (const c of parsed.clauses) {
      const options = {
        usePipeline: false,
        boost: c.boost || 1,
        wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        presence: c.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL
      };
      if (c.fields) options.fields = c.fields;  // lunr takes a present-but-undefined key as "no field"
      q.term(c.term, options);
    }
  });
  return {
    highlight: parsed.highlight,
    results: hits.map((hit) => {
      const d = searchable.docs[+hit.ref];
      return {url: d[0], title: d[1], kind: d[2], summary: d[3], id: d[4], score: hit.score};
    })
  };
}

/* Text -> DOM fragment with the words matching the query wrapped in <mark>. Each displayed word
   is normalised again, so the index stores no positions. */
export function highlighted(text, clauses) {
  const fragment = document.createDocumentFragment(), pattern = /[\p{L}\p{N}\p{M}]+/gu;
  let last = 0, match;
  while ((match = pattern.exec(text))) {
    const tokens = normalise(match[0]);
    const hit = tokens.some((token) => clauses.some((c) => (c.prefix ? token.indexOf(c.term) === 0 : token === c.term)));
    if (!hit) continue;
    fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    fragment.appendChild(mark);
    last = match.index + match[0].length;
  }
  fragment.appendChild(document.createTextNode(text.slice(last)));
  return fragment;
}
