"""The JSON Schema of each collection, for validators other than Python (the contribution form).

Keywords starting with ``x-`` are ours (labels, French messages, rules JSON Schema cannot
say); standard validators ignore them.
"""

from __future__ import annotations

from .collections import COLLECTION_LABELS
from .declarations import COLLECTIONS

# French messages per JSON Schema keyword, worded like the checks of types.py, for validators other than
# this module (the contribution form in the browser). A node's "x-errors" overrides them.
# Placeholders: {value}, {limit}, {count}, {allowed}, {name}, {expected}, {actual}, {s} (plural).
MESSAGES = {
    "type": "doit être {expected}, pas {actual}",
    "minLength": "trop court ({count} caractère{s}, minimum {limit})",
    "maxLength": "trop long ({count} caractères, maximum {limit})",
    "pattern": "« {value} » n'a pas le format attendu",
    "enum": "« {value} » n'est pas une valeur permise ({allowed}).",
    "const": "valeur non permise",
    "required": "champ obligatoire « {name} » manquant",
    "requiredEmpty": "champ obligatoire « {name} » vide",
    "additionalProperties": "clé inconnue. Clés possibles : {allowed}.",
    "minItems": "la liste doit compter au moins {limit} élément{s}",
    "maxItems": "la liste compte {count} éléments (maximum {limit})",
    "uniqueItems": "« {value} » figure deux fois dans la liste",
    "minimum": "doit être au moins {limit}",
    "maximum": "doit être au plus {limit}",
    "format": "la date « {value} » n'existe pas",
    "x-notFuture": "la date {value} est dans le futur",
    "oneOf": "indiquez une seule de ces possibilités",
    "not": "combinaison de champs non permise",
    "x-ordered": "ordre incorrect",
    "x-atLeastOne": "indiquez au moins une de ces valeurs",
    "x-together": "ces deux champs vont ensemble",
}
# The form names a field by its label above the message, and never shows a key: where MESSAGES
# name the key (written for people who edit the YAML file), the form says these instead.
# A node's "x-errors-form" overrides them (rules that name fields, see rules.py).
FORM_MESSAGES = {
    "required": "ce champ est obligatoire",
    "requiredEmpty": "ce champ est obligatoire",
    "additionalProperties": "champ inconnu : retirez-le",
}
TYPE_NAMES = {"string": "un texte", "integer": "un nombre entier", "number": "un nombre",
              "boolean": "true (oui) ou false (non)", "array": "une liste", "object": "un bloc de clés",
              "null": "vide"}
# What a value is, as the Python messages say it (see _kind()).
KIND_NAMES = {"null": "vide", "boolean": "oui/non", "integer": "un nombre", "number": "un nombre",
              "string": "un texte", "array": "une liste", "object": "un bloc de clés"}


def json_schema(collection: str, vocabularies: dict | None = None, ids: dict | None = None) -> dict:
    """JSON Schema of one collection; vocabularies and ids become enums when given.

    ``ids`` maps a collection to its ids, or to ``{id: title}`` to also label them.
    """
    schema = COLLECTIONS[collection].json_schema()

    def fill(node: object) -> None:
        if isinstance(node, dict):
            if vocabularies is not None and "vocabulary" in node:
                terms = vocabularies.get(node["vocabulary"], {})
                node["enum"] = list(terms)
                node["x-labels"] = {key: getattr(term, "label", str(term)) for key, term in terms.items()}
            if ids is not None and "collection" in node:
                known = ids.get(node["collection"], ())
                node["enum"] = sorted(known)
                if isinstance(known, dict):
                    node["x-labels"] = {key: known[key] for key in node["enum"]}
            for child in node.values():
                fill(child)
        elif isinstance(node, list):
            for child in node:
                fill(child)

    fill(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = COLLECTION_LABELS[collection][0]
    schema["x-messages"] = {**MESSAGES, "types": TYPE_NAMES, "kinds": KIND_NAMES, "form": FORM_MESSAGES}
    return schema
