"""Séances as data: French durations read into minutes, every shipped fiche's séances add up, and
``make validate`` names file, line and key of a duration it cannot read or a séance that does not add up."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_loader import GOOD_FICHE, problems, root, write  # noqa: F401 (root is a fixture)

from core import corpus as corpus_module
from core.schema.durations import Duration, format_minutes, read_duration, read_span

CORPUS = corpus_module.load(ROOT)
FICHES = sorted(CORPUS.records["fiches"].values(), key=lambda r: r.id)


@pytest.mark.parametrize(("text", "low", "high", "remark"), [
    ("45 min", 45, 45, ""),
    ("1 h 30", 90, 90, ""),
    ("2 h", 120, 120, ""),
    ("2 h à 3 h", 120, 180, ""),
    ("2 à 3 h", 120, 180, ""),
    ("1 h 30 à 2 h", 90, 120, ""),
    ("30 min à 1 h", 30, 60, ""),
    ("15 min, lors du bilan de la démarche", 15, 15, "lors du bilan de la démarche"),
    ("2 h (réunion de préparation)", 120, 120, "réunion de préparation"),
])
def test_french_durations_read_into_minutes_with_the_remark_apart(text, low, high, remark):
    assert read_duration(text) == Duration(low, high, remark)


@pytest.mark.parametrize("text", ["deux heures", "3 semaines", "1 h 75", "2 h à 1 h", "0 min", "h", "", "2 à 30 min"])
def test_what_is_not_a_duration_is_not_read(text):
    assert read_duration(text) is None


@pytest.mark.parametrize(("text", "low", "high", "recurring"), [
    ("1 à 2 mois", 30, 60, False), ("3 semaines", 21, 21, False), ("1 an", 365, 365, False),
    ("toutes les 6 à 8 semaines, sur un an", 42, 56, True), ("tous les mois", 30, 30, True),
])
def test_calendar_spans_read_into_days(text, low, high, recurring):
    span = read_span(text)
    assert (span.low, span.high, span.recurring) == (low, high, recurring)


@pytest.mark.parametrize("text", ["2 h", "mois", "quelques semaines", "Deux fois par an"])
def test_what_is_not_a_span_is_not_read(text):
    assert read_span(text) is None


def test_minutes_are_written_back_in_french():
    assert [format_minutes(m) for m in (5, 60, 90, 125)] == ["5 min", "1 h", "1 h 30", "2 h 05"]


@pytest.mark.parametrize("fiche", FICHES, ids=lambda r: r.id)
def test_every_shipped_fiche_is_séances_whose_steps_add_up(fiche):
    """Recomputed here from the data, independently of the schema rule."""
    sessions, steps = fiche.data.get("seances", []), fiche.data["etapes"]
    assert sessions, f"{fiche.id}: no séances"
    totals = [0] * len(sessions)
    for step in steps:
        if "seance" in step:
            minutes = read_duration(step["duree"])
            assert minutes and not minutes.is_range, (fiche.id, step["titre"], step["duree"])
            totals[step["seance"] - 1] += minutes.low
        else:
            assert "duree" not in step and read_span(step["delai"]), (fiche.id, step["titre"])
    for session, total in zip(sessions, totals):
        stated = read_duration(session["duree"])
        assert stated and stated.low <= total <= stated.high, (fiche.id, session["titre"], total)
    # The séances' steps follow one another, séance after séance.
    numbers = [step["seance"] for step in steps if "seance" in step]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, len(sessions) + 1)), fiche.id


def test_the_fiches_the_issue_found_wrong_now_hold_together():
    fiche = {r.id: r.data for r in FICHES}
    # aller-vers: 2 to 4 pairs go out, so at least 4 people.
    assert fiche["aller-vers"]["participants"]["min"] == 4
    # croisement-des-savoirs: the day has a break and a meal among its steps.
    assert sum(1 for s in fiche["croisement-des-savoirs"]["etapes"] if s.get("pause")) >= 2
    # conduire-une-action-collective: the later meetings are written out, the rules written once.
    assert len(fiche["conduire-une-action-collective"]["seances"]) >= 4
    rules = [s for s in fiche["conduire-une-action-collective"]["etapes"] if "règles" in s["titre"].lower()]
    assert len(rules) == 1
    # mesurer-l-impact-social: the mid-point and analysis sessions have several timed steps.
    steps = fiche["mesurer-l-impact-social"]["etapes"]
    for number in (3, 4):
        assert sum(1 for s in steps if s.get("seance") == number) >= 3


TIMED = GOOD_FICHE.replace("""etapes:
  - titre: Accueillir
    description: Un tour de table.
""", """seances:
  - titre: Atelier
    duree: 1 h
etapes:
  - titre: Accueillir
    seance: 1
    duree: 15 min
    description: Un tour de table.
  - titre: Décider
    seance: 1
    duree: 45 min
    description: On vote.
""")


def test_a_fiche_whose_steps_add_up_is_accepted(root):  # noqa: F811
    write(root, "fiches/nouvelle.yml", TIMED)
    assert corpus_module.load(root, __import__("datetime").date(2026, 11, 25)).get("fiches", "nouvelle")


BAD = {
    "steps exceed the séance": (
        TIMED.replace("duree: 45 min", "duree: 1 h"),
        ["data/fiches/nouvelle.yml:12: seances[1].duree: les étapes de la séance 1 (« Atelier », étapes 1 à 2) "
         "durent 1 h 15 en tout (15 min + 1 h), pas 1 h : corrigez la durée de la séance ou celles de ses étapes "
         "(les pauses sont des étapes)"]),
    "unreadable step duration": (
        TIMED.replace("duree: 45 min", "duree: trois quarts d'heure"),
        ["data/fiches/nouvelle.yml:20: etapes[2].duree: « trois quarts d'heure » n'est pas une durée lisible : "
         "écrivez par exemple « 45 min », « 1 h 30 », « 2 h » ou une fourchette « 2 h à 3 h », et une remarque "
         "éventuelle après une virgule (« 15 min, au bilan »)"]),
    "a range inside a séance": (
        TIMED.replace("duree: 45 min", "duree: 30 min à 1 h"),
        ["data/fiches/nouvelle.yml:20: etapes[2].duree: « 30 min à 1 h » est une fourchette : une étape d'une séance "
         "dure un nombre précis de minutes (« 20 min »), que l'animateur pourra ajuster"]),
    "unreadable span": (
        TIMED + "  - titre: Agir\n    delai: quelques semaines\n    description: Entre deux séances.\n",
        ["data/fiches/nouvelle.yml:23: etapes[3].delai: « quelques semaines » n'est pas une durée de calendrier "
         "lisible : écrivez par exemple « 3 jours », « 2 semaines », « 1 à 2 mois » ou « toutes les 6 semaines », "
         "et une remarque éventuelle après une virgule"]),
    "a step in no séance": (
        TIMED + "  - titre: Agir\n    description: Entre deux séances.\n",
        ["data/fiches/nouvelle.yml:22: etapes[3]: cette étape n'est rattachée à aucune séance : indiquez « seance » "
         "(le numéro de sa séance, avec sa « duree » en minutes) ou, si elle a lieu entre les séances, « delai » "
         "(« 2 à 4 semaines »)"]),
    "a séance that does not exist": (
        TIMED.replace("seance: 1\n    duree: 45 min", "seance: 2\n    duree: 45 min"),
        ["data/fiches/nouvelle.yml:19: etapes[2].seance: la séance 2 n'existe pas : la fiche déclare 1 séance "
         "(clé « seances »)"]),
    "material per group without the group's size": (
        TIMED.replace("    description: On vote.", "    materiel:\n      - objet: Feutres\n        par: groupe\n"
                                                     "    description: On vote."),
        ["data/fiches/nouvelle.yml:23: etapes[2].materiel[1].par: un objet compté par petit groupe dit combien de "
         "personnes forment un groupe (« Personnes par petit groupe »)"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_séance_that_does_not_hold_is_refused_with_file_line_and_key(root, case):  # noqa: F811
    text, expected = BAD[case]
    write(root, "fiches/nouvelle.yml", text)
    assert problems(root) == expected


# --- the fiche page and its PDF show the séances ---------------------------------------------

def _words(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_fiche_page_shows_each_séance_with_a_timetable_from_its_start(shipped_site):
    soup = shipped_site.soup("fiches/echelle-de-participation/")
    sessions = soup.select("#etapes + .record-section section.seance, section.seance")
    assert [_words(s.select_one(".seance-title")) for s in sessions] == [
        "Séance 1 : Atelier (1 h 30)", "Séance 2 : Retour sur l'échelle au bilan (15 min, lors du bilan de la démarche)"]
    table = sessions[0].select_one("table.seance-minutage")
    starts = [_words(row.td) for row in table.select("tbody tr")]
    assert starts == ["0 h 00", "0 h 15", "0 h 30", "0 h 50", "0 h 55", "1 h 20"]
    assert _words(table.select_one("tfoot td")) == "1 h 30"
    # Each row links to its step, numbered across the whole fiche as the texts refer to them.
    assert [a["href"] for a in table.select("a")] == [f"#etape-{n}" for n in range(1, 7)]
    assert sessions[0].select_one("#etape-4 .step-anime") is not None
    assert "Post-it de deux couleurs : 2 par participant" in _words(sessions[0].select_one("#etape-3 .step-materiel"))


def test_fiche_page_shows_what_happens_between_séances_with_its_span(shipped_site):
    soup = shipped_site.soup("fiches/conduire-une-action-collective/")
    between = soup.select("section.entre-seances")
    assert [_words(b.select_one(".entre-title")) for b in between][:2] == ["Avant la première séance", "Entre les séances"]
    assert _words(between[0].select_one(".step-delai")) == "(1 à 2 mois)"
    assert len(soup.select("section.seance")) == 5
    assert _words(soup.select_one(".parcours-resume")).startswith("5 séances (10 h en tout)")


def test_fiche_pdf_gives_each_step_its_start_time_in_the_séance():
    """On paper the timetable gives way to « (15 min, à 0 h 30) » in each step heading."""
    import io

    from pypdf import PdfReader

    from core import printing

    record = CORPUS.get("fiches", "echelle-de-participation")
    css = (ROOT / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
    document = printing.record_document(CORPUS, record, css, "http://127.0.0.1:8000/", "Centre")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        printing.render_pdf(document, str(ROOT / "docs")))).pages)
    squashed = "".join(text.split())
    assert "SÉANCE1:Atelier(1h30)".lower() in squashed.lower()
    assert "3.Seplacersurl'échelle(20min,à0h30)" in squashed
    assert "Minutagedelaséance" not in squashed  # the screen's table is not printed
