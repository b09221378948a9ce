"""The catalogue shows matching cards a page at a time (catalogue.js), on a site of 130 records.

Expected lists and counts come from the built HTML (every card and its data-* facets), never
from the script under test.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, make_project, once, serve
from synthetic import generate

pytestmark = pytest.mark.browser

N = 130
PAGE = 50
FACETS = ("collection", "type", "thematiques", "publics", "territoires", "niveaux-participation", "axe",
          "format", "statut")


class Paged:
    """The served site and, from its HTML, every card of a list page: (id, {facet: values})."""

    def __init__(self, base: str, site):
        self.base = base
        self.site = site

    def cards(self, url: str) -> list[tuple[str, dict]]:
        soup = BeautifulSoup((self.site / url / "index.html").read_text(encoding="utf-8"), "lxml")
        return [(card["data-id"], {name: card.get(f"data-{name}", "").split() for name in FACETS})
                for card in soup.select(".catalogue .cards > article.card")]


def _paged_site(root):
    generate(root / "generated", N, 7)
    return build_site(make_project(root / "project", root / "generated" / "data"), env={"CENTRE_PDF": "off"})


@pytest.fixture(scope="session")
def paged(tmp_path_factory, build_environment):
    site = once(tmp_path_factory, "paged", _paged_site)
    base, stop = serve(site.path)
    yield Paged(base, site.path)
    stop()


def open_list(page, url: str):
    page.goto(url)
    page.wait_for_selector("form.filtres[data-pret]")


def shown_ids(page) -> list[str]:
    return page.locator(".catalogue .card:not([hidden])").evaluate_all("cards => cards.map(c => c.dataset.id)")


def more_button(page):
    return page.get_by_role("button", name="suivante")


def show_more(page):
    """Click « Afficher les … suivantes » once the cards around it are laid out.

    Cards off screen have an estimated height (``content-visibility: auto`` in centre.css); those
    scrolled into view take their real one a frame later, which can move the button between the
    press and the release of a click made at once (the click then lands beside it).
    """
    button = more_button(page)
    button.scroll_into_view_if_needed()
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    button.click()


def count_of(page, name: str, value: str) -> str:
    return page.locator(f'input[name="{name}"][value="{value}"]').locator("xpath=..").locator(".filtre-nombre").inner_text()


def focused_card(page) -> str | None:
    return page.evaluate("(document.activeElement.closest('.card') || {dataset: {}}).dataset.id || null")


def test_only_a_page_of_cards_is_shown(page, paged):
    every = [card_id for card_id, _ in paged.cards("catalogue/")]
    assert len(every) == N
    open_list(page, paged.base + "catalogue/")
    assert shown_ids(page) == every[:PAGE]
    assert page.locator(".catalogue .card").count() == PAGE  # the others are out of the document
    assert page.locator(".catalogue .count").inner_text() == f"{N} ressources ({PAGE} affichées)"
    assert more_button(page).inner_text() == f"Afficher les {PAGE} ressources suivantes"


def test_the_button_shows_the_next_page_and_moves_focus(page, paged):
    every = [card_id for card_id, _ in paged.cards("catalogue/")]
    open_list(page, paged.base + "catalogue/")
    show_more(page)
    assert shown_ids(page) == every[:2 * PAGE]
    assert focused_card(page) == every[PAGE]
    assert page.evaluate("document.activeElement.matches('.card-title a')")
    status = page.locator(".catalogue .count")  # the one count is the live region
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{N} ressources ({2 * PAGE} affichées)"
    rest = N - 2 * PAGE
    assert more_button(page).inner_text() == f"Afficher les {rest} ressources suivantes"
    show_more(page)
    assert shown_ids(page) == every
    assert focused_card(page) == every[2 * PAGE]
    assert not page.locator(".catalogue-suite").is_visible()
    assert status.inner_text() == f"{N} ressources"


def test_cards_of_later_pages_get_the_kit_checkbox(page, paged):
    fiches = [card_id for card_id, _ in paged.cards("fiches/")]
    assert len(fiches) > PAGE
    open_list(page, paged.base + "fiches/")
    assert page.locator(".card .kit-check").count() == PAGE
    show_more(page)
    late = page.locator(f'.card[data-id="{fiches[PAGE]}"]')
    late.get_by_label("Ajouter à mon kit").check()
    kit = page.evaluate("JSON.parse(localStorage.getItem('centre-ressources.mon-kit'))")
    assert [item["id"] for item in kit] == [fiches[PAGE]]


def test_counts_and_totals_refer_to_every_matching_record(page, paged):
    cards = paged.cards("catalogue/")
    matching = [card_id for card_id, f in cards if "pratiques" in f["collection"]]
    wanted = len(matching)
    assert wanted > PAGE  # more than one page of cards
    open_list(page, paged.base + "catalogue/")
    assert count_of(page, "collection", "pratiques") == f"({wanted})"
    page.locator('input[name="collection"][value="pratiques"]').check()
    assert shown_ids(page) == matching[:PAGE]
    assert page.locator(".catalogue .count").inner_text() == f"{wanted} ressources sur {N} ({PAGE} affichées)"
    assert more_button(page).inner_text() == f"Afficher les {min(PAGE, wanted - PAGE)} ressources suivantes"
    # Other facets count among all the matching records, not only the cards on screen.
    for facet in ("thematiques", "publics"):
        expected = Counter(v for _, f in cards if "pratiques" in f["collection"] for v in f[facet])
        offered = page.locator(f'input[name="{facet}"]').evaluate_all(
            "boxes => boxes.filter(b => !b.closest('li').hidden).map(b => b.value)")
        assert offered and {value: count_of(page, facet, value) for value in offered} == \
            {value: f"({expected[value]})" for value in offered}, facet
    # A value of the checked facet counts what checking it too would add (OR within a facet).
    fiches = sum("fiches" in f["collection"] for _, f in cards)
    assert count_of(page, "collection", "fiches") == f"({fiches})"


def test_free_text_keeps_the_page_and_the_full_count(page, paged):
    open_list(page, paged.base + "catalogue/")
    page.locator("#filtre-q").fill("participation")
    page.wait_for_selector('form.filtres[data-texte="participation"]')
    count = page.locator(".catalogue .count").inner_text()
    found = int(count.split()[0])
    assert 0 < found <= N and (f" sur {N}" in count) == (found < N)
    assert count.endswith(f"({PAGE} affichées)") == (found > PAGE)
    assert len(shown_ids(page)) == min(found, PAGE)
    if found > PAGE:
        assert more_button(page).inner_text().startswith("Afficher l")
    else:
        assert not page.locator(".catalogue-suite").is_visible()


def test_filters_button_and_url_round_trip(browser, page, paged):
    cards = paged.cards("catalogue/")
    pratiques = [card_id for card_id, f in cards if "pratiques" in f["collection"]]
    fiches_or_pratiques = [card_id for card_id, f in cards if {"pratiques", "fiches"} & set(f["collection"])]
    assert len(pratiques) > PAGE
    open_list(page, paged.base + "catalogue/")
    page.locator('input[name="collection"][value="pratiques"]').check()
    assert parse_qs(urlsplit(page.url).query) == {"collection": ["pratiques"]}
    show_more(page)
    assert shown_ids(page) == pratiques[:2 * PAGE]
    # A reload keeps the filters and how far the reader went.
    page.reload()
    page.wait_for_selector("form.filtres[data-pret]")
    assert shown_ids(page) == pratiques[:2 * PAGE]
    # A new filter starts again at the first page.
    page.locator('input[name="collection"][value="fiches"]').check()
    assert parse_qs(urlsplit(page.url).query) == {"collection": ["pratiques,fiches"]}
    assert shown_ids(page) == fiches_or_pratiques[:PAGE]
    assert page.locator(".catalogue .count").inner_text() == \
        f"{len(fiches_or_pratiques)} ressources sur {N} ({PAGE} affichées)"
    # Back: the previous filters, as far as the reader had gone.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('fiches')")
    assert not page.locator('input[name="collection"][value="fiches"]').is_checked()
    assert shown_ids(page) == pratiques[:2 * PAGE]
    page.go_forward()
    page.wait_for_function("() => location.search.includes('fiches')")
    assert shown_ids(page) == fiches_or_pratiques[:PAGE]
    # A link reproduces the filters, from the first page.
    other = browser.new_page()
    open_list(other, paged.base + "catalogue/?collection=pratiques")
    assert shown_ids(other) == pratiques[:PAGE]
    assert other.locator(".catalogue .count").inner_text() == f"{len(pratiques)} ressources sur {N} ({PAGE} affichées)"
    other.close()
    # Reset: every record again, first page.
    page.get_by_role("button", name="Effacer les filtres").click()
    assert urlsplit(page.url).query == ""
    assert shown_ids(page) == [card_id for card_id, _ in cards][:PAGE]


def test_next_page_with_the_keyboard_alone(page, paged):
    every = [card_id for card_id, _ in paged.cards("catalogue/")]
    open_list(page, paged.base + "catalogue/")
    page.locator(f'.card[data-id="{every[PAGE - 1]}"] .card-title a').focus()
    for _ in range(3):  # past the last card's link (and its kit checkbox when it is a fiche)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert page.evaluate("document.activeElement.textContent") == f"Afficher les {PAGE} ressources suivantes"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # visible focus
    page.keyboard.press("Enter")
    assert focused_card(page) == every[PAGE]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    for _ in range(2 * PAGE + 5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    page.keyboard.press("Space")
    assert shown_ids(page) == every
    assert focused_card(page) == every[2 * PAGE]


def test_without_javascript_every_record_is_listed(browser, paged):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(paged.base + "catalogue/")
    assert page.locator(".catalogue .card").count() == N
    assert page.locator(".catalogue .card:visible").count() == N
    page.mouse.wheel(0, 100000)  # cards far down render too (content-visibility: auto)
    assert page.locator(".catalogue .card").last.locator(".card-title a").is_visible()
    assert page.locator(".catalogue-suite").count() == 0
    context.close()
