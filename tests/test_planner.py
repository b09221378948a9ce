"""The participation planner (/planifier/, issue 12): the built page, then the app in Chromium.

Build tests read the shipped site's HTML; browser tests fill a plan and follow it through a
reload, a shared address, a downloaded file, paper (PDF read back with pypdf) and the
« Proposer une pratique » form, whose YAML must pass the Python validator.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.parse

import pytest
import yaml
from bench_links import LONG_TASKS, big_plan_file, deflated_link, worst_wait
from conftest import ROOT, SITE_URL, visible

from core import corpus as corpus_module

CORPUS = corpus_module.load(ROOT)
PHASES = list(CORPUS.vocabularies["phases"].values())
LEVELS = list(CORPUS.vocabularies["niveaux-participation"].values())
METHODOLOGIES = sorted(CORPUS.records["methodologies"])
PLANNER = "planifier/"
PROJECT = "Accueil social partagé de Vénissieux"


# --- the built page -------------------------------------------------------------------------

def test_planner_page_names_every_phase_and_is_linked(shipped_site):
    soup = shipped_site.soup(PLANNER)
    assert visible(soup.select_one("h1").get_text()) == "Planifier la participation"
    text = visible(soup.get_text(" "))
    for phase in PHASES:
        assert phase.label in text, phase.label
    # In the header menu, at the top level, and among the home page's ways in.
    home = shipped_site.soup("")
    assert any(a.get("href") == PLANNER for a in home.select(".md-tabs a")), "header menu"
    assert any(a.get("href") == PLANNER for a in home.select(".md-content a")), "home page"
    # The data the script reads: valid JSON, nothing that could close the script element.
    raw = soup.select_one("script#planifier-data").string
    assert "</" not in raw
    data = json.loads(raw)
    assert [p["id"] for p in data["phases"]] == [p.id for p in PHASES]
    assert [n["description"] for n in data["niveaux"]] == [n.description for n in LEVELS]
    assert {m["id"] for m in data["methodologies"]} == set(METHODOLOGIES)


@pytest.mark.parametrize("methodology", METHODOLOGIES)
def test_every_methodology_page_opens_the_planner(shipped_site, methodology):
    page_url = f"methodologies/{methodology}/"
    link = shipped_site.soup(page_url).select_one("a.record-planner")
    assert link is not None
    assert visible(link.get_text(" ")).split()[:4] == ["Ouvrir", "dans", "le", "planificateur"]
    href = urllib.parse.urlsplit(link["href"])
    assert urllib.parse.parse_qs(href.query) == {"depuis": [methodology]}
    target = urllib.parse.urljoin("http://x/" + page_url, href.path)
    assert target == "http://x/" + PLANNER


def test_without_javascript_a_blank_worksheet_has_one_block_per_phase(shipped_site):
    soup = shipped_site.soup(PLANNER)
    blocks = soup.select(".planifier-vierge .planifier-vierge-phase")
    assert [b["data-phase"] for b in blocks] == [p.id for p in PHASES]
    for block, phase in zip(blocks, PHASES):
        words = visible(block.get_text(" "))
        assert phase.label in words
        for question in ("Qui associer ?", "Quand ?", "Comment ?", "négociable", "Pas de participation à cette phase"):
            assert question in words
        assert [level.label in words for level in LEVELS] == [True] * len(LEVELS)
    assert soup.select_one("noscript .planifier-noscript") is not None
    # The ladder is a picture (core/diagrams.py) whose caption and table name the five levels.
    ladder = visible(soup.select_one(".planifier-echelle").get_text(" "))
    assert all(level.label in ladder for level in LEVELS)


# --- in Chromium -----------------------------------------------------------------------------

def watch(tab, base):
    tab.outside, tab.errors = [], []
    origin = urllib.parse.urlsplit(base)
    tab.on("request", lambda r: None if urllib.parse.urlsplit(r.url)[:2] == origin[:2] or r.url.startswith(("data:", "blob:"))
           else tab.outside.append(r.url))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    return tab


@pytest.fixture
def contexts(browser, shipped_url):
    """Fresh browser contexts (another person's browser), each tab watched for errors and outside requests."""
    opened = []

    def new(**options):
        context = browser.new_context(accept_downloads=True, locale="fr-FR", **options)
        opened.append(context)
        return watch(context.new_page(), shipped_url)

    yield new
    for context in opened:
        for tab in context.pages:
            assert tab.outside == [], "request outside the site"
            assert tab.errors == [], "script error"
        context.close()


def open_planner(tab, base, query=""):
    tab.goto(base + PLANNER + query)
    tab.locator(".planifier-form").wait_for()
    return tab


def fill_plan(tab):
    tab.fill("#planifier-projet", PROJECT)
    tab.select_option("#planifier-territoire", "venissieux")
    tab.check('[name="publics"][value="familles"]')
    tab.check('[name="publics"][value="personnes-en-precarite"]')
    tab.fill("#planifier-date", "2026-12-01")
    # Diagnostic: a suggestion drawn from the publics, free text, a level, a fiche.
    tab.locator('.planifier-phase[data-phase="diagnostic"] .planifier-qui label', has_text="Familles").click()
    tab.fill("#autres-0", "Écrivain public, centre social")
    tab.fill("#quand-0", "Janvier et février")
    tab.check('[name="niveau-0"][value="concertation"]')
    tab.check('[name="fiches-0"][value="aller-vers"]')
    tab.fill("#negociable-0", "Les horaires et le lieu de l'accueil")
    # Décision: no participation, honestly.
    tab.check("#sans-2")
    tab.fill("#raison-2", "Le budget est voté par le conseil de la Métropole")
    tab.check('[name="niveau-1"][value="co-decision"]')
    tab.check("#condition-0")
    tab.fill("#condition-qui-0", "Secrétariat du service")
    tab.fill("#planifier-retour", "Une lettre et une réunion trois mois après chaque atelier")
    tab.fill("#planifier-reconnaissance", "Bons d'achat et attestation de participation")


def the_plan(tab) -> str:
    return visible(tab.locator("#planifier-plan").inner_text())


def check_filled(tab):
    assert tab.locator("#planifier-projet").input_value() == PROJECT
    assert tab.locator('[name="niveau-1"][value="co-decision"]').is_checked()
    assert tab.locator("#sans-2").is_checked()
    assert tab.locator("#condition-qui-0").input_value() == "Secrétariat du service"
    plan = the_plan(tab)
    for words in (PROJECT, "Vénissieux", "Familles", "Écrivain public", "Janvier et février", "Concertation",
                  "Co-décision", "Aller vers", "Les horaires et le lieu", "Pas de participation à cette phase",
                  "Le budget est voté", "Secrétariat du service", "Une lettre et une réunion", "Bons d'achat", "1er décembre 2026"):
        assert words in plan, words


def test_fill_reload_share_download_reopen(contexts, shipped_url, tmp_path):
    tab = open_planner(contexts(), shipped_url)
    fill_plan(tab)
    check_filled(tab)
    printed = the_plan(tab)

    # The draft survives a reload, even without the address's plan.
    open_planner(tab, shipped_url)
    check_filled(tab)
    assert the_plan(tab) == printed

    # The address carries the plan to a colleague's browser.
    tab.locator("#planifier-projet").press("End")
    tab.wait_for_function("location.hash.startsWith('#plan')")
    address = tab.url
    assert len(address) < 2500, len(address)
    colleague = contexts()
    colleague.goto(address)
    colleague.locator(".planifier-form").wait_for()
    colleague.wait_for_function("document.querySelector('#planifier-projet').value !== ''")
    check_filled(colleague)
    assert the_plan(colleague) == printed

    # The downloaded file is YAML (read by Python) and reopens into the same plan elsewhere.
    with tab.expect_download() as caught:
        tab.click(".planifier-telecharger")
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    assert saved.name == "plan-de-participation-accueil-social-partage-de-venissieux.yml"
    document = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert document["format"] == "plan-de-participation"
    assert document["plan"]["projet"] == PROJECT
    assert [p["phase"] for p in document["plan"]["phases"]] == [p.id for p in PHASES]
    third = open_planner(contexts(), shipped_url)
    third.set_input_files("#planifier-fichier", str(saved))
    third.wait_for_function(f"document.querySelector('#planifier-projet').value === {json.dumps(PROJECT)}")
    check_filled(third)
    assert the_plan(third) == printed

    # A file that is not a plan: a clear French message, the plan unchanged.
    wrong = tmp_path / "courses.yml"
    wrong.write_text("liste:\n  - pain\n  - lait\n", encoding="utf-8")
    third.set_input_files("#planifier-fichier", str(wrong))
    error = third.locator("#planifier-fichier-erreur")
    error.wait_for(state="visible")
    assert "n'est pas un plan de participation" in visible(error.inner_text())
    assert third.locator("#planifier-fichier").get_attribute("aria-invalid") == "true"
    assert the_plan(third) == printed


def pdf_text(tab) -> tuple[int, str]:
    import pypdf
    reader = pypdf.PdfReader(io.BytesIO(tab.pdf(format="A4")))
    # NFKC: the PDF's ligatures ("ﬀ") read as their letters.
    return len(reader.pages), unicodedata.normalize("NFKC", visible(" ".join(p.extract_text() for p in reader.pages)))


def words(text: str) -> str:
    return " ".join(text.split())


def test_print_holds_every_choice_on_one_or_two_pages(contexts, shipped_url):
    tab = open_planner(contexts(), shipped_url, "?depuis=qui-quand-comment-associer-les-personnes-concernees")
    fill_plan(tab)
    tab.emulate_media(media="print")
    assert tab.locator(".planifier-form").is_hidden()
    assert tab.locator(".planifier-barre").is_hidden()
    assert tab.locator("#planifier-plan").is_visible()
    pages, text = pdf_text(tab)
    assert 1 <= pages <= 2, pages
    text = words(text)
    for expected in (f"Plan de participation : {PROJECT}", "Écrivain public", "Janvier et février",
                     "Pas de participation à cette phase", "Le budget est voté par le conseil",
                     "Secrétariat du service", "Une lettre et une réunion", "Bons d'achat", "1er décembre 2026"):
        assert words(expected) in text, expected
    for phase in PHASES:
        assert phase.label in text


@pytest.mark.parametrize("methodology", METHODOLOGIES)
def test_each_methodology_prefills_the_plan_and_prints(contexts, shipped_url, methodology):
    record = CORPUS.get("methodologies", methodology)
    tab = open_planner(contexts(), shipped_url, f"?depuis={methodology}")
    assert tab.locator("#planifier-depuis").input_value() == methodology
    for phase in record.data["phases"]:
        index = [p.id for p in PHASES].index(phase["phase"])
        assert tab.locator(f'[name="niveau-{index}"][value="{phase["niveau_participation"]}"]').is_checked()
        assert tab.locator(f"#quand-{index}").input_value() == phase["quand"]
        for fiche in phase.get("fiches", []):
            assert tab.locator(f'[name="fiches-{index}"][value="{fiche}"]').is_checked(), fiche
        for person in phase["qui"]:
            assert tab.locator(f'[name="qui-{index}"][value="{person}"]').is_checked(), person
    conditions = record.data.get("conditions")
    if conditions:
        assert [visible(t) for t in tab.locator(".planifier-condition label[for^=condition-]:not(.planifier-sous-label)")
                .all_inner_texts()] == conditions
    tab.emulate_media(media="print")
    pages, text = pdf_text(tab)
    assert 1 <= pages <= 2, pages
    text = words(text)
    for phase in record.data["phases"]:
        assert CORPUS.label("phases", phase["phase"]) in text
        assert CORPUS.label("niveaux-participation", phase["niveau_participation"]) in text
    for condition in conditions or []:
        assert words(condition) in text, condition


def test_the_methodology_page_button_opens_the_prefilled_planner(contexts, shipped_url):
    tab = contexts()
    tab.goto(shipped_url + "methodologies/projet-social-de-territoire-participatif/")
    tab.click("a.record-planner")
    tab.locator(".planifier-form").wait_for()
    assert tab.locator("#planifier-depuis").input_value() == "projet-social-de-territoire-participatif"


def test_tell_this_action_gives_a_practice_that_validates(contexts, shipped_url, tmp_path):
    tab = open_planner(contexts(), shipped_url, "?depuis=qui-quand-comment-associer-les-personnes-concernees")
    fill_plan(tab)
    tab.click(".planifier-raconter")
    tab.wait_for_url("**/proposer/pratique/")
    tab.locator('[name="titre"]').wait_for()
    assert tab.locator('[name="titre"]').input_value() == PROJECT
    assert tab.locator('[name="territoires"][value="venissieux"]').is_checked()
    assert tab.locator('[name="publics"][value="familles"]').is_checked()
    # The highest level the team committed to.
    assert tab.locator('[name="niveau_participation"]').input_value() == "co-decision"
    story = tab.locator('[name="deroulement"]').input_value()
    assert "**Diagnostic** (Janvier et février)" in story
    assert "**Décision** : pas de participation à cette phase (Le budget est voté" in story
    # What the plan cannot know, the person writes; then the file is valid.
    tab.fill('[name="resume"]', "Des familles et des professionnels ont repensé ensemble l'accueil social du quartier.")
    tab.select_option('[name="axe"]', "participation")
    tab.check('[name="thematiques"][value="participation-citoyenne"]')
    tab.select_option('[name="format"]', "collectif")
    tab.select_option('[name="statut"]', "terminee")
    tab.fill('[name="porteurs"]', "Maison de la Métropole de Vénissieux")
    tab.fill('[name="contexte"]', "L'accueil social était peu fréquenté par les familles du quartier.")
    tab.fill('[name="objectifs"]', "Rendre l'accueil plus accessible")
    assert "Tout est correct" in tab.locator(".proposer-status").inner_text()
    text = tab.locator("#proposer-yaml").input_value()
    name = tab.locator("#proposer-id").input_value()
    project = tmp_path / "p"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    target = project / "data" / "pratiques" / f"{name}.yml"
    target.write_text(text, encoding="utf-8")
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(project), str(target)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert yaml.safe_load(text)["deroulement"] == story


def test_tell_this_action_over_a_practice_draft_asks_and_loses_neither(contexts, shipped_url):
    """The plan reaches the form as a proposal link: a draft the person had there is never replaced unasked."""
    tab = open_planner(contexts(), shipped_url)
    tab.goto(shipped_url + "proposer/pratique/")
    tab.fill('[name="titre"]', "Ma pratique en cours")
    tab.fill('[name="contexte"]', "Un contexte écrit à la main.")
    open_planner(tab, shipped_url, "?depuis=qui-quand-comment-associer-les-personnes-concernees")
    fill_plan(tab)
    tab.click(".planifier-raconter")
    tab.wait_for_selector("#proposer-choix:not([hidden])")
    assert tab.locator('[name="titre"]').input_value() == "Ma pratique en cours"  # nothing replaced yet
    assert PROJECT in visible(tab.locator("#proposer-choix").inner_text())
    assert visible(tab.locator("#proposer-choix-titre").inner_text()) == \
        "Votre action arrive du planificateur, et ce formulaire a déjà un brouillon"
    tab.click("#proposer-choix-garder")
    assert tab.locator('[name="contexte"]').input_value() == "Un contexte écrit à la main."
    # The action is one click away, and opening it keeps the person's draft one click away in turn.
    tab.locator(".proposer-rouvrir", has_text=PROJECT).click()
    assert tab.locator('[name="titre"]').input_value() == PROJECT
    assert "**Diagnostic**" in tab.locator('[name="deroulement"]').input_value()
    assert tab.locator(".proposer-rouvrir", has_text="Ma pratique en cours").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_empty_and_filled(contexts, shipped_url, scheme):
    from axe_playwright_python.sync_playwright import Axe
    tab = open_planner(contexts(color_scheme=scheme), shipped_url)
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")

    def audit(state):
        found = [v for v in Axe().run(tab).response["violations"] if v["impact"] in {"serious", "critical"}]
        assert found == [], (state, scheme, [(v["id"], [n["target"] for n in v["nodes"]]) for v in found])

    audit("vide")
    fill_plan(tab)
    audit("rempli")


def test_keyboard_only_and_phone_width(contexts, shipped_url):
    tab = open_planner(contexts(viewport={"width": 390, "height": 844}), shipped_url)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    # Every control of the form has a label (its accessible name is not empty).
    unnamed = tab.evaluate("""[...document.querySelectorAll('#planifier input, #planifier select, #planifier textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.name)""")
    assert unnamed == []
    # Keyboard: focus the project name, type, Tab to the territory and choose with the arrows.
    tab.focus("#planifier-projet")
    tab.keyboard.type("Projet au clavier")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "planifier-territoire"
    tab.focus('[name="niveau-0"][value="information"]')
    tab.keyboard.press("ArrowDown")
    assert tab.locator('[name="niveau-0"][value="consultation"]').is_checked()
    assert "Consultation" in the_plan(tab)


def test_prefill_from_the_page_asks_before_replacing_phases(contexts, shipped_url):
    tab = open_planner(contexts(), shipped_url)
    tab.select_option("#planifier-depuis", "projet-social-de-territoire-participatif")
    tab.click(".planifier-prendre")
    first = CORPUS.get("methodologies", "projet-social-de-territoire-participatif").data["phases"][0]
    index = [p.id for p in PHASES].index(first["phase"])
    assert tab.locator(f"#quand-{index}").input_value() == first["quand"]
    assert "prérempli" in visible(tab.locator(".planifier-status").inner_text())
    tab.fill(f"#quand-{index}", "Notre calendrier")
    # Another methodology: the team is asked first; "Annuler" keeps its work.
    tab.select_option("#planifier-depuis", "qui-quand-comment-associer-les-personnes-concernees")
    asked = []
    tab.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    tab.click(".planifier-prendre")
    assert asked and "Remplacer les phases" in asked[0]
    assert tab.locator(f"#quand-{index}").input_value() == "Notre calendrier"


def test_planner_shows_the_ladder_as_an_accessible_picture(shipped_site):
    soup = shipped_site.soup("planifier/")
    figure = soup.select(".planifier-echelle svg[role=img]")
    assert len(figure) == 1 and figure[0].get("aria-labelledby")
    assert figure[0].select_one("title") is not None


# --- nothing a person does is lost (issue 26) ------------------------------------------------

MINE = "Mon plan"
THEIRS = "Plan de la collègue"
DRAFT_KEY = "centre-ressources:planificateur"


def projet(tab) -> str:
    return tab.locator("#planifier-projet").input_value()


def colleague_link(contexts, base, name=THEIRS) -> str:
    other = open_planner(contexts(), base)
    other.fill("#planifier-projet", name)
    other.fill("#quand-0", "En mars")
    other.wait_for_function("location.hash.startsWith('#plan')")
    return other.url


def choice(tab):
    dialog = tab.locator("dialog.planifier-choix-dialogue")
    dialog.wait_for(state="visible")
    return dialog


def test_a_shared_plan_never_replaces_a_draft_silently(contexts, shipped_url):
    address = colleague_link(contexts, shipped_url)
    mine = open_planner(contexts(), shipped_url)
    mine.fill("#planifier-projet", MINE)
    mine.fill("#quand-0", "En janvier")
    mine.wait_for_function("location.hash.startsWith('#plan')")

    # A new tab of the same browser opens the colleague's link: it asks, in a modal dialog.
    tab = watch(mine.context.new_page(), shipped_url)
    tab.goto(address)
    dialog = choice(tab)
    assert visible(dialog.locator("h2").inner_text()).startswith("Un plan partagé arrive")
    assert THEIRS in visible(dialog.inner_text()) and MINE in visible(dialog.inner_text())
    assert tab.evaluate("document.activeElement.textContent") == "Ouvrir le plan partagé"
    assert projet(tab) == MINE  # nothing replaced while it asks
    tab.get_by_role("button", name="Ouvrir le plan partagé").click()
    assert projet(tab) == THEIRS
    # « Mon plan » is one click away.
    recents = tab.locator(".planifier-recents")
    assert recents.is_visible() and MINE in visible(recents.inner_text())
    recents.get_by_role("button", name=re.compile("Rouvrir le plan « Mon plan »")).click()
    assert projet(tab) == MINE
    assert THEIRS in visible(recents.inner_text())  # and the colleague's plan in its turn
    assert tab.locator("#quand-0").input_value() == "En janvier"

    # The same link pasted into this tab (a hashchange): asked again; « Garder mon brouillon ».
    tab.goto(address)
    dialog = choice(tab)
    tab.get_by_role("button", name="Garder mon brouillon").click()
    assert dialog.is_hidden() and projet(tab) == MINE
    assert "Plans récents" in visible(tab.locator(".planifier-status").inner_text())
    tab.wait_for_function("h => !location.hash.includes(h)", arg=address.split("#")[1])
    # Échap keeps the draft too (keyboard).
    tab.goto(address)
    choice(tab)
    tab.keyboard.press("Escape")
    assert projet(tab) == MINE
    # A reload of /planifier/ shows the draft, never the colleague's plan.
    open_planner(tab, shipped_url)
    assert projet(tab) == MINE
    assert THEIRS in visible(tab.locator(".planifier-recents").inner_text())


def test_a_methodology_over_a_draft_asks_too(contexts, shipped_url):
    tab = open_planner(contexts(), shipped_url)
    tab.fill("#planifier-projet", MINE)
    tab.wait_for_function("location.hash.startsWith('#plan')")
    open_planner(tab, shipped_url, "?depuis=projet-social-de-territoire-participatif")
    choice(tab)
    tab.get_by_role("button", name="Ouvrir le plan prérempli").click()
    assert tab.locator("#planifier-depuis").input_value() == "projet-social-de-territoire-participatif"
    assert MINE in visible(tab.locator(".planifier-recents").inner_text())


# The hostile inputs and the measure of the wait are scripts/bench_links.py's: the one-second target
# of issue 26 is measured there, on a quiet machine. Here a bound that only a freeze passes (the
# 530 KB link froze the planner for more than 10 s before the fix), whatever the load of the run.
FROZEN = 3.0


@pytest.fixture
def with_draft(contexts, shipped_url):
    tab = contexts()
    tab.add_init_script(LONG_TASKS)
    open_planner(tab, shipped_url)
    tab.fill("#planifier-projet", MINE)
    tab.wait_for_function("location.hash.startsWith('#plan')")
    return tab


@pytest.mark.parametrize("link, message", [
    (lambda: deflated_link(400 << 20), "trop long"),  # 530 KB, 400 MB inflated: refused by its length
    (lambda: deflated_link(150 << 20), "trop de données"),  # under the length cap: inflating stops at the cap
    (lambda: "#plan0=" + "A" * (1 << 20), "trop long"),  # 1 MB, uncompressed
    (lambda: "#plan=" + "%%%", "abîmé"),
])
def test_an_oversized_or_damaged_link_leaves_the_page_answering(with_draft, shipped_url, link, message):
    tab, hash_ = with_draft, link()
    if hash_.startswith("#plan=") and len(hash_) > 500_000:  # the link: 530 KB
        assert 520_000 < len(hash_) < 560_000, len(hash_)
    tab.goto(shipped_url + PLANNER + hash_, wait_until="commit")
    assert worst_wait(tab) < FROZEN
    error = tab.locator("#planifier-lien-erreur")
    error.wait_for(state="visible")
    assert message in visible(error.inner_text()) and "Votre brouillon est gardé" in visible(error.inner_text())
    assert projet(tab) == MINE
    assert tab.locator("dialog.planifier-choix-dialogue").is_hidden()


def test_an_oversized_file_is_refused_before_reading(with_draft, tmp_path):
    tab = with_draft
    big = big_plan_file(tmp_path / "plan.yml")
    tab.set_input_files("#planifier-fichier", str(big))
    assert worst_wait(tab, 1.5) < FROZEN
    error = tab.locator("#planifier-fichier-erreur")
    error.wait_for(state="visible")
    assert "8 Mo" in visible(error.inner_text()) and "n'a pas été ouvert" in visible(error.inner_text())
    assert projet(tab) == MINE


def test_long_texts_from_a_link_are_cut_and_said(contexts, shipped_url):
    import base64
    plan = {"projet": "P" * 5000, "phases": [{"phase": PHASES[0].id, "comment": "c" * 20000, "qui": ["x"] * 500}]}
    token = base64.urlsafe_b64encode(json.dumps(plan).encode()).decode().rstrip("=")
    tab = open_planner(contexts(), shipped_url, "#plan0=" + token)
    tab.wait_for_function("document.querySelector('#planifier-projet').value !== ''")
    assert len(projet(tab)) == 300
    assert len(tab.locator("#comment-0").input_value()) == 3000
    assert "ont été coupés" in visible(tab.locator(".planifier-status").inner_text())


def test_the_draft_says_where_it_is_kept_and_expires(contexts, shipped_url, shipped_site):
    data = json.loads(shipped_site.soup(PLANNER).select_one("script#planifier-data").string)
    assert data["brouillons"] == {"jours": 30}  # extra.brouillons.jours of mkdocs.yml
    tab = open_planner(contexts(), shipped_url)
    notice = tab.locator(".brouillon-notice")
    erase = notice.get_by_role("button", name="Effacer le brouillon")
    assert erase.is_visible()  # always, even with nothing kept yet
    tab.fill("#planifier-projet", MINE)
    text = visible(notice.inner_text())
    assert "gardé sur cet ordinateur" in text and "ordinateur partagé" in text
    expires = tab.evaluate("""new Date(Date.now() + 30 * 86400000).toLocaleDateString('fr-FR',
        {day: 'numeric', month: 'long', year: 'numeric'}).replace(/^1 /, '1er ')""")
    assert visible(expires) in text
    # A draft older than the limit is gone at the next visit, and the page says so.
    tab.evaluate("""key => localStorage.setItem(key, JSON.stringify({brouillon: 1,
        enregistre: new Date(Date.now() - 31 * 86400000).toISOString(), contenu: {projet: 'Vieux plan'}}))""", DRAFT_KEY)
    open_planner(tab, shipped_url)
    assert projet(tab) == ""
    assert "plus de 30 jours a été effacé" in visible(notice.inner_text())
    assert tab.evaluate("key => localStorage.getItem(key)", DRAFT_KEY) is None
    # « Effacer le brouillon »: the plan and the recent plans leave this computer.
    tab.fill("#planifier-projet", MINE)
    tab.once("dialog", lambda d: d.accept())
    erase.click()
    assert projet(tab) == ""
    assert tab.evaluate("key => localStorage.getItem(key)", DRAFT_KEY) is None


def test_the_printed_plan_gives_each_fiche_on_its_line_with_its_address(contexts, shipped_url):
    tab = open_planner(contexts(), shipped_url)
    tab.fill("#comment-0", "Des permanences au marché.")
    tab.check('[name="fiches-0"][value="aller-vers"]')
    how = tab.locator(".plan-phase").first.locator("dd").nth(3)
    lines = [line.strip() for line in visible(how.inner_text()).splitlines() if line.strip()]
    assert lines[0] == "Des permanences au marché."
    assert lines[1] == CORPUS.get("fiches", "aller-vers").title
    # The test builds have a published address (conftest.SITE_URL): the plan prints the fiche's address
    # under it and a QR code to it (without one: test_with_a_site_address_each_fiche_has_its_qr_code).
    assert lines[2] == SITE_URL + "fiches/aller-vers/"
    assert how.locator("img.plan-fiche-qr").count() == 1


def test_a_reason_ending_with_a_full_stop_is_told_without_two(contexts, shipped_url):
    tab = open_planner(contexts(), shipped_url)
    tab.fill("#planifier-projet", "Projet")
    tab.check("#sans-2")
    tab.fill("#raison-2", "Décidé par l'Insee.")
    tab.click(".planifier-raconter")
    tab.wait_for_url("**/proposer/pratique/")
    tab.locator('[name="deroulement"]').wait_for()
    story = tab.locator('[name="deroulement"]').input_value()
    assert "(Décidé par l'Insee)." in story and ".)" not in story


def test_with_a_site_address_each_fiche_has_its_qr_code():
    from core.planner import planner_data
    for without in (planner_data(CORPUS), planner_data(CORPUS, 30, "http://127.0.0.1:8000/")):  # none, or a loopback one
        assert all("qr" not in f and "adresse" not in f for f in without["fiches"])
    given = planner_data(CORPUS, 30, "https://centre.example/ressources/")
    first = given["fiches"][0]
    assert first["adresse"] == "https://centre.example/ressources/" + CORPUS.get("fiches", first["id"]).url
    assert first["qr"].startswith("data:image/png;base64,")


def test_draft_days_come_from_mkdocs_yml_with_a_french_message():
    from core.drafts import draft_days
    assert draft_days(None) == 30 and draft_days({"jours": 7}) == 7
    for wrong in ({"jours": 0}, {"jours": "trente"}, {"jours": True}, ["jours"]):
        with pytest.raises(ValueError, match="extra.brouillons"):
            draft_days(wrong)


def test_a_phase_prepares_a_session_with_the_fiches_it_ticks(contexts, shipped_url):
    """« Préparer une séance avec ces fiches » opens the session builder with this phase's ticked fiches."""
    record = CORPUS.get("methodologies", "projet-social-de-territoire-participatif")
    tab = open_planner(contexts(), shipped_url, f"?depuis={record.id}")
    with_fiches = [(i, p) for i, p in enumerate(PHASES) if tab.locator(f'[name="fiches-{i}"]:checked').count()]
    index, _ = with_fiches[0]
    ticked = [box.get_attribute("value") for box in tab.locator(f'[name="fiches-{index}"]:checked').all()]
    tab.locator(f'.planifier-phase >> nth={index}').get_by_role("button", name="Préparer une séance avec ces fiches").click()
    tab.wait_for_url("**/seance/?fiches=*")
    assert tab.url.split("?fiches=", 1)[1].split("&")[0].split(",") == ticked
    tab.wait_for_selector("table.seance-deroule tbody tr")
    # Unticked, the button says what to do instead of opening an empty session.
    tab = open_planner(contexts(), shipped_url, f"?depuis={record.id}")
    for value in ticked:
        tab.locator(f'[name="fiches-{index}"][value="{value}"]').uncheck()
    phase = tab.locator(f'.planifier-phase >> nth={index}')
    phase.get_by_role("button", name="Préparer une séance avec ces fiches").click()
    assert "Cochez d'abord au moins une fiche" in phase.locator(".planifier-seance-lien [role=status]").inner_text()
    assert "/planifier/" in tab.url
