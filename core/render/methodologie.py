"""A méthodologie's page: how its phases are shown (timeline, then each phase with its facts and fiches).

The méthodologie's sections and their order are declared in ``core/schema/collections.py``; the page
around them (title, facts, chips, usage, related records) is ``core/render/record.py``. Every other
key is shown by its type (``core/render/components.py``).
"""

from __future__ import annotations

from typing import Any

from ..corpus import Corpus, Record
from ..diagrams import methodology_timeline
from ..markup import Markup, html, join, md, rel_url
from ..schema import COLLECTIONS, Obj
from .components import Renderer, bullet_list


def phases(corpus: Corpus, record: Record, value: list[dict[str, Any]]) -> Markup:
    """The timeline of the phases, then each phase: who, when, the level reached, how, the useful fiches."""
    item = COLLECTIONS[record.collection].fields["phases"].type.item
    assert isinstance(item, Obj)
    labels = {key: spec.label for key, spec in item.fields.items()}
    items = []
    for number, phase in enumerate(value, start=1):
        fiches = Markup()
        if phase.get("fiches"):
            links = join((html('<a href="{}">{}</a>', rel_url(record.url, corpus.get("fiches", f).url),
                               corpus.get("fiches", f).title) for f in phase["fiches"]), ", ")
            fiches = html('<p class="phase-fiches">{} : {}</p>', labels["fiches"], links)
        # "Qui" is a list whose items hold commas ("Élus et direction, ..."): joined, they would read as one.
        facts = join(html('<div class="fact fact-{}"><dt>{}</dt><dd>{}</dd></div>', key, labels[key], body)
                     for key, body in (
                         ("qui", bullet_list(phase["qui"])),
                         ("quand", phase["quand"]),
                         ("niveau_participation", corpus.label("niveaux-participation", phase["niveau_participation"]))))
        items.append(html('<li class="phase"><h3 class="phase-title"><span class="phase-number">{}.</span> {}</h3>'
                          '<dl class="phase-facts">{}</dl><div class="phase-body">{}</div>{}</li>',
                          number, corpus.label("phases", phase["phase"]), facts, Markup(md(phase["comment"])), fiches))
    return Markup(methodology_timeline(corpus, record)) + html('<ol class="phases">{}</ol>', join(items))


FACTS: dict[str, Renderer] = {}
SECTIONS: dict[str, Renderer] = {"phases": phases}
