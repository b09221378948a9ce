"""Ready to publish (issue 24): the build knows whether the site has a published address, refuses to
publish without one, and a quick build without PDFs works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from check_site import guard
from conftest import FIXTURES, ROOT, SITE_URL, make_project
from pypdf import PdfReader
from test_print import qr_matches

from core import urls

BUILD = ROOT / "scripts" / "build.py"
LOOPBACK = "http://127.0.0.1:8000/"


def run_build(project: Path, *options: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), "--config", str(project / "mkdocs.yml"),
                           "--sortie", str(project / "site"), *options],
                          capture_output=True, text=True, env={**os.environ, **env})


def printed_page(pdf: str) -> str:
    """The page a PDF's QR code leads to: its record or support page, or the kits' page."""
    return urls.KITS if pdf.startswith(urls.KITS) else pdf.rsplit("/", 1)[0] + "/"


def qr_addresses(site: Path, address: str) -> dict[str, bool]:
    """For each PDF of ``site``: whether one of its images is the QR code of its page at ``address``."""
    found = {}
    for pdf in sorted(site.rglob("*.pdf")):
        rel = pdf.relative_to(site).as_posix()
        expected = urls.absolute(address, printed_page(rel))
        found[rel] = any(qr_matches(image.image, expected) for page in PdfReader(pdf).pages for image in page.images)
    return found


@pytest.mark.parametrize("address", ["", LOOPBACK, "http://localhost:8000/centre/", "http://[::1]/"])
def test_publier_refuses_a_site_without_its_published_address(tmp_path, address):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    result = run_build(project, "--publier", env={"SITE_URL": address})
    assert result.returncode == 2
    assert result.stderr.startswith("make publier : le site n'a pas d'adresse de publication (SITE_URL, actuellement")
    assert not (project / "site").exists()


def test_make_publier_exits_non_zero_with_a_french_message():
    result = subprocess.run(["make", "--no-print-directory", "-s", "-C", str(ROOT), "publier", f"SITE_URL={LOOPBACK}"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert f"make publier : le site n'a pas d'adresse de publication (SITE_URL, actuellement « {LOOPBACK} »)" in result.stderr


def test_publier_refuses_a_site_without_its_pdfs(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    result = run_build(project, "--publier", env={"SITE_URL": SITE_URL, "CENTRE_PDF": "off"})
    assert result.returncode == 2 and "CENTRE_PDF=off construit sans les PDF" in result.stderr


def test_a_quick_build_without_pdfs_is_published_and_says_why_their_links_are_empty(tmp_path):
    """CENTRE_PDF=off make site: the README's quick build works (it failed on every PDF link)."""
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    result = run_build(project, env={"CENTRE_PDF": "off", "SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    assert not list((project / "site").rglob("*.pdf"))
    [line] = [line for line in result.stderr.splitlines() if line.startswith("CENTRE_PDF=off")]
    assert "PDF non produits" in line
    # A broken link to a page, not a PDF, still stops the build.
    page = project / "docs" / "engagement.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Une page absente](absente.md)\n", encoding="utf-8")
    result = run_build(project, env={"CENTRE_PDF": "off", "SITE_URL": SITE_URL})
    assert result.returncode == 1, result.stderr


def test_without_an_address_one_line_says_so_and_no_sheet_carries_an_address_or_qr_code(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    result = run_build(project, env={"SITE_URL": LOOPBACK})
    assert result.returncode == 0, result.stderr
    warning = urls.NO_ADDRESS_WARNING.format(site_url=LOOPBACK)
    assert result.stderr.count(warning) == 1, result.stderr
    site = project / "site"
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) > 3
    for pdf in pdfs:
        reader = PdfReader(pdf)
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "127.0.0.1" not in text and "Version à jour et liens" not in text, pdf
        assert "Dernière relecture" in text or pdf.parent.name == "kits", pdf
    assert not any(qr_addresses(site, LOOPBACK).values())
    # The guard refuses such a site: its pages, and the links inside its PDFs, name this machine.
    problems = guard(site).problems
    assert any(".pdf : adresse locale « 127.0.0.1 » dans le PDF" in problem for problem in problems), problems
    assert any(".html:" in problem and "adresse locale" in problem for problem in problems)
    # The pages' print footers say the same: the review date, no QR code.
    page = (site / "fiches" / "animer-un-groupe" / "index.html").read_text(encoding="utf-8")
    assert "record-print-footer" in page and "record-qr" not in page and "Dernière relecture" in page


def test_published_every_qr_code_leads_to_its_page_and_no_file_names_this_machine(fixture_site):
    """The test builds are publishing builds (SITE_URL, conftest.py)."""
    assert all(qr_addresses(fixture_site.path, SITE_URL).values())
    for path in fixture_site.path.rglob("*"):
        if path.is_file() and path.suffix != ".pdf":
            data = path.read_bytes()
            assert b"127.0.0.1" not in data and b"localhost" not in data, path
