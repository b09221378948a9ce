"""« Facile à lire »: the index of the easy-to-read texts, one reading page per text, the header link.

Build tests read the shipped site (its records with ``falc``) and the fixture site (none); browser
tests measure the reading pages in Chromium: axe-core, type size, line length, the header link on
a phone, print emulation.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITE_URL, words

from core import corpus as corpus_module
from core import falc, falc_rules, urls
from core.easy_read import EASY_READ_TITLE, GROUPS, falc_html
from core.markup import md
from core.schema import COLLECTIONS
from core.site import site_pages

CORPUS = corpus_module.load(ROOT)
EASY = [record for record in CORPUS.all_records() if "falc" in record.data]
EASY_IDS = [f"{r.collection}/{r.id}" for r in EASY]


visible = words


def target(page_url: str, href: str) -> str:
    """Where a relative link of the page at ``page_url`` (a site folder URL) leads, as a site path."""
    path = posixpath.normpath(posixpath.join(page_url, href))
    return "" if path == "." else path + ("/" if href.endswith("/") else "")


def test_shipped_data_has_easy_to_read_texts():
    # The checks below are only as good as the texts they see: the shipped data has some.
    assert len(EASY) >= 3


def test_every_collection_has_an_easy_to_read_heading():
    assert GROUPS.keys() == {name for name, declaration in COLLECTIONS.items() if "falc" in declaration.fields}


def test_index_lists_every_easy_to_read_text_with_its_page_and_pdf(shipped_site):
    soup = shipped_site.soup(urls.EASY_READ)
    entries = soup.select("article .easy-read-index li.easy-read-entry")
    assert sorted(entry["data-record-id"] for entry in entries) == sorted(r.id for r in EASY)
    for record in EASY:
        entry = soup.select_one(f'section[data-collection="{record.collection}"] '
                                f'li.easy-read-entry[data-record-id="{record.id}"]')
        page_link = entry.select_one("a.easy-read-open")
        # Each text is listed under its own easy-to-read title, never the record's full title.
        assert visible(page_link.get_text()) == record.data["falc_titre"] != record.title
        assert target(urls.EASY_READ, page_link["href"]) == urls.easy_read(record)
        pdf = entry.select_one("a.easy-read-entry-pdf")
        assert visible(pdf.get_text()) == "Texte à imprimer (fichier PDF)"
        assert target(urls.EASY_READ, pdf["href"]) == urls.falc_pdf(record)
        assert (shipped_site.path / urls.falc_pdf(record)).read_bytes().startswith(b"%PDF")
    # Groups carry their easy-to-read heading, only for kinds that have texts.
    groups = soup.select("section.easy-read-group")
    assert {g["data-collection"] for g in groups} == {r.collection for r in EASY}
    for group in groups:
        assert visible(group.h2.get_text()) == GROUPS[group["data-collection"]][0]
    assert f"il y a {len(EASY)} textes faciles à lire" in visible(soup.select_one(".easy-read-index").get_text())


def test_index_is_written_for_the_people_concerned(shipped_site):
    """Easy-to-read habits that can be checked: short sentences, one per line, no unexplained abbreviation."""
    soup = shipped_site.soup(urls.EASY_READ)
    index = soup.select_one(".easy-read-index")
    assert index.h1.get_text() == EASY_READ_TITLE
    sentences = [visible(p.get_text()) for p in index.select(".easy-read-text p, .easy-read-group > p")]
    assert len(sentences) >= 10
    sentences += [sentence for _, sentence in GROUPS.values()]
    for sentence in sentences:
        assert len(sentence.split()) <= 15, sentence
        assert sentence[-1] in ".?" and not re.search(r"[.?!;] ", sentence), sentence  # one sentence per line
    # PDF is the only abbreviation of the page's own words, and the page says what it is; the titles
    # of the texts are data, whose abbreviations are explained in the title itself.
    titles = [visible(entry.select_one(".easy-read-open").get_text()) for entry in index.select(".easy-read-entry")]
    for entry in index.select(".easy-read-entry .easy-read-open"):
        entry.decompose()
    words = re.findall(r"\b[A-Z]{2,}\b", visible(index.get_text()))
    assert set(words) == {"PDF"}
    for title in titles:
        assert all(falc_rules._explained(title, word) for word in re.findall(r"\b[A-Z]{2,}\b", title)), title
    assert "Le texte à imprimer est un fichier PDF." in sentences


def test_index_without_any_text_says_so(fixture_site):
    assert not any("falc" in r.data for r in corpus_module.load(fixture_site.project).all_records())
    soup = fixture_site.soup(urls.EASY_READ)
    assert "Pour l'instant, il n'y a pas de texte facile à lire." in visible(soup.select_one(".easy-read-index").get_text())
    assert soup.select("li.easy-read-entry") == []
    assert not list((fixture_site.path / urls.EASY_READ).glob("*/index.html"))


@pytest.mark.parametrize("record_id", EASY_IDS)
def test_easy_to_read_page_has_the_text_and_leads_to_the_record_and_its_pdf(shipped_site, record_id):
    record = CORPUS.get(*record_id.split("/"))
    url = urls.easy_read(record)
    soup = shipped_site.soup(url)
    page = soup.select_one("article .easy-read-page")
    assert visible(page.h1.get_text()) == record.data["falc_titre"] != record.title
    expected = BeautifulSoup(md(record.data["falc"]), "lxml")
    assert visible(page.select_one(".easy-read-text").get_text(" ")) == visible(expected.get_text(" "))
    # Every paragraph and list item of the text, each in its own element, in order.
    assert [visible(p.get_text()) for p in page.select(".easy-read-text p, .easy-read-text li")] == \
           [visible(p.get_text()) for p in expected.select("p, li")]
    pdf = page.select_one(".easy-read-actions a.easy-read-pdf")
    assert target(url, pdf["href"]) == urls.falc_pdf(record) and pdf.has_attr("download")
    full = page.select_one(".easy-read-more a.easy-read-full")
    assert target(url, full["href"]) == record.url and visible(full.get_text()) == "Lire la version complète"
    back = page.select_one(".easy-read-back a")
    assert target(url, back["href"]) == urls.EASY_READ
    # Headings follow each other without a gap: h1, then the text's own headings from h2.
    levels = [int(h.name[1]) for h in soup.select("article h1, article h2, article h3, article h4, article h5, article h6")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    head = visible(html.unescape(shipped_site.html(url))).split("</title>")[0]
    assert "<title>" + visible(record.data["falc_titre"]) in head and record.title not in head
    # One discreet line on the review, and no instruction to the team.
    assert [visible(p.get_text()) for p in page.select(".falc-review")] == [falc.NOT_REVIEWED]
    assert not page.select(".falc-review a, .falc-review-pro")
    # The text is edited in the record's file.
    assert soup.select_one("a.md-content__button[rel=edit]")["href"].endswith(record.path)


def test_falc_headings_start_at_h2_and_stay_data():
    text = "# Titre\n\nUne phrase.\n\n## Sous-titre\n\n<h4>pas une balise</h4>\n\n{{ config }}"
    html = falc_html(type("R", (), {"data": {"falc": text}})())
    soup = BeautifulSoup(html, "lxml")
    assert [h.name for h in soup.find_all(re.compile("^h[1-6]$"))] == ["h2", "h3"]
    assert "&lt;h4&gt;pas une balise&lt;/h4&gt;" in html and "{{ config }}" in html
    assert falc_html(type("R", (), {"data": {"falc": "Une phrase."}})()) == "<p>Une phrase.</p>"


def test_record_page_action_leads_to_its_easy_to_read_page(shipped_site):
    for record in CORPUS.all_records():
        links = shipped_site.soup(record.url).select(".record-actions a.record-falc")
        assert len(links) == ("falc" in record.data), record.url
        if links:
            assert visible(links[0].select_one(".record-action-long").get_text()) == "Version facile à lire"
            assert target(record.url, links[0]["href"]) == urls.easy_read(record)


def test_every_built_page_has_the_header_link(shipped_site):
    pages = shipped_site.pages()
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        links = soup.select("header.md-header a.centre-easy-read-link")
        assert len(links) == 1, path
        assert visible(links[0].get_text()) == EASY_READ_TITLE
        url = path.relative_to(shipped_site.path).parent.as_posix() + "/"
        href = links[0]["href"]
        # 404.html is served at any depth: Material gives it site-absolute links, under SITE_URL's path.
        root = urlsplit(SITE_URL).path
        where = "/" + href[len(root):] if href.startswith(root) else "/" + target("" if url == "./" else url, href)
        assert where.rstrip("/") == "/" + urls.EASY_READ.rstrip("/"), (path, href)
        assert (links[0].get("aria-current") == "page") == (url == urls.EASY_READ), path


def test_only_the_index_is_in_the_navigation(shipped_site):
    pages = [p for p in site_pages(CORPUS) if p.url.startswith(urls.EASY_READ)]
    assert [p.url for p in pages if p.in_nav] == [urls.EASY_READ]
    assert len(pages) == len(EASY) + 1
    soup = shipped_site.soup("")
    tabs = soup.select(".md-tabs a")
    assert [visible(a.get_text()) for a in tabs if target("", a["href"]) == urls.EASY_READ] == [EASY_READ_TITLE]
    nav_targets = {target("", a["href"]) for a in soup.select("nav.md-nav a[href]")}
    assert urls.EASY_READ in nav_targets
    assert not {urls.easy_read(r) for r in EASY} & nav_targets


def test_header_partial_is_materials_plus_the_link():
    """Our copy of Material's header differs from it by the marked link only (a theme upgrade shows here)."""
    import material
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")

    def body(text):
        text = re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)
        return re.sub(r"\s*\{#- centre:.*?\{#- /centre -#\}", "", text, flags=re.S)

    assert "partials/easy-read-link.html" in ours
    assert body(ours) == body(theirs)


# --- in Chromium ---------------------------------------------------------------------------

SCHEMES = ["light", "dark"]
SAMPLE = EASY[0] if EASY else None


def _page(browser, base, url, scheme="light", width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + url, wait_until="load")
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("which", ["index", "text"])
def test_no_serious_accessibility_violation(browser, shipped_url, scheme, which):
    """axe-core (bundled with axe-playwright-python, nothing downloaded) on the whole page."""
    from axe_playwright_python.sync_playwright import Axe
    url = urls.EASY_READ if which == "index" else urls.easy_read(SAMPLE)
    context, page = _page(browser, shipped_url, url, scheme)
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
               ("slate" if scheme == "dark" else "default")
        results = Axe().run(page)
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()


BODY_SIZE = "parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)"
TEXT_SIZE = "parseFloat(getComputedStyle(document.querySelector('.easy-read-text p')).fontSize)"


@pytest.mark.browser
def test_easy_to_read_type_is_large_and_lines_are_short(browser, shipped_url):
    context, page = _page(browser, shipped_url, CORPUS.get("fiches", "aller-vers").url)
    body = page.evaluate(BODY_SIZE)
    page.goto(shipped_url + urls.easy_read(SAMPLE))
    size = page.evaluate(TEXT_SIZE)
    assert size >= 1.25 * body, (size, body)
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.easy-read-text p'));
                                     return [s.textAlign, s.hyphens, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; }""")
    assert style[0] in ("left", "start") and style[1] != "auto" and style[2] >= 1.5
    # A long paragraph in the text column: count the characters of each rendered line.
    longest = page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Vous pouvez venir avec une personne de confiance. '.repeat(12);
        document.querySelector('.easy-read-text').append(p);
        const node = p.firstChild, range = document.createRange(), lines = new Map();
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top);
            lines.set(top, (lines.get(top) || 0) + 1);
        }
        return [Math.max(...lines.values()), lines.size];
    }""")
    context.close()
    assert longest[1] >= 5  # the paragraph did wrap
    assert 40 <= longest[0] <= 70, longest


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_header_link_is_visible_on_a_phone_without_opening_the_menu(browser, shipped_url, scheme):
    addresses = ["", CORPUS.get("fiches", "aller-vers").url, "catalogue/", urls.easy_read(SAMPLE)]
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        for url in addresses:
            page.goto(shipped_url + url)
            link = page.locator("header.md-header a.centre-easy-read-link")
            assert link.is_visible(), url
            assert not page.locator("#__drawer").is_checked()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0 and box["y"] + box["height"] <= 844
            # Nothing covers it: the point at its centre belongs to the link.
            assert page.evaluate("""(a) => { const r = a.getBoundingClientRect();
                                     return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }""",
                                 link.element_handle()), url
            assert link.inner_text().strip() == EASY_READ_TITLE
            assert box["height"] >= 24 and box["width"] >= 24  # target size (WCAG 2.5.8)
        link.click()
        page.wait_for_url(shipped_url + urls.EASY_READ)
        assert page.locator("h1").inner_text() == EASY_READ_TITLE
    finally:
        context.close()


@pytest.mark.browser
def test_print_keeps_the_large_type_and_leads_back_to_the_page(browser, shipped_url):
    context, page = _page(browser, shipped_url, CORPUS.get("fiches", "aller-vers").url)
    screen_body = page.evaluate(BODY_SIZE)
    page.emulate_media(media="print")
    print_body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.record .record-section p')).fontSize)")
    page.goto(shipped_url + urls.easy_read(SAMPLE))
    page.emulate_media(media="print")
    size = page.evaluate(TEXT_SIZE)
    assert size >= 1.25 * screen_body and size >= 1.25 * print_body, (size, screen_body, print_body)
    for selector in (".md-header", ".md-tabs", ".easy-read-back", ".easy-read-actions", ".easy-read-more", ".md-footer"):
        assert all(not el.is_visible() for el in page.query_selector_all(selector)), selector
    assert page.locator(".easy-read-text").is_visible()
    footer = page.locator(".record-print-footer")
    assert footer.is_visible()
    assert SITE_URL + urls.easy_read(SAMPLE) in footer.inner_text()
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    import io

    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    # NFKC: Chromium's PDFs write ligatures ("ﬃ").
    text = visible(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages)))
    first = BeautifulSoup(md(SAMPLE.data["falc"]), "lxml").p.get_text()
    assert visible(first) in text and visible(SAMPLE.data["falc_titre"]) in text
