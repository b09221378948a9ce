"""Retours d'expérience: the page of each retour (``retours/<id>/``) and their index (``retours/``).

A retour tells how a fiche, a pratique or a méthodologie was used. The records it used show it
in their « Utilisée N fois » section and on their cards (:func:`core.pages.retour_line`); the
form that writes one is ``proposer/retour/`` (:mod:`core.contribution`).
"""

from __future__ import annotations

from . import urls
from .corpus import Corpus, Record
from .markup import esc, md, rel_url
from .page import Page
from .pages import kind_label, month_year, retour_line
from .schema import COLLECTION_LABELS, RESOURCES, RETOUR
from .text import numeric_date, sort_key


def _label(key: str) -> str:
    return RETOUR.fields[key].label


def _participants(data: dict) -> str:
    if "participants" not in data:
        return ""
    text = str(data["participants"])
    if "dont_personnes_concernees" in data:
        among = data["dont_personnes_concernees"]
        text += f", dont {among} personne{'s' if among > 1 else ''} concernée{'s' if among > 1 else ''}"
    return esc(text)


def _used(corpus: Corpus, record: Record) -> str:
    """The resources the retour used, each a link with its kind."""
    items = []
    for collection in RESOURCES:
        used = sorted((corpus.get(collection, i) for i in record.data.get(collection, [])), key=lambda r: sort_key(r.title))
        items += [f'<li><a href="{esc(rel_url(record.url, r.url))}">{esc(r.title)}</a>'
                  f' <span class="related-kind">({esc(kind_label(r))})</span></li>' for r in used]
    return f'<ul class="retour-ressources">{"".join(items)}</ul>'


def retour_page(corpus: Corpus, record: Record) -> Page:
    data = record.data
    facts = [
        (_label("date"), f'<time datetime="{data["date"].isoformat()}">{esc(month_year(data["date"]))}</time>'),
        (_label("territoires"), esc(", ".join(corpus.label("territoires", t) for t in data["territoires"]))),
        (_label("structure"), esc(data["structure"])),
        (_label("participants"), _participants(data)),
    ]
    rows = "".join(f'<div class="fact"><dt>{esc(name)}</dt><dd>{value}</dd></div>' for name, value in facts if value)
    sections = [("Ressources du centre utilisées", _used(corpus, record))]
    for key in ("ce_qui_a_marche", "ce_qui_a_moins_marche"):
        if key in data:
            sections.append((RETOUR.fields[key].section, md(data[key])))
    if "conseils" in data:
        sections.append((RETOUR.fields["conseils"].section,
                         "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in data["conseils"]) + "</ul>"))
    if "contributeurs" in data:
        sections.append((RETOUR.fields["contributeurs"].section,
                         "<ul>" + "".join(f"<li>{esc(p['nom'])} ({esc(p['role'])})</li>" for p in data["contributeurs"])
                         + "</ul>"))
    header = (f'<header class="record-header">\n'
              f'<p class="record-kind"><span class="badge badge-retours">{esc(kind_label(record))}</span></p>\n'
              f'<h1 class="record-title">{esc(record.title)}</h1>\n'
              f'<p class="record-summary">{esc(data["resume"])}</p>\n'
              f'<dl class="record-facts">{rows}</dl>\n'
              f'<p class="record-date">Mise à jour le <time datetime="{data["date_maj"].isoformat()}">'
              f'{numeric_date(data["date_maj"])}</time></p>\n</header>\n')
    body = header + "\n" + "\n".join(f'## {title}\n\n<div class="record-section">\n{html}\n</div>\n'
                                      for title, html in sections)
    meta = {
        "template": "record.html",
        "render_macros": False,
        "record": {"collection": record.collection, "id": record.id, "source": record.path,
                   "kind": kind_label(record), "date_maj": data["date_maj"].isoformat(), "falc": False,
                   "a_relire": False},
    }
    return Page(f"{record.url.rstrip('/')}.md", record.url, record.title, body, meta, source=record.path)


def retours_index_page(corpus: Corpus) -> Page:
    """Every retour, the most recent action first; with none yet, an invitation to tell one."""
    retours = sorted(corpus.records["retours"].values(), key=lambda r: (r.data["date"], r.id), reverse=True)
    form = esc(rel_url(urls.RETOURS, urls.RETOUR_FORM))
    title = COLLECTION_LABELS["retours"][1]
    intro = ("Des professionnels et des personnes concernées racontent comment ils ont utilisé une fiche, "
             "une pratique ou une méthodologie du centre : ce qui a marché, ce qui a moins marché, leurs conseils.")
    invite = (f'<p class="retour-invite">Vous avez utilisé une ressource du centre ? '
              f'<a class="md-button md-button--primary" href="{form}">Raconter une utilisation</a></p>')
    if retours:
        count = len(retours)
        listing = (f'<p class="count">{count} retour{"s" if count > 1 else ""} d\'expérience</p>\n'
                   f'<ul class="retours-liste">{"".join(retour_line(corpus, r, urls.RETOURS) for r in retours)}</ul>\n'
                   + invite)
    else:
        listing = ('<div class="retours-vide"><p class="count">Aucun retour d\'expérience pour l\'instant.</p>\n'
                   '<p>Vous avez utilisé une fiche, une pratique ou une méthodologie du centre ? Racontez en '
                   'quelques lignes comment cela s\'est passé : votre retour sera le premier.</p>\n'
                   f'<p><a class="md-button md-button--primary" href="{form}">Raconter une utilisation</a></p></div>')
    body = f'<h1>{esc(title)}</h1>\n<p class="page-intro">{esc(intro)}</p>\n\n{listing}'
    meta = {"render_macros": False, "hide": ["toc"]}
    # In « Explorer », beside the nouveautés and the observatory: the top menu is full at 1280 px.
    return Page(f"{urls.RETOURS}index.md", urls.RETOURS, title, body, meta, menu=urls.EXPLORER)


def retour_pages(corpus: Corpus) -> list[Page]:
    """The page of every retour, then their index."""
    return [retour_page(corpus, r) for r in corpus.records["retours"].values()] + [retours_index_page(corpus)]


__all__ = ["retour_page", "retours_index_page", "retour_pages"]
