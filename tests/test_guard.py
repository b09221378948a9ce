"""The guard of a site about to be published (scripts/check_site.py): a clean build passes, and
each kind of fault planted in a copy of it is reported."""

from __future__ import annotations

import shutil

import pytest
from check_site import guard, main
from conftest import FIXTURES, build_site, make_project, once

SITE_URL = "https://intranet.exemple.fr/centre/"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture data built as for publishing: a real address, PDFs made."""
    return once(tmp_path_factory, "guard-published",
                lambda folder: build_site(make_project(folder, FIXTURES / "site" / "data"), {"SITE_URL": SITE_URL}))


def test_a_site_built_with_its_address_passes(published, capsys):
    report = guard(published.path)
    assert report.problems == [] and report.pdfs > 3
    assert main([str(published.path)]) == 0
    assert "prêt à publier" in capsys.readouterr().out


def test_every_planted_fault_is_reported(published, tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(published.path, site)
    page = site / "fiches" / "animer-un-groupe" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</head>", '<link rel="stylesheet" href="https://cdn.example.net/police.css"></head>', 1)
    html = html.replace("</body>", '<a href="../../glossaire/#terme-absent">x</a> <a href="http://localhost:8000/">y</a></body>', 1)
    page.write_text(html, encoding="utf-8")
    css = next((site / "assets" / "stylesheets").glob("centre*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n@import url('//fonts.example.net/f.css');\n", encoding="utf-8")
    (site / "nouveautes.xml").write_text((site / "nouveautes.xml").read_text(encoding="utf-8")
                                         .replace(SITE_URL, "http://127.0.0.1:8000/"), encoding="utf-8")
    pdf = next(site.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes()[:500])
    problems = guard(site).problems
    rel = "fiches/animer-un-groupe/index.html"
    expected = [
        f"{rel}:", "requête vers l'extérieur du site : https://cdn.example.net/police.css",
        "la feuille de style charge une ressource extérieure", "nouveautes.xml:",
        f"{pdf.relative_to(site).as_posix()} : le PDF ne s'ouvre pas", "ancre « #terme-absent » introuvable",
    ]
    for part in expected:
        assert any(part in problem for problem in problems), (part, problems)
    assert any("adresse locale « localhost »" in p for p in problems) and any("« 127.0.0.1 »" in p for p in problems)
    assert main([str(site)]) == 1
    assert "ne pas publier" in capsys.readouterr().out
