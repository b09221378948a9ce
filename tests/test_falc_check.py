"""The FALC check (core/falc.py), the review fields and the « à confirmer par l'équipe » marks (core/confirm.py).

Unit tests of each rule on short texts (what it flags, what it leaves alone); the check wired into
loading (file:line:key) so that ``scripts/validate.py`` and the strict build stop; then the shipped
site: at least ten easy-to-read texts, each saying it is not reviewed yet, and the practices
showing their marked values and the invitation to complete them.
"""

from __future__ import annotations

import datetime
import posixpath
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, words

from core import confirm, falc, urls
from core.corpus import load
from core.problems import DataError

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "site" / "data"
TODAY = datetime.date(2026, 11, 25)
CORPUS = load(ROOT)
FALC_RECORDS = [r for r in CORPUS.all_records() if "falc" in r.data]
MARKED = [r for r in CORPUS.all_records() if r.data.get(confirm.FIELD)]

LONG = ("Vous pouvez venir à la réunion du comité avec une personne de votre choix pour vous aider "
        "à comprendre les documents et à bien parler.")  # 25 words


def messages(text: str) -> list[str]:
    return [message for _, message in falc.problems_in(text)]


# --- each rule ---------------------------------------------------------------------------------

def test_a_25_word_sentence_is_refused_and_15_words_pass():
    assert len(LONG.split()) == 25
    assert messages(LONG) == ["phrase trop longue (25 mots, 15 au plus) : coupez-la en deux phrases plus courtes, "
                              "une idée par phrase (« Vous pouvez venir à la réunion du… »)"]
    assert messages(" ".join(LONG.split()[:15]) + ".") == []


def test_words_are_counted_like_a_reader_counts_them():
    # « l'équipe », « c'est-à-dire » are one word each; punctuation alone is none.
    assert falc.words("C'est l'équipe qui décide, c'est-à-dire vous : d'accord ?") == [
        "C'est", "l'équipe", "qui", "décide,", "c'est-à-dire", "vous", "d'accord"]
    # Headings and list items are sentences of their own, even without a full stop.
    heading = "## " + " ".join(["mot"] * 16)
    item = "- " + " ".join(["mot"] * 16)
    assert len(messages(heading)) == 1 and len(messages(item)) == 1
    assert messages("- mot mot mot,\n- mot mot mot.") == []


def test_an_unexplained_abbreviation_is_refused():
    assert messages("Par exemple le RSA.") == [
        "sigle « RSA » sans explication dans ce texte : écrivez la première fois « RSA veut dire … » ou "
        "« RSA (les mots en entier) », ou n'utilisez pas ce sigle"]
    assert len(messages("Elle peut vous aider pour un CV.")) == 1


@pytest.mark.parametrize("text", [
    "Par exemple le RSA.\n\nRSA veut dire revenu de solidarité active.",
    "Le RSA (revenu de solidarité active) vous aide.",
    "Le revenu de solidarité active (RSA) vous aide. Le RSA change parfois.",
    "Vous écrivez à la CAF. CAF signifie caisse d'allocations familiales.",
])
def test_an_explained_abbreviation_is_accepted(text):
    assert messages(text) == []


@pytest.mark.parametrize("text", [
    "Vos frais doivent être payés.",
    "Une autre réunion est prévue plus tard.",
    "Les documents sont envoyés avant la réunion.",
    "Le texte a été écrit.",
])
def test_a_passive_that_hides_who_acts_is_refused(text):
    assert len(messages(text)) == 1 and "ne dit pas qui agit" in messages(text)[0]


@pytest.mark.parametrize("text", [
    "Vos frais sont payés par la Métropole.",  # the agent is named
    "Les organisateurs paient vos frais.",
    "Vous êtes seul.",
    "Vous n'êtes pas obligé de raconter votre vie.",
    "Il est venu hier.",
    "Ils se sont réunis.",
    "Vous êtes d'accord.",
    "C'est l'été.",
    "La réunion est longue.",
    "Vous êtes concernés par ces aides.",
])
def test_ordinary_sentences_are_not_taken_for_passives(text):
    assert messages(text) == []


def test_numbers_in_letters_are_refused_digits_and_un_une_accepted():
    assert messages("Il y a trois ateliers.") == [
        "nombre écrit en lettres « trois » : écrivez-le en chiffres (3), c'est plus facile à lire"]
    assert len(messages("Vous êtes dix-huit.")) == 1
    assert messages("Il y a 3 ateliers. Une personne vous aide. Un groupe se réunit.") == []
    assert messages("Un lieu neuf.") == []  # « neuf » is also « new »
    assert len(messages("Neuf personnes viennent.")) == 1


# --- wired into loading: file, line, key -------------------------------------------------------

@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


P = "data/pratiques/atelier-parents.yml"


def add(root: Path, text: str) -> int:
    """Append ``text`` to the fixture practice; returns the number of its first appended line."""
    path = root / "data" / "pratiques" / "atelier-parents.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + textwrap.dedent(text), encoding="utf-8")
    return before.count("\n") + 1


def errors(root: Path) -> list[str]:
    try:
        load(root, TODAY)
    except DataError as error:
        return [str(p) for p in error.problems if p.level == "erreur"]
    return []


def test_falc_problems_name_file_line_and_key(root):
    first = add(root, f"""\
        falc: |
          ## Le groupe

          Vous venez si vous voulez.

          {LONG}

          Par exemple le RSA.
        """)
    found = errors(root)
    assert found == [
        f"{P}:{first + 5}: falc: phrase trop longue (25 mots, 15 au plus) : coupez-la en deux phrases plus courtes, "
        "une idée par phrase (« Vous pouvez venir à la réunion du… »)",
        f"{P}:{first + 7}: falc: sigle « RSA » sans explication dans ce texte : écrivez la première fois « RSA veut "
        "dire … » ou « RSA (les mots en entier) », ou n'utilisez pas ce sigle",
    ]


def test_review_needs_its_date_and_a_group_not_a_person(root):
    first = add(root, """\
        falc: |
          Vous venez si vous voulez.
        falc_relu_par: Karim Benali
        """)
    assert errors(root) == [
        f"{P}:{first + 2}: falc_relu_par: indiquez aussi « falc_relu_le », la date de la relecture par ce groupe "
        "(AAAA-MM-JJ)"]
    assert falc_date_alone(root) == [
        f"{P}:{first + 2}: falc_relu_le: indiquez aussi « falc_relu_par », le groupe de personnes concernées qui a "
        "relu le texte"]
    path = root / "data" / "pratiques" / "atelier-parents.yml"
    path.write_text(path.read_text(encoding="utf-8") + "falc_relu_le: 2026-10-02\n", encoding="utf-8")
    assert errors(root) == [
        f"{P}:{first + 2}: falc_relu_par: « Karim Benali » ressemble au nom d'une personne : indiquez le groupe "
        "qui a relu (« le comité de participation »), jamais une personne"]


def falc_date_alone(root: Path) -> list[str]:
    """The errors once the group is swapped for its date: a date alone names no reviewer either."""
    path = root / "data" / "pratiques" / "atelier-parents.yml"
    kept = path.read_text(encoding="utf-8")
    path.write_text(kept.replace("falc_relu_par: Karim Benali", "falc_relu_le: 2026-10-02"), encoding="utf-8")
    try:
        return errors(root)
    finally:
        path.write_text(kept, encoding="utf-8")


def test_a_recorded_review_is_shown_instead_of_the_invitation(root):
    add(root, """\
        falc: |
          Vous venez si vous voulez.
        falc_relu_par: le comité de participation
        falc_relu_le: 2026-10-02
        """)
    corpus = load(root, TODAY)
    data = corpus.get("pratiques", "atelier-parents").data
    assert falc.reviewed(data) == "Relu par le comité de participation le 02/10/2026."
    assert "pas encore été relu" not in falc.review_note(data, "pratiques/atelier-parents/", None)


def test_marks_must_name_a_filled_key_of_the_record(root):
    first = add(root, """\
        a_confirmer:
          - statut
          - objectifs[1]
          - statu
          - resultats
          - objectifs[4]
          - statut[2]
          - Statut !
        """)
    assert errors(root) == [
        f"{P}:{first + 3}: a_confirmer[3]: « statu » n'est pas une clé de ce fichier. Vouliez-vous dire « statut » ?",
        f"{P}:{first + 4}: a_confirmer[4]: « resultats » n'est pas rempli dans ce fichier : on ne peut confirmer "
        "qu'une valeur donnée (laissez vide ce que la source ne dit pas)",
        f"{P}:{first + 5}: a_confirmer[5]: « objectifs » a 1 élément : il n'y a pas d'élément n° 4",
        f"{P}:{first + 6}: a_confirmer[6]: « statut » n'est pas une liste : écrivez « statut » sans numéro",
        f"{P}:{first + 7}: a_confirmer[7]: « Statut ! » : écrivez le nom d'une clé de la fiche (« statut ») ou un "
        "élément de liste avec son numéro (« objectifs[2] »)",
    ]


def test_validate_command_stops_on_a_bad_falc_text(root):
    first = add(root, f"falc: |\n  {LONG}\n")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{P}:{first + 1}: falc: phrase trop longue (25 mots" in result.stdout + result.stderr


def test_strict_build_stops_on_a_bad_falc_text(root, tmp_path):
    from conftest import make_project
    project = make_project(tmp_path / "project", root / "data")
    path = project / "data" / "pratiques" / "atelier-parents.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "falc: |\n  Par exemple le RSA.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config",
                             str(project / "mkdocs.yml"), "--sortie", str(project / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{P}:{before.count(chr(10)) + 2}: falc: sigle « RSA » sans explication" in result.stdout + result.stderr
    assert not (project / "site").exists()


# --- the shipped data and site -----------------------------------------------------------------

def test_at_least_ten_shipped_records_have_a_falc_text_that_passes_the_check():
    assert len(FALC_RECORDS) >= 10
    for record in FALC_RECORDS:
        assert falc.problems_in(record.data["falc"]) == [], record.path
        # No review really happened for the shipped texts: nothing may claim one.
        assert "falc_relu_par" not in record.data and "falc_relu_le" not in record.data, record.path


def test_each_easy_to_read_page_says_it_is_not_reviewed_yet_and_invites_to_organise_it(shipped_site):
    for record in FALC_RECORDS:
        for url in (urls.easy_read(record), record.url):
            soup = shipped_site.soup(url)
            note = soup.select_one(".falc-review-todo")
            assert note is not None, url
            assert "Ce texte n'a pas encore été relu par des personnes concernées." in words(note.get_text()), url
            links = {posixpath.normpath(posixpath.join(url, a["href"])) for a in note.select("a")}
            assert links == {"contribuer/#relecture-falc", "fiches/ecrire-en-falc"}, url


def test_the_guide_has_the_sections_the_invitations_link_to(shipped_site):
    soup = shipped_site.soup("contribuer/")
    assert soup.find(id="relecture-falc") is not None and soup.find(id="completer-une-pratique") is not None


def test_practices_show_their_marked_values_and_the_invitation(shipped_site):
    assert {r.collection for r in MARKED} == {"pratiques"} and len(MARKED) == 3
    for record in MARKED:
        soup = shipped_site.soup(record.url)
        box = soup.select_one("aside.a-completer")
        assert box is not None, record.url
        text = words(box.get_text())
        assert "Cette page est à compléter par l'équipe qui mène l'action" in text
        assert "Il manque aussi : résultats, indicateurs, témoignages, contact." in text
        assert box.select_one('a[href$="contribuer/#completer-une-pratique"]') is not None
        # The forge is configured for the shipped site: the box links the record's file there.
        assert box.select_one(f'a[href$="/edit/main/{record.path}"]') is not None, record.url
        facts = {words(div.dt.get_text()): words(div.dd.get_text()) for div in soup.select(".record-facts .fact")}
        for key, positions in confirm.marks(record.data).items():
            if None in positions:
                from core.pages import label
                assert facts[label("pratiques", key)].endswith("(à confirmer par l'équipe)"), (record.url, key)
            else:
                section = soup.find(id="objectifs").find_next("ul")
                items = [words(li.get_text()) for li in section.find_all("li")]
                for i, item in enumerate(items):
                    assert item.endswith("(à confirmer par l'équipe)") == (i in positions), (record.url, item)
        # Unmarked facts stay plain.
        assert not facts["Porteurs"].endswith("(à confirmer par l'équipe)")


def test_a_practice_card_marks_its_participation_level(shipped_site):
    soup = shipped_site.soup("pratiques/")
    for record in MARKED:
        labels = words(soup.select_one(f'article[data-id="{record.id}"] .card-labels').get_text())
        # After the level, outside its unbreakable span: the mark wraps on a narrow card.
        assert labels.endswith("Niveau de participation : " + CORPUS.label(
            "niveaux-participation", record.data["niveau_participation"]) + " (à confirmer)"), labels
