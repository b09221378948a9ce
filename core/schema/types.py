"""The types of the schema: each checks a value (French messages) and says its JSON Schema.

Here the base (:class:`Type`, :class:`Context`, :class:`Invalid`) and the types of one value (text,
choice, vocabulary id, record id, number, date, address…); lists and blocks of keys are in
:mod:`.blocks`, durations and calendar spans in :mod:`.durations`.
"""

from __future__ import annotations

import datetime
import math
import re
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
