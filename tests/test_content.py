"""Shipped content: every fiche can be run as a workshop, printed references, wording defects of the home page."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, words

from core import corpus as corpus_module

CORPUS = corpus_module.load(ROOT)
FICHES = sorted((r for r in CORPUS.all_records() if r.collection == "fiches"), key=lambda r: r.id)


def _text(node) -> str:
    """Visible text with the render-time French spacing (U+00A0, U+202F) turned into plain spaces."""
    return words(node.get_text(" "))


def test_at_least_twenty_fiches_are_shipped():
    assert len(FICHES) >= 20, [r.id for r in FICHES]


@pytest.mark.parametrize("fiche", FICHES, ids=lambda r: r.id)
def test_every_fiche_is_workshop_ready(fiche):
    data = fiche.data
    missing = [key for key in ("objectif", "quand", "participants", "duree", "preparation", "materiel",
                               "vigilance", "variantes", "ressources") if not data.get(key)]
    assert not missing, f"{fiche.id}: {missing}"
    assert len(data["etapes"]) >= 4, fiche.id
    assert [s["titre"] for s in data["etapes"] if not (s.get("duree") or s.get("delai"))] == [], fiche.id


@pytest.mark.parametrize("fiche", FICHES, ids=lambda r: r.id)
def test_a_fiche_never_sends_the_reader_to_a_support_it_does_not_contain(fiche):
    """« une grille (voir le repère…) » pointed at a grid no repère held: supports live in the fiche itself."""
    for item in fiche.data["materiel"]:
        assert not re.search(r"\bvoir (le|la|les) (repère|fiche|méthode)", item), (fiche.id, item)
        step = re.search(r"voir l'étape (\d+)", item)
        if step:
            assert int(step.group(1)) <= len(fiche.data["etapes"]), (fiche.id, item)


def test_one_spelling_of_co_animer():
    texts = [p.read_text(encoding="utf-8") for p in [*ROOT.glob("data/**/*.yml"), *ROOT.glob("docs/*.md")]]
    assert not [t for t in texts if re.search(r"\bcoanim", t, re.IGNORECASE)]
    assert any("co-anim" in t for t in texts)


def test_printed_reference_is_listed_without_a_link(shipped_site):
    soup = shipped_site.soup("fiches/echelle-de-participation/")
    items = soup.select_one("#ressources + .record-section").select("li")
    arnstein = next(li for li in items if "Arnstein" in li.get_text())
    assert arnstein.find("a") is None
    assert _text(arnstein) == ("Sherry R. Arnstein, « A Ladder of Citizen Participation », "
                               "Journal of the American Institute of Planners, vol. 35, n° 4, 1969")


def test_fiche_page_shows_workshop_facts_and_timed_steps(shipped_site):
    soup = shipped_site.soup("fiches/aller-vers/")
    assert _text(soup.select_one("h1.record-title")) == "Aller vers les personnes qui ne viennent pas"
    facts = {_text(div.dt): _text(div.dd) for div in soup.select("dl.record-facts div.fact")}
    assert facts["Participants"] == "4 à 8 personnes"  # 2 to 4 pairs go out
    assert facts["Durée"].startswith("Préparation 2 h")
    steps = [_text(h) for h in soup.select("ol.steps li.step .step-title")]
    assert len(steps) >= 4 and all(re.search(r"\(.+\)$", s) for s in steps), steps


def test_home_page_credits_the_decree_not_the_metropole(shipped_site):
    text = _text(shipped_site.soup("").select_one("article"))
    assert ("« les capacités des personnes à agir pour elles-mêmes et dans leur environnement » "
            "(extrait du décret relatif à la définition du travail social)") in text
    assert "« développer les capacités" not in text


def test_elected_officials_and_managers_are_sensitised_not_trained(shipped_site):
    text = _text(shipped_site.soup("").select_one(".axe-former"))
    assert "sensibiliser les élus et les managers" in text
    assert "les managers et les élus au développement" not in text


def test_engagement_page_uses_french_quotes(shipped_site):
    article = shipped_site.soup("engagement/").select_one("article")
    for code in article.select("code, pre"):
        code.decompose()
    text = _text(article)
    assert '"' not in text
    assert "« faire avec » et de « faire ensemble »" in text
