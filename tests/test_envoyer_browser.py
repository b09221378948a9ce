"""« Envoyer à l'équipe du centre » in Chromium: from a contributor's form to a branch on the team's side.

The fixture data is built with the team's address (EQUIPE_COURRIEL) and no forge: the form offers
a mailto: to that address whose body carries a link back; the link opens the proposal in another
browser (« Proposition reçue »); `make importer` turns that link, or the forwarded mail, into a
checked file on a branch with one commit. Drafts are never replaced without asking.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse

import pytest
from conftest import FIXTURES, build_site, make_project, serve, visible
from test_contribution_form import fill_pratique
from test_import_proposal import GIT_ENV, forwarded_mail

from core.corpus import load

TEAM = {"EQUIPE_COURRIEL": "centre-ressources@exemple.fr", "EQUIPE_NOM": "l'équipe du centre de ressources"}
TITLE = "Atelier des parents du mercredi"


@pytest.fixture(scope="module")
def team_site(tmp_path_factory, build_environment):
    site = build_site(make_project(tmp_path_factory.mktemp("equipe"), FIXTURES / "site" / "data"),
                      {**TEAM, "CENTRE_PDF": "off"})
    base, stop = serve(site.path)
    yield site, base
    stop()


def new_tab(browser, base, **options):
    context = browser.new_context(**options)
    tab = context.new_page()
    tab.errors, tab.outside = [], []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else tab.outside.append(r.url))
    return context, tab


@pytest.fixture
def tab(browser, team_site):
    _, base = team_site
    context, page = new_tab(browser, base)
    yield page
    assert page.errors == [] and page.outside == []
    context.close()


def draft_practice(page, base, author="Claire, centre social Bonnefoi"):
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', TITLE)
    fill_pratique(page)
    page.fill("#proposer-auteur", author)
    page.wait_for_function("document.querySelector('#proposer-envoyer').href.startsWith('mailto:')")


def mail_of(page) -> tuple[str, dict]:
    href = page.locator("#proposer-envoyer").get_attribute("href")
    address, query = href.removeprefix("mailto:").split("?", 1)
    return address, {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}


def test_valid_practice_is_sent_by_mail_with_a_link_back(tab, team_site, browser, tmp_path, monkeypatch):
    site, base = team_site
    draft_practice(tab, base)
    assert visible(tab.locator(".proposer-status").inner_text()) == \
        "Tout est correct : vous pouvez envoyer la pratique à l'équipe du centre."
    address, mail = mail_of(tab)
    assert address == TEAM["EQUIPE_COURRIEL"]
    assert mail["subject"] == f"Proposition de pratique : {TITLE}"
    body = mail["body"]
    assert "Vous pouvez me recontacter : Claire, centre social Bonnefoi." in body
    link = tab.locator("#proposer-lien").input_value()
    assert f"\r\n\r\n{link}\r\n\r\n" in body and " " not in link and link.startswith(base + "proposer/pratique/#proposition=")
    for word in ("YAML", "yml", "forge", "branche", "commit", "data/"):
        assert word not in body
    # The address is shown too, for mail clients that cut long links.
    assert TEAM["EQUIPE_COURRIEL"] in tab.locator("#proposer-envoi").inner_text()
    # The forge and the file are second, folded, for the team.
    assert tab.locator("#proposer-membres").get_attribute("open") is None
    assert tab.locator("#proposer-forge").count() == 0  # no forge configured

    # The team opens the link in another browser: the proposal, checked, « Proposition reçue ».
    context, team = new_tab(browser, base)
    team.goto(link)
    team.wait_for_selector("#proposer-banniere:not([hidden])")
    banner = visible(team.locator("#proposer-banniere").inner_text())
    assert banner.startswith("Proposition reçue") and "Proposée par Claire, centre social Bonnefoi." in banner
    assert "la proposition peut être publiée" in banner
    assert team.locator('[name="titre"]').input_value() == TITLE
    assert team.locator('[name="objectifs"]').input_value() == "Rompre l'isolement\nOuvrir l'école aux parents"
    assert team.locator("#proposer-envoi").is_hidden()  # the team publishes, it does not send
    assert team.locator("#proposer-membres").get_attribute("open") is not None
    command = team.locator("#proposer-commande").inner_text()
    assert command.startswith("make importer SOURCE='" + base + "proposer/pratique/#proposition=")
    assert team.errors == [] and team.outside == []
    context.close()

    # The importer on that link: a file that validates and holds the same values, one commit on its branch.
    repo = repo_copy(site, tmp_path, monkeypatch)
    imported = run_importer(repo, link)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    same_values(repo)
    assert git(repo, "branch", "--show-current") == "proposition/atelier-des-parents-du-mercredi"
    assert git(repo, "rev-list", "--count", "main..HEAD") == "1"
    assert git(repo, "diff", "--name-only", "main..HEAD") == "data/pratiques/atelier-des-parents-du-mercredi.yml"
    assert "Proposé par Claire, centre social Bonnefoi" in git(repo, "log", "-1", "--format=%B")

    # The same from the mail, forwarded, quoted with « > » and cut by quoted-printable.
    repo2 = repo_copy(site, tmp_path / "bis", monkeypatch)
    (tmp_path / "transfert.eml").write_bytes(forwarded_mail(link))
    imported = run_importer(repo2, str(tmp_path / "transfert.eml"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    same_values(repo2)
    assert git(repo2, "rev-list", "--count", "main..HEAD") == "1"


def repo_copy(site, target, monkeypatch):
    """A git checkout of the built project (its data), where the importer may write."""
    repo = target / "depot"
    shutil.copytree(site.project / "data", repo / "data")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "Départ"], check=True)
    return repo


def run_importer(repo, source):
    from conftest import ROOT

    # make importer itself (the STAMP is the Makefile: the test never reinstalls the environment)
    return subprocess.run(["make", "-s", "importer", f"SOURCE={source}", f"RACINE={repo}", f"STAMP={ROOT / 'Makefile'}"],
                          cwd=ROOT, capture_output=True, text=True)


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def same_values(repo):
    data = load(repo).records["pratiques"]["atelier-des-parents-du-mercredi"].data
    assert data["titre"] == TITLE
    assert data["objectifs"] == ["Rompre l'isolement", "Ouvrir l'école aux parents"]
    assert data["contexte"] == "Des parents disaient se sentir **seuls** face à l'école.\n\nIls ont proposé de se réunir."
    assert data["territoires"] == ["venissieux"] and data["statut"] == "en-cours"
    assert data["porteurs"] == ["Maison de la Métropole de Vénissieux"]


def test_phone_number_is_refused_by_the_form_itself(tab, team_site):
    _, base = team_site
    draft_practice(tab, base)
    tab.fill('[name="contexte"]', "Appelez Mme Dupont au 06 12 34 56 78 pour venir.")
    status = visible(tab.locator(".proposer-status").inner_text())
    assert "« 06 12 34 56 78 »" in status and "Rien ne peut être envoyé" in status
    assert "Tout est correct" not in status
    assert tab.locator("#proposer").get_attribute("data-valid") == "false"
    assert tab.locator("#proposer-envoi").is_hidden()
    assert tab.locator("#proposer-envoyer").get_attribute("href") is None
    assert tab.locator("#proposer-lien").input_value() == ""
    error = visible(tab.locator('[data-key="contexte"] > .proposer-error').inner_text())
    assert error == "Numéro de téléphone « 06 12 34 56 78 » : pas de coordonnées personnelles."
    tab.fill('[name="contexte"]', "Des parents disaient se sentir seuls face à l'école.")
    assert "Tout est correct" in tab.locator(".proposer-status").inner_text()
    assert tab.locator("#proposer-envoyer").is_visible()
    # The contributor's name travels in the mail: a name, never a number.
    tab.fill("#proposer-auteur", "Claire 06 12 34 56 78")
    assert visible(tab.locator("#proposer-auteur-erreur").inner_text()) == \
        "Écrivez seulement votre nom : numéro de téléphone « 06 12 34 56 78 » à retirer."
    assert tab.locator("#proposer-envoyer").is_hidden() and tab.locator("#proposer-lien").input_value() == ""


def test_list_lines_typed_with_dashes_are_not_doubled(tab, team_site):
    _, base = team_site
    draft_practice(tab, base)
    tab.fill('[name="objectifs"]', "- Rompre l'isolement\n-Ouvrir l'école aux parents")
    assert "objectifs:\n  - Rompre l'isolement\n  - Ouvrir l'école aux parents\n" in tab.locator("#proposer-yaml").input_value()


def test_date_fields_say_the_format_the_browser_shows(browser, team_site):
    _, base = team_site
    for locale, expected in (("fr-FR", "jj/mm/aaaa"), ("en-US", "mm/jj/aaaa")):
        context, page = new_tab(browser, base, locale=locale)
        page.goto(base + "proposer/pratique/")
        help_text = page.locator('[data-key="date_maj"] .proposer-date').inner_text()
        assert help_text.startswith(f"Date au format {expected}"), help_text
        context.close()


def test_a_link_over_a_different_draft_asks_and_keeps_the_other_one_click_away(tab, team_site, browser):
    _, base = team_site
    draft_practice(tab, base)
    link = tab.locator("#proposer-lien").input_value()
    tab.fill('[name="titre"]', "Mon brouillon à moi")
    # Same tab, the link pasted in the address bar: a hashchange, handled like a fresh arrival.
    tab.evaluate("url => { location.href = url; }", link)
    tab.wait_for_selector("#proposer-choix:not([hidden])")
    assert tab.locator('[name="titre"]').input_value() == "Mon brouillon à moi"  # nothing replaced yet
    tab.click("#proposer-choix-ouvrir")
    assert tab.locator('[name="titre"]').input_value() == TITLE
    assert tab.locator("#proposer-banniere").inner_text().startswith("Proposition reçue")
    reopen = tab.locator(".proposer-rouvrir")
    assert reopen.count() == 1 and "Mon brouillon à moi" in reopen.inner_text()
    reopen.click()
    assert tab.locator('[name="titre"]').input_value() == "Mon brouillon à moi"
    # Keeping one's draft: the proposal is the one a click away.
    tab.goto(link)
    tab.wait_for_selector("#proposer-choix:not([hidden])")
    tab.click("#proposer-choix-garder")
    assert tab.locator('[name="titre"]').input_value() == "Mon brouillon à moi"
    assert TITLE in tab.locator(".proposer-recents").inner_text()
    tab.reload()
    assert tab.locator('[name="titre"]').input_value() == "Mon brouillon à moi"
    assert tab.locator("#proposer-choix").is_hidden()  # the link was read once


def test_draft_notice_and_erase_are_always_there(tab, team_site):
    _, base = team_site
    tab.goto(base + "proposer/pratique/")
    notice = tab.locator(".brouillon-notice")
    assert notice.is_visible() and tab.locator("#proposer-effacer").is_visible()
    tab.fill('[name="titre"]', "Un brouillon")
    assert "gardé sur cet ordinateur" in visible(notice.inner_text())
    # A draft older than the site's limit is gone at the next visit, and the page says so.
    tab.evaluate("""() => {
        const key = "centre-ressources:brouillon:pratiques";
        const stored = JSON.parse(localStorage.getItem(key));
        stored.enregistre = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString();
        localStorage.setItem(key, JSON.stringify(stored));
    }""")
    tab.reload()
    assert tab.locator('[name="titre"]').input_value() == ""
    assert "a été effacé" in notice.inner_text()


@pytest.mark.parametrize("hash_, expected", [
    ("#proposition=", "incomplet ou abîmé"),
    ("#proposition=%%%", "incomplet ou abîmé"),
    ("#proposition=" + "A" * 300_000, "trop long"),
    ("#proposition0=eyJwbGFuIjoxfQ", "n'est pas une proposition"),  # {"plan":1}
])
def test_bad_links_get_a_french_message_and_nothing_else(tab, team_site, hash_, expected):
    _, base = team_site
    tab.goto(base + "proposer/pratique/")
    tab.fill('[name="titre"]', "Mon brouillon")
    tab.goto(base + "proposer/pratique/" + hash_)
    tab.wait_for_selector("#proposer-lien-erreur:not([hidden])")
    assert expected in tab.locator("#proposer-lien-erreur").inner_text()
    assert tab.locator('[name="titre"]').input_value() == "Mon brouillon"
    assert tab.locator("#proposer-choix").is_hidden()


def test_record_page_offers_a_modification_imported_as_a_change(tab, team_site, tmp_path, monkeypatch):
    site, base = team_site
    tab.goto(base + "pratiques/atelier-parents/")
    button = tab.get_by_role("link", name="Proposer une modification")
    button.first.click()
    tab.wait_for_function("document.querySelector('[name=titre]') && document.querySelector('[name=titre]').value")
    assert tab.locator("#proposer-banniere").inner_text().startswith("Vous proposez une modification")
    assert tab.locator("#proposer-id").input_value() == "atelier-parents"
    assert tab.locator("#proposer-id").get_attribute("readonly") is not None
    resume = tab.locator('[name="resume"]')
    resume.fill(resume.input_value() + " Les parents choisissent les thèmes.")
    tab.wait_for_function("document.querySelector('#proposer-envoyer').href.startsWith('mailto:')")
    _, mail = mail_of(tab)
    assert mail["subject"].startswith("Modification proposée : ")
    repo = repo_copy(site, tmp_path, monkeypatch)
    imported = run_importer(repo, tab.locator("#proposer-lien").input_value())
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Modification proposée de data/pratiques/atelier-parents.yml" in imported.stdout
    assert git(repo, "diff", "--name-status", "main..HEAD").split() == ["M", "data/pratiques/atelier-parents.yml"]
    assert load(repo).records["pratiques"]["atelier-parents"].data["resume"].endswith("Les parents choisissent les thèmes.")


def test_without_a_team_the_form_says_no_contact_is_configured(browser, fixture_site):
    base, stop = serve(fixture_site.path)
    try:
        context, page = new_tab(browser, base)
        draft_practice_without_team(page, base)
        text = visible(page.locator("#proposer-envoi").inner_text())
        assert "Ce site n'a pas d'adresse de contact configurée" in text
        assert page.locator("#proposer-envoyer").is_hidden()
        assert page.locator("#proposer-lien").input_value().startswith(base + "proposer/pratique/#proposition=")
        assert page.errors == []
        context.close()
    finally:
        stop()


def draft_practice_without_team(page, base):
    page.goto(base + "proposer/pratique/")
    page.fill('[name="titre"]', TITLE)
    fill_pratique(page)
    page.wait_for_function("document.querySelector('#proposer-lien').value")


def test_maintainers_page_says_who_receives_proposals_or_how_to_set_it(team_site, fixture_site):
    site, _ = team_site
    text = visible(site.soup("maintenance/").select_one(".equipe-reglage").get_text())
    assert "l'équipe du centre de ressources (centre-ressources@exemple.fr)" in text and "make importer" in text
    text = visible(fixture_site.soup("maintenance/").select_one(".equipe-absente").get_text())
    assert "Aucune adresse de contact n'est configurée" in text and "EQUIPE_COURRIEL" in text
    assert "extra.equipe.courriel" in text


def test_a_bad_team_address_stops_the_build(tmp_path, build_environment):
    from conftest import build

    result = build(make_project(tmp_path / "p", FIXTURES / "site" / "data"),
                   env={"EQUIPE_COURRIEL": "centre@exemple.fr?cc=autre@exemple.fr", "CENTRE_PDF": "off"})
    assert result.returncode != 0
    assert "n'est pas une adresse électronique (extra.equipe.courriel, EQUIPE_COURRIEL)" in result.stdout + result.stderr


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sending_step_team_view_and_choice_have_no_serious_axe_violation(browser, team_site, scheme):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import BLOCKING, describe, settle

    _, base = team_site
    context, page = new_tab(browser, base, color_scheme=scheme)
    draft_practice(page, base)
    link = page.locator("#proposer-lien").input_value()
    found = []
    settle(page)
    found += describe([v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING], "envoi", scheme)
    page.fill('[name="titre"]', "Mon brouillon à moi")
    page.evaluate("url => { location.href = url; }", link)
    page.wait_for_selector("#proposer-choix:not([hidden])")
    settle(page)
    found += describe([v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING], "choix", scheme)
    page.click("#proposer-choix-ouvrir")
    settle(page)
    found += describe([v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING], "équipe", scheme)
    context.close()
    assert found == []
