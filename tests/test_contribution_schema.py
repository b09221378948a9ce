"""The exported JSON Schema agrees with the Python checks on a corpus of good and bad records.

Three validators judge every record: the Python checks of core/schema/ (the reference),
the `jsonschema` package on the exported schema, and our browser validator
(docs/assets/javascripts/validator.js) in Chromium. They must accept and reject the same
records, and the browser must point at the same keys as Python.
"""

from __future__ import annotations

import copy
import datetime

import jsonschema
import pytest
from conftest import FIXTURES

from core.corpus import load
from core.reader import Document
from core.schema import COLLECTIONS, Context, Invalid, json_schema

TODAY = datetime.date(2026, 11, 25)

GOOD = {
    "pratiques": {
        "titre": "Atelier des parents",
        "resume": "Des parents se retrouvent chaque mois pour échanger sur l'école et agir ensemble.",
        "axe": "faire-avec",
        "thematiques": ["parentalite", "lien-social"],
        "publics": ["familles"],
        "niveau_participation": "co-construction",
        "date_maj": "2026-01-15",
        "territoires": ["venissieux"],
        "format": "collectif",
        "statut": "en-cours",
        "porteurs": ["Maison de la Métropole de Vénissieux"],
        "contexte": "Des parents se sentaient **seuls** face à l'école.",
        "objectifs": ["Rompre l'isolement"],
        "deroulement": "1. Une rencontre ouverte.\n2. Des rencontres mensuelles.",
        "fiches": ["animer-un-groupe"],
        "periode": {"debut": 2023, "fin": 2025},
        "ressources": [{"titre": "Le compte rendu", "url": "https://example.org/compte-rendu"}],
        "temoignages": [{"citation": "On se sent moins seuls.", "auteur": "une mère", "consentement": True}],
        "indicateurs": [{"libelle": "Parents présents", "valeur": 12, "annee": 2024}],
        "contact": {"structure": "Maison de la Métropole", "courriel": "mdm@example.org"},
    },
    "fiches": {
        "titre": "Animer un groupe",
        "resume": "Les repères pour animer un groupe où chacun prend la parole et décide.",
        "axe": "faire-avec",
        "thematiques": ["lien-social"],
        "publics": ["habitants"],
        "niveau_participation": "concertation",
        "date_maj": "2026-01-02",
        "type": "methode",
        "objectif": "Permettre à chacun de parler.",
        "participants": {"min": 6, "max": 15},
        "etapes": [{"titre": "Accueillir", "duree": "15 min", "description": "Un tour de table."}],
    },
}


def _set(record, path, value):
    node = record
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_DELETE = object()

# (collection, change, value): one defect per record. Accepted variants come first.
GOOD_VARIANTS = {
    "minimal pratique": ("pratiques", [(("fiches",), _DELETE), (("periode",), _DELETE), (("ressources",), _DELETE),
                                      (("temoignages",), _DELETE), (("indicateurs",), _DELETE), (("contact",), _DELETE)]),
    "optional null is absent": ("pratiques", [(("resultats",), None)]),
    "optional empty list is absent": ("pratiques", [(("mots_cles",), [])]),
    "open period": ("pratiques", [(("periode",), {"debut": 2024})]),
    "resource file": ("pratiques", [(("ressources", 0), {"titre": "Affiche", "fichier": "assets/affiche.pdf"})]),
    "printed reference": ("pratiques", [(("ressources", 0), {"titre": "Un auteur, Un ouvrage, Un éditeur, 2012"})]),
    "padded title": ("fiches", [(("titre",), "  Animer un groupe  ")]),
    "same min and max": ("fiches", [(("participants",), {"min": 8, "max": 8})]),
    "date today": ("fiches", [(("date_maj",), TODAY.isoformat())]),
    "decimal indicator": ("pratiques", [(("indicateurs", 0, "valeur"), 12.5)]),
    "markdown with html": ("fiches", [(("objectif",), "<script>alert(1)</script> est du texte")]),
    "falc review with its date": ("fiches", [(("falc_relu_par",), "le comité de participation"),
                                             (("falc_relu_le",), "2026-10-02")]),
    "falc text with its title": ("fiches", [(("falc",), "Vous venez si vous le voulez."),
                                            (("falc_titre",), "Venir au groupe")]),
}

BAD_VARIANTS = {
    "missing title": ("pratiques", [(("titre",), _DELETE)]),
    "null required": ("pratiques", [(("contexte",), None)]),
    "title too short": ("pratiques", [(("titre",), "Ab")]),
    "blank title": ("fiches", [(("titre",), "     ")]),
    "summary too long": ("fiches", [(("resume",), "x" * 401)]),
    "unknown key": ("pratiques", [(("vigilence",), ["Le consentement"])]),
    "unknown nested key": ("fiches", [(("etapes", 0, "durée"), "5 min")]),
    "bad choice": ("pratiques", [(("format",), "collectiv")]),
    "bad vocabulary id": ("pratiques", [(("thematiques",), ["logment"])]),
    "bad single vocabulary id": ("fiches", [(("niveau_participation",), "participation")]),
    "empty required list": ("pratiques", [(("publics",), [])]),
    "duplicate in list": ("pratiques", [(("thematiques",), ["parentalite", "parentalite"])]),
    "unknown record reference": ("pratiques", [(("fiches",), ["animer-un-group"])]),
    "reference with capitals": ("pratiques", [(("fiches",), ["Animer-Un-Groupe"])]),
    "date in the future": ("fiches", [(("date_maj",), "2027-01-01")]),
    "impossible date": ("fiches", [(("date_maj",), "2026-02-30")]),
    "date in French order": ("fiches", [(("date_maj",), "15/01/2026")]),
    "text instead of list": ("pratiques", [(("objectifs",), "Rompre l'isolement")]),
    "list instead of block": ("fiches", [(("participants",), [{"min": 6, "max": 15}])]),
    "min above max": ("fiches", [(("participants",), {"min": 20, "max": 15})]),
    "falc review without its date": ("fiches", [(("falc_relu_par",), "le comité de participation")]),
    "falc review date without group": ("pratiques", [(("falc_relu_le",), "2026-10-02")]),
    "falc text without its title": ("fiches", [(("falc",), "Vous venez si vous le voulez.")]),
    "falc title without its text": ("pratiques", [(("falc_titre",), "Venir au groupe")]),
    "end before start": ("pratiques", [(("periode",), {"debut": 2025, "fin": 2023})]),
    "year as text": ("pratiques", [(("periode", "debut"), "2023")]),
    "year out of range": ("pratiques", [(("periode", "debut"), 1800)]),
    "value as text": ("pratiques", [(("indicateurs", 0, "valeur"), "douze")]),
    "quote without consent": ("pratiques", [(("temoignages", 0, "consentement"), False)]),
    "consent as text": ("pratiques", [(("temoignages", 0, "consentement"), "oui")]),
    "url and file": ("pratiques", [(("ressources", 0, "fichier"), "assets/a.pdf")]),
    "ftp url": ("pratiques", [(("ressources", 0, "url"), "ftp://example.org/a")]),
    "file outside docs": ("pratiques", [(("ressources", 0), {"titre": "Secret", "fichier": "../mkdocs.yml"})]),
    "bad e-mail": ("pratiques", [(("contact", "courriel"), "mdm@example")]),
    "no steps": ("fiches", [(("etapes",), [])]),
    "step without description": ("fiches", [(("etapes", 0, "description"), _DELETE)]),
    "number instead of block": ("pratiques", [(("contact",), 3)]),
    "record is a list": ("fiches", None),
}


def _variant(collection, changes):
    if changes is None:
        return [GOOD[collection]]
    record = copy.deepcopy(GOOD[collection])
    for path, value in changes:
        _set(record, path, value)
    return record


CASES = [(name, collection, _variant(collection, changes), True) for name, (collection, changes) in GOOD_VARIANTS.items()]
CASES += [(name, collection, _variant(collection, changes), False) for name, (collection, changes) in BAD_VARIANTS.items()]


@pytest.fixture(scope="module")
def corpus():
    return load(FIXTURES / "site", TODAY)


@pytest.fixture(scope="module")
def schemas(corpus):
    titles = {name: {rid: r.title for rid, r in records.items()} for name, records in corpus.records.items()}
    return {collection: json_schema(collection, corpus.vocabularies, titles) for collection in COLLECTIONS}


def python_problems(corpus, collection, record):
    """The reference: the checks the build runs."""
    ids = {name: set(records) for name, records in corpus.records.items()}
    ctx = Context(Document(f"data/{collection}/nouvelle.yml", record), corpus.vocabularies, ids, TODAY)
    try:
        COLLECTIONS[collection].check(record, (), ctx)
    except Invalid:
        pass
    return ctx.problems


def _prune(value):
    """What both our validators do before judging: null (and empty optional lists) mean absent.

    Plain JSON Schema has no such rule, so the `jsonschema` package sees the pruned record.
    Only null values are removed here; empty lists are kept, the schema's minItems judges them.
    """
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


def _not_future(validator, enabled, instance, schema):
    if enabled and isinstance(instance, str) and instance > TODAY.isoformat():
        yield jsonschema.ValidationError(f"{instance} est dans le futur")


def _ordered(validator, names, instance, schema):
    low, high = (instance.get(n) if isinstance(instance, dict) else None for n in names)
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
        yield jsonschema.ValidationError(f"{names[1]} < {names[0]}")


def _together(validator, names, instance, schema):
    if isinstance(instance, dict) and (instance.get(names[0]) is None) != (instance.get(names[1]) is None):
        yield jsonschema.ValidationError(f"{names[0]} et {names[1]} vont ensemble")


# Our keywords, taught to the standard validator; the rest is plain draft 2020-12.
Extended = jsonschema.validators.extend(jsonschema.Draft202012Validator, {
    "x-notFuture": _not_future, "x-ordered": _ordered, "x-together": _together})


def jsonschema_errors(schema, record):
    validator = Extended(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(_prune(record)))


def test_exported_schemas_are_valid_draft_2020_12(schemas):
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_the_corpus_covers_every_collection_with_good_and_bad_records():
    kinds = {(collection, good) for _, collection, _, good in CASES}
    assert kinds == {("pratiques", True), ("pratiques", False), ("fiches", True), ("fiches", False)}
    assert len(CASES) >= 40


@pytest.mark.parametrize("name, collection, record, good", CASES, ids=[c[0] for c in CASES])
def test_python_and_jsonschema_agree(corpus, schemas, name, collection, record, good):
    problems = [p for p in python_problems(corpus, collection, record) if p.level == "erreur"]
    assert (problems == []) is good, [str(p) for p in problems]
    errors = jsonschema_errors(schemas[collection], record)
    assert (errors == []) is good, [e.message for e in errors]


# validator.js is an ES module: the page imports it and hands it to the test.
VALIDATOR_PAGE = ('<!doctype html><meta charset="utf-8"><script type="module">'
                  'import * as validator from "./validator.js"; window.CentreValidator = validator;</script>')


@pytest.mark.browser
def test_browser_validator_agrees_with_python(browser, corpus, schemas, tmp_path):
    from conftest import ROOT, serve

    (tmp_path / "validator.js").write_text((ROOT / "docs/assets/javascripts/validator.js").read_text(encoding="utf-8"))
    (tmp_path / "index.html").write_text(VALIDATOR_PAGE)
    base, stop = serve(tmp_path)
    try:
        page = browser.new_page()
        page.goto(base)
        page.wait_for_function("window.CentreValidator")
        verdicts = page.evaluate(
            """([schemas, cases, today]) => cases.map(([collection, record]) =>
                   CentreValidator.validate(schemas[collection], record, {today}))""",
            [schemas, [[c, r] for _, c, r, _ in CASES], TODAY.isoformat()])
        page.close()
    finally:
        stop()
    disagreements = []
    for (name, collection, record, good), errors in zip(CASES, verdicts):
        python = {p.key if p.key else "" for p in python_problems(corpus, collection, record) if p.level == "erreur"}
        browser_keys = {e["key"] for e in errors}
        if (not errors) is not good or browser_keys != python:
            disagreements.append((name, sorted(python), sorted(browser_keys), [e["message"] for e in errors]))
    assert disagreements == []


@pytest.mark.browser
def test_browser_messages_are_french_and_match_python_where_worded_alike(browser, schemas, corpus, tmp_path):
    from conftest import ROOT, serve

    (tmp_path / "validator.js").write_text((ROOT / "docs/assets/javascripts/validator.js").read_text(encoding="utf-8"))
    (tmp_path / "index.html").write_text(VALIDATOR_PAGE)
    base, stop = serve(tmp_path)
    picked = ["title too short", "bad vocabulary id", "quote without consent", "min above max", "neither url nor file",
              "date in the future", "missing title", "bad e-mail"]
    cases = [c for c in CASES if c[0] in picked]
    try:
        page = browser.new_page()
        page.goto(base)
        page.wait_for_function("window.CentreValidator")
        verdicts = page.evaluate("""([schemas, cases, today]) => cases.map(([c, r]) =>
                                     CentreValidator.validate(schemas[c], r, {today}).map(e => e.message))""",
                                 [schemas, [[c, r] for _, c, r, _ in cases], TODAY.isoformat()])
        page.close()
    finally:
        stop()
    for (name, collection, record, _), messages in zip(cases, verdicts):
        python = [p.message for p in python_problems(corpus, collection, record) if p.level == "erreur"]
        # Python adds "Vouliez-vous dire ... ?" suggestions; the browser gives the same sentence without them.
        assert [m.split(" Vouliez-vous dire")[0] for m in python] == messages, name
