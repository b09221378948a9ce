"""Printable supports of fiches: handouts and templates a facilitator prints with a fiche.

A fiche may declare ``supports`` (schema: ``SUPPORT`` in ``core/schema/declarations.py``). Each
support is one A4 sheet: a page of its own, ``supports/<id>/`` (out of the navigation, looking like
the sheet on screen, with its print button, its PDF and a link back to its fiche), and a PDF
``supports/<id>/<id>.pdf`` with the QR code back to that page (``core.printing``). The index
``supports/`` lists them by fiche; the fiche page lists its own (``core.pages``); kit booklets and
« mon kit » print them after their fiche.

The sheet's HTML is built here, once, for the page, the PDF and the booklets alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import urls
from .corpus import Corpus, Record
from .markup import esc, md, rel_url
from .page import Page
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

_HEADING_TAG = re.compile(r"<(/?)h([4-6])>")


def _content(text: str) -> str:
    """The Markdown content with its first heading level at h2, under the sheet's h1.

    ``md`` demotes headings to h4-h6 (they sit under a record page's sections); on the sheet the
    content is the page. ``md`` output is sanitised, so the pattern only meets real heading tags.
    """
    html = md(text)
    levels = [int(level) for _, level in _HEADING_TAG.findall(html)]
    if not levels:
        return html
    shift = min(levels) - 2
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - shift}>", html)


def ladder_poster(corpus: Corpus) -> str:
    """The participation ladder as a poster: one step per level of the vocabulary, rising left to right.

    An ordered list (a screen reader reads it in order, weakest first); the height of each step is
    its rank (``support-ladder-rang-N`` in print.css and centre.css). Levels and meanings come from
    ``data/referentiels/niveaux-participation.yml``, never retyped.
    """
    terms = list(corpus.vocabularies["niveaux-participation"].values())
    steps = "".join(
        f'<li class="support-ladder-step support-ladder-rang-{rank}" data-niveau="{esc(term.id)}">'
        f'<span class="support-ladder-rank">{rank}</span>'
        f'<span class="support-ladder-label">{esc(term.label)}</span>'
        + (f'<span class="support-ladder-text">{esc(term.description)}</span>' if term.description else "")
        + '</li>' for rank, term in enumerate(terms, start=1))
    return (f'<ol class="support-ladder" aria-label="Les {len(terms)} niveaux de participation, du plus faible au plus fort">'
            f'{steps}</ol>')


# Pictures a support may name (schema: ILLUSTRATIONS), drawn large for a sheet.
POSTERS = {"echelle-participation": ladder_poster}


def sheet(corpus: Corpus, support: Support) -> str:
    """The A4 sheet itself: fiche, title, picture, content. Same HTML on the page, the PDF and in kits."""
    picture = POSTERS[support.data["illustration"]](corpus) if "illustration" in support.data else ""
    return (f'<article class="support-sheet support-{support.orientation}" data-support-id="{esc(support.id)}">'
            f'<p class="support-kicker">Support de la fiche « {esc(support.fiche.title)} »</p>'
            f'<h1 class="support-title">{esc(support.title)}</h1>'
            f'{picture}<div class="support-content">{_content(support.data["contenu"])}</div></article>')


# --- pages ----------------------------------------------------------------------------------

def support_page(corpus: Corpus, support: Support) -> Page:
    """One support on screen: back to its fiche, what it is for, print and PDF, then the sheet."""
    here = support.url
    pdf = rel_url(here, support.pdf)
    tools = (f'<div class="support-tools">'
             f'<p class="support-back"><a href="{esc(rel_url(here, support.fiche.url))}">'
             f'Retour à la fiche « {esc(support.fiche.title)} »</a></p>'
             f'<p class="support-usage"><strong>{esc(_FIELDS["usage"].label)} :</strong> {esc(support.data["usage"])}</p>'
             f'<p class="support-actions">'
             f'<button type="button" class="md-button support-print" data-print hidden>Imprimer</button> '
             f'<a class="md-button md-button--primary support-pdf" href="{esc(pdf)}" download>'
             f'Télécharger le PDF <span class="support-format">({esc(paper(support))})</span></a></p>'
             f'</div>')
    meta = {"render_macros": False, "template": "support.html", "hide": ["navigation", "toc"],
            "support": {"id": support.id, "fiche": support.fiche.id, "orientation": support.orientation}}
    return Page(f"{here.rstrip('/')}.md", here, support.title, tools + "\n" + sheet(corpus, support), meta,
                source=support.fiche.path)


def support_links(record: Record, supports: list[Support] | None = None) -> str:
    """The list of a fiche's supports (or of ``supports``), with page and PDF links, seen from ``record``'s page."""
    return _links(record.url, supports if supports is not None else supports_of(record))


def _links(here: str, supports: list[Support]) -> str:
    items = "".join(
        f'<li class="support-item" data-support="{esc(s.id)}">'
        f'<a class="support-link" href="{esc(rel_url(here, s.url))}">{esc(s.title)}</a>'
        f' — <a class="support-item-pdf" href="{esc(rel_url(here, s.pdf))}" download>PDF'
        f'<span class="support-format"> ({esc(paper(s))})</span></a>'
        f'<br><span class="support-item-usage">{esc(s.data["usage"])}</span></li>' for s in supports)
    return f'<ul class="supports-list">{items}</ul>'


def supports_index(corpus: Corpus) -> Page:
    """``supports/``: every support, grouped by fiche (fiches in title order)."""
    fiches = sorted((r for r in corpus.records.get("fiches", {}).values() if r.data.get("supports")),
                    key=lambda r: sort_key(r.title))
    count = sum(len(r.data["supports"]) for r in fiches)
    groups = "".join(
        f'<section class="supports-group" data-fiche="{esc(r.id)}">'
        f'<h2><a href="{esc(rel_url(urls.SUPPORTS, r.url))}">{esc(r.title)}</a></h2>'
        f'{_links(urls.SUPPORTS, supports_of(r))}</section>' for r in fiches)
    intro = ("Des documents à imprimer avec les fiches : attestations, grilles, trames, affiches. "
             "Chacun tient sur une page A4 et existe en PDF ; son code QR ramène à sa page sur ce site.")
    counted = (f"{count} support{'s' if count > 1 else ''} pour {len(fiches)} fiche{'s' if len(fiches) > 1 else ''}."
               if count else "Aucune fiche ne propose encore de support à imprimer.")
    kits = rel_url(urls.SUPPORTS, urls.KITS)
    body = (f'<h1>{esc(SUPPORTS_TITLE)}</h1>\n<p class="page-intro">{esc(intro)}</p>\n'
            f'<p class="supports-count">{esc(counted)} Les <a href="{kits}">kits d\'atelier</a> '
            f'impriment chaque support après sa fiche.</p>\n<div class="supports-index">{groups}</div>')
    return Page(f"{urls.SUPPORTS}index.md", urls.SUPPORTS, SUPPORTS_TITLE, body, {"render_macros": False})


def support_pages(corpus: Corpus) -> list[Page]:
    return [supports_index(corpus)] + [support_page(corpus, s) for s in all_supports(corpus)]
