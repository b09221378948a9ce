"""Every collection of records, declared once: how people name it, and how its record pages read.

A :class:`CollectionSpec` holds the words of a collection (« une pratique », « Pratique
inspirante », « Pratiques inspirantes », the introduction of its catalogue) and the reading order
of its record pages: the short facts of the header, then the sections. The record pages
(``core/render/``), the facet pages, the feed, the forms and the open data all read these words;
``NOUNS`` and ``COLLECTION_LABELS`` are views of them for the modules that only need the nouns.

The order of ``facts`` and ``sections`` is the reading order of a record, on screen and on paper:
a section moves by moving its key here, never in a renderer. A key named here is a key of the
collection's declaration (:mod:`.declarations`) or one of the page's own sections (``USAGE``,
``RELATED``); how a value is shown comes from its type (``core/render/components.py``) unless the
collection's page module gives its own renderer (``core/render/fiche.py``...).
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import Noun

# The record page's own sections, that no field holds.
USAGE = "retours"  # « Utilisée N fois »: the retours that used the record (core/render/usage.py)
RELATED = "liens"  # « Pour aller plus loin »: the records linked to this one (core/render/components.py)

# Every resource ends the same way: facts about the engagement, then links, the easy-read
# version, its uses, the related records and who wrote it.
_COMMON_FACTS = ("axe", "niveau_participation")
_COMMON_END = ("ressources", "falc", USAGE, RELATED, "contributeurs")


@dataclass(frozen=True)
class CollectionSpec:
    """A collection: its folder (``name``), its nouns, its catalogue's introduction, its record pages."""

    name: str  # the folder of data/ and of the site: "pratiques"
    noun: Noun  # one record, with its gender: « une pratique », « Titre de la pratique »
    one: str  # the kind of one record, capitalised: « Pratique inspirante »
    several: str  # the collection's title: « Pratiques inspirantes »
    intro: str = ""  # the first sentence of its catalogue page
    kind: str | None = None  # a key whose choice names a record's kind instead of ``one`` (« Fiche outil »)
    facts: tuple[str, ...] = ()  # keys shown as short facts in a record page's header, in this order
    sections: tuple[str, ...] = ()  # keys (or USAGE, RELATED) shown as sections of a record page, in this order
    # Optional keys the team that runs an action can fill from what it knows: the invitation to
    # complete a record with values « à confirmer » names those it lacks (core/render/record.py).
    to_complete: tuple[str, ...] = ()


_SPECS = (
    CollectionSpec(
        "pratiques", Noun("pratique", feminine=True), "Pratique inspirante", "Pratiques inspirantes",
        "Des actions collectives et des démarches menées avec les personnes concernées, pour s'en inspirer.",
        facts=("territoires", "format", "statut", "porteurs", "partenaires", "periode", *_COMMON_FACTS),
        sections=("contexte", "objectifs", "deroulement", "resultats", "indicateurs", "leviers", "freins",
                  "conseils", "temoignages", "contact", *_COMMON_END),
        to_complete=("resultats", "indicateurs", "temoignages", "contact")),
    CollectionSpec(
        "fiches", Noun("fiche", feminine=True), "Fiche", "Fiches",
        "Des fiches méthode, outil et repère pour préparer et animer des actions avec les personnes concernées.",
        kind="type",
        facts=("phases", "participants", "duree", *_COMMON_FACTS),
        # « illustration » is drawn under the objective (core/render/fiche.py).
        sections=("objectif", "quand", "preparation", "materiel", "etapes", "vigilance", "variantes", "supports",
                  *_COMMON_END)),
    CollectionSpec(
        "methodologies", Noun("méthodologie", feminine=True), "Méthodologie", "Méthodologies",
        "Des méthodologies de projet pour se demander, à chaque étape, qui, quand et comment associer "
        "les personnes concernées.",
        facts=_COMMON_FACTS,
        sections=("questions", "phases", "conditions", "reconnaissance", *_COMMON_END)),
    # A retour has its own page (core/retours.py) and no catalogue: only its words are declared here.
    CollectionSpec("retours", Noun("retour d'expérience"), "Retour d'expérience", "Retours d'expérience"),
)

COLLECTION_SPECS: dict[str, CollectionSpec] = {spec.name: spec for spec in _SPECS}

# Views for the modules that need only the nouns: « Proposer une pratique », « le fichier d'une fiche ».
NOUNS: dict[str, Noun] = {spec.name: spec.noun for spec in _SPECS}
# The French nouns of each collection: (one, several).
COLLECTION_LABELS: dict[str, tuple[str, str]] = {spec.name: (spec.one, spec.several) for spec in _SPECS}


def check_layouts(fields_of: dict[str, dict[str, object]]) -> None:
    """Every key a record page names is declared, once (``fields_of``: collection -> its fields)."""
    for spec in COLLECTION_SPECS.values():
        named = [*spec.facts, *spec.sections] + ([spec.kind] if spec.kind else [])
        unknown = [key for key in named + list(spec.to_complete)
                   if key not in fields_of[spec.name] and key not in (USAGE, RELATED)]
        repeated = {key for key in named if named.count(key) > 1}
        if unknown or repeated:
            raise ValueError(f"{spec.name}: record page names unknown or repeated keys: {unknown or repeated}")
