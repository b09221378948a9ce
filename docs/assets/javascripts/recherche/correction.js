/* One typing slip forgiven: a word of five letters or more that the index does not hold is
 * replaced by a word of the corpus one edit away (a letter missing, one too many, two neighbours
 * swapped, a letter wrong), and the results say which words they are for. A word of four letters
 * is only corrected by a swap of two neighbours (« vesr » -> « vers », « flac » -> « falc »): any
 * edit of a short word finds too many words, a swap keeps its letters.
 *
 * Twin of core/search_query.py (same variants, same order, same choice): a browser test feeds
 * the same queries to both and compares the results.
 *
 * The edit is made on the word as typed (folded), before stemming, and every variant is stemmed
 * and looked up: « familliale » -> « familiale » -> famil­ial. Correcting the stem instead would
 * miss a slip in an ending the stemmer rewrites (« famillr » is two edits from the stem famil,
 * one from « famille »), and the index holds stems only. ~60 variants a letter, each a map
 * look-up (or a binary search for a prefix): about a millisecond, and only for a word that
 * matches nothing. No table is added to the index file.
 */

import {stem} from "./normaliser.js";

export const minLength = 5;  // shorter words (acronyms: ASE, RSA) get no deletion, insertion or substitution
export const swapLength = 4;  // words of four letters only a swap of two neighbours; shorter ones nothing
export const boost = 0.5;  // a corrected word weighs less than a word found as typed

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/* Every word one edit away from `word`, in a fixed order: deletions, swaps of two neighbours,
   substitutions, insertions (a doubled letter is an insertion). `alphabet`: the letters of the
   index's terms. While a word is being typed (`typing`), its last letter is never deleted: a
   prefix without it is a substitution of that letter already. */
export function variants(word, alphabet, typing) {
  const out = [], n = word.length;
  for (let i = 0; i < (typing ? n - 1 : n); i++) out.push(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i + 1 < n; i++) {
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  for (let i = 0; i < n; i++) {
    for (const letter of alphabet) if (letter !== word[i]) out.push(word.slice(0, i) + letter + word.slice(i + 1));
  }
  for (let i = 0; i <= n; i++) {
    for (const letter of alphabet) out.push(word.slice(0, i) + letter + word.slice(i));
  }
  return out;
}

/* The correction of one folded word, or null: {term, prefix, word}. A finished word becomes the
   stem of a variant that the index holds; the word being typed (`typing`), a prefix of terms
   (the common part of a variant and its stem, as requete.js makes prefixes). Among several, the
   one found in the most documents (the length of its postings, summed over the terms a prefix
   covers), then the first in alphabetical order. `vocabulary`: index.js loadIndex()'s. */
export function swaps(word) {
  const out = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

export function correct(word, typing, vocabulary) {
  const length = Array.from(word).length;
  if (length < swapLength) return null;
  let best = null;
  for (const variant of length < minLength ? swaps(word) : variants(word, vocabulary.alphabet(), typing)) {
    const s = stem(variant);
    const term = typing ? commonPrefix(variant, s) : s;
    if (term.length < 3) continue;
    const weight = typing ? vocabulary.prefixWeight(term) : vocabulary.weight(term);
    if (!weight) continue;
    if (!best || weight > best.weight || (weight === best.weight && (term < best.term || (term === best.term && variant < best.word)))) {
      best = {term, prefix: typing, word: variant, weight};
    }
  }
  return best;
}

/* The query as the results understand it, in words of the corpus: each word of the query that
   was corrected, or that the texts write with accents, as the first results write it
   (« conference familliale » -> « conférence familiale »). `short`: the titles and summaries of
   the first results, best first, where every word is looked for; `long`: their texts, where only
   the corrected words not found yet are (a word written nowhere as typed would otherwise have
   every text read at each keystroke: 12-28 ms at 2,000 records). Words not found stay as typed. */
const rawWord = /[\p{L}\p{N}\p{M}]+/gu;

export function said(query, corrections, short, long, fold) {
  const folded = new Map();  // word as written -> folded (texts repeat their words)
  const foldOf = (w) => {
    let f = folded.get(w);
    if (f === undefined) folded.set(w, (f = fold(w)));
    return f;
  };
  const wanted = new Map();  // folded word as typed -> {word, term, prefix}: what to find in the texts
  for (const c of corrections) wanted.set(c.typed, c);
  for (const written of query.match(rawWord) || []) {
    const f = foldOf(written);
    if (!wanted.has(f)) wanted.set(f, {word: f, term: null, prefix: false});
  }
  const shown = new Map();  // folded word as typed -> the word as a text writes it
  function look(texts, onlyCorrected) {
    const looking = Array.from(wanted).filter(([typed, c]) => !shown.has(typed) && (!onlyCorrected || c.term !== null));
    for (const text of texts) {
      if (!looking.length) return;
      rawWord.lastIndex = 0;
      for (let m; text && looking.length && (m = rawWord.exec(text));) {
        const f = foldOf(m[0]);
        let s = null;
        for (let i = looking.length - 1; i >= 0; i--) {
          const [typed, c] = looking[i];
          let hit = f === c.word;
          if (!hit && c.term !== null) {
            if (s === null) s = stem(f);
            hit = c.prefix ? s.lastIndexOf(c.term, 0) === 0 : s === c.term;
          }
          if (hit) {
            shown.set(typed, m[0]);
            looking.splice(i, 1);
          }
        }
      }
    }
  }
  look(short, false);
  look(long, true);
  // A corrected word found in none of these texts shows its variant (one edit from what was typed).
  for (const c of corrections) if (!shown.has(c.typed)) shown.set(c.typed, c.word);
  const lower = (w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase());
  return query.replace(rawWord, (w) => (shown.has(foldOf(w)) ? lower(shown.get(foldOf(w))) : w)).trim();
}
