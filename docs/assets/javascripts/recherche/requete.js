/* A query as typed -> lunr clauses -> results, records first.
 *
 * No state: every function is given the searchable index it works on, {index, docs, glossary,
 * longest} (index.js readPayload(), or the practice index of moteur.js). What the results show
 * (highlights, snippets) is extrait.js.
 */

import * as correction from "./correction.js";
import {fold, isStopword, stem, wordPattern} from "./normaliser.js";

// While the word being typed has fewer letters of prefix, it is looked for in titles, keywords
// and summaries only: a short prefix ("part") expands to many words used everywhere.
const shortPrefix = 5;

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

// A word of four letters or more that the index does not hold (as a term, or as the prefix of one
// while it is typed) -> its correction (correction.js), or null.
function corrected(part, s, last, searchable) {
  const vocabulary = searchable.index.vocabulary;
  if (!vocabulary || Array.from(part).length < correction.swapLength || vocabulary.weight(s)) return null;
  if (last) {
    const prefix = commonPrefix(part, s);
    if (prefix.length >= 3 && vocabulary.prefixWeight(prefix)) return null;
  }
  return correction.correct(part, last, vocabulary);
}

/* Every word is required (results narrow as one types); the word being typed is a prefix; an
   acronym or synonym of the glossary is required through its term token, its own words only add
   to the score. A word the index does not hold is replaced by its correction, if it has one,
   with a lower boost. Returns the clauses, those that highlighting looks for, the glossary terms
   found in the query (highlighting looks for every form of them) and the corrections made
   ({typed, word, term, prefix}). The clause of each word of the query carries the word
   (`typed`, folded): search() names the words no record holds. */
export function parse(query, searchable) {
  const typing = !/\s$/.test(query);
  const matches = fold(query).match(wordPattern) || [];
  const clauses = [], phrase = [], highlight = [], found = [], corrections = [];
  matches.forEach((match, m) => {
    const parts = match.split("-").filter(Boolean);
    parts.forEach((part, p) => {
      const last = typing && m === matches.length - 1 && p === parts.length - 1;
      // A stop word is dropped even while typed: as a prefix ("de" -> every "de*") it would
      // weigh on every result and change nothing that the next letters will not.
      if (isStopword(part)) return;
      const s = stem(part);
      let clause = {term: s, prefix: false, required: true, word: phrase.length, typed: part};
      const fixed = corrected(part, s, last, searchable);
      if (fixed) {
        corrections.push({typed: part, word: fixed.word, term: fixed.term, prefix: fixed.prefix});
        clause = {term: fixed.term, prefix: fixed.prefix, required: true, word: phrase.length, boost: correction.boost,
                  typed: part};
        if (fixed.prefix && fixed.term.length < shortPrefix) clause.fields = ["titre", "mots", "resume"];
        clauses.push(clause);
        highlight.push(clause);
        phrase.push(stem(fixed.word));
        return;
      }
      if (last) {
        const prefix = commonPrefix(part, s);
        if (prefix.length >= 3) {
          clause = {term: prefix, prefix: true, required: true, word: phrase.length, typed: part,
                    fields: prefix.length < shortPrefix ? ["titre", "mots", "resume"] : undefined};
          clauses.push({term: s, prefix: false, required: false, boost: 2});
        } else {
          // One or two letters of a next word ("participation des f"): they only add to the
          // score until they make a prefix, so the results do not vanish at each new word.
          // Not a word of the query yet: never named as not found.
          clause.required = false;
          delete clause.typed;
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
      found.push(...terms);
      clauses.forEach((c) => {
        if (c.word !== undefined && c.word >= start && c.word < start + length) c.required = false;
      });
    }
  }
  return {clauses, highlight, terms: Array.from(new Set(found)), corrections};
}

// Does a hand-written page's title hold the query? Every required clause, and at least one clause,
// matches one of the title's tokens (written by core/search.py with the glossary terms it holds).
function titleHolds(tokens, clauses) {
  const hit = (c) => tokens.some((t) => (c.prefix ? t.indexOf(c.term) === 0 : t === c.term));
  return clauses.every((c) => !c.required || hit(c)) && clauses.some(hit);
}

function run(index, clauses) {
  const lunr = window.lunr;
  return index.query((q) => {
    for (const c of clauses) {
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
}

/* When no record holds every word of the query: the records that hold most of them, then by
   score, and the words that no record holds (`missing`, folded as typed). One query per word,
   then one with every clause optional for the scores: only for a query that found nothing. */
function partial(clauses, index) {
  const words = clauses.filter((c) => c.typed !== undefined);
  if (words.length < 2) return {hits: [], missing: []};
  const held = new Map(), missing = [];
  for (const w of words) {
    const found = run(index, [Object.assign({}, w, {required: true})]);
    if (!found.length) missing.push(w.typed);
    for (const hit of found) held.set(hit.ref, (held.get(hit.ref) || 0) + 1);
  }
  if (!held.size) return {hits: [], missing};
  const hits = run(index, clauses.map((c) => Object.assign({}, c, {required: false})))
    .filter((hit) => held.has(hit.ref))
    .sort((a, b) => held.get(b.ref) - held.get(a.ref) || b.score - a.score);
  return {hits, missing};
}

// Results, best first: {url, title, kind, summary, id (records only), doc (position), score}; the
// clauses and glossary terms to highlight. Records come first, then hand-written pages, each
// group by lunr's score; a page whose title holds the query ranks among the records, by its
// score: « Contribuer » finds the page Contribuer first, « pair aidance » the records before
// the page of kits that mentions them. When no record holds every word, those that hold most of
// them (partial()), and `missing`: the words no record holds, named by the box.
export function search(query, searchable) {
  const parsed = parse(query, searchable);
  const empty = {results: [], highlight: [], terms: [], corrections: [], missing: []};
  if (!parsed.clauses.length) return empty;
  let hits = run(searchable.index, parsed.clauses), missing = [];
  if (!hits.length) ({hits, missing} = partial(parsed.clauses, searchable.index));
  const first = [], pages = [];
  for (const hit of hits) {
    const doc = +hit.ref, d = searchable.docs[doc];
    const result = {url: d[0], title: d[1], kind: d[2], summary: d[3], id: d[4], doc, score: hit.score};
    (d[4] || titleHolds(d[5] || [], parsed.clauses) ? first : pages).push(result);
  }
  return {highlight: parsed.highlight, terms: parsed.terms, corrections: parsed.corrections,
          results: first.concat(pages), missing: hits.length ? missing : []};
}
