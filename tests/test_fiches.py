"""The fiches added for issue 13: the subjects they cover, their pages, their kits, how references are cited."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, words

from core import corpus as corpus_module

CORPUS = corpus_module.load(ROOT)
NEW = ("representer-les-allocataires-du-rsa", "faire-vivre-le-conseil-de-la-vie-sociale",
       "sieger-dans-les-instances-nationales-et-regionales", "theatre-forum",
       "budget-participatif-et-fonds-d-habitants", "organisation-collective-community-organizing")
# The established French references issue 13 lists, each with a phrase only a fiche about it would carry.
SUBJECTS = {
    "RSA recipients in the équipes pluridisciplinaires": "représentants des bénéficiaires du RSA",
    "conseils de la vie sociale": "conseil de la vie sociale",
    "the CNLE's 5e collège": "5e collège",
    "regional participation bodies": "conseils régionaux des personnes accueillies ou accompagnées",
    "médiateurs de santé pairs": "médiateurs de santé pairs",
    "Un chez-soi d'abord": "Un chez-soi d'abord",
    "théâtre-forum": "théâtre-forum",
    "budget participatif": "budget participatif",
    "community organizing": "community organizing",
}


def _fiche_text(record) -> str:
    return words(yaml.safe_dump(record.data, allow_unicode=True, width=10_000)).replace("\n", " ")


@pytest.mark.parametrize("subject", SUBJECTS, ids=str)
def test_each_listed_reference_has_a_fiche_about_it(subject):
    phrase = SUBJECTS[subject]
    fiches = [r for r in CORPUS.all_records() if r.collection == "fiches"]
    assert [r.id for r in fiches if phrase.lower() in _fiche_text(r).lower()], subject


def test_every_printed_reference_gives_its_year_or_is_an_article_of_a_code():
    """Point 1 of the issue: author, title, publisher or body, year. A code article has no year of its own."""
    undated = [(r.id, res["titre"]) for r in CORPUS.all_records() for res in r.data.get("ressources", [])
               if not res.get("url") and not res.get("fichier")
               and not re.search(r"\b(1[89]|20)\d\d\b", res["titre"]) and not res["titre"].startswith("Code ")]
    assert undated == []


@pytest.mark.parametrize("fiche_id", NEW)
def test_new_fiche_page_shows_group_size_duration_timed_steps_and_unlinked_references(shipped_site, fiche_id):
    soup = shipped_site.soup(f"fiches/{fiche_id}/")
    facts = {words(div.dt.get_text(" ")): words(div.dd.get_text(" ")) for div in soup.select("dl.record-facts div.fact")}
    record = CORPUS.get("fiches", fiche_id)
    assert facts["Participants"] == f"{record.data['participants']['min']} à {record.data['participants']['max']} personnes"
    assert facts["Durée"] == words(record.data["duree"])
    steps = [words(h.get_text(" ")) for h in soup.select("ol.steps li.step .step-title")]
    assert len(steps) >= 4 and all(re.search(r"\(.+\)$", s) for s in steps), steps
    references = soup.select_one("#ressources + .record-section").select("li")
    assert [words(li.get_text(" ")) for li in references] == [words(r["titre"]) for r in record.data["ressources"]]
    assert all(li.find("a") is None for li in references)


def test_kits_page_lists_the_new_kits_with_their_fiches_in_order_and_their_booklet(shipped_site):
    kits = yaml.safe_load((ROOT / "data" / "kits.yml").read_text(encoding="utf-8"))
    soup = shipped_site.soup("kits/")
    placed = set()
    for kit in kits:
        section = soup.select_one(f'section.kit[data-kit="{kit["id"]}"]')
        assert [li["data-fiche-id"] for li in section.select("ol.kit-fiches > li")] == kit["fiches"]
        pdf = section.select_one("a.kit-pdf")
        assert words(pdf.get_text(" ")).endswith(f"{len(kit['fiches'])} fiches)")
        assert (shipped_site.path / "kits" / pdf["href"]).is_file()
        placed.update(kit["fiches"])
    assert set(NEW) <= placed
