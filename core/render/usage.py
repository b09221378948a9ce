"""« Utilisée N fois »: the retours d'expérience on the records they used.

The count on cards and in a record page's header, the section listing the retours with the link to
tell one, and the line of a retour in a list. The retours' own pages are ``core/retours.py``.
"""

from __future__ import annotations

from .. import urls
from ..corpus import Corpus, Record
from ..markup import Markup, html, join, rel_url
from ..schema import NOUNS
from ..text import month_year, slug

USAGE_ANCHOR = "retours"  # the id of the « Utilisée N fois » section, linked from the header


def used_times(record: Record, count: int) -> str:
    """« Utilisée 2 fois »: the participle agrees with the record's noun (fiche, pratique, méthodologie)."""
    return f"Utilisé{'e' if NOUNS[record.collection].feminine else ''} {count} fois"


def retour_form_param(collection: str) -> str:
    """The address parameter that preselects a record in the retour form: ``fiche``, ``pratique``, ``methodologie``."""
    return slug(NOUNS[collection].word)


def retour_form_link(record: Record) -> str:
    """The retour form, relative to ``record``'s page, with this record already chosen (?fiche=<id>)."""
    return f"{rel_url(record.url, urls.RETOUR_FORM)}?{retour_form_param(record.collection)}={record.id}"


def card_usage(record: Record) -> Markup:
    """« Utilisée N fois » on a card, when retours used the record."""
    count = len(record.related.get("retours", []))
    return html('<p class="card-usage">{}</p>', used_times(record, count)) if count else Markup()


def header_usage(record: Record) -> Markup:
    """« Utilisée N fois » in a record page's header, a link to the section that lists the retours."""
    count = len(record.related.get("retours", []))
    return (html('<p class="record-usage"><a href="#{}">{}</a></p>\n', USAGE_ANCHOR, used_times(record, count))
            if count else Markup())


def retour_line(corpus: Corpus, retour: Record, here: str) -> Markup:
    """One retour in a list: its title (a link), the structure, the territories and the month."""
    data = retour.data
    places = ", ".join(corpus.label("territoires", t) for t in data["territoires"])
    return html('<li class="retour-item"><a href="{}">{}</a><span class="retour-meta"> — {}, {}, '
                '<time datetime="{}">{}</time></span></li>',
                rel_url(here, retour.url), retour.title, data["structure"], places, data["date"].isoformat(),
                month_year(data["date"]))


def usage_section(corpus: Corpus, record: Record) -> tuple[str, Markup]:
    """(title, HTML): the retours that used the record, most recent first, and the link to tell one."""
    retours = corpus.retours(record)
    noun = NOUNS[record.collection]
    this = f"{'cette' if noun.feminine else 'ce'} {noun.word}"
    invite = html('<p class="retour-invite"><a class="md-button" href="{}">Raconter une utilisation</a></p>',
                  retour_form_link(record))
    if not retours:
        return (f"Retours d'expérience {{#{USAGE_ANCHOR}}}",
                html("<p>Personne n'a encore raconté son utilisation de {}. Vous l'avez utilisé{} ? Racontez en "
                     "quelques lignes comment cela s'est passé : d'autres en profiteront.</p>{}",
                     this, "e" if noun.feminine else "", invite))
    items = join(retour_line(corpus, r, record.url) for r in retours)
    return (f"{used_times(record, len(retours))} {{#{USAGE_ANCHOR}}}",
            html('<ul class="retours-liste">{}</ul>{}', items, invite))
