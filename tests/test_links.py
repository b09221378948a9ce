"""Links of the built site: internal links and anchors resolve; external ones are listed, checked on demand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import serve

ROOT = Path(__file__).resolve().parent.parent
from check_links import check  # noqa: E402

SCRIPT = ROOT / "scripts" / "check_links.py"


@pytest.mark.parametrize("name", ["shipped_site", "fixture_site"])
def test_built_sites_have_no_broken_internal_link(request, name):
    site = request.getfixturevalue(name)
    report = check(site.path)
    assert report.broken == []
    assert report.pages == len(site.pages()) - 1  # all but 404.html


def test_anchors_are_checked_on_the_shipped_site(shipped_site):
    """The record pages link to their own sections (table of contents): those anchors are really verified."""
    soup = shipped_site.soup("fiches/conference-familiale/")
    anchors = [a["href"] for a in soup.select("nav.md-nav--secondary a[href^='#']")]
    assert "#etapes" in anchors
    assert soup.find(id="etapes") is not None


def write(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


@pytest.fixture
def tiny(tmp_path) -> Path:
    site = tmp_path / "site"
    write(site, "index.html", '<h2 id="haut">Haut</h2>'
                              '<a href="fiches/a/">ok</a> <a href="fiches/a/#etapes">ok</a> <a href="#haut">ok</a>'
                              '<a href="fiches/b/">absent</a> <a href="fiches/a/#nulle-part">ancre</a>'
                              '<a href="../ailleurs/">dehors</a> <a href="/fiches/a/">absolu</a>'
                              '<a href="javascript:alert(1)">js</a> <a href="mailto:a@grandlyon.com">ok</a>'
                              '<a href="https://www.grandlyon.com/">ext</a> <a href="#">ok</a>'
                              '<a href="fiches/a/#proposition=dVPL-jh_N">données</a> <a href="#plan0=eyJ9">données</a>'
                              '<a href="fiches/a/#seance=">vide</a> <a href="fiches/a/#plan=a+b">abîmé</a>'
                              '<a href="fiches/a/#etapes=abc">ancre</a>'
                              '<link rel="canonical" href="http://127.0.0.1:8000/"><img src="assets/x.png">')
    write(site, "fiches/a/index.html", '<h2 id="etapes">Étapes</h2><a href="../../">accueil</a>'
                                       '<a href="https://www.grandlyon.com/">ext</a>')
    write(site, "404.html", '<a href="/assets/x.css">absolu, ignoré</a>')
    return site


def test_every_kind_of_broken_link_is_reported(tiny):
    report = check(tiny)
    assert report.broken == [
        ("index.html", "fiches/b/", "page ou fichier introuvable"),
        ("index.html", "fiches/a/#nulle-part", "ancre « #nulle-part » introuvable dans fiches/a/index.html"),
        ("index.html", "../ailleurs/", "le lien sort du site"),
        ("index.html", "/fiches/a/", "lien absolu : il ne fonctionne pas quand le site est publié sous un sous-chemin"),
        ("index.html", "javascript:alert(1)", "protocole « javascript: » interdit"),
        # Only a lien.js data fragment (known kind, a base64url token) is not an anchor.
        ("index.html", "fiches/a/#seance=", "ancre « #seance= » introuvable dans fiches/a/index.html"),
        ("index.html", "fiches/a/#plan=a+b", "ancre « #plan=a+b » introuvable dans fiches/a/index.html"),
        ("index.html", "fiches/a/#etapes=abc", "ancre « #etapes=abc » introuvable dans fiches/a/index.html"),
        ("index.html", "assets/x.png", "page ou fichier introuvable"),
    ]
    assert report.external == {"https://www.grandlyon.com/": ["fiches/a/index.html", "index.html"]}


def test_cli_lists_external_links_without_network(tiny, tmp_path):
    listing = tmp_path / "externes.txt"
    result = subprocess.run([sys.executable, str(SCRIPT), str(tiny), "--externes", str(listing)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "index.html: lien « fiches/b/ » : page ou fichier introuvable" in result.stderr
    assert listing.read_text(encoding="utf-8") == "https://www.grandlyon.com/\tfiches/a/index.html index.html\n"


def test_external_links_are_checked_on_demand(tmp_path):
    """--verifier requests each external link: here a local server answers one page and not the other."""
    served = tmp_path / "served"
    served.mkdir()
    (served / "existe.html").write_text("ok", encoding="utf-8")
    base, stop = serve(served)
    try:
        site = tmp_path / "site"
        write(site, "index.html", f'<a href="{base}existe.html">ok</a> <a href="{base}disparu.html">404</a>')
        result = subprocess.run([sys.executable, str(SCRIPT), str(site), "--verifier"], capture_output=True, text=True)
    finally:
        stop()
    assert result.returncode == 1
    assert f"lien externe en échec : {base}disparu.html (404 File not found) ; pages : index.html" in result.stderr
    assert "1/2 lien(s) externe(s) répondent." in result.stdout
