"""The FALC check (core/falc.py, core/falc_rules.py), the review fields and the « à confirmer par l'équipe » marks (core/confirm.py).

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

from core import confirm, falc, falc_rules, urls
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
    return [message for _, message in falc_rules.problems_in(text)]


# --- each rule ---------------------------------------------------------------------------------

def test_a_25_word_sentence_is_refused_and_15_words_pass():
    assert len(LONG.split()) == 25
    assert messages(LONG) == ["phrase trop longue (25 mots, 15 au plus) : coupez-la en deux phrases plus courtes, "
                              "une idée par phrase (« Vous pouvez venir à la réunion du… »)"]
    assert messages(" ".join(LONG.split()[:15]) + ".") == []


def test_words_are_counted_like_a_reader_counts_them():
    # « l'équipe », « c'est-à-dire » are one word each; punctuation alone is none.
    assert falc_rules.words("C'est l'équipe qui décide, c'est-à-dire vous : d'accord ?") == [
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


def test_an_abbreviation_explained_only_after_its_first_use_is_refused():
    assert messages("Par exemple le RSA.\n\nRSA veut dire revenu de solidarité active.") == [
        "sigle « RSA » expliqué plus loin seulement : expliquez-le dès sa première utilisation (« RSA veut dire … » "
        "dans la même phrase, ou « … (RSA) »)"]
    # A heading counts as a first use: « Le FALC, c'est quoi ? » then its explanation is too late.
    assert len(messages("## Le FALC, c'est quoi ?\n\nFALC veut dire facile à lire et à comprendre.")) == 1


@pytest.mark.parametrize("text", [
    "Le RSA veut dire revenu de solidarité active.",
    "Le RSA (revenu de solidarité active) vous aide.",
    "Le revenu de solidarité active (RSA) vous aide. Le RSA change parfois.",
    "Vous écrivez à la CAF, CAF signifie caisse d'allocations familiales.",
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


def test_negative_sentences_beyond_the_cap_are_refused():
    two = "Vous n'êtes pas seul. Rien ne change pour vos aides."
    assert falc_rules.MAX_NEGATIONS == 2 and messages(two) == []
    found = messages(two + "\n\nVous ne payez jamais.\n\n- Personne ne vous juge.")
    assert len(found) == 2 and all(m.startswith("phrase négative n° ") for m in found)
    assert found[0].startswith("phrase négative n° 3 de ce texte (4 en tout, 2 au plus) : dites-le en positif")
    # « non » gives a choice; « plus » compares and « personne » is a noun without « ne ».
    assert messages(two + " Vous pouvez dire non. Plus tard, une personne vous appelle. Vous venez sans payer.") == []


def test_a_heading_in_capitals_is_refused():
    assert messages("## VOS DROITS\n\nVous choisissez.") == [
        "titre en capitales « VOS DROITS » : les capitales se lisent mal, écrivez-le en minuscules avec une "
        "majuscule au début"]
    assert messages("## Vos droits\n\nVous choisissez.") == []
    assert messages("## Le RSA (revenu de solidarité active)\n\nVous choisissez.") == []


def commitments(text: str, full: str) -> list[str]:
    return [word for _, word, _ in falc_rules.unsupported_commitments(text, full)]


@pytest.mark.parametrize("text", [
    "Les organisateurs doivent payer vos frais.",
    "Le service doit vous payer.",
    "Les élus promettent de répondre.",
    "Ce que les organisateurs vous garantissent",
    "Cette relecture est obligatoire.",
    "Vous n'êtes pas obligé de parler.",
])
def test_an_obligation_or_guarantee_word_the_full_text_does_not_state_is_refused(text):
    assert len(commitments(text, "Les organisateurs peuvent rembourser les transports.")) == 1
    # The same family about something else is not the same obligation.
    assert len(commitments(text, "Les organisateurs doivent vérifier les règles. Rien n'est garanti ni promis. "
                                 "Un accord écrit est obligatoire.")) == 1


@pytest.mark.parametrize(("text", "full"), [
    ("Les organisateurs doivent payer vos frais.", "Les frais doivent être payés sans avance."),
    ("Le service doit vous rembourser.", "La structure doit rembourser les frais réellement engagés."),
    ("Les élus promettent de répondre.", "Les décideurs promettent une réponse écrite : ils répondront."),
    ("Cette relecture est obligatoire.", "La relecture par des personnes concernées est une étape obligatoire."),
    ("Vous n'êtes pas obligé de parler.", "Personne n'est obligé de parler de sa situation."),
    ("Vous pouvez demander le remboursement.", ""),  # no commitment word at all
])
def test_an_obligation_the_full_text_states_is_accepted(text, full):
    assert commitments(text, full) == []


def test_the_full_text_is_every_field_but_the_easy_to_read_ones():
    data = {"titre": "T", "falc": "Vous devez payer.", "falc_titre": "Payer", "mots_cles": ["doit payer"],
            "etapes": [{"titre": "Accueil", "description": "Les organisateurs doivent payer les transports."}]}
    assert falc.full_text(data) == "T\n\nAccueil\n\nLes organisateurs doivent payer les transports."
    assert falc.commitment_problems("Ils doivent payer.", data) == []
    assert len(falc.commitment_problems("Ils doivent payer.", {**data, "etapes": []})) == 1


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
        falc_titre: Le groupe des parents
        falc: |
          ## Le groupe

          Vous venez si vous voulez.

          {LONG}

          Par exemple le RSA.
        """)
    found = errors(root)
    assert found == [
        f"{P}:{first + 6}: falc: phrase trop longue (25 mots, 15 au plus) : coupez-la en deux phrases plus courtes, "
        "une idée par phrase (« Vous pouvez venir à la réunion du… »)",
        f"{P}:{first + 8}: falc: sigle « RSA » sans explication dans ce texte : écrivez la première fois « RSA veut "
        "dire … » ou « RSA (les mots en entier) », ou n'utilisez pas ce sigle",
    ]


def test_review_needs_its_date_and_a_group_not_a_person(root):
    first = add(root, """\
        falc_titre: Le groupe des parents
        falc: |
          Vous venez si vous voulez.
        falc_relu_par: Karim Benali
        """) + 1
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
        falc_titre: Le groupe des parents
        falc: |
          Vous venez si vous voulez.
        falc_relu_par: le comité de participation
        falc_relu_le: 2026-10-02
        """)
    corpus = load(root, TODAY)
    data = corpus.get("pratiques", "atelier-parents").data
    assert falc.reviewed(data) == "Relu par le comité de participation le 02/10/2026."
    assert "pas encore été relu" not in falc.review_note(data, "pratiques/atelier-parents/", None)


def test_an_easy_to_read_text_needs_its_easy_to_read_title(root):
    first = add(root, """\
        falc: |
          Vous venez si vous voulez.
        """)
    assert errors(root) == [f"{P}:{first}: falc: indiquez aussi « falc_titre », le titre facile à lire, court et "
                            "avec des mots de tous les jours"]


def test_commitments_and_capitals_are_reported_with_file_and_line(root):
    first = add(root, """\
        falc_titre: LE GROUPE DES PARENTS
        falc: |
          ## Vous venez

          Les organisateurs doivent payer vos frais.
        """)
    found = errors(root)
    assert found[0].startswith(f"{P}:{first}: falc_titre: titre en capitales")
    assert found[1].startswith(f"{P}:{first + 4}: falc: « doivent » promet ou oblige (devoir) alors que la version "
                               "complète de cette ressource ne le dit pas")
    assert len(found) == 2


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
    first = add(root, f"falc_titre: Le groupe\nfalc: |\n  {LONG}\n") + 1
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{P}:{first + 1}: falc: phrase trop longue (25 mots" in result.stdout + result.stderr


def test_strict_build_stops_on_a_bad_falc_text(root, tmp_path):
    from conftest import make_project
    project = make_project(tmp_path / "project", root / "data")
    path = project / "data" / "pratiques" / "atelier-parents.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "falc_titre: Le groupe\nfalc: |\n  Par exemple le RSA.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config",
                             str(project / "mkdocs.yml"), "--sortie", str(project / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{P}:{before.count(chr(10)) + 3}: falc: sigle « RSA » sans explication" in result.stdout + result.stderr
    assert not (project / "site").exists()


# --- the shipped data and site -----------------------------------------------------------------

def test_at_least_ten_shipped_records_have_a_falc_text_that_passes_the_check():
    assert len(FALC_RECORDS) >= 10
    for record in FALC_RECORDS:
        assert falc_rules.problems_in(record.data["falc"]) == [], record.path
        # No review really happened for the shipped texts: nothing may claim one.
        assert "falc_relu_par" not in record.data and "falc_relu_le" not in record.data, record.path


def test_each_easy_to_read_page_says_in_one_line_it_is_not_reviewed_yet(shipped_site):
    for record in FALC_RECORDS:
        for url in (urls.easy_read(record), record.url):
            soup = shipped_site.soup(url)
            note = soup.select_one(".falc-review-todo")
            assert note is not None and note.name == "p", url
            # The text stays HTML next to the note (a str joined to a Markup note would be escaped).
            assert soup.select(".falc p, .easy-read-text p") and "&lt;" not in shipped_site.html(url), url
            assert words(note.get_text()) == "Ce texte n'a pas encore été relu par des personnes concernées.", url
            # The team's instructions are for the maintainers' page, never for the reader (on the record
            # page, the easy-to-read section: the full text may well say « obligatoire »).
            text = " ".join(words(part.get_text()) for part in soup.select(".easy-read, .falc, .falc-review"))
            for instruction in ("organisez", "Pour les professionnels", "obligatoire", "guide de contribution"):
                assert instruction not in text, (url, instruction)


def test_the_maintainers_page_lists_the_texts_to_have_reviewed_and_how(shipped_site):
    soup = shipped_site.soup("maintenance/")
    section = soup.find(id="relecture-falc")
    assert section is not None
    items = soup.select(".falc-review-list li")
    assert sorted(li["data-id"] for li in items) == sorted(r.id for r in FALC_RECORDS)
    intro = section.find_next("p")
    assert "Organisez cette relecture" in words(intro.get_text())
    links = {posixpath.normpath(posixpath.join("maintenance/", a["href"])) for a in intro.select("a")}
    assert links == {"contribuer/#relecture-falc", "fiches/ecrire-en-falc"}


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
        # « Proposer une modification »: the practice form, prefilled with this record (core/contribution.py)
        assert box.select_one('a[href^="../../proposer/pratique/#proposition="]').get_text() == "Proposer une modification"
        # The forge is configured for the shipped site: the box links the record's file there.
        assert box.select_one(f'a[href$="/edit/main/{record.path}"]') is not None, record.url
        facts = {words(div.dt.get_text()): words(div.dd.get_text()) for div in soup.select(".record-facts .fact")}
        for key, positions in confirm.marks(record.data).items():
            if None in positions:
                from core.render.components import label
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
