"""Text is data: payloads planted in EVERY field of every data file never become active markup.

The records are generated from the declared schema (``core.schema``), so a field
added later is covered without touching this test. The site is built for real,
every page is parsed with BeautifulSoup, then loaded in Chromium with listeners
that would catch any script run by a payload.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site, make_project, once, serve

from core import schema, typography
from core.corpus import GLOSSARY_ENTRY, KIT, VOCABULARIES
from core.schema.durations import DurationText, SpanText

# Each payload calls alert() with a marker: a dialog in the browser names the payload that ran.
PIECES = [
    '<script>alert("xss-script")</script>',
    '<img src=x onerror=alert("xss-img")>',
    '"><svg onload=alert("xss-svg")>',
    "'><a href=javascript:alert('xss-a')>j</a>",
    '</title><script>alert("xss-title")</script>',
    "{{ 7*7 }} {% raw %} {# c #}",
    "\n---\nrender_macros: true\ntemplate: main.html\n---\n",  # would end the front matter of a page
    '<style>*{display:none}</style>',
    '<iframe src="javascript:alert(\'xss-frame\')"></iframe>',
    '<b onmouseover=alert("xss-b") style="position:fixed;inset:0">b</b>',
]
MD_PIECES = [
    '[lien](javascript:alert("xss-md"))',
    '[lien](JaVaScRiPt:alert("xss-md2"))',
    "[ref][r]\n\n[r]: javascript:alert('xss-ref')\n",
    "<javascript:alert('xss-auto')>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[ailleurs](//evil.example/xss)",
    "![image](https://evil.example/xss.png)",
    "*texte*{: onclick=\"alert('xss-attr')\" }",
    "<div markdown=\"1\" onclick=\"alert('xss-div')\">div</div>",
    "    <script>alert('xss-code')</script>\n\n    </pre><script>alert('xss-pre')</script>",
]
ALERT_MARKER = "xss-"
_rotation = itertools.count()
_support_numbers = itertools.count(1)  # support ids (addresses) unique across the hostile site


def payload(max_len: int, min_len: int, markdown: bool = False) -> str:
    """Payload pieces, rotated from field to field, as many as fit in the field."""
    pieces = (MD_PIECES + PIECES) if markdown else PIECES
    start = next(_rotation)
    text = ""
    for i in range(len(pieces)):
        piece = pieces[(start + i) % len(pieces)]
        joined = f"{text}\n\n{piece}" if markdown and text else f"{text} {piece}".strip()
        if len(joined) <= max_len:
            text = joined
    return text if len(text) >= min_len else (text + " x" * min_len)[:max(min_len, len(text))]


def value(kind: schema.Type, name: str, ctx: dict):
    """A valid value of ``kind`` whose every text is a payload."""
    if isinstance(kind, schema.Text):
        return payload(kind.max, kind.min, kind.markdown)
    if isinstance(kind, schema.Choice):
        return next(iter(kind.values))
    if isinstance(kind, schema.Vocab):
        return ctx["vocabularies"][kind.name][0]
    if isinstance(kind, schema.RecordRef):
        return ctx["other"][kind.collection]
    if isinstance(kind, schema.Date):
        return datetime.date(2026, 1, 2)
    if isinstance(kind, schema.Integer):
        return kind.min if kind.min is not None else 1
    if isinstance(kind, schema.Number):
        return 12
    if isinstance(kind, schema.Boolean):
        return True
    if isinstance(kind, DurationText):  # a séance's length carries its remark as a payload; a step's is exact
        return f"45 min, {payload(150, 1, False)}" if kind.ranged else "45 min"
    if isinstance(kind, SpanText):
        return f"2 à 3 semaines, {payload(150, 1, False)}"
    if isinstance(kind, schema.Url):
        return "https://exemple.fr/javascript:alert(1)/%3Cscript%3E"
    if isinstance(kind, schema.Email):
        return "contact@grandlyon.com"
    if isinstance(kind, schema.DocsPath):
        return "assets/images/logo.svg"
    if isinstance(kind, schema.ListOf):
        if name == "ressources":  # one url, one fichier: a resource holds exactly one of them
            item = value(kind.item, "", ctx)
            return [{"titre": item["titre"], "url": item["url"]}, {"titre": item["titre"], "fichier": item["fichier"]}]
        if name == "rgpd_verifie":
            return []
        if name == "supports":  # a support's id is its address: an id, unique across the site
            return [value(kind.item, "", ctx) | {"id": f"support-{next(_support_numbers)}"}]
        if name == "a_confirmer":  # key names, checked against the record's keys: a payload is refused
            return ["titre"]
        return [value(kind.item, "", ctx)]
    if isinstance(kind, schema.Obj):
        made = {key: value(spec.type, key, ctx) for key, spec in kind.fields.items()}
        if "seance" in made and "delai" in made:  # a step is in a séance (45 min: its length) or between two
            del made["delai"]
        return made
    raise AssertionError(f"no payload for {kind!r}: add it here")


def hostile_data(target: Path) -> dict:
    """Write a data/ folder where every text of every file is a payload; return the titles by URL."""
    shutil.copytree(FIXTURES / "site" / "data" / "referentiels", target / "referentiels")
    vocabularies = {}
    for name in VOCABULARIES:
        path = target / "referentiels" / f"{name}.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            entry["label"] = payload(120, 1)
            entry["description"] = payload(500, 1)
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
        vocabularies[name] = [e["id"] for e in entries]
    ids = {collection: [f"{collection}-a", f"{collection}-b"] for collection in schema.COLLECTIONS}
    titles = {}
    for collection, kind in schema.COLLECTIONS.items():
        (target / collection).mkdir()
        for own, other in (ids[collection], reversed(ids[collection])):
            ctx = {"vocabularies": vocabularies, "other": {c: ids[c][0] for c in ids} | {collection: other}}
            record = value(kind, "", ctx)
            titles[f"{collection}/{own}/"] = record["titre"]
            (target / collection / f"{own}.yml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    ctx = {"vocabularies": vocabularies, "other": {c: ids[c][0] for c in ids}}
    (target / "chiffres.yml").write_text(yaml.safe_dump([value(schema.CHIFFRE, "", ctx)], allow_unicode=True), encoding="utf-8")
    glossary = [value(GLOSSARY_ENTRY, "", ctx)]
    (target / "glossaire.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    kit = value(KIT, "", ctx) | {"id": "kit-hostile"}
    (target / "kits.yml").write_text(yaml.safe_dump([kit], allow_unicode=True), encoding="utf-8")
    (target / "config-rgpd.yml").write_text("domaines_institutionnels: [grandlyon.com]\n", encoding="utf-8")
    return titles


def _hostile_site(base: Path):
    titles = hostile_data(base / "data")
    site = build_site(make_project(base / "project", base / "data"))
    site.titles = titles
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, build_environment):
    return once(tmp_path_factory, "injection", _hostile_site)


# --- the built HTML --------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background",
                  "ping", "codebase", "cite", "longdesc", "manifest"}
ACTIVE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
INLINE_IMAGE = re.compile(r"^data:image/(png|gif);base64,[A-Za-z0-9+/=]+$")


def _handlers(site) -> set:
    """Event-handler attributes the theme itself writes (same for every site)."""
    found = set()
    for page in site.pages():
        for element in site.soup(str(page.relative_to(site.path))).find_all(True):
            found |= {(element.name, a, v) for a, v in element.attrs.items() if a.lower().startswith("on")}
    return found


def test_every_field_of_every_file_carries_a_payload(hostile_site):
    data = hostile_site.path.parent.parent / "data"
    for path in data.rglob("*.yml"):
        if path.name == "config-rgpd.yml":
            continue
        text = path.read_text(encoding="utf-8")
        assert "<script>" in text or "onerror" in text, path
    assert len(hostile_site.titles) == 2 * len(schema.COLLECTIONS)  # two records of each collection


def test_no_active_markup_comes_from_the_data(hostile_site, fixture_site):
    theme_handlers = _handlers(fixture_site)
    pages = hostile_site.pages()
    assert len(pages) > 30
    offenders = []
    for page in pages:
        rel = str(page.relative_to(hostile_site.path))
        soup = hostile_site.soup(rel)
        for element in soup.find_all(True):
            # Raw-text elements are judged on their content; other dangerous elements on their own
            # tag (a form or svg of the theme may hold escaped payload text in its labels: inert).
            if element.name == "script" and element.get("type") in ("application/json", "application/ld+json") \
                    and "<" not in (element.string or ""):
                # Data (the form's, a record's JSON-LD), never executed; "<" is escaped so it cannot close the tag.
                raw = ""
            elif element.name in ("script", "style"):
                raw = str(element)
            elif element.name in ("iframe", "object", "embed", "svg", "math", "base", "form", "meta", "link", "img",
                                  "frame"):
                raw = " ".join(f"{k}={v}" for k, v in element.attrs.items())
            else:
                raw = ""
            if ALERT_MARKER in raw or "display:none" in raw or "evil.example" in raw:
                offenders.append((rel, element.name, raw[:80]))
            for attribute, content in element.attrs.items():
                content = " ".join(content) if isinstance(content, list) else content
                name = attribute.lower()
                if name.startswith("on") and (element.name, attribute, content) not in theme_handlers:
                    offenders.append((rel, element.name, attribute, content))
                built_image = element.name == "img" and INLINE_IMAGE.match(content)  # QR codes of the build
                if name in URL_ATTRIBUTES and not built_image and (ACTIVE_SCHEME.match(content) or "evil.example" in content):
                    offenders.append((rel, element.name, attribute, content))
                if name == "style" and (ALERT_MARKER in content or "fixed" in content):
                    offenders.append((rel, element.name, attribute, content))
    assert offenders == []


def test_the_theme_itself_writes_only_known_handlers(fixture_site):
    assert {v for _, _, v in _handlers(fixture_site)} <= {"window.print()"}


def test_payloads_appear_as_literal_text(hostile_site):
    for url, title in hostile_site.titles.items():
        soup = hostile_site.soup(url)
        # Shown as typed, with French spacing (core/typography.py).
        assert soup.select_one("h1.record-title").get_text() == typography.text(title)
        assert soup.title.get_text().startswith(typography.text(title))
        assert "{{ 7*7 }}" in soup.get_text() and "{% raw %}" in soup.get_text()


def test_markdown_links_keep_only_safe_targets(hostile_site):
    hrefs = [a.get("href") for a in hostile_site.soup("fiches/fiches-a/").select("article a, .record-section a, .md-content a")]
    assert hrefs, "no link at all on the page"
    for href in filter(None, hrefs):
        assert re.match(r"^(https?:|mailto:|#|\.\.?/|[a-z0-9])", href), href
        assert not href.startswith("//")


# --- in a real browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    base, stop = serve(hostile_site.path)
    yield base
    stop()


@pytest.mark.browser
def test_no_payload_runs_in_chromium(browser, hostile_site, hostile_url):
    context = browser.new_context()
    ran = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (ran.append(("dialog", page.url, dialog.message)), dialog.dismiss()))
    page.on("console", lambda message: ALERT_MARKER in message.text and ran.append(("console", page.url, message.text)))
    page.on("pageerror", lambda error: ran.append(("error", page.url, str(error))))
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    urls = [str(p.relative_to(hostile_site.path).parent) + "/" for p in hostile_site.pages() if p.name == "index.html"]
    for url in urls:
        page.goto(hostile_url + ("" if url == "./" else url), wait_until="load")
        # Hover and focus everything a payload could hang a handler on.
        page.mouse.move(5, 5)
        page.mouse.move(400, 300)
    assert ran == []
    # The site search renders what it indexed: query the payload words.
    page.goto(hostile_url, wait_until="load")
    page.keyboard.press("s")  # opens the search box of the theme
    search = page.locator("input[type=search], input.md-search__input").first
    if search.count() and search.is_visible():
        # Words of the payloads that the search finds: results show the (hostile) titles and summaries.
        for query in ("lien", "texte", "ailleurs"):
            search.fill("")
            search.type(query, delay=50)
            page.wait_for_timeout(1000)
            page.mouse.move(300, 300)
    context.close()
    assert ran == []
    assert [u for u in requested if not u.startswith(hostile_url)] == []
    assert len(urls) > 30


def test_without_a_forge_no_page_offers_to_edit(hostile_site):
    """mkdocs.yml has no forge address: no "modifier" link anywhere, the forms offer no forge either."""
    pages = 0
    for html in hostile_site.pages():
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        assert soup.select("a[rel=edit]") == [], html
        pages += 1
    assert pages > 20
    guide = hostile_site.soup("contribuer/")
    assert "CONTRIBUTING.md" in guide.get_text() and not guide.select('a[href*="CONTRIBUTING.md"]')
    data = json.loads(hostile_site.soup("proposer/pratique/").select_one("#proposer-data").get_text())
    assert data["forge"] is None
