"""The page registry: every page the core generates, and where each page of the site comes from.

:func:`site_pages` is the one list of generated pages (records, retours d'expérience, catalogues, facet pages,
glossary, kits, easy-to-read texts, "Proposer" forms, maintenance). Each :class:`~core.page.Page`
says its URL, whether it is in the navigation, and the file a person edits to change it. The MkDocs hook
(``hooks/site.py``) registers exactly this list and sets every "modifier cette page" link
from it; ``scripts/export_markdown.py`` writes exactly this list to disk.

Hand-written pages are the Markdown files of ``docs/``: :func:`edit_source` names their file.
"""

from __future__ import annotations

from .catalogue import catalogue_page
from .contribution import contribution_pages, proposals, with_modification_link
from .corpus import Corpus
from .drafts import DEFAULT_DRAFT_DAYS
from .easy_read import easy_read_pages
from .feed import nouveautes_page
from .forge import Forge
from .glossary import glossary_page
from .kits import kit_pages
from .observatory import observatory_page
from .opendata import donnees_page, with_jsonld
from .page import Page
from .planner import planner_page, with_planner_link
from .render.lists import collection_page, facet_pages
from .render.record import record_page
from .retours import retour_pages
from .schema import RESOURCES
from .seance_builder import seance_page
from .supports import support_pages
from .team import Team


def site_pages(corpus: Corpus, forge: Forge | None = None, site_url: str = "",
               draft_days: int = DEFAULT_DRAFT_DAYS, team: Team | None = None) -> list[Page]:
    """Every generated page of the site, records first."""
    pages = [with_planner_link(record_page(corpus, record, forge), record) for record in corpus.resources()]
    pages += retour_pages(corpus)
    pages += [collection_page(corpus, collection) for collection in RESOURCES]
    pages += facet_pages(corpus, proposals())
    pages.append(catalogue_page(corpus))
    pages.append(glossary_page(corpus))
    pages += kit_pages(corpus)
    pages.append(planner_page(corpus, draft_days, site_url))
    pages.append(seance_page(corpus))
    pages += easy_read_pages(corpus)
    pages += contribution_pages(corpus, forge, team, draft_days)
    pages += support_pages(corpus)
    # ``site_url`` (may be empty) makes the addresses of the open data and of the JSON-LD absolute.
    pages += [nouveautes_page(corpus), observatory_page(corpus), donnees_page(corpus, site_url)]
    records = {record.url: record for record in corpus.all_records()}
    for page in pages:  # every record page, whichever function wrote it, carries its JSON-LD
        if page.url in records:
            with_jsonld(page, corpus, records[page.url], site_url)
            with_modification_link(page, records[page.url])
    for page in pages:
        # An optional file (data/glossaire.yml, data/kits.yml) may be absent: nothing to edit then.
        if page.source and not (corpus.root / page.source).is_file():
            page.source = None
    return pages


def site_pages_stored(corpus: Corpus, forge: Forge | None = None, site_url: str = "",
                      draft_days: int = DEFAULT_DRAFT_DAYS, team: Team | None = None) -> list[Page]:
    """:func:`site_pages`, kept in the build cache (namespace ``pages``) for a corpus loaded from
    the same files, the same forge settings and address, and the same code: 1.6 s of a 2,000-record
    build that did not change. Computed as usual for a corpus of unknown origin (no fingerprint)."""
    return corpus.derived("pages", lambda: site_pages(corpus, forge, site_url, draft_days, team), repr(forge),
                          site_url, str(draft_days), repr(team))


def edit_source(src_uri: str, generated: dict, docs_dir: str = "docs") -> str | None:
    """The file a person edits to change the page ``src_uri``, relative to the repository root.

    ``generated`` maps the ``src_uri`` of generated pages to their :class:`Page`; any other page
    is a hand-written file of ``docs/``.
    """
    page = generated.get(src_uri)
    if page is not None:
        return page.source
    return f"{docs_dir}/{src_uri}"


__all__ = ["site_pages", "site_pages_stored", "edit_source", "Page"]
