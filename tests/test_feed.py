"""What is new (core/feed.py): ``nouveautes.xml`` is an Atom 1.0 feed with one entry per record
(id, title, updated, summary, link), announced in every page's head; the « Nouveautés » page
lists the 50 most recent records, newest first, grouped by month in French (the feed too).

Read back with feedparser, as a feed reader would, from real builds.
"""

from __future__ import annotations

import re

import feedparser
import synthetic
from conftest import ROOT, words
from test_opendata import SITE_URL, data_records, relative_site  # noqa: F401 (a fixture)

from core import corpus as corpus_module
from core import feed, urls
from core.pages import month_year
from core.schema import NOUNS

CORPUS = corpus_module.load(ROOT)
HEAD_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">')


def parsed(site_folder):
    return feedparser.parse((site_folder / urls.FEED).read_bytes())


def test_the_feed_is_atom_with_one_entry_per_record(shipped_site):
    document = parsed(shipped_site.path)
    assert document.bozo == 0, document.get("bozo_exception")
    assert document.version == "atom10"
    assert document.feed.language == "fr"
    assert document.feed.title and document.feed.updated and document.feed.id
    expected = data_records(ROOT)
    assert len(document.entries) == len(expected)
    ids = set()
    for entry in document.entries:
        for key in ("id", "title", "updated", "summary", "link"):
            assert entry.get(key), (key, entry)
        ids.add(entry.id)
        assert entry.link.startswith(SITE_URL)
        assert (shipped_site.path / entry.link[len(SITE_URL):] / "index.html").is_file(), entry.link
    assert len(ids) == len(expected), "one id per record"
    by_link = {entry.link[len(SITE_URL):]: entry for entry in document.entries}
    assert {tuple(url.strip("/").split("/")) for url in by_link} == expected
    for record in CORPUS.all_records():
        entry = by_link[record.url]
        assert entry.title == record.title
        assert entry.summary == record.data["resume"]
        assert entry.updated.startswith(record.data["date_maj"].isoformat())
    dates = [entry.updated for entry in document.entries]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_without_a_site_address_links_are_relative_to_the_feed(relative_site):  # noqa: F811
    document = parsed(relative_site / "site")
    assert document.bozo == 0 and document.version == "atom10"
    assert len(document.entries) == len(data_records(relative_site))
    for entry in document.entries:
        assert not entry.link.startswith("http")
        assert (relative_site / "site" / entry.link / "index.html").is_file()


def test_every_page_announces_the_feed(shipped_site):
    pages = [page for page in shipped_site.pages() if page.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        links = HEAD_LINK.findall(head)
        assert len(links) == 1, page
        assert (page.parent / links[0]).resolve() == (shipped_site.path / urls.FEED).resolve(), page


def test_the_page_lists_every_record_newest_first_by_month(shipped_site):
    soup = shipped_site.soup(urls.NOVELTIES)
    entries = soup.select("article.nouveaute")
    assert len(entries) == len(list(CORPUS.all_records()))
    dates = [entry.select_one("time")["datetime"] for entry in entries]
    assert dates == sorted(dates, reverse=True)
    for entry in entries:
        link = entry.select_one("h3 a")
        assert (shipped_site.path / urls.NOVELTIES / link["href"] / "index.html").is_file()
        collection = next(c for c in entry["class"] if c.startswith("nouveaute-"))[len("nouveaute-"):]
        said = "Ajoutée ou mise à jour le " if NOUNS[collection].feminine else "Ajouté ou mis à jour le "
        assert words(entry.select_one(".nouveaute-date").get_text()).startswith(said)
    months = [words(h2.get_text()).rstrip("¶").strip().lower() for h2 in soup.select("article h2")]
    expected = list(dict.fromkeys(month_year(r.data["date_maj"]) for r in feed.newest_first(CORPUS)))
    assert months == expected
    assert all(re.fullmatch(r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) "
                            r"\d{4}", month) for month in months)
    feed_link = soup.select_one(".nouveautes-flux a")
    assert (shipped_site.path / urls.NOVELTIES / feed_link["href"]).resolve() == shipped_site.path / urls.FEED


def test_month_names_are_french():
    import datetime

    assert month_year(datetime.date(2026, 11, 3)) == "novembre 2026"
    assert month_year(datetime.date(2025, 8, 31)) == "août 2025"


def test_pages_gathering_the_records_stay_out_of_the_search_index(shipped_site):
    # They repeat every record's words: a search would list them before the records themselves.
    index = (shipped_site.path / "search" / "recherche.json").read_text(encoding="utf-8")
    assert '"contribuer/"' in index
    for url in (urls.NOVELTIES, "observatoire/", "donnees/"):
        assert f'"{url}"' not in index, url


def test_beyond_fifty_records_the_page_and_the_feed_hold_the_newest_and_point_to_the_catalogue(tmp_path):
    """At 120 synthetic records: 50 entries, the 50 most recently reviewed; the page says how many
    older ones the catalogue holds (the page listing 2,000 records weighed 1.4 MB)."""
    synthetic.generate(tmp_path, 120, seed=7)
    big = corpus_module.load(tmp_path)
    newest = feed.newest_first(big)
    assert len(newest) > feed.LATEST == 50
    entries = feedparser.parse(feed.feed_xml(big, SITE_URL, "Centre")).entries
    assert [e.id for e in entries] == [feed.entry_id(r) for r in newest[:50]]
    page = feed.nouveautes_page(big)
    listed = re.findall(r'<article class="nouveaute [^"]*" data-id="([^"]+)"', page.body)
    assert listed == [r.id for r in newest[:50]]
    assert "Les 50 ressources du centre ajoutées ou mises à jour le plus récemment" in words(page.body)
    older = re.search(r'<div class="nouveautes-suite"><p>(.*?)</p>', page.body)[1]
    assert words(re.sub(r"<[^>]+>", "", older)) == f"Les {len(newest) - 50} ressources plus anciennes sont dans le catalogue, avec toutes les autres."
    assert 'href="../catalogue/"' in older
