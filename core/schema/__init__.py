"""The schema, declared once: validation, JSON Schema, facets, labels and field docs all come from here.

- :mod:`.types`: the types of one value (text, choice, date…) and how each checks it, in French;
- :mod:`.blocks`: lists and blocks of keys, and what declares a key (``Field``, ``Facet``, ``Noun``);
- :mod:`.durations`: durations of a séance and calendar spans, read from French;
- :mod:`.rules`: checks across the keys of one block;
- :mod:`.collections`: every collection's nouns, catalogue introduction and record page order;
- :mod:`.declarations`: every file of ``data/``, key by key, with its label and help;
- :mod:`.facets`: the facet registry, read off the declarations;
- :mod:`.jsonschema`: the JSON Schema export for the browser.
"""

from .blocks import Facet, Field, ListOf, Noun, Obj
from .collections import COLLECTION_LABELS, COLLECTION_SPECS, NOUNS, RELATED, USAGE, CollectionSpec
from .declarations import (
                           AXES,
                           CHIFFRE,
                           COLLECTIONS,
                           FICHE,
                           FICHE_TYPES,
                           FORMATS,
                           GLOSSARY_ENTRY,
                           KIT,
                           LIST_FILES,
                           METHODOLOGIE,
                           PRATIQUE,
                           RESOURCES,
                           RETOUR,
                           STATUTS,
                           VOCABULARIES,
                           VOCABULARY_ENTRY,
                           field_of,
)
from .facets import BY_NAME as FACETS_BY_NAME
from .facets import FACETS, FacetSpec, facet_keys, facet_values
from .jsonschema import FORM_MESSAGES, KIND_NAMES, MESSAGES, TYPE_NAMES, json_schema
from .rules import AtLeastOne, AtMostOne, MustBeTrue, Ordered, RequiredIf, Rule, Sessions, Together
from .types import (
                           EMAIL_PATTERN,
                           ID_MAX,
                           ID_PATTERN,
                           ID_RE,
                           Boolean,
                           Choice,
                           Context,
                           Date,
                           DocsPath,
                           Email,
                           Integer,
                           Invalid,
                           Number,
                           RecordRef,
                           Text,
                           Type,
                           Url,
                           Vocab,
                           markdown_problem,
)

__all__ = [
    "COLLECTION_SPECS", "CollectionSpec", "RELATED", "USAGE",
    "AXES", "CHIFFRE", "COLLECTION_LABELS", "COLLECTIONS", "FICHE", "FICHE_TYPES", "FORMATS", "GLOSSARY_ENTRY", "KIT",
    "LIST_FILES", "METHODOLOGIE", "NOUNS", "PRATIQUE", "RESOURCES", "RETOUR", "STATUTS", "VOCABULARIES", "VOCABULARY_ENTRY", "field_of",
    "FACETS", "FACETS_BY_NAME", "FacetSpec", "facet_keys", "facet_values",
    "FORM_MESSAGES", "KIND_NAMES", "MESSAGES", "TYPE_NAMES", "json_schema",
    "AtLeastOne", "AtMostOne", "MustBeTrue", "Ordered", "RequiredIf", "Rule", "Sessions", "Together",
    "EMAIL_PATTERN", "ID_MAX", "ID_PATTERN", "ID_RE", "Boolean", "Choice", "Context", "Date", "DocsPath", "Email",
    "Facet", "Field", "Integer", "Invalid", "ListOf", "Noun", "Number", "Obj", "RecordRef", "Text", "Type", "Url", "Vocab",
    "markdown_problem",
]
