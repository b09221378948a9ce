"""A fiche's page: how its own kinds of values are shown (the group size, the steps, the supports).

The fiche's header facts and sections, and their order, are declared in ``core/schema/collections.py``;
the page around them (title, facts, chips, usage, related records) is ``core/render/record.py``.
Every other key is shown by its type (``core/render/components.py``).
"""

from __future__ import annotations

from typing import Any

from ..corpus import Corpus, Record
from ..diagrams import ILLUSTRATIONS
from ..markup import Markup, html
from ..seances import course_html
from ..supports import support_links
from .components import Renderer, section_body


def group_size(corpus: Corpus, record: Record, value: dict[str, int]) -> Markup:
    """« 6 à 12 personnes »."""
    return html("{} à {} personnes", value["min"], value["max"]) if value["min"] != value["max"] \
        else html("{} personnes", value["min"])


def objective(corpus: Corpus, record: Record, value: Any) -> Markup:
    """The objective, with the picture drawn from the vocabularies under it (``illustration``)."""
    body = section_body(corpus, record, "objectif")
    if "illustration" in record.data:
        body += Markup(ILLUSTRATIONS[record.data["illustration"]](corpus))
    return body


def steps(corpus: Corpus, record: Record, value: list[dict[str, Any]]) -> Markup:
    """The course: séances with their timetables, and what happens between them (``core/seances.py``)."""
    return Markup(course_html(record))


def supports(corpus: Corpus, record: Record, value: Any) -> Markup:
    """The printable supports, with their page and PDF (``core/supports.py``)."""
    return Markup(support_links(record))


FACTS: dict[str, Renderer] = {"participants": group_size}
SECTIONS: dict[str, Renderer] = {"objectif": objective, "etapes": steps, "supports": supports}
