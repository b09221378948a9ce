"""The participation planner (``/planifier/``): the page and the data its script needs.

A team plans, phase by phase, who it involves, when, how and at which level of participation.
``docs/assets/javascripts/planifier.js`` builds the form from :func:`planner_data` (a JSON script
element in the page); without JavaScript the page is a printable blank worksheet, one block per
phase, built here. The plan's file format is described in ``docs-dev/planner.md``.
"""

from __future__ import annotations

import json

from . import urls
from .contribution import form_address
from .corpus import Corpus, Record
from .diagrams import ladder_svg
from .markup import esc, rel_url
from .page import Page

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


def planner_data(corpus: Corpus) -> dict:
    """What planifier.js needs: vocabularies with labels, methodologies, fiches, conditions, links."""
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
                       "phases": list(record.data.get("phases", []))})
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
        "proposer": {"url": rel_url(urls.PLANNER, proposer_url), "brouillon": "centre-ressources:brouillon:pratiques"},
    }


def _json_script(element_id: str, value) -> str:
    # "<" is escaped so that no text in the data can close the script element.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _lines(count: int) -> str:
    return '<span class="planifier-ligne" aria-hidden="true"></span>' * count


def _ladder(corpus: Corpus) -> str:
    """The five levels as a picture (core/diagrams.py), with its caption and table for screen readers."""
    svg = ladder_svg(corpus.vocabularies.get("niveaux-participation", {}), ident="planifier-echelle-figure")
    # Folded: the levels are explained again at each phase; the picture is there for whoever wants it.
    return (f'<details class="planifier-echelle"><summary>Voir l\'échelle de la participation en image</summary>'
            f'{svg}</details>')


def _worksheet(corpus: Corpus) -> str:
    """The blank plan to print and fill in by hand: one block per phase."""
    levels = "".join(f'<li><span class="planifier-case" aria-hidden="true"></span> {esc(t.label)}</li>'
                     for t in corpus.vocabularies.get("niveaux-participation", {}).values())
    phases = []
    for number, term in enumerate(corpus.vocabularies.get("phases", {}).values(), start=1):
        phases.append(
            f'<section class="planifier-vierge-phase" data-phase="{esc(term.id)}">'
            f'<h3>{number}. {esc(term.label)}</h3>'
            + (f'<p class="planifier-aide">{esc(term.description)}</p>' if term.description else "")
            + f'<p><strong>Qui associer ?</strong></p>{_lines(2)}'
            f'<p><strong>Quand ?</strong></p>{_lines(1)}'
            f'<p><strong>Comment ?</strong> (fiches, outils)</p>{_lines(2)}'
            f'<p><strong>Niveau de participation auquel nous nous engageons :</strong></p>'
            f'<ul class="planifier-niveaux-vierges">{levels}</ul>'
            f'<p><strong>Ce qui reste vraiment négociable :</strong></p>{_lines(1)}'
            f'<p><span class="planifier-case" aria-hidden="true"></span> Pas de participation à cette phase, '
            f'parce que :</p>{_lines(1)}</section>')
    conditions = "".join(f'<tr><td>{esc(c)}</td><td></td></tr>' for c in DEFAULT_CONDITIONS)
    return (
        '<div class="planifier-vierge">'
        '<h2>Le plan à remplir sur papier</h2>'
        '<p>Imprimez cette page : elle donne un bloc par phase du projet, à remplir en équipe.</p>'
        '<p><strong>Projet :</strong></p>' + _lines(1)
        + '<p><strong>Territoire :</strong></p>' + _lines(1)
        + '<p><strong>Publics concernés :</strong></p>' + _lines(1)
        + "".join(phases)
        + '<section class="planifier-vierge-conditions"><h3>Les conditions de la participation</h3>'
        '<table><thead><tr><th scope="col">Condition</th><th scope="col">Qui s\'en charge ?</th></tr></thead>'
        f'<tbody>{conditions}</tbody></table></section>'
        '<section class="planifier-vierge-retour"><h3>Le retour et la reconnaissance</h3>'
        '<p><strong>Comment rendrons-nous compte aux personnes de ce que nous avons fait de leurs contributions ?</strong></p>'
        + _lines(2) + '<p><strong>Comment reconnaîtrons-nous leur investissement ?</strong></p>' + _lines(2)
        + '</section></div>')


def planner_page(corpus: Corpus) -> Page:
    intro = ("Pour chaque phase de votre projet, décidez en équipe qui vous associez parmi les personnes "
             "concernées, quand, comment, et à quel niveau de participation vous vous engagez. "
             "Le plan s'imprime, se télécharge et se partage par un lien. Rien n'est envoyé : "
             "il reste dans votre navigateur.")
    body = (f'<h1>{esc(PLANNER_TITLE)}</h1>\n'
            f'<div class="planifier-intro"><p class="page-intro">{esc(intro)}</p></div>\n'
            f'{_ladder(corpus)}\n'
            '<div class="planifier" id="planifier">'
            '<noscript><p class="planifier-noscript">Sans JavaScript, le planificateur ne peut pas enregistrer '
            'votre plan : imprimez la fiche ci-dessous et remplissez-la à la main.</p></noscript>'
            '</div>\n'
            f'{_worksheet(corpus)}\n'
            f'{_json_script("planifier-data", planner_data(corpus))}\n')
    return Page(f"{urls.PLANNER}index.md", urls.PLANNER, PLANNER_TITLE, body, {"render_macros": False, "centre_assets": ["planifier"]}, menu="")


__all__ = ["PLANNER_TITLE", "DEFAULT_CONDITIONS", "planner_data", "planner_page", "planner_link",
           "with_planner_link"]
