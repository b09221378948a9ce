"""Check that a record's easy-to-read (FALC) text follows the FALC rules it claims to follow.

The rules checked here are the ones a machine can see (the European « Information pour tous »
rules that ``data/fiches/ecrire-en-falc.yml`` teaches): short sentences, every abbreviation
explained in the same text, no passive that hides who acts, numbers in digits. What only a reader
can judge (common words, one idea per sentence) is left to the review by people concerned,
recorded in ``falc_relu_par`` / ``falc_relu_le``.

:func:`problems_in` reads a Markdown text and returns (offset, message) pairs; :func:`check` turns
them into :class:`~core.problems.Problem` with the line inside the YAML file. Heuristics are tuned
so that the shipped texts and ordinary sentences (« Vous êtes seul. ») pass: see
``tests/test_falc_check.py``.
"""

from __future__ import annotations

import re

from . import reader
from .personal_data import FULL_NAME_RE
from .problems import Problem
from .text import numeric_date

FIELD = "falc"
MAX_WORDS = 15

# --- sentences ------------------------------------------------------------------------------

# A block line: a heading, a list item or a paragraph line; the marker is not part of the sentence.
_MARKER = re.compile(r"^[ ]{0,3}(?:#{1,6}[ ]+|[-*+][ ]+|\d{1,3}[.)][ ]+|>[ ]?)")
# A sentence ends with . ! ? or … followed by a blank or the end of the text (« 1.5 » stays whole).
_END = re.compile(r"[.!?…]+[»\"')\]]*(?=\s|$)")
# Markdown that is not words: emphasis marks, link targets, inline code fences.
_LINK = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]")


def sentences(text: str):
    """(offset, sentence) for each sentence: a heading or list item is one even without a full stop."""
    found = []
    paragraph: list[tuple[int, str]] = []  # the lines of the current paragraph, with their offsets

    def flush():
        if not paragraph:
            return
        joined = " ".join(line for _, line in paragraph)
        # Offsets in ``joined`` map back to the text: each line starts at its own offset.
        positions, cursor = [], 0
        for offset, line in paragraph:
            positions.append((cursor, offset))
            cursor += len(line) + 1
        begin = 0
        for end in [m.end() for m in _END.finditer(joined)] + [len(joined)]:
            piece = joined[begin:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                at = begin + lead
                base = max((c, o) for c, o in positions if c <= at)
                found.append((base[1] + at - base[0], piece.strip()))
            begin = end
        paragraph.clear()

    offset = 0
    for raw in text.split("\n"):
        marker = _MARKER.match(raw)
        content = raw[marker.end():] if marker else raw
        where = offset + (marker.end() if marker else 0)
        if not raw.strip():
            flush()
        elif marker and not raw.lstrip().startswith(">"):
            # A heading or a list item starts a sentence of its own.
            flush()
            paragraph.append((where, content))
            if raw.lstrip().startswith("#"):
                flush()
        else:
            paragraph.append((where, content))
        offset += len(raw) + 1
    flush()
    return found


def words(sentence: str) -> list[str]:
    """The words of a sentence: blanks separate words, so « l'équipe » and « c'est-à-dire » are one."""
    plain = _LINK.sub("]", sentence)
    return [token for token in plain.split() if _WORD.search(token)]


# --- abbreviations -----------------------------------------------------------------------------

# Two capitals or more, possibly with digits (« CV », « RSA », « CCAS », « FALC »): a whole word
# (« XXIe siècle » is not one: a letter follows).
_ABBREVIATION = re.compile(r"(?<![\w-])([A-ZÀ-Ý][A-ZÀ-Ý0-9]+)(?![\w-])")


def _explained(text: str, abbreviation: str) -> bool:
    """« RSA veut dire … », « RSA signifie … », « le RSA (revenu de solidarité active) » or « … (RSA) »."""
    a = re.escape(abbreviation)
    patterns = (
        rf"(?<![\w-]){a}\s+(?:veut\s+dire|signifie|est\s+le\s+nom\s+court\s+de)\s+\S",
        rf"(?<![\w-]){a}\s*\(\s*[^()]*\w+\s+\w+[^()]*\)",  # the abbreviation, then its words in brackets
        rf"\w+\s+\w+[^()\n]*\(\s*{a}\s*\)",  # the words, then the abbreviation in brackets
        rf"(?<![\w-]){a}\s*:\s*c'est\s+\S",
    )
    return any(re.search(p, text) for p in patterns)


# --- passive voice -----------------------------------------------------------------------------

_ETRE = {"suis", "es", "est", "sommes", "êtes", "sont", "étais", "était", "étions", "étiez", "étaient",
         "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait", "serions", "seriez",
         "seraient", "sois", "soit", "soyons", "soyez", "soient", "être", "été", "fut", "furent"}
# Words that may sit between « être » and the participle: « n'est pas payé », « sont toujours invités ».
_BETWEEN = {"pas", "plus", "jamais", "toujours", "souvent", "parfois", "aussi", "déjà", "bien", "mal", "très",
            "tous", "toutes", "tout", "vite", "rien", "encore", "seulement"}
# Past participles used with « être » in the active (passé composé of verbs of movement and state).
_ACTIVE_WITH_ETRE = re.compile(
    r"^(?:(?:re|de|inter|par|con|sur|sou)?venu|allé|arrivé|parti|resté|né|mort|tombé|(?:r)?entré|sorti|monté|"
    r"descendu|retourné|passé|devenu|apparu)(?:e|s|es)?$")
# Adjectives that end like participles and say how someone is, not what someone did to them.
_ADJECTIVES = re.compile(
    r"^(?:obligé|âgé|fatigué|occupé|pressé|désolé|concerné|intéressé|handicapé|isolé|marié|divorcé|salarié|"
    r"retraité|informé|motivé|ouvert|prêt|seul|inquiet|content|sûr|libre)(?:e|s|es)?$")
_PARTICIPLE = re.compile(
    r"^[a-zàâçéèêëîïôûùüÿœ]{2,}(?:é|ée|és|ées|u|ue|us|ues|is|ise|ises|it|ite|its|ites|ert|erte|erts|ertes|"
    r"aint|ainte|eint|einte|oint|ointe)$")
_NOT_PARTICIPLE = {"longue", "longues", "fou", "floue", "plus", "tous", "sous", "vous", "nous", "ici", "aussi", "dessus",
                   "jus", "tissu", "petit", "petite", "petits", "petites", "huit", "nuit", "point", "conjoint", "conjointe", "gratuit",
                   "gratuite", "gratuits", "gratuites"}
_REFLEXIVE = {"se", "s'", "me", "m'", "te", "t'"}
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+'|[A-Za-zÀ-ÖØ-öø-ÿŒœ0-9-]+")


def _passive(sentence: str) -> str | None:
    """The « être + participle » words of a passive with no « par » agent after it, or None."""
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(sentence.replace("’", "'"))]
    for i, token in enumerate(tokens):
        if token not in _ETRE:
            continue
        before = tokens[i - 1] if i else ""
        if before in _REFLEXIVE or (i >= 2 and before in {"nous", "vous"} and tokens[i - 2] == before):
            continue  # a pronominal verb: « ils se sont réunis », « vous vous êtes inscrits »
        j = i + 1
        while j < len(tokens) and tokens[j] in _BETWEEN:
            j += 1
        if j >= len(tokens):
            continue
        word = tokens[j]
        if word in _NOT_PARTICIPLE:
            continue
        if not _PARTICIPLE.match(word) or _ACTIVE_WITH_ETRE.match(word) or _ADJECTIVES.match(word):
            continue
        if token == "été" and before not in _ETRE and before not in {"a", "ont", "avez", "avons", "as", "ai",
                                                                       "avait", "aura", "auront"}:
            continue  # « l'été » is a season
        if "par" in tokens[j + 1:]:
            continue  # the agent is named: « Vos frais sont payés par la Métropole. »
        return f"{tokens[i]} {word}"
    return None


# --- numbers ----------------------------------------------------------------------------------

_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
            "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
            "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
            "cent": 100, "cents": 100, "mille": 1000}
_NUMBER_WORD = re.compile(r"(?<![\w'’-])((?:[A-Za-zéèà]+-)*(?:" + "|".join(_NUMBERS) + r")(?:-[A-Za-zéèà]+)*)"
                          r"(?![\w'’-])(\s+\w+)?", re.I)


def _number_words(sentence: str):
    for m in _NUMBER_WORD.finditer(sentence):
        word = m.group(1)
        parts = word.lower().split("-")
        if not all(p in _NUMBERS or p in {"et", "un", "une"} for p in parts):
            continue  # « dix-huit » is a number; « quatre-quarts » or a hyphenated name is not
        following = (m.group(2) or "").strip().lower()
        # « neuf » is also « new »: a number only before a plural noun (« neuf personnes »).
        if parts == ["neuf"] and not re.search(r"[sx]$", following):
            continue
        yield m.start(1), word


def _digits(word: str) -> str:
    parts = [p for p in word.lower().split("-") if p not in {"et"}]
    if len(parts) == 1:
        return str(_NUMBERS[parts[0]])
    return "le nombre"


# --- the check ---------------------------------------------------------------------------------

def problems_in(text: str) -> list[tuple[int, str]]:
    """(offset in ``text``, French message) for each FALC rule a text breaks, in text order."""
    found = []
    for offset, sentence in sentences(text):
        count = len(words(sentence))
        if count > MAX_WORDS:
            found.append((offset, f"phrase trop longue ({count} mots, {MAX_WORDS} au plus) : coupez-la en deux "
                                  f"phrases plus courtes, une idée par phrase (« {_start(sentence)} »)"))
        passive = _passive(sentence)
        if passive:
            found.append((offset, f"« {passive} » ne dit pas qui agit : écrivez qui fait l'action, "
                                  f"par exemple « Les organisateurs paient vos frais. » plutôt que « Vos frais "
                                  f"sont payés. », ou ajoutez « par … » (« {_start(sentence)} »)"))
        for start, word in _number_words(sentence):
            found.append((offset + start, f"nombre écrit en lettres « {word} » : écrivez-le en chiffres "
                                           f"({_digits(word)}), c'est plus facile à lire"))
    seen = set()
    for m in _ABBREVIATION.finditer(text):
        abbreviation = m.group(1)
        if abbreviation in seen:
            continue
        seen.add(abbreviation)
        if not _explained(text, abbreviation):
            found.append((m.start(), f"sigle « {abbreviation} » sans explication dans ce texte : écrivez la "
                                     f"première fois « {abbreviation} veut dire … » ou « {abbreviation} (les mots en "
                                     f"entier) », ou n'utilisez pas ce sigle"))
    return sorted(found)


def _start(sentence: str, limit: int = 40) -> str:
    """The start of a sentence quoted in a message, cut between words."""
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def check(document: reader.Document, data: dict) -> list[Problem]:
    """Errors for each FALC rule the record's ``falc`` text breaks, on the line of the YAML file."""
    text = data.get(FIELD)
    found = check_reviewer(document, data)
    if text:
        found += [Problem(document.path, document.text_line((FIELD,), offset), FIELD, message)
                  for offset, message in problems_in(text)]
    return found


def check_reviewer(document: reader.Document, data: dict) -> list[Problem]:
    """``falc_relu_par`` names a group (« le comité de participation »), never a person (same test as a quote's author)."""
    reviewer = data.get("falc_relu_par")
    if reviewer and FULL_NAME_RE.match(reviewer):
        return [Problem(document.path, document.line(("falc_relu_par",)), "falc_relu_par",
                        f"« {reviewer} » ressemble au nom d'une personne : indiquez le groupe qui a relu "
                        "(« le comité de participation »), jamais une personne")]
    return []


# --- what the pages say about the review -------------------------------------------------------

GUIDE_URL = "contribuer/"
REVIEW_ANCHOR = "relecture-falc"
METHOD_FICHE = ("fiches", "ecrire-en-falc")  # the fiche that says the review is compulsory
NOT_REVIEWED = "Ce texte n'a pas encore été relu par des personnes concernées."


def reviewed(data: dict) -> str | None:
    """« Relu par <groupe> le <date>. », or None when no review is recorded."""
    if data.get("falc_relu_par") and data.get("falc_relu_le"):
        return f"Relu par {data['falc_relu_par']} le {numeric_date(data['falc_relu_le'])}."
    return None


def review_note(data: dict, here: str, method_url: str | None, easy: bool = False) -> str:
    """The review status of a FALC text, with an invitation to organise the review when there was none.

    ``easy`` words the invitation for the easy-to-read page (short sentences, the professional part
    said apart); ``method_url`` is the site URL of the fiche « Écrire en FALC » when the site has it.
    """
    # Imported here: the validation path (scripts/validate.py, the pre-commit hook) loads no Markdown library.
    from .markup import esc, rel_url

    done = reviewed(data)
    if done:
        return f'<p class="falc-review falc-review-done">{esc(done)}</p>'
    guide = esc(rel_url(here, GUIDE_URL) + "#" + REVIEW_ANCHOR)
    method = (f'avec la fiche <a href="{esc(rel_url(here, method_url))}">« Écrire en FALC »</a>, '
              if method_url else "")
    if easy:
        invitation = ("<p>Des personnes concernées doivent relire ce texte.</p>"
                      "<p>Vous voulez le relire ? Parlez-en à la personne qui vous accompagne.</p>"
                      f'<p class="falc-review-pro">Pour les professionnels : organisez cette relecture {method}'
                      f'puis indiquez le groupe qui a relu et la date (<a href="{guide}">guide de contribution</a>).</p>')
    else:
        invitation = (f"<p>Cette relecture est obligatoire : organisez-la {method}puis indiquez le groupe "
                      f'qui a relu et la date (<a href="{guide}">guide de contribution</a>).</p>')
    return (f'<div class="falc-review falc-review-todo" role="note"><p><strong>{esc(NOT_REVIEWED)}</strong></p>'
            f"{invitation}</div>")
