"""Search results that explain themselves: snippets around the word found, records before pages.

On the shipped site, in Chromium, through the header box and the catalogue as people use them;
plus the texts file the snippets are cut from.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import visible

from core import search_tokens
from core.text import fold


def _index(site) -> dict:
    return json.loads((site.path / "search" / "recherche.json").read_text(encoding="utf-8"))


def _texts(site) -> list[str]:
    return json.loads((site.path / "search" / _index(site)["texts"]).read_text(encoding="utf-8"))


# --- the build -----------------------------------------------------------------------------

def test_the_index_names_the_file_of_texts_one_plain_text_per_result(shipped_site):
    data = _index(shipped_site)
    name = data["texts"]
    raw = (shipped_site.path / "search" / name).read_bytes()
    # Named after its content: a cached index is never paired with the texts of another build.
    assert name == f"textes-{hashlib.sha256(raw).hexdigest()[:12]}.json"
    assert raw.isascii()
    texts = json.loads(raw)
    assert len(texts) == len(data["docs"])
    by_url = dict(zip((d[0] for d in data["docs"]), texts))
    # A record's text is its body, as plain text on one line: no Markdown marks, no line breaks.
    body = by_url["fiches/reconnaitre-et-defrayer-la-participation/"]
    # (a step's description, written over several lines of the YAML file)
    assert ("Les personnes qui perçoivent le RSA ou la prime d'activité déclarent leurs ressources à la CAF "
            "(ou à la MSA, Mutualité sociale agricole) chaque trimestre.") in body
    assert not [t for t in texts if "**" in t or "\n" in t or "](" in t]
    # Hand-written pages: their visible text (the title apart).
    assert "RSA" in by_url["contribuer/"]


def test_hand_written_pages_carry_their_title_tokens_records_do_not(shipped_site):
    docs = _index(shipped_site)["docs"]
    pages = {d[0]: d for d in docs if not d[4]}
    assert pages["contribuer/"][5] == search_tokens.normalise("Contribuer")
    assert pages["kits/"][5] == search_tokens.normalise("Kits")
    assert all(len(d) == 5 for d in docs if d[4])


# --- in the browser --------------------------------------------------------------------------

def type_query(page, text: str):
    """Type in the header box as a person does; wait until the count is announced and the texts
    the snippets are cut from have arrived."""
    field = page.locator("#centre-q")
    field.click()
    field.fill("")
    page.keyboard.type(text, delay=20)
    page.wait_for_function("q => document.querySelector('.centre-etat').textContent.includes(q)", arg=text.strip())
    page.evaluate("() => window.centreRecherche.textsReady()")
    page.wait_for_timeout(50)  # the box updates its snippets in place once the texts are there


def results(page, base: str) -> list[dict]:
    """The results in the box: url, kind, title, the summary or snippet, its marked words."""
    return [{"url": r["href"][len(base):], "kind": r["kind"], "title": visible(r["title"]),
             "summary": visible(r["summary"]), "marks": r["marks"], "from_text": r["fromText"]}
            for r in page.locator(".centre-resultat").evaluate_all("""items => items.map(li => ({
                href: li.querySelector('a').href,
                kind: li.querySelector('.centre-resultat-type').textContent,
                title: li.querySelector('.centre-resultat-titre').textContent,
                summary: li.querySelector('.centre-resultat-resume').textContent,
                marks: Array.from(li.querySelectorAll('mark'), m => m.textContent),
                fromText: li.querySelector('.centre-resultat-extrait') !== null}))""")]


def test_rsa_shows_each_result_with_the_word_found(page, shipped_url):
    # The issue: « rsa » listed « Contribuer » with the start of the page and no visible reason.
    page.goto(shipped_url + "fiches/aller-vers/")
    type_query(page, "rsa")
    shown = results(page, shipped_url)
    assert shown and all(r["marks"] for r in shown), shown
    by_url = {r["url"]: r for r in shown}
    fiche = by_url["fiches/reconnaitre-et-defrayer-la-participation/"]
    # The word searched is marked (its expansion « revenu de solidarité active » may be marked too).
    assert fiche["from_text"] and "RSA" in fiche["marks"] and "RSA" in fiche["summary"], fiche
    # Pages have no summary: each shows the passage with the word. (« Contribuer » now ranks below the
    # box's eight, after the glossary, the supports and the easy-to-read pages that name the RSA.)
    pages = [r for r in shown if r["kind"] == "Page"]
    assert pages, shown
    for found in pages:
        assert found["from_text"] and "RSA" in found["marks"], found
        assert found["summary"].startswith("… ") and found["summary"].endswith(" …"), found
    assert page.locator(".centre-resultat-resume mark").first.evaluate("m => getComputedStyle(m).backgroundColor") \
        != page.locator(".centre-resultat-resume").first.evaluate("s => getComputedStyle(s).backgroundColor")


def test_a_folded_and_stemmed_word_is_found_and_marked_in_the_snippet(page, shipped_url):
    # « familles » finds « famille », « Familles », « familial »... as the index does.
    page.goto(shipped_url)
    type_query(page, "familles ")
    marked = {fold(m) for r in results(page, shipped_url) for m in r["marks"]}
    assert marked and all(search_tokens.normalise(m)[0] == "famil" for m in marked), marked
    assert {"famille", "familles"} & marked


def test_pair_aidance_lists_the_records_before_the_page_of_kits(page, shipped_url):
    page.goto(shipped_url)
    found = page.evaluate("""async queries => {
        const engine = window.centreRecherche;
        await engine.load();
        return queries.map(q => engine.search(q).results.map(r => [r.url, r.id]));
    }""", ["pair aidance", "pair-aidance", "pairaidance", "pair aidance "])
    for ranked in found:
        kinds = ["record" if record_id else "page" for _, record_id in ranked]
        assert kinds[0] == "record" and kinds == sorted(kinds, key=("record", "page").index), ranked
        assert "kits/" in [url for url, _ in ranked]  # still found, below the records
    # As people see it, in the box.
    type_query(page, "pair aidance")
    shown = results(page, shipped_url)
    assert shown[0]["url"] == "fiches/pair-aidance-et-travail-pair/" and shown[0]["kind"] != "Page"
    assert all(r["kind"] != "Page" for r in shown[:4])


@pytest.mark.parametrize("query, url", [
    ("contribuer", "contribuer/"),
    ("Contribuer ", "contribuer/"),
    ("contrib", "contribuer/"),  # being typed
    ("kits", "kits/"),
    ("glossaire", "glossaire/"),
    ("mon kit", "kits/mon-kit/"),
])
def test_a_page_whose_title_holds_the_query_still_comes_first(page, shipped_url, query, url):
    page.goto(shipped_url)
    type_query(page, query)
    shown = results(page, shipped_url)
    assert shown[0]["url"] == url, [r["url"] for r in shown]


def _deep_word(site) -> tuple[str, str, int]:
    """A word found in one record only, once, deep in a long text (not in its summary or title):
    (word as written, record URL, its position in the text)."""
    data, texts = _index(site), _texts(site)
    where: dict = {}
    for position, (doc, text) in enumerate(zip(data["docs"], texts)):
        for token in set(search_tokens.normalise(" ".join([doc[1], doc[3]]))) | set(search_tokens.normalise(text)):
            where.setdefault(token, set()).add(position)
    for position, (doc, text) in enumerate(zip(data["docs"], texts)):
        if not doc[4] or len(text) < 1500:
            continue
        for match in re.finditer(r"\w{7,}", text[600:len(text) - 600]):
            word = match.group()
            tokens = search_tokens.normalise(word)
            if len(tokens) == 1 and where.get(tokens[0]) == {position} and search_tokens.normalise(text).count(tokens[0]) == 1 \
                    and tokens[0] not in search_tokens.normalise(" ".join(data["glossary"])):
                return word, doc[0], 600 + match.start()
    raise AssertionError("no word found once, deep in a long record")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_match_deep_in_a_long_record_is_centred_in_its_snippet(browser, shipped_site, shipped_url, width):
    word, url, at = _deep_word(shipped_site)
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(shipped_url + "engagement/")
    if width < 600:
        page.locator('header label[for="__search"]').first.click()
    type_query(page, word + " ")
    shown = next(r for r in results(page, shipped_url) if r["url"] == url)
    assert shown["url"] == url and shown["from_text"] and shown["marks"] == [word]
    snippet = shown["summary"]
    assert snippet.startswith("… ") and snippet.endswith(" …"), snippet
    before = snippet.index(word)
    # Centred: text on both sides of the word, a third of the snippet or so before it.
    assert 0.15 * len(snippet) < before < 0.6 * len(snippet), snippet
    # About three lines, on a phone as on a computer.
    lines = page.locator(".centre-resultat-resume").evaluate(
        "s => s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)")
    assert 2 <= round(lines) <= 4, (lines, snippet)
    page.close()


def test_the_snippet_comes_once_the_texts_arrive_without_rebuilding_the_list(browser, shipped_url):
    # Results found before the texts file arrived show the summary; then their snippet, in place.
    page = browser.new_page()
    held = []
    page.route("**/search/textes-*.json", lambda route: held.append(route))
    page.goto(shipped_url)
    page.locator("#centre-q").click()
    page.keyboard.type("rsa", delay=20)
    page.wait_for_function("document.querySelector('.centre-etat').textContent.includes('rsa')")
    for _ in range(50):  # the texts are asked for once the index has arrived
        if held:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1
    first = page.locator(".centre-resultat").first
    assert first.locator(".centre-resultat-extrait").count() == 0
    handle = first.element_handle()
    page.keyboard.press("ArrowDown")  # the reader moves to the first result meanwhile
    held[0].continue_()
    page.wait_for_function("() => document.querySelector('.centre-resultat-extrait mark') !== null")
    assert page.evaluate("li => li.isConnected && li.contains(document.activeElement)", handle)
    page.close()


def test_catalogue_cards_found_by_their_text_show_the_words_found(page, shipped_url):
    page.goto(shipped_url + "catalogue/?q=rsa")
    page.wait_for_selector("form.filtres[data-pret]")
    page.wait_for_selector(".card-extrait mark")
    card = page.locator('.card[data-id="reconnaitre-et-defrayer-la-participation"]')
    # The word searched is marked (its expansion « revenu de solidarité active » may be marked too).
    assert "RSA" in card.locator(".card-extrait mark").all_inner_texts()
    assert "RSA" in visible(card.locator(".card-extrait").inner_text())
    # A card whose summary holds the words needs no snippet.
    page.locator("form.filtres input[name=q]").fill("pair aidance")
    page.wait_for_function("document.querySelector('form.filtres').getAttribute('data-texte') === 'pair aidance'")
    assert page.locator('.card[data-id="pair-aidance-et-travail-pair"]').count() == 1
    assert page.locator('.card[data-id="pair-aidance-et-travail-pair"] .card-extrait').count() == 0
    assert page.locator(".card-extrait mark").count() > 0  # others are found by their text
    # No text, no snippet.
    page.locator("form.filtres input[name=q]").fill("")
    page.wait_for_function("document.querySelector('form.filtres').getAttribute('data-texte') === ''")
    assert page.locator(".card-extrait").count() == 0


def test_record_text_in_a_snippet_stays_text(page, shipped_url):
    page.goto(shipped_url)
    html, marks, images = page.evaluate("""async () => {
        const engine = window.centreRecherche;
        await engine.load();
        const found = engine.search("rsa");
        const hostile = {summary: '<img src=x onerror="window.hacked=1"> le RSA <b>gras</b>', doc: -1};
        const box = document.createElement("div");
        box.appendChild(engine.shown(found).extract(hostile, 200).fragment);
        return [box.textContent, Array.from(box.querySelectorAll("mark"), m => m.textContent),
                box.querySelectorAll("img, b").length];
    }""")
    assert html.startswith("<img src=x") and marks == ["RSA"] and images == 0
