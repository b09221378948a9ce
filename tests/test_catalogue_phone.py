"""Catalogue and collection pages show results first, on phones and desktops; no empty facet value.

Build tests read the HTML of real builds (every list page's filter form, the Explorer indexes,
the page of a value no record holds). Browser tests (Chromium at 390×844 and 1280×800) load the
shipped site and check what a person sees in the first screen, the « Filtrer » button, compact
facets, the single count and Enter in the header search. Expected values come from the built HTML
(cards and their data-* facets), never from the script under test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import words

from core.catalogue import LIST_URLS
from core.contribution import proposals
from core.schema import FACETS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
EXPLORER = [facet.folder for facet in FACETS if facet.folder]
COMPACT = 4  # values a facet shows before « Voir plus » (catalogue.js compactSize)


visible_text = words


def cards_of(soup: BeautifulSoup) -> list:
    return soup.select(".catalogue .cards > article.card")


# --- build: no empty value is offered --------------------------------------------------------------

@pytest.mark.parametrize("url", LIST_URLS)
def test_filters_offer_only_values_of_the_page_most_frequent_first(shipped_site, url):
    soup = shipped_site.soup(url)
    cards = cards_of(soup)
    assert cards
    form = soup.select_one("form.filtres")
    groups = form.select("fieldset.filtre-groupe")
    assert groups
    for group in groups:
        name = group["data-filtre"]
        held = Counter(value for card in cards for value in card.get(f"data-{name}", "").split())
        offered = [(box["value"], box.find_parent("label").select_one(".filtre-nombre").get_text())
                   for box in group.select("input[type=checkbox]")]
        assert offered, name
        # Every value offered is held by a card of this page, with its count; none is « (0) ».
        assert [count for _, count in offered] == [f"({held[value]})" for value, _ in offered], name
        assert all(held[value] > 0 for value, _ in offered), name
        assert {value for value, _ in offered} == set(held), name  # and every value held is offered
        numbers = [held[value] for value, _ in offered]
        assert numbers == sorted(numbers, reverse=True), name
        # A facet is offered only when it can narrow the list.
        assert len(offered) > 1 or numbers[0] < len(cards), name
    assert "(0)" not in visible_text(form.get_text(" "))


def test_filters_of_a_collection_page_are_its_own(shipped_site):
    form = shipped_site.soup("methodologies/").select_one("form.filtres")
    names = [group["data-filtre"] for group in form.select("fieldset.filtre-groupe")]
    assert "collection" not in names and "type" not in names and "statut" not in names
    assert len(form.select("input[type=checkbox]")) < \
        len(shipped_site.soup("catalogue/").select("form.filtres input[type=checkbox]"))


@pytest.mark.parametrize("folder", EXPLORER)
def test_explorer_indexes_list_only_values_with_resources(shipped_site, folder):
    index = shipped_site.soup(f"{folder}/")
    items = index.select("ul.facet-index > li")
    assert items
    assert "(0)" not in visible_text(index.select_one("ul.facet-index").get_text(" "))
    for item in items:
        link = item.select_one("a")
        target = shipped_site.soup(f"{folder}/{link['href']}")
        count = len(cards_of(target))
        assert count > 0 and item.select_one(".count").get_text() == f"({count})", link["href"]


def test_an_empty_value_is_not_listed_but_its_page_invites_to_contribute(fixture_site):
    # tests/fixtures/site: no record is at the « co-decision » level nor on the « lyon » territory.
    for folder, value in (("niveaux-participation", "co-decision"), ("territoires", "lyon")):
        index = fixture_site.soup(f"{folder}/")
        assert f"{value}/" not in [a["href"] for a in index.select("ul.facet-index a")]
        assert index.select("ul.facet-index a")  # the others are there
        page = fixture_site.soup(f"{folder}/{value}/")
        assert not page.select("article.card")
        box = page.select_one(".facette-vide")
        name = page.h1.get_text()
        assert visible_text(box.select_one(".count").get_text()) == f"Aucune ressource pour « {name} » pour l'instant."
        assert "0 ressource" not in visible_text(page.select_one("article").get_text(" "))
        links = [(a["href"], a.get_text()) for a in box.select("a")]
        assert [text for _, text in links] == [text for _, text in proposals()]
        for (href, _), (url, _) in zip(links, proposals()):
            # The relative link reaches the form's page, which exists.
            resolved = PurePosixPath(urlsplit(urljoin(f"/{folder}/{value}/", href)).path)
            assert str(resolved).strip("/") + "/" == url
            assert (fixture_site.path / url / "index.html").is_file()


def test_pages_with_resources_keep_their_cards_and_count(fixture_site):
    page = fixture_site.soup("niveaux-participation/co-construction/")
    assert page.select_one("p.count").get_text() == f"{len(page.select('article.card'))} ressources"
    assert not page.select(".facette-vide")


# --- browser: results first ------------------------------------------------------------------------

@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def open_list(page, url: str):
    page.goto(url)
    page.wait_for_selector("form.filtres[data-pret]")


def first_link_in_view(page) -> bool:
    box = page.locator(".catalogue .card .card-title a").first.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0


def a_facet_page(shipped_site) -> str:
    """The page of the theme with the most resources (the facet pages with the longest lists)."""
    index = shipped_site.soup("thematiques/")
    best = max(index.select("ul.facet-index > li"), key=lambda li: int(li.select_one(".count").get_text().strip("()")))
    return "thematiques/" + best.select_one("a")["href"]


@pytest.mark.parametrize("url", [*LIST_URLS, "facet"])
def test_a_resource_link_is_in_the_first_screen_of_a_phone(phone, shipped_site, shipped_url, url):
    if url == "facet":
        url = a_facet_page(shipped_site)
        phone.goto(shipped_url + url)
    else:
        open_list(phone, shipped_url + url)
    assert first_link_in_view(phone), url
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling


@pytest.mark.parametrize("url", LIST_URLS)
def test_without_javascript_too(browser, shipped_url, url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(shipped_url + url)
    assert not page.locator("form.filtres").is_visible()
    assert first_link_in_view(page), url
    context.close()


def test_filtrer_opens_the_filters_and_counts_the_active_ones(phone, shipped_site, shipped_url):
    cards = cards_of(shipped_site.soup("catalogue/"))
    fiches = sum("fiches" in card["data-collection"].split() for card in cards)
    open_list(phone, shipped_url + "catalogue/")
    button = phone.get_by_role("button", name="Filtrer", exact=True)
    box = phone.locator('input[name="collection"][value="fiches"]')
    assert button.get_attribute("aria-expanded") == "false"
    assert not box.is_visible()  # the facets wait behind the button
    assert not phone.get_by_role("button", name="Effacer les filtres").is_visible()  # nothing to clear yet
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    panel = phone.locator("#" + button.get_attribute("aria-controls"))
    assert panel.is_visible() and box.is_visible()
    box.check()
    # The button says how many filters are active, in words for screen readers.
    # (Chromium puts a space after the visually hidden words: "Filtrer (1 filtre actif )".)
    named = phone.get_by_role("button", name=re.compile(r"^Filtrer \(1 filtre actif\s?\)$"))
    assert visible_text(named.evaluate("b => b.textContent")) == "Filtrer (1 filtre actif)"
    assert named.evaluate("b => getComputedStyle(b.querySelector('.centre-invisible')).position") == "absolute"
    assert named.bounding_box()["width"] < PHONE["width"] / 2  # « Filtrer (1) » on screen
    assert visible_text(phone.locator(".catalogue .count").inner_text()) == f"{fiches} ressources sur {len(cards)}"
    # « Voir les n ressources » folds the filters and brings the reader to the results.
    phone.get_by_role("button", name=f"Voir les {fiches} ressources").click()
    assert not box.is_visible()
    assert phone.locator(".filtres-bouton").get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.id") == "catalogue-resultats-titre"
    assert first_link_in_view(phone)
    # Two values, then « Effacer les filtres ».
    phone.locator(".filtres-bouton").click()
    phone.locator('input[name="collection"][value="pratiques"]').check()
    assert phone.get_by_role("button", name=re.compile(r"^Filtrer \(2 filtres actifs\s?\)$")).is_visible()
    phone.get_by_role("button", name="Effacer les filtres").click()
    assert phone.get_by_role("button", name="Filtrer", exact=True).is_visible()
    assert not phone.get_by_role("button", name="Effacer les filtres").is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('filtres-bouton')")  # focus not lost
    assert visible_text(phone.locator(".catalogue .count").inner_text()) == f"{len(cards)} ressources"


def test_enter_in_the_header_search_shows_results_at_the_top(phone, shipped_site, shipped_url):
    phone.goto(shipped_url + "fiches/conference-familiale/")
    phone.locator('label[for="__search"]').first.click()  # the magnifier of the phone header
    field = phone.locator("#centre-q")
    field.fill("famille")
    field.press("Enter")
    phone.wait_for_url(re.compile(r"catalogue/\?q=famille$"))
    phone.wait_for_selector('form.filtres[data-pret][data-texte="famille"]')
    total = len(cards_of(shipped_site.soup("catalogue/")))
    count = visible_text(phone.locator(".catalogue .count").inner_text())
    found = int(count.split()[0])
    assert 0 < found < total and count == f"{found} ressources sur {total}"
    assert first_link_in_view(phone)
    # Focus on the results' heading: the next Tab is the first result.
    assert phone.evaluate("document.activeElement.id") == "catalogue-resultats-titre"
    assert phone.evaluate("document.activeElement.textContent") == "Résultats"
    first = phone.locator(".catalogue .card .card-title a").first.get_attribute("href")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')") == first
    # The count is said once: one live region, one visible count.
    main = visible_text(phone.locator(".md-content").inner_text())
    assert len(re.findall(rf"\b{found} ressources\b", main)) == 1
    assert phone.locator(".md-content [role=status], .md-content [aria-live]").count() == 1


def test_a_reload_does_not_move_the_focus(phone, shipped_url):
    open_list(phone, shipped_url + "catalogue/?q=famille")
    assert phone.evaluate("document.activeElement.id") == "catalogue-resultats-titre"
    phone.reload()
    phone.wait_for_selector('form.filtres[data-pret][data-texte="famille"]')
    assert phone.evaluate("document.activeElement.id") != "catalogue-resultats-titre"


@pytest.mark.parametrize("url", LIST_URLS)
def test_the_count_shows_once(phone, shipped_site, shipped_url, url):
    total = len(cards_of(shipped_site.soup(url)))
    open_list(phone, shipped_url + url)
    main = visible_text(phone.locator(".md-content").inner_text())
    assert len(re.findall(rf"\b{total} ressources?\b", main)) == 1, main[:300]
    assert phone.locator(".md-content [role=status], .md-content [aria-live]").count() == 1


def test_desktop_filters_sit_beside_the_results_compact(browser, shipped_site, shipped_url):
    page = browser.new_page(viewport=DESKTOP)
    open_list(page, shipped_url + "catalogue/")
    assert first_link_in_view(page)
    assert not page.locator(".filtres-bouton").is_visible()  # no « Filtrer » button on wide screens
    form, results = page.locator("form.filtres").bounding_box(), page.locator(".catalogue .cards").bounding_box()
    assert form["x"] + form["width"] <= results["x"] and results["y"] < form["y"] + form["height"]  # side by side
    group = page.locator('fieldset[data-filtre="thematiques"]')
    boxes = group.locator("input[type=checkbox]")
    total = boxes.count()
    assert total > COMPACT + 1
    assert group.locator("input[type=checkbox]:visible").count() == COMPACT
    more = group.get_by_role("button", name=f"Voir plus ({total - COMPACT}) : Thématique")
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert group.locator("input[type=checkbox]:visible").count() == total
    less = group.get_by_role("button", name="Voir moins : Thématique")
    assert less.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.classList.contains('filtre-plus')")  # focus stays on the button
    less.click()
    assert group.locator("input[type=checkbox]:visible").count() == COMPACT
    # A value beyond the first ones, checked by a link, is shown.
    last = boxes.nth(total - 1).get_attribute("value")
    open_list(page, shipped_url + f"catalogue/?thematiques={last}")
    assert page.locator(f'input[name="thematiques"][value="{last}"]').is_visible()
    assert page.locator(f'input[name="thematiques"][value="{last}"]').is_checked()
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_on_a_phone(browser, shipped_url, scheme):
    from axe_playwright_python.sync_playwright import Axe
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    open_list(page, shipped_url + "catalogue/?publics=familles")
    page.locator(".filtres-bouton").click()
    page.locator("fieldset.filtre-groupe .filtre-plus").first.click()
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
            if v["impact"] in ("serious", "critical")] == []
    context.close()
