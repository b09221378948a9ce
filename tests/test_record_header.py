"""Record header, home page and methodology phases: built HTML, and what Chromium lays out.

- a fiche reads in the schema's order (objectif, quand, ..., matériel, étapes), on screen and on paper;
- the kind of a record is said once (the badge), never again as a « Type » fact;
- a methodology phase lists « Qui » as items (they may hold commas);
- the home page: every key figure, no left menu, ways in only to pages that exist;
- in Chromium, at 1280 px and 390×844: the action bar, the key figures, the chapter cards and
  the header search box.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import words
from test_print import CORPUS

from core import printing
from core.schema import COLLECTION_SPECS, COLLECTIONS, FICHE_TYPES

FICHE = COLLECTIONS["fiches"]
# The order a facilitator reads a fiche in (the words); the schema must declare it.
READING_ORDER = ["objectif", "quand", "participants", "duree", "preparation", "materiel", "etapes", "vigilance", "variantes"]
SECTIONS = [key for key in READING_ORDER if FICHE.fields[key].section]
FACTS = ["participants", "duree"]


visible = words


def headings(soup: BeautifulSoup) -> list[str]:
    """The section titles of a record, without their permalink sign."""
    return [visible(h.get_text().replace("¶", "")) for h in soup.select("h2")]


def expected_sections(record) -> list[str]:
    return [FICHE.fields[key].section for key in SECTIONS if key in record.data and key not in FACTS]


# --- built HTML ------------------------------------------------------------------------------------

def test_schema_declares_the_facilitators_reading_order():
    declared = [key for key in FICHE.fields if key in READING_ORDER]  # the form's order
    assert declared == READING_ORDER
    page = COLLECTION_SPECS["fiches"]  # the page's: facts in the header, then the sections
    assert [key for key in page.facts if key in READING_ORDER] == FACTS
    assert [key for key in page.sections if key in READING_ORDER] == [key for key in READING_ORDER if key not in FACTS]


@pytest.mark.parametrize("fiche_id", sorted(CORPUS.records["fiches"]))
def test_fiche_sections_come_in_reading_order_on_screen_and_on_paper(shipped_site, fiche_id):
    record = CORPUS.get("fiches", fiche_id)
    expected = expected_sections(record)
    assert expected[0] == "Objectif"
    page = headings(shipped_site.soup(record.url).select_one("article.md-content__inner"))
    assert page[:len(expected)] == expected
    # The PDF prints the same body (core/printing.py): same order on paper.
    paper = headings(BeautifulSoup(printing.record_body(CORPUS, record), "lxml"))
    assert paper[:len(expected)] == expected


def test_fiche_facts_follow_the_schema_and_the_kind_is_said_once(fixture_site, shipped_site):
    soup = fixture_site.soup("fiches/animer-un-groupe/")
    facts = [visible(dt.get_text()) for dt in soup.select(".record-header dl.record-facts dt")]
    assert facts[:2] == ["Participants", "Durée"]
    for record in CORPUS.records["fiches"].values():
        header = shipped_site.soup(record.url).select_one(".record-header")
        kind = FICHE_TYPES.values[record.data["type"]]
        assert [visible(b.get_text()) for b in header.select(".badge")] == [kind]
        assert visible(header.get_text()).count(kind) == 1, record.id
        labels = [visible(dt.get_text()) for dt in header.select("dl.record-facts dt")]
        assert not [label for label in labels if label.startswith("Type")], (record.id, labels)


def test_methodology_phases_list_who_as_items(fixture_site, shipped_site):
    for record in CORPUS.records["methodologies"].values():
        phases = shipped_site.soup(record.url).select("ol.phases > li.phase")
        assert len(phases) == len(record.data["phases"])
        for number, (li, phase) in enumerate(zip(phases, record.data["phases"]), start=1):
            assert visible(li.select_one(".phase-number").get_text()) == f"{number}."
            who = li.select_one("dl.phase-facts .fact-qui")
            assert visible(who.dt.get_text()) == "Qui"
            assert [visible(item.get_text()) for item in who.select("dd > ul > li")] == phase["qui"]
    # A "qui" item with commas stays one item.
    assert any("," in who for r in CORPUS.records["methodologies"].values() for p in r.data["phases"] for who in p["qui"])
    items = fixture_site.soup("methodologies/associer/").select(".phase .fact-qui li")
    assert [visible(li.get_text()) for li in items] == ["Habitants du quartier"]


def test_home_has_every_key_figure_no_left_menu_and_ways_in_that_exist(shipped_site):
    soup = shipped_site.soup("")
    assert len(soup.select(".chiffres .chiffre")) == len(CORPUS.figures) == 4
    # The left menu held « Accueil » alone: hidden (hide: navigation); the phone's drawer keeps it.
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden")
    links = [a["href"] for a in soup.select("ul.entrees a")]
    assert "catalogue/" in links and "kits/" in links
    for href in links:
        assert (shipped_site.path / href / "index.html").is_file(), href


def test_home_links_the_easy_to_read_space_and_planner(fixture_site):
    # « Facile à lire » and the planner are always built (core/easy_read.py, core/planner.py).
    home = fixture_site.soup("")
    assert [a["href"] for a in home.select("ul.entrees a")] == ["catalogue/", "kits/", "planifier/", "facile-a-lire/"]
    entries = {visible(a.select_one(".entree-titre").get_text()): a["href"] for a in home.select("ul.entrees a")}
    assert entries["Facile à lire"] == "facile-a-lire/"
    assert entries["Planifier une démarche"] == "planifier/"


# --- in Chromium -----------------------------------------------------------------------------------

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def open_page(browser):
    contexts = []

    def open_(url: str, viewport: dict, scheme: str = "light"):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def _full_fiche():
    """A fiche with every action: PDF, easy-to-read PDF, print, kit."""
    return next(r for r in CORPUS.records["fiches"].values() if "falc" in r.data)


ACTIONS = """() => {
  const bar = document.querySelector('.record-actions').getBoundingClientRect();
  const items = [...document.querySelectorAll('.record-actions > .md-button, .record-actions > .kit-toggle-status')]
    .filter(e => !e.hidden).map(e => e.getBoundingClientRect());
  return {height: bar.height, bottom: bar.bottom, tops: items.map(r => Math.round(r.top + r.height / 2)), count: items.length};
}"""


def test_action_bar_is_one_row_on_desktop_and_compact_on_a_phone(open_page, shipped_url):
    url = shipped_url + _full_fiche().url
    page = open_page(url, DESKTOP)
    page.wait_for_selector(".record-actions .kit-link")  # kit.js has shown its buttons
    desktop = page.evaluate(ACTIONS)
    assert desktop["count"] == 5  # print, PDF, easy-to-read PDF, kit, « Voir mon kit »
    assert max(desktop["tops"]) - min(desktop["tops"]) <= 4, desktop  # one row
    phone = open_page(url, PHONE)
    phone.wait_for_selector(".record-actions .kit-link")
    small = phone.evaluate(ACTIONS)
    assert small["count"] == 5
    assert small["height"] / PHONE["height"] < 0.15, small
    assert len(set(small["tops"])) <= 2, small
    # Short labels on the phone, full names for assistive technologies.
    pdf = phone.locator(".record-actions a.record-pdf")
    assert pdf.locator(".record-action-short").is_visible()
    assert pdf.locator(".record-action-long").bounding_box()["width"] <= 1  # visually hidden, still read
    assert pdf.text_content().startswith("PDF de la fiche")
    assert phone.get_by_role("link", name="PDF de la fiche").count() == 1


FIGURES = "() => [...document.querySelectorAll('.chiffres .chiffre')].map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; })"


def test_key_figures_one_row_on_desktop_two_by_two_on_a_phone(open_page, shipped_url):
    wide = open_page(shipped_url, DESKTOP).evaluate(FIGURES)
    assert len(wide) == 4 and len({top for _, top in wide}) == 1, wide
    narrow = open_page(shipped_url, PHONE).evaluate(FIGURES)
    assert len({left for left, _ in narrow}) == 2 and len({top for _, top in narrow}) == 2, narrow


def test_chapter_cards_start_with_their_title(open_page, shipped_url):
    page = open_page(shipped_url, DESKTOP)
    gaps = page.evaluate("""() => [...document.querySelectorAll('.axes .axe')].map(card =>
        card.querySelector('h3').getBoundingClientRect().top - card.getBoundingClientRect().top)""")
    assert len(gaps) == 3 and all(gap <= 20 for gap in gaps), gaps


PLACEHOLDER = """() => {
  const input = document.querySelector('#centre-q');
  const style = getComputedStyle(input), ph = getComputedStyle(input, '::placeholder');
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = [ph.fontStyle, ph.fontWeight, ph.fontSize, ph.fontFamily].join(' ');
  return {text: ctx.measureText(input.placeholder).width, placeholder: input.placeholder,
          box: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          scroll: input.scrollWidth, client: input.clientWidth};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, {"width": 960, "height": 800}, PHONE], ids=["1280", "960", "390"])
def test_search_example_is_fully_visible(open_page, shipped_url, viewport):
    page = open_page(shipped_url, viewport)
    if viewport["width"] < 960:  # on a phone the box opens over the page
        page.click("label.md-header__button[for=__search]")
        page.wait_for_function("document.querySelector('#centre-q').getBoundingClientRect().width > 300")
    box = page.evaluate(PLACEHOLDER)
    assert "ex." in box["placeholder"]
    assert box["scroll"] <= box["client"], box
    assert box["text"] <= box["box"], box
