"""Search that forgives one typing slip (tests/search_query.py, recherche/correction.js).

A word of five letters or more that the index does not hold is matched with one edit, a word of
four letters with a swap of two neighbours; a word the index holds is never corrected; when no
record holds every word, the records holding most of them come, ranked, and the words not found
are named (issue 26); the box says « N résultats pour … (aucun résultat pour « … ») » in words
of the corpus. The same queries go to the Python twin and to the browser, which must find the
same records.
"""

from __future__ import annotations

import re

import pytest
import search_query
from conftest import ROOT, words
from search_query import Searcher
from test_search_browser import engine_answers

from core import search

ONE_SLIP = [  # issue 16: none of these found anything
    ("conference familliale", "fiches/conference-familiale/", "conférence familiale"),
    ("pair aidence", "fiches/pair-aidance-et-travail-pair/", "pair aidance"),
    ("defraiment", "fiches/reconnaitre-et-defrayer-la-participation/", "défraiement"),
    ("croisment des savoirs", "fiches/croisement-des-savoirs/", "croisement des savoirs"),
]

# Issue 26: none of these found anything; each names the word not found as typed.
NEVER_NOTHING = [
    ("aller vesr", "fiches/aller-vers/", ["vesr"]),
    ("ecrire en flac", "fiches/ecrire-en-falc/", ["flac"]),
    ("pair aidence formation", "fiches/pair-aidance-et-travail-pair/", ["aidence"]),
    ("conferance familliale", "fiches/conference-familiale/", ["conferance", "familliale"]),
]
# The words the box names as not found, for ONE_SLIP.
UNKNOWN = {"conference familliale": "familliale", "pair aidence": "aidence", "defraiment": "defraiment",
           "croisment des savoirs": "croisment"}

# Exact words, prefixes being typed, one slip of each kind (missing, doubled, swapped, wrong
# letter), finished (trailing space) or being typed, and short words that are never corrected.
AGREEMENT = [
    "conference familiale ", "pair aidance ", "participation des familles ", "DPA ", "defraiement ",
    "particip", "croisem", "conference fam", "pair-aid",
    "conference familliale", "conference familliale ", "pair aidence", "pair aidence ", "defraiment",
    "defraiment ", "croisment des savoirs", "croisment des savoirs ",
    "partcipation ", "conferecne ", "familes ", "famillle ", "croism", "accompagnment des habitnts ",
    "rssa ", "daps ",
    # issue 26: four letters swapped, words no record holds (partial answers)
    "aller vesr", "aller vesr ", "ecrire en flac ", "pair aidence formation ", "conferance familliale ",
    "aller zqxw ", "aller zqxw", "conference familiale zqxw theatre ", "zqxw vwyk ",
]


@pytest.fixture(scope="module")
def shipped_payload(shipped_site):
    return search.read_site(shipped_site.path / "search")  # the index file and its shards of postings


@pytest.fixture(scope="module")
def searcher(shipped_payload):
    return Searcher(shipped_payload)


def urls(searcher, query):
    return [r["url"] for r in searcher.search(query)[0]]


# --- Python ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected, _said", ONE_SLIP)
@pytest.mark.parametrize("end", ["", " "])  # being typed, or finished
def test_one_slip_finds_the_intended_fiche_in_the_top_three(searcher, query, expected, _said, end):
    results, corrections = searcher.search(query + end)
    assert expected in [r["url"] for r in results[:3]], [r["url"] for r in results[:5]]
    assert corrections  # found through a correction, not by chance


@pytest.mark.parametrize("typed, meant", [
    ("familliale", "familiale"),  # a doubled letter
    ("croisment", "croisement"),  # a letter missing
    ("conferecne", "conference"),  # two neighbours swapped
    ("aidence", "aidance"),  # a wrong letter
])
def test_each_kind_of_slip_is_one_edit(searcher, typed, meant):
    _, corrections = searcher.search(typed + " ")
    assert [(c.typed, c.word) for c in corrections] == [(typed, meant)]


def test_a_word_the_index_holds_is_never_corrected(searcher, monkeypatch):
    # « aidant » and « aidance » are one edit apart and both in the corpus: « aidant » finds aidant.
    vocabulary = searcher.vocabulary
    assert vocabulary.weight("aidant") and vocabulary.weight("aidanc")
    monkeypatch.setattr(search_query, "correct", lambda word, *args: pytest.fail("corrected " + word))
    for query in ("aidant ", "aidant", "conference familiale ", "participation des familles", "famille "):
        results, corrections = searcher.search(query)
        assert results and corrections == [], query


def test_a_corrected_word_weighs_less_than_a_word_found_as_typed(searcher):
    clauses, corrections = searcher.parse("conference familliale ")
    by_term = {c.term: c for c in clauses}
    assert [c.term for c in corrections] == ["familial"]
    assert by_term["familial"].boost < by_term["conferenc"].boost
    # A record holding the word as typed comes before records found through a correction: with
    # both words exact, the same record scores higher than with one of them corrected.
    exact = {r["url"]: r["score"] for r in searcher.search("conference familiale ")[0]}
    fixed = {r["url"]: r["score"] for r in searcher.search("conference familliale ")[0]}
    assert fixed["fiches/conference-familiale/"] < exact["fiches/conference-familiale/"]


def test_words_under_five_letters_get_a_swap_at_most(searcher):
    assert searcher.vocabulary.weight("rsa") and searcher.vocabulary.weight("dpa")
    for query in ("rssa ", "daps ", "dpaa", "rsaa "):  # one edit from RSA, DPA, not a swap: too short to guess
        assert searcher.search(query) == ([], []), query
    assert searcher.search("ccass ")[1] or not searcher.vocabulary.weight("ccas")  # five letters: corrected
    # Four letters: two neighbours swapped, and nothing else.
    assert [(c.typed, c.word) for c in searcher.search("flac ")[1]] == [("flac", "falc")]
    assert [(c.typed, c.word) for c in searcher.search("vesr ")[1]] == [("vesr", "vers")]
    assert searcher.search("fal ")[1] == [] and searcher.search("falk ")[1] == []


def test_a_word_with_no_neighbour_stays_unfound(searcher):
    assert searcher.search("zqxwvk ") == ([], [])


@pytest.mark.parametrize("query, expected, unknown", NEVER_NOTHING)
@pytest.mark.parametrize("end", ["", " "])
def test_a_query_with_one_slip_per_word_never_answers_nothing(searcher, query, expected, unknown, end):
    found = searcher.answer(query + end)
    assert expected in [r["url"] for r in found.results[:3]], [r["url"] for r in found.results[:5]]
    assert sorted([c.typed for c in found.corrections] + found.missing) == sorted(unknown)


def test_when_no_record_holds_every_word_those_holding_most_come_first(searcher):
    query = "conference familiale zqxw theatre "
    assert [r for r in searcher.search("conference familiale theatre ")[0] if r["id"]] == []  # no record holds all
    found = searcher.answer(query)
    assert found.missing == ["zqxw"] and found.results
    assert found.results[0]["url"] == "fiches/conference-familiale/"
    held = {word: {r["url"] for r in searcher.search(word + " ")[0]} for word in ("conference", "familiale", "theatre")}
    counts = [sum(r["url"] in urls for urls in held.values()) for r in found.results if r["id"]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    # Nothing held anywhere: nothing, and nothing named (the box says « Aucun résultat »).
    assert searcher.answer("zqxw vwyk ").results == [] and searcher.answer("zqxw vwyk ").missing == []


def test_variants_are_the_words_one_edit_away():
    found = search_query.variants("abc", ["a", "b", "c", "x"], typing=False)
    assert {"bc", "ac", "ab"} <= set(found)  # missing
    assert {"bac", "acb"} <= set(found)  # swapped
    assert {"xbc", "axc", "abx"} <= set(found)  # wrong
    assert {"xabc", "aabc", "abcc", "abxc"} <= set(found)  # one more, doubled
    assert "abcx" in found and "ab" not in search_query.variants("abc", ["x"], typing=True)


# --- Python and the browser --------------------------------------------------------------

def _browser_search(browser, url, queries):
    found, errors = engine_answers(
        browser, url, queries, texts=True,
        answer="{urls: f.results.map(r => r.url), corrections: f.corrections.map(c => [c.typed, c.word, c.term, c.prefix]),"
               " said: engine.said(f, q), missing: f.missing}")
    assert errors == []
    return found


@pytest.mark.browser
def test_python_and_the_browser_find_the_same_records(browser, shipped_url, searcher):
    in_browser = _browser_search(browser, shipped_url, AGREEMENT)
    differ = []
    for query in AGREEMENT:
        found = searcher.answer(query)
        python = {"urls": [r["url"] for r in found.results],
                  "corrections": [[c.typed, c.word, c.term, c.prefix] for c in found.corrections],
                  "missing": found.missing}
        browser_side = {k: in_browser[query][k] for k in python}
        if python != browser_side:
            differ.append((query, python, browser_side))
    assert differ == []
    assert sum(bool(in_browser[q]["corrections"]) for q in AGREEMENT) >= 12  # the list does test corrections
    assert sum(bool(in_browser[q]["missing"]) for q in AGREEMENT) >= 3  # and partial answers


@pytest.mark.browser
def test_the_engine_says_the_corrected_query_in_words_of_the_corpus(browser, shipped_url):
    found = _browser_search(browser, shipped_url, [q for q, _, _ in ONE_SLIP] + ["conference familiale"])
    for query, expected, said in ONE_SLIP:
        assert expected in found[query]["urls"][:3], (query, found[query]["urls"][:5])
        assert found[query]["said"] == said
    assert found["conference familiale"]["said"] is None


# --- in the box, as people type ------------------------------------------------------------

def _type(page, text):
    field = page.locator("#centre-q")
    field.click()
    field.fill("")
    page.wait_for_function("() => !document.querySelector('.centre-etat').textContent")  # the last answer gone
    page.keyboard.type(text, delay=15)
    # The status names the last word typed: as searched, or as not found.
    page.wait_for_function("q => document.querySelector('.centre-etat').textContent.includes(q)", arg=text.split()[-1])


@pytest.mark.browser
@pytest.mark.parametrize("query, expected, said", ONE_SLIP)
def test_typing_a_slip_shows_the_fiche_and_what_was_searched(page, shipped_url, query, expected, said):
    page.goto(shipped_url)
    _type(page, query)
    hrefs = page.locator(".centre-resultat a").evaluate_all("links => links.map(a => a.href)")
    assert shipped_url + expected in hrefs[:3], hrefs[:5]
    status = page.locator(".centre-etat")
    assert f"pour « {said} » (aucun résultat pour « {UNKNOWN[query]} »)" in words(status.text_content())
    assert words(status.locator("strong").inner_text()) == f"« {said} »"  # the words searched, in bold
    # The corrected words are marked in the results, as words found are.
    assert page.locator(".centre-resultat mark").count() > 0


@pytest.mark.browser
@pytest.mark.parametrize("query, expected, unknown", NEVER_NOTHING + [("aller zqxw", "fiches/aller-vers/", ["zqxw"])])
def test_typing_never_answers_nothing_and_names_the_words_not_found(page, shipped_url, query, expected, unknown):
    page.goto(shipped_url)
    _type(page, query)
    hrefs = page.locator(".centre-resultat a").evaluate_all("links => links.map(a => a.href)")
    assert shipped_url + expected in hrefs[:3], hrefs[:5]
    named = "« " + " », « ".join(unknown) + " »"
    assert f"(aucun résultat pour {named})" in words(page.locator(".centre-etat").text_content())


@pytest.mark.browser
def test_no_correction_is_shown_for_words_found_as_typed(page, shipped_url):
    page.goto(shipped_url)
    _type(page, "conference familliale")
    assert page.locator(".centre-etat strong").count() == 1
    _type(page, "conference familiale")
    status = page.locator(".centre-etat")
    assert "aucun résultat pour" not in status.text_content() and status.locator("strong").count() == 0


@pytest.mark.browser
def test_the_catalogue_lists_and_says_a_corrected_query(page, shipped_url):
    # Enter in the box (or a shared link) opens the catalogue with the text as typed.
    page.goto(shipped_url + "catalogue/?q=croisment+des+savoirs")
    count = page.locator(".catalogue .count")
    page.wait_for_function("() => document.querySelector('.catalogue .count').textContent.includes('aucune pour')")
    assert "pour « croisement des savoirs » (aucune pour « croisment des savoirs »)" in words(count.text_content())
    first = page.locator(".card a").first.get_attribute("href")
    assert first.rstrip("/").endswith("fiches/croisement-des-savoirs")


# --- the first result sooner -----------------------------------------------------------------

def test_the_head_preloads_the_index_file_and_every_search_module(shipped_site):
    """Before the stylesheets (a script after them waits for them): the index file's preload, and a
    modulepreload for each module recherche.js imports, so none waits for recherche.js to arrive."""
    entry = (ROOT / "docs" / "assets" / "javascripts" / "recherche.js").read_text(encoding="utf-8")
    imported = {f"assets/javascripts/{path}" for path in re.findall(r'^import [^;]*?"\./([\w/]+\.js)";', entry, re.M)}
    assert len(imported) >= 8
    soup = shipped_site.soup("fiches/conference-familiale/")
    head = soup.head
    preloaded = {link["href"].replace("../../", "") for link in head.select('link[rel="modulepreload"]')}
    assert preloaded == imported
    elements = head.find_all(["script", "link"])
    script = next(s for s in elements if s.name == "script" and "recherche.json" in s.text)
    assert elements.index(script) < elements.index(head.select_one('link[rel="stylesheet"]'))
    assert '"../../search/recherche.json"' in script.text and "saveData" in script.text
