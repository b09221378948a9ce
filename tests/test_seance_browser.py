"""« Préparer une séance » (/seance/, issue 27): the built page, then the builder in Chromium.

Run sheet from the fiches' séances, end time, dropped blocks, materials, the printed pack, a shared
link reopened in a fresh browser, and links that are hostile or too large.
"""

from __future__ import annotations

import base64
import io
import json
import zlib

import pytest
from conftest import ROOT, words
from pypdf import PdfReader

from core import corpus as corpus_module
from core.schema.durations import read_duration

CORPUS = corpus_module.load(ROOT)
TWO = ("echelle-de-participation", "repere-developpement-du-pouvoir-d-agir")


def first_session(fiche_id: str) -> list[dict]:
    data = CORPUS.get("fiches", fiche_id).data
    return [step for step in data["etapes"] if step.get("seance") == 1]


def clock(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d}"


def token(value) -> str:
    """#seance=… as lien.js writes it: deflate-raw JSON in base64url."""
    packer = zlib.compressobj(wbits=-15)
    raw = packer.compress(json.dumps(value).encode()) + packer.flush()
    return "seance=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


# --- the built page --------------------------------------------------------------------------

def test_builder_page_carries_its_data_and_its_assets_only_there(shipped_site):
    soup = shipped_site.soup("seance/")
    data = json.loads(soup.select_one("script#seance-data").string)
    assert {f["id"] for f in data["fiches"]} == set(CORPUS.records["fiches"])
    assert soup.select_one('script[src$="assets/javascripts/seance.js"]') is not None
    assert soup.select_one('link[href$="assets/stylesheets/seance.css"]') is not None
    assert shipped_site.soup("fiches/aller-vers/").select_one('script[src$="seance.js"]') is None


def test_fiche_pages_and_my_kit_lead_to_the_builder(shipped_site):
    link = shipped_site.soup("fiches/aller-vers/").select_one("a.parcours-preparer")
    assert words(link.get_text()) == "Préparer une séance avec cette fiche"
    assert link["href"] == "../../seance/?fiches=aller-vers"
    kit = shipped_site.soup("kits/mon-kit/").select_one(".kit-seance a")
    assert kit["href"] == "../../seance/?depuis=kit"


# --- in Chromium -----------------------------------------------------------------------------

def open_two(page, url, extra=""):
    page.goto(f"{url}seance/?fiches={','.join(TWO)}&debut=14:00{extra}")
    page.wait_for_selector("table.seance-deroule tbody tr")


def starts(page) -> list[str]:
    return [words(td) for td in page.locator("table.seance-deroule tbody tr td:first-child").all_inner_texts()]


def test_two_fiches_make_a_run_sheet_from_14_00(page, shipped_url):
    open_two(page, shipped_url)
    steps = first_session(TWO[0]) + first_session(TWO[1])
    minutes = [read_duration(s["duree"]).low for s in steps]
    expected, at = [], 14 * 60
    for m in minutes:
        expected.append(clock(at))
        at += m
    assert starts(page) == expected
    assert [words(t) for t in page.locator("table.seance-deroule tbody tr td:nth-child(2) > span:first-child").all_inner_texts()] \
        == [s["titre"] for s in steps]
    assert words(page.locator(".seance-fin strong").inner_text()) == f"Fin prévue à {clock(at)}"
    # Dropping a block moves the end time back by its minutes, and the live region says so.
    page.locator(".seance-garde").nth(1).uncheck()
    end = at - minutes[1]
    assert words(page.locator(".seance-fin strong").inner_text()) == f"Fin prévue à {clock(end)}"
    assert words(page.locator(".seance-annonce").inner_text()) == f"Fin de la séance à {clock(end)}."
    assert len(starts(page)) == len(steps) - 1


def test_materials_of_both_fiches_scaled_to_participants(page, shipped_url):
    open_two(page, shipped_url, "&participants=12")
    bring = words(page.locator(".seance-apporter").inner_text())
    for fiche_id in TWO:
        objects = [m["objet"] for s in first_session(fiche_id) for m in s.get("materiel", [])]
        assert objects and all(o in bring for o in objects), fiche_id
    # « 2 par participant » for twelve people.
    assert "Post-it de deux couleurs : 24 (2 par participant)" in bring
    assert "Affiche" not in bring
    assert "L'échelle de la participation » (affiche) : 1 exemplaire" in words(page.locator(".seance-imprimer").inner_text())


def test_the_pack_prints_an_a4_run_sheet_then_the_fiches_and_supports(page, shipped_url):
    open_two(page, shipped_url)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Imprimer la séance").click()
    page.wait_for_selector('#seance-impression[data-pret="oui"]', state="attached")
    page.wait_for_function("window.printed === true")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    # A4 (Chromium rounds it to 596 × 843 points): the run sheet in portrait; a poster support in landscape.
    sizes = [tuple(round(float(x) / 3) for x in (p.mediabox.width, p.mediabox.height)) for p in reader.pages]
    assert sizes[0] == (199, 281)
    assert set(sizes) <= {(199, 281), (281, 199)}
    assert texts[0].startswith("Déroulé de la séance") or "Déroulé de la séance" in texts[0][:80]
    assert "Points de vigilance" in " ".join(texts[:2])
    # Then each fiche on its own pages, in the order of the session, each followed by its supports.
    first = next(i for i, t in enumerate(texts) if i > 0 and CORPUS.get("fiches", TWO[0]).title in t and "FICHE" in t.upper())
    second = next(i for i, t in enumerate(texts) if i > first and CORPUS.get("fiches", TWO[1]).title in t)
    assert 0 < first < second
    support = CORPUS.get("fiches", TWO[0]).data["supports"][0]["titre"]
    assert any(support in t for t in texts[first + 1:second + 1])
    # Nothing of the screen (settings, blocks) is printed.
    assert not any("Les blocs de la séance" in t for t in texts)


def test_a_shared_link_reopens_the_same_session_in_a_fresh_browser(page, browser, shipped_url):
    open_two(page, shipped_url, "&participants=9&duree=150")
    page.locator(".seance-garde").nth(2).uncheck()
    page.locator(".seance-descendre").first.click()
    page.locator("#seance-bloc-3-minutes").fill("12")
    page.locator("#seance-bloc-3-minutes").dispatch_event("change")
    page.wait_for_selector('#seance[data-lien="a-jour"]')  # the address holds the last change
    assert page.url.split("#", 1)[1].startswith("seance=")
    address = page.url
    sheet = page.locator("table.seance-deroule").inner_text()
    bring = page.locator(".seance-apporter").inner_text()
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = fresh.new_page()
        other.goto(address)
        other.wait_for_selector("table.seance-deroule tbody tr")
        assert other.locator("table.seance-deroule").inner_text() == sheet
        assert other.locator(".seance-apporter").inner_text() == bring
        assert other.locator("#seance-participants").input_value() == "9"
        assert other.locator("#seance-duree").input_value() == "150"
        assert other.locator(".seance-garde").nth(2).is_checked() is False
    finally:
        fresh.close()


@pytest.mark.parametrize(("fragment", "message"), [
    ("seance=" + "A" * 70_000, "Ce lien est trop long : il n'a pas été ouvert."),
    ("seance=%%%pas-du-base64", "Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert."),
    ("seance=" + base64.urlsafe_b64encode(zlib.compress(b"x" * 10)).decode().rstrip("="),
     "Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert."),
    (token([1, 2, 3]), "Ce lien ne contient pas une séance lisible : il n'a pas été ouvert."),
])
def test_a_hostile_or_oversized_link_gets_a_french_message(page, shipped_url, fragment, message):
    page.goto(f"{shipped_url}seance/#{fragment}")
    page.wait_for_selector(".seance-messages p")
    assert words(page.locator(".seance-messages").inner_text()) == words(message)
    assert page.locator("table.seance-deroule").count() == 0


def test_a_link_s_text_is_shown_as_text_and_its_sizes_bounded(page, shipped_url):
    hostile = {"debut": "14:00", "blocs": [{"titre": "<img src=x onerror=\"window.pwned=1\">", "minutes": 10 ** 9},
                                            {"fiche": "../../etc", "seance": 1, "etape": 1}] + [{"titre": "Bloc"}] * 500}
    page.goto(f"{shipped_url}seance/#{token(hostile)}")
    page.wait_for_selector("table.seance-deroule tbody tr")
    assert page.locator("table.seance-deroule img").count() == 0
    assert page.evaluate("window.pwned") is None
    rows = page.locator("table.seance-deroule tbody tr")
    assert rows.count() == 59  # 60 blocks read at most, the unknown fiche among them dropped
    assert words(rows.first.locator("td").nth(2).inner_text()) == "15"  # an impossible length falls back


def test_wrong_parameters_are_named_in_french_and_ignored(page, shipped_url):
    page.goto(f"{shipped_url}seance/?fiches=inconnue,{TWO[0]}&debut=25:99&participants=beaucoup&duree=5")
    page.wait_for_selector("table.seance-deroule tbody tr")
    said = words(page.locator(".seance-messages").inner_text())
    assert "Fiche inconnue, ignorée : « inconnue »." in said
    assert "L'heure de début « 25:99 » n'est pas lisible" in said
    assert "Le nombre de participants « beaucoup » doit être un nombre entier entre 1 et 500" in said
    assert "Le temps de la salle « 5 » doit être un nombre de minutes entre 15 et 1 440" in said
    assert len(starts(page)) == len(first_session(TWO[0]))


def test_keyboard_moves_a_block_and_the_draft_is_kept_on_this_computer(page, shipped_url):
    open_two(page, shipped_url)
    titles = page.locator(".seance-bloc strong").all_inner_texts()
    page.locator(".seance-bloc").nth(0).locator(".seance-garde").focus()
    page.keyboard.press("Alt+ArrowDown")
    assert page.locator(".seance-bloc strong").all_inner_texts()[:2] == [titles[1], titles[0]]
    assert "Brouillon gardé sur cet ordinateur" in words(page.locator(".seance-brouillon").inner_text())
    assert page.get_by_role("button", name="Effacer").is_visible()
    # Reopened without a link: the draft comes back.
    page.goto(f"{shipped_url}seance/")
    page.wait_for_selector(".seance-bloc")
    assert page.locator(".seance-bloc strong").all_inner_texts()[:2] == [titles[1], titles[0]]


def test_a_draft_older_than_the_limit_is_gone_and_the_page_says_so(page, shipped_url):
    """The session's draft follows the site's draft rules (brouillon.js): dated, erased after the limit."""
    open_two(page, shipped_url)
    stored = json.loads(page.evaluate("localStorage.getItem('centre-ressources:seance')"))
    assert stored["brouillon"] == 1 and stored["contenu"]["blocs"]
    stored["enregistre"] = "2020-01-01T00:00:00.000Z"
    page.evaluate("value => localStorage.setItem('centre-ressources:seance', value)", json.dumps(stored))
    page.goto(f"{shipped_url}seance/")
    page.wait_for_selector(".seance-brouillon")
    assert "30 jours" in words(page.locator(".seance-messages").inner_text())
    assert page.locator(".seance-bloc").count() == 0


def test_tell_this_session_opens_the_retour_form_with_the_fiches_used(page, shipped_url):
    open_two(page, shipped_url)
    page.get_by_role("button", name="Raconter cette séance").click()
    page.wait_for_url("**/proposer/retour/")
    picked = page.locator('[data-key="fiches"] .proposer-picked li')
    picked.first.wait_for()
    assert [words(t) for t in picked.all_inner_texts()] == [
        words(CORPUS.get("fiches", fiche_id).title) + " Retirer" for fiche_id in TWO]
    # Over a retour already being written, the form asks first; keeping it loses neither.
    page.fill('[name="titre"]', "Mon retour en cours")
    open_two(page, shipped_url)
    page.get_by_role("button", name="Raconter cette séance").click()
    page.wait_for_selector("#proposer-choix:not([hidden])")
    assert words(page.locator("#proposer-choix-titre").inner_text()).startswith("Votre séance arrive du préparateur de séance")
    page.click("#proposer-choix-garder")
    assert page.locator('[name="titre"]').input_value() == "Mon retour en cours"
    assert page.locator(".proposer-rouvrir").count() == 1
