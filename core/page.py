"""A page of the site as the core hands it to a site generator, and the declared contract of its front matter.

:class:`PageMeta` is the one declaration of what a generated page carries in its front matter
(``page.meta`` in the templates of ``overrides/`` and in the MkDocs plugin ``centre_mkdocs``):
the core writes it, the templates and the plugin read it, nothing else may be put there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TypedDict

from .markup import escape


class RecordMeta(TypedDict, total=False):
    """``page.meta.record`` of a record page (``overrides/record.html`` and its partials)."""

    collection: str  # the collection key, e.g. "fiches"
    id: str
    source: str  # data/<collection>/<id>.yml
    kind: str  # French label of its kind
    date_maj: str  # ISO date of the last review
    falc: bool  # has an easy-to-read text
    a_relire: bool  # review due (partials/record-review.html)
    planifier: str  # methodologies: the planner's address, prefilled (core/planner.py)
    modifier: str  # « Proposer une modification »: the form prefilled with the record (core/contribution.py,
                   # partials/record-modify.html)


class EasyReadMeta(TypedDict):
    """``page.meta.easy_read`` of an easy-to-read page: the record it is the text of."""

    collection: str
    id: str


class SupportMeta(TypedDict):
    """``page.meta.support`` of a printable support's page (``overrides/support.html``)."""

    id: str
    fiche: str  # id of the fiche it belongs to
    orientation: str  # "portrait" or "paysage"


class SearchMeta(TypedDict, total=False):
    """Material's own ``search`` key: every page is left out of its index (the site has its own)."""

    exclude: bool


class PageMeta(TypedDict, total=False):
    """The front matter of a generated page: every key the core writes and the site generator reads."""

    title: str  # written by Page.markdown from Page.title (escaped)
    template: str  # the page's template in overrides/ (record.html, catalogue.html, support.html…)
    render_macros: bool  # always False on generated pages: mkdocs-macros never reads record text
    hide: list[str]  # Material: "navigation", "toc", "footer"
    centre_assets: list[str]  # stylesheets and scripts of some pages only (overrides/main.html)
    record: RecordMeta
    easy_read: EasyReadMeta
    support: SupportMeta
    proposer: str  # the collection of a « Proposer » form (overrides/proposer.html)
    jsonld: str  # the record's schema.org <script> (overrides/main.html), core/opendata.py
    search_index: bool  # False: the page's text stays out of the site's search index
    search: SearchMeta  # set by the site generator (centre_mkdocs), never by the core


class PrintLinks(TypedDict, total=False):
    """What a page that prints carries at its foot and offers (``record_print`` in the templates)."""

    footer: str  # the print footer: address, QR code, review date (HTML)
    pdf: str | None  # a fiche's PDF, relative to its page
    falc_page: str | None  # its easy-to-read page, relative to its page


@dataclass
class Page:
    """One generated page: Markdown with escaped HTML blocks, and where it comes from.

    ``source`` is the file a person edits to change the page (``data/fiches/x.yml``,
    ``data/kits.yml``…), relative to the repository root, or None when the page is made by
    the code alone (a catalogue, a form): its "modifier cette page" link is then left out.
    ``menu`` says where the page belongs in the navigation: None (out of it: records and facet
    values, thousands of pages), ``""`` (top level) or the title of a section (``"Explorer"``).
    ``mkdocs.yml`` orders the menu; a page it does not list is added at the end of its section.
    ``searchable`` is set by the page registry (``core/site.py``): False for pages whose text is not
    indexed (records are indexed from their data; lists and pages gathering records' words).
    """

    src_uri: str  # e.g. "fiches/aller-vers.md"
    url: str  # e.g. "fiches/aller-vers/"
    title: str  # plain text
    body: str  # Markdown with escaped HTML blocks
    meta: PageMeta = field(default_factory=lambda: PageMeta())
    source: str | None = None
    menu: str | None = None
    searchable: bool = True

    @property
    def in_nav(self) -> bool:
        return self.menu is not None

    @property
    def markdown(self) -> str:
        # Themes print the title unescaped in <title> and headers: it is escaped here, once.
        # JSON is valid YAML front matter, and json.dumps is ten times faster than yaml.safe_dump
        # (5 s of a 2,000-record build).
        front = json.dumps({"title": escape(self.title), **self.meta}, ensure_ascii=False)
        return f"---\n{front}\n---\n\n{self.body}\n"
