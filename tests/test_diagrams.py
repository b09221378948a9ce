"""Pictures built at build time (core/diagrams.py): the phases timeline of every methodology, the
participation ladder on the fiche that names it, the fiches' phases by their labels.

Real builds (the shipped site, the hostile one of test_injection), real HTML; Chromium for the
sizes a phone really renders, the colours of both schemes and axe-core.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, words
from pypdf import PdfReader
from test_injection import ALERT_MARKER, hostile_site  # noqa: F401 (a fixture)

from core import corpus as corpus_module
from core import diagrams, urls
from core.schema import COLLECTIONS
from core.schema.declarations import ILLUSTRATIONS

CORPUS = corpus_module.load(ROOT)
LEVELS = list(CORPUS.vocabularies["niveaux-participation"])
METHODOLOGIES = sorted(CORPUS.records["methodologies"])
# The only tags a picture draws with: anything else inside an svg came from the data.
DRAWING_TAGS = {"svg", "title", "desc", "g", "text", "tspan", "line", "circle", "polyline"}


plain = words


def the_figure(soup, kind: str):
    figures = soup.select(f"figure.diagram-{kind}")
    assert len(figures) == 1, f"{len(figures)} figures « {kind} »"
    return figures[0]


def assert_accessible(figure):
    """role=img, named by its title, described by its desc, followed by a caption and a table."""
    svgs = figure.find_all("svg")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert plain(title.get_text()) and plain(desc.get_text())
    assert svg["aria-labelledby"] == title["id"] and svg["aria-describedby"] == desc["id"]
    assert svg["viewbox"].startswith("0 0 400 ") and svg["width"] == "100%"
    assert {tag.name for tag in svg.find_all(True)} | {"svg"} <= DRAWING_TAGS
    assert plain(figure.select_one("figcaption").get_text())
    assert figure.select_one("table.diagram-table caption")
    return svg


# --- the timeline of every methodology ----------------------------------------------------------

@pytest.mark.parametrize("record_id", METHODOLOGIES)
def test_methodology_page_has_one_timeline_with_a_mark_per_phase_at_its_level(shipped_site, record_id):
    record = CORPUS.get("methodologies", record_id)
    soup = shipped_site.soup(record.url)
    assert len(soup.select(".md-content svg[role='img']")) == 1
    svg = assert_accessible(the_figure(soup, "frise"))
    phases = record.data["phases"]
    expected = [(p["phase"], p["niveau_participation"], str(LEVELS.index(p["niveau_participation"]) + 1)) for p in phases]
    rows = svg.select("g.diagram-phase")
    assert [(g["data-phase"], g["data-niveau"], g["data-rang"]) for g in rows] == expected
    # The mark really sits on its level: one x per rank, growing with the rank; rows go down in order.
    marks = [g.select("circle.diagram-mark") for g in rows]
    assert all(len(m) == 1 for m in marks)
    x_of_rank = {}
    for (_, _, rank), [mark] in zip(expected, marks):
        assert x_of_rank.setdefault(rank, float(mark["cx"])) == float(mark["cx"])
    ranks = sorted(x_of_rank, key=int)
    assert [x_of_rank[r] for r in ranks] == sorted(x_of_rank.values())
    ys = [float(m[0]["cy"]) for m in marks]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    steps = [g.select("circle.diagram-step") for g in rows]
    assert all(len(s) == len(LEVELS) for s in steps)
    # Each mark's x is the x of the step of its level on the same row.
    for (_, _, rank), [mark], row_steps in zip(expected, marks, steps):
        assert float(row_steps[int(rank) - 1]["cx"]) == float(mark["cx"])
    # Words, never ids: the rows name the phase and the level by their labels, as the table does.
    for g, phase in zip(rows, phases):
        text = plain(g.get_text(" "))
        assert CORPUS.label("phases", phase["phase"]) in text
        assert CORPUS.label("niveaux-participation", phase["niveau_participation"]) in text
    table = [[plain(c.get_text()) for c in tr.find_all(["th", "td"])]
             for tr in soup.select("figure.diagram-frise table tbody tr")]
    assert table == [[str(n), CORPUS.label("phases", p["phase"]),
                      f"{CORPUS.label('niveaux-participation', p['niveau_participation'])} "
                      f"({LEVELS.index(p['niveau_participation']) + 1} sur {len(LEVELS)})"]
                     for n, p in enumerate(phases, start=1)]
    desc = plain(svg.find("desc").get_text())
    for phase in phases:
        assert f"{CORPUS.label('phases', phase['phase'])} : {CORPUS.label('niveaux-participation', phase['niveau_participation'])}" in desc


def test_timeline_stands_before_the_phases_it_draws(shipped_site):
    soup = shipped_site.soup(CORPUS.get("methodologies", METHODOLOGIES[0]).url)
    section = soup.select_one("figure.diagram-frise").parent
    assert section.select_one("ol.phases") is not None
    assert section.find_previous("h2").get("id") == "les-phases-du-projet"


# --- the fiches' phases and the ladder ----------------------------------------------------------

def test_every_shipped_fiche_says_its_phases_by_their_labels(shipped_site):
    label = COLLECTIONS["fiches"].fields["phases"].label
    for record in CORPUS.records["fiches"].values():
        assert record.data.get("phases"), f"{record.id} : pas de phases"
        soup = shipped_site.soup(record.url)
        facts = {plain(d.dt.get_text()): plain(d.dd.get_text()) for d in soup.select(".record-facts .fact")}
        assert facts[label] == ", ".join(CORPUS.label("phases", p) for p in record.data["phases"])
        assert "mise-en-oeuvre" not in plain(soup.select_one(".record-facts").get_text())


def test_the_ladder_is_on_the_fiches_that_name_it_and_nowhere_else(shipped_site):
    named = [r for r in CORPUS.records["fiches"].values() if r.data.get("illustration") == "echelle-participation"]
    assert named, "no shipped fiche shows the ladder"
    for record in CORPUS.records["fiches"].values():
        soup = shipped_site.soup(record.url)
        if record not in named:
            assert soup.select("figure.diagram") == [], record.id
            continue
        svg = assert_accessible(the_figure(soup, "echelle"))
        # Drawn from the strongest (top) to the weakest, each level with its one-line meaning.
        levels = svg.select("g.diagram-level")
        assert [g["data-niveau"] for g in levels] == LEVELS[::-1]
        assert [g["data-rang"] for g in levels] == [str(n) for n in range(len(LEVELS), 0, -1)]
        for g in levels:
            term = CORPUS.vocabularies["niveaux-participation"][g["data-niveau"]]
            assert plain(g.get_text(" ")) == f"{term.label} {term.description}"
        ys = [float(g.select_one("line.diagram-rung")["y1"]) for g in levels]
        assert ys == sorted(ys)
        # Under the objective, as the schema's help says.
        assert the_figure(soup, "echelle").find_previous("h2").get("id") == "objectif"


def test_illustrations_are_declared_once_and_drawn():
    assert set(diagrams.ILLUSTRATIONS) == set(ILLUSTRATIONS.values)


def test_ladder_svg_marks_the_chosen_level_and_takes_its_own_ids():
    from bs4 import BeautifulSoup
    levels = CORPUS.vocabularies["niveaux-participation"]
    html = diagrams.ladder_svg(levels, highlight="concertation", ident="plan-phase-2")
    soup = BeautifulSoup(html, "lxml")
    svg = assert_accessible(soup.select_one("figure.diagram-echelle"))
    assert soup.figure["id"] == "plan-phase-2" and svg.find("title")["id"] == "plan-phase-2-titre"
    chosen = svg.select("g.diagram-level-chosen")
    assert [g["data-niveau"] for g in chosen] == ["concertation"]
    assert len(svg.select("circle.diagram-mark")) == 1 and chosen[0].select_one("circle.diagram-mark")
    assert "Concertation" in plain(svg.find("desc").get_text())
    assert plain(soup.select_one("tr.diagram-row-chosen th").get_text()) == "Concertation (choisi)"
    assert len(BeautifulSoup(diagrams.ladder_svg(levels), "lxml").select("circle.diagram-mark")) == 0


# --- data is text ----------------------------------------------------------------------------------

def test_hostile_labels_stay_text_in_the_pictures(hostile_site):  # noqa: F811 (the fixture)
    soup = hostile_site.soup("methodologies/methodologies-a/")
    figure = the_figure(soup, "frise")
    svg = assert_accessible(figure)
    # The payload phase label is drawn as text (wrapped over several lines), never as markup.
    assert ALERT_MARKER in svg.select_one("g.diagram-phase text").get_text()
    assert ALERT_MARKER in svg.find("title").find_next("desc").get_text()
    for element in figure.find_all(True):
        assert not any(a.lower().startswith("on") for a in element.attrs), element.name
    assert figure.find("script") is None and figure.find("img") is None and figure.find("style") is None
    fiche = hostile_site.soup("fiches/fiches-a/")
    ladder = the_figure(fiche, "echelle")
    assert_accessible(ladder)
    assert ALERT_MARKER in ladder.select_one("g.diagram-level text").get_text()


# --- paper -----------------------------------------------------------------------------------------

def test_ladder_fiche_pdf_carries_the_levels_and_their_meanings(shipped_site):
    for record in CORPUS.records["fiches"].values():
        if "illustration" not in record.data:
            continue
        reader = PdfReader(shipped_site.path / urls.record_pdf(record))
        assert 1 <= len(reader.pages) <= 3
        whole = re.sub(r"\s+", "", " ".join(p.extract_text() for p in reader.pages))
        for term in CORPUS.vocabularies["niveaux-participation"].values():
            assert re.sub(r"\s+", "", term.description) in whole, term.id


def test_methodology_pdf_builds_with_its_timeline(tmp_path):
    """A methodology rendered to PDF by the core (WeasyPrint reads the inline SVG)."""
    target = tmp_path / "m.pdf"
    code = ("from pathlib import Path\nfrom core import corpus, printing\n"
            "c = corpus.load(Path('.'))\n"
            f"r = c.get('methodologies', {METHODOLOGIES[0]!r})\n"
            "html = printing.record_document(c, r, '', 'http://x/', 'Centre')\n"
            "assert 'diagram-frise' in html\n"
            f"Path({str(target)!r}).write_bytes(printing.render_pdf(html, 'http://x/'))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    whole = re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(target).pages))
    assert "Chaquephase,dansl'ordre,placéesurl'échelle" in whole.replace("\u2019", "'")
    record = CORPUS.get("methodologies", METHODOLOGIES[0])
    for phase in record.data["phases"]:
        assert re.sub(r"\s+", "", f"{CORPUS.label('phases', phase['phase'])}") in whole


# --- in Chromium: sizes on a phone, colours of both schemes, axe --------------------------------

PAGES = [CORPUS.get("methodologies", METHODOLOGIES[0]).url,
         next(r.url for r in CORPUS.records["fiches"].values() if "illustration" in r.data)]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pictures_read_on_a_phone_in_both_schemes(browser, shipped_url, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for url in PAGES:
            page.goto(shipped_url + url)
            facts = page.evaluate("""() => {
                const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize);
                const svg = document.querySelector('figure.diagram svg');
                const box = svg.getBoundingClientRect();
                const scale = box.width / svg.viewBox.baseVal.width;
                const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
                const mark = getComputedStyle(svg.querySelector('.diagram-mark, .diagram-rung')).fill;
                const step = svg.querySelector('.diagram-mark') ? getComputedStyle(svg.querySelector('.diagram-mark')).fill : null;
                return {body, width: box.width, right: box.right, page: document.documentElement.clientWidth,
                        smallest: Math.min(...sizes), text: getComputedStyle(svg.querySelector('text')).fill,
                        mark: step, background: getComputedStyle(document.body).backgroundColor,
                        scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth};
            }""")
            assert facts["smallest"] >= 0.8 * facts["body"], (url, facts)
            assert facts["right"] <= facts["page"] and not facts["scrolls"], (url, facts)
            assert facts["width"] > 300, (url, facts)
            assert facts["text"] != facts["background"], (url, facts)
            if facts["mark"]:
                assert facts["mark"] not in (facts["background"], facts["text"]), (url, facts)
            if scheme == "dark":  # light text on the dark page, not the black of the attributes
                assert facts["text"] != "rgb(0, 0, 0)", (url, facts)
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGES)
def test_pages_with_pictures_have_no_serious_axe_violation(browser, shipped_url, scheme, url):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import BLOCKING, describe, settle
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(shipped_url + url)
        settle(page)
        assert page.locator("figure.diagram svg[role='img']").count() == 1
        violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
        assert not violations, "\n".join(describe(violations, url, scheme))
    finally:
        context.close()
