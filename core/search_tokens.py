"""French search tokens, the same at build time and in the reader's browser: words, stop words,
the stemmer, glossary phrases.

The browser's twin is ``docs/assets/javascripts/recherche/normaliser.js``. Folding (``core/text.py``
``fold()``) and splitting into words are written twice, in Python and in ``normaliser.js``;
everything else is data written into the index file (``core/search.py`` ``payload()``), so it has
one source, this module: the stop words, the stemmer's rules (``STEMMER``, which ``stem()`` here
and ``stem()`` in ``normaliser.js`` both interpret) and the glossary phrases. A browser test
checks that both sides give the same tokens for every word of the shipped corpus.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import fold

# Elided articles and pronouns are dropped with the other stop words: "l'atelier" -> "atelier".
STOPWORDS = frozenset("""
a au aux avec c ce ces cet cette d dans de des du elle elles en et il ils j je jusqu l la le les leur
leurs lorsqu lui m ma mais me mes mon n ne nos notre nous on ou par pas pour puisqu qu que qui s sa
se ses son sur t ta te tes ton un une vos votre vous y
""".split())
STEM_MIN = 5  # shorter words (and acronyms: ASE, CCAS, MDMS) are never stemmed

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _groups(text: str) -> list[list[str]]:
    """Folded words, each as the list of its hyphen-separated parts."""
    return [match.split("-") if "-" in match else [match] for match in _WORD.findall(fold(text))]


def words(text: str) -> list[str]:
    """Folded words; a hyphenated word gives its parts and the parts joined (pair-aidance)."""
    out = []
    for parts in _groups(text):
        out.extend(parts)
        if len(parts) > 1:
            out.append("".join(parts))
    return out


@dataclass(frozen=True)
class Rule:
    """One rule of the stemmer: a word ending in ``suffix`` ends in ``replacement`` instead.

    It applies only to a word of at least ``min_length`` letters (counted before the change).
    """

    suffix: str
    replacement: str = ""
    min_length: int = 0


# The stemmer, as data: groups of rules applied in order. In each group, the first rule whose
# suffix ends the word (and whose length condition holds) is applied, the others of the group
# are skipped; then the next group. Words under STEM_MIN letters, or with anything but letters,
# are left alone. ``stem()`` below and ``stem()`` in normaliser.js interpret this same table
# (written into the index file by ``payload()``): change the rules here, nowhere else.
STEMMER = (
    # Plurals. "ss" -> "ss" keeps a double s (Porter's idiom): "stress" is no plural.
    (Rule("eaux", "eau"), Rule("aux", "al"), Rule("x"), Rule("ss", "ss"), Rule("s")),
    # Feminine and adjectives: collective -> collectif, travailleuse -> travailleur.
    (Rule("ive", "if"), Rule("euse", "eur"), Rule("trice", "teur")),
    # Infinitive -er (not in a five-letter word: "super", "hiver"), past participle -ee, final -e.
    (Rule("er", min_length=STEM_MIN + 1), Rule("ee"), Rule("e")),
    # A final double consonant loses one: famille -> famill -> famil.
    tuple(Rule(letter * 2, letter, min_length=4) for letter in "bcdfglmnprt"),
)


def stemmer_table() -> dict:
    """``STEMMER`` as the index file carries it (read by normaliser.js)."""
    return {"minLength": STEM_MIN,
            "groups": [[{"suffix": r.suffix, "replacement": r.replacement, "minLength": r.min_length} for r in group]
                       for group in STEMMER]}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light French stemmer: plurals, feminine and a few inflections (familles -> famil).

    Interprets ``STEMMER``. It works on folded words and only ever shortens or rewrites the ending.
    """
    if len(word) < STEM_MIN or not word.isalpha():
        return word
    for group in STEMMER:
        for rule in group:
            if word.endswith(rule.suffix) and len(word) >= rule.min_length:
                word = word[:len(word) - len(rule.suffix)] + rule.replacement
                break
    return word


def normalise(text: str) -> list[str]:
    """Text -> search tokens: folded, stop words out, stemmed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


# --- glossary ------------------------------------------------------------------------

@dataclass
class Glossary:
    """Acronyms and synonyms: every way of writing a term points to the term's own token."""

    phrases: dict = field(default_factory=dict)  # "token token" -> sorted list of term tokens
    longest: int = 1
    _starts: dict = field(default_factory=dict, repr=False)  # first token -> [(tokens tuple, terms)]

    @classmethod
    def from_entries(cls, entries: Iterable[dict] | None) -> Glossary:
        glossary = cls()
        for entry in entries or []:
            term = "".join(_phrase_tokens(entry["terme"]))
            if not term:
                continue
            forms = [entry["terme"], *(entry.get("synonymes") or [])]
            if entry.get("developpement"):
                forms.append(entry["developpement"])
            for form in forms:
                tokens = _phrase_tokens(form)
                if tokens:
                    key = " ".join(tokens)
                    glossary.phrases.setdefault(key, set()).add(term)
                    glossary.longest = max(glossary.longest, len(tokens))
        glossary.phrases = {k: sorted(v) for k, v in sorted(glossary.phrases.items())}
        for key, terms in glossary.phrases.items():
            phrase = tuple(key.split(" "))
            glossary._starts.setdefault(phrase[0], []).append((phrase, terms))
        return glossary

    def expand(self, tokens: list[str]) -> list[str]:
        """The glossary terms found in a token sequence (each once, in order of appearance)."""
        found: list[str] = []
        starts = self._starts
        for start, token in enumerate(tokens):
            for phrase, terms in starts.get(token, ()):
                if tuple(tokens[start:start + len(phrase)]) == phrase:
                    found.extend(t for t in terms if t not in found)
        return found


def _phrase_tokens(text: str) -> list[str]:
    # Hyphenated forms are matched on their parts only, as a phrase ("pair-aidance" = "pair aidance").
    return [stem(w) for parts in _groups(text) for w in parts if w not in STOPWORDS]


def field_tokens(text: str, glossary: Glossary) -> list[str]:
    """The tokens indexed for one field: its words, plus the glossary terms it mentions."""
    tokens, phrase = [], []
    for parts in _groups(text):
        kept = [stem(w) for w in parts if w not in STOPWORDS]
        tokens.extend(kept)
        phrase.extend(kept)
        if len(parts) > 1:
            joined = "".join(parts)
            if joined not in STOPWORDS:
                tokens.append(stem(joined))
    return tokens + glossary.expand(phrase)

