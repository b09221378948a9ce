"""List pages: each collection's catalogue (``pratiques/``, ``fiches/``...) and the facet pages.

A facet page lists the records holding one value (``thematiques/logement/``); a facet's index lists
its values (``thematiques/``). The catalogue of every resource, with its filters, is ``core/catalogue.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import urls
from ..corpus import Corpus, Record
from ..markup import Markup, html, join, rel_url
from ..page import Page, PageMeta
from ..schema import COLLECTION_SPECS, FACETS
from .components import cards


def list_meta() -> PageMeta:
    """Front matter of list pages: the catalogue template, no (empty) table of contents beside the cards,
    and the filters' stylesheet and script (``centre_assets``: only the pages that name them load them,
    overrides/main.html)."""
    return {"render_macros": False, "template": "catalogue.html", "hide": ["toc"], "centre_assets": ["catalogue"]}


def _list_page(src_uri: str, url: str, title: str, intro: Markup, body: Markup, source: str | None = None,
               menu: str | None = None) -> Page:
    text = html('<h1>{}</h1>\n<p class="page-intro">{}</p>\n\n{}', title, intro, body)
    return Page(src_uri, url, title, str(text), list_meta(), source, menu)


def _count(records: list[Record]) -> Markup:
    return html('<p class="count">{} ressource{}</p>', len(records), "s" if len(records) > 1 else "")


def collection_page(corpus: Corpus, collection: str) -> Page:
    """A collection's catalogue: ``pratiques/``, ``fiches/``, ``methodologies/``."""
    spec = COLLECTION_SPECS[collection]
    url = urls.collection(collection)
    records = list(corpus.records[collection].values())
    count = html('<p class="count">{} {}</p>', len(records), (spec.several if len(records) > 1 else spec.one).lower())
    return _list_page(f"{url}index.md", url, spec.several, html("{}", spec.intro),
                      count + Markup("\n") + cards(corpus, records, url), menu="")


def _invitation(name: str, here: str, proposals: Iterable[tuple[str, str]]) -> Markup:
    """What the page of a value with no resource says instead of an empty list: propose one."""
    links = join(html('<li><a href="{}">{}</a></li>', rel_url(here, url), text) for url, text in proposals)
    return html('<div class="facette-vide"><p class="count">Aucune ressource pour « {} » pour l\'instant.</p>\n'
                "<p>Vous connaissez une action ou une façon de faire utile sur ce sujet ? Proposez-la au centre :</p>\n"
                '<ul class="facette-propositions">{}</ul></div>', name, links)


def facet_pages(corpus: Corpus, proposals: Iterable[tuple[str, str]] = ()) -> list[Page]:
    """For each facet with a folder: a page per value (its records) and an index of the values.

    A value no record holds still has its page (it is a valid value someone may link to), which
    invites to propose a resource (``proposals``: (site URL, link text) of the "Proposer" forms);
    the index lists only the values that have resources.
    """
    proposals = list(proposals)
    pages = []
    for facet in FACETS:
        if not facet.folder:
            continue
        source = f"data/referentiels/{facet.vocabulary}.yml" if facet.vocabulary else None
        matching: dict[str, list[Record]] = {value: [] for value in facet.labels(corpus.vocabularies)}
        for record in corpus.resources():
            for value in facet.values(record):
                matching[value].append(record)
        items = []
        for value, name in facet.labels(corpus.vocabularies).items():
            url = urls.facet_value(facet.folder, value)
            records = matching[value]
            description = facet.description(corpus.vocabularies, value)
            intro = html("{}", description) if description else html("Les ressources pour : {}.", name)
            listing = (_count(records) + Markup("\n") + cards(corpus, records, url) if records
                       else _invitation(name, url, proposals))
            pages.append(_list_page(f"{url.rstrip('/')}.md", url, name, intro, listing, source))
            if records:
                items.append(html('<li><a href="{}/">{}</a> <span class="count">({})</span></li>', value, name, len(records)))
        pages.append(_list_page(f"{urls.facet_index(facet.folder)}index.md", urls.facet_index(facet.folder), facet.title,
                                html("Parcourir les ressources par {}.", facet.legend[:1].lower() + facet.legend[1:]),
                                html('<ul class="facet-index">{}</ul>', join(items)), source, menu=urls.EXPLORER))
    return pages
