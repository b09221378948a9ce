"""« Facile à lire »: the space for the people concerned, one HTML page per easy-to-read text.

Every record with a ``falc`` field gets a page of its own, ``facile-a-lire/<collection>-<id>/``,
and the index ``facile-a-lire/`` lists them with their PDF (``core.urls.falc_pdf``). The URLs
are flat on purpose: every prefix of an address is a real page (``facile-a-lire/fiches/`` would be
a dead end), relative links stay one level deep, and ``<collection>-<id>`` cannot collide since no
collection name ends another one's prefix. The words of the index are written in easy-to-read
French themselves (short sentences, one idea each, « vous », numbers as digits, no abbreviation
left unexplained); the FALC texts are record data, rendered by ``core.markup.md`` like any field.
"""

from __future__ import annotations

from . import falc, urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, md_page, rel_url
from .page import Page, PageMeta
from .text import sort_key

EASY_READ_TITLE = "Facile à lire"  # the menu entry, the header link and the index title

# Page meta shared by the index and the texts: a bare reading page, nothing around the text.
_META: PageMeta = {"render_macros": False, "template": "facile-a-lire.html", "hide": ["navigation", "toc"]}

# Pictograms next to the words they illustrate (easy-to-read rules: an image supports a sentence,
# it never replaces it), so they are hidden from screen readers. Paths of Material Design Icons
# (Pictogrammers Free License), as bundled with mkdocs-material: inline, nothing is fetched.
# Not the European easy-to-read logo: it may only mark texts checked by people with intellectual
# disabilities, which the site cannot vouch for.
ICONS = {  # name: Material Design Icons file
    "read": (  # book-open-variant-outline
        "M12 21.5c-1.35-.85-3.8-1.5-5.5-1.5-1.65 0-3.35.3-4.75 1.05-.1.05-.15.05-.25.05-.25 0-.5-.25-.5-."
        "5V6c.6-.45 1.25-.75 2-1 1.11-.35 2.33-.5 3.5-.5 1.95 0 4.05.4 5.5 1.5 1.45-1.1 3.55-1.5 5.5-1.5 "
        "1.17 0 2.39.15 3.5.5.75.25 1.4.55 2 1v14.6c0 .25-.25.5-.5.5-.1 0-.15 0-.25-.05-1.4-.75-3.1-1.05-"
        "4.75-1.05-1.7 0-4.15.65-5.5 1.5m-1-14c-1.36-.6-3.16-1-4.5-1-1.2 0-2.4.15-3.5.5v11.5c1.1-.35 2.3-"
        ".5 3.5-.5 1.34 0 3.14.4 4.5 1zM13 19c1.36-.6 3.16-1 4.5-1 1.2 0 2.4.15 3.5.5V7c-1.1-.35-2.3-.5-3"
        ".5-.5-1.34 0-3.14.4-4.5 1zm1-2.65c.96-.35 2.12-.52 3.5-.52 1.04 0 1.88.08 2.5.24v-1.5a13.9 13.9 "
        "0 0 0-6 .19zm0-2.66c.96-.35 2.12-.53 3.5-.53 1.04 0 1.88.08 2.5.24v-1.5c-.87-.16-1.71-.23-2.5-.2"
        "3-1.28 0-2.45.15-3.5.45zM14 11c.96-.33 2.12-.5 3.5-.5.91 0 1.76.09 2.5.28V9.23c-.87-.15-1.71-.23"
        "-2.5-.23-1.32 0-2.5.15-3.5.46z"
    ),
    "print": (  # printer-outline
        "M19 8c1.66 0 3 1.34 3 3v6h-4v4H6v-4H2v-6c0-1.66 1.34-3 3-3h1V3h12v5zM8 5v3h8V5zm8 14v-4H8v4zm2-4"
        "h2v-4c0-.55-.45-1-1-1H5c-.55 0-1 .45-1 1v4h2v-2h12zm1-3.5c0 .55-.45 1-1 1s-1-.45-1-1 .45-1 1-1 1"
        " .45 1 1"
    ),
    "back": (  # arrow-left
        "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z"
    ),
    "document": (  # file-document-outline
        "M6 2a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm0 2h7v5h5v11H6zm2 8v2h8v-2zm0 4v2h5"
        "v-2z"
    ),
}


def icon(name: str) -> Markup:
    """An inline pictogram, decorative: the words next to it say the same thing."""
    return html('<svg class="easy-read-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">'
                '<path d="{}"/></svg>', ICONS[name])


# Each kind of record, said simply: a heading and one sentence on the index.
GROUPS = {
    "fiches": ("Des fiches", "Chaque fiche explique une façon de faire ensemble."),
    "pratiques": ("Des exemples d'actions", "Ces actions existent déjà."),
    "methodologies": ("Des façons de mener un projet", "Elles expliquent comment faire un projet avec vous."),
}


def easy_read_records(corpus: Corpus) -> list[Record]:
    return [record for record in corpus.all_records() if "falc" in record.data]


def falc_html(record: Record) -> Markup:
    """The FALC text as HTML whose first heading level is h2, right under the page's h1."""
    return md_page(record.data["falc"])


def _pdf_link(record: Record, here: str, css: str) -> Markup:
    return html('<a class="{}" href="{}" download>{}'
                '<span>Texte à imprimer <span class="easy-read-format">(fichier PDF)</span></span></a>',
                css, rel_url(here, urls.falc_pdf(record)), icon("print"))


def easy_read_page(record: Record, method_url: str | None = None) -> Page:
    """One FALC text as a reading page, under its FALC title: large type, short lines, its PDF, one
    line on its review (the invitation to organise it is on the maintainers' page) and the full version.

    ``method_url`` is no longer used here (kept for callers; see core/contribution.py).
    """
    url = urls.easy_read(record)
    body = html(
        '<div class="easy-read easy-read-page" data-record-id="{id}">\n'
        '<p class="easy-read-back"><a href="{index}">{back}'
        '<span>Tous les textes faciles à lire</span></a></p>\n'
        '<h1 class="easy-read-title">{title}</h1>\n'
        '<p class="easy-read-actions">{pdf}</p>\n'
        '<div class="easy-read-text">\n{text}\n</div>\n'
        '{review}\n'
        '<section class="easy-read-more" aria-labelledby="easy-read-more">'
        '<h2 id="easy-read-more">Pour en savoir plus</h2>'
        '<p>Ce texte existe aussi en version complète.</p>'
        '<p>La version complète est plus difficile à lire.</p>'
        '<p><a class="easy-read-full" href="{full}">{document}'
        '<span>Lire la version complète</span></a></p></section>\n'
        '</div>',
        id=record.id, index=rel_url(url, urls.EASY_READ), back=icon("back"), title=falc.title(record.data),
        pdf=_pdf_link(record, url, "md-button easy-read-pdf"), text=falc_html(record),
        review=falc.review_note(record.data),
        full=rel_url(url, record.url), document=icon("document"))
    meta: PageMeta = {**_META, "easy_read": {"collection": record.collection, "id": record.id}}
    return Page(f"{url.rstrip('/')}.md", url, falc.title(record.data), body, meta, source=record.path)


def _entry(record: Record) -> Markup:
    here = urls.EASY_READ
    return html('<li class="easy-read-entry" data-record-id="{}">'
                '<a class="easy-read-open" href="{}">{}<span>{}</span></a>{}</li>',
                record.id, rel_url(here, urls.easy_read(record)), icon("read"), falc.title(record.data),
                _pdf_link(record, here, "easy-read-entry-pdf"))


def easy_read_index(corpus: Corpus) -> Page:
    """The index of the FALC texts, in easy-to-read French, grouped by kind of record."""
    records = easy_read_records(corpus)
    count = len(records)
    if count == 0:
        status = html("<p>Pour l'instant, il n'y a pas de texte facile à lire.</p>")
    elif count == 1:
        status = html("<p>Pour l'instant, il y a 1 texte facile à lire.</p>")
    else:
        status = html("<p>Pour l'instant, il y a {} textes faciles à lire.</p>", count)
    groups: list[Markup] = []
    for collection, (title, sentence) in GROUPS.items():
        members = sorted((r for r in records if r.collection == collection),
                         key=lambda r: sort_key(falc.title(r.data)))
        if members:
            groups.append(html('<section class="easy-read-group" data-collection="{}"><h2>{}</h2><p>{}</p>'
                               '<ul class="easy-read-list">{}</ul></section>',
                               collection, title, sentence, join(_entry(r) for r in members)))
    body = html(
        '<div class="easy-read easy-read-index">\n'
        '<h1>{}</h1>\n'
        '<div class="easy-read-text">'
        '<p>Sur cette page, vous trouvez des textes faciles à lire.</p>'
        '<p>Ces textes expliquent comment donner votre avis.</p>'
        '<p>Ils expliquent aussi comment agir avec d\'autres personnes.</p>'
        '{}'
        '<h2>Comment lire un texte ?</h2>'
        '<p>Pour lire un texte sur l\'écran, cliquez sur son titre.</p>'
        '<p>Vous pouvez aussi imprimer un texte.</p>'
        '<p>Pour cela, cliquez sur « Texte à imprimer » sous son titre.</p>'
        '<p>PDF est le nom d\'un type de fichier facile à imprimer.</p>'
        '<p>Le texte à imprimer est un fichier PDF.</p>'
        '<p>Un fichier PDF s\'ouvre sur un ordinateur ou sur un téléphone.</p>'
        '</div>\n'
        '{}'
        '\n<section class="easy-read-text easy-read-help" aria-labelledby="easy-read-help">'
        '<h2 id="easy-read-help">Les autres pages du site</h2>'
        '<p>Les autres pages du site sont plus difficiles à lire.</p>'
        '<p>Elles sont écrites pour les personnes qui organisent les projets.</p>'
        '<p>Vous pouvez lire ces pages avec une personne de confiance.</p>'
        '</section>\n</div>', EASY_READ_TITLE, status, join(groups, "\n"))
    return Page(f"{urls.EASY_READ}index.md", urls.EASY_READ, EASY_READ_TITLE, body, _META.copy(), menu="")


def easy_read_pages(corpus: Corpus) -> list[Page]:
    method = corpus.records.get(falc.METHOD_FICHE[0], {}).get(falc.METHOD_FICHE[1])
    return [easy_read_index(corpus)] + [easy_read_page(record, method.url if method else None)
                                        for record in easy_read_records(corpus)]
