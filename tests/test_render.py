"""The page builders read their order and their words from the schema, never from a list of their own."""

from __future__ import annotations

import dataclasses
import re

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES

from core import corpus as corpus_module
from core.render import components
from core.render.lists import collection_page
from core.render.record import record_page
from core.schema import COLLECTION_SPECS, COLLECTIONS, FACETS, RELATED, USAGE
from core.schema.collections import check_layouts

CORPUS = corpus_module.load(FIXTURES / "site")
PRATIQUE = CORPUS.get("pratiques", "atelier-parents")


def sections_of(body: str) -> list[str]:
    return re.findall(r"^## (.+?)(?: \{#.*\})?$", body, re.MULTILINE)


def facts_of(body: str) -> list[str]:
    return [dt.get_text() for dt in BeautifulSoup(body, "lxml").select(".record-header dl.record-facts dt")]


def test_record_page_sections_and_facts_come_in_the_declared_order(monkeypatch):
    spec = COLLECTION_SPECS["pratiques"]
    body = record_page(CORPUS, PRATIQUE).body
    shown = [key for key in spec.sections if key in PRATIQUE.data and key not in (USAGE, RELATED)]
    assert len(shown) >= 3
    titles = [COLLECTIONS["pratiques"].fields[key].section for key in shown]
    assert [t for t in sections_of(body) if t in titles] == titles
    labels = [COLLECTIONS["pratiques"].fields[key].label for key in spec.facts if key in PRATIQUE.data]
    assert facts_of(body) == labels

    # Reversed in the declaration, reversed on the page: no renderer keeps an order of its own.
    monkeypatch.setitem(COLLECTION_SPECS, "pratiques", dataclasses.replace(
        spec, sections=tuple(reversed(spec.sections)), facts=tuple(reversed(spec.facts))))
    body = record_page(CORPUS, PRATIQUE).body
    assert [t for t in sections_of(body) if t in titles] == titles[::-1]
    assert facts_of(body) == labels[::-1]


def test_a_key_left_out_of_the_declaration_is_left_out_of_the_page(monkeypatch):
    spec = COLLECTION_SPECS["pratiques"]
    title = COLLECTIONS["pratiques"].fields["deroulement"].section
    assert title in sections_of(record_page(CORPUS, PRATIQUE).body)
    monkeypatch.setitem(COLLECTION_SPECS, "pratiques", dataclasses.replace(
        spec, sections=tuple(key for key in spec.sections if key != "deroulement")))
    assert title not in sections_of(record_page(CORPUS, PRATIQUE).body)


def test_a_page_naming_an_undeclared_or_repeated_key_is_refused(monkeypatch):
    fields = {name: declaration.fields for name, declaration in COLLECTIONS.items()}
    check_layouts(fields)
    spec = COLLECTION_SPECS["fiches"]
    for wrong in (spec.sections + ("deroulement",), spec.sections + ("objectif",)):
        monkeypatch.setitem(COLLECTION_SPECS, "fiches", dataclasses.replace(spec, sections=wrong))
        with pytest.raises(ValueError, match="fiches"):
            check_layouts(fields)


def test_cards_show_the_facets_declared_for_them(monkeypatch):
    card = BeautifulSoup(components.card(CORPUS, PRATIQUE, "pratiques/"), "lxml")
    publics = [CORPUS.label("publics", p) for p in PRATIQUE.data["publics"]]
    assert not [p for p in publics if p in card.select_one(".card-labels").get_text()]
    # Declared with card="labels", a facet's values join the card's line of labels, in the facets' order.
    monkeypatch.setattr(components, "FACETS", tuple(
        dataclasses.replace(f, card="labels") if f.name == "publics" else f for f in FACETS))
    card = BeautifulSoup(components.card(CORPUS, PRATIQUE, "pratiques/"), "lxml")
    line = card.select_one(".card-labels").get_text().split(" · ")
    thematiques = [CORPUS.label("thematiques", t) for t in PRATIQUE.data["thematiques"]]
    assert line[:len(thematiques) + len(publics)] == thematiques + publics


def test_a_collection_page_takes_its_title_count_and_intro_from_the_declaration(monkeypatch):
    spec = COLLECTION_SPECS["fiches"]
    monkeypatch.setitem(COLLECTION_SPECS, "fiches", dataclasses.replace(
        spec, one="Fiche pratique", several="Fiches pratiques", intro="Une « introduction » d'essai."))
    page = collection_page(CORPUS, "fiches")
    soup = BeautifulSoup(page.body, "lxml")
    assert page.title == soup.h1.get_text() == "Fiches pratiques"
    assert soup.select_one(".page-intro").get_text() == "Une « introduction » d'essai."
    count = len(CORPUS.records["fiches"])
    assert soup.select_one(".count").get_text() == f"{count} {'fiches pratiques' if count > 1 else 'fiche pratique'}"
