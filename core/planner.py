"""The participation planner (``/planifier/``): the page and the data its script needs.

A team plans, phase by phase, who it involves, when, how and at which level of participation.
``docs/assets/javascripts/planifier.js`` builds the form from :func:`planner_data` (a JSON script
element in the page); without JavaScript the page is a printable blank worksheet, one block per
phase, built here. The plan's file format is described in ``docs-dev/planner.md``.
"""

from __future__ import annotations

from . import urls
from .contribution import form_address
from .corpus import Corpus, Record
from .diagrams import ladder_svg
from .drafts import DEFAULT_DRAFT_DAYS, drafts_data
from .markup import Markup, html, join, json_script, rel_url
from .page import Page
from .printing import qr_data_uri

PLANNER_TITLE = "Planifier la participation"
# The fiche on recognition and defrayal, linked from the "reconnaissance" part when the corpus has it.
RECOGNITION_FICHE = "reconnaitre-et-defrayer-la-participation"
# The conditions checklist when the methodology the plan starts from lists none (issue 12).
DEFAULT_CONDITIONS = (
    "Prise en charge des frais sans avance (transport, repas)",
    "Garde d'enfants organisée ou prise en charge",
    "Horaires compatibles avec les contraintes familiales et professionnelles",
    "Lieux accessibles, connus et rassurants",
    "Documents en langage clair ou en FALC, envoyés à l'avance",
    "Interprétariat si nécessaire",
    "Participation libre, sans effet sur l'accompagnement ou les droits",
    "Temps de préparation entre pairs",
    "Retour sur ce qui a été fait des contributions",
)


def planner_link(record_id: str, from_url: str) -> str:
    """The planner's address, prefilled from the methodology ``record_id``, relative to ``from_url``."""
    return f"{rel_url(from_url, urls.PLANNER)}?depuis={record_id}"


def with_planner_link(page: Page, record: Record) -> Page:
    """A methodology's page offers « Ouvrir dans le planificateur » (overrides/partials/record-actions.html)."""
    if record.collection == "methodologies":
        page.meta["record"]["planifier"] = planner_link(record.id, record.url)
    return page


def _terms(corpus: Corpus, name: str) -> list[dict]:
    return [{"id": t.id, "label": t.label, **({"description": t.description} if t.description else {})}
            for t in corpus.vocabularies.get(name, {}).values()]


def _way_back(site_url: str, url: str) -> dict:
    address = urls.printed(site_url, url)  # None for a loopback address: no dead QR code
    if address is None:
        return {}
    return {"adresse": address, "qr": qr_data_uri(address)}


def planner_data(corpus: Corpus, draft_days: int = DEFAULT_DRAFT_DAYS, site_url: str = "") -> dict:
    """What planifier.js needs: vocabularies with labels, methodologies, fiches, conditions, links,
    and how many days the draft is kept (``extra.brouillons.jours``, core/drafts.py).

    With a real site address (``site_url``), each fiche also has its printed ``adresse`` and a QR
    code to it (``qr``, an inline PNG, core/printing.py): the printed plan leads back to the fiches.
    Without one, the browser prints the address it runs from, and there is no QR code.
    """
    methodologies = []
    for record in corpus.records.get("methodologies", {}).values():
        data = record.data
        methodologies.append({
            "id": record.id, "titre": record.title, "url": rel_url(urls.PLANNER, record.url),
            "publics": list(data.get("publics", [])),
            "phases": [{"phase": p["phase"], "qui": list(p["qui"]), "quand": p["quand"],
                        "niveau": p["niveau_participation"], "fiches": list(p.get("fiches", []))}
                       for p in data["phases"]],
            "conditions": list(data.get("conditions", [])),
        })
    fiches = []
    for record in corpus.records.get("fiches", {}).values():
        fiches.append({"id": record.id, "titre": record.title, "url": rel_url(urls.PLANNER, record.url),
                       "niveau": record.data["niveau_participation"],
                       # Optional field (issue 12): where the fiche fits; methodologies say it too.
                       "phases": list(record.data.get("phases", [])),
                       **_way_back(site_url, record.url)})
    recognition = corpus.records.get("fiches", {}).get(RECOGNITION_FICHE)
    proposer_url, _ = form_address("pratiques")
    return {
        "phases": _terms(corpus, "phases"),
        "niveaux": _terms(corpus, "niveaux-participation"),
        "publics": _terms(corpus, "publics"),
        "territoires": _terms(corpus, "territoires"),
        "methodologies": methodologies,
        "fiches": fiches,
        "conditions": list(DEFAULT_CONDITIONS),
        "reconnaissance": ({"titre": recognition.title, "url": rel_url(urls.PLANNER, recognition.url)}
                           if recognition else None),
        "proposer": {"url": rel_url(urls.PLANNER, proposer_url), "collection": "pratiques"},
        "brouillons": drafts_data(draft_days),
    }


def _lines(count: int) -> Markup:
    return html('<span class="planifier-ligne" aria-hidden="true"></span>') * count


def _ladder(corpus: Corpus) -> Markup:
    """The five levels as a picture (core/diagrams.py), with its caption and table for screen readers."""
    svg = ladder_svg(corpus.vocabularies.get("niveaux-participation", {}), ident="planifier-echelle-figure")
    # Folded: the levels are explained again at each phase; the picture is there for whoever wants it.
    return html('<details class="planifier-echelle"><summary>Voir l\'échelle de la participation en image</summary>'
                '{}</details>', svg)


def _worksheet(corpus: Corpus) -> Markup:
    """The blank plan to print and fill in by hand: one block per phase."""
    levels = join(html('<li><span class="planifier-case" aria-hidden="true"></span> {}</li>', t.label)
                  for t in corpus.vocabularies.get("niveaux-participation", {}).values())
    phases = join(
        html('<section class="planifier-vierge-phase" data-phase="{id}">'
             '<h3>{number}. {label}</h3>{help}'
             '<p><strong>Qui associer ?</strong></p>{two}'
             '<p><strong>Quand ?</strong></p>{one}'
             '<p><strong>Comment ?</strong> (fiches, outils)</p>{two}'
             '<p><strong>Niveau de participation auquel nous nous engageons :</strong></p>'
             '<ul class="planifier-niveaux-vierges">{levels}</ul>'
             '<p><strong>Ce qui reste vraiment négociable :</strong></p>{one}'
             '<p><span class="planifier-case" aria-hidden="true"></span> Pas de participation à cette phase, '
             'parce que :</p>{one}</section>',
             id=term.id, number=number, label=term.label, levels=levels, one=_lines(1), two=_lines(2),
             help=html('<p class="planifier-aide">{}</p>', term.description) if term.description else "")
        for number, term in enumerate(corpus.vocabularies.get("phases", {}).values(), start=1))
    conditions = join(html('<tr><td>{}</td><td></td></tr>', c) for c in DEFAULT_CONDITIONS)
    return html(
        '<div class="planifier-vierge">'
        '<h2>Le plan à remplir sur papier</h2>'
        '<p>Imprimez cette page : elle donne un bloc par phase du projet, à remplir en équipe.</p>'
        '<p><strong>Projet :</strong></p>{one}'
        '<p><strong>Territoire :</strong></p>{one}'
        '<p><strong>Publics concernés :</strong></p>{one}'
        '{phases}'
        '<section class="planifier-vierge-conditions"><h3>Les conditions de la participation</h3>'
        '<table><thead><tr><th scope="col">Condition</th><th scope="col">Qui s\'en charge ?</th></tr></thead>'
        '<tbody>{conditions}</tbody></table></section>'
        '<section class="planifier-vierge-retour"><h3>Le retour et la reconnaissance</h3>'
        '<p><strong>Comment rendrons-nous compte aux personnes de ce que nous avons fait de leurs contributions ?</strong></p>'
        '{two}<p><strong>Comment reconnaîtrons-nous leur investissement ?</strong></p>{two}'
        '</section></div>', one=_lines(1), two=_lines(2), phases=phases, conditions=conditions)


def planner_page(corpus: Corpus, draft_days: int = DEFAULT_DRAFT_DAYS, site_url: str = "") -> Page:
    intro = ("Pour chaque phase de votre projet, décidez en équipe qui vous associez parmi les personnes "
             "concernées, quand, comment, et à quel niveau de participation vous vous engagez. "
             "Le plan s'imprime, se télécharge et se partage par un lien. Rien n'est envoyé : "
             "il reste dans votre navigateur.")
    body = html('<h1>{}</h1>\n'
                '<div class="planifier-intro"><p class="page-intro">{}</p></div>\n'
                '{}\n'
                '<div class="planifier" id="planifier">'
                '<noscript><p class="planifier-noscript">Sans JavaScript, le planificateur ne peut pas enregistrer '
                'votre plan : imprimez la fiche ci-dessous et remplissez-la à la main.</p></noscript>'
                '</div>\n'
                '{}\n'
                '{}\n', PLANNER_TITLE, intro, _ladder(corpus), _worksheet(corpus),
                json_script(planner_data(corpus, draft_days, site_url), "planifier-data"))
    return Page(f"{urls.PLANNER}index.md", urls.PLANNER, PLANNER_TITLE, body, {"render_macros": False, "centre_assets": ["planifier"]}, menu="")


__all__ = ["PLANNER_TITLE", "DEFAULT_CONDITIONS", "planner_data", "planner_page", "planner_link",
           "with_planner_link"]
