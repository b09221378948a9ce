"""The first search of a visit, what the page carries and fetches before it (issue 16, wt-first).

- a page carries the catalogue's and the planner's stylesheet and script only where they act
  (page.meta.centre_assets, overrides/main.html), in the order every page used to have them;
- the catalogue, the kit and the planner still work with their scripts loaded that way;
- the index file's text comes from the head's own fetch, taken once by the search;
- no page load downloads sitemap.xml (Material's language switcher, set off by the feed's link),
  and the feed's link is whole once the page is loaded;
- the postings are in shards of about SHARD_SIZE characters, and a query reads one or two;
- the titles of generated pages are text in the index, not escaped HTML (found on the way).
"""

from __future__ import annotations

import json

import pytest
from conftest import words
from test_search_browser import result_urls, type_query

from core import search as search_core

CATALOGUE = ("catalogue.css", "catalogue.js")
PLANNER = ("planifier.css", "planifier.js")


def assets(soup) -> tuple[list[str], list[str]]:
    """(stylesheets, module scripts) of a page, by file name, in document order."""
    sheets = [link["href"].rsplit("/", 1)[-1] for link in soup.select('link[rel="stylesheet"]')]
    modules = [tag["src"].rsplit("/", 1)[-1] for tag in soup.select('script[type="module"][src]')]
    return sheets, modules


def test_each_page_carries_the_catalogue_and_planner_assets_only_where_they_act(shipped_site):
    seen = {"catalogue": 0, "planifier": 0, "neither": 0}
    for path in shipped_site.pages():
        html = path.read_text(encoding="utf-8")
        if "<head" not in html:
            continue
        soup = shipped_site.soup(str(path.relative_to(shipped_site.path)))
        sheets, modules = assets(soup)
        files = set(sheets) | set(modules)
        # List pages (overrides/catalogue.html): their filters, or the invitation of an empty value.
        filters = soup.select_one("div.catalogue") is not None
        assert filters or soup.select_one("form.filtres") is None
        planner = soup.select_one("#planifier-data") is not None
        where = path.relative_to(shipped_site.path)
        assert (set(CATALOGUE) <= files) == filters and not (set(CATALOGUE) & files and not filters), where
        assert (set(PLANNER) <= files) == planner and not (set(PLANNER) & files and not planner), where
        seen["catalogue" if filters else "planifier" if planner else "neither"] += 1
        # Every page: the shared stylesheets then print.css last; typographie.js first, kit.js last.
        assert sheets[-1] == "print.css" and sheets.index("recherche.css") < len(sheets) - 1, where
        assert modules[:2] == ["typographie.js", "recherche.js"] and modules[-1] == "kit.js", where
    assert seen["catalogue"] >= 4 and seen["planifier"] == 1 and seen["neither"] > 20, seen


def test_the_order_of_stylesheets_and_scripts_is_the_one_every_page_had(shipped_site):
    # Before issue 16, wt-first: centre, contribution, recherche, catalogue, planifier, print and
    # typographie, recherche, catalogue, kit, planifier on every page. A page keeps that order.
    sheets, modules = assets(shipped_site.soup("catalogue/"))
    ours = [s for s in sheets if not s.startswith(("main.", "palette."))]
    assert ours == ["centre.css", "contribution.css", "recherche.css", "catalogue.css", "print.css"]
    assert modules == ["typographie.js", "recherche.js", "catalogue.js", "kit.js"]
    sheets, modules = assets(shipped_site.soup("planifier/"))
    assert [s for s in sheets if not s.startswith(("main.", "palette."))] == [
        "centre.css", "contribution.css", "recherche.css", "planifier.css", "print.css"]
    assert modules == ["typographie.js", "recherche.js", "planifier.js", "kit.js"]
    sheets, modules = assets(shipped_site.soup("fiches/aller-vers/"))
    assert [s for s in sheets if not s.startswith(("main.", "palette."))] == [
        "centre.css", "contribution.css", "recherche.css", "print.css"]
    assert modules == ["typographie.js", "recherche.js", "kit.js"]


def test_titles_of_generated_pages_are_text_in_the_index(shipped_site):
    # Found on the way: the titles of generated pages (supports, « facile à lire ») came escaped
    # (« Grille d&#x27;analyse de situation »), shown so in the results, and « x27 » was a term.
    payload = search_core.read_site(shipped_site.path / "search")
    titles = {doc[0]: doc[1] for doc in payload["docs"]}
    assert titles["supports/grille-d-analyse-de-situation/"] == "Grille d'analyse de situation"
    assert not [title for title in titles.values() if "&#" in title or "&amp;" in title]
    assert "x27" not in payload["index"]["terms"]


def test_postings_shards_are_small_and_a_query_reads_one_or_two(shipped_site):
    folder = shipped_site.path / "search"
    head = json.loads((folder / search_core.INDEX_FILE).read_text(encoding="ascii"))
    shards = head["shards"]
    assert len(shards) >= 2
    for _, name in shards[:-1]:
        texts = json.loads((folder / name).read_text(encoding="ascii"))
        size = sum(len(text) for text in texts)
        # A shard closes on the term that brings it to SHARD_SIZE characters.
        assert search_core.SHARD_SIZE <= size < search_core.SHARD_SIZE + max(len(text) for text in texts), name
    assert search_core.SHARD_SIZE == 24_000


@pytest.mark.browser
def test_record_page_fetches_the_index_once_and_never_the_sitemap(page, shipped_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_url + "fiches/aller-vers/", wait_until="networkidle")
    assert not [url for url in requested if "sitemap" in url]
    assert [url for url in requested if url.endswith("search/recherche.json")] == [shipped_url + "search/recherche.json"]
    assert not [url for url in requested if url.endswith(("catalogue.js", "planifier.js", "catalogue.css", "planifier.css"))]
    # The search took the head's download (and let go of it); the feed's link is whole again.
    assert page.evaluate("window.centreIndexText") is None
    feed = page.locator('link[type="application/atom+xml"]')
    assert feed.get_attribute("rel") == "alternate" and feed.get_attribute("href").endswith("nouveautes.xml")
    # The kit's buttons (kit.js) are shown, and a search answers.
    page.wait_for_selector(".record-actions .kit-link")
    type_query(page, "conference familiale")
    assert result_urls(page, shipped_url)[0] == "fiches/conference-familiale/"


@pytest.mark.browser
def test_a_failed_head_download_is_tried_again_by_the_search(browser, search_url):
    page = browser.new_page()
    errors, failed = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def once_broken(route):
        if not failed:
            failed.append(route.request.url)
            route.fulfill(status=503, body="")
        else:
            route.continue_()
    page.route("**/search/recherche.json", once_broken)
    page.goto(search_url, wait_until="networkidle")
    assert failed
    type_query(page, "conference familiale")
    assert result_urls(page, search_url)[0] == "fiches/organiser-une-conference-familiale/"
    assert errors == []
    page.close()


@pytest.mark.browser
def test_catalogue_filters_and_kit_checkboxes_work_with_their_scripts_on_list_pages(page, shipped_url):
    page.goto(shipped_url + "fiches/", wait_until="networkidle")
    page.wait_for_selector("form.filtres[data-pret]")
    cards = page.locator(".catalogue .cards .card")
    total = cards.count()
    assert total > 1
    # kit.js (after catalogue.js) checks each fiche card once.
    assert page.locator(".card-fiches .kit-check").count() == page.locator(".card-fiches").count() > 0
    assert all(page.locator(".card-fiches").nth(i).locator(".kit-check").count() == 1
               for i in range(page.locator(".card-fiches").count()))
    page.locator("#filtre-q").fill("famille")
    page.wait_for_function(f"document.querySelectorAll('.catalogue .cards .card').length < {total}")
    assert "ressource" in words(page.locator(".catalogue-resultats .count").inner_text())


@pytest.mark.browser
def test_the_planner_builds_its_form_with_its_script(page, shipped_url):
    page.goto(shipped_url + "planifier/", wait_until="networkidle")
    page.wait_for_selector(".planifier-form")
    assert page.locator("html.planifier-js").count() == 1
    # Its stylesheet applies: the blank worksheet gives way to the form on screen.
    assert page.locator(".planifier-vierge").first.is_hidden()
