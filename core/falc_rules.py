"""The FALC rules a machine can see, on one Markdown text.

They are the European « Information pour tous » rules that ``data/fiches/ecrire-en-falc.yml``
teaches: short sentences, every abbreviation explained where it is first used, no passive that
hides who acts, numbers in digits, few negative sentences (at most :data:`MAX_NEGATIONS` per text),
no heading in capitals, and no obligation or guarantee word (« doit », « garanti », « promet »,
« obligatoire »…) that the full text of the same record does not state
(:func:`unsupported_commitments` says how the two are compared).

:func:`problems_in` reads a Markdown text and returns (offset, message) pairs; ``core/falc.py``
checks a record with them. Heuristics are tuned so that the shipped texts and ordinary sentences
(« Vous êtes seul. ») pass: see ``tests/test_falc_check.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_WORDS = 15
# Negative sentences are harder to understand (easy-to-read rules: « say it in the positive »); a few
# are needed (« Vous pouvez dire non. » is not one; « Vos aides ne changent pas. » is), so they are capped.
MAX_NEGATIONS = 2

# --- sentences ------------------------------------------------------------------------------

# A block line: a heading, a list item or a paragraph line; the marker is not part of the sentence.
_MARKER = re.compile(r"^[ ]{0,3}(?:#{1,6}[ ]+|[-*+][ ]+|\d{1,3}[.)][ ]+|>[ ]?)")
# A sentence ends with . ! ? or … followed by a blank or the end of the text (« 1.5 » stays whole).
_END = re.compile(r"[.!?…]+[»\"')\]]*(?=\s|$)")
# Markdown that is not words: emphasis marks, link targets, inline code fences.
_LINK = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence: a heading or list item is one even without a full stop."""
    found = []
    paragraph: list[tuple[int, str]] = []  # the lines of the current paragraph, with their offsets

    def flush() -> None:
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
    """« RSA veut dire … », « RSA signifie … », « le RSA (revenu de solidarité active) » or « … (RSA) ».

    ``text`` is the sentence where the abbreviation is first used: the explanation must be there,
    not further down, since a reader stops at the first unknown word.
    """
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


def _number_words(sentence: str) -> Iterator[tuple[int, str]]:
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



# --- negative sentences --------------------------------------------------------------------------

# A sentence is negative when it holds a negation word (« pas », « jamais », « rien », « aucun »), or
# « ne »/« n' » with « plus », « personne » or « ni » (alone, « plus » compares and « personne » is a
# noun). « non » is left out: « Vous pouvez dire non. » gives a choice, it denies nothing.
_NEGATION = {"pas", "jamais", "rien", "aucun", "aucune", "aucuns", "aucunes", "guère", "nullement"}
_NEGATION_WITH_NE = {"plus", "personne", "ni"}


def negative(sentence: str) -> bool:
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(sentence.replace("’", "'"))]
    if _NEGATION.intersection(tokens):
        return True
    return bool({"ne", "n'"}.intersection(tokens)) and bool(_NEGATION_WITH_NE.intersection(tokens))


# --- headings in capitals ----------------------------------------------------------------------

_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+(.*?)[ #]*$", re.M)
_LETTERS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]{2,}")


def in_capitals(heading: str) -> bool:
    """Two words or more, every one in capitals (« VOS DROITS »); one capital word is a sigle (« RSA »)."""
    found = _LETTERS.findall(heading)
    return len(found) >= 2 and all(word.isupper() for word in found)


# --- obligations and guarantees ------------------------------------------------------------------

# Each family: a name for the message, and the pattern of its words (conjugated, in any gender and
# number). An easy-to-read text may use one only where the full text says the same thing.
COMMITMENTS = {
    "devoir": re.compile(r"^(?:doi[st]|doiven[t]|dev(?:ez|ons|oir|ra|ras|rez|rons|ront|rai[st]?|raient|rions|riez)"
                         r"|dû|dûs|due|dues)$"),
    "garantir": re.compile(r"^garanti(?:e|s|es|t|r|ssent|ssons|ssez|ra|ront)?$"),
    "promettre": re.compile(r"^prom(?:et|ets|ettent|ettre|ettons|ettez|is|ise|ises|esse|esses|ettra|ettront)$"),
    "obliger": re.compile(r"^oblig(?:atoire|atoires|ation|ations|er|e|es|ent|é|ée|és|ées|eons|ez)$"),
}
# Words too common to tie two sentences to the same obligation.
_COMMON = {"vous", "votre", "vos", "nous", "notre", "leur", "leurs", "elle", "elles", "ils", "avec", "pour", "dans",
           "cette", "comme", "aussi", "faire", "être", "avoir", "dire", "aller", "venir", "pouvoir", "peut", "peuvent",
           "tout", "tous", "toute", "toutes", "chaque", "personne", "personnes", "concerné", "concernée", "concernés",
           "concernées", "jamais", "rien", "aucun", "aucune", "peut-être", "toujours", "bien", "très", "plus", "sans"}
_STEM = 4  # « payer » and « payés » share « paye »: words are compared by their first letters
_WINDOW = 3  # content words after the commitment word: what is owed, promised or guaranteed


def _fold(word: str) -> str:
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def commitment(token: str) -> str | None:
    """The family (« devoir », « garantir »…) a lower-case word belongs to, or None."""
    for family, pattern in COMMITMENTS.items():
        if pattern.match(token):
            return family
    return None


def _commitments(sentence: str) -> list[tuple[int, str, str, set[str]]]:
    """(offset, word, family, object) of each commitment word of a sentence.

    The object is what is owed, promised or guaranteed: the stems of the first content words after
    the word (« doivent aussi payer vos frais » -> « payer », « frais »), or before it when it ends
    the sentence (« Cette relecture est obligatoire » -> « relecture »).
    """
    matches = list(_TOKEN.finditer(sentence.replace("’", "'")))
    stems = [_fold(m.group(0))[:_STEM] if len(m.group(0)) >= 4 and m.group(0).lower() not in _COMMON
             and not m.group(0).endswith("'") and commitment(m.group(0).lower()) is None else None
             for m in matches]
    found = []
    for i, m in enumerate(matches):
        family = commitment(m.group(0).lower())
        if family:
            after = [stem for stem in stems[i + 1:] if stem][:_WINDOW]
            before = [stem for stem in stems[:i] if stem][-_WINDOW:]
            found.append((m.start(), m.group(0), family, set(after or before)))
    return found


def unsupported_commitments(text: str, full: str) -> list[tuple[int, str, str]]:
    """(offset, word, family) of each obligation or guarantee word the full text does not state.

    How the two texts are compared: each commitment word (« doivent » is of the family « devoir »,
    « garantissent » of « garantir ») has an object, the first 3 content words after it (or before
    it when it ends the sentence); a content word has 4 letters or more, is not a pronoun nor as
    common as « personnes » or « faire », and is compared by its first 4 letters without accents
    (« payer » meets « payés »). The word is accepted when one sentence of the full text
    holds a word of the same family whose object shares a content word with it: « Les organisateurs
    doivent payer vos frais » needs « … doivent … payer … » or « … doivent rembourser les frais … »
    in the full text, and « les organisateurs doivent vérifier … » is not enough. It cannot tell
    « doivent payer » from « ne doivent pas payer »: the reviewers still read both versions.
    """
    stated: dict[str, list[set[str]]] = {}
    for _, sentence in sentences(full):
        for _, _, family, thing in _commitments(sentence):
            stated.setdefault(family, []).append(thing)
    return [(offset + start, word, family)
            for offset, sentence in sentences(text)
            for start, word, family, thing in _commitments(sentence)
            if not any(thing & other for other in stated.get(family, []))]


# --- every rule on one text ---------------------------------------------------------------------

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
    negatives = [(offset, sentence) for offset, sentence in sentences(text) if negative(sentence)]
    for rank, (offset, sentence) in enumerate(negatives[MAX_NEGATIONS:], MAX_NEGATIONS + 1):
        found.append((offset, f"phrase négative n° {rank} de ce texte ({len(negatives)} en tout, {MAX_NEGATIONS} au "
                              f"plus) : dites-le en positif, par exemple « Vous êtes libre de répondre. » plutôt que "
                              f"« Vous n'êtes pas obligé de répondre. » (« {_start(sentence)} »)"))
    for m in _HEADING.finditer(text):
        if in_capitals(m.group(1)):
            found.append((m.start(1), f"titre en capitales « {_start(m.group(1))} » : les capitales se lisent mal, "
                                      f"écrivez-le en minuscules avec une majuscule au début"))
    found += _abbreviations(text)
    return sorted(found)


def _abbreviations(text: str) -> list[tuple[int, str]]:
    """Each sigle explained in the sentence where it is first used (« RSA veut dire … », « … (RSA) »)."""
    found, seen = [], set()
    spans = sentences(text)
    # A heading in capitals is refused as such: its words are not sigles to explain.
    shouting = [m.span(1) for m in _HEADING.finditer(text) if in_capitals(m.group(1))]
    for m in _ABBREVIATION.finditer(text):
        abbreviation = m.group(1)
        if abbreviation in seen or any(a <= m.start() < b for a, b in shouting):
            continue
        seen.add(abbreviation)
        first = next((s for o, s in reversed(spans) if o <= m.start()), text)
        if _explained(first, abbreviation):
            continue
        if _explained(text, abbreviation):
            found.append((m.start(), f"sigle « {abbreviation} » expliqué plus loin seulement : expliquez-le dès sa "
                                     f"première utilisation (« {abbreviation} veut dire … » dans la même phrase, ou "
                                     f"« … ({abbreviation}) »)"))
        else:
            found.append((m.start(), f"sigle « {abbreviation} » sans explication dans ce texte : écrivez la "
                                     f"première fois « {abbreviation} veut dire … » ou « {abbreviation} (les mots en "
                                     f"entier) », ou n'utilisez pas ce sigle"))
    return found


def _start(sentence: str, limit: int = 40) -> str:
    """The start of a sentence quoted in a message, cut between words."""
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


