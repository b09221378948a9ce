"""Spot personal data of the people concerned before a record is published (RGPD).

The site sits on an intranet next to people's files: a phone number, a private
e-mail, a social security number, a date of birth or a home address copied into
a record must stop the build. Each finding is an error; a reviewer who checked
that a value is not personal (a service's switchboard, an association founded
"le 3 mars 1995") lists it in the record's ``rgpd_verifie`` field with a reason.
Quotes without consent are refused by the schema (``temoignages[].consentement``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import reader
from .problems import WARNING, DataError, Problem, show
from .schema import Context, Field, Invalid, ListOf, Obj, Text

CONFIG_FILE = "config-rgpd.yml"
ACK_FIELD = "rgpd_verifie"
HINT = " (si ce n'est pas une donnée personnelle : voir « rgpd_verifie » dans le guide)"

CONFIG = Obj({
    "domaines_institutionnels": Field(ListOf(Text(3, 100), max=500), True, "Domaines institutionnels",
                                      "Domaines d'adresses électroniques institutionnelles (sous-domaines compris)."),
}, noun="configuration")

# French numbers: 0X XX XX XX XX, +33 X XX XX XX XX, 0033 (0)X..., with spaces, dots or dashes.
PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)([1-9])(?:[\s.\-]?\d{2}){4}(?![\w])")
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
# NIR: sex, year, month, department (2A/2B for Corsica), commune, order, key; spaces or dots allowed.
NIR_RE = re.compile(r"(?<![\w])([1-478])[\s.]?(\d{2})[\s.]?(\d{2})[\s.]?(\d{2}|2[AaBb])[\s.]?(\d{3})[\s.]?(\d{3})"
                    r"[\s.]?(\d{2})(?![\w])")
_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_DAY_DATE = rf"\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{1,2}}(?:er)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
BIRTH_RE = re.compile(
    rf"\b(?:née?s?|né\(e\)s?)\s+(?:le\s+)?(?:{_DAY_DATE})"
    rf"|\b(?:date\s+de\s+naissance|DDN)\s*:?\s*(?:le\s+)?(?:{_DAY_DATE}|\d{{4}})", re.I)
ADDRESS_RE = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|allee|impasse|quai|cours|"
    r"route|square|passage|montée|montee|résidence|residence|cité|cite|lotissement)\s+[^\s,.;:!?]+"
    r"(?:\s+(?:de\s+la|de\s+l'|du|des|de|d'|la|le)?\s*[A-ZÀ-Ý][^\s,.;:!?]*)?", re.I)
# Words that put a person next to an address: civility, where someone lives, one person designated.
PERSON_RE = re.compile(
    r"(?:\bM\.\s|\bMmes?\b|\bMlle\b)"
    r"|(?i:\b(?:madame|monsieur|habite|habitent|habitait|habitaient|domicile|domiciliée?s?|demeurant|vit|vivent|"
    r"vivait|réside|résident|résidant|résidente|hébergée?s?|logée?s?|chez)\b)"
    r"|(?i:\b(?:une?|la|le|cette|ce)\s+(?:habitante?|famille|mère|père|maman|papa|personne|jeune|enfant|bénéficiaire|"
    r"allocataire|usagère|usager|locataire|résidente?)\b)")
_DIGIT_OR_AT = re.compile(r"[0-9@]")
NEAR = 100  # characters between an address and a person word, in the same paragraph
FULL_NAME_RE = re.compile(r"^(?:(?:M\.|Mme|Mlle|Madame|Monsieur)\s+\S+.*"
                          r"|[A-ZÀ-Ý][a-zà-ÿ\-]+(?:\s+[A-ZÀ-Ý](?:[a-zà-ÿ\-]+|\.))+)$")

CIVILITY_RE = re.compile(r"^(?:M\.|Mmes?|Mlle|Madame|Monsieur)\s", re.I)


def normalize(value: str) -> str:
    """Compare flagged and acknowledged values without spaces, dots, dashes or case."""
    return re.sub(r"[\s.\-()]", "", value).casefold()


def nir_key_ok(match: re.Match) -> bool:
    """The two-digit key of a NIR is 97 minus the 13 digits modulo 97 (2A counts as 19, 2B as 18)."""
    sex, year, month, dept, commune, order, key = match.groups()
    dept = {"2A": "19", "2B": "18"}.get(dept.upper(), dept)
    return int(key) == 97 - int(sex + year + month + dept + commune + order) % 97


def _institutional(domain: str, domains: Iterable[str]) -> bool:
    domain = domain.casefold()
    return any(domain == d or domain.endswith("." + d) for d in domains)


def scan(text: str, domains: Iterable[str] = ()) -> list[tuple[int, str, str]]:
    """Personal data found in ``text``: (offset, matched text, French message), in text order."""
    found: list[tuple[int, str, str]] = []
    # Most texts hold no digit and no "@": skip the patterns that cannot match (10,000 records).
    if not _DIGIT_OR_AT.search(text):
        return found
    nirs = [m for m in NIR_RE.finditer(text) if nir_key_ok(m)]
    for m in nirs:
        found.append((m.start(), m.group(0), f"numéro de sécurité sociale « {m.group(0)} » : retirez-le"))
    for m in PHONE_RE.finditer(text):
        if m.group(1) == "8" or any(n.start() <= m.start() < n.end() for n in nirs):
            continue  # 08 numbers are services (numéros verts, spéciaux), never a person's line
        found.append((m.start(), m.group(0), f"numéro de téléphone « {m.group(0)} » : pas de coordonnées personnelles"))
    for m in EMAIL_RE.finditer(text):
        if not _institutional(m.group(1), domains):
            found.append((m.start(), m.group(0), f"adresse électronique « {m.group(0)} » hors des domaines "
                          f"institutionnels (data/{CONFIG_FILE}) : pas d'adresse personnelle"))
    for m in BIRTH_RE.finditer(text):
        found.append((m.start(), m.group(0), f"date de naissance « {show(m.group(0))} » : retirez-la"))
    for m in ADDRESS_RE.finditer(text):
        start = max(text.rfind("\n\n", max(0, m.start() - NEAR), m.start()), m.start() - NEAR, 0)
        end = min(x for x in (text.find("\n\n", m.end(), m.end() + NEAR), m.end() + NEAR, len(text)) if x >= 0)
        person = PERSON_RE.search(text, start, end)
        if person:
            found.append((m.start(), m.group(0), f"adresse « {show(m.group(0))} » à côté d'une personne "
                          f"(« {person.group(0).strip()} ») : pas d'adresse personnelle"))
    return sorted(found)


def _strings(value: object, keypath: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield keypath, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if keypath or key != ACK_FIELD:
                yield from _strings(child, keypath + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, keypath + (index,))


def check(document: reader.Document, data: dict, domains: Iterable[str] = ()) -> list[Problem]:
    """Errors for each personal datum of a checked record; warnings for acknowledgements that match nothing."""
    acknowledged = {normalize(a["valeur"]): i for i, a in enumerate(data.get(ACK_FIELD, []))}
    used, problems = set(), []
    for keypath, text in _strings(data):
        findings = list(scan(text, domains))
        if keypath[-1:] == ("auteur",) and keypath[:1] == ("temoignages",) and FULL_NAME_RE.match(text):
            findings.append((0, text, f"« {show(text)} » ressemble au nom d'une personne : signez d'un rôle "
                                      "(« une habitante »)"))
        # A retour's structure is a service or an association (core/schema RETOUR), never a person.
        if keypath == ("structure",) and CIVILITY_RE.match(text):
            findings.append((0, text, f"« {show(text)} » désigne une personne : indiquez le service ou "
                                      "l'association qui a mené l'action"))
        for offset, value, message in findings:
            if normalize(value) in acknowledged:
                used.add(normalize(value))
                continue
            problems.append(Problem(document.path, document.text_line(keypath, offset),
                                    reader.display_key(keypath), message + HINT))
    for value, index in acknowledged.items():
        if value not in used:
            keypath = (ACK_FIELD, index, "valeur")
            problems.append(Problem(document.path, document.line(keypath), reader.display_key(keypath),
                                    "cette valeur n'est plus signalée dans la fiche : retirez la ligne", WARNING))
    return problems


def load_domains(root: Path, problems: list) -> list[str]:
    """Institutional e-mail domains from ``data/config-rgpd.yml`` (none when the file is absent)."""
    path = Path(root) / "data" / CONFIG_FILE
    if not path.is_file():
        return []
    try:
        document = reader.read(path, Path(root))
    except DataError as error:
        problems.extend(error.problems)
        return []
    ctx = Context(document)
    try:
        config = CONFIG.check(document.value, (), ctx)
    except Invalid:
        config = None
    problems.extend(ctx.problems)
    if config is None:
        return []
    domains = [d.casefold().lstrip("@.") for d in config["domaines_institutionnels"]]
    for index, domain in enumerate(domains):
        if not re.fullmatch(r"[a-z0-9\-]+(\.[a-z0-9\-]+)+", domain):
            keypath = ("domaines_institutionnels", index)
            problems.append(Problem(document.path, document.line(keypath), reader.display_key(keypath),
                                    f"« {show(domain)} » n'est pas un nom de domaine (ex. grandlyon.com)"))
    return domains


# --- The same rules in the browser ------------------------------------------------------------------
# The « Proposer » forms run these very patterns (docs/assets/javascripts/donnees-personnelles.js),
# shipped as data in the form's JSON: one source, like the search stemmer. Python's syntax is
# rewritten to JavaScript's with its Unicode meaning kept (``\w``, ``\d``, ``\b``, ``\s`` are Unicode
# in Python, ASCII or narrower in JavaScript); tests/test_personal_data_browser.py checks that both
# find the same values over the whole hostile corpus.
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\s\x1c-\x1f"
_JS_ESCAPES = {"w": (f"[{_WORD}]", _WORD), "W": (f"[^{_WORD}]", None), "d": (r"\p{Nd}", r"\p{Nd}"),
               "s": (f"[{_SPACE}]", _SPACE), "S": (f"[^{_SPACE}]", None),
               "b": (f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))", None)}


def js_pattern(pattern: re.Pattern) -> dict:
    """``{"source", "flags"}`` of a JavaScript RegExp (flag ``u``) matching what ``pattern`` matches."""
    source, out, in_class, i = pattern.pattern, [], False, 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escaped = source[i + 1]
            if escaped in _JS_ESCAPES:
                outside, inside = _JS_ESCAPES[escaped]
                replacement = inside if in_class else outside
                if replacement is None:
                    raise ValueError(f"\\{escaped} inside a class has no JavaScript translation: {source}")
                out.append(replacement)
            else:
                out.append(source[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "/":
            char = "\\/"
        out.append(char)
        i += 1
    return {"source": "".join(out), "flags": "u" + ("i" if pattern.flags & re.I else "")}


def browser_rules(domains: Iterable[str] = ()) -> dict:
    """What the forms need to find personal data as the Python check does (form_data)."""
    patterns = {"phone": PHONE_RE, "email": EMAIL_RE, "nir": NIR_RE, "birth": BIRTH_RE, "address": ADDRESS_RE,
                "person": PERSON_RE, "digitOrAt": _DIGIT_OR_AT, "fullName": FULL_NAME_RE, "civility": CIVILITY_RE}
    return {"patterns": {name: js_pattern(pattern) for name, pattern in patterns.items()},
            "near": NEAR, "domains": sorted(domains), "ack": ACK_FIELD}
