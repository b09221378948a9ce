"""Real builds: record pages, catalogues, facet pages, links both ways, nav, macros."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, GITHUB_FORGE, ROOT, visible

from core import typography

RECORD_URLS = ["pratiques/atelier-parents/", "fiches/animer-un-groupe/", "fiches/fiche-hostile/", "methodologies/associer/"]


def _links(soup, selector):
    return [a["href"] for a in soup.select(selector)]


def test_every_record_has_a_page_at_its_documented_url(fixture_site):
    for url in RECORD_URLS:
        soup = fixture_site.soup(url)
        assert soup.select_one("h1.record-title"), url


def test_record_page_shows_labels_not_ids(fixture_site):
    soup = fixture_site.soup("pratiques/atelier-parents/")
    assert soup.select_one("h1.record-title").get_text() == "Atelier des parents du quartier"
    assert soup.select_one(".record-kind .badge").get_text() == "Pratique inspirante"
    assert [li.get_text() for li in soup.select("ul.chips li")] == ["Parentalité", "Lien social", "Familles", "Vénissieux"]
    assert _links(soup, "ul.chips a") == ["../../thematiques/parentalite/", "../../thematiques/lien-social/",
                                          "../../publics/familles/", "../../territoires/venissieux/"]
    facts = {div.dt.get_text(): div.dd.get_text() for div in soup.select("dl.record-facts div.fact")}
    assert facts == {"Territoires": "Vénissieux", "Format": "Collectif", "Statut": "En cours",
                     "Porteurs": "Maison de la Métropole de Vénissieux", "Axe de l'engagement": "Faire avec",
                     "Niveau de participation": "Co-construction"}
    assert soup.select_one("#contexte + .record-section strong").get_text() == "seuls"
    assert [li.get_text() for li in soup.select("#objectifs + .record-section li")] == ["Rompre l'isolement des parents"]


def test_related_records_are_linked_in_both_directions(fixture_site):
    pratique = fixture_site.soup("pratiques/atelier-parents/")
    fiche = fixture_site.soup("fiches/animer-un-groupe/")
    methodo = fixture_site.soup("methodologies/associer/")
    assert _links(pratique, "ul.related-fiches a") == ["../../fiches/animer-un-groupe/"]
    assert _links(pratique, "ul.related-methodologies a") == ["../../methodologies/associer/"]
    assert _links(fiche, "ul.related-pratiques a") == ["../../pratiques/atelier-parents/"]
    assert _links(fiche, "ul.related-methodologies a") == ["../../methodologies/associer/"]
    assert _links(methodo, "ul.related-pratiques a") == ["../../pratiques/atelier-parents/"]
    assert _links(methodo, ".phase-fiches a") == ["../../fiches/animer-un-groupe/"]


def test_fiche_steps_in_order_with_durations(fixture_site):
    soup = fixture_site.soup("fiches/animer-un-groupe/")
    titles = soup.select("ol.steps li.step .step-title")
    # On paper each heading also says when the step starts (print.css shows .step-debut); on screen the
    # séance's timetable says it.
    assert [" ".join(h.select_one(".step-debut").get_text().split()) for h in titles] == [", à 0 h 00", ", à 0 h 15"]
    for start in soup.select(".step-title .step-debut"):
        start.decompose()
    steps = [" ".join(h.get_text().split()) for h in titles]
    assert steps == ["1. Accueillir (15 min)", "2. Décider ensemble (1 h 45)"]
    facts = {div.dt.get_text(): div.dd.get_text() for div in soup.select("dl.record-facts div.fact")}
    assert facts["Participants"] == "6 à 15 personnes" and facts["Durée"] == "2 h"


def test_edit_link_points_to_the_yaml_file(fixture_site):
    soup = fixture_site.soup("fiches/animer-un-groupe/")
    assert _links(soup, "a.md-content__button[rel=edit]") == [
        "https://forge.example/metropole-de-lyon/centre-ressources-pouvoir-d-agir/-/edit/main/data/fiches/animer-un-groupe.yml"]
    home = fixture_site.soup("")
    assert _links(home, "a.md-content__button[rel=edit]") == [
        "https://forge.example/metropole-de-lyon/centre-ressources-pouvoir-d-agir/-/edit/main/docs/index.md"]


def test_edit_links_follow_the_forge_type(fixture_site_github):
    """With FORGE_TYPE=github, edit links and links to a repository file take GitHub's form."""
    url = GITHUB_FORGE["FORGE_URL"]
    soup = fixture_site_github.soup("fiches/animer-un-groupe/")
    assert _links(soup, "a.md-content__button[rel=edit]") == [f"{url}/edit/main/data/fiches/animer-un-groupe.yml"]
    assert _links(fixture_site_github.soup(""), "a.md-content__button[rel=edit]") == [f"{url}/edit/main/docs/index.md"]
    assert f"{url}/blob/main/CONTRIBUTING.md" in _links(fixture_site_github.soup("contribuer/"), "article a[href]")


def test_records_are_never_in_the_navigation(fixture_site):
    for page in fixture_site.pages():
        soup = fixture_site.soup(str(page.relative_to(fixture_site.path)))
        nav_links = [a.get("href", "") for a in soup.select("nav.md-nav a, nav.md-tabs a")]
        for url in RECORD_URLS:
            slug = url.rstrip("/").split("/")[-1]
            assert not any(href.rstrip("/").endswith(slug) for href in nav_links), (page, url)


def test_catalogue_lists_cards_with_summary_and_labels(fixture_site):
    soup = fixture_site.soup("fiches/")
    cards = soup.select("article.card")
    assert [c.select_one(".card-title a").get_text() for c in cards] == [
        "<script>alert('titre')</script> {{ config.site_name }}", "Animer un groupe d'habitants"]
    animer = cards[1]
    assert animer.select_one(".card-title a")["href"] == "animer-un-groupe/"
    assert animer.select_one(".card-summary").get_text().startswith("Les repères pour animer un groupe")
    assert visible(animer.select_one(".card-labels").get_text()) == "Lien social · Niveau de participation : Concertation"
    assert animer["data-thematiques"] == "lien-social" and animer["data-publics"] == "habitants professionnels"
    assert soup.select_one("p.count").get_text() == "2 fiches"


def test_facet_pages_list_records_of_every_collection(fixture_site):
    soup = fixture_site.soup("thematiques/lien-social/")
    assert soup.h1.get_text() == "Lien social"
    assert sorted(a["href"] for a in soup.select("article.card .card-title a")) == [
        "../../fiches/animer-un-groupe/", "../../methodologies/associer/", "../../pratiques/atelier-parents/"]
    index = fixture_site.soup("thematiques/")
    assert [a.get_text() for a in index.select("ul.facet-index a")] == ["Logement", "Parentalité", "Lien social"]
    for folder, term in [("publics", "familles"), ("territoires", "venissieux"),
                         ("niveaux-participation", "co-construction"), ("axes", "faire-avec")]:
        assert fixture_site.soup(f"{folder}/{term}/").select("article.card"), folder


def test_record_text_is_data_never_a_template(fixture_site):
    soup = fixture_site.soup("fiches/fiche-hostile/")
    assert soup.select_one("h1.record-title").get_text() == "<script>alert('titre')</script> {{ config.site_name }}"
    assert "{% raw %}" in soup.select_one(".record-summary").get_text()
    assert "{% if true %}macro{% endif %}" in soup.select_one("#objectif + .record-section").get_text()
    assert soup.select_one(".step-title").get_text().strip().endswith("Étape {{ 7*7 }}")
    assert soup.title.get_text().startswith("<script>alert('titre')</script>")
    # The JSON-LD holds the title as data, its "<" escaped (tests/test_jsonld.py): it runs nothing.
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")
                and not (s.get("type") == "application/ld+json" and "<" not in s.string)]
    assert not soup.select("[onerror], [onclick*=alert], img[src='x'], a[href^='javascript:']")


def test_home_shows_key_figures_and_chapters_from_data(fixture_site):
    soup = fixture_site.soup("")
    figures = [(c.select_one(".chiffre-valeur").get_text(), c.select_one(".chiffre-source").get_text())
               for c in soup.select(".chiffres .chiffre")]
    assert figures == [("22", "(MDL, 2021)")]
    assert [a.get_text() for a in soup.select(".axes h3 a")] == ["Former", "Faire avec", "Participation"]
    assert _links(soup, ".axes h3 a") == ["axes/former/", "axes/faire-avec/", "axes/participation/"]


def test_contributor_guide_documents_every_field(fixture_site):
    from core.schema import COLLECTIONS, ListOf, Obj
    soup = fixture_site.soup("contribuer/")
    documented = {code.get_text() for code in soup.select("table.field-reference td:first-child code")}

    def keys(obj, prefix=""):
        for name, spec in obj.fields.items():
            yield prefix + name
            inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(inner, Obj):
                yield from keys(inner, prefix + name + ("[]." if isinstance(spec.type, ListOf) else "."))

    for schema in COLLECTIONS.values():
        missing = set(keys(schema)) - documented
        assert not missing


def test_shipped_content_has_every_record_and_small_pages(shipped_site):
    from core.corpus import load
    corpus = load(ROOT)
    records = list(corpus.all_records())
    assert len(corpus.records["pratiques"]) >= 3 and len(corpus.records["fiches"]) >= 8
    assert len(corpus.records["methodologies"]) >= 2
    for record in records:
        html = shipped_site.html(record.url)
        # « Proposer une modification » carries the record itself (#proposition=, compressed): its
        # own bound, well under what lien.js reads (256 KB); the page without it keeps its budget.
        modify = BeautifulSoup(html, "lxml").select_one("a[href*='#proposition=']")["href"]
        assert len(modify) < 10_000, record.url
        # 72 KB: a fiche of five séances, each with its timetable, written out step by step (issue 27).
        assert len(html.encode()) - len(modify.encode()) < 72_000, record.url
        assert shipped_site.soup(record.url).select_one("h1.record-title").get_text() == typography.text(record.title)


def test_shipped_engagement_page_quotes_the_source(shipped_site):
    soup = shipped_site.soup("engagement/")
    quotes = " ".join(q.get_text(" ") for q in soup.select("blockquote"))
    for author in ("Yann Le Bossé", "Hélène Balazard", "Cyprien Avenel"):
        assert author in quotes
    assert "Le pouvoir ne se monopolise pas, ne se donne pas, mais se développe." in quotes


def test_links_are_relative_so_the_site_works_under_a_sub_path(shipped_site):
    # 404.html is the exception by design: it is served at any depth, so MkDocs roots its
    # links at the path of site_url (set SITE_URL to the intranet address when publishing).
    for page in shipped_site.pages():
        if page.name == "404.html":
            continue
        soup = shipped_site.soup(str(page.relative_to(shipped_site.path)))
        absolute = [tag.get("href") or tag.get("src") for tag in soup.select("[href^='/'], [src^='/']")]
        assert absolute == [], page


def test_core_does_not_import_mkdocs():
    code = ("import sys, core.corpus, core.render.record, core.showcase, core.schema, core.site, core.search; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_generated_markdown_can_be_written_to_disk(tmp_path):
    out = tmp_path / "export"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_markdown.py"), str(out),
                             "--racine", str(FIXTURES / "site")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (out / "fiches" / "animer-un-groupe.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"] == "Animer un groupe d&#x27;habitants" and front["render_macros"] is False
    assert sorted(p.name for p in (out / "fiches").iterdir()) == ["animer-un-groupe.md", "fiche-hostile.md", "index.md"]


def _page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file (use_directory_urls)."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@pytest.mark.parametrize("name", ["shipped_site", "fixture_site"])
def test_every_page_of_the_site_comes_from_the_export_plus_docs(request, name, tmp_path):
    """The registry is the whole site: export + docs/ = every HTML page, and nothing else.

    On the shipped content and on records written by someone else (the fixtures).
    """
    site = request.getfixturevalue(name)
    out = tmp_path / "export"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "export_markdown.py"), str(out),
                    "--racine", str(ROOT if name == "shipped_site" else FIXTURES / "site")],
                   check=True, capture_output=True)
    exported = {p.relative_to(out).as_posix() for p in out.rglob("*.md")}
    written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert not exported & written, "a page is both generated and hand-written"
    expected = {_page_url(src) for src in exported | written}
    built = {p.relative_to(site.path).as_posix()[:-len("index.html")] for p in site.path.rglob("index.html")}
    assert built == expected
    manifest = json.loads((out / "pages.json").read_text(encoding="utf-8"))
    assert {entry["fichier"] for entry in manifest} == exported
    assert len(exported) > (80 if name == "shipped_site" else 30)


def test_the_export_manifest_says_where_each_page_comes_from(fixture_site, tmp_path):
    out = tmp_path / "export"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "export_markdown.py"), str(out),
                    "--racine", str(FIXTURES / "site")], check=True, capture_output=True)
    manifest = json.loads((out / "pages.json").read_text(encoding="utf-8"))
    assert {e["adresse"] for e in manifest if e["source"] and e["source"].startswith("data/fiches/")} == {
        "fiches/animer-un-groupe/", "fiches/fiche-hostile/", "supports/feuille-d-emargement/", "supports/support-hostile/"}
    # Every page of the menu is in the navigation, even when mkdocs.yml does not list it (axes/).
    menu = {_page_url(e["fichier"]) for e in manifest if e["menu"]}
    nav = {a["href"] for a in fixture_site.soup("").select("nav.md-nav--primary a.md-nav__link[href]")}
    assert {url or "./" for url in menu} <= {href.removeprefix("./") or "./" for href in nav}
    assert "axes/" in menu and "fiches/animer-un-groupe/" not in {h.removeprefix("./") for h in nav}


@pytest.mark.parametrize("name", ["fixture_site", "shipped_site"])
def test_every_edit_link_names_a_file_of_the_repository(request, name):
    """With a forge configured, "modifier cette page" opens a file that exists, on every page."""
    site = request.getfixturevalue(name)
    project = ROOT if name == "shipped_site" else site.path.parent  # mkdocs.yml, docs/, data/
    prefix = "https://forge.example/metropole-de-lyon/centre-ressources-pouvoir-d-agir/-/edit/main/"
    pages_with_links = 0
    for html in site.pages():
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for link in soup.select("a.md-content__button[rel=edit]"):
            assert link["href"].startswith(prefix), (html, link["href"])
            assert (project / link["href"][len(prefix):]).is_file(), (html, link["href"])
            # The link says which file it opens, to sighted and screen-reader users alike.
            assert link["data-source"] == link["href"][len(prefix):]
            assert link["data-source"] in link["title"] and link["aria-label"] == link["title"]
            pages_with_links += 1
    assert pages_with_links > 20

    def edit(url):
        link = site.soup(url).select_one("a.md-content__button[rel=edit]")
        return link["href"][len(prefix):] if link else None

    assert edit("thematiques/parentalite/") == "data/referentiels/thematiques.yml"
    assert edit("") == "docs/index.md"
    assert edit("catalogue/") is None and edit("proposer/fiche/") is None
    # Optional files: the page links to them only when they exist.
    for url, source in (("glossaire/", "data/glossaire.yml"), ("kits/", "data/kits.yml")):
        assert edit(url) == (source if (project / source).is_file() else None)


def test_no_lonely_left_column(fixture_site):
    """The left column shows a menu section's pages (Explorer); elsewhere it would hold only the page."""
    def sidebar_hidden(url):
        sidebar = fixture_site.soup(url).select_one(".md-sidebar--primary")
        return sidebar.has_attr("hidden")

    for url in ("", "engagement/", "fiches/", "fiches/animer-un-groupe/", "glossaire/", "thematiques/logement/"):
        assert sidebar_hidden(url), url
    for url in ("thematiques/", "publics/", "axes/"):
        assert not sidebar_hidden(url), url
