"""The page registry: every page the core generates, and where each page of the site comes from.

:func:`site_pages` is the one list of generated pages (records, retours d'expérience, catalogues, facet pages,
glossary, kits, easy-to-read texts, "Proposer" forms, maintenance). Each :class:`~core.page.Page`
says its URL, whether it is in the navigation, whether its text is searched, and the file a person
edits to change it. The MkDocs plugin (``centre_mkdocs/pages.py``) registers exactly this list and sets
every "modifier cette page" link from it, and prints each page's footer from :func:`print_links`; ``scripts/export_markdown.py`` writes exactly this list to disk.

Hand-written pages are the Markdown files of ``docs/``: :func:`edit_source` names their file.
"""

from __future__ import annotations

from .catalogue import catalogue_page
from .contribution import contribution_pages, proposals, with_modification_link
from .corpus import Corpus
from .drafts import DEFAULT_DRAFT_DAYS
from .easy_read import easy_read_pages, easy_read_records
from .feed import nouveautes_page
from .forge import Forge
from .glossary import glossary_page
from .kits import kit_pages
from .markup import rel_url
from .observatory import observatory_page
from .opendata import donnees_page, with_jsonld
from .page import Page, PrintLinks
from .planner import planner_page, with_planner_link
from .printing import print_footer
from .render.lists import collection_page, facet_pages
from .render.record import record_page
from .retours import retour_pages
from .schema import RESOURCES
from .seance_builder import seance_page
from .supports import all_supports, support_pages
from .team import Team
from .urls import easy_read, printed, record_pdf


def site_pages(corpus: Corpus, forge: Forge | None = None, site_url: str = "",
               draft_days: int = DEFAULT_DRAFT_DAYS, team: Team | None = None) -> list[Page]:
    """Every generated page of the site, records first."""
    pages = [with_planner_link(record_page(corpus, record, forge), record) for record in corpus.resources()]
    pages += retour_pages(corpus)
    # Lists (catalogues, facet pages) would match every search: their text is not indexed.
    lists = [collection_page(corpus, collection) for collection in RESOURCES]
    lists += facet_pages(corpus, proposals())
    lists.append(catalogue_page(corpus))
    pages += lists
    pages.append(glossary_page(corpus))
    pages += kit_pages(corpus)
    pages.append(planner_page(corpus, draft_days, site_url))
    pages.append(seance_page(corpus, draft_days))
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
        # Records are indexed from their data (core/search.py); pages that gather the records' words
        # (nouveautés, observatory) say so with "search_index": false.
        page.searchable = not (page.url in records or page.meta.get("search_index") is False)
    for page in lists:
        page.searchable = False
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


def print_links(corpus: Corpus, site_url: str = "") -> dict[str, PrintLinks]:
    """Every page that prints with a footer, by URL: record pages (the footer, the fiche's PDF and
    the easy-to-read page, relative to the page), easy-to-read texts and supports (the footer; a
    support's review date is its fiche's). The footer gives the page's own address and its QR code
    when the site has a published address (``urls.printed``), the review date alone otherwise."""
    links: dict[str, PrintLinks] = {}
    for record in corpus.all_records():
        links[record.url] = {
            "footer": print_footer(record, printed(site_url, record.url)),
            # Links relative to the record page, which sits in the PDFs' folder.
            "pdf": rel_url(record.url, record_pdf(record)) if record.collection == "fiches" else None,
            "falc_page": rel_url(record.url, easy_read(record)) if "falc" in record.data else None,
        }
    for record in easy_read_records(corpus):
        links[easy_read(record)] = {"footer": print_footer(record, printed(site_url, easy_read(record)))}
    for support in all_supports(corpus):
        links[support.url] = {"footer": print_footer(support.fiche, printed(site_url, support.url))}
    return links


def edit_source(src_uri: str, generated: dict, docs_dir: str = "docs") -> str | None:
    """The file a person edits to change the page ``src_uri``, relative to the repository root.

    ``generated`` maps the ``src_uri`` of generated pages to their :class:`Page`; any other page
    is a hand-written file of ``docs/``.
    """
    page = generated.get(src_uri)
    if page is not None:
        return page.source
    return f"{docs_dir}/{src_uri}"


__all__ = ["site_pages", "site_pages_stored", "print_links", "edit_source", "Page"]
