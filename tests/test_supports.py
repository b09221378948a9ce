"""Printable supports of fiches: pages /supports/<id>/, their A4 PDFs with the QR code back, fiche
sections, the index, kit booklets, « mon kit », and the loader's checks of support ids."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, words
from pypdf import PdfReader
from test_print import A4, CORPUS, SITE_URL, pages_text, qr_matches, squash

from core import corpus as corpus_module
from core import printing, urls
from core.problems import DataError
from core.supports import all_supports, supports_of

SUPPORTS = all_supports(CORPUS)
FIXTURE = corpus_module.load(FIXTURES / "site")
FIXTURE_SUPPORTS = all_supports(FIXTURE)


def _size(page) -> tuple:
    return tuple(round(float(v)) for v in page.mediabox[2:])


def test_at_least_eight_supports_with_unique_ids():
    assert len(SUPPORTS) >= 8
    assert len({s.id for s in SUPPORTS}) == len(SUPPORTS)


@pytest.mark.parametrize("support", SUPPORTS, ids=lambda s: s.id)
def test_support_page_links_its_pdf_and_its_fiche(shipped_site, support):
    soup = shipped_site.soup(support.url)
    assert words(soup.select_one("h1.support-title").get_text()) == support.title
    pdf = soup.select_one("a.support-pdf")
    assert pdf.has_attr("download")
    assert (shipped_site.path / support.url / pdf["href"]).resolve() == (shipped_site.path / support.pdf).resolve()
    assert (shipped_site.path / support.pdf).is_file()
    back = soup.select_one(".support-back a")
    assert (shipped_site.path / support.url / back["href"]).resolve() == (shipped_site.path / support.fiche.url).resolve()
    assert support.fiche.title in words(back.get_text())
    # The print button (shown by kit.js), the usage for the facilitator, and on the sheet the way back.
    assert soup.select_one(".support-tools button[data-print]") is not None
    assert words(soup.select_one(".support-usage").get_text()).endswith(support.data["usage"])
    footer = soup.select_one(".support-page > .record-print-footer")
    assert SITE_URL + support.url in footer.get_text()
    # Out of the navigation, like a record page.
    assert not [a for a in soup.select(".md-nav a") if a.get("href", "").rstrip("/").endswith(support.id)]


@pytest.mark.parametrize("support", SUPPORTS, ids=lambda s: s.id)
def test_support_pdf_is_one_a4_sheet_with_its_address_and_qr_code(shipped_site, support):
    reader = PdfReader(shipped_site.path / support.pdf)
    assert len(reader.pages) == 1, f"{support.pdf} tient sur {len(reader.pages)} pages"
    expected = A4 if support.orientation == "portrait" else A4[::-1]
    assert _size(reader.pages[0]) == expected
    text = squash(pages_text(reader)[0])
    assert squash(support.title) in text
    address = SITE_URL + support.url
    assert squash(address) in text
    assert any(qr_matches(image.image, address) for image in reader.pages[0].images)
    # A QR code to another address does not match: the check can fail.
    assert not any(qr_matches(image.image, SITE_URL + support.fiche.url) for image in reader.pages[0].images)


def test_ladder_poster_is_landscape_and_draws_every_level_from_the_vocabulary(shipped_site):
    poster = next(s for s in SUPPORTS if s.data.get("illustration") == "echelle-participation")
    assert poster.orientation == "paysage"
    levels = CORPUS.vocabularies["niveaux-participation"]
    soup = shipped_site.soup(poster.url)
    steps = soup.select("ol.support-ladder > li")
    assert [li["data-niveau"] for li in steps] == list(levels)
    assert [words(li.select_one(".support-ladder-label").get_text()) for li in steps] == [t.label for t in levels.values()]
    text = squash(pages_text(shipped_site.path / poster.pdf)[0])
    for term in levels.values():
        assert squash(term.label) in text and squash(term.description) in text


def test_fiche_page_lists_its_supports_with_page_and_pdf(shipped_site):
    fiches = {s.fiche.id: s.fiche for s in SUPPORTS}
    for fiche in fiches.values():
        soup = shipped_site.soup(fiche.url)
        heading = soup.select_one("h2#supports-a-imprimer")
        assert words(heading.contents[0]) == "Supports à imprimer"
        items = heading.find_next("ul", class_="supports-list").select("li.support-item")
        assert [li["data-support"] for li in items] == [s.id for s in supports_of(fiche)]
        for li, support in zip(items, supports_of(fiche)):
            page = li.select_one("a.support-link")
            assert words(page.get_text()) == support.title
            assert (shipped_site.path / fiche.url / page["href"] / "index.html").is_file()
            assert (shipped_site.path / fiche.url / li.select_one("a.support-item-pdf")["href"]).is_file()
    # A fiche without supports has no such section.
    bare = next(r for r in CORPUS.records["fiches"].values() if not r.data.get("supports"))
    assert shipped_site.soup(bare.url).select("h2#supports-a-imprimer, .supports-list") == []


def test_supports_index_groups_every_support_by_fiche_and_is_linked_from_the_kits(shipped_site):
    soup = shipped_site.soup(urls.SUPPORTS)
    assert words(soup.select_one("article h1").get_text()) == "Supports à imprimer"
    listed = [li["data-support"] for li in soup.select(".supports-group li.support-item")]
    assert sorted(listed) == sorted(s.id for s in SUPPORTS)
    for group in soup.select(".supports-group"):
        fiche = CORPUS.get("fiches", group["data-fiche"])
        assert [li["data-support"] for li in group.select("li.support-item")] == [s.id for s in supports_of(fiche)]
    kits = shipped_site.soup("kits/")
    assert any(a["href"].rstrip("/").endswith("supports") for a in kits.select(".kit-supports a"))


def test_fiche_mentions_of_supports_point_to_them():
    """The fiches that cited a missing template now name the support printed with them."""
    for fiche_id, support_id in (("reconnaitre-et-defrayer-la-participation", "attestation-de-participation"),
                                 ("formation-action-ici-et-maintenant", "grille-d-analyse-de-situation")):
        fiche = CORPUS.get("fiches", fiche_id)
        assert support_id in [s.id for s in supports_of(fiche)]
        assert any(re.search(r"supports? à imprimer", item) for item in fiche.data["materiel"])


def test_defraiement_sheet_asks_only_what_is_needed():
    sheet = next(s for s in SUPPORTS if s.id == "feuille-de-defraiement")
    text = sheet.data["contenu"].lower()
    for unneeded in ("naissance", "sécurité sociale", "numéro allocataire", "numéro caf", "adresse", "téléphone"):
        assert unneeded not in text


@pytest.mark.parametrize("kit", [k for k in CORPUS.kits if any(supports_of(CORPUS.get("fiches", f)) for f in k["fiches"])],
                         ids=lambda kit: kit["id"])
def test_kit_booklet_prints_each_support_after_its_fiche(shipped_site, kit):
    reader = PdfReader(shipped_site.path / urls.kit_pdf(kit["id"]))
    texts = pages_text(reader)
    tops = [squash("".join(t.splitlines()[:4])) for t in texts]
    position = 2  # after the cover and the contents
    for fiche_id in kit["fiches"]:
        fiche = CORPUS.get("fiches", fiche_id)
        position = next(i for i in range(position, len(texts)) if squash(fiche.title) in tops[i])
        for support in supports_of(fiche):
            # Each support on a page of its own after its fiche, in its orientation, with its QR code.
            page = next(i for i in range(position + 1, len(texts)) if squash(support.title) in tops[i])
            expected = A4 if support.orientation == "portrait" else A4[::-1]
            assert _size(reader.pages[page]) == expected
            assert any(qr_matches(image.image, SITE_URL + support.url) for image in reader.pages[page].images)
            position = page


def test_print_jobs_give_one_pdf_per_support():
    targets = [job.target for job in printing.print_jobs(CORPUS, "", SITE_URL, "Centre")]
    assert [t for t in targets if t.startswith(urls.SUPPORTS)] == [s.pdf for s in SUPPORTS]


# --- the fixture site: a support and a hostile one -----------------------------------------

def test_fixture_site_builds_its_supports_with_text_kept_as_text(fixture_site):
    assert [s.id for s in FIXTURE_SUPPORTS] == ["feuille-d-emargement", "support-hostile"]
    for support in FIXTURE_SUPPORTS:
        assert (fixture_site.path / support.pdf).is_file()
        assert PdfReader(fixture_site.path / support.pdf).pages
    soup = fixture_site.soup("supports/support-hostile/")
    sheet = soup.select_one(".support-sheet")
    assert sheet.select("script, b, img") == []
    assert "<script>alert('support')</script> {{ config.site_name }}" == words(sheet.select_one("h1").get_text())
    assert "{{ 7*7 }}" in sheet.get_text()
    assert not [a for a in sheet.select("a") if "javascript" in a.get("href", "")]
    # A heading of level 1 in the content sits under the sheet's title.
    assert sheet.select("h1") == [sheet.select_one("h1.support-title")]
    assert _size(PdfReader(fixture_site.path / "supports/support-hostile/support-hostile.pdf").pages[0]) == A4[::-1]
    index = fixture_site.soup(urls.SUPPORTS)
    assert [g["data-fiche"] for g in index.select(".supports-group")] == ["fiche-hostile"]


# --- loader checks --------------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "data", tmp_path / "data")
    return tmp_path


def _messages(root: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        corpus_module.load(root)
    return [str(p) for p in error.value.problems if p.level == "erreur"]


def test_a_support_id_used_twice_is_refused_with_file_and_line(tmp_path):
    root = _project(tmp_path)
    other = root / "data" / "fiches" / "animer-un-groupe.yml"
    other.write_text(other.read_text(encoding="utf-8") + (
        "supports:\n  - id: support-hostile\n    titre: Une feuille\n    usage: Une phrase sur son usage.\n"
        "    contenu: Le contenu de la feuille.\n"), encoding="utf-8")
    line = other.read_text(encoding="utf-8").splitlines().index("  - id: support-hostile") + 1
    first = (root / "data/fiches/fiche-hostile.yml").read_text(encoding="utf-8").splitlines().index(
        "  - id: support-hostile") + 1
    # Fiches are read in file order: the second use (fiche-hostile, after animer-un-groupe) is the one refused.
    assert _messages(root) == [
        f"data/fiches/fiche-hostile.yml:{first}: supports[2].id: le support « support-hostile » existe déjà "
        f"(data/fiches/animer-un-groupe.yml, ligne {line}) : chaque support a un identifiant unique sur tout le site"]


def test_a_malformed_support_is_refused_with_file_and_line(tmp_path):
    root = _project(tmp_path)
    fiche = root / "data" / "fiches" / "fiche-hostile.yml"
    text = fiche.read_text(encoding="utf-8")
    text = text.replace("id: feuille-d-emargement", "id: Feuille d'émargement")
    text = text.replace("    usage: À faire circuler", "    orientation: verticale\n    usage: À faire circuler")
    fiche.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    messages = _messages(root)
    id_line = lines.index("  - id: Feuille d'émargement") + 1
    orientation_line = lines.index("    orientation: verticale") + 1
    assert any(m.startswith(f"data/fiches/fiche-hostile.yml:{orientation_line}: supports[1].orientation: "
                            "« verticale » n'est pas une valeur permise (portrait, paysage).") for m in messages)
    # The id is checked once the support is valid: fix the orientation and the id is reported.
    fiche.write_text(text.replace("    orientation: verticale\n", ""), encoding="utf-8")
    assert _messages(root) == [f"data/fiches/fiche-hostile.yml:{id_line}: supports[1].id: identifiant "
                               "« Feuille d'émargement » invalide : minuscules sans accents, chiffres et tirets simples"]


def test_supports_are_declared_once_in_the_schema_and_documented():
    from core.schema import FICHE, json_schema
    item = FICHE.fields["supports"].type.item
    assert set(item.fields) == {"id", "titre", "usage", "orientation", "illustration", "contenu"}
    schema = json_schema("fiches")["properties"]["supports"]
    assert schema["items"]["properties"]["orientation"]["enum"] == ["portrait", "paysage"]
    reference = (ROOT / "docs-dev" / "format.md").read_text(encoding="utf-8")
    assert "supports[].contenu" in reference


def test_support_pdf_renders_without_mkdocs_in_the_core():
    """The support's document is made by the core from the corpus alone."""
    support = SUPPORTS[0]
    html = printing.support_document(CORPUS, support, "", SITE_URL, "Centre")
    assert f'data-support-id="{support.id}"' in html and "record-qr" in html
    assert io.BytesIO(printing.render_pdf(html, SITE_URL + support.url)).getvalue().startswith(b"%PDF")
