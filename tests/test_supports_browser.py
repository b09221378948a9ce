"""Printable supports in Chromium: Ctrl+P of a support page fits its A4 sheet, « mon kit » prints
each fiche's supports after it, and the page works on a phone."""

from __future__ import annotations

import io

import pytest
from conftest import words
from pypdf import PdfReader
from test_print import A4, CORPUS, SITE_URL, pages_text, squash

from core.supports import all_supports, supports_of

pytestmark = pytest.mark.browser

SUPPORTS = all_supports(CORPUS)


def _pdf(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))


@pytest.mark.parametrize("support", SUPPORTS, ids=lambda s: s.id)
def test_browser_print_of_a_support_is_one_a4_sheet_without_the_tools(page, shipped_url, support):
    page.goto(shipped_url + support.url)
    page.locator(".support-print").wait_for(state="visible")  # kit.js shows the print button
    page.emulate_media(media="print")
    for selector in (".support-tools", ".md-header", ".md-tabs", ".md-footer", ".md-content__button"):
        assert all(not el.is_visible() for el in page.query_selector_all(selector)), selector
    assert page.locator(".support-page > .record-print-footer img.record-qr").is_visible()
    reader = _pdf(page)
    assert len(reader.pages) == 1, f"{support.id} : {len(reader.pages)} pages à l'impression"
    size = tuple(round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert size == (A4 if support.orientation == "portrait" else A4[::-1])
    text = squash(pages_text(reader)[0])
    assert squash(support.title) in text
    assert squash("Version à jour et liens : " + SITE_URL + support.url) in text
    assert "Télécharger" not in text and "Imprimer" not in text


def test_print_button_prints(page, shipped_url):
    support = SUPPORTS[0]
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    page.goto(shipped_url + support.url)
    page.get_by_role("button", name="Imprimer").click()
    assert page.evaluate("window.printed") == 1


def test_my_kit_prints_each_support_after_its_fiche(browser, shipped_url):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    fiches = [CORPUS.get("fiches", f) for f in ("reconnaitre-et-defrayer-la-participation", "conference-familiale")]
    for fiche in fiches:
        page.goto(shipped_url + fiche.url)
        page.get_by_role("button", name="Ajouter à mon kit").click()
    page.goto(shipped_url + "kits/mon-kit/")
    assert page.evaluate("window.centreKitReady()") == 2
    parts = page.locator("#kit-print > .kit-fiche, #kit-print > .kit-support").evaluate_all(
        "s => s.map(x => x.className + ':' + (x.dataset.kitId || x.dataset.supportId))")
    expected = []
    for fiche in fiches:
        expected.append(f"kit-fiche:{fiche.id}")
        expected += [f"kit-support:{s.id}" for s in supports_of(fiche)]
    assert parts == expected
    assert len(supports_of(fiches[0])) >= 2 and supports_of(fiches[1]) == []
    reader = _pdf(page)
    tops = [squash("".join(t.splitlines()[:5])) for t in pages_text(reader)]
    # Each support on a sheet of its own, after its fiche, with its own address, and no screen tools.
    for support in supports_of(fiches[0]):
        assert any(squash(support.title) in top for top in tops)
    whole = squash(" ".join(pages_text(reader)))
    assert "Télécharger" not in whole
    for support in supports_of(fiches[0]):
        assert squash(SITE_URL + support.url) in whole
    context.close()
    assert [url for url in requested if not url.startswith(shipped_url) and not url.startswith("data:")] == []


def test_support_page_on_a_phone_has_no_horizontal_scroll(browser, shipped_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for support in SUPPORTS:
        page.goto(shipped_url + support.url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (support.id, overflow)
        assert words(page.locator(".support-back a").inner_text()).startswith("Retour à la fiche")
    context.close()


def test_a_support_table_reflows_on_a_phone(browser, shipped_url):
    """Issue 26: at 390 px every column of the first session's plan is on screen, labelled, light and dark."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        page = context.new_page()
        page.goto(shipped_url + "supports/plan-de-premiere-seance/")
        for text in ("Badges, collation", "Affiche de l'échelle", "Calendrier"):  # the sixth column
            cell = page.locator(".support-content td", has_text=text).first
            cell.scroll_into_view_if_needed()
            box = cell.bounding_box()
            assert cell.is_visible() and 0 <= box["x"] and box["x"] + box["width"] <= 390, (text, box)
            label = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert "Matériel" in label, label
        # Blank cells to fill in on paper take no room on a phone.
        assert page.locator(".support-content td:empty").first.is_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        context.close()
