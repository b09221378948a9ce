/* What a result shows of why it was found: the words of the query marked in a text, and a
 * snippet cut around the first of them.
 *
 * A word matches when it normalises (normaliser.js: folded, stemmed) to a token the query looked
 * for (a clause of requete.js parse(), exact or prefix), or when a run of words is a form of a
 * glossary term the query holds (« revenu de solidarité active » for « RSA »). The index stores
 * no positions: the text shown is normalised again here. Everything is built with DOM nodes and
 * textContent, never as HTML: record text stays text.
 */

import {normalise} from "./normaliser.js";

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

// A word as written -> its tokens. Texts repeat their words: a text of 5,000 characters is then
// tokenised in a fraction of a millisecond instead of 3-5 ms of normalise() on every word.
const tokensOf = new Map();
const tokensMax = 100000;

function wordTokens(word) {
  let tokens = tokensOf.get(word);
  if (tokens === undefined) {
    if (tokensOf.size >= tokensMax) tokensOf.clear();
    tokens = normalise(word);
    tokensOf.set(word, tokens);
  }
  return tokens;
}

// A text's words, each with its position and token (stop words left out): {starts, ends, tokens}.
// Kept for the last texts seen, so that each keystroke only compares tokens.
const seen = new Map();
const seenMax = 300;

function tokenised(text) {
  let words = seen.get(text);
  if (words) return words;
  words = {starts: [], ends: [], tokens: []};
  wordPattern.lastIndex = 0;
  for (let match; (match = wordPattern.exec(text));) {
    for (const token of wordTokens(match[0])) {
      words.starts.push(match.index);
      words.ends.push(match.index + match[0].length);
      words.tokens.push(token);
    }
  }
  if (seen.size >= seenMax) seen.delete(seen.keys().next().value);
  seen.set(text, words);
  return words;
}

/* What to look for in texts, from search() results: {highlight, terms}, and the glossary of the
   index (phrase of tokens -> term tokens). */
export function matcher(found, glossary) {
  const exact = new Set(), prefixes = [], phrases = [];
  for (const c of found.highlight || []) {
    if (c.prefix) prefixes.push(c.term);
    else exact.add(c.term);
  }
  for (const term of found.terms || []) exact.add(term);
  if (found.terms && found.terms.length && glossary) {
    for (const phrase in glossary) {
      if (phrase.indexOf(" ") > 0 && glossary[phrase].some((t) => found.terms.indexOf(t) >= 0)) phrases.push(phrase.split(" "));
    }
  }
  return {exact, prefixes, phrases};
}

// How many words, from word `i`, match (0: none).
function matchAt(words, i, m) {
  const token = words.tokens[i];
  if (m.exact.has(token)) return 1;
  for (const p of m.prefixes) if (token.indexOf(p) === 0) return 1;
  for (const phrase of m.phrases) {
    let k = 0;
    while (k < phrase.length && words.tokens[i + k] === phrase[k]) k++;
    if (k === phrase.length) return k;
  }
  return 0;
}

// The character ranges [start, end) of the matches between characters `from` and `to`.
function ranges(words, m, from, to, firstOnly) {
  const out = [];
  for (let i = 0; i < words.tokens.length && words.starts[i] < to; i++) {
    if (words.starts[i] < from) continue;
    const n = matchAt(words, i, m);
    if (!n) continue;
    const end = Math.min(words.ends[i + n - 1], to);
    // A phrase's words are marked as one run, the spaces and apostrophes between them included.
    if (out.length && out[out.length - 1][1] >= words.starts[i]) out[out.length - 1][1] = Math.max(end, out[out.length - 1][1]);
    else out.push([words.starts[i], end]);
    if (firstOnly) break;
    i += n - 1;
  }
  return out;
}

function fill(fragment, text, marks, from, to) {
  let at = from;
  for (const [start, end] of marks) {
    fragment.appendChild(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    fragment.appendChild(mark);
    at = end;
  }
  fragment.appendChild(document.createTextNode(text.slice(at, to)));
  return fragment;
}

// `text` -> DOM fragment, with the words that match marked (<mark>).
export function highlighted(text, m) {
  return fill(document.createDocumentFragment(), text, ranges(tokenised(text), m, 0, text.length, false), 0, text.length);
}

// Does `text` hold a match?
export function holds(text, m) {
  return !!text && ranges(tokenised(text), m, 0, text.length, true).length > 0;
}

/* A snippet of about `size` characters of `text` around its first match: a third of it before
   the match, cut at spaces, « … » where the text goes on; the matches marked. Null when the
   text holds no match. */
export function snippet(text, m, size) {
  if (!text) return null;
  const words = tokenised(text);
  const first = ranges(words, m, 0, text.length, true)[0];
  if (!first) return null;
  // A match within the opening words: the text from its start; else a third before the match.
  let start = first[1] <= size - 20 ? 0 : first[0] - Math.round(size / 3);
  let end = Math.min(text.length, Math.max(start + size, first[1]));
  if (end === text.length) start = Math.max(0, Math.min(start, end - size));  // the end of the text: fill back
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < first[0] ? space + 1 : first[0];
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    end = space > first[1] ? space : first[1];
  }
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.appendChild(document.createTextNode("… "));
  fill(fragment, text, ranges(words, m, start, end, false), start, end);
  if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
  return fragment;
}

// The start of `text`, about `size` characters cut at a space, « … » where it goes on.
export function start(text, m, size) {
  let end = text.length;
  if (end > size) {
    const space = text.lastIndexOf(" ", size);
    end = space > 0 ? space : size;
  }
  const fragment = fill(document.createDocumentFragment(), text, ranges(tokenised(text), m, 0, end, false), 0, end);
  if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
  return fragment;
}

// About how many characters fill three lines of `width` pixels at `fontSize` pixels (an average
// French letter is half as wide as it is high): 2.75 lines of letters, so that the last line, cut
// at a space and ended by « … », does not spill onto a fourth. Between `min` and `max`.
export function sizeFor(width, fontSize, min = 90, max = 240) {
  return Math.max(min, Math.min(max, Math.round(2.75 * width / (0.5 * fontSize))));
}
