"""How long drafts are kept in the browser (issue 26): ``extra.brouillons.jours`` in mkdocs.yml.

Pages with a draft (the planner, the « Proposer » forms) give the value to their script in their
JSON data as ``"brouillons": {"jours": N}``; ``docs/assets/javascripts/brouillon.js`` erases a
draft older than that at the next visit and says so.
"""

from __future__ import annotations

DEFAULT_DRAFT_DAYS = 30
# A draft kept more than a year on a shared computer is no longer a draft.
MAX_DRAFT_DAYS = 366


def draft_days(settings: object) -> int:
    """The number of days from the ``extra.brouillons`` mapping of mkdocs.yml (None: the default).

    Raises ValueError with a French message naming the key when the value is not a whole number
    of days between 1 and MAX_DRAFT_DAYS.
    """
    if settings is None:
        return DEFAULT_DRAFT_DAYS
    if not isinstance(settings, dict):
        raise ValueError("extra.brouillons doit être une liste de réglages, par exemple « jours: 30 ».")
    value = settings.get("jours", DEFAULT_DRAFT_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DRAFT_DAYS:
        raise ValueError(f"extra.brouillons.jours doit être un nombre entier de jours entre 1 et {MAX_DRAFT_DAYS} "
                         f"(trouvé : {value!r}).")
    return value


def drafts_data(days: int = DEFAULT_DRAFT_DAYS) -> dict:
    """The ``brouillons`` entry of a page's JSON data, read by brouillon.js ``days()``."""
    return {"jours": days}


__all__ = ["DEFAULT_DRAFT_DAYS", "MAX_DRAFT_DAYS", "draft_days", "drafts_data"]
