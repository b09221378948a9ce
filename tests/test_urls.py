"""The address book (core/urls.py): one test per kind of address, the one absolute-address helper
with an empty, a root and a sub-path site address, the « is the site published? » predicate, and
every address of the book found in a real build of the shipped site."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import ROOT

from core import corpus as corpus_module
from core import urls
from core.schema import FACETS, NOUNS, RESOURCES
from core.supports import all_supports

FICHE = SimpleNamespace(collection="fiches", id="aller-vers")
SUB_PATH = "https://intranet.exemple.fr/centre/"
CORPUS = corpus_module.load(ROOT)


def test_record_page_pdf_and_easy_read_pdf():
    assert urls.record(FICHE) == "fiches/aller-vers/"
    assert urls.record_pdf(FICHE) == "fiches/aller-vers/aller-vers.pdf"
    assert urls.falc_pdf(FICHE) == "fiches/aller-vers/aller-vers-facile-a-lire.pdf"


def test_a_record_takes_its_address_from_the_book():
    record = CORPUS.get("fiches", "aller-vers")
    assert record.url == urls.record(record) == "fiches/aller-vers/"


def test_easy_read_pages_are_flat():
    assert urls.EASY_READ == "facile-a-lire/"
    assert urls.easy_read(FICHE) == "facile-a-lire/fiches-aller-vers/"


def test_supports_and_their_pdfs():
    assert urls.SUPPORTS == "supports/"
    assert urls.support("feuille-d-emargement") == "supports/feuille-d-emargement/"
    assert urls.support_pdf("feuille-d-emargement") == "supports/feuille-d-emargement/feuille-d-emargement.pdf"


def test_kits_and_kit_pdfs():
    assert (urls.KITS, urls.MY_KIT) == ("kits/", "kits/mon-kit/")
    assert urls.kit_pdf("premier-atelier") == "kits/premier-atelier.pdf"


def test_feed_and_novelties():
    assert (urls.FEED, urls.NOVELTIES) == ("nouveautes.xml", "nouveautes/")


def test_open_data_files_sit_in_their_folder():
    assert urls.OPEN_DATA == "donnees/"
    for file, name in ((urls.OPEN_DATA_CSV, "ressources.csv"), (urls.OPEN_DATA_JSON, "ressources.json"),
                       (urls.OPEN_DATA_SCHEMA, "schema.json")):
        assert file == urls.OPEN_DATA + name


def test_explorer_facet_folders():
    assert urls.EXPLORER == "Explorer"
    assert urls.facet_index("thematiques") == "thematiques/"
    assert urls.facet_value("thematiques", "logement") == "thematiques/logement/"


def test_collections_catalogue_planner_and_other_pages():
    assert urls.collection("fiches") == "fiches/"
    assert (urls.CATALOGUE, urls.PLANNER, urls.GLOSSARY) == ("catalogue/", "planifier/", "glossaire/")
    assert (urls.OBSERVATORY, urls.RETOURS, urls.REVIEW, urls.GUIDE) == (
        "observatoire/", "retours/", "maintenance/", "contribuer/")


def test_proposer_forms_are_named_by_the_collection_noun():
    assert urls.form("fiches") == "proposer/fiche/"
    assert urls.form("methodologies") == "proposer/methodologie/"
    assert urls.form("retours") == urls.RETOUR_FORM == "proposer/retour/"
    assert len({urls.form(c) for c in NOUNS}) == len(NOUNS)  # one form per collection


@pytest.mark.parametrize(("site_url", "expected"), [
    ("", "fiches/aller-vers/"),  # unknown address: relative to the site's root, never "/fiches/..."
    ("https://centre.exemple.fr/", "https://centre.exemple.fr/fiches/aller-vers/"),
    ("https://centre.exemple.fr", "https://centre.exemple.fr/fiches/aller-vers/"),
    (SUB_PATH, "https://intranet.exemple.fr/centre/fiches/aller-vers/"),
    (SUB_PATH.rstrip("/"), "https://intranet.exemple.fr/centre/fiches/aller-vers/"),
])
def test_absolute_address_of_a_page(site_url, expected):
    assert urls.absolute(site_url, "fiches/aller-vers/") == expected


def test_absolute_address_of_a_file_and_of_the_root():
    assert urls.absolute(SUB_PATH, urls.FEED) == "https://intranet.exemple.fr/centre/nouveautes.xml"
    assert urls.absolute("", urls.FEED) == "nouveautes.xml"
    assert urls.absolute(SUB_PATH, "") == SUB_PATH


def test_absolute_refuses_an_address_from_the_host_root():
    # "/fiches/x/" would leave a site published under a sub-path.
    with pytest.raises(ValueError):
        urls.absolute(SUB_PATH, "/fiches/aller-vers/")


@pytest.mark.parametrize("site_url", [
    "", "   ", "http://localhost:8000/", "http://localhost", "http://app.localhost/", "http://127.0.0.1:8000/",
    "http://127.1.2.3/centre/", "http://[::1]:8000/", "http://0.0.0.0:8000/", "localhost:8000", "127.0.0.1",
])
def test_a_local_or_missing_address_is_not_published(site_url):
    assert not urls.is_published(site_url)


@pytest.mark.parametrize("site_url", [
    "https://intranet.exemple.fr/centre/", "https://centre.exemple.fr", "http://10.1.2.3/centre/",
    "http://[2001:db8::1]/", "intranet.exemple.fr/centre/",
])
def test_a_real_address_is_published(site_url):
    assert urls.is_published(site_url)


def test_every_address_of_the_book_is_a_file_of_the_built_site(shipped_site):
    site = shipped_site.path
    found = []
    for record in CORPUS.all_records():
        found.append(urls.record(record) + "index.html")
        if record.collection == "fiches":
            found.append(urls.record_pdf(record))
        if "falc" in record.data:
            found += [urls.falc_pdf(record), urls.easy_read(record) + "index.html"]
    for support in all_supports(CORPUS):
        found += [urls.support(support.id) + "index.html", urls.support_pdf(support.id)]
    for kit in CORPUS.kits:
        found.append(urls.kit_pdf(kit["id"]))
    for facet in FACETS:
        if facet.folder:
            found.append(urls.facet_index(facet.folder) + "index.html")
            found += [urls.facet_value(facet.folder, value) + "index.html"
                      for value in facet.labels(CORPUS.vocabularies)]
    found += [urls.collection(name) + "index.html" for name in RESOURCES]
    found += [page + "index.html" for page in (
        urls.EASY_READ, urls.SUPPORTS, urls.KITS, urls.MY_KIT, urls.CATALOGUE, urls.GLOSSARY, urls.PLANNER,
        urls.NOVELTIES, urls.OBSERVATORY, urls.RETOURS, urls.REVIEW, urls.GUIDE, urls.OPEN_DATA)]
    found += [urls.form(name) + "index.html" for name in NOUNS]
    found += [urls.FEED, urls.OPEN_DATA_CSV, urls.OPEN_DATA_JSON, urls.OPEN_DATA_SCHEMA]
    missing = [path for path in found if not (site / path).is_file()]
    assert not missing
    assert len(found) > 100
