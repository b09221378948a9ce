"""schema.org JSON-LD of record pages (core/opendata.py): a HowTo with its steps for every fiche,
a CreativeWork for the other records; it parses, names the record, and no text of a record can
close its script (the hostile fiche of the fixture data has ``<script>`` in its title).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from test_opendata import SITE_URL, relative_site  # noqa: F401 (a fixture)

from core import corpus as corpus_module
from core import opendata

CORPUS = corpus_module.load(ROOT)


def scripts(site_folder, url: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site_folder / url / "index.html").read_text(encoding="utf-8"), "lxml")
    return [tag.string for tag in soup.head.select('script[type="application/ld+json"]')]


@pytest.mark.parametrize("collection", sorted(CORPUS.records))
def test_every_record_page_has_json_ld_that_parses(shipped_site, collection):
    records = list(CORPUS.records[collection].values())
    assert records or collection not in ("fiches", "pratiques", "methodologies")
    for record in records:
        found = scripts(shipped_site.path, record.url)
        assert len(found) == 1, record.url
        item = json.loads(found[0])
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == ("HowTo" if collection == "fiches" else "CreativeWork")
        assert item["name"] == record.title
        assert item["inLanguage"] == "fr"
        assert item["dateModified"] == record.data["date_maj"].isoformat()
        assert item["url"] == SITE_URL + record.url
        if collection == "fiches":
            steps = item["step"]
            assert len(steps) == len(record.data["etapes"])
            assert [s["name"] for s in steps] == [s["titre"] for s in record.data["etapes"]]
            assert all(s["@type"] == "HowToStep" for s in steps)
            assert [s["position"] for s in steps] == list(range(1, len(steps) + 1))


def test_other_pages_have_none(shipped_site):
    for url in ("", "fiches/", "observatoire/", "donnees/", "nouveautes/"):
        assert scripts(shipped_site.path, url) == [], url


def test_record_text_cannot_close_the_script(fixture_site):
    record = corpus_module.load(fixture_site.project).get("fiches", "fiche-hostile")
    html = (fixture_site.path / record.url / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">')
    body = html[start:html.index("</script>", start)]
    assert "<" not in body[len('<script type="application/ld+json">'):]
    item = json.loads(scripts(fixture_site.path, record.url)[0])
    assert item["name"] == record.title and "<script>" in item["name"]


def test_without_a_site_address_there_is_no_url(relative_site):  # noqa: F811
    fixture = corpus_module.load(relative_site)
    for record in fixture.all_records():
        item = json.loads(scripts(relative_site / "site", record.url)[0])
        assert "url" not in item


@pytest.mark.parametrize(("text", "iso"), [
    ("2 h", "PT2H"), ("1 h 30", "PT1H30M"), ("45 min", "PT45M"), ("1 h 15 min", "PT1H15M"),
    ("3 séances de 2 h", None), ("1 à 2 mois", None), ("2 h (1re journée)", None), ("", None),
])
def test_total_time_only_when_the_duration_is_plain(text, iso):
    assert opendata._iso_duration(text) == iso


def test_retours_pages_have_their_creative_work(fixture_site):
    fixture = corpus_module.load(fixture_site.project)
    retours = list(fixture.records.get("retours", {}).values())
    assert retours, "the fixture data has retours d'expérience"
    for record in retours:
        found = scripts(fixture_site.path, record.url)
        assert len(found) == 1, record.url
        item = json.loads(found[0])
        assert (item["@type"], item["name"], item["dateModified"]) == \
            ("CreativeWork", record.title, record.data["date_maj"].isoformat())
