"""The facet registry: every way people filter and browse the records, read off the declarations.

A facet is a field declared with ``facet=Facet(...)`` in :mod:`core.schema.declarations`,
plus the kind of resource (the collection). Record cards (``data-*`` attributes), the
catalogue filters, the facet pages, the chips of record pages, the values on record cards
(``card=``), the search keywords and the showcase macros all iterate :data:`FACETS`; none of
them names a facet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .blocks import Facet, ListOf
from .collections import COLLECTION_LABELS
from .declarations import COLLECTIONS, RESOURCES
from .types import Choice, Vocab

if TYPE_CHECKING:  # for annotations only: core.corpus imports the schema
    from ..corpus import Record


@dataclass(frozen=True)
class FacetSpec:
    name: str  # data-* attribute of cards, filter name in URLs, e.g. "niveaux-participation"
    key: str | None  # the record key holding its values; None for the collection
    legend: str  # the filter group's legend
    title: str  # plural title: its index page, its chips' list
    order: int
    vocabulary: str | None = None  # values from data/referentiels/<vocabulary>.yml
    choice: Choice | None = None  # values fixed in the schema
    folder: str | None = None
    chips: bool = False
    searchable: bool = False
    many: bool = False  # a record may have several values
    card: str = ""  # where its values show on record cards (core.schema.blocks.Facet)
    field_label: str = ""  # the field's label: « Niveau de participation »

    def values(self, record: Record) -> list:
        """The ids a record has for this facet."""
        if self.key is None:
            return [record.collection]
        value = record.data.get(self.key)
        if value is None:
            return []
        return list(value) if self.many else [value]

    def labels(self, vocabularies: dict) -> dict:
        """Every value of this facet -> its French label, in the vocabulary's own order."""
        if self.key is None:
            return {name: COLLECTION_LABELS[name][1] for name in RESOURCES}  # a retour is not a resource
        if self.choice is not None:
            return dict(self.choice.values)
        return {term.id: term.label for term in vocabularies[self.vocabulary].values()}

    def label(self, vocabularies: dict, value: str) -> str:
        """One value's label, looked up directly (called for every chip and search keyword)."""
        if self.key is None:
            return COLLECTION_LABELS[value][1]
        if self.choice is not None:
            return self.choice.values[value]
        return vocabularies[self.vocabulary][value].label

    def description(self, vocabularies: dict, value: str) -> str:
        if self.choice is not None:
            return self.choice.descriptions.get(value, "")
        if self.vocabulary is not None:
            return vocabularies[self.vocabulary][value].description
        return ""


COLLECTION_FACET = FacetSpec("collection", None, "Type de ressource", "Types de ressource", 10)


def _collect() -> tuple:
    found: dict = {}
    for declaration in COLLECTIONS.values():
        for key, spec in declaration.fields.items():
            facet: Facet | None = spec.facet
            if facet is None or key in found:
                continue
            kind, many = (spec.type.item, True) if isinstance(spec.type, ListOf) else (spec.type, False)
            vocabulary = kind.name if isinstance(kind, Vocab) else None
            choice = kind if isinstance(kind, Choice) else None
            if vocabulary is None and choice is None:
                raise TypeError(f"facet {key}: a facet takes its values from a vocabulary or a choice")
            found[key] = FacetSpec(vocabulary or key, key, facet.legend, facet.title or spec.label, facet.order,
                                   vocabulary, choice, facet.folder, facet.chips, facet.searchable, many,
                                   facet.card, spec.label)
    return tuple(sorted([COLLECTION_FACET, *found.values()], key=lambda f: f.order))


FACETS = _collect()
BY_NAME = {facet.name: facet for facet in FACETS}


def facet_values(record: Record) -> dict:
    """Every facet a record can be filtered on: name -> list of ids."""
    return {facet.name: facet.values(record) for facet in FACETS}


def facet_keys() -> set:
    """The record keys that hold facet values (ids, not text)."""
    return {facet.key for facet in FACETS if facet.key}
