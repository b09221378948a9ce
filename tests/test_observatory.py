"""The observatory (core/observatory.py): its numbers equal the counts that scripts/count_data.py
makes from data/ on its own (PyYAML, none of the core); every chart has a title, a summary and its
table; the charts are readable in both colour schemes (axe-core, bar contrast) and on paper.

Real builds: the shipped site, and the fixture data with retours d'expérience added (once the
schema declares that collection).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import check_contrast
import pytest
import yaml
from conftest import FIXTURES, ROOT, build_site, make_project, once, words

from core import observatory, urls
from core.schema import COLLECTIONS

COUNT = ROOT / "scripts" / "count_data.py"
URL = urls.OBSERVATORY


def counted(root) -> dict:
    result = subprocess.run([sys.executable, str(COUNT), "--racine", str(root)], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def charted(soup) -> dict:
    """chart id -> {value id: count}, read off the tables of the page."""
    return {figure["id"]: {row["data-valeur"]: int(row.td.get_text()) for row in figure.select("table tbody tr")}
            for figure in soup.select("figure.obs-chart")}


def assert_same(page: dict, script: dict):
    assert page, "no chart"
    for chart, counts in page.items():
        assert chart in script, chart
        shown = {value: n for value, n in counts.items() if n}
        if chart == "obs-fiches-utilisees":  # the first ones only
            assert shown == {value: script[chart][value] for value in shown}
            rest = [n for value, n in script[chart].items() if value not in shown]
            assert all(n <= min(shown.values()) for n in rest)
            assert len(shown) == min(len(script[chart]), observatory.MOST_USED)
        else:
            assert shown == script[chart], chart
    assert set(script) - set(page) <= {"obs-retours-periode", "obs-retours-territoires", "obs-fiches-utilisees"} \
        if not page.get("obs-retours-periode") else set(script) == set(page)


def test_numbers_equal_a_separate_count_of_data(shipped_site):
    assert_same(charted(shipped_site.soup(URL)), counted(ROOT))


def test_every_chart_has_a_title_a_summary_and_its_table(shipped_site):
    soup = shipped_site.soup(URL)
    figures = soup.select("figure.obs-chart")
    assert len(figures) >= 6
    ids = [figure["id"] for figure in figures]
    assert len(set(ids)) == len(ids)
    for figure in figures:
        svg = figure.select_one("svg")
        assert svg["role"] == "img"
        title = svg.select_one("title")
        assert title["id"] == svg["aria-labelledby"] and words(title.get_text())
        assert svg.select_one("desc")["id"] == svg["aria-describedby"]
        assert words(figure.select_one("figcaption").get_text())
        table = figure.select_one("details table")
        assert words(table.caption.get_text()) == words(title.get_text())
        assert table.select("thead th[scope=col]") and table.select("tbody th[scope=row]")
        # The heading above each chart is its title.
        assert words(figure.find_previous("h3").get_text()).rstrip("¶").strip() == words(title.get_text())
        # One bar per non-zero row; nothing but drawing tags inside the svg.
        rows = figure.select("table tbody tr")
        assert len(svg.select("rect.obs-bar")) == sum(1 for row in rows if int(row.td.get_text()))
        assert {tag.name for tag in svg.find_all(True)} <= {"title", "desc", "g", "text", "tspan", "line", "rect"}
    assert not soup.select("figure.obs-chart script")


def test_without_retours_the_page_says_so(shipped_site):
    if "retours" in COLLECTIONS and any((ROOT / "data" / "retours").glob("*.yml")):
        pytest.skip("the shipped data has retours: see test_retours_are_charted")
    text = words(shipped_site.soup(URL).select_one("article").get_text())
    assert "Aucun retour d'expérience pour l'instant" in text


def test_bar_widths_follow_the_counts():
    html = observatory.bar_chart("obs-x", "Titre", [("a", "A", 4), ("b", "B", 2), ("c", "C", 0)], "Résumé.")
    from bs4 import BeautifulSoup

    bars = BeautifulSoup(html, "lxml").select("rect.obs-bar")
    assert len(bars) == 2
    assert float(bars[0]["width"]) == pytest.approx(2 * float(bars[1]["width"]), rel=0.01)


# --- with retours d'expérience --------------------------------------------------------------

RETOURS = {
    "premier-retour": {"date": "2026-03-10", "territoires": ["lyon"], "fiches": ["animer-un-groupe"]},
    "deuxieme-retour": {"date": "2026-05-02", "territoires": ["lyon", "venissieux"], "fiches": ["animer-un-groupe"]},
    "troisieme-retour": {"date": "2026-05-20", "territoires": ["venissieux"], "pratiques": ["atelier-parents"]},
}


def _with_retours(folder):
    project = make_project(folder, FIXTURES / "site" / "data")
    shutil.rmtree(project / "data" / "retours", ignore_errors=True)  # these retours alone, known counts
    (project / "data" / "retours").mkdir()
    for ident, keys in RETOURS.items():
        record = {"titre": f"Retour d'expérience {ident.split('-')[0]}",
                  "resume": "Un groupe de parents a utilisé la ressource pour préparer une réunion avec l'école.",
                  "structure": "Maison de la Métropole", "ce_qui_a_marche": "Les parents ont pris la parole.",
                  "date_maj": "2026-06-01", **keys}
        (project / "data" / "retours" / f"{ident}.yml").write_text(yaml.safe_dump(record, allow_unicode=True),
                                                                  encoding="utf-8")
    return build_site(project, {"CENTRE_PDF": "off"})


@pytest.mark.skipif("retours" not in COLLECTIONS, reason="the retours collection is not declared yet")
def test_retours_are_charted(tmp_path_factory, build_environment):
    site = once(tmp_path_factory, "observatory-retours", _with_retours)
    page = charted(site.soup(URL))
    assert page["obs-retours-periode"] == {"2026-03": 1, "2026-04": 0, "2026-05": 2}
    assert page["obs-retours-territoires"] == {"lyon": 2, "venissieux": 2}
    assert page["obs-fiches-utilisees"] == {"animer-un-groupe": 2}
    assert_same(page, counted(site.project))
    # Resources are counted without the retours.
    assert "retours" not in page["obs-collection"]


# --- in the browser ----------------------------------------------------------------------------

BARS = """() => [...document.querySelectorAll('figure.obs-chart')].map(f => {
  const bar = f.querySelector('rect.obs-bar'), svg = f.querySelector('svg'), table = f.querySelector('table');
  const r = svg.getBoundingClientRect(), t = table.getBoundingClientRect();
  let node = f, bg = null;
  for (; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
  }
  return {id: f.id, fill: bar && getComputedStyle(bar).fill, text: getComputedStyle(svg.querySelector('text')).fill,
          width: r.width, height: r.height, tableShown: table.checkVisibility() && t.height > 0, background: bg || 'rgb(255, 255, 255)'};
})"""


def rgb(text: str) -> tuple:
    return tuple(float(v) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_are_readable_in_both_schemes(browser, shipped_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(shipped_url + URL)
    charts = page.evaluate(BARS)
    assert charts
    for chart in charts:
        assert chart["width"] > 300 and chart["height"] > 50, chart  # on a 390 px phone
        # Bars against the page (RGAA 3.3, graphical objects: 3:1), labels as text (4.5:1).
        assert check_contrast.contrast(rgb(chart["fill"]), rgb(chart["background"])) >= 3, chart
        assert check_contrast.contrast(rgb(chart["text"]), rgb(chart["background"])) >= 4.5, chart
        assert not chart["tableShown"], "the table is folded on screen"
    page.locator("details.obs-data summary").first.click()
    assert page.locator("details.obs-data table").first.is_visible()
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


def test_charts_print_in_grey_with_their_tables(browser, shipped_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(shipped_url + URL)
    page.emulate_media(media="print")
    for chart in page.evaluate(BARS):
        assert chart["width"] > 200 and chart["height"] > 50, chart
        assert rgb(chart["fill"]) == (68, 68, 68), chart
        assert chart["tableShown"], "the data table is printed"
    context.close()
