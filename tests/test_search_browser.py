"""Search and faceted catalogue in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import visible
from corpus_words import corpus_chunks

from core import search_tokens
from core.text import fold

pytestmark = pytest.mark.browser


def type_query(page, text: str):
    """Type as a person does, in the header box, and wait for the results to be announced."""
    field = page.locator("#centre-q")
    field.click()
    field.fill("")
    page.keyboard.type(text, delay=20)
    page.wait_for_function("q => document.querySelector('.centre-etat').textContent.includes(q)", arg=text.strip())


def result_urls(page, base: str) -> list[str]:
    return [href[len(base):] for href in page.locator(".centre-resultat a").evaluate_all("links => links.map(a => a.href)")]


def engine_answers(browser, url: str, queries: list[str], answer: str, texts: bool = False) -> tuple[dict, list]:
    """Every query through the page's search engine (window.centreRecherche), in one page and one
    evaluation: {query: the JavaScript expression ``answer`` of ``f`` (what engine.search(q) found),
    ``q`` and ``engine``}, and the page's errors; with ``texts``, once the snippets' texts are there."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    found = page.evaluate(f"""async queries => {{
        const engine = window.centreRecherche;
        await engine.load();
        {"await engine.textsReady();" if texts else ""}
        return queries.map(q => {{ const f = engine.search(q); return ({answer}); }});
    }}""", queries)
    page.close()
    return dict(zip(queries, found)), errors


def search_all(browser, url: str, queries: list[str]) -> tuple[dict, list]:
    """{query: [result url, ...] best first} from the page's engine, and the page's errors. The box
    shows the first 8 of these (typing itself is tested below)."""
    return engine_answers(browser, url, queries, "f.results.map(r => r.url)")


FIXTURE_QUERIES = [
    ("conference familiale", "fiches/organiser-une-conference-familiale/"),
    ("Conférence familiale", "fiches/organiser-une-conference-familiale/"),
    ("pair aidance", "pratiques/reseau-pair-aidance/"),
    ("pairaidance", "pratiques/reseau-pair-aidance/"),
    ("pair-aidance", "pratiques/reseau-pair-aidance/"),
    ("pair aidance familles venissieux", "pratiques/reseau-pair-aidance/"),
    ("atelier", "pratiques/l-atelier-des-voisins/"),
    ("l'atelier", "pratiques/l-atelier-des-voisins/"),
    ("l’atelier", "pratiques/l-atelier-des-voisins/"),
    ("oeuvre", "fiches/mettre-en-oeuvre/"),
    ("familles", "methodologies/participation-des-familles/"),
    ("famille", "methodologies/participation-des-familles/"),
    ("particip", "methodologies/participation-des-familles/"),
    ("DPA", "fiches/comprendre-le-pouvoir-d-agir/"),
    ("dpa", "fiches/comprendre-le-pouvoir-d-agir/"),
    ("pouvoir d'agir", "fiches/comprendre-le-pouvoir-d-agir/"),
    ("MDM", "pratiques/accueil-repense/"),
]

TITLE_QUERIES = [  # fiches/evaluer-une-action/ mentions both in its text only
    ("conference familiale", "fiches/organiser-une-conference-familiale/"),
    ("atelier", "pratiques/l-atelier-des-voisins/"),
]


@pytest.fixture(scope="module")
def fixture_results(browser, search_url):
    return search_all(browser, search_url, sorted({q for q, _ in FIXTURE_QUERIES + TITLE_QUERIES} | {"empowerment"}))


@pytest.mark.parametrize("query, expected", FIXTURE_QUERIES)
def test_queries_find_records_written_by_someone_else(fixture_results, query, expected):
    results, errors = fixture_results
    assert errors == []
    assert expected in results[query][:3], results[query]


SHIPPED_QUERIES = [
    ("conference familiale", "fiches/conference-familiale/"),
    ("pair aidance", "fiches/pair-aidance-et-travail-pair/"),
    ("pairaidance", "fiches/pair-aidance-et-travail-pair/"),
    ("travailleuse paire", "fiches/pair-aidance-et-travail-pair/"),
    ("particip", "fiches/reconnaitre-et-defrayer-la-participation/"),
    ("DPA", "fiches/repere-developpement-du-pouvoir-d-agir/"),
    ("pouvoir d agir", "fiches/repere-developpement-du-pouvoir-d-agir/"),
    ("falc", "fiches/ecrire-en-falc/"),
    ("aller vers", "fiches/aller-vers/"),
    ("croisement des savoirs", "fiches/croisement-des-savoirs/"),
    ("comites de participation", "fiches/creer-un-comite-de-participation/"),
    ("gironde", "pratiques/gironde-demarche-institutionnelle-pouvoir-d-agir/"),
]


@pytest.fixture(scope="module")
def shipped_results(browser, shipped_url):
    return search_all(browser, shipped_url, [q for q, _ in SHIPPED_QUERIES])


@pytest.mark.parametrize("query, expected", SHIPPED_QUERIES)
def test_queries_find_the_shipped_records(shipped_results, query, expected):
    results, errors = shipped_results
    assert errors == []
    # A record's easy-to-read version (core/easy_read.py) is that record too: its short text may rank first.
    collection, record_id = expected.strip("/").split("/")
    assert {expected, f"facile-a-lire/{collection}-{record_id}/"} & set(results[query][:3]), results[query]


@pytest.mark.parametrize("query, title_match", TITLE_QUERIES)
def test_a_title_outranks_a_passing_mention(fixture_results, query, title_match):
    shown = fixture_results[0][query][:8]
    assert shown[0] == title_match and "fiches/evaluer-une-action/" in shown[1:], shown


def test_a_glossary_synonym_finds_the_term(fixture_results):
    # "empowerment" is nowhere in the records: the glossary makes it a synonym of DPA.
    urls = fixture_results[0]["empowerment"]
    assert "glossaire/" in urls[:2]  # the page that defines it
    assert [u for u in urls[:8] if u.startswith("fiches/")][0] == "fiches/comprendre-le-pouvoir-d-agir/"


def test_words_narrow_the_results_as_one_types(page, search_url):
    page.goto(search_url)
    type_query(page, "famil")
    broad = set(result_urls(page, search_url))
    type_query(page, "familles ")
    broad_words = set(result_urls(page, search_url))
    type_query(page, "familles venissieux")
    narrow = set(result_urls(page, search_url))
    records = {url for url in narrow if url.startswith(("pratiques/", "fiches/", "methodologies/"))}
    assert records == {"pratiques/reseau-pair-aidance/"} and narrow < broad
    # The first letters of a next word do not empty the list before they make a prefix.
    for typed in ("familles v", "familles ve"):
        type_query(page, typed)
        assert set(result_urls(page, search_url)) == broad_words, typed
    type_query(page, "zzzz introuvable")
    assert page.locator(".centre-resultat").count() == 0
    assert visible(page.locator(".centre-etat").inner_text()) == "Aucun résultat pour « zzzz introuvable »"


def test_python_and_browser_normalise_every_word_of_the_corpus_alike(page, search_url):
    """fold(), words() and normalise() (stop words, stemmer rules from the index file) on every
    distinct piece of text of the shipped corpus and the fixtures, plus a few tricky words."""
    chunks = corpus_chunks()
    page.goto(search_url)
    browser_side = page.evaluate("""async chunks => {
        const engine = window.centreRecherche;
        await engine.load();
        return chunks.map(c => [engine.fold(c), engine.words(c), engine.normalise(c)]);
    }""", chunks)
    python_side = [[fold(c), search_tokens.words(c), search_tokens.normalise(c)] for c in chunks]
    assert len(chunks) > 3000 and len(browser_side) == len(chunks)
    differ = [(c, py, js) for c, py, js in zip(chunks, python_side, browser_side) if py != js]
    assert not differ, f"{len(differ)} of {len(chunks)} differ; first (text, Python, browser): {differ[:10]}"


def test_the_browser_stems_with_the_rules_of_the_index_file(page, search_url):
    # The rules are data: a rule added to the file changes the browser's stems, with no code change.
    def with_extra_rule(route):
        data = route.fetch().json()
        data["stemmer"]["groups"].insert(0, [{"suffix": "tion", "replacement": "T", "minLength": 0}])
        route.fulfill(json=data)
    page.route("**/search/recherche.json", with_extra_rule)
    page.goto(search_url)
    stems = page.evaluate("""async () => {
        const engine = window.centreRecherche;
        const before = engine.stem("familles");  // no rule before the index file is read
        await engine.load();
        return [before, engine.stem("participation"), engine.stem("familles")];
    }""")
    assert stems == ["familles", "participaT", "famil"]


def test_results_show_kind_title_summary_and_highlights(page, search_url):
    page.goto(search_url)
    type_query(page, "pair aidance")
    first = page.locator(".centre-resultat").first
    assert first.locator(".centre-resultat-type").inner_text().casefold() == "pratique inspirante"
    assert first.locator(".centre-resultat-titre").inner_text() == "Un réseau de pair-aidance entre parents"
    assert first.locator(".centre-resultat-resume").inner_text().startswith("Des parents qui ont connu")
    assert first.locator(".centre-resultat-titre mark").all_inner_texts() == ["pair", "aidance"]
    status = page.locator(".centre-etat")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.fullmatch(r"\d+ résultats? pour « pair aidance »", visible(status.inner_text()))
    first.locator("a").click()
    page.wait_for_url(search_url + "pratiques/reseau-pair-aidance/")


def _focus_ring(page) -> str:
    return page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                         "return s.outlineStyle + ' ' + s.outlineWidth; }")


def test_search_with_the_keyboard_alone(page, search_url):
    page.goto(search_url + "fiches/evaluer-une-action/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "centre-q"
    page.keyboard.type("atelier", delay=20)
    page.wait_for_function("document.querySelector('.centre-etat').textContent.includes('atelier')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.centre-resultat') !== null")
    assert _focus_ring(page) == "solid 3px"  # a visible focus on the result
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "centre-q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(search_url + "pratiques/l-atelier-des-voisins/")


def test_escape_closes_and_enter_opens_the_catalogue(page, search_url):
    page.goto(search_url)
    type_query(page, "famille")
    assert page.evaluate("document.getElementById('__search').checked")  # the results panel is open
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "centre-q"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"catalogue/\?q=famille$"))
    page.wait_for_selector("form.filtres[data-pret]")
    assert page.locator("#filtre-q").input_value() == "famille"
    assert "participation-des-familles" in visible_ids(page)
    assert "l-atelier-des-voisins" not in visible_ids(page)


# --- catalogue -------------------------------------------------------------------------------

def visible_ids(page) -> list[str]:
    return page.locator(".catalogue .card:not([hidden])").evaluate_all("cards => cards.map(c => c.dataset.id)")


def count_of(page, name: str, value: str) -> str:
    return page.locator(f'input[name="{name}"][value="{value}"]').locator("xpath=..").locator(".filtre-nombre").inner_text()


def open_catalogue(page, url: str):
    page.goto(url)
    page.wait_for_selector("form.filtres[data-pret]")


def test_filters_combine_with_counts_and_live_in_the_url(browser, page, search_url):
    open_catalogue(page, search_url + "catalogue/")
    assert len(visible_ids(page)) == 8
    assert count_of(page, "publics", "familles") == "(3)"
    assert count_of(page, "thematiques", "parentalite") == "(3)"
    page.locator('input[name="publics"][value="familles"]').check()
    familles = {"organiser-une-conference-familiale", "participation-des-familles", "reseau-pair-aidance"}
    assert set(visible_ids(page)) == familles
    assert parse_qs(urlsplit(page.url).query) == {"publics": ["familles"]}
    # Counts of the other facets now count within "Familles".
    assert count_of(page, "collection", "fiches") == "(1)"
    assert count_of(page, "collection", "pratiques") == "(1)"
    assert count_of(page, "publics", "habitants") == "(3)"  # what checking it too would show
    page.locator('input[name="collection"][value="fiches"]').check()
    assert visible_ids(page) == ["organiser-une-conference-familiale"]
    assert parse_qs(urlsplit(page.url).query) == {"collection": ["fiches"], "publics": ["familles"]}
    assert page.locator(".catalogue .count").inner_text() == "1 ressource sur 8"  # the one count, a live region
    assert page.locator(".catalogue .count").get_attribute("role") == "status"
    # Two values of one facet are alternatives.
    page.locator('input[name="collection"][value="pratiques"]').check()
    assert sorted(visible_ids(page)) == ["organiser-une-conference-familiale", "reseau-pair-aidance"]
    # Free text with filters.
    page.locator("#filtre-q").fill("conference")
    page.wait_for_selector('form.filtres[data-texte="conference"]')
    assert "q=conference" in page.url
    assert visible_ids(page) == ["organiser-une-conference-familiale"]
    shared = page.url

    # Back and forward walk through the filters.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('pratiques')")
    assert visible_ids(page) == ["organiser-une-conference-familiale"]
    assert page.locator('input[name="collection"][value="fiches"]').is_checked()
    assert not page.locator('input[name="collection"][value="pratiques"]').is_checked()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('collection')")
    assert set(visible_ids(page)) == familles
    page.go_forward()
    page.wait_for_function("() => location.search.includes('collection')")
    assert visible_ids(page) == ["organiser-une-conference-familiale"]

    # A link reproduces the view.
    other = browser.new_page()
    open_catalogue(other, shared)
    assert other.locator("#filtre-q").input_value() == "conference"
    assert other.locator('input[name="publics"][value="familles"]').is_checked()
    assert visible_ids(other)[0] == "organiser-une-conference-familiale"
    other.close()


def test_collection_page_offers_only_its_own_facets(page, search_url):
    open_catalogue(page, search_url + "fiches/")
    visible_groups = page.locator("fieldset.filtre-groupe:not([hidden]) legend").all_inner_texts()
    assert "Type de fiche" in visible_groups
    assert "Territoire" not in visible_groups and "Statut" not in visible_groups and "Type de ressource" not in visible_groups
    page.locator('input[name="type"][value="outil"]').check()
    assert sorted(visible_ids(page)) == ["evaluer-une-action", "mettre-en-oeuvre"]
    assert page.locator(".catalogue .count").inner_text() == "2 ressources sur 4"


def test_reset_clears_every_filter(page, search_url):
    open_catalogue(page, search_url + "catalogue/?statut=terminee&q=accueil")
    assert visible_ids(page) == ["accueil-repense"]
    page.get_by_role("button", name="Effacer les filtres").click()
    assert len(visible_ids(page)) == 8
    assert urlsplit(page.url).query == ""


def test_catalogue_with_the_keyboard_alone(page, search_url):
    open_catalogue(page, search_url + "catalogue/")
    page.locator("#filtre-q").focus()
    page.keyboard.type("atelier", delay=20)
    page.wait_for_function("() => location.search.includes('q=atelier')")
    page.keyboard.press("Tab")  # « Effacer les filtres », shown now that there are words to clear
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.name, document.activeElement.type]")
    assert focused[1] == "checkbox"
    assert _focus_ring(page) == "solid 3px"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert focused[0] in parse_qs(urlsplit(page.url).query)


def test_without_javascript_every_record_is_listed(browser, search_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url + "catalogue/?publics=familles")
    assert page.locator(".catalogue .card").count() == 8
    assert page.locator(".catalogue .card:visible").count() == 8
    assert not page.locator("form.filtres").is_visible()
    context.close()


# --- accessibility and offline ------------------------------------------------------------------

def _serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


# The pages themselves, light and dark, are audited by test_accessibility.py (lists once their filters are
# ready); here, the page while the search shows results.
def test_no_serious_accessibility_violation_while_searching(page, shipped_url):
    page.goto(shipped_url)
    type_query(page, "pair aidance")
    page.locator(".centre-resultat").first.wait_for()
    assert _serious(page) == []


def test_searching_and_filtering_request_nothing_outside_the_site(page, shipped_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_url + "catalogue/?publics=familles")
    page.wait_for_selector("form.filtres[data-pret]")
    page.locator("#filtre-q").fill("conference")
    type_query(page, "conference familiale")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("search/recherche.json") for url in requested)
    assert any(url.endswith("vendor/lunr.min.js") for url in requested)
    assert not any(url.endswith("search_index.json") for url in requested)  # Material's index stays unused
    assert [url for url in requested if not url.startswith(shipped_url)] == []


def test_the_index_is_requested_early_its_postings_on_first_use(page, shipped_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_url + "fiches/aller-vers/", wait_until="networkidle")
    assert [url for url in requested if url.endswith("search/recherche.json")] == [shipped_url + "search/recherche.json"]
    # The index file (everything but the postings) is fetched by the head at low priority while the
    # page loads, so that a search typed at once waits only for the postings it reads; the postings
    # (nine tenths of the index) are fetched when search is first used.
    head = page.locator("head script:not([src])").first.text_content()
    assert "search/recherche.json" in head and 'priority: "low"' in head
    assert not [url for url in requested if "/search/postings-" in url]
    assert page.evaluate("window.centreRecherche.index()") is None  # downloaded, not decoded yet
    page.locator("#centre-q").focus()
    page.wait_for_function("() => window.centreRecherche.index() !== null")
    assert [url for url in requested if "/search/postings-" in url]
    assert len([url for url in requested if url.endswith("search/recherche.json")]) == 1  # not fetched twice


def test_typing_before_the_index_arrives_gives_the_right_results(browser, search_url):
    # While the index is on its way, the engine (recherche/moteur.js) practises on a made-up index: none of it may
    # stay behind (no index, no result) once the real one arrives.
    page = browser.new_page()
    errors, held = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page.route("**/search/recherche.json", lambda route: held.append(route))
    page.goto(search_url, wait_until="networkidle")
    page.locator("#centre-q").click()
    page.keyboard.type("conference familiale", delay=20)
    page.wait_for_function("() => window.lunr !== undefined")
    page.wait_for_timeout(300)
    assert len(held) == 1
    assert page.evaluate("window.centreRecherche.index()") is None
    assert page.locator(".centre-resultat").count() == 0
    assert page.locator(".centre-etat").inner_text() == "Chargement de la recherche…"
    held[0].continue_()
    page.wait_for_function("() => document.querySelector('.centre-etat').textContent.includes('conference familiale')")
    assert result_urls(page, search_url)[0] == "fiches/organiser-une-conference-familiale/"
    assert errors == []
    page.close()


def test_search_loads_on_use_after_a_failed_download(browser, search_url):
    # The downloads while the page loads fail (lunr.js unreachable until the box is used): using the
    # box tries again.
    page = browser.new_page()
    errors, failed, reachable = [], [], []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def lunr_later(route):
        if reachable:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.abort()
    page.route("**/vendor/lunr.min.js", lunr_later)
    page.goto(search_url, wait_until="networkidle")
    assert failed and page.evaluate("window.lunr === undefined")
    reachable.append(True)
    type_query(page, "conference familiale")
    assert result_urls(page, search_url)[0] == "fiches/organiser-une-conference-familiale/"
    assert errors == []
    page.close()


def test_a_saving_data_connection_downloads_nothing_before_search_is_used(browser, shipped_url):
    page = browser.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_url + "fiches/aller-vers/", wait_until="networkidle")
    assert not [url for url in requested if "recherche.json" in url or "lunr" in url]
    page.locator("#centre-q").focus()
    page.wait_for_function("() => window.centreRecherche.index() !== null")
    page.close()


def test_lazy_index_gives_the_same_results_as_lunr_load(page, search_url):
    """The stand-ins given to lunr.js (recherche/index.js loadIndex()) against lunr.Index.load() of the
    fully expanded index. Exact terms give the same scores; a prefix is one merged term, so its
    scores are lunr's times one constant (the length of the query vector), in the same order."""
    page.goto(search_url)
    compared = page.evaluate("""async () => {
        const engine = window.centreRecherche;
        await engine.load();
        const data = {index: engine.index().compact()};  // every shard of postings in, after load()
        const eager = window.lunr.Index.load(engine.expand(data.index)), lazy = engine.index();
        const {REQUIRED, OPTIONAL} = window.lunr.Query.presence;
        const run = (index, build) => index.query(build).map(r => [r.ref, r.score]);
        const term = (t, wildcard) => q => q.term(t, {usePipeline: false, wildcard, presence: REQUIRED});
        const both = build => [run(eager, build), run(lazy, build), run(lazy, build)];
        const terms = ["famil", "conferenc", "pairaidanc", "dpa", "ateli", "oeuvr"];
        return {
            exact: terms.map(t => both(term(t, 0))),
            prefix: terms.map(t => both(term(t, 2))),
            // Several clauses, as the search box makes them: required and optional, boosts, field limits.
            severalExact: both(q => {
                q.term("famil", {usePipeline: false, presence: REQUIRED});
                q.term("pairaidanc", {usePipeline: false, presence: OPTIONAL, boost: 2});
                q.term("conferenc", {usePipeline: false, presence: OPTIONAL, fields: ["titre"]});
            }),
            severalPrefix: both(q => {
                q.term("famil", {usePipeline: false, presence: REQUIRED});
                q.term("pa", {usePipeline: false, wildcard: 2, presence: REQUIRED, fields: ["titre", "mots", "resume"]});
                q.term("famil", {usePipeline: false, wildcard: 2, presence: OPTIONAL, boost: 3});
            }),
        };
    }""")

    def ranked(results):
        return [ref for ref, score in sorted(results, key=lambda r: (-round(r[1], 9), r[0]))]

    for eager, lazy, again in compared["exact"] + [compared["severalExact"]]:
        assert eager and lazy == eager and again == eager
    merged_prefixes = 0
    for eager, lazy, again in compared["prefix"]:
        assert eager and ranked(lazy) == ranked(eager) and again == lazy
        ratios = {round(lazy_score / eager_score, 9) for (_, eager_score), (_, lazy_score) in
                  zip(sorted(eager), sorted(lazy))}
        assert len(ratios) == 1
        merged_prefixes += ratios != {1.0}
    assert merged_prefixes  # some prefixes of the fixtures cover several terms
    eager, lazy, again = compared["severalPrefix"]
    assert len(eager) > 1 and sorted(ref for ref, _ in lazy) == sorted(ref for ref, _ in eager) and again == lazy


def test_on_a_phone_the_magnifier_opens_the_search(browser, search_url):
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto(search_url)
    assert not page.evaluate("document.getElementById('__search').checked")
    page.locator('header label[for="__search"]').first.click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'centre-q'")
    assert page.evaluate("document.getElementById('__search').checked")  # Material's overlay is open
    page.keyboard.type("dpa", delay=20)
    page.wait_for_function("document.querySelector('.centre-etat').textContent.includes('dpa')")
    assert page.locator(".centre-resultat").first.is_visible()
    page.close()
