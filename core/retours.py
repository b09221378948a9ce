"""Retours d'expérience: the page of each retour (``retours/<id>/``) and their index (``retours/``).

A retour tells how a fiche, a pratique or a méthodologie was used. The records it used show it
in their « Utilisée N fois » section and on their cards (:func:`core.render.usage.retour_line`); the
form that writes one is ``proposer/retour/`` (:mod:`core.contribution`).
"""

from __future__ import annotations

from . import urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, md, rel_url
from .page import Page, PageMeta
from .render.components import kind_label
from .render.usage import retour_line
from .schema import COLLECTION_LABELS, RESOURCES, RETOUR
from .text import month_year, numeric_date, sort_key


def _label(key: str) -> str:
    return RETOUR.fields[key].label


def _participants(data: dict) -> str:
    """« 12, dont 5 personnes concernées » (text), or "" when the retour does not say."""
    if "participants" not in data:
        return ""
    text = str(data["participants"])
    if "dont_personnes_concernees" in data:
        among = data["dont_personnes_concernees"]
        text += f", dont {among} personne{'s' if among > 1 else ''} concernée{'s' if among > 1 else ''}"
    return text


def _used(corpus: Corpus, record: Record) -> Markup:
    """The resources the retour used, each a link with its kind."""
    items = []
    for collection in RESOURCES:
        used = sorted((corpus.get(collection, i) for i in record.data.get(collection, [])), key=lambda r: sort_key(r.title))
        items += [html('<li><a href="{}">{}</a> <span class="related-kind">({})</span></li>',
                       rel_url(record.url, r.url), r.title, kind_label(r)) for r in used]
    return html('<ul class="retour-ressources">{}</ul>', join(items))


def retour_page(corpus: Corpus, record: Record) -> Page:
    data = record.data
    facts: list[tuple[str, str | Markup]] = [
        (_label("date"), html('<time datetime="{}">{}</time>', data["date"].isoformat(), month_year(data["date"]))),
        (_label("territoires"), ", ".join(corpus.label("territoires", t) for t in data["territoires"])),
        (_label("structure"), data["structure"]),
        (_label("participants"), _participants(data)),
    ]
    rows = join(html('<div class="fact"><dt>{}</dt><dd>{}</dd></div>', name, value) for name, value in facts if value)
    sections = [("Ressources du centre utilisées", _used(corpus, record))]
    for key in ("ce_qui_a_marche", "ce_qui_a_moins_marche"):
        if key in data:
            sections.append((RETOUR.fields[key].section, md(data[key])))
    if "conseils" in data:
        sections.append((RETOUR.fields["conseils"].section,
                         html("<ul>{}</ul>", join(html("<li>{}</li>", c) for c in data["conseils"]))))
    if "contributeurs" in data:
        sections.append((RETOUR.fields["contributeurs"].section,
                         html("<ul>{}</ul>", join(html("<li>{} ({})</li>", p["nom"], p["role"])
                                                  for p in data["contributeurs"]))))
    header = html('<header class="record-header">\n'
                  '<p class="record-kind"><span class="badge badge-retours">{}</span></p>\n'
                  '<h1 class="record-title">{}</h1>\n'
                  '<p class="record-summary">{}</p>\n'
                  '<dl class="record-facts">{}</dl>\n'
                  '<p class="record-date">Mise à jour le <time datetime="{}">{}</time></p>\n</header>\n',
                  kind_label(record), record.title, data["resume"], rows, data["date_maj"].isoformat(),
                  numeric_date(data["date_maj"]))
    # Section headings are Markdown (they reach the table of contents), worded by the schema.
    body = header + "\n" + join((html('## {}\n\n<div class="record-section">\n{}\n</div>\n', Markup(title), section)
                                  for title, section in sections), "\n")
    meta: PageMeta = {
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
    form = rel_url(urls.RETOURS, urls.RETOUR_FORM)
    title = COLLECTION_LABELS["retours"][1]
    intro = ("Des professionnels et des personnes concernées racontent comment ils ont utilisé une fiche, "
             "une pratique ou une méthodologie du centre : ce qui a marché, ce qui a moins marché, leurs conseils.")
    invite = html('<p class="retour-invite">Vous avez utilisé une ressource du centre ? '
                  '<a class="md-button md-button--primary" href="{}">Raconter une utilisation</a></p>', form)
    if retours:
        count = len(retours)
        lines = join(Markup(retour_line(corpus, r, urls.RETOURS)) for r in retours)  # core.pages: HTML
        listing = html('<p class="count">{} retour{} d\'expérience</p>\n<ul class="retours-liste">{}</ul>\n{}',
                       count, "s" if count > 1 else "", lines, invite)
    else:
        listing = html('<div class="retours-vide"><p class="count">Aucun retour d\'expérience pour l\'instant.</p>\n'
                       '<p>Vous avez utilisé une fiche, une pratique ou une méthodologie du centre ? Racontez en '
                       'quelques lignes comment cela s\'est passé : votre retour sera le premier.</p>\n'
                       '<p><a class="md-button md-button--primary" href="{}">Raconter une utilisation</a></p></div>', form)
    body = html('<h1>{}</h1>\n<p class="page-intro">{}</p>\n\n{}', title, intro, listing)
    meta: PageMeta = {"render_macros": False, "hide": ["toc"]}
    # In « Explorer », beside the nouveautés and the observatory: the top menu is full at 1280 px.
    return Page(f"{urls.RETOURS}index.md", urls.RETOURS, title, body, meta, menu=urls.EXPLORER)


def retour_pages(corpus: Corpus) -> list[Page]:
    """The page of every retour, then their index."""
    return [retour_page(corpus, r) for r in corpus.records["retours"].values()] + [retours_index_page(corpus)]


__all__ = ["retour_page", "retours_index_page", "retour_pages"]
