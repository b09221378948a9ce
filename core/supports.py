"""Printable supports of fiches: handouts and templates a facilitator prints with a fiche.

A fiche may declare ``supports`` (schema: ``SUPPORT`` in ``core/schema/declarations.py``). Each
support is one A4 sheet: a page of its own, ``supports/<id>/`` (out of the navigation, looking like
the sheet on screen, with its print button, its PDF and a link back to its fiche), and a PDF
``supports/<id>/<id>.pdf`` with the QR code back to that page (``core.printing``). The index
``supports/`` lists them by fiche; the fiche page lists its own (``core.render.fiche``); kit booklets and
« mon kit » print them after their fiche.

The sheet's HTML is built here, once, for the page, the PDF and the booklets alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from . import urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, md_page, rel_url
from .page import Page, PageMeta
from .schema import FICHE
from .text import sort_key

SUPPORTS_TITLE = "Supports à imprimer"
_FIELDS = FICHE.fields["supports"].type.item.fields


@dataclass
class Support:
    fiche: Record
    data: dict

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def title(self) -> str:
        return self.data["titre"]

    @property
    def url(self) -> str:
        return urls.support(self.id)

    @property
    def pdf(self) -> str:
        return urls.support_pdf(self.id)

    @property
    def orientation(self) -> str:
        return self.data.get("orientation", "portrait")


def supports_of(record: Record) -> list[Support]:
    return [Support(record, data) for data in record.data.get("supports", [])]


def all_supports(corpus: Corpus) -> list[Support]:
    """Every support of the site, fiche by fiche (in id order), each fiche's in its own order."""
    return [support for record in corpus.records.get("fiches", {}).values() for support in supports_of(record)]


def paper(support: Support) -> str:
    """« A4 portrait », « A4 paysage »: the sheet's format in the schema's words."""
    return "A4 " + _FIELDS["orientation"].type.values[support.orientation].lower()


# --- the sheet ----------------------------------------------------------------------------

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_CELL = re.compile(r"<td([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def _labelled(text: str) -> str:
    """Each cell of a table's body carries its column's header (``data-label``): on a phone the
    rows are stacked, each cell after its label (centre.css), instead of a table cut at the third
    column. ``md`` output is sanitised, so the patterns only meet real table tags."""
    def table(match: re.Match) -> str:
        head, _, body = match.group(1).partition("</thead>")
        labels = [unescape(_TAG.sub("", cell)).strip() for cell in _HEADER_CELL.findall(head)]
        if not labels:
            return match.group(0)

        def row(found: re.Match) -> str:
            cells = iter(labels)
            return _CELL.sub(lambda cell: str(html('<td{} data-label="{}">', Markup(cell.group(1)), next(cells, ""))),
                             found.group(0))
        return "<table>" + head + "</thead>" + re.sub(r"<tr>.*?</tr>", row, body, flags=re.S) + "</table>"
    return _TABLE.sub(table, text)


def ladder_poster(corpus: Corpus) -> Markup:
    """The participation ladder as a poster: one step per level of the vocabulary, rising left to right.

    An ordered list (a screen reader reads it in order, weakest first); the height of each step is
    its rank (``support-ladder-rang-N`` in print.css and centre.css). Levels and meanings come from
    ``data/referentiels/niveaux-participation.yml``, never retyped.
    """
    terms = list(corpus.vocabularies["niveaux-participation"].values())
    steps = join(
        html('<li class="support-ladder-step support-ladder-rang-{rank}" data-niveau="{id}">'
             '<span class="support-ladder-rank">{rank}</span><span class="support-ladder-label">{label}</span>{text}</li>',
             rank=rank, id=term.id, label=term.label,
             text=html('<span class="support-ladder-text">{}</span>', term.description) if term.description else "")
        for rank, term in enumerate(terms, start=1))
    return html('<ol class="support-ladder" aria-label="Les {} niveaux de participation, du plus faible au plus fort">'
                '{}</ol>', len(terms), steps)


# Pictures a support may name (schema: ILLUSTRATIONS), drawn large for a sheet.
POSTERS = {"echelle-participation": ladder_poster}


def sheet(corpus: Corpus, support: Support) -> Markup:
    """The A4 sheet itself: fiche, title, picture, content. Same HTML on the page, the PDF and in kits.

    The content's first heading level is h2, under the sheet's h1 (:func:`core.markup.md_page`).
    """
    picture = POSTERS[support.data["illustration"]](corpus) if "illustration" in support.data else Markup()
    return html('<article class="support-sheet support-{}" data-support-id="{}">'
                '<p class="support-kicker">Support de la fiche « {} »</p>'
                '<h1 class="support-title">{}</h1>'
                '{}<div class="support-content">{}</div></article>',
                support.orientation, support.id, support.fiche.title, support.title, picture,
                Markup(_labelled(md_page(support.data["contenu"]))))


# --- pages ----------------------------------------------------------------------------------

def support_page(corpus: Corpus, support: Support) -> Page:
    """One support on screen: back to its fiche, what it is for, print and PDF, then the sheet."""
    here = support.url
    pdf = rel_url(here, support.pdf)
    tools = html('<div class="support-tools">'
                 '<p class="support-back"><a href="{}">Retour à la fiche « {} »</a></p>'
                 '<p class="support-usage"><strong>{} :</strong> {}</p>'
                 '<p class="support-actions">'
                 '<button type="button" class="md-button support-print" data-print hidden>Imprimer</button> '
                 '<a class="md-button md-button--primary support-pdf" href="{}" download>'
                 'Télécharger le PDF <span class="support-format">({})</span></a></p>'
                 '</div>',
                 rel_url(here, support.fiche.url), support.fiche.title, _FIELDS["usage"].label, support.data["usage"],
                 pdf, paper(support))
    meta: PageMeta = {"render_macros": False, "template": "support.html", "hide": ["navigation", "toc"],
            "support": {"id": support.id, "fiche": support.fiche.id, "orientation": support.orientation}}
    return Page(f"{here.rstrip('/')}.md", here, support.title, tools + "\n" + sheet(corpus, support), meta,
                source=support.fiche.path)


def support_links(record: Record, supports: list[Support] | None = None) -> Markup:
    """The list of a fiche's supports (or of ``supports``), with page and PDF links, seen from ``record``'s page."""
    return _links(record.url, supports if supports is not None else supports_of(record))


def _links(here: str, supports: list[Support]) -> Markup:
    items = join(
        html('<li class="support-item" data-support="{}">'
             '<a class="support-link" href="{}">{}</a>'
             ' — <a class="support-item-pdf" href="{}" download>PDF<span class="support-format"> ({})</span></a>'
             '<br><span class="support-item-usage">{}</span></li>',
             s.id, rel_url(here, s.url), s.title, rel_url(here, s.pdf), paper(s), s.data["usage"]) for s in supports)
    return html('<ul class="supports-list">{}</ul>', items)


def supports_index(corpus: Corpus) -> Page:
    """``supports/``: every support, grouped by fiche (fiches in title order)."""
    fiches = sorted((r for r in corpus.records.get("fiches", {}).values() if r.data.get("supports")),
                    key=lambda r: sort_key(r.title))
    count = sum(len(r.data["supports"]) for r in fiches)
    groups = join(
        html('<section class="supports-group" data-fiche="{}"><h2><a href="{}">{}</a></h2>{}</section>',
             r.id, rel_url(urls.SUPPORTS, r.url), r.title, _links(urls.SUPPORTS, supports_of(r))) for r in fiches)
    intro = ("Des documents à imprimer avec les fiches : attestations, grilles, trames, affiches. "
             "Chacun tient sur une page A4 et existe en PDF ; son code QR ramène à sa page sur ce site.")
    counted = (f"{count} support{'s' if count > 1 else ''} pour {len(fiches)} fiche{'s' if len(fiches) > 1 else ''}."
               if count else "Aucune fiche ne propose encore de support à imprimer.")
    kits = rel_url(urls.SUPPORTS, urls.KITS)
    body = html('<h1>{}</h1>\n<p class="page-intro">{}</p>\n'
                '<p class="supports-count">{} Les <a href="{}">kits d\'atelier</a> '
                'impriment chaque support après sa fiche.</p>\n<div class="supports-index">{}</div>',
                SUPPORTS_TITLE, intro, counted, kits, groups)
    return Page(f"{urls.SUPPORTS}index.md", urls.SUPPORTS, SUPPORTS_TITLE, body, {"render_macros": False})


def support_pages(corpus: Corpus) -> list[Page]:
    return [supports_index(corpus)] + [support_page(corpus, s) for s in all_supports(corpus)]
