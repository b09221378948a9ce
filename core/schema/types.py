"""The types of the schema: each checks a value (French messages) and says its JSON Schema."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import WARNING, Problem, show, suggest
from ..reader import Document, display_key, is_date

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX = 80


def _kind(value: object) -> str:
    if value is None:
        return "vide"
    if isinstance(value, bool):
        return "oui/non"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "une date"
    return type(value).__name__


# Python-Markdown recurses once per nesting level and scans "[" in quadratic time: beyond these
# limits a single field overflows the stack or takes minutes to render (checked by the schema).
MAX_NESTING = 6
MAX_INDENT = 24
MAX_BRACKETS = 300
_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[*+\-]|\d{1,9}[.)])(?=[ \t]|$)))+")


def markdown_problem(text: str) -> str | None:
    """Why a Markdown text cannot be rendered safely, in French, or None."""
    if text.count("[") > MAX_BRACKETS:
        return (f"trop de crochets « [ » ({text.count('[')}, maximum {MAX_BRACKETS}) : "
                "ce texte ne peut pas être mis en page")
    for line in text.split("\n"):
        markers = _MARKERS.match(line)
        nesting = len(re.findall(r"[>*+\-]|\d{1,9}[.)]", markers.group(0))) if markers else 0
        indent = len(line) - len(line.lstrip(" \t"))
        if nesting > MAX_NESTING or indent > MAX_INDENT:
            return (f"mise en forme trop imbriquée (plus de {MAX_NESTING} niveaux de listes ou de citations, "
                    f"ou un retrait de plus de {MAX_INDENT} espaces) : simplifiez-la")
    return None


class Context:
    """What a check needs to know about the rest of the corpus, and where it writes problems."""

    def __init__(self, document: Document, vocabularies: dict | None = None, ids: dict | None = None,
                 today: datetime.date | None = None, docs_dir: Path | None = None) -> None:
        self.document = document
        self.vocabularies = vocabularies or {}
        self.ids = ids or {}
        self.today = today or datetime.date.today()
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []

    def error(self, keypath: tuple, message: str, level: str = "erreur") -> None:
        self.problems.append(Problem(self.document.path, self.document.line(keypath),
                                     display_key(keypath), message, level))

    def warn(self, keypath: tuple, message: str) -> None:
        self.error(keypath, message, WARNING)


class Invalid(Exception):
    """A value is unusable; its problem is already recorded."""


# --- types -----------------------------------------------------------------

class Type:
    @property
    def doc(self) -> str:
        """What a value of this type is, for the data reference (docs-dev/format.md)."""
        return ""

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


@dataclass
class Text(Type):
    min: int = 1
    max: int = 1000
    markdown: bool = False

    @property
    def doc(self) -> str:
        kind = "texte Markdown" if self.markdown else "texte"
        return f"{kind} ({self.min} à {self.max} caractères)" if self.min > 1 else f"{kind} (au plus {self.max} caractères)"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not self.markdown:
            value = str(value)
        if not isinstance(value, str):
            ctx.error(keypath, f"doit être un texte, pas {_kind(value)}")
            raise Invalid
        value = value.strip()
        if len(value) < self.min:
            ctx.error(keypath, f"trop court ({len(value)} caractère{'s' if len(value) > 1 else ''}, minimum {self.min})")
            raise Invalid
        if len(value) > self.max:
            ctx.error(keypath, f"trop long ({len(value)} caractères, maximum {self.max})")
            raise Invalid
        problem = markdown_problem(value) if self.markdown else None
        if problem:
            ctx.error(keypath, problem)
            raise Invalid
        return value

    def json_schema(self) -> dict:
        schema = {"type": "string", "minLength": self.min, "maxLength": self.max}
        if self.min > 0:
            schema["pattern"] = r"\S"
        if self.markdown:
            schema["contentMediaType"] = "text/markdown"
        return schema


@dataclass
class Choice(Type):
    """One of a few values fixed in the schema: ``{id: French label}``, with optional descriptions."""

    values: dict
    descriptions: dict = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return "une valeur parmi : " + ", ".join(f"`{v}` ({label})" for v, label in self.values.items())

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, str) or value not in self.values:
            ctx.error(keypath, f"« {show(value)} » n'est pas une valeur permise ({', '.join(self.values)})."
                      + suggest(value, self.values))
            raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "enum": list(self.values), "x-labels": dict(self.values)}


@dataclass
class Vocab(Type):
    """An id from ``data/referentiels/<name>.yml``."""

    name: str
    noun: str

    @property
    def doc(self) -> str:
        return f"identifiant de `referentiels/{self.name}.yml`"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        known = ctx.vocabularies.get(self.name, {})
        if value is None or value == "":
            # A list item left empty (as the templates of scripts/templates/ leave them).
            ctx.error(keypath, f"valeur vide : choisissez parmi {', '.join(known)} (referentiels/{self.name}.yml).")
            raise Invalid
        if not isinstance(value, str) or value not in known:
            ctx.error(keypath, f"« {show(value)} » ne figure pas dans referentiels/{self.name}.yml ({self.noun})."
                      + suggest(value, known))
            raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "vocabulary": self.name,
                "x-errors": {"enum": f"« {{value}} » ne figure pas dans referentiels/{self.name}.yml ({self.noun})."}}


@dataclass
class RecordRef(Type):
    collection: str

    @property
    def doc(self) -> str:
        return f"identifiant d'un fichier de `data/{self.collection}/`"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        known = ctx.ids.get(self.collection, ())
        if not isinstance(value, str) or value not in known:
            ctx.error(keypath, f"« {show(value)} » ne correspond à aucun fichier data/{self.collection}/{show(value)}.yml."
                      + suggest(value, known))
            raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": ID_PATTERN, "collection": self.collection,
                "x-errors": {"enum": f"« {{value}} » ne correspond à aucun fichier data/{self.collection}/{{value}}.yml.",
                             "pattern": f"« {{value}} » ne correspond à aucun fichier data/{self.collection}/{{value}}.yml."}}


@dataclass
class Integer(Type):
    min: int | None = None
    max: int | None = None
    doc: str = "nombre entier"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.error(keypath, f"doit être un nombre entier, pas {_kind(value)}")
            raise Invalid
        if self.min is not None and value < self.min:
            ctx.error(keypath, f"doit être au moins {self.min}")
            raise Invalid
        if self.max is not None and value > self.max:
            ctx.error(keypath, f"doit être au plus {self.max}")
            raise Invalid
        return value

    def json_schema(self) -> dict:
        schema: dict[str, Any] = {"type": "integer"}
        if self.min is not None:
            schema["minimum"] = self.min
        if self.max is not None:
            schema["maximum"] = self.max
        return schema


@dataclass
class Number(Type):
    doc: str = "nombre"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.error(keypath, f"doit être un nombre, pas {_kind(value)}")
            raise Invalid
        if not math.isfinite(value) or abs(value) >= 1e15:
            ctx.error(keypath, f"« {show(value)} » n'est pas un nombre utilisable (au plus 15 chiffres)")
            raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "number"}


@dataclass
class Boolean(Type):
    doc: str = "`true` (oui) ou `false` (non)"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, bool):
            ctx.error(keypath, f"doit valoir true (oui) ou false (non), pas « {show(value)} »")
            raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "boolean"}


@dataclass
class Date(Type):
    doc: str = "date `AAAA-MM-JJ`, pas dans le futur"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                ctx.error(keypath, f"la date « {show(value)} » n'existe pas")
                raise Invalid from None
        if not is_date(value):
            ctx.error(keypath, f"doit être une date au format AAAA-MM-JJ, pas « {show(value)} »")
            raise Invalid
        if value > ctx.today:
            ctx.error(keypath, f"la date {value.isoformat()} est dans le futur")
            raise Invalid
        return value

    def json_schema(self) -> dict:
        # "x-notFuture" is ours: JSON Schema cannot compare with today's date.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "x-notFuture": True,
                "x-errors": {"pattern": "doit être une date au format AAAA-MM-JJ, pas « {value} »"}}


@dataclass
class Url(Type):
    doc: str = "adresse `http://` ou `https://`"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"']+\.[^\s<>\"']+", value.strip()):
            ctx.error(keypath, f"« {show(value)} » n'est pas une adresse web valide (elle doit commencer par http:// ou https://)")
            raise Invalid
        return value.strip()

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", "maxLength": 2000,
                "x-errors": {"pattern": "« {value} » n'est pas une adresse web valide (elle doit commencer par http:// ou https://)"}}


@dataclass
class DocsPath(Type):
    doc: str = "chemin d'un fichier sous `docs/` (sans `..`)"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_\-./]+", value) \
                or value.startswith("/") or ".." in value.split("/"):
            ctx.error(keypath, f"« {show(value)} » n'est pas un chemin accepté : un chemin relatif à docs/, sans « .. » ni espace")
            raise Invalid
        if ctx.docs_dir is not None:
            target = ctx.docs_dir / value
            if not target.is_file():
                ctx.error(keypath, f"le fichier docs/{value} n'existe pas")
                raise Invalid
            # A link (symlink) inside docs/ must not publish a file from elsewhere on the server.
            if not target.resolve().is_relative_to(ctx.docs_dir.resolve()):
                ctx.error(keypath, f"docs/{value} est un lien vers un fichier hors de docs/ : copiez le document dans docs/")
                raise Invalid
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^(?!/)(?!.*(^|/)\.\.(/|$))[A-Za-z0-9_\-./]+$",
                "x-errors": {"pattern": "« {value} » n'est pas un chemin accepté : un chemin relatif à docs/, sans « .. » ni espace"}}


# Letters, digits and . _ % + - only: no "?" or "&" that would add a subject or a copy to a mailto: link.
EMAIL_PATTERN = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"


@dataclass
class Email(Type):
    doc: str = "adresse électronique institutionnelle"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, str) or not re.fullmatch(EMAIL_PATTERN, value.strip()):
            ctx.error(keypath, f"« {show(value)} » n'est pas une adresse électronique valide")
            raise Invalid
        return value.strip()

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": f"^{EMAIL_PATTERN}$",
                "x-errors": {"pattern": "« {value} » n'est pas une adresse électronique valide"}}


@dataclass
class ListOf(Type):
    item: Type
    min: int = 0
    max: int = 100
    unique: bool = True

    @property
    def doc(self) -> str:
        need = f", au moins {self.min}" if self.min else ""
        return f"liste de : {self.item.doc}{need}"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, list):
            ctx.error(keypath, f"doit être une liste (une ligne « - valeur » par élément), pas {_kind(value)}")
            raise Invalid
        if len(value) < self.min:
            ctx.error(keypath, f"la liste doit compter au moins {self.min} élément{'s' if self.min > 1 else ''}")
            raise Invalid
        if len(value) > self.max:
            ctx.error(keypath, f"la liste compte {len(value)} éléments (maximum {self.max})")
            raise Invalid
        result, seen, failed = [], set(), False
        for index, item in enumerate(value):
            try:
                checked = self.item.check(item, keypath + (index,), ctx)
            except Invalid:
                failed = True
                continue
            if self.unique and isinstance(checked, str):
                if checked in seen:
                    ctx.error(keypath + (index,), f"« {show(checked)} » figure deux fois dans la liste")
                    failed = True
                seen.add(checked)
            result.append(checked)
        if failed:
            raise Invalid
        return result

    def json_schema(self) -> dict:
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min, "maxItems": self.max}
        if self.unique and isinstance(self.item, (Text, Vocab, RecordRef, Choice)):
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Facet:
    """A field people filter and browse by (see :mod:`core.schema.facets`, which collects them).

    ``order`` places its group among the catalogue filters; ``folder`` gives it pages
    (``/<folder>/`` and ``/<folder>/<value>/``); ``chips`` shows its values as links on record
    pages; ``searchable`` indexes its labels with the record's keywords; ``card`` places its values
    on record cards: ``"kind"`` after the kind of resource (« Fiche outil · Faire avec »),
    ``"labels"`` in the line of labels, ``"named"`` there too, after the field's label
    (« Niveau de participation : Concertation »), in the order of the facets.
    """

    legend: str  # the filter group's legend ("Thématique")
    order: int
    folder: str | None = None
    title: str | None = None  # title of its pages' index, when not the field's label
    chips: bool = False
    searchable: bool = False
    card: str = ""  # "", "kind", "labels" or "named"


@dataclass
class Field:
    """One key of a record: its type, whether it is required, and its French words.

    ``label`` names it in forms, on record pages and in the data reference; ``help`` says what
    to write; ``heading`` is its section title on record pages when it differs from the label.
    """

    type: Type
    required: bool = False
    label: str = ""
    help: str = ""
    heading: str = ""
    facet: Facet | None = None

    @property
    def section(self) -> str:
        return self.heading or self.label


# French words that take "l'" and "d'": a vowel or a mute h (pass ``elided`` for an aspirate h).
_ELIDED = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)


@dataclass(frozen=True)
class Noun:
    """A French noun with its gender, so that every sentence built on it gets its article right.

    Declared once per block (``Obj(noun=Noun("étape", feminine=True))``); the form reads its
    forms from the JSON Schema (``x-noun``): « Ajouter une étape », « Retirer l'étape 2 »,
    « le fichier d'une pratique », « Titre de la pratique ».
    """

    word: str
    feminine: bool = False
    elided: bool | None = None

    def __str__(self) -> str:
        return self.word

    @property
    def _elides(self) -> bool:
        return bool(_ELIDED.match(self.word)) if self.elided is None else self.elided

    @property
    def a(self) -> str:  # "une pratique", "un indicateur"
        return ("une " if self.feminine else "un ") + self.word

    @property
    def the(self) -> str:  # "la pratique", "l'étape", "le témoignage"
        return "l'" + self.word if self._elides else ("la " if self.feminine else "le ") + self.word

    @property
    def of_a(self) -> str:  # "d'une pratique", "d'un indicateur"
        return "d'" + self.a

    @property
    def of_the(self) -> str:  # "de la pratique", "de l'étape", "du témoignage"
        if self._elides:
            return "de l'" + self.word
        return "de la " + self.word if self.feminine else "du " + self.word

    def forms(self) -> dict:
        return {"word": self.word, "a": self.a, "the": self.the, "of_a": self.of_a, "of_the": self.of_the}


@dataclass
class Obj(Type):
    fields: dict
    rules: list = field(default_factory=list)
    noun: Noun | str = "bloc"
    # The form's parts: (French title, keys). A key in no part goes to the last one.
    sections: tuple = ()

    def __post_init__(self) -> None:
        if isinstance(self.noun, str):
            self.noun = Noun(self.noun)

    @property
    def doc(self) -> str:
        return "bloc de clés : " + ", ".join(
            f"`{name}`" + ("" if spec.required else " (facultatif)") for name, spec in self.fields.items())

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        if not isinstance(value, dict):
            hint = " (retirez le « - » devant)" if isinstance(value, list) else ""
            ctx.error(keypath, f"doit être un bloc de clés ({', '.join(self.fields)}), pas {_kind(value)}{hint}")
            raise Invalid
        result, failed = {}, False
        for key in value:
            if key not in self.fields:
                ctx.error(keypath + (key,), "clé inconnue." + suggest(key, self.fields)
                          + ("" if suggest(key, self.fields) else f" Clés possibles : {', '.join(self.fields)}."))
                failed = True
        for name, spec in self.fields.items():
            raw = value.get(name)
            if raw is None or (raw == [] and not spec.required):
                if spec.required and name in value:
                    ctx.error(keypath + (name,), f"champ obligatoire « {name} » vide" + _choose(spec.type, ctx))
                    failed = True
                elif spec.required:
                    ctx.error(keypath, f"champ obligatoire « {name} » manquant")
                    failed = True
                continue
            try:
                result[name] = spec.type.check(raw, keypath + (name,), ctx)
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        for rule in self.rules:
            rule.check(result, keypath, ctx)
        return result

    def json_schema(self) -> dict:
        noun = self.noun if isinstance(self.noun, Noun) else Noun(self.noun)  # a Noun since __post_init__
        schema = {
            "type": "object",
            "title": noun.word,
            "x-noun": noun.forms(),
            # "x-label" is ours: the French name of the field, shown by the contribution form.
            "properties": {name: {**spec.type.json_schema(), "description": spec.help, "x-label": spec.label}
                           for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }
        if self.sections:
            schema["x-sections"] = self.form_sections()
        for rule in self.rules:
            # Each cross-field rule gives its JSON Schema translation, so the browser checks it too.
            for keyword, value in rule.json_schema(self.fields).items():
                schema[keyword] = schema[keyword] + value if keyword == "allOf" and keyword in schema else value
        return schema

    def form_sections(self) -> list:
        """The form's parts in order, each with its keys; every key is in exactly one part."""
        placed = [key for _, keys in self.sections for key in keys]
        unknown = [key for key in placed if key not in self.fields]
        if unknown or len(placed) != len(set(placed)):
            raise ValueError(f"sections name unknown or repeated keys: {unknown or placed}")
        parts = [{"title": title, "keys": list(keys)} for title, keys in self.sections]
        parts[-1]["keys"] += [key for key in self.fields if key not in placed]
        return parts

    def walk(self, prefix: str = "") -> Iterator[tuple[str, Field]]:
        """Every key, nested blocks included, as (dotted key, Field): ``etapes[].titre``, ``periode.debut``."""
        for name, spec in self.fields.items():
            key = f"{prefix}{name}"
            yield key, spec
            inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(inner, Obj):
                yield from inner.walk(f"{key}{'[]' if isinstance(spec.type, ListOf) else ''}.")


def _choose(kind: Type, ctx: Context) -> str:
    """For an empty choice: the values to choose from (the templates leave choices empty)."""
    if isinstance(kind, Choice):
        return " : choisissez parmi " + ", ".join(kind.values) + "."
    if isinstance(kind, Vocab):
        return " : choisissez parmi " + ", ".join(ctx.vocabularies.get(kind.name, {})) + "."
    return ""


# --- durations: minutes inside a séance, calendar spans between séances -----------------------

_CLOCK = r"(?:(?P<{p}h>\d{{1,2}}) h(?: (?P<{p}m>[0-5]\d))?|(?P<{p}n>\d{{1,3}}) min)"
_BARE = r"(?P<{p}b>\d{{1,2}})"  # « 2 à 3 h »: the first number takes the unit of the second
_REMARK = r"(?:(?:, | – )(?P<remarque>[^\n]{{1,200}})| \((?P<remarque2>[^\n]{{1,200}})\))?"
_DURATION_RE = re.compile(
    r"^(?:" + _CLOCK.format(p="a") + r"|" + _BARE.format(p="a") + r")(?: à " + _CLOCK.format(p="z") + r")?"
    + _REMARK.format() + r"$")
_SPAN_UNITS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30, "an": 365, "ans": 365}
_SPAN_RE = re.compile(
    r"^(?P<chaque>(?:tous|toutes) les )?(?:(?P<a>\d{1,3})(?: à (?P<z>\d{1,3}))? )?(?P<unite>" + "|".join(_SPAN_UNITS) + r")"
    + _REMARK.format() + r"$")
DURATION_EXAMPLES = "« 45 min », « 1 h 30 », « 2 h » ou une fourchette « 2 h à 3 h »"
SPAN_EXAMPLES = "« 3 jours », « 2 semaines », « 1 à 2 mois » ou « toutes les 6 semaines »"


@dataclass(frozen=True)
class Duration:
    """A French duration read into minutes: ``low`` to ``high`` (equal unless a range), and the remark kept apart."""

    low: int
    high: int
    remark: str = ""

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _minutes(match: re.Match[str], prefix: str) -> int | None:
    hours, minutes, only = (match.group(prefix + suffix) for suffix in "hmn")
    if only is not None:
        return int(only)
    if hours is not None:
        return int(hours) * 60 + int(minutes or 0)
    return None


def read_duration(text: object) -> Duration | None:
    """« 1 h 30 » -> 90 min; « 2 h à 3 h », « 2 à 3 h », « 1 h 30 à 2 h » -> a range; « 15 min, au bilan »
    -> 15 min with the remark « au bilan »; anything else (« deux heures », « 3 semaines »): None."""
    if not isinstance(text, str):
        return None
    match = _DURATION_RE.match(" ".join(text.split()))
    if not match:
        return None
    low, high = _minutes(match, "a"), _minutes(match, "z")
    if low is None:  # « 2 à 3 h »: a bare number needs the unit of the end of the range
        if high is None or match.group("zh") is None or match.group("zm") is not None:
            return None
        low = int(match.group("ab")) * 60
    high = low if high is None else high
    if low <= 0 or high < low or high > 24 * 60:
        return None
    return Duration(low, high, (match.group("remarque") or match.group("remarque2") or "").strip())


def format_minutes(minutes: int) -> str:
    """90 -> « 1 h 30 », 45 -> « 45 min », 120 -> « 2 h »."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@dataclass(frozen=True)
class Span:
    """A calendar span between séances, in days: ``low`` to ``high``; ``recurring`` for « toutes les 6 semaines »."""

    low: int
    high: int
    unit: str
    recurring: bool = False
    remark: str = ""


def read_span(text: object) -> Span | None:
    """« 1 à 2 mois », « 3 semaines », « toutes les 6 à 8 semaines, sur un an »; anything else: None."""
    if not isinstance(text, str):
        return None
    match = _SPAN_RE.match(" ".join(text.split()))
    if not match:
        return None
    if match.group("a") is None and not match.group("chaque"):  # « mois » alone says no span; « tous les mois » does
        return None
    low = int(match.group("a") or 1)
    high = int(match.group("z") or low)
    if low <= 0 or high < low:
        return None
    days = _SPAN_UNITS[match.group("unite")]
    return Span(low * days, high * days, match.group("unite"), bool(match.group("chaque")),
                (match.group("remarque") or match.group("remarque2") or "").strip())


@dataclass
class DurationText(Type):
    """A duration written in French (« 1 h 30 », « 45 min », « 2 h à 3 h », with an optional remark
    after a comma); kept as written, read by :func:`read_duration`. ``ranged`` allows a range."""

    ranged: bool = True

    @property
    def doc(self) -> str:
        return ("durée en heures et minutes : " + DURATION_EXAMPLES if self.ranged
                else "durée en minutes : « 15 min », « 1 h 30 » (pas de fourchette)") \
            + ", suivie si besoin d'une remarque après une virgule"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        text = " ".join(str(value).split()) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        duration = read_duration(text)
        if duration is None:
            ctx.error(keypath, f"« {show(value)} » n'est pas une durée lisible : écrivez par exemple {DURATION_EXAMPLES}, "
                               "et une remarque éventuelle après une virgule (« 15 min, au bilan »)")
            raise Invalid
        if duration.is_range and not self.ranged:
            ctx.error(keypath, f"« {show(value)} » est une fourchette : une étape d'une séance dure un nombre précis "
                               "de minutes (« 20 min »), que l'animateur pourra ajuster")
            raise Invalid
        return text

    def json_schema(self) -> dict:
        clock = r"(\d{1,2} h( [0-5]\d)?|\d{1,3} min)"
        start = rf"({clock}|\d{{1,2}})( à {clock})?" if self.ranged else clock
        message = f"« {{value}} » n'est pas une durée lisible : écrivez par exemple {DURATION_EXAMPLES}"
        return {"type": "string", "maxLength": 200, "pattern": rf"^{start}((, | – | \().+)?$",
                "x-errors": {"pattern": message}}


@dataclass
class SpanText(Type):
    """A calendar span between séances (« 1 à 2 mois », « toutes les 6 semaines »), read by :func:`read_span`."""

    doc: str = "durée dans le calendrier : " + SPAN_EXAMPLES + ", suivie si besoin d'une remarque après une virgule"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        text = " ".join(value.split()) if isinstance(value, str) else None
        if read_span(text) is None:
            ctx.error(keypath, f"« {show(value)} » n'est pas une durée de calendrier lisible : écrivez par exemple "
                               f"{SPAN_EXAMPLES}, et une remarque éventuelle après une virgule")
            raise Invalid
        return text

    def json_schema(self) -> dict:
        units = "|".join(_SPAN_UNITS)
        return {"type": "string", "maxLength": 200,
                "pattern": rf"^((tous|toutes) les (\d{{1,3}}( à \d{{1,3}})? )?|\d{{1,3}}( à \d{{1,3}})? )({units})((, | – | \().+)?$",
                "x-errors": {"pattern": f"« {{value}} » n'est pas une durée de calendrier lisible : écrivez par "
                                       f"exemple {SPAN_EXAMPLES}"}}
