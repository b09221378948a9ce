"""The catalogue of every record (``/catalogue/``) and the facet filters of list pages.

Filters are enhanced by ``docs/assets/javascripts/catalogue.js``: the form is built here with
every facet and value, hidden until the script runs, so that without JavaScript the page is
simply the full list of cards (each card carries its facets as ``data-*`` attributes).
"""

from __future__ import annotations

from .corpus import Corpus
from .markup import esc
from .page import Page
from .pages import cards
from .schema import FACETS

LIST_URLS = ("catalogue/", "pratiques/", "fiches/", "methodologies/")


def filters_form(corpus: Corpus) -> str:
    """The filter form of list pages (hidden until catalogue.js shows it)."""
    groups = []
    for facet in FACETS:  # one group per facet, in the order the schema gives
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{esc(facet.name)}" value="{esc(value)}"> '
            f'<span class="filtre-libelle">{esc(label)}</span> <span class="filtre-nombre"></span></label></li>'
            for value, label in facet.labels(corpus.vocabularies).items())
        groups.append(f'<fieldset class="filtre-groupe" data-filtre="{esc(facet.name)}"><legend>{esc(facet.legend)}</legend>'
                      f'<ul>{boxes}</ul></fieldset>')
    return ('<form class="filtres" role="search" aria-label="Filtrer les ressources" hidden>'
            '<p class="filtres-texte"><label for="filtre-q">Mots à chercher</label>'
            '<input type="search" id="filtre-q" name="q" autocomplete="off" spellcheck="false"></p>'
            f'<div class="filtres-groupes">{"".join(groups)}</div>'
            '<p class="filtres-actions"><button type="reset" class="md-button">Effacer les filtres</button></p>'
            '<p class="filtres-bilan" role="status" aria-live="polite" aria-atomic="true"></p>'
            '</form>')


def catalogue_page(corpus: Corpus) -> Page:
    records = list(corpus.all_records())
    url = "catalogue/"
    count = f'<p class="count">{len(records)} ressource{"s" if len(records) > 1 else ""}</p>'
    body = ('<h1>Catalogue</h1>\n<p class="page-intro">Toutes les ressources du centre : pratiques inspirantes, '
            'fiches et méthodologies. Filtrez par thématique, public, territoire ou niveau de participation.</p>\n\n'
            f'{count}\n{cards(corpus, records, url)}')
    return Page("catalogue/index.md", url, "Catalogue", body, {"render_macros": False, "template": "catalogue.html"},
                menu="")
