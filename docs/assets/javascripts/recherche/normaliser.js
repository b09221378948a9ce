/* Text -> search tokens, as core/search.py normalise() makes them at build time.
 *
 * fold() and words() are the twins of core/text.py fold() and core/search.py words(); the stop
 * words and the stemmer's rules are data read from the index file (core/search.py STOPWORDS and
 * STEMMER), given here by configure(). A browser test runs both sides on every word of the
 * corpus and compares.
 */

const apostrophes = /['\u2019\u2018\u02bc\u00b4`]/g;
const hyphens = /[\u2010\u2011]/g;
const letters = /^\p{L}+$/u;

// A word: letters and digits, hyphenated parts kept together ("pair-aidance").
export const wordPattern = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

// From the index file; until it is read, no stop word and no stemming.
let stopwords = new Set();
let stemmer = {minLength: Infinity, groups: []};

// The stop words and the stemmer's rules of the index file (core/search.py payload()).
export function configure(words, rules) {
  stopwords = new Set(words);
  stemmer = rules;
}

export function isStopword(word) {
  return stopwords.has(word);
}

// Twin of core/text.py fold(): lowercase, no accents, ligatures spelt out, apostrophes become
// spaces, non-breaking hyphens "-".
export function fold(text) {
  let t = String(text).normalize("NFKD").toLowerCase();
  t = t.replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  t = t.replace(/\p{M}/gu, "");
  return t.replace(apostrophes, " ").replace(hyphens, "-");
}

// Twin of core/search.py words(): a hyphenated word gives its parts and the parts joined.
export function words(text) {
  const out = [];
  for (const match of fold(text).match(wordPattern) || []) {
    if (match.indexOf("-") >= 0) {
      const parts = match.split("-").filter(Boolean);
      out.push(...parts, parts.join(""));
    } else {
      out.push(match);
    }
  }
  return out;
}

// Interprets the stemmer's rules exactly as core/search.py stem(): in each group, the first rule
// whose suffix ends the word and whose minLength it reaches is applied. Lengths count code
// points, as Python's len() does.
export function stem(word) {
  let length = Array.from(word).length;
  if (length < stemmer.minLength || !letters.test(word)) return word;
  for (const group of stemmer.groups) {
    for (const rule of group) {
      if (length >= rule.minLength && word.endsWith(rule.suffix)) {
        word = word.slice(0, word.length - rule.suffix.length) + rule.replacement;
        length = Array.from(word).length;
        break;
      }
    }
  }
  return word;
}

export function normalise(text) {
  return words(text).filter((w) => !stopwords.has(w)).map(stem);
}
