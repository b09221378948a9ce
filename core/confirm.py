"""Values of a record that the team running the action has still to confirm (``a_confirmer``).

A practice must give a status, a format, a participation level and an objective; when the source
text does not say them, the centre's editors chose them. ``a_confirmer`` lists those values, by
key (``statut``) or by list item (``objectifs[2]``, counted from 1), so that the page shows each
one « à confirmer par l'équipe » instead of presenting a judgement call as a fact, and invites
the team to complete the record.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import reader
from .problems import Problem, show, suggest

if TYPE_CHECKING:
    from .markup import Markup

FIELD = "a_confirmer"
LABEL = "à confirmer par l'équipe"
_ENTRY = re.compile(r"^([a-z_]+)(?:\[([0-9]{1,3})\])?$")


def parse(entry: str) -> tuple[str, int | None] | None:
    """``"objectifs[2]"`` -> ``("objectifs", 1)`` (0-based); ``"statut"`` -> ``("statut", None)``."""
    m = _ENTRY.match(entry.strip())
    if not m:
        return None
    return m.group(1), (int(m.group(2)) - 1 if m.group(2) else None)


def marks(data: dict) -> dict:
    """key -> set of marked positions (``None`` for the whole value) of a checked record."""
    found: dict = {}
    for entry in data.get(FIELD, []):
        parsed = parse(entry)
        if parsed:
            found.setdefault(parsed[0], set()).add(parsed[1])
    return found


def check(document: reader.Document, data: dict, fields: dict) -> list[Problem]:
    """Errors for entries naming no declared key, a key the record does not have, or no such item."""
    problems = []
    keys = [key for key in fields if key != FIELD]
    for index, entry in enumerate(data.get(FIELD, [])):
        keypath = (FIELD, index)
        where = (document.path, document.line(keypath), reader.display_key(keypath))
        parsed = parse(entry)
        if parsed is None:
            problems.append(Problem(*where, f"« {show(entry)} » : écrivez le nom d'une clé de la fiche (« statut ») "
                                            "ou un élément de liste avec son numéro (« objectifs[2] »)"))
            continue
        key, position = parsed
        if key not in keys:
            problems.append(Problem(*where, f"« {show(key)} » n'est pas une clé de ce fichier." + suggest(key, keys)))
        elif key not in data:
            problems.append(Problem(*where, f"« {key} » n'est pas rempli dans ce fichier : on ne peut confirmer "
                                            "qu'une valeur donnée (laissez vide ce que la source ne dit pas)"))
        elif position is not None and not isinstance(data[key], list):
            problems.append(Problem(*where, f"« {key} » n'est pas une liste : écrivez « {key} » sans numéro"))
        elif position is not None and not 0 <= position < len(data[key]):
            problems.append(Problem(*where, f"« {key} » a {len(data[key])} élément{'s' if len(data[key]) > 1 else ''} : "
                                            f"il n'y a pas d'élément n° {position + 1}"))
    return problems


def mark(short: bool = False) -> Markup:
    """The visible mark next to a value the team has still to confirm."""
    # Imported here: the validation path (scripts/validate.py) loads no Markdown library.
    from .markup import html

    return html(' <span class="a-confirmer">({})</span>', "à confirmer" if short else LABEL)
