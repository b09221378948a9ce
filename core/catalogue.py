"""The catalogue of every record (``/catalogue/``) and the facet filters of list pages.

Filters are enhanced by ``docs/assets/javascripts/catalogue.js``: the form is built here with
every facet and value, hidden until the script runs, so that without JavaScript the page is
simply the full list of cards (each card carries its facets as ``data-*`` attributes).
"""

from __future__ import annotations

from .corpus import Corpus
from .markup import esc
from .pages import Page, cards
from .schema import AXES, COLLECTION_LABELS, FICHE_TYPES, FORMATS, STATUTS

# (data-* attribute of a card, legend); the order of the filter groups on the page.
FILTER_GROUPS = (
    ("collection", "Type de ressource"),
    ("type", "Type de fiche"),
    ("thematiques", "Thématique"),
    ("publics", "Public"),
    ("territoires", "Territoire"),
    ("niveaux-participation", "Niveau de participation"),
    ("axe", "Axe de l'engagement"),
    ("format", "Format"),
    ("statut", "Statut"),
)
LIST_URLS = ("catalogue/", "pratiques/", "fiches/", "methodologies/")


def filter_values(corpus: Corpus) -> dict:
    """Facet name -> {value id: label}, in the vocabulary's own order."""
    vocab = lambda name: {t.id: t.label for t in corpus.vocabularies[name].values()}  # noqa: E731
    return {
        "collection": {c: labels[1] for c, labels in COLLECTION_LABELS.items()},
        "type": dict(FICHE_TYPES),
        "thematiques": vocab("thematiques"),
        "publics": vocab("publics"),
        "territoires": vocab("territoires"),
        "niveaux-participation": vocab("niveaux-participation"),
        "axe": dict(AXES),
        "format": dict(FORMATS),
        "statut": dict(STATUTS),
    }


def filters_form(corpus: Corpus) -> str:
    """The filter form of list pages (hidden until catalogue.js shows it)."""
    values = filter_values(corpus)
    groups = []
    for name, legend in FILTER_GROUPS:
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{esc(name)}" value="{esc(value)}"> '
            f'<span class="filtre-libelle">{esc(label)}</span> <span class="filtre-nombre"></span></label></li>'
            for value, label in values[name].items())
        groups.append(f'<fieldset class="filtre-groupe" data-filtre="{esc(name)}"><legend>{esc(legend)}</legend>'
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
    return Page("catalogue/index.md", url, "Catalogue", body, {"render_macros": False, "template": "catalogue.html"})
