"""The catalogue of every record (``/catalogue/``) and the facet filters of list pages.

Filters are enhanced by ``docs/assets/javascripts/catalogue.js``: each list page gets its own
form, offering only the values its records hold (a value with no resource is never a filter),
most frequent first, with their counts. The form is hidden until the script runs, so that without
JavaScript the page is simply the full list of cards (each card carries its facets as ``data-*``
attributes). The script puts results first: on narrow screens the filters sit behind one
« Filtrer » button, on wide screens they are a compact column beside the results.
"""

from __future__ import annotations

from collections import Counter

from . import urls
from .corpus import Corpus, Record
from .markup import esc
from .page import Page
from .pages import cards, list_meta
from .schema import FACETS, RESOURCES, FacetSpec

LIST_URLS = (urls.CATALOGUE, *(urls.collection(name) for name in RESOURCES))


def list_records(corpus: Corpus, url: str) -> list[Record]:
    """The records a list page shows: every record on the catalogue, a collection's own elsewhere."""
    if url == urls.CATALOGUE:
        return list(corpus.resources())
    return list(corpus.records[url.rstrip("/")].values())


def offered_values(facet: FacetSpec, corpus: Corpus, records: list[Record]) -> list[tuple[str, str, int]]:
    """(value, label, count) of the values ``records`` hold, most frequent first, then the vocabulary's order.

    Empty when filtering on this facet could not narrow the list: no value, or one value every record has.
    """
    counts = Counter(value for record in records for value in facet.values(record))
    ordered = [(value, label, counts[value]) for value, label in facet.labels(corpus.vocabularies).items()
               if counts[value]]
    ordered.sort(key=lambda item: -item[2])  # stable: ties keep the vocabulary's order
    if len(ordered) == 1 and ordered[0][2] == len(records):
        return []
    return ordered


def filters_form(corpus: Corpus, records: list[Record]) -> str:
    """The filter form of a list page showing ``records`` (hidden until catalogue.js shows it)."""
    groups = []
    for facet in FACETS:  # one group per facet, in the order the schema gives
        values = offered_values(facet, corpus, records)
        if not values:
            continue
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{esc(facet.name)}" value="{esc(value)}"> '
            f'<span class="filtre-libelle">{esc(label)} <span class="filtre-nombre">({count})</span></span></label></li>'
            for value, label, count in values)
        groups.append(f'<fieldset class="filtre-groupe" data-filtre="{esc(facet.name)}"><legend>{esc(facet.legend)}</legend>'
                      f'<ul>{boxes}</ul></fieldset>')
    return ('<form class="filtres" role="search" aria-label="Filtrer les ressources" hidden>'
            '<p class="filtres-texte"><label for="filtre-q">Mots à chercher</label>'
            '<input type="search" id="filtre-q" name="q" autocomplete="off" spellcheck="false"></p>'
            '<p class="filtres-barre">'
            '<button type="button" class="md-button filtres-bouton" aria-expanded="false" aria-controls="filtres-panneau">'
            'Filtrer<span class="filtres-actifs"></span></button> '
            '<button type="reset" class="md-button filtres-effacer">Effacer les filtres</button></p>'
            f'<div class="filtres-panneau" id="filtres-panneau"><div class="filtres-groupes">{"".join(groups)}</div>'
            '<p class="filtres-fin"><button type="button" class="md-button md-button--primary filtres-voir">'
            'Voir les résultats</button></p></div>'
            '</form>')


def filter_forms(corpus: Corpus) -> dict[str, str]:
    """List page URL -> its filter form."""
    return {url: filters_form(corpus, list_records(corpus, url)) for url in LIST_URLS}


def catalogue_page(corpus: Corpus) -> Page:
    url = urls.CATALOGUE
    records = list_records(corpus, url)
    count = f'<p class="count">{len(records)} ressource{"s" if len(records) > 1 else ""}</p>'
    body = ('<h1>Catalogue</h1>\n<p class="page-intro">Toutes les ressources du centre : pratiques inspirantes, '
            'fiches et méthodologies. Filtrez par thématique, public, territoire ou niveau de participation.</p>\n\n'
            f'{count}\n{cards(corpus, records, url)}')
    return Page(f"{url}index.md", url, "Catalogue", body, list_meta(), menu="")
