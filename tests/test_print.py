"""Print: fiche PDFs, easy-to-read sheets, kit booklets and their cache, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import segno
from bs4 import BeautifulSoup
from conftest import ROOT, SITE_URL, build, make_project
from pypdf import PdfReader

from core import corpus as corpus_module
from core import printing, urls
from core.markup import md

CORPUS = corpus_module.load(ROOT)
FICHES = sorted(CORPUS.records["fiches"])
FALC = sorted(r.url for r in CORPUS.all_records() if "falc" in r.data)
A4 = (595, 842)  # points, rounded


def squash(text: str) -> str:
    """Text without whitespace or ligatures: PDF extraction wraps lines anywhere, Chromium writes "ﬁ"."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def plain(markdown_text: str) -> str:
    return BeautifulSoup(md(markdown_text), "lxml").get_text(" ")


def pages_text(pdf: Path | PdfReader) -> list[str]:
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    return [page.extract_text() for page in reader.pages]


def assert_steps_whole(record, texts: list[str]):
    """Each step (title and whole description) sits on a single page."""
    squashed = [squash(t) for t in texts]
    for number, step in enumerate(record.data["etapes"], start=1):
        title = squash(f"{number}. {step['titre']}")
        where = [i for i, text in enumerate(squashed) if title in text]
        assert where, f"step {number} title missing"
        assert squash(plain(step["description"])) in squashed[where[0]], f"step {number} is cut across pages"


def qr_matches(image, address: str) -> bool:
    """The PDF's QR image has exactly the modules segno draws for ``address`` (decoding without a reader)."""
    from core.printing import QR_MASK
    expected = [list(row) for row in segno.make(address, error="m", mask=QR_MASK).matrix_iter(scale=1, border=4)]
    grey = image.convert("L")
    width, height = grey.size
    found = [[grey.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)]
    return found == [[bool(v) for v in row] for row in expected]


# --- one PDF per fiche -------------------------------------------------------------------

@pytest.mark.parametrize("fiche_id", FICHES)
def test_fiche_pdf_has_title_steps_url_and_qr_on_at_most_three_a4_pages(shipped_site, fiche_id):
    # Two sheets printed on both sides: a workshop-ready fiche carries a session plan and references;
    # a fourth page only for a course of three séances or more, each written out step by step.
    record = CORPUS.get("fiches", fiche_id)
    reader = PdfReader(shipped_site.path / urls.record_pdf(record))
    assert 1 <= len(reader.pages) <= (4 if len(record.data.get("seances", [])) >= 3 else 3)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
    texts = pages_text(reader)
    whole = squash(" ".join(texts))
    assert squash(record.title) in squash(texts[0])
    for number, step in enumerate(record.data["etapes"], start=1):
        assert squash(f"{number}. {step['titre']}") in whole
    assert_steps_whole(record, texts)
    # The sheet reads in the schema's order, as the page does: objectif, ..., matériel, étapes.
    headings = [squash(h) for h in ("Objectif", "Matériel", "Étapes")]
    if "materiel" in record.data:
        assert [whole.index(h) for h in headings] == sorted(whole.index(h) for h in headings)
        assert all(squash(item) in whole for item in record.data["materiel"])
    address = SITE_URL + record.url
    assert squash(address) in squash(texts[-1])
    images = reader.pages[-1].images
    assert len(images) == 1
    assert qr_matches(images[0].image, address)


def test_fiche_page_offers_its_pdf_and_easy_to_read_sheet(shipped_site):
    for fiche_id in FICHES:
        record = CORPUS.get("fiches", fiche_id)
        soup = shipped_site.soup(record.url)
        link = soup.select_one(".record-actions a.record-pdf")
        assert link.select_one(".record-action-long").get_text(strip=True) == "PDF de la fiche"
        assert (shipped_site.path / record.url / link["href"]).resolve() == (shipped_site.path / urls.record_pdf(record)).resolve()
        # The easy-to-read sheet is offered on the record's « Facile à lire » page (tests/test_facile_a_lire.py).
        assert soup.select(".record-actions a[href$='.pdf']") == [link]
    for collection in ("pratiques", "methodologies"):
        for record in CORPUS.records[collection].values():
            soup = shipped_site.soup(record.url)
            assert soup.select(".record-actions a.record-pdf") == []
            assert soup.select(".record-actions a[href$='.pdf']") == []


def test_record_pages_carry_print_footer_with_address_qr_and_review_date(shipped_site):
    for record in CORPUS.all_records():
        footer = shipped_site.soup(record.url).select_one(".record .record-print-footer")
        address = SITE_URL + record.url
        assert footer.select_one(".record-url").get_text() == address
        assert footer.select_one("img.record-qr")["src"].startswith("data:image/png;base64,")
        assert footer.select_one("time")["datetime"] == record.data["date_maj"].isoformat()


# --- easy-to-read sheets -------------------------------------------------------------------

@pytest.mark.parametrize("url", FALC)
def test_easy_to_read_sheet_has_the_falc_text_in_short_lines(shipped_site, url):
    record = next(r for r in CORPUS.all_records() if r.url == url)
    texts = pages_text(shipped_site.path / urls.falc_pdf(record))
    assert squash(record.data["falc_titre"]) in squash(texts[0])  # its easy-to-read title
    whole = squash(" ".join(texts))
    for paragraph in BeautifulSoup(md(record.data["falc"]), "lxml").find_all(["p", "li"]):
        assert squash(paragraph.get_text()) in whole
    body_lines = [line for text in texts for line in text.splitlines()[1:-1]
                  if "http" not in line and "relecture" not in line
                  and line.strip() not in SITE_URL + record.url]  # the address at the foot, cut where it wraps
    assert body_lines and max(len(line) for line in body_lines) <= 45, "easy-to-read lines stay short"
    assert squash(SITE_URL + record.url) in squash(texts[-1])


# --- kits ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kit", CORPUS.kits, ids=lambda kit: kit["id"])
def test_kit_booklet_has_cover_contents_and_fiches_in_order(shipped_site, kit):
    reader = PdfReader(shipped_site.path / urls.kit_pdf(kit["id"]))
    texts = pages_text(reader)
    assert "Kit d'atelier".upper() in texts[0] and squash(kit["titre"]) in squash(texts[0])
    assert texts[1].startswith("Sommaire")
    fiches = [CORPUS.get("fiches", f) for f in kit["fiches"]]
    toc = squash(texts[1])
    positions = [toc.index(squash(f.title)) for f in fiches]
    assert positions == sorted(positions)
    announced = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", texts[1], re.M)]
    # Each fiche starts on a new page whose top is its title, at the page the contents announce.
    starts = [next(i for i, text in enumerate(texts) if i >= 2 and squash(f.title) in squash("".join(text.splitlines()[:4])))
              for f in fiches]
    assert starts == sorted(starts) and starts[0] == 2
    assert announced == [s + 1 for s in starts]
    for fiche, start, end in zip(fiches, starts, starts[1:] + [len(texts)]):
        assert_steps_whole(fiche, texts[start:end])
        assert squash(SITE_URL + fiche.url) in squash("".join(texts[start:end]))
        assert any(qr_matches(image.image, SITE_URL + fiche.url) for page in reader.pages[start:end] for image in page.images)


def test_kits_page_lists_every_kit_with_its_pdf_and_fiches(shipped_site):
    soup = shipped_site.soup("kits/")
    sections = soup.select("section.kit")
    assert [s["data-kit"] for s in sections] == [k["id"] for k in CORPUS.kits]
    for section, kit in zip(sections, CORPUS.kits):
        assert section.h2.get_text() == kit["titre"]
        assert [li["data-fiche-id"] for li in section.select("ol.kit-fiches > li")] == kit["fiches"]
        pdf = section.select_one("a.kit-pdf")
        assert (shipped_site.path / "kits" / pdf["href"]).is_file()
    nav = [a.get_text(strip=True) for a in soup.select(".md-tabs a")]
    assert "Kits" in nav
    assert soup.select_one("a.md-content__button")["href"].endswith("/data/kits.yml")


# --- cache -----------------------------------------------------------------------------------

def _rendered(result: subprocess.CompletedProcess) -> list[str]:
    return re.findall(r"PDF généré : (\S+)", result.stderr)


def test_rebuild_with_one_fiche_changed_renders_exactly_one_pdf(shipped_site, pdf_cache, tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "pdf"
    cache.mkdir(parents=True)
    for pdf in pdf_cache.glob("[0-9a-f]*"):  # filled by the shipped build of this run: same documents
        shutil.copy(pdf, cache)  # (finished PDFs only: other pytest-xdist workers may be writing there)
    monkeypatch.setenv("CENTRE_CACHE", str(cache.parent))
    project = make_project(tmp_path / "project")
    first = build(project)
    assert first.returncode == 0, first.stderr
    assert _rendered(first) == [], "the shipped build's PDFs are reused"
    before = set(cache.iterdir())

    fiche = project / "data" / "fiches" / "conference-familiale.yml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("    description: |\n", "    description: |\n      Étape relue.\n", 1), encoding="utf-8")
    second = build(project)
    assert second.returncode == 0, second.stderr
    assert _rendered(second) == ["fiches/conference-familiale/conference-familiale.pdf"]
    assert len(set(cache.iterdir()) - before) == 1
    assert "Étaperelue." in squash(" ".join(pages_text(project / "site" / "fiches/conference-familiale/conference-familiale.pdf")))



def test_print_jobs_cover_each_fiche_each_falc_and_each_kit():
    jobs = printing.print_jobs(CORPUS, "", SITE_URL, "Centre")
    targets = [job.target for job in jobs]
    assert len(targets) == len(set(targets))
    assert sorted(targets) == sorted(
        [f"fiches/{f}/{f}.pdf" for f in FICHES]
        + [f"{url}{url.split('/')[1]}-facile-a-lire.pdf" for url in FALC]
        + [f"kits/{k['id']}.pdf" for k in CORPUS.kits]
        + [f"supports/{s['id']}/{s['id']}.pdf" for f in CORPUS.records["fiches"].values() for s in f.data.get("supports", [])])
    # A key depends on the document: one character changes it.
    job = jobs[0]
    assert printing.cache_key(job) != printing.cache_key(printing.PrintJob(job.target, job.html + " ", job.base_url))


def test_pdf_builds_without_mkdocs(tmp_path):
    """The core renders a fiche without MkDocs (the site generator can change)."""
    code = ("import sys; sys.modules['mkdocs'] = None\n"
            "from pathlib import Path\nfrom core import corpus, printing\n"
            "c = corpus.load(Path('.'))\nr = c.get('fiches', 'aller-vers')\n"
            f"html = printing.record_document(c, r, '', 'http://x/', 'Centre')\n"
            f"Path({str(tmp_path / 'a.pdf')!r}).write_bytes(printing.render_pdf(html, 'http://x/'))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert squash("Aller vers les personnes") in squash(pages_text(tmp_path / "a.pdf")[0])


def long_steps_fiche(record_id: str = "aller-vers"):
    """A shipped fiche whose steps are three times longer (real sentences from every fiche's steps)."""
    import copy
    import dataclasses
    record = CORPUS.get("fiches", record_id)
    pool = [s["description"] for f in CORPUS.records["fiches"].values() for s in f.data["etapes"]]
    sessions = record.data.get("seances", [])
    # The steps twice over; the second copy in séances of its own, so that every séance still adds up.
    twice = record.data["etapes"] + [dict(step, seance=step["seance"] + len(sessions)) if "seance" in step else step
                                     for step in record.data["etapes"]]
    steps = [dict(step, description="\n".join(pool[(3 * i + k) % len(pool)] for k in range(3)))
             for i, step in enumerate(twice)]
    # Copies, not shared objects: yaml.safe_dump would write shared ones as anchors, which the loader refuses.
    return dataclasses.replace(record, data=dict(record.data, etapes=[copy.deepcopy(s) for s in steps],
                                                 seances=[copy.deepcopy(s) for s in sessions * 2]))


def test_long_steps_move_whole_to_the_next_page():
    record = long_steps_fiche()
    css = (ROOT / "docs" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")

    def texts(stylesheet):
        html = printing.record_document(CORPUS, record, stylesheet, SITE_URL, "Centre")
        from io import BytesIO
        return pages_text(PdfReader(BytesIO(printing.render_pdf(html, SITE_URL))))

    kept = texts(css)
    assert len(kept) > 2
    assert_steps_whole(record, kept)
    # The check is able to fail: without the rule, some step is cut across pages.
    with pytest.raises(AssertionError, match="cut across pages"):
        assert_steps_whole(record, texts(css.replace(".step, .phase,", ".phase,")))


def test_a_pdf_that_cannot_be_rendered_stops_the_build_with_its_name(tmp_path, monkeypatch):
    every = printing.print_jobs(CORPUS, "", SITE_URL, "Centre")
    jobs = [every[0], next(job for job in every if "aller-vers" not in job.target)]  # one breaks, one renders

    def broken(html, base_url):
        if "aller-vers" in base_url:
            raise ValueError("moteur en panne")
        return b"%PDF-1.7 fake\n%%EOF\n"

    monkeypatch.setattr(printing, "render_pdf", broken)
    with pytest.raises(printing.PrintError) as error:
        printing.build_pdfs(jobs, tmp_path / "site", tmp_path / "cache", workers=1)
    assert str(error.value) == (f"{jobs[0].target} : le PDF n'a pas pu être produit (ValueError : moteur en panne)")
    assert [p.name for p in (tmp_path / "cache" / "pdf").iterdir()] == [printing.cache_key(jobs[1])]
    assert not (tmp_path / "site").exists()
