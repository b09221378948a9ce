"""Print in Chromium: Ctrl+P of a record page (print emulation) and the reader's own kit."""

from __future__ import annotations

import io

import pytest
import yaml
from conftest import SITE_URL, build, make_project, serve, visible
from pypdf import PdfReader
from test_print import CORPUS, FICHES, assert_steps_whole, long_steps_fiche, pages_text, squash

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
          ".record-actions", ".md-content__button"]


@pytest.fixture(scope="module")
def long_steps_url(tmp_path_factory):
    """A site whose ``aller-vers`` fiche has long steps: some must move to the next page."""
    project = make_project(tmp_path_factory.mktemp("long-steps"))
    record = long_steps_fiche()
    path = project / "data" / "fiches" / "aller-vers.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["etapes"], data["seances"] = record.data["etapes"], record.data["seances"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project, env={"CENTRE_PDF": "off"})  # the browser prints the page; PDFs are tested elsewhere
    assert result.returncode == 0, result.stderr
    base, stop = serve(project / "site")
    yield base, record
    stop()


def print_pdf(page) -> list[str]:
    page.emulate_media(media="print")
    return pages_text(PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))))


def _check_print_layout(browser, url, record):
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in CHROME:
        assert all(not el.is_visible() for el in page.query_selector_all(selector)), selector
    footer = page.locator(".record-print-footer")
    assert footer.is_visible()
    assert page.locator(".record-print-footer img.record-qr").evaluate("img => img.complete && img.naturalWidth") > 0
    texts = print_pdf(page)
    page.close()
    whole = squash(" ".join(texts))
    assert squash(record.title) in squash(texts[0])
    assert "Rechercher" not in " ".join(texts) and "Ajouteràmonkit" not in whole
    assert squash("Version à jour et liens : " + SITE_URL + record.url) in squash(texts[-1])
    return texts


@pytest.mark.parametrize("fiche_id", FICHES)
def test_browser_print_of_a_fiche_shows_no_chrome_and_keeps_steps_whole(browser, shipped_url, fiche_id):
    record = CORPUS.get("fiches", fiche_id)
    texts = _check_print_layout(browser, shipped_url + record.url, record)
    assert_steps_whole(record, texts)


def test_browser_print_moves_long_steps_whole_to_the_next_page(browser, long_steps_url):
    base, record = long_steps_url
    texts = _check_print_layout(browser, base + record.url, record)
    assert len(texts) > 2
    assert_steps_whole(record, texts)


@pytest.mark.parametrize("collection", ["pratiques", "methodologies"])
def test_browser_print_of_other_records_shows_no_chrome(browser, shipped_url, collection):
    record = next(iter(CORPUS.records[collection].values()))
    _check_print_layout(browser, shipped_url + record.url, record)


def test_my_kit_add_reorder_with_keyboard_and_print(browser, shipped_url):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    a, b, c = (CORPUS.get("fiches", f) for f in ("aller-vers", "ecrire-en-falc", "conference-familiale"))

    for record in (a, b):
        page.goto(shipped_url + record.url)
        page.get_by_role("button", name="Ajouter à mon kit").click()
        toggle = page.locator(".record-actions .kit-toggle")
        assert toggle.get_attribute("aria-pressed") == "true"
        assert toggle.inner_text() == "Retirer de mon kit"
    # On the catalogue, a fiche is ticked.
    page.goto(shipped_url + "fiches/")
    card = page.locator(f'.card-fiches[data-id="{c.id}"]')
    card.get_by_label("Ajouter à mon kit").check()
    assert page.locator(f'.card-fiches[data-id="{a.id}"]').get_by_label("Ajouter à mon kit").is_checked()

    page.goto(shipped_url + "kits/mon-kit/")
    items = page.locator(".kit-list > li")
    assert items.evaluate_all("lis => lis.map(li => li.dataset.kitId)") == [a.id, b.id, c.id]
    # Keyboard only: focus "Monter" of the last fiche and press Enter, twice.
    page.get_by_role("button", name=f"Monter « {c.title} »").focus()
    page.keyboard.press("Enter")
    assert page.locator(".kit-status").inner_text().endswith("en position 2 sur 3.")
    assert page.evaluate("document.activeElement.closest('li').dataset.kitId") == c.id
    page.keyboard.press("Enter")
    assert items.evaluate_all("lis => lis.map(li => li.dataset.kitId)") == [c.id, a.id, b.id]
    assert visible(page.evaluate("document.activeElement.getAttribute('aria-label')")) == f"Descendre « {c.title} »"

    page.reload()
    order = [c.id, a.id, b.id]
    assert items.evaluate_all("lis => lis.map(li => li.dataset.kitId)") == order
    assert page.evaluate("window.centreKitReady()") == 3
    assert page.locator("#kit-print .kit-fiche").evaluate_all("s => s.map(x => x.dataset.kitId)") == order

    texts = print_pdf(page)
    squashed = [squash(t) for t in texts]
    assert squash("Mon kit") in squashed[0]
    # Each fiche starts a new page, with its title at the top.
    tops = [squash("".join(t.splitlines()[:4])) for t in texts]
    starts = [next(i for i, t in enumerate(tops) if i > 0 and squash(r.title) in t) for r in (c, a, b)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    for record in (c, a, b):
        assert_steps_whole(record, texts)
    whole = "".join(squashed)
    assert "Monter" not in whole and "Imprimermonkit" not in whole and "Rechercher" not in whole

    page.emulate_media(media="screen")
    page.get_by_role("button", name=f"Retirer « {a.title} » du kit").click()
    assert items.evaluate_all("lis => lis.map(li => li.dataset.kitId)") == [c.id, b.id]
    context.close()
    outside = [url for url in requested if not url.startswith(shipped_url) and not url.startswith("data:")]
    assert outside == []


def test_an_empty_kit_offers_nothing_to_print_or_clear(browser, shipped_url):
    """Hidden buttons stay hidden (Material's .md-button display rule once beat the attribute)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(shipped_url + "kits/mon-kit/")
    page.wait_for_function("() => window.centreKitReady")
    assert page.locator(".kit-empty").is_visible()
    assert not page.get_by_role("button", name="Imprimer mon kit").is_visible()
    assert not page.get_by_role("button", name="Vider mon kit").is_visible()
    # With a fiche in it, both are there, side by side or wrapped, never touching.
    page.goto(shipped_url + CORPUS.get("fiches", "aller-vers").url)
    page.get_by_role("button", name="Ajouter à mon kit").click()
    page.goto(shipped_url + "kits/mon-kit/")
    printing, clearing = page.get_by_role("button", name="Imprimer mon kit"), page.get_by_role("button", name="Vider mon kit")
    assert printing.is_visible() and clearing.is_visible()
    a, b = printing.bounding_box(), clearing.bounding_box()
    assert b["x"] >= a["x"] + a["width"] + 8 or b["y"] >= a["y"] + a["height"] + 8
    context.close()
