"""The loader on good and bad records: exact French messages, with file, line and key."""

from __future__ import annotations

import datetime
import shutil
import textwrap
from pathlib import Path

import pytest

from core.corpus import load
from core.problems import DataError

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "site" / "data"
TODAY = datetime.date(2026, 11, 25)

GOOD_FICHE = """\
titre: Animer un groupe
resume: Les repères pour animer un groupe où chacun prend la parole et décide.
axe: faire-avec
thematiques: [lien-social]
publics: [habitants]
niveau_participation: concertation
date_maj: 2026-01-02
type: methode
objectif: Permettre à chacun de parler.
etapes:
  - titre: Accueillir
    description: Un tour de table.
"""


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / "data" / rel
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root, TODAY)
    return [str(p) for p in caught.value.problems if p.level == "erreur"]


def test_fixture_corpus_loads_with_both_way_links(root):
    corpus = load(root, TODAY)
    assert sorted(corpus.records["fiches"]) == ["animer-un-groupe", "fiche-hostile"]
    pratique = corpus.get("pratiques", "atelier-parents")
    fiche = corpus.get("fiches", "animer-un-groupe")
    methodo = corpus.get("methodologies", "associer")
    assert pratique.related["fiches"] == ["animer-un-groupe"]
    assert fiche.related["pratiques"] == ["atelier-parents"]
    assert fiche.related["methodologies"] == ["associer"]  # referenced from a phase
    assert pratique.related["methodologies"] == ["associer"]
    assert methodo.data["phases"][0]["niveau_participation"] == "consultation"
    assert corpus.label("territoires", "venissieux") == "Vénissieux"
    assert [str(w) for w in corpus.warnings] == [
        "data/fiches/fiche-hostile.yml:7: date_maj: dernière relecture le 2024-06-30, "
        "il y a plus de 24 mois : à relire [avertissement]"]


BAD = {
    "missing required key": (
        GOOD_FICHE.replace("type: methode\n", ""),
        ["data/fiches/nouvelle.yml:1: (fichier): champ obligatoire « type » manquant"]),
    "unknown key with suggestion": (
        GOOD_FICHE + "vigilence:\n  - Le consentement\n",
        ["data/fiches/nouvelle.yml:13: vigilence: clé inconnue. Vouliez-vous dire « vigilance » ?"]),
    "unknown vocabulary id": (
        GOOD_FICHE.replace("[lien-social]", "[lien-social, logment]"),
        ["data/fiches/nouvelle.yml:4: thematiques[2]: « logment » ne figure pas dans "
         "referentiels/thematiques.yml (thématiques). Vouliez-vous dire « logement » ?"]),
    "wrong enum value": (
        GOOD_FICHE.replace("axe: faire-avec", "axe: faire avec"),
        ["data/fiches/nouvelle.yml:3: axe: « faire avec » n'est pas une valeur permise (former, faire-avec, "
         "participation). Vouliez-vous dire « faire-avec » ?"]),
    "wrong type": (
        GOOD_FICHE.replace("publics: [habitants]", "publics: habitants"),
        ["data/fiches/nouvelle.yml:5: publics: doit être une liste (une ligne « - valeur » par élément), pas un texte"]),
    "summary too short": (
        GOOD_FICHE.replace("resume: Les repères pour animer un groupe où chacun prend la parole et décide.", "resume: Trop court."),
        ["data/fiches/nouvelle.yml:2: resume: trop court (11 caractères, minimum 20)"]),
    "broken reference": (
        GOOD_FICHE + "pratiques:\n  - atelier-parent\n",
        ["data/fiches/nouvelle.yml:14: pratiques[1]: « atelier-parent » ne correspond à aucun fichier "
         "data/pratiques/atelier-parent.yml. Vouliez-vous dire « atelier-parents » ?"]),
    "date in the future": (
        GOOD_FICHE.replace("2026-01-02", "2027-01-02"),
        ["data/fiches/nouvelle.yml:7: date_maj: la date 2027-01-02 est dans le futur"]),
    "date that does not exist": (
        GOOD_FICHE.replace("2026-01-02", "2026-02-30"),
        ["data/fiches/nouvelle.yml:7: date_maj: la date « 2026-02-30 » n'existe pas (format attendu AAAA-MM-JJ)"]),
    "step without description": (
        GOOD_FICHE.replace("    description: Un tour de table.\n", ""),
        ["data/fiches/nouvelle.yml:11: etapes[1]: champ obligatoire « description » manquant"]),
    "duplicate key": (
        GOOD_FICHE + "titre: Un autre titre\n",
        ["data/fiches/nouvelle.yml:13: titre: clé en double (déjà présente ligne 1) : gardez-en une seule"]),
    "yaml syntax": (
        GOOD_FICHE.replace("objectif: Permettre à chacun de parler.", "objectif: Permettre: à chacun de parler."),
        ["data/fiches/nouvelle.yml:9: (syntaxe): syntaxe YAML invalide : deux-points inattendu : mettez le texte "
         "entre guillemets s'il contient « : »"]),
    "tab indentation": (
        GOOD_FICHE.replace("  - titre: Accueillir", "\t- titre: Accueillir"),
        ["data/fiches/nouvelle.yml:11: (fichier): tabulation dans l'indentation : indentez avec des espaces"]),
    "empty file": ("", ["data/fiches/nouvelle.yml:1: (fichier): le fichier est vide"]),
    "list instead of mapping": (
        "- titre: Une fiche\n",
        ["data/fiches/nouvelle.yml:1: (fichier): doit être un bloc de clés (titre, resume, axe, thematiques, publics, "
         "niveau_participation, mots_cles, pratiques, fiches, methodologies, ressources, date_maj, contributeurs, falc_titre, falc, rgpd_verifie, "
         "falc_relu_par, falc_relu_le, type, objectif, illustration, quand, phases, participants, "
         "duree, preparation, materiel, seances, etapes, vigilance, variantes, supports), "
         "pas une liste (retirez le « - » devant)"]),
    "alias": (
        GOOD_FICHE.replace("publics: [habitants]", "publics: &p [habitants]\nmots_cles: *p"),
        ["data/fiches/nouvelle.yml:5: (fichier): les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : "
         "recopiez la valeur"]),
    "participants min above max": (
        GOOD_FICHE + "participants: {min: 12, max: 4}\n",
        ["data/fiches/nouvelle.yml:13: participants.max: le maximum est inférieur au minimum"]),
    "resource with a javascript url": (
        GOOD_FICHE + "ressources:\n  - titre: Piège\n    url: javascript:alert(1)\n",
        ["data/fiches/nouvelle.yml:15: ressources[1].url: « javascript:alert(1) » n'est pas une adresse web valide "
         "(elle doit commencer par http:// ou https://)"]),
    "resource leaving docs": (
        GOOD_FICHE + "ressources:\n  - titre: Piège\n    fichier: ../mkdocs.yml\n",
        ["data/fiches/nouvelle.yml:15: ressources[1].fichier: « ../mkdocs.yml » n'est pas un chemin accepté : "
         "un chemin relatif à docs/, sans « .. » ni espace"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_fiche_is_reported_precisely(root, case):
    text, expected = BAD[case]
    write(root, "fiches/nouvelle.yml", text)
    assert problems(root) == expected


def test_quote_without_consent_is_refused(root):
    path = root / "data" / "pratiques" / "atelier-parents.yml"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent("""\
        temoignages:
          - citation: On se sent moins seuls.
            auteur: une habitante
            consentement: false
        """), encoding="utf-8")
    assert problems(root) == [
        "data/pratiques/atelier-parents.yml:27: temoignages[1].consentement: un témoignage n'est publié "
        "qu'avec « consentement: true » (accord de la personne)"]


def test_every_bad_file_is_reported_in_one_run(root):
    write(root, "fiches/premiere.yml", GOOD_FICHE.replace("axe: faire-avec", "axe: autre"))
    write(root, "pratiques/seconde.yml", "titre: [\n")
    write(root, "methodologies/Mauvais Nom.yml", GOOD_FICHE)
    found = problems(root)
    assert [p.split(":")[0] for p in found] == [
        "data/fiches/premiere.yml", "data/methodologies/Mauvais Nom.yml", "data/pratiques/seconde.yml"]


def test_ids_are_unique_across_collections(root):
    write(root, "methodologies/animer-un-groupe.yml", "titre: x\n")
    assert problems(root) == [
        "data/methodologies/animer-un-groupe.yml:1: (fichier): l'identifiant « animer-un-groupe » est déjà "
        "utilisé par data/fiches/animer-un-groupe.yml"]


def test_bom_and_non_utf8_files_are_refused(root):
    write(root, "fiches/bom.yml", b"\xef\xbb\xbf" + GOOD_FICHE.encode())
    write(root, "fiches/latin.yml", GOOD_FICHE.replace("où", "o\u00f9").encode("latin-1"))
    assert problems(root) == [
        "data/fiches/bom.yml:1: (fichier): le fichier commence par une marque d'ordre des octets (BOM) : "
        "enregistrez-le en « UTF-8 sans BOM »",
        "data/fiches/latin.yml:2: (fichier): le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 »"]


def test_unknown_vocabulary_entry_key_and_duplicate_id(root):
    write(root, "referentiels/publics.yml", "- id: familles\n  label: Familles\n- id: familles\n  libelle: Bis\n")
    found = problems(root)
    assert found[-1] == "data/referentiels/publics.yml:4: [2].libelle: clé inconnue. Vouliez-vous dire « label » ?"
    # The broken vocabulary is reported, and so is every record that used it.
    assert "data/fiches/animer-un-groupe.yml:5: publics[1]: « habitants » ne figure pas dans " \
        "referentiels/publics.yml (publics)." in found


def test_scripts_validate_exit_codes(root, capsys):
    import subprocess
    import sys
    script = Path(__file__).resolve().parent.parent / "scripts" / "validate.py"
    ok = subprocess.run([sys.executable, str(script), "--racine", str(root)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    write(root, "fiches/nouvelle.yml", GOOD_FICHE.replace("type: methode\n", ""))
    bad = subprocess.run([sys.executable, str(script), "--racine", str(root)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "data/fiches/nouvelle.yml:1: (fichier): champ obligatoire « type » manquant" in bad.stderr
    assert "Traceback" not in bad.stderr
