"""What the build ships for search: the index file, the header box, the glossary, the catalogue."""

from __future__ import annotations

import json
import re

import yaml
from conftest import ROOT

from core import search, search_tokens


def _index(site) -> dict:
    return json.loads((site.path / "search" / "recherche.json").read_text(encoding="utf-8"))


def test_index_lists_records_and_hand_written_pages_not_lists(shipped_site):
    data = _index(shipped_site)
    urls = [doc[0] for doc in data["docs"]]
    records = sorted(p.stem for folder in ("pratiques", "fiches", "methodologies") for p in (ROOT / "data" / folder).glob("*.yml"))
    assert sorted(doc[4] for doc in data["docs"] if doc[4]) == records
    for page in ("", "engagement/", "contribuer/", "glossaire/"):
        assert page in urls
    assert not [u for u in urls if u in ("catalogue/", "pratiques/", "fiches/", "methodologies/")
                or u.startswith(("thematiques/", "publics/", "territoires/", "axes/", "niveaux-participation/"))]
    conference = next(doc for doc in data["docs"] if doc[4] == "conference-familiale")
    assert conference[:3] == ["fiches/conference-familiale/", "La conférence familiale", "Fiche méthode"]
    assert data["index"]["fields"] == ["titre", "mots", "resume", "texte"]
    assert data["format"] == 6
    assert "postings" not in data["index"]  # they are in shards, which the index file names
    assert search.read_site(shipped_site.path / "search")["index"]["postings"]
    assert data["stopwords"] == sorted(search_tokens.STOPWORDS)
    assert data["stemmer"] == search_tokens.stemmer_table()  # the browser stems with these rules
    assert data["glossary"]["dpa"] == ["dpa"]
    assert "developpement pouvoir agir" in data["glossary"]
    # Accents travel as \u escapes: the browser decodes a one-byte string, much faster.
    assert (shipped_site.path / "search" / "recherche.json").read_bytes().isascii()


def test_header_search_is_ours_and_works_without_javascript(shipped_site):
    soup = shipped_site.soup("fiches/conference-familiale/")
    boxes = soup.select("header .centre-recherche")
    assert len(boxes) == 1
    form = boxes[0].select_one("form")
    # Material's script builds its own index when it finds a form named "search": there is none.
    assert soup.select('form[name="search"]') == [] and soup.select('[data-md-component="search"]') == []
    assert form["action"] == "../../catalogue/" and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert soup.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)
    assert boxes[0].select_one("[role=status][aria-live=polite]") is not None
    modules = [tag["src"] for tag in soup.select('script[src][type="module"]')]
    # A record page carries neither the catalogue's filters nor the planner (tests/test_first_result_assets.py).
    assert modules == ["../../assets/javascripts/typographie.js", "../../assets/javascripts/recherche.js",
                       "../../assets/javascripts/kit.js"]


def test_scripts_are_modules_that_import_only_from_the_site(shipped_site):
    # No build step: the browser loads the modules as shipped. Relative imports only, so the site
    # works under any sub-path and nothing comes from outside it.
    scripts = shipped_site.path / "assets" / "javascripts"
    imported = set()
    for module in ("recherche.js", "catalogue.js", "kit.js", "centre.js", *(f"recherche/{p.name}" for p in
                                                                           (scripts / "recherche").glob("*.js"))):
        text = (scripts / module).read_text(encoding="utf-8")
        assert "document.currentScript" not in text, module
        for target in re.findall(r'^\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"', text, re.M):
            target = "".join(target)
            assert target.startswith(("./", "../")) and target.endswith(".js"), (module, target)
            resolved = (scripts / module).parent / target
            assert resolved.resolve().is_file(), (module, target)
            imported.add(resolved.resolve().relative_to(scripts.resolve()).as_posix())
    # The entry module names every module of the search, so the browser fetches them in parallel.
    entry = (scripts / "recherche.js").read_text(encoding="utf-8")
    assert {f"recherche/{p.name}" for p in (scripts / "recherche").glob("*.js")} <= imported
    assert all(f'"./recherche/{p.name}"' in entry for p in (scripts / "recherche").glob("*.js"))


def test_lunr_is_vendored_with_its_licence(shipped_site):
    vendor = shipped_site.path / "assets" / "javascripts" / "vendor"
    assert "lunr - http://lunrjs.com" in (vendor / "lunr.min.js").read_text(encoding="utf-8")[:200]
    assert "- 2.3.9" in (vendor / "lunr.min.js").read_text(encoding="utf-8")[:200]
    assert "Permission is hereby granted" in (vendor / "lunr.LICENSE.txt").read_text(encoding="utf-8")


def test_glossary_page_shows_every_term_and_is_in_the_nav(shipped_site):
    entries = yaml.safe_load((ROOT / "data" / "glossaire.yml").read_text(encoding="utf-8"))
    soup = shipped_site.soup("glossaire/")
    terms = [dt.contents[0].strip() for dt in soup.select("dl.glossaire dt")]
    assert sorted(terms) == sorted(e["terme"] for e in entries)
    dpa = soup.select_one("#dpa")
    assert "Développement du pouvoir d'agir" in dpa.select_one("dt").get_text()
    assert "empowerment" in dpa.select_one(".glossaire-synonymes").get_text()
    nav = {a.get_text(strip=True): a["href"] for a in shipped_site.soup("").select("nav.md-nav--primary a.md-nav__link[href]")}
    assert nav["Glossaire"] == "glossaire/" and nav["Catalogue"] == "catalogue/"


def test_catalogue_lists_every_record_with_its_facets(shipped_site):
    soup = shipped_site.soup("catalogue/")
    cards = soup.select(".catalogue .cards > article.card")
    count = sum(1 for folder in ("pratiques", "fiches", "methodologies") for _ in (ROOT / "data" / folder).glob("*.yml"))
    assert len(cards) == count
    conference = soup.select_one('article.card[data-id="conference-familiale"]')
    assert conference["data-collection"] == "fiches" and conference["data-type"] == "methode"
    assert "familles" in conference["data-publics"].split()
    form = soup.select_one("form.filtres")
    assert form.has_attr("hidden")  # shown by catalogue.js; without it the page is the plain list
    groups = [fieldset["data-filtre"] for fieldset in form.select("fieldset.filtre-groupe")]
    assert groups == ["collection", "type", "thematiques", "publics", "territoires", "niveaux-participation", "axe",
                      "format", "statut"]
    for fieldset in form.select("fieldset"):
        assert fieldset.select_one("legend").get_text(strip=True)
    assert form.select_one('input[name="publics"][value="familles"]').find_parent("label").get_text(" ", strip=True)


def test_filters_on_collection_pages_only(shipped_site):
    for url in ("pratiques/", "fiches/", "methodologies/"):
        assert shipped_site.soup(url).select_one("form.filtres") is not None, url
    for url in ("thematiques/logement/", "thematiques/", "fiches/conference-familiale/", ""):
        assert shipped_site.soup(url).select_one("form.filtres") is None, url
