"""The first search of a visit (issue 16, « first result ≤ 500 ms from navigation start »).

What the page does so that a query typed as soon as the page shows waits for the network only:

- the head preloads lunr.js (beside the index file), at low priority, except on a connection that
  asks to save data;
- the index file's text is taken as the page's modules run, not at the page's load event: a query
  typed before the load event is answered without waiting for it;
- the practice on a made-up index (recherche/moteur.js ``practise()``) never holds up the real
  index: it runs while the first query's postings are on their way, and the results are the same;
  the index counts as arrived from its bytes (Resource Timing), not only once the page took its text.
"""

from __future__ import annotations

import pytest
from test_search_browser import result_urls, type_query

pytestmark = pytest.mark.browser

PRACTICE_MARK = "centre-recherche-entrainement"


def test_the_head_preloads_lunr_beside_the_index(page, shipped_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_url + "fiches/aller-vers/", wait_until="networkidle")
    lunr = page.locator('link[rel="preload"][as="script"]')
    assert lunr.count() == 1
    assert lunr.get_attribute("href").endswith("assets/javascripts/vendor/lunr.min.js")
    assert lunr.get_attribute("fetchpriority") == "low"
    # Fetched once: the script added on first need takes the preloaded response.
    assert [url for url in requested if url.endswith("vendor/lunr.min.js")] == [
        shipped_url + "assets/javascripts/vendor/lunr.min.js"]


def test_a_query_typed_before_the_load_event_is_answered(browser, search_url):
    # An image of the page never arrives: the load event never fires. The index file and lunr.js
    # are taken all the same, and a query gets its results.
    page = browser.new_page()
    errors, held = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/assets/images/logo.svg", lambda route: held.append(route))
    page.goto(search_url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.centreRecherche !== undefined")
    assert page.evaluate("document.readyState") != "complete"
    type_query(page, "conference familiale")
    assert result_urls(page, search_url)[0] == "fiches/organiser-une-conference-familiale/"
    assert held and page.evaluate("document.readyState") != "complete"
    assert errors == []
    for route in held:
        route.abort()
    page.close()


def test_the_practice_runs_while_the_postings_travel_and_changes_no_result(browser, search_url):
    page = browser.new_page()
    errors, held = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(search_url, wait_until="networkidle")
    # The index file and lunr.js are there (the page took them as it loaded): nothing practised yet.
    assert page.evaluate("window.lunr !== undefined")
    assert page.evaluate(f"performance.getEntriesByName('{PRACTICE_MARK}').length") == 0
    released = []

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)
    page.route("**/search/postings-*.json", hold)
    page.locator("#centre-q").click()
    page.keyboard.type("conference familiale", delay=20)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the query's postings were requested"
    page.wait_for_timeout(300)
    # While they are held, the practice has run: once.
    assert page.evaluate(f"performance.getEntriesByName('{PRACTICE_MARK}').length") == 1
    assert page.locator(".centre-resultat").count() == 0
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelector('.centre-etat').textContent.includes('conference familiale')")
    assert result_urls(page, search_url)[0] == "fiches/organiser-une-conference-familiale/"
    assert page.evaluate(f"performance.getEntriesByName('{PRACTICE_MARK}').length") == 1
    assert errors == []
    page.close()


def test_the_index_counts_as_arrived_from_its_bytes_before_the_page_takes_its_text(browser, search_url):
    """indexArrived() (recherche/index.js) says yes as soon as the index file's response is complete
    (its Resource Timing entry), before download() has handed its text to the page: then no practice
    starts in front of a query typed at once (about 45 ms of main thread, traced at 2,000 records)."""
    page = browser.new_page()
    # A connection that asks to save data: neither the head nor the modules fetch the index file.
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page.goto(search_url, wait_until="networkidle")
    module = f"{search_url}assets/javascripts/recherche/index.js"
    assert page.evaluate(f"import({module!r}).then((m) => m.indexArrived())") is False
    # The bytes come in (another reader of the same file, not download()): arrived, though untaken.
    page.evaluate(f"fetch({search_url + 'search/recherche.json'!r}).then((r) => r.text())")
    assert page.evaluate(f"import({module!r}).then((m) => m.indexArrived())") is True
    page.close()
