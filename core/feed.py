"""What is new: the « Nouveautés » page and its Atom feed ``nouveautes.xml``, one entry per record
(the :data:`LATEST` most recent ones).

Every record is dated by ``date_maj`` (its last review): the data cannot tell a new record from a
reviewed one, so both say « ajoutée ou mise à jour ». The feed is written with feedgen (it checks
that the feed and each entry have the elements Atom requires, and escapes the text); see
``docs-dev/opendata.md`` for the choice.

Entry ids are ``urn:uuid:`` names derived from the collection and the id, not the page URL: a
record keeps its id when the site moves to another address, so feed readers never see every
entry again as new. Links are absolute when ``site_url`` is known; without it they are relative to
the feed (``fiches/x/``), which Atom allows (RFC 4287 resolves them against the feed's own address).
"""

from __future__ import annotations

import datetime
import uuid

from . import urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, rel_url
from .page import Page, PageMeta
from .schema import COLLECTION_LABELS, NOUNS
from .text import month_year, numeric_date

PAGE_TITLE = "Nouveautés"
FEED_TITLE = "Nouveautés du centre de ressources"
# The page and the feed hold the most recent records only: at 2,000 records the page listing every
# one weighed 1.4 MB, read on phones. The catalogue holds them all.
LATEST = 50
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:centre-ressources-pouvoir-d-agir")


def entry_id(record: Record) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{record.collection}/{record.id}')}"


def newest_first(corpus: Corpus) -> list[Record]:
    """Every record, the most recently reviewed first (then by collection and id: a stable order)."""
    records = sorted(corpus.all_records(), key=lambda r: (r.collection, r.id))
    return sorted(records, key=lambda r: r.data["date_maj"], reverse=True)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def feed_xml(corpus: Corpus, site_url: str = "", site_name: str = "") -> bytes:
    """The Atom feed: one entry per recent record (:data:`LATEST`) with its title, summary, date and page address."""
    from feedgen.feed import FeedGenerator  # imported here: only the build needs it

    records = newest_first(corpus)[:LATEST]
    generator = FeedGenerator()
    generator.id(f"urn:uuid:{_NAMESPACE}")
    generator.title(f"{site_name} : nouveautés" if site_name else FEED_TITLE)
    generator.subtitle("Les ressources ajoutées ou mises à jour, les plus récentes d'abord.")
    generator.language("fr")
    generator.author({"name": site_name or "Métropole de Lyon"})
    generator.link(href=urls.absolute(site_url, urls.FEED), rel="self", type="application/atom+xml")
    generator.link(href=urls.absolute(site_url, urls.NOVELTIES), rel="alternate", type="text/html")
    latest = records[0].data["date_maj"] if records else datetime.date(2000, 1, 1)
    generator.updated(_moment(latest))
    for record in records:
        entry = generator.add_entry(order="append")
        entry.id(entry_id(record))
        entry.title(record.title)
        entry.updated(_moment(record.data["date_maj"]))
        entry.summary(record.data.get("resume", ""))
        entry.link(href=urls.absolute(site_url, record.url), rel="alternate", type="text/html")
        entry.category(term=record.collection, label=COLLECTION_LABELS[record.collection][0])
    return generator.atom_str(pretty=True, encoding="UTF-8")


def head_link(base_url: str) -> Markup:
    """The ``<link>`` announcing the feed in a page's head (``base_url``: from the page to the root)."""
    return html('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
                FEED_TITLE, urls.absolute(base_url, urls.FEED))


def _agreed(collection: str) -> str:
    """« Ajoutée ou mise à jour » (une fiche), « Ajouté ou mis à jour » (a masculine noun)."""
    noun = NOUNS.get(collection)
    return "Ajoutée ou mise à jour" if noun is None or noun.feminine else "Ajouté ou mis à jour"


def nouveautes_page(corpus: Corpus) -> Page:
    """The « Nouveautés » page: the :data:`LATEST` most recent records, newest first, grouped by month."""
    every = newest_first(corpus)
    records = every[:LATEST]
    feed = rel_url(urls.NOVELTIES, urls.FEED)
    which = (f"Les {LATEST} ressources du centre ajoutées ou mises à jour le plus récemment"
             if len(every) > LATEST else "Les ressources du centre")
    intro = (f"{which}, de la plus récente à la plus ancienne. Chaque ressource est datée "
             "de sa dernière relecture : elle a été ajoutée ou mise à jour ce jour-là.")
    parts = [html('<h1>{}</h1>\n<p class="page-intro">{}</p>\n\n'
                  '<div class="nouveautes-flux"><p>Pour être prévenu sans revenir sur cette page : '
                  '<a href="{}" type="application/atom+xml">le flux Atom des nouveautés</a>, à ajouter '
                  "à un lecteur de flux (Thunderbird, Feedly, la messagerie de l'intranet…).</p></div>\n",
                  PAGE_TITLE, intro, feed)]
    if not records:
        parts.append(html('<div class="nouveautes-vide"><p>Aucune ressource pour l\'instant.</p></div>\n'))
    month: datetime.date | None = None
    items: list[Markup] = []

    def flush() -> None:
        if items and month is not None:
            title = month_year(month)
            parts.append(html('## {}\n\n<div class="nouveautes-mois">\n{}\n</div>\n',
                              title[:1].upper() + title[1:], join(items, "\n")))

    for record in records:
        day = record.data["date_maj"]
        if month is None or (day.year, day.month) != (month.year, month.month):
            flush()
            month, items = day, []
        items.append(html(
            '<article class="nouveaute nouveaute-{kind}" data-id="{id}">'
            '<p class="nouveaute-kind"><span class="badge badge-{kind}">{label}</span></p>'
            '<h3 class="nouveaute-title"><a href="{href}">{title}</a></h3>'
            '<p class="nouveaute-summary">{summary}</p>'
            '<p class="nouveaute-date">{agreed} le <time datetime="{iso}">{date}</time></p></article>',
            kind=record.collection, id=record.id, label=COLLECTION_LABELS[record.collection][0],
            href=rel_url(urls.NOVELTIES, record.url), title=record.title, summary=record.data.get("resume", ""),
            agreed=_agreed(record.collection), iso=day.isoformat(), date=numeric_date(day)))
    flush()
    if len(every) > LATEST:
        parts.append(html('<div class="nouveautes-suite"><p>Les {} ressources plus anciennes sont '
                          'dans <a href="{}">le catalogue</a>, avec toutes les autres.</p></div>\n',
                          len(every) - LATEST, rel_url(urls.NOVELTIES, urls.CATALOGUE)))
    meta: PageMeta = {"render_macros": False, "search_index": False}
    return Page(f"{urls.NOVELTIES}index.md", urls.NOVELTIES, PAGE_TITLE, join(parts, "\n"), meta, source=None, menu=urls.EXPLORER)


__all__ = ["feed_xml", "head_link", "nouveautes_page", "newest_first", "entry_id"]
