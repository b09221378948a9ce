"""French typography, applied when text is shown (pages, PDFs, search results), never stored.

Contributors type ordinary spaces; the reader gets French spacing:

- a narrow no-break space (U+202F) before ``;`` ``!`` ``?``, a no-break space (U+00A0) before
  ``:``: the sign never starts a line. A missing space before ``;`` ``!`` ``?`` is added after a
  letter (``Pourquoi?``), not before ``:`` (``clé: valeur`` is often a quotation of YAML);
- a no-break space inside guillemets: ``« mot »``;
- a narrow no-break space between the groups of a number written with spaces: ``131 223``.

Left alone: URLs (``https://…?q=1``, ``mailto:``, ``www.``), HTML entities, times and ratios
(``14:30``, ``1:2``: no space, nothing to do), a sign followed by a word (``?q=``, ``!important``),
emoticons (``:)``), and in HTML every ``code``, ``pre``, ``kbd``, ``samp``, ``script``, ``style``,
``textarea``. Every function is idempotent. The browser twin (``typo()`` in
``docs/assets/javascripts/centre.js``) applies the same rules to text that scripts write; a
browser test runs both on the same samples.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

NBSP = "\u00a0"
NNBSP = "\u202f"

# The rules are written in the regular-expression syntax both Python and JavaScript read the same
# way (the browser twin in centre.js copies them): explicit character classes, no \w nor \d.
_SPACE = r"[ \t\r\n\u00a0\u202f]"
_LETTER = r"[^\W\d_]"  # JavaScript: \p{L}
# Protected runs: URLs and HTML entities (``&amp;`` ends with ";", which is no punctuation).
_PROTECTED = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>\"]+|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
# Quick test: does a piece of text hold anything this module changes?
_TRIGGER = re.compile(r"[;:!?«»]|[0-9][ \u00a0][0-9]")
# A sign that ends a word: then comes the end, a space, closing punctuation or another sign ("?q=" is no sign).
_SIGN_END = r"(?=$|[\s.,)\]»…;:!?])"
_EMOTICON = r"(?![:;]-?[()DPp](?![a-zA-Z0-9]))"  # ":)", ";-)" keep their space
_AFTER_WORD = rf"(?<={_LETTER}|[»)\]])"

_RULES = [
    # Spaces before ; ! ? become one narrow no-break space, before ":" one no-break space. A missing
    # space is added before ; ! ? that end a word ("Pourquoi?", not "page?q=1"); not before ":",
    # which has too many other uses without a space ("14:30", "1:2", "consentement: true").
    (re.compile(rf"(?<![\s«]){_SPACE}+{_EMOTICON}(?=[;!?])"), NNBSP),
    (re.compile(rf"{_AFTER_WORD}{_EMOTICON}(?=[;!?]+{_SIGN_END})"), NNBSP),
    (re.compile(rf"(?<![\s«]){_SPACE}+{_EMOTICON}(?=:)"), NBSP),
    # Inside guillemets.
    (re.compile(rf"«{_SPACE}*(?=\S)|«{_SPACE}+"), "«" + NBSP),
    (re.compile(rf"(?<=\S){_SPACE}*»|{_SPACE}+»"), NBSP + "»"),
]
# A number written in groups of three: "131 223", "2 000 000" (not "2024 125", not "04 78").
_NUMBER = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])")


def _group(match: re.Match) -> str:
    return re.sub(r"[ \u00a0]", NNBSP, match.group())


# The same runs come back on every page (menu, header, footer, labels): a pure function, memoised
# (issue 16: a fifth of the typography pass at 2,000 records).
@functools.lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    if " " in text or NBSP in text:
        text = _NUMBER.sub(_group, text)
    return text


def text(value: str) -> str:
    """French spacing in a plain text (not HTML): ``"Pourquoi ?"`` -> ``"Pourquoi\\u202f?"``."""
    value = str(value)
    if not _TRIGGER.search(value):
        return value
    if not _PROTECTED.search(value):
        return _plain(value)
    out, last = [], 0
    for match in _PROTECTED.finditer(value):
        out.append(_plain(value[last:match.start()]) if match.start() > last else "")
        out.append(match.group())
        last = match.end()
    out.append(_plain(value[last:]))
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------------
#
# A page is not parsed: regular expressions find, in C, the few text runs (between ">" and "<")
# and human attributes that hold a sign or a grouped number, and only those reach Python.
# Measured (2,000 synthetic records, 2,077 pages, 78 MB of HTML): 2.5 s of CPU, 1.2 ms a page,
# 32 ns a character, the largest page (a catalogue, 1.7 MB) 0.1 s; about 8 % of the build. A
# tokenizer that handed every tag and text node to Python cost 2.5 times as much.

# Content left alone: comments, raw text (script, style, textarea), preformatted and code-like text.
# (Lowercase tag names, as every template and Markdown write them; contributed HTML is escaped.)
_SKIP = re.compile(r"<!--.*?-->|<(script|style|textarea|pre|code|kbd|samp)\b[^>]*>.*?</\1\s*>", re.S)
_RUN = re.compile(r">([^<]*?(?:[;:!?«»]|[0-9][ \u00a0\u202f][0-9])[^<]*)")
# Attributes a person reads (tooltips, screen readers, placeholders, image descriptions), and the
# page description.
# (Lowercase names after one space, as every template writes them: 7 times faster than \s and re.I.)
_ATTRIBUTE = re.compile(r""" (?:alt|title|aria-(?:label|description)|placeholder)=("[^"<]*"|'[^'<]*')""")
_META_DESCRIPTION = re.compile(r"""<meta\s+name=["']description["']\s+content=("[^"]*"|'[^']*')""", re.I)
_LEADING_SIGN = re.compile(rf"^{_EMOTICON}[;:!?]")
_LEADING_WORD_END = re.compile(rf"^[;!?]+{_SIGN_END}")
_ENDS_WORD = re.compile(rf"(?:{_LETTER}|[»)\]])$")
_TRAILING_SPACE = re.compile(rf"{_SPACE}+$")


def html(document: str) -> str:
    """French spacing in the text a person reads of an HTML page or fragment (text and human attributes).

    A sign that starts a text run is spaced against the run before it (``<b>mot</b> :``,
    ``<b>mot</b>?``), so inline markup does not hide a break opportunity.
    """
    skipped = [(m.start(), m.end()) for m in _SKIP.finditer(document)]
    starts = [start for start, _ in skipped]

    def left_alone(position: int) -> bool:
        index = bisect.bisect_right(starts, position) - 1
        return index >= 0 and skipped[index][1] > position

    edits: dict[int, tuple[int, str]] = {}  # start -> (end, new text)
    for match in _RUN.finditer(document):
        start, end = match.span(1)
        if left_alone(start):
            continue
        value = match.group(1)
        if _LEADING_SIGN.match(value):
            value = _space_after_previous_run(document, start, value, edits, left_alone)
        edits[start] = (end, text(value))
    for pattern in (_ATTRIBUTE, _META_DESCRIPTION):
        for match in pattern.finditer(document):
            start, end = match.span(1)
            if _TRIGGER.search(document, start, end) and not left_alone(start):
                edits[start + 1] = (end - 1, text(document[start + 1:end - 1]))
    if not edits:
        return document
    out: list[str] = []
    position = 0
    for start in sorted(edits):
        end, value = edits[start]
        out += (document[position:start], value)
        position = end
    out.append(document[position:])
    return "".join(out)


def _space_after_previous_run(document: str, start: int, value: str, edits: dict[int, tuple[int, str]],
                              left_alone: Callable[[int], bool]) -> str:
    """The run at ``start`` begins with a sign: take the space from the end of the run before."""
    tag = document.rfind("<", 0, start)
    if tag < 0 or left_alone(tag):
        return value
    previous = document.rfind(">", 0, tag) + 1
    if previous <= 0 or left_alone(previous):
        return value
    before = edits.get(previous, (tag, document[previous:tag]))[1]
    stripped = _TRAILING_SPACE.sub("", before)
    if stripped == before and not (_ENDS_WORD.search(before) and _LEADING_WORD_END.match(value)):
        return value
    edits[previous] = (tag, stripped)
    return (NBSP if value.startswith(":") else NNBSP) + value
