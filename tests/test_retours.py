"""Retours d'expérience: a retour written from the documented keys is checked, published at
/retours/<id>/ and shown on the records it used (« Utilisée N fois », card counts); bad ones are
refused with file, line and key; the short form « Raconter une utilisation » writes a valid one."""

from __future__ import annotations

import copy
import datetime
import textwrap

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build, make_project, serve, words

from core.corpus import load
from core.problems import DataError
from core.reader import Document
from core.schema import COLLECTIONS, Context, Invalid, json_schema

TODAY = datetime.date(2026, 11, 25)
FICHE = "fiches/animer-un-groupe/"  # used by both fixture retours
RETOUR = "retours/ateliers-parole-tilleuls/"

# Written from the keys of the issue, as a contributor would, in a file of its own.
GOOD_RETOUR = textwrap.dedent("""\
    titre: Un comité d'usagers préparé avec la fiche
    resume: Trois réunions pour préparer un comité d'usagers avec les personnes accueillies au service.
    date: 2026-02-10
    territoires:
      - lyon
    structure: Service fictif d'accueil de jour (tests)
    fiches:
      - animer-un-groupe
    participants: 10
    dont_personnes_concernees: 6
    ce_qui_a_marche: |
      Les personnes ont fixé elles-mêmes l'ordre du jour.

      Le tour de table a aidé les plus discrètes.
    conseils:
      - Prévoir un temps convivial.
    date_maj: 2026-03-01
    """)


def _project(tmp_path, text: str, name: str = "comite-usagers"):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    (project / "data" / "retours" / f"{name}.yml").write_text(text, encoding="utf-8")
    return project


def _problems(tmp_path, text: str, name: str = "comite-usagers") -> list:
    with pytest.raises(DataError) as caught:
        load(_project(tmp_path, text, name), TODAY)
    return [p for p in caught.value.problems if p.level == "erreur"]


def heading(node) -> str:
    """A heading's text without its permalink (« ¶ »)."""
    return words(node.get_text()).rstrip("¶ ")


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


# --- checks ------------------------------------------------------------------------------

def test_a_retour_written_from_the_keys_is_accepted_and_linked_both_ways(tmp_path):
    corpus = load(_project(tmp_path, GOOD_RETOUR), TODAY)
    retour = corpus.get("retours", "comite-usagers")
    assert retour.data["date"] == datetime.date(2026, 2, 10)
    assert retour.related["fiches"] == ["animer-un-groupe"]
    fiche = corpus.get("fiches", "animer-un-groupe")
    # Most recent action first: February 2026 comes between the two fixture retours (March 2026, October 2025).
    assert [r.id for r in corpus.retours(fiche)] == ["ateliers-parole-tilleuls", "comite-usagers", "forum-des-parents"]
    assert [r.id for r in corpus.retours(corpus.get("methodologies", "associer"))] == []
    # A retour is a record of the site, never a resource of the catalogue.
    assert retour in list(corpus.all_records()) and retour not in list(corpus.resources())
    assert not retour.review_due


def test_a_retour_written_from_the_keys_builds_and_shows_on_its_fiche(tmp_path):
    project = _project(tmp_path, GOOD_RETOUR)
    result = build(project, env={"CENTRE_PDF": "off"})
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site" / "retours" / "comite-usagers" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert words(page.select_one("h1").get_text()) == "Un comité d'usagers préparé avec la fiche"
    fiche = BeautifulSoup((project / "site" / FICHE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert heading(fiche.select_one("h2#retours")) == "Utilisée 3 fois"
    assert "../../retours/comite-usagers/" in [a["href"] for a in fiche.select("ul.retours-liste a")]


def test_a_retour_in_the_future_is_refused_with_file_line_and_key(tmp_path):
    text = GOOD_RETOUR.replace("date: 2026-02-10", "date: 2027-01-15")
    [problem] = _problems(tmp_path, text)
    assert (problem.path, problem.line, problem.key) == ("data/retours/comite-usagers.yml", _line_of(text, "date:"), "date")
    assert "2027-01-15 est dans le futur" in problem.message


def test_an_unknown_reference_is_refused_with_file_line_and_key(tmp_path):
    text = GOOD_RETOUR.replace("  - animer-un-groupe", "  - animer-un-groupe-d-habitants")
    [problem] = _problems(tmp_path, text)
    assert (problem.path, problem.line, problem.key) == ("data/retours/comite-usagers.yml",
                                                         _line_of(text, "- animer-un-groupe-d"), "fiches[1]")
    assert "ne correspond à aucun fichier data/fiches/animer-un-groupe-d-habitants.yml" in problem.message


def test_a_phone_number_is_refused_with_file_line_and_key(tmp_path):
    text = GOOD_RETOUR.replace("Le tour de table a aidé les plus discrètes.",
                               "Le tour de table a aidé ; Mme R. au 06 12 34 56 78 a relancé les autres.")
    problems = _problems(tmp_path, text)
    assert [(p.path, p.line, p.key) for p in problems] == [
        ("data/retours/comite-usagers.yml", _line_of(text, "Le tour de table"), "ce_qui_a_marche")]
    assert "06 12 34 56 78" in problems[0].message and "téléphone" in problems[0].message


@pytest.mark.parametrize(("change", "key", "message"), [
    (("fiches:\n  - animer-un-groupe\n", ""), "fiches", "au moins une ressource du centre"),
    (("fiches:\n  - animer-un-groupe\n", "fiches: []\npratiques: []\n"), "fiches", "au moins une ressource du centre"),
    (("ce_qui_a_marche: |\n  Les personnes ont fixé elles-mêmes l'ordre du jour.\n\n  Le tour de table a aidé les plus discrètes.\n",
      ""), "ce_qui_a_marche", "ce qui a marché ou ce qui a moins marché"),
    (("dont_personnes_concernees: 6", "dont_personnes_concernees: 12"), "participants", "inférieur au nombre de personnes concernées"),
    (("participants: 10", "participants: 0"), "participants", "au moins 1"),
    (("structure: Service fictif d'accueil de jour (tests)", "structure: Mme Martin"), "structure", "désigne une personne"),
    (("resume: Trois", "resume: Court. #"), "resume", "trop court"),
    (("territoires:\n  - lyon", "territoires:\n  - lyon-7e"), "territoires[1]", "ne figure pas dans referentiels/territoires.yml"),
    (("date_maj: 2026-03-01", "date_maj: 2026-03-01\naxe: faire-avec"), "axe", "clé inconnue"),
], ids=["no reference", "empty lists", "nothing told", "more concerned than participants", "no participant",
        "a person as structure", "short summary", "unknown territory", "a resource's key"])
def test_each_rule_of_a_retour_names_its_key(tmp_path, change, key, message):
    old, new = change
    assert old in GOOD_RETOUR
    text = GOOD_RETOUR.replace(old, new)
    problems = _problems(tmp_path, text)
    assert [p.key for p in problems] == [key], [str(p) for p in problems]
    assert message in problems[0].message
    assert problems[0].path == "data/retours/comite-usagers.yml"


def test_the_data_folder_ships_no_retour_but_explains_itself():
    from conftest import ROOT
    folder = ROOT / "data" / "retours"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]
    assert len(load(ROOT).records["retours"]) == 0


# --- one schema, three validators: Python, standard JSON Schema, the browser ---------------

def _at_least_one(validator, names, instance, schema):
    if isinstance(instance, dict) and not any(instance.get(n) not in (None, []) for n in names):
        yield jsonschema.ValidationError(f"un de {names}")


def _ordered(validator, names, instance, schema):
    low, high = (instance.get(n) if isinstance(instance, dict) else None for n in names)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield jsonschema.ValidationError("ordre")


def _not_future(validator, enabled, instance, schema):
    if enabled and isinstance(instance, str) and instance > TODAY.isoformat():
        yield jsonschema.ValidationError("futur")


EXTENDED = jsonschema.validators.extend(jsonschema.Draft202012Validator, {
    "x-atLeastOne": _at_least_one, "x-ordered": _ordered, "x-notFuture": _not_future})
GOOD = {"titre": "Un comité d'usagers", "resume": "Trois réunions pour préparer un comité d'usagers avec les personnes.",
        "date": "2026-02-10", "territoires": ["lyon"], "structure": "Service d'accueil", "fiches": ["animer-un-groupe"],
        "ce_qui_a_marche": "Un ordre du jour choisi ensemble.", "date_maj": "2026-03-01"}
VARIANTS = {
    "good": ({}, True),
    "a practice instead of a fiche": ({"fiches": None, "pratiques": ["atelier-parents"]}, True),
    "what went less well only": ({"ce_qui_a_marche": None, "ce_qui_a_moins_marche": "Peu de monde le soir."}, True),
    "all concerned": ({"participants": 8, "dont_personnes_concernees": 8}, True),
    "no reference": ({"fiches": None}, False),
    "empty reference lists": ({"fiches": [], "methodologies": []}, False),
    "nothing told": ({"ce_qui_a_marche": None}, False),
    "too many concerned": ({"participants": 8, "dont_personnes_concernees": 9}, False),
    "future": ({"date": "2099-01-01"}, False),
    "unknown fiche": ({"fiches": ["animer"]}, False),
    "no structure": ({"structure": None}, False),
}


def _variant(changes):
    record = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


@pytest.fixture(scope="module")
def fixture_corpus():
    return load(FIXTURES / "site", TODAY)


@pytest.fixture(scope="module")
def retour_schema(fixture_corpus):
    titles = {name: {rid: r.title for rid, r in records.items()} for name, records in fixture_corpus.records.items()}
    return json_schema("retours", fixture_corpus.vocabularies, titles)


def python_ok(corpus, record) -> bool:
    ids = {name: set(records) for name, records in corpus.records.items()}
    ctx = Context(Document("data/retours/nouveau.yml", record), corpus.vocabularies, ids, TODAY)
    try:
        COLLECTIONS["retours"].check(record, (), ctx)
    except Invalid:
        pass
    return not [p for p in ctx.problems if p.level == "erreur"]


@pytest.mark.parametrize("name", VARIANTS)
def test_python_and_json_schema_agree_on_retours(fixture_corpus, retour_schema, name):
    changes, good = VARIANTS[name]
    record = _variant(changes)
    jsonschema.Draft202012Validator.check_schema(retour_schema)
    assert python_ok(fixture_corpus, record) is good
    errors = list(EXTENDED(retour_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).iter_errors(record))
    assert (errors == []) is good, [e.message for e in errors]


# --- the built site ---------------------------------------------------------------------

def test_a_retour_has_its_page(fixture_site):
    soup = fixture_site.soup(RETOUR)
    assert words(soup.select_one("h1").get_text()) == "Des ateliers de parole au centre social des Tilleuls"
    assert words(soup.select_one(".badge").get_text()) == "Retour d'expérience"
    facts = {words(f.dt.get_text()): words(f.dd.get_text()) for f in soup.select(".record-facts .fact")}
    assert facts == {"Date de l'action": "mars 2026", "Territoires": "Vénissieux",
                     "Structure": "Centre social des Tilleuls (structure fictive des tests)",
                     "Nombre de participants": "14, dont 9 personnes concernées"}
    used = soup.select(".retour-ressources a")
    assert [(words(a.get_text()), a["href"]) for a in used] == [("Animer un groupe d'habitants", "../../fiches/animer-un-groupe/")]
    headings = [words(h.get_text()).rstrip("¶") for h in soup.select("article h2")]
    assert headings == ["Ressources du centre utilisées", "Ce qui a marché", "Ce qui a moins marché",
                        "Conseils pour se lancer", "Contributeurs"]


def test_the_fiche_shows_its_retours_most_recent_first(fixture_site):
    soup = fixture_site.soup(FICHE)
    section = soup.select_one("h2#retours")
    assert heading(section) == "Utilisée 2 fois"
    items = soup.select("ul.retours-liste > li")
    assert [words(li.get_text()) for li in items] == [
        "Des ateliers de parole au centre social des Tilleuls — Centre social des Tilleuls (structure fictive des tests), "
        "Vénissieux, mars 2026",
        "Un forum des parents préparé avec eux — Association fictive Parents Ensemble (tests), Vénissieux, octobre 2025"]
    assert items[0].a["href"] == "../../retours/ateliers-parole-tilleuls/"
    header = soup.select_one(".record-header .record-usage a")
    assert (words(header.get_text()), header["href"]) == ("Utilisée 2 fois", "#retours")
    invite = soup.select_one(".retour-invite a")
    assert (words(invite.get_text()), invite["href"]) == ("Raconter une utilisation",
                                                          "../../proposer/retour/?fiche=animer-un-groupe")
    # Retours are not « related resources »: they never show under « Pour aller plus loin ».
    assert not soup.select(".related-retours")


def test_singular_and_no_count_without_retours(fixture_site):
    pratique = fixture_site.soup("pratiques/atelier-parents/")
    assert heading(pratique.select_one("h2#retours")) == "Utilisée 1 fois"
    methodology = fixture_site.soup("methodologies/associer/")
    assert heading(methodology.select_one("h2#retours")) == "Retours d'expérience"
    assert "Utilisée" not in words(methodology.select_one("article").get_text())
    assert methodology.select_one(".retour-invite a")["href"] == "../../proposer/retour/?methodologie=associer"


def test_cards_show_the_count_only_when_used(fixture_site):
    for url in ("catalogue/", "fiches/"):
        cards = {card["data-id"]: card for card in fixture_site.soup(url).select("article.card")}
        assert words(cards["animer-un-groupe"].select_one(".card-usage").get_text()) == "Utilisée 2 fois"
        assert cards["fiche-hostile"].select_one(".card-usage") is None
    cards = {card["data-id"]: card for card in fixture_site.soup("catalogue/").select("article.card")}
    assert words(cards["atelier-parents"].select_one(".card-usage").get_text()) == "Utilisée 1 fois"
    assert "ateliers-parole-tilleuls" not in cards  # a retour is not a resource of the catalogue


def test_the_index_lists_retours_newest_first(fixture_site):
    soup = fixture_site.soup("retours/")
    assert [a["href"] for a in soup.select("ul.retours-liste > li > a")] == [
        "ateliers-parole-tilleuls/", "forum-des-parents/"]
    assert words(soup.select_one(".count").get_text()) == "2 retours d'expérience"


def test_retours_are_found_by_search_with_their_own_label(fixture_site):
    from core.search import site_documents
    documents = site_documents(load(fixture_site.project), [])
    kinds = {d.url: d.kind for d in documents}
    assert kinds[RETOUR] == "Retour d'expérience"


def test_with_no_retour_the_site_invites_to_tell_one(shipped_site):
    soup = shipped_site.soup("retours/")
    assert "Aucun retour d'expérience pour l'instant." in words(soup.get_text())
    assert soup.select_one(".retours-vide a")["href"] == "../proposer/retour/"
    from conftest import ROOT
    corpus = load(ROOT)
    for record in corpus.resources():
        page = shipped_site.soup(record.url)
        assert "Utilisée" not in words(page.select_one("article").get_text()), record.url
        key = {"fiches": "fiche", "pratiques": "pratique", "methodologies": "methodologie"}[record.collection]
        assert page.select_one(".retour-invite a")["href"] == f"../../proposer/retour/?{key}={record.id}"
    assert not shipped_site.soup("catalogue/").select(".card-usage")


# --- the form, in Chromium --------------------------------------------------------------

@pytest.fixture(scope="module")
def served(fixture_site):
    base, stop = serve(fixture_site.path)
    yield base
    stop()


def test_the_form_is_short_preselects_the_fiche_and_writes_a_valid_retour(page, served, fixture_site, tmp_path):
    page.goto(served + "proposer/retour/?fiche=animer-un-groupe")
    # A screen and a half at 1280 x 900, up to the « Vérifier » button, with no error shown.
    bottom = page.evaluate("() => document.querySelector('.proposer-submit button').getBoundingClientRect().bottom + scrollY")
    assert bottom <= 1.5 * 900, bottom
    picked = page.locator('[data-key="fiches"] .proposer-picked li')
    assert [words(t) for t in picked.all_inner_texts()] == ["Animer un groupe d'habitants Retirer"]
    # The pickers list titles, never ids.
    options = page.locator('[data-key="pratiques"] select option').all_inner_texts()
    assert options == ["— choisir —", "Atelier des parents du quartier"]
    assert "animer-un-groupe" not in page.locator(".proposer-form").inner_text()

    page.fill('[name="titre"]', "Un goûter-débat avec les familles")
    page.fill('[name="resume"]', "Un goûter-débat pour recueillir l'avis des familles sur l'accueil du service.")
    page.fill('[name="date"]', "2026-05-20")
    page.fill('[name="structure"]', "Service fictif de protection maternelle et infantile (tests)")
    page.select_option('[data-key="territoires"] select', label="Lyon")
    page.select_option('[data-key="pratiques"] select', label="Atelier des parents du quartier")
    page.fill('[name="ce_qui_a_marche"]', "Les familles ont choisi les questions.\n\n- le goûter\n- les enfants gardés")
    page.click("summary:has-text('Pour aller plus loin')")
    page.fill('[name="participants"]', "18")
    page.fill('[name="dont_personnes_concernees"]', "12")
    page.fill('[name="conseils"]', "Inviter par les enfants.")
    assert page.locator("#proposer").get_attribute("data-valid") == "true"
    assert page.locator("#proposer-id").input_value() == "un-gouter-debat-avec-les-familles"
    yaml_text = page.locator("#proposer-yaml").input_value()

    corpus = load(_project(tmp_path, yaml_text, "un-gouter-debat-avec-les-familles"))
    retour = corpus.get("retours", "un-gouter-debat-avec-les-familles")
    assert retour.data["fiches"] == ["animer-un-groupe"] and retour.data["pratiques"] == ["atelier-parents"]
    assert retour.data["territoires"] == ["lyon"] and retour.data["date"] == datetime.date(2026, 5, 20)
    assert (retour.data["participants"], retour.data["dont_personnes_concernees"]) == (18, 12)
    assert retour.data["date_maj"] == datetime.date.today()


def test_the_form_lists_every_problem_on_an_empty_submit(page, served):
    page.goto(served + "proposer/retour/")
    page.click("button[type=submit]")
    summary = page.locator("#proposer-resume-erreurs")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "proposer-resume-erreurs"
    links = [words(t) for t in summary.locator("li").all_inner_texts()]
    assert links[:5] == ["Titre du retour d'expérience : ce champ est obligatoire",
                         "Résumé : ce champ est obligatoire",
                         "Date de l'action : ce champ est obligatoire",
                         "Structure : ce champ est obligatoire",
                         "Territoires : ce champ est obligatoire"]
    # Picking a resource, then removing it, brings back the « at least one » rule once the rest is right.
    page.fill('[name="titre"]', "Un titre de test")
    page.fill('[name="resume"]', "Un résumé assez long pour être accepté par le contrôle.")
    page.fill('[name="date"]', "2026-01-10")
    page.fill('[name="structure"]', "Service fictif (tests)")
    page.select_option('[data-key="territoires"] select', label="Lyon")
    page.fill('[name="ce_qui_a_marche"]', "Tout.")
    page.select_option('[data-key="fiches"] select', label="Animer un groupe d'habitants")
    assert page.locator("#proposer").get_attribute("data-valid") == "true"
    page.click('[data-key="fiches"] .proposer-unpick')
    error = page.locator('[data-key="fiches"] > .proposer-error')
    assert words(error.inner_text()) == ("Choisissez au moins une ressource du centre : une fiche, une pratique "
                                         "ou une méthodologie.")
    assert page.evaluate("document.activeElement.tagName") == "SELECT"  # the focus is not lost with the button


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", [RETOUR, FICHE, "retours/", "proposer/retour/?fiche=animer-un-groupe"])
def test_no_serious_axe_violation_on_retour_pages(browser, served, scheme, url):
    from axe_playwright_python.sync_playwright import Axe
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(served + url)
        if url.startswith("proposer/"):
            tab.click("button[type=submit]")  # the errors and their summary are audited too
        tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in Axe().run(tab).response["violations"]
                      if v["impact"] in {"serious", "critical"}]
        assert violations == []
    finally:
        context.close()
