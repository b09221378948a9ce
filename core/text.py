"""French text, folded one way everywhere: search tokens, sort keys, file-name slugs, anchors.

Every comparison of French words in the project goes through :func:`fold`, so "Œuvre",
"oeuvre" and "ŒUVRE" are one word for the search, the alphabetical order, the id of a
new record and the anchor of a glossary term. The browser twins live in
``docs/assets/javascripts/`` (``normaliser.js`` for search, ``proposer.js`` for slugs);
tests check that both sides agree.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata

APOSTROPHES = "'\u2019\u2018\u02bc\u00b4`"
HYPHENS = "-\u2010\u2011"
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


class _FoldTable(dict[int, str | None]):
    """A str.translate() table: combining marks out, ligatures spelt out, apostrophes, hyphens.

    Other characters are looked up once, when first met, instead of scanning all of Unicode.
    """

    def __missing__(self, codepoint: int) -> str | None:
        char = chr(codepoint)
        self[codepoint] = value = None if unicodedata.category(char).startswith("M") else char
        return value


_FOLD = _FoldTable({**{ord(k): v for k, v in LIGATURES.items()},
                    **{ord(mark): " " for mark in APOSTROPHES}, **{ord(mark): "-" for mark in HYPHENS[1:]}})
_ASCII_TABLE = {ord(mark): " " for mark in APOSTROPHES if mark.isascii()}


def fold(text: str) -> str:
    """Lowercase, no accents, ligatures spelt out; apostrophes become spaces, hyphens "-".

    ``fold("L’Œuvre d'Émile")`` is ``"l oeuvre d emile"``.
    """
    text = str(text)
    if text.isascii():
        return text.lower().translate(_ASCII_TABLE)
    return unicodedata.normalize("NFKD", text).casefold().translate(_FOLD)


@functools.cache  # every list page sorts the same titles again
def sort_key(text: str) -> str:
    """French alphabetical order: accents, case and ligatures do not count."""
    return fold(text)


def _ascii_words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def slug(title: str, max_length: int = 80) -> str:
    """An id from a title: ``Atelier « Parents » à Bron`` -> ``atelier-parents-a-bron``.

    Cut at a word boundary when longer than ``max_length``. Mirrored by ``slug()`` in
    docs/assets/javascripts/proposer.js (tested to agree).
    """
    text = _ascii_words(title)
    if len(text) > max_length:
        text = text[:max_length + 1]
        text = text[:text.rfind("-")] if "-" in text else text[:max_length]
    return text.strip("-")


def anchor(term: str) -> str:
    """A stable fragment id for a term: "Pair-aidance" -> "pair-aidance"."""
    return _ascii_words(term) or "terme"


def numeric_date(day: datetime.date) -> str:
    """A date as French readers write it in figures: ``2026-03-12`` -> « 12/03/2026 »."""
    return day.strftime("%d/%m/%Y")


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def month_year(day: datetime.date) -> str:
    """``2026-03-12`` -> « mars 2026 »: a retour is dated to the month."""
    return f"{MONTHS[day.month - 1]} {day.year}"
