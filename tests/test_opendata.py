"""Open data (core/opendata.py): ``donnees/ressources.csv`` and ``ressources.json`` hold one row per
record of data/ (every collection), French column names read off the schema, lists joined with
« | »; ``donnees/schema.json`` is the core's JSON Schema export; the « Données ouvertes » page
documents every column and every file.

Real builds: the shipped site (SITE_URL pinned by the tests to mkdocs.yml's default address) and
the fixture data built without any site address.
"""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, SITE_URL, build, make_project, once, words

from core import corpus as corpus_module
from core import opendata, urls
from core.schema import COLLECTIONS, json_schema

CORPUS = corpus_module.load(ROOT)


def data_records(root) -> set:
    """(collection, id) of every record file of data/, read off the file system, not the core."""
    return {(folder.name, path.stem) for folder in (root / "data").iterdir()
            if folder.is_dir() and folder.name in COLLECTIONS for path in folder.glob("*.yml")}


def read_csv(site) -> tuple[list, list[dict]]:
    raw = (site.path / urls.OPEN_DATA_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark, for Excel"
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    table = list(reader)
    return table[0], [dict(zip(table[0], row)) for row in table[1:]]


def _relative(folder):
    project = make_project(folder, FIXTURES / "site" / "data")
    result = build(project, env={"SITE_URL": "", "CENTRE_PDF": "off"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def relative_site(tmp_path_factory, build_environment):
    """The fixture data built with no site address (the exports', feed's addresses are relative)."""
    return once(tmp_path_factory, "no-site-url", _relative)


def test_json_and_csv_hold_exactly_one_row_per_record(shipped_site):
    expected = data_records(ROOT)
    assert len(expected) == sum(len(records) for records in CORPUS.records.values()) > 20
    rows = json.loads((shipped_site.path / urls.OPEN_DATA_JSON).read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    assert sorted((row["Collection"], row["Identifiant"]) for row in rows) == sorted(expected)
    header, csv_rows = read_csv(shipped_site)
    assert sorted((row["Collection"], row["Identifiant"]) for row in csv_rows) == sorted(expected)
    # Same columns, same order, in both files.
    assert header == list(rows[0]) == [column.name for column in opendata.columns()]


def test_csv_is_what_a_spreadsheet_expects(shipped_site):
    raw = (shipped_site.path / urls.OPEN_DATA_CSV).read_bytes()
    text = raw.decode("utf-8-sig")
    header, rows = read_csv(shipped_site)
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert {len(row) for row in table} == {len(header)}, "every row has every column"
    assert len(set(header)) == len(header), "column names are unique"
    # RFC 4180 line ends between records (a line end inside a quoted Markdown field is its own).
    assert text.endswith("\r\n") and text.count("\r\n") >= len(rows) + 1
    assert "é" in text and "Ã©" not in text


def test_column_names_are_french_labels_from_the_schema(shipped_site):
    header, _ = read_csv(shipped_site)
    labels = {spec.label for declaration in COLLECTIONS.values() for _, spec in declaration.walk()}
    keys = {key.split(".")[-1].rstrip("[]") for declaration in COLLECTIONS.values() for key, _ in declaration.walk()}
    identity = {column.name for column in opendata._identity()}
    for name in header:
        assert not re.search(r"[a-z]_[a-z]", name), f"a key, not a label: {name}"
        assert name not in keys - labels, f"a key, not a label: {name}"
        if name in identity:
            continue
        parts = re.sub(r" \(identifiant\)$", "", name).split(" – ")
        assert all(part in labels or part in {f.label for f in opendata.SHARED.values()} for part in parts), name
    assert "Niveau de participation" in header and "Niveau de participation (identifiant)" in header
    assert "Titre de la ressource" in header and "Date de relecture" in header


def test_lists_are_joined_with_a_bar_labels_and_ids_side_by_side(shipped_site):
    _, rows = read_csv(shipped_site)
    by_id = {row["Identifiant"]: row for row in rows}
    record = next(r for r in CORPUS.all_records() if len(r.data["thematiques"]) > 1)
    row = by_id[record.id]
    assert row["Thématiques (identifiant)"] == " | ".join(record.data["thematiques"])
    assert row["Thématiques"] == " | ".join(CORPUS.label("thematiques", t) for t in record.data["thematiques"])
    assert row["Date de relecture"] == record.data["date_maj"].isoformat()
    assert row["Adresse de la page"] == SITE_URL + record.url
    # A list of blocks: one column per key, one value per step, a « | » of a value escaped.
    fiche = next(r for r in CORPUS.records["fiches"].values() if any("|" in s["description"] for s in r.data["etapes"]))
    cells = by_id[fiche.id]
    assert len(cells["Étapes – Titre de l'étape"].split(" | ")) == len(fiche.data["etapes"])
    assert len(re.split(r"(?<!\\) \| ", cells["Étapes – Description"])) == len(fiche.data["etapes"])
    assert "\\|" in cells["Étapes – Description"]
    # JSON keeps lists as lists.
    rows_json = {row["Identifiant"]: row for row in json.loads((shipped_site.path / urls.OPEN_DATA_JSON).read_text("utf-8"))}
    assert rows_json[fiche.id]["Étapes – Description"] == [s["description"] for s in fiche.data["etapes"]]
    # A column a collection does not have stays empty for it.
    assert cells["Porteurs"] == "" and rows_json[fiche.id]["Porteurs"] is None


def test_moderation_notes_are_not_exported():
    names = [column.name for column in opendata.columns()]
    label = COLLECTIONS["fiches"].fields["rgpd_verifie"].label
    assert not any(name.startswith(label) for name in names)


def test_schema_json_is_the_core_export(shipped_site):
    exported = json.loads((shipped_site.path / urls.OPEN_DATA_SCHEMA).read_text(encoding="utf-8"))
    assert exported == {c: json_schema(c, CORPUS.vocabularies) for c in COLLECTIONS}
    for schema in exported.values():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "axe" not in schema["properties"] or schema["properties"]["axe"]["enum"]


def test_the_page_documents_every_column_and_file(shipped_site):
    soup = shipped_site.soup(urls.OPEN_DATA)
    documented = [words(row.th.get_text()) for row in soup.select("table.donnees-table tbody tr")]
    header, _ = read_csv(shipped_site)
    assert documented == [words(name) for name in header]
    for row in soup.select("table.donnees-table tbody tr"):
        assert all(words(cell.get_text()) for cell in row.find_all(["th", "td"])), row
    text = words(soup.select_one("article").get_text())
    for needed in ("Licence Ouverte / Open Licence 2.0", "Producteur", "Fréquence de mise à jour", "Métropole de Lyon"):
        assert needed in text
    links = {a["href"]: a for a in soup.select(".donnees-telechargements a[download]")}
    assert set(links) == {"ressources.csv", "ressources.json", "schema.json"}
    for href, link in links.items():
        target = shipped_site.path / "donnees" / href
        assert target.is_file()
        assert opendata.size(target.stat().st_size) in words(link.parent.get_text())


def test_without_a_site_address_the_addresses_are_relative(relative_site):
    rows = json.loads((relative_site / "site" / urls.OPEN_DATA_JSON).read_text(encoding="utf-8"))
    fixture = corpus_module.load(relative_site)
    assert sorted((r["Collection"], r["Identifiant"]) for r in rows) == sorted(data_records(relative_site))
    for row in rows:
        url = row["Adresse de la page"]
        assert not url.startswith("http") and (relative_site / "site" / url / "index.html").is_file(), url
    assert len(rows) == len(list(fixture.all_records()))


def test_sizes_read_in_french():
    assert opendata.size(812) == "812 octets"
    assert opendata.size(12_345) == "12,3 Ko"
    assert opendata.size(1_234_567) == "1,2 Mo"


def test_values_to_confirm_are_named_by_their_columns(shipped_site):
    header, rows = read_csv(shipped_site)
    label = COLLECTIONS["pratiques"].fields["a_confirmer"].label
    marked = [row for row in rows if row[label]]
    assert marked, "the shipped practices mark values to confirm"
    for row in marked:
        for value in row[label].split(" | "):
            column = value.split(", élément ")[0]
            assert column in header and row[column], (row["Identifiant"], value)
            assert not re.search(r"[_\[]", value), value
