"""The "Proposer" forms in Chromium: fill, see errors come and go, get a YAML that validates and builds."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, GITHUB_FORGE, GITLAB_FORGE, ROOT, build, make_project, serve, visible

from core import reader

# Browser tests all, but one (marked by tests/conftest.py: the tests that use the ``browser`` fixture).
FORGES = {forge["FORGE_TYPE"]: forge["FORGE_URL"] for forge in (GITLAB_FORGE, GITHUB_FORGE)}


@pytest.fixture(scope="module")
def served(fixture_site):
    """The fixture site (GitLab forge) served: the forms only read it."""
    base, stop = serve(fixture_site.path)
    yield "gitlab", fixture_site.project, fixture_site, base
    stop()


@pytest.fixture(scope="module")
def served_github(fixture_site_github):
    base, stop = serve(fixture_site_github.path)
    yield "github", fixture_site_github.project, fixture_site_github, base
    stop()


def check_forge_link(forge_type, href, yaml_text):
    """The new-file page of the configured forge, with the file name and content prefilled."""
    link = urllib.parse.urlsplit(href)
    query = urllib.parse.parse_qs(link.query, strict_parsing=True)
    forge = urllib.parse.urlsplit(FORGES[forge_type])
    assert (link.scheme, link.netloc) == (forge.scheme, forge.netloc)
    if forge_type == "gitlab":
        assert link.path == forge.path + "/-/new/main/data/pratiques"
        assert query["file_name"] == ["atelier-des-parents-du-mercredi.yml"]
        assert query["content"] == [yaml_text]
        assert query["commit_message"] == ["Proposition : Atelier des parents du mercredi"]
    else:
        assert link.path == forge.path + "/new/main"
        assert query["filename"] == ["data/pratiques/atelier-des-parents-du-mercredi.yml"]
        assert query["value"] == [yaml_text]


@pytest.fixture
def page(browser, served):
    _, _, _, base = served
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    tab.outside = []
    tab.errors = []
    tab.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith(("data:", "blob:"))
           else tab.outside.append(r.url))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    assert tab.outside == [], "the form sent a request outside the site"
    assert tab.errors == []
    context.close()


def error_of(page, key):
    return page.locator(f'[data-key="{key}"] > .proposer-error')


def fill_fiche(page):
    """Every required field of the fiche form, as a person fills it."""
    page.fill('[name="titre"]', "Préparer une réunion avec les habitants")
    page.fill('[name="resume"]', "Les étapes pour préparer une réunion où les habitants décident de l'ordre du jour.")
    page.select_option('[name="axe"]', "participation")
    page.check('[name="thematiques"][value="lien-social"]')
    page.check('[name="publics"][value="habitants"]')
    page.select_option('[name="niveau_participation"]', "concertation")
    page.select_option('[name="type"]', "methode")
    page.fill('[name="objectif"]', "Que l'ordre du jour vienne des habitants.")
    page.fill('[name="etapes[1].titre"]', "Recueillir les sujets")
    page.fill('[name="etapes[1].description"]', "Une boîte à idées pendant deux semaines.")


def fill_pratique(page):
    page.fill('[name="resume"]', "Des parents se retrouvent chaque mercredi pour parler de l'école et monter leurs projets.")
    page.select_option('[name="axe"]', "faire-avec")
    page.check('[name="thematiques"][value="parentalite"]')
    page.check('[name="publics"][value="familles"]')
    page.select_option('[name="niveau_participation"]', "co-construction")
    page.check('[name="territoires"][value="venissieux"]')
    page.select_option('[name="format"]', "collectif")
    page.select_option('[name="statut"]', "en-cours")
    page.fill('[name="porteurs"]', "Maison de la Métropole de Vénissieux")
    page.fill('[name="contexte"]', "Des parents disaient se sentir **seuls** face à l'école.\n\nIls ont proposé de se réunir.")
    page.fill('[name="objectifs"]', "Rompre l'isolement\nOuvrir l'école aux parents")
    page.fill('[name="deroulement"]', "1. Une rencontre ouverte.\n2. Des rencontres chaque mercredi.")


def test_pratique_form_end_to_end(page, served, tmp_path):
    forge_type, project, site, base = served
    page.goto(base + "proposer/pratique/")
    title = page.locator('[name="titre"]')

    # An error appears next to the field as the person types, in French, then disappears.
    title.fill("ab")
    assert error_of(page, "titre").is_visible()
    assert error_of(page, "titre").inner_text() == "Trop court (2 caractères, minimum 3)."
    assert title.get_attribute("aria-invalid") == "true"
    title.fill("Atelier des parents du mercredi")
    assert error_of(page, "titre").is_hidden()
    assert title.get_attribute("aria-invalid") == "false"
    assert page.locator("#proposer-id").input_value() == "atelier-des-parents-du-mercredi"

    # Untouched required fields are not shouted at, until the person asks.
    assert error_of(page, "resume").is_hidden()
    assert page.locator("#proposer-forge").get_attribute("href") is None
    page.click(".proposer-show")
    assert visible(error_of(page, "resume").inner_text()) == "Ce champ est obligatoire."

    fill_pratique(page)
    assert "Tout est correct" in page.locator(".proposer-status").inner_text()
    assert page.locator("#proposer").get_attribute("data-valid") == "true"
    assert page.locator(".proposer-error:visible").count() == 0
    yaml_text = page.locator("#proposer-yaml").input_value()

    check_forge_link(forge_type, page.locator("#proposer-forge").get_attribute("href"), yaml_text)

    # Download gives the same file, under its name (for the team, under « Pour les membres de l'équipe »).
    page.get_by_text("Pour les membres de l'équipe").click()
    with page.expect_download() as caught:
        page.click("#proposer-telecharger")
    download = caught.value
    assert download.suggested_filename == "atelier-des-parents-du-mercredi.yml"
    assert Path(download.path()).read_text(encoding="utf-8") == yaml_text

    # The Python validator accepts the YAML, and it builds into a page.
    target = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    (target / "data" / "pratiques" / "atelier-des-parents-du-mercredi.yml").write_text(yaml_text, encoding="utf-8")
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(target),
                              str(target / "data" / "pratiques" / "atelier-des-parents-du-mercredi.yml")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert build(target).returncode == 0
    soup = BeautifulSoup((target / "site" / "pratiques" / "atelier-des-parents-du-mercredi" / "index.html")
                         .read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("h1.record-title").get_text() == "Atelier des parents du mercredi"
    assert soup.select_one(".record-section strong").get_text() == "seuls"

    # Nothing typed is lost on reload.
    page.reload()
    assert page.locator('[name="titre"]').input_value() == "Atelier des parents du mercredi"
    assert page.locator('[name="thematiques"][value="parentalite"]').is_checked()
    assert page.locator("#proposer-yaml").input_value() == yaml_text


def test_github_link(browser, served_github):
    _, _, _, base = served_github
    page = browser.new_page()
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', "Atelier des parents du mercredi")
    fill_pratique(page)
    check_forge_link("github", page.locator("#proposer-forge").get_attribute("href"),
                     page.locator("#proposer-yaml").input_value())
    forge = json.loads(page.locator("#proposer-data").text_content())["forge"]
    assert (forge["type"], forge["url"]) == ("github", FORGES["github"])
    page.close()


def test_repeatable_items_and_consent(page, served):
    _, _, _, base = served
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', "Atelier des parents du mercredi")
    fill_pratique(page)
    page.click("text=Ajouter un témoignage")
    page.fill('[name="temoignages[1].citation"]', "On se sent moins seuls.")
    page.fill('[name="temoignages[1].auteur"]', "une mère")
    consent = error_of(page, "temoignages[1].consentement")
    page.locator('[name="temoignages[1].consentement"]').check()
    page.locator('[name="temoignages[1].consentement"]').uncheck()
    assert visible(consent.inner_text()) == ("Un témoignage n'est publié qu'avec l'accord de la personne : "
                                    "cochez la case quand elle l'a donné.")
    page.locator('[name="temoignages[1].consentement"]').check()
    assert consent.is_hidden()
    assert "Tout est correct" in page.locator(".proposer-status").inner_text()
    yaml_text = page.locator("#proposer-yaml").input_value()
    assert "temoignages:\n  - citation: On se sent moins seuls.\n    auteur: une mère\n    consentement: true\n" in yaml_text
    page.click("text=Retirer le témoignage 1")
    assert page.locator('[name="temoignages[1].citation"]').count() == 0
    assert "temoignages" not in page.locator("#proposer-yaml").input_value()


def test_fiche_form_produces_a_valid_fiche(page, served, tmp_path):
    _, _, _, base = served
    page.goto(base + "proposer/fiche/")
    fill_fiche(page)
    page.fill('[name="participants.min"]', "20")
    page.fill('[name="participants.max"]', "8")
    assert error_of(page, "participants.max").inner_text() == "Le maximum est inférieur au minimum."
    page.fill('[name="participants.max"]', "30")
    assert error_of(page, "participants.max").is_hidden()
    assert page.locator("#proposer").get_attribute("data-valid") == "true"
    yaml_text = page.locator("#proposer-yaml").input_value()
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    path = project / "data" / "fiches" / "preparer-une-reunion-avec-les-habitants.yml"
    path.write_text(yaml_text, encoding="utf-8")
    from core.corpus import load
    fiche = load(project).get("fiches", "preparer-une-reunion-avec-les-habitants")
    assert fiche.data["participants"] == {"min": 20, "max": 30}
    assert fiche.data["etapes"][0]["titre"] == "Recueillir les sujets"


def test_file_name_must_be_new(page, served):
    _, _, _, base = served
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', "Atelier parents")  # the fixture already has atelier-parents.yml
    assert "déjà pris" in error_of(page, "@id").inner_text()
    page.fill("#proposer-id", "atelier-parents-bis")
    assert error_of(page, "@id").is_hidden()
    page.fill('[name="titre"]', "Atelier parents encore")
    assert page.locator("#proposer-id").input_value() == "atelier-parents-bis", "an edited name is kept"


TRICKY = [
    "Réunion : bilan # 2",
    "yes",
    "2024-01-01",
    "- pas une liste",
    "« Guillemets » et 'apostrophes' et \"doubles\"",
    "@arobase et `accent grave`",
    "12",
    "null",
    "Texte avec\u00a0espace insécable ; et point-virgule !",
    "*étoile* & esperluette",
    "Chemin C:\\dossier\\fichier",
    "Ligne \u2028 séparateur",
]


def test_yaml_output_round_trips_through_the_python_reader(page, served, tmp_path):
    """Whatever people type comes back as the same text once read by core/reader.py."""
    _, _, _, base = served
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', TRICKY[0])
    page.fill('[name="objectifs"]', "\n".join(TRICKY[1:]))
    markdown = "Premier paragraphe : *important*.\n\n\tUne ligne avec tabulation\n- une liste\n    - imbriquée\n\n# titre"
    page.fill('[name="contexte"]', markdown)
    page.fill('[name="porteurs"]', "Association « Ensemble »: Lyon")
    yaml_text = page.locator("#proposer-yaml").input_value()
    path = tmp_path / "data" / "pratiques" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml_text, encoding="utf-8")
    document = reader.read(path, tmp_path)
    assert document.value["titre"] == TRICKY[0]
    # A line typed « - item » is an item: the dash is the list's mark (issue 23), never doubled.
    assert document.value["objectifs"] == [t.strip().removeprefix("- ") for t in TRICKY[1:]]
    assert document.value["contexte"].rstrip("\n") == markdown.replace("\t", "    ")
    assert document.value["porteurs"] == ["Association « Ensemble »: Lyon"]


def test_slug_agrees_with_python(page, served):
    from core.contribution import slug
    _, _, _, base = served
    page.goto(base + "proposer/fiche/")
    titles = ["Atelier « Parents » à Bron", "Œuvrer ensemble : l'été des habitant·es", "  --Déjà   vu--  ",
              "Comité 2024 / Vaulx-en-Velin", "mot " * 40, "Ça ne s'invente pas", "Ærø", "naïve façon"]
    assert page.evaluate("titles => titles.map(CentreProposer.slug)", titles) == [slug(t) for t in titles]


@pytest.mark.parametrize("forge_type, built", [("gitlab", "fixture_site"), ("github", "fixture_site_github")])
def test_form_pages_are_generated_from_the_schema(request, forge_type, built):
    """Every field of the schema has a control, with the French help text of the schema (no browser)."""
    from core.schema import COLLECTIONS
    site = request.getfixturevalue(built)
    for collection, url in (("pratiques", "proposer/pratique/"), ("fiches", "proposer/fiche/"),
                            ("methodologies", "proposer/methodologie/")):
        soup = site.soup(url)
        assert soup.select_one('script#proposer-data[type="application/json"]') is not None
        scripts = [s["src"] for s in soup.select("script[src]")]
        # One ES module, which imports validator.js, lien.js, brouillon.js and donnees-personnelles.js.
        assert [s for s in scripts if "proposer" in s or "validator" in s] == ["../../assets/javascripts/proposer.js"]
        assert soup.select_one('script[src$="proposer.js"]')["type"] == "module"
        data = json.loads(soup.select_one("script#proposer-data").string)
        assert (data["forge"]["url"], data["forge"]["type"]) == (FORGES[forge_type], forge_type)
        # The French name of every field comes from the schema (no second list of labels).
        assert data["schema"]["properties"]["niveau_participation"]["x-label"] == "Niveau de participation"
        assert set(COLLECTIONS[collection].fields) >= {"titre", "resume"}


def test_every_schema_field_gets_a_control_in_the_browser(page, served):
    from core.schema import COLLECTIONS, Obj
    _, _, _, base = served
    for collection, url in (("pratiques", "proposer/pratique/"), ("fiches", "proposer/fiche/"),
                            ("methodologies", "proposer/methodologie/")):
        page.goto(base + url)
        keys = set(page.eval_on_selector_all("[data-key]", "nodes => nodes.map(n => n.dataset.key)"))
        for name, spec in COLLECTIONS[collection].fields.items():
            assert name in keys, (collection, name)
            inner = spec.type
            if isinstance(inner, Obj):
                assert {f"{name}.{sub}" for sub in inner.fields} <= keys
            helps = page.locator(f'[data-key="{name}"] > .proposer-help').all_inner_texts()
            assert spec.help in [visible(text) for text in helps], (collection, name)


def test_form_has_no_accessibility_violations(page, served):
    """axe-core (bundled with axe-playwright-python, nothing downloaded) on the form with errors shown."""
    from axe_playwright_python.sync_playwright import Axe
    _, _, _, base = served
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', "ab")
    page.click(".proposer-show")
    assert page.locator("#proposer-resume-erreurs").is_visible()  # the error summary is checked too
    assert page.locator(".proposer-error:visible").count() >= 10
    results = Axe().run(page, context={"include": [["#proposer"], [".proposer-intro"]]})
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]] == []


def test_long_reference_lists_use_a_search_box(browser, tmp_path):
    """With many records, related records are picked through a search over titles, not thousands of boxes."""
    project = make_project(tmp_path / "many", FIXTURES / "site" / "data")
    base_fiche = (project / "data" / "fiches" / "animer-un-groupe.yml").read_text(encoding="utf-8")
    for number in range(45):
        text = base_fiche.replace("titre: Animer un groupe d'habitants", f"titre: Fiche d'essai numéro {number}")
        (project / "data" / "fiches" / f"fiche-essai-{number}.yml").write_text(text, encoding="utf-8")
    assert build(project, env={"CENTRE_PDF": "off"}).returncode == 0  # 45 PDFs the form does not need
    base, stop = serve(project / "site")
    page = browser.new_page()
    try:
        page.goto(base + "proposer/pratique/")
        field = page.locator('[data-key="fiches"]')
        assert field.locator('input[type="checkbox"]').count() == 0
        assert field.locator("datalist option").count() == 47  # 45 + the 2 fiches of the fixture
        field.locator("input.proposer-search").fill("Fiche d'essai numéro 7 — fiche-essai-7")
        field.locator("input.proposer-search").dispatch_event("change")
        assert page.locator('[name="fiches"]').input_value() == "fiche-essai-7"
        assert "fiches:\n  - fiche-essai-7\n" in page.locator("#proposer-yaml").input_value()
        page.fill('[name="fiches"]', "fiche-essai-7\nfiche-inexistante")
        assert "« fiche-inexistante » ne correspond à aucun fichier data/fiches/fiche-inexistante.yml." in \
            visible(error_of(page, "fiches").inner_text())
        # Short vocabularies stay checkboxes.
        assert page.locator('[data-key="thematiques"] input[type="checkbox"]').count() == 3
    finally:
        page.close()
        stop()


def test_methodologie_form_with_repeatable_phases(page, served, tmp_path):
    _, _, _, base = served
    page.goto(base + "proposer/methodologie/")
    page.fill('[name="titre"]', "Associer les habitants à un projet de quartier")
    page.fill('[name="resume"]', "Se demander à chaque phase qui associer, quand et comment, avec les habitants.")
    page.select_option('[name="axe"]', "participation")
    page.check('[name="thematiques"][value="lien-social"]')
    page.check('[name="publics"][value="habitants"]')
    page.select_option('[name="niveau_participation"]', "concertation")
    page.fill('[name="questions"]', "Qui est concerné ?\nQu'est-ce qui peut encore changer ?")
    for number, (phase, niveau) in enumerate([("diagnostic", "consultation"), ("conception", "co-construction")], 1):
        if number > 1:
            page.click("text=Ajouter une phase")
        page.select_option(f'[name="phases[{number}].phase"]', phase)
        page.fill(f'[name="phases[{number}].qui"]', "Habitants du quartier")
        page.fill(f'[name="phases[{number}].quand"]', "Avant toute décision")
        page.fill(f'[name="phases[{number}].comment"]', "Des rencontres au pied des immeubles.")
        page.select_option(f'[name="phases[{number}].niveau_participation"]', niveau)
    page.check('[name="phases[1].fiches"][value="animer-un-groupe"]')
    assert page.locator("#proposer").get_attribute("data-valid") == "true"
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    (project / "data" / "methodologies" / "associer-les-habitants-a-un-projet-de-quartier.yml").write_text(
        page.locator("#proposer-yaml").input_value(), encoding="utf-8")
    from core.corpus import load
    corpus = load(project)
    record = corpus.get("methodologies", "associer-les-habitants-a-un-projet-de-quartier")
    assert [p["phase"] for p in record.data["phases"]] == ["diagnostic", "conception"]
    assert record.data["phases"][0]["fiches"] == ["animer-un-groupe"]
    assert "associer-les-habitants-a-un-projet-de-quartier" in corpus.get("fiches", "animer-un-groupe").related["methodologies"]


def test_copy_puts_the_yaml_on_the_clipboard(browser, served):
    _, _, _, base = served
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(base + "proposer/fiche/")
        page.fill('[name="titre"]', "Une fiche à copier")
        page.get_by_text("Pour les membres de l'équipe").click()
        page.click("#proposer-copier")
        page.wait_for_function("document.querySelector('.proposer-note').textContent.includes('copié')")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator("#proposer-yaml").input_value()
    finally:
        context.close()
