"""A query as typed -> results, in Python: the twin of ``recherche/requete.js`` and ``correction.js``.

The browser searches the index file written by ``core/search.py``; this module searches the same
file the same way (the same clauses, the same corrections of a typing slip, lunr.py for lunr.js),
so that tests and scripts can say what a query finds without a browser, and a browser test can
check that both sides find the same records for the same queries.

One typing slip is forgiven: a word of five letters or more that the index does not hold (as a
term, or while it is typed as the prefix of one) is replaced by a word one edit away (Damerau:
a letter missing, one too many, two neighbours swapped, a letter wrong) whose stem the index
holds, with a lower boost than words found as typed; a word of four letters, by a swap of two
neighbours only (« vesr » -> « vers »). When no record holds every word, the records that hold
most of them come, and the words no record holds are named (:meth:`Searcher.answer`). The edit is made on the folded word, before
stemming, and each variant is stemmed and looked up: the index holds stems only, and a slip in an
ending that the stemmer rewrites would otherwise be two edits away (« famillr » is one edit from
« famille », two from the stem « famil »).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace

from lunr.index import Index
from lunr.query import Query, QueryPresence

from core.search import read_numbers
from core.search_tokens import _WORD, STOPWORDS, stem
from core.text import fold

MIN_LENGTH = 5  # shorter words (acronyms: ASE, RSA) get no deletion, insertion or substitution
SWAP_LENGTH = 4  # words of four letters only a swap of two neighbours; shorter ones nothing
CORRECTION_BOOST = 0.5  # a corrected word weighs less than a word found as typed
SHORT_PREFIX = 5  # a shorter prefix is looked for in titles, keywords and summaries only
SHORT_FIELDS = ("titre", "mots", "resume")


def expand(compact: dict) -> dict:
    """The compact index (``core/search.py`` ``compact()``) back in lunr's serialised format."""
    fields, inverted, vectors = compact["fields"], [], {}
    for position, (term, text) in enumerate(zip(compact["terms"], compact["postings"])):
        posting, numbers = {"_index": position}, iter(read_numbers(text))
        for name in fields:
            refs, previous = {}, 0
            for _ in range(next(numbers)):
                previous += next(numbers)
                refs[str(previous)] = {}
                vectors.setdefault(f"{name}/{previous}", []).extend([position, next(numbers) / 100])
            posting[name] = refs
        if next(numbers, None) is not None:
            raise ValueError(f"posting of {term!r} too long")
        inverted.append([term, posting])
    return {"version": compact["version"], "fields": fields, "fieldVectors": sorted(vectors.items()),
            "invertedIndex": inverted, "pipeline": []}


def _common_prefix(a: str, b: str) -> str:
    return "".join(x for x, _ in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(a, b)))


class Vocabulary:
    """The terms of an index: how many documents hold a term or the terms of a prefix (measured by
    the length of their postings, as ``recherche/index.js`` does), and the letters they are made of."""

    def __init__(self, terms: list[str], postings: list[str]):
        self._weight = {term: len(text) for term, text in zip(terms, postings)}
        self._sorted = sorted(terms)
        self._cumulative = [0, *itertools.accumulate(self._weight[t] for t in self._sorted)]
        self.alphabet = sorted(set("".join(terms)))

    def weight(self, term: str) -> int:
        return self._weight.get(term, 0)

    def prefix_weight(self, prefix: str) -> int:
        low = bisect.bisect_left(self._sorted, prefix)
        high = bisect.bisect_left(self._sorted, prefix + "\uffff")
        return self._cumulative[high] - self._cumulative[low]


def variants(word: str, alphabet: list[str], typing: bool) -> list[str]:
    """Every word one edit away, in ``correction.js``'s order: deletions (never of the last letter
    of a word being typed), swaps of two neighbours, substitutions, insertions."""
    n = len(word)
    out = [word[:i] + word[i + 1:] for i in range(n - 1 if typing else n)]
    out += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1) if word[i] != word[i + 1]]
    out += [word[:i] + letter + word[i + 1:] for i in range(n) for letter in alphabet if letter != word[i]]
    out += [word[:i] + letter + word[i:] for i in range(n + 1) for letter in alphabet]
    return out


@dataclass(frozen=True)
class Correction:
    typed: str  # the folded word as typed
    word: str  # the variant chosen (a folded word, or the start of one while typing)
    term: str  # what is looked for: a term, or a prefix of terms while typing
    prefix: bool


def swaps(word: str) -> list[str]:
    """Every swap of two different neighbours, in ``correction.js``'s order."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]]


def correct(word: str, typing: bool, vocabulary: Vocabulary) -> Correction | None:
    """The correction of one folded word (``correction.js`` ``correct()``): the variant found in
    the most documents, then the first term (and variant) in alphabetical order; or None. A word
    of four letters is only corrected by a swap of two neighbours."""
    if len(word) < SWAP_LENGTH:
        return None
    best, best_key = None, None
    for variant in swaps(word) if len(word) < MIN_LENGTH else variants(word, vocabulary.alphabet, typing):
        s = stem(variant)
        term = _common_prefix(variant, s) if typing else s
        if len(term) < 3:
            continue
        weight = vocabulary.prefix_weight(term) if typing else vocabulary.weight(term)
        if not weight:
            continue
        key = (-weight, term, variant)
        if best_key is None or key < best_key:
            best, best_key = Correction(word, variant, term, typing), key
    return best


@dataclass
class Clause:
    term: str
    prefix: bool = False
    required: bool = True
    boost: float = 1
    fields: tuple | None = None
    word: int | None = None
    typed: str | None = None  # the word of the query (folded) this clause looks for


@dataclass
class Answer:
    results: list[dict]
    corrections: list[Correction]
    missing: list[str]  # words of the query that no record holds (folded), when results hold only some


class Searcher:
    """Searches a site's index file (the dict of ``core/search.py`` ``payload()``) as the browser does."""

    def __init__(self, payload: dict):
        compact = payload["index"]
        self.docs = payload["docs"]
        self.glossary = payload["glossary"]
        self.longest = max((len(p.split(" ")) for p in self.glossary), default=1)
        self.vocabulary = Vocabulary(compact["terms"], compact["postings"])
        self.index = Index.load(expand(compact))

    def _corrected(self, part: str, s: str, last: bool) -> Correction | None:
        if len(part) < SWAP_LENGTH or self.vocabulary.weight(s):
            return None
        if last:
            prefix = _common_prefix(part, s)
            if len(prefix) >= 3 and self.vocabulary.prefix_weight(prefix):
                return None
        return correct(part, last, self.vocabulary)

    def parse(self, query: str) -> tuple[list[Clause], list[Correction]]:
        """The clauses of a query as typed, and the corrections made (``requete.js`` ``parse()``)."""
        typing = not query[-1:].isspace()
        matches = _WORD.findall(fold(query))
        clauses, phrase, corrections = [], [], []
        for m, match in enumerate(matches):
            parts = [p for p in match.split("-") if p]
            for p, part in enumerate(parts):
                last = typing and m == len(matches) - 1 and p == len(parts) - 1
                if part in STOPWORDS:
                    continue
                s = stem(part)
                fixed = self._corrected(part, s, last)
                if fixed:
                    corrections.append(fixed)
                    short = fixed.prefix and len(fixed.term) < SHORT_PREFIX
                    clauses.append(Clause(fixed.term, fixed.prefix, boost=CORRECTION_BOOST, word=len(phrase),
                                          fields=SHORT_FIELDS if short else None, typed=part))
                    phrase.append(stem(fixed.word))
                    continue
                clause = Clause(s, word=len(phrase), typed=part)
                if last:
                    prefix = _common_prefix(part, s)
                    if len(prefix) >= 3:
                        clause = Clause(prefix, True, word=len(phrase), typed=part,
                                        fields=SHORT_FIELDS if len(prefix) < SHORT_PREFIX else None)
                        clauses.append(Clause(s, required=False, boost=2))
                    else:
                        clause.required, clause.typed = False, None
                clauses.append(clause)
                phrase.append(s)
            if len(parts) > 1:
                clauses.append(Clause(stem("".join(parts)), required=False))
        for start in range(len(phrase)):
            for length in range(1, min(self.longest, len(phrase) - start) + 1):
                span = phrase[start:start + length]
                terms = self.glossary.get(" ".join(span))
                if not terms:
                    continue
                own = "".join(span) if "".join(span) in terms else terms[0]
                clauses += [Clause(term, required=term == own, boost=2) for term in terms]
                for c in clauses:
                    if c.word is not None and start <= c.word < start + length:
                        c.required = False
        return clauses, corrections

    def _run(self, clauses: list[Clause]) -> list[dict]:
        def build(q):
            for c in clauses:
                q.term(c.term, use_pipeline=False, boost=c.boost,
                       wildcard=Query.WILDCARD_TRAILING if c.prefix else Query.WILDCARD_NONE,
                       presence=QueryPresence.REQUIRED if c.required else QueryPresence.OPTIONAL,
                       fields=list(c.fields) if c.fields else None)
        return self.index.query(callback=build)

    def _partial(self, clauses: list[Clause]) -> tuple[list[dict], list[str]]:
        """``requete.js`` ``partial()``: the records holding most words, and the words none holds."""
        words = [c for c in clauses if c.typed is not None]
        if len(words) < 2:
            return [], []
        held: dict[str, int] = {}
        missing = []
        for w in words:
            found = self._run([replace(w, required=True)])
            if not found:
                missing.append(w.typed)
            for hit in found:
                held[hit["ref"]] = held.get(hit["ref"], 0) + 1
        if not held:
            return [], missing
        hits = [hit for hit in self._run([replace(c, required=False) for c in clauses]) if hit["ref"] in held]
        return sorted(hits, key=lambda hit: (-held[hit["ref"]], -hit["score"])), missing

    def answer(self, query: str) -> Answer:
        """Results best first ({url, title, kind, summary, id, doc, score}), records first, the
        corrections made and the words no record holds (``requete.js`` ``search()``)."""
        clauses, corrections = self.parse(query)
        if not clauses:
            return Answer([], [], [])
        hits, missing = self._run(clauses), []
        if not hits:
            hits, missing = self._partial(clauses)
        first, pages = [], []
        for hit in hits:
            doc = int(hit["ref"])
            d = self.docs[doc]
            result = {"url": d[0], "title": d[1], "kind": d[2], "summary": d[3], "id": d[4], "doc": doc,
                      "score": hit["score"]}
            (first if d[4] or _title_holds(d[5] if len(d) > 5 else [], clauses) else pages).append(result)
        return Answer(first + pages, corrections, missing if hits else [])

    def search(self, query: str) -> tuple[list[dict], list[Correction]]:
        """:meth:`answer`'s results and corrections."""
        found = self.answer(query)
        return found.results, found.corrections


def _title_holds(tokens: list[str], clauses: list[Clause]) -> bool:
    def hit(c):
        return any(t.startswith(c.term) if c.prefix else t == c.term for t in tokens)
    return all(hit(c) for c in clauses if c.required) and any(hit(c) for c in clauses)
