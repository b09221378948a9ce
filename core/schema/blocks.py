"""Lists and blocks of keys: :class:`ListOf`, :class:`Obj` (a block), and what declares each key
of a block: its :class:`Field`, its :class:`Facet` when people filter by it, the block's :class:`Noun`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..problems import show, suggest
from .types import Choice, Context, Invalid, RecordRef, Text, Type, Vocab, _kind


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
