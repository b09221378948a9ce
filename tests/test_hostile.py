"""A corpus of hostile files: each one refused with its exact French message, never a traceback.

Every case writes one or more files into a copy of the fixture data and runs the
whole loader, so the message is the one a contributor sees (``make validate``, build).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.corpus import load
from core.problems import DataError

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "site" / "data"
ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 25)
F = "data/fiches/nouvelle.yml"

from test_loader import GOOD_FICHE as GOOD  # noqa: E402  (the same valid fiche)


def swap(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


# name -> ({relative path under data/: content (str, bytes, or None for a folder)}, [exact errors])
CASES = {
    # --- YAML syntax and encoding -------------------------------------------------------------
    "unclosed quote": (
        {"fiches/nouvelle.yml": swap("titre: Animer un groupe", 'titre: "Animer un groupe')},
        [f"{F}:1: (syntaxe): syntaxe YAML invalide : guillemet non refermé"]),
    "unclosed bracket": (
        {"fiches/nouvelle.yml": swap("[lien-social]", "[lien-social")},
        [f"{F}:4: (syntaxe): syntaxe YAML invalide : crochet ou accolade non refermé"]),
    "bad indentation": (
        {"fiches/nouvelle.yml": swap("    description: Un tour de table.", "   description: Un tour de table.")},
        [f"{F}:12: (syntaxe): syntaxe YAML invalide : indentation incohérente dans une liste : alignez les « - »"]),
    "colon in plain text": (
        {"fiches/nouvelle.yml": swap("objectif: Permettre à chacun de parler.", "objectif: Objectif : parler.")},
        [f"{F}:9: (syntaxe): syntaxe YAML invalide : deux-points inattendu : mettez le texte entre guillemets "
         "s'il contient « : »"]),
    "tab in indentation": (
        {"fiches/nouvelle.yml": swap("    description", "\t  description")},
        [f"{F}:12: (fichier): tabulation dans l'indentation : indentez avec des espaces"]),
    "BOM": (
        {"fiches/nouvelle.yml": b"\xef\xbb\xbf" + GOOD.encode()},
        [f"{F}:1: (fichier): le fichier commence par une marque d'ordre des octets (BOM) : "
         "enregistrez-le en « UTF-8 sans BOM »"]),
    "latin-1": (
        {"fiches/nouvelle.yml": GOOD.encode("latin-1")},
        [f"{F}:2: (fichier): le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 »"]),
    "UTF-16": (
        {"fiches/nouvelle.yml": GOOD.encode("utf-16")},
        [f"{F}:1: (fichier): le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 »"]),
    "NUL byte": (
        {"fiches/nouvelle.yml": swap("Accueillir", "Accue\x00illir")},
        [f"{F}:11: (fichier): caractère invisible ou de contrôle (U+0000) : retirez-le"]),
    "C1 control (terminal escape)": (
        {"fiches/nouvelle.yml": swap("Accueillir", "Accue\x9b31millir")},
        [f"{F}:11: (fichier): caractère invisible ou de contrôle (U+009B) : retirez-le"]),
    "bidi override (text shown reversed)": (
        {"fiches/nouvelle.yml": swap("Animer un groupe", "Animer \u202eun groupe")},
        [f"{F}:1: (fichier): caractère invisible ou de contrôle (U+202E) : retirez-le"]),
    "line separator (YAML line numbers would lie)": (
        {"fiches/nouvelle.yml": swap("Un tour de table.", "Un tour\u2028de table.")},
        [f"{F}:12: (fichier): caractère invisible ou de contrôle (U+2028) : retirez-le"]),
    "empty file": ({"fiches/nouvelle.yml": ""}, [f"{F}:1: (fichier): le fichier est vide"]),
    "only comments": ({"fiches/nouvelle.yml": "# brouillon\n"}, [f"{F}:1: (fichier): le fichier est vide"]),
    "only a document marker": ({"fiches/nouvelle.yml": "---\n"}, [f"{F}:1: (fichier): le fichier est vide"]),
    "oversize file": (
        {"fiches/nouvelle.yml": GOOD + "mots_cles:\n" + "  - mot\n" * 40000},
        [f"{F}:1: (fichier): fichier trop volumineux (312 Ko, maximum 256 Ko)"]),
    "two documents": (
        {"fiches/nouvelle.yml": GOOD + "---\n" + GOOD},
        [f"{F}:13: (syntaxe): syntaxe YAML invalide : un seul document par fichier : "
         "retirez les lignes « --- » supplémentaires"]),
    # --- YAML features that do not belong in a record ------------------------------------------
    "duplicate key": (
        {"fiches/nouvelle.yml": GOOD + "type: outil\n"},
        [f"{F}:13: type: clé en double (déjà présente ligne 8) : gardez-en une seule"]),
    "duplicate key in a flow mapping": (
        {"fiches/nouvelle.yml": GOOD + "participants: {min: 2, min: 3, max: 5}\n"},
        [f"{F}:13: participants.min: clé en double (déjà présente ligne 13) : gardez-en une seule"]),
    "alias bomb": (
        {"fiches/nouvelle.yml": GOOD + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
                                       "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"},
        [f"{F}:13: (fichier): les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : recopiez la valeur"]),
    "merge key": (
        {"fiches/nouvelle.yml": GOOD + "participants:\n  <<: {min: 2}\n  max: 5\n"},
        [f"{F}:14: participants: la fusion YAML « << » n'est pas acceptée"]),
    "python tag": (
        {"fiches/nouvelle.yml": swap("titre: Animer un groupe", "titre: !!python/object/apply:os.system [id]")},
        [f"{F}:1: (fichier): étiquette YAML « !!python/object/apply:os.system » non acceptée : retirez-la"]),
    "binary tag": (
        {"fiches/nouvelle.yml": swap("titre: Animer un groupe", "titre: !!binary QW5pbWVy")},
        [f"{F}:1: (fichier): étiquette YAML « !!binary » non acceptée : retirez-la"]),
    "bool tag on garbage": (
        {"fiches/nouvelle.yml": GOOD + "x: !!bool peut-être\n"},
        [f"{F}:13: (fichier): étiquette YAML « !!bool » non acceptée : retirez-la"]),
    "deep nesting": (
        {"fiches/nouvelle.yml": GOOD + "mots_cles: " + "[" * 3000 + "]" * 3000 + "\n"},
        [f"{F}:13: (fichier): valeurs trop imbriquées (plus de 20 niveaux de listes ou de blocs)"]),
    "complex key": (
        {"fiches/nouvelle.yml": GOOD + "? [a, b]\n: c\n"},
        [f"{F}:13: (fichier): une clé doit être un simple mot"]),
    "number as key": (
        {"fiches/nouvelle.yml": GOOD + "2026: bilan\n"},
        [f"{F}:13: 2026: clé inconnue. Clés possibles : titre, resume, axe, thematiques, publics, niveau_participation, "
         "mots_cles, pratiques, fiches, methodologies, ressources, date_maj, contributeurs, falc_titre, falc, rgpd_verifie, "
         "falc_relu_par, falc_relu_le, type, objectif, illustration, quand, phases, participants, "
         "duree, preparation, materiel, seances, etapes, vigilance, variantes, supports."]),
    # --- shapes and types ----------------------------------------------------------------------
    "list instead of mapping": (
        {"fiches/nouvelle.yml": "- titre: Animer\n"},
        [f"{F}:1: (fichier): doit être un bloc de clés (titre, resume, axe, thematiques, publics, niveau_participation, "
         "mots_cles, pratiques, fiches, methodologies, ressources, date_maj, contributeurs, falc_titre, falc, rgpd_verifie, "
         "falc_relu_par, falc_relu_le, type, objectif, illustration, quand, phases, participants, "
         "duree, preparation, materiel, seances, etapes, vigilance, variantes, supports), "
         "pas une liste (retirez le « - » devant)"]),
    "plain text instead of mapping": (
        {"fiches/nouvelle.yml": "Animer un groupe\n"},
        [f"{F}:1: (fichier): doit être un bloc de clés (titre, resume, axe, thematiques, publics, niveau_participation, "
         "mots_cles, pratiques, fiches, methodologies, ressources, date_maj, contributeurs, falc_titre, falc, rgpd_verifie, "
         "falc_relu_par, falc_relu_le, type, objectif, illustration, quand, phases, participants, "
         "duree, preparation, materiel, seances, etapes, vigilance, variantes, supports), pas un texte"]),
    "step written as a mapping instead of a list": (
        {"fiches/nouvelle.yml": swap("  - titre: Accueillir\n    description", "  titre: Accueillir\n  description")},
        [f"{F}:10: etapes: doit être une liste (une ligne « - valeur » par élément), pas un bloc de clés"]),
    "participants as a list": (
        {"fiches/nouvelle.yml": GOOD + "participants:\n  - min: 2\n    max: 5\n"},
        [f"{F}:13: participants: doit être un bloc de clés (min, max), pas une liste (retirez le « - » devant)"]),
    "number where text expected in a list": (
        {"fiches/nouvelle.yml": GOOD + "materiel:\n  - [Un paperboard]\n"},
        [f"{F}:14: materiel[1]: doit être un texte, pas une liste"]),
    "boolean for an integer": (
        {"fiches/nouvelle.yml": GOOD + "participants: {min: yes, max: 5}\n"},
        [f"{F}:13: participants.min: doit être un nombre entier, pas oui/non"]),
    "null for a required field": (
        {"fiches/nouvelle.yml": swap("type: methode", "type:")},
        [f"{F}:8: type: champ obligatoire « type » vide : choisissez parmi methode, outil, repere."]),
    "title too long": (
        {"fiches/nouvelle.yml": swap("titre: Animer un groupe", "titre: " + "Animer " * 30)},
        [f"{F}:1: titre: trop long (209 caractères, maximum 120)"]),
    "markdown field too long": (
        {"fiches/nouvelle.yml": swap("objectif: Permettre à chacun de parler.", "objectif: " + "parler " * 3000)},
        [f"{F}:9: objectif: trop long (20999 caractères, maximum 20000)"]),
    "huge list": (
        {"fiches/nouvelle.yml": GOOD + "mots_cles: [" + ", ".join(f"m{i}" for i in range(5000)) + "]\n"},
        [f"{F}:13: mots_cles: la liste compte 5000 éléments (maximum 100)"]),
    "very long unknown value is cut in the message": (
        {"fiches/nouvelle.yml": swap("axe: faire-avec", "axe: " + "x" * 5000)},
        [f"{F}:3: axe: « {'x' * 59}… » n'est pas une valeur permise (former, faire-avec, participation)."]),
    "infinite number": (
        {"fiches/nouvelle.yml": GOOD.replace("type: methode", "type: methode") + "participants: {min: 2, max: .inf}\n"},
        [f"{F}:13: participants.max: doit être un nombre entier, pas un nombre"]),
    "markdown nested too deep (recursion)": (
        {"fiches/nouvelle.yml": swap("objectif: Permettre à chacun de parler.",
                                     "objectif: |\n" + "".join("  " + "    " * i + "- x\n" for i in range(40)))},
        [f"{F}:9: objectif: mise en forme trop imbriquée (plus de 6 niveaux de listes ou de citations, "
         "ou un retrait de plus de 24 espaces) : simplifiez-la"]),
    "markdown quote bomb": (
        {"fiches/nouvelle.yml": swap("objectif: Permettre à chacun de parler.", "objectif: '" + ">" * 15000 + " x'")},
        [f"{F}:9: objectif: mise en forme trop imbriquée (plus de 6 niveaux de listes ou de citations, "
         "ou un retrait de plus de 24 espaces) : simplifiez-la"]),
    "markdown bracket bomb (minutes of rendering)": (
        {"fiches/nouvelle.yml": swap("objectif: Permettre à chacun de parler.",
                                     "objectif: '" + "[" * 10000 + "](" * 3000 + "'")},
        [f"{F}:9: objectif: trop de crochets « [ » (10000, maximum 300) : ce texte ne peut pas être mis en page"]),
    # --- dates -----------------------------------------------------------------------------------
    "impossible date": (
        {"fiches/nouvelle.yml": swap("2026-01-02", "2026-02-29")},
        [f"{F}:7: date_maj: la date « 2026-02-29 » n'existe pas (format attendu AAAA-MM-JJ)"]),
    "month 13": (
        {"fiches/nouvelle.yml": swap("2026-01-02", "2026-13-01")},
        [f"{F}:7: date_maj: la date « 2026-13-01 » n'existe pas (format attendu AAAA-MM-JJ)"]),
    "quoted impossible date": (
        {"fiches/nouvelle.yml": swap("2026-01-02", '"2026-04-31"')},
        [f"{F}:7: date_maj: la date « 2026-04-31 » n'existe pas"]),
    "French date format": (
        {"fiches/nouvelle.yml": swap("2026-01-02", "02/01/2026")},
        [f"{F}:7: date_maj: doit être une date au format AAAA-MM-JJ, pas « 02/01/2026 »"]),
    "future date": (
        {"fiches/nouvelle.yml": swap("2026-01-02", "2026-11-26")},
        [f"{F}:7: date_maj: la date 2026-11-26 est dans le futur"]),
    "date with a time": (
        {"fiches/nouvelle.yml": swap("2026-01-02", "2026-01-02 10:00:00")},
        [f"{F}:7: date_maj: doit être une date au format AAAA-MM-JJ, pas « 2026-01-02 10:00:00 »"]),
    # --- ids, file names, references, vocabularies -------------------------------------------------
    "file name with capitals and spaces": (
        {"fiches/Ma Fiche.yml": GOOD},
        ["data/fiches/Ma Fiche.yml:1: (fichier): nom de fichier « Ma Fiche.yml » invalide : minuscules sans accents, "
         "chiffres et tirets simples, 80 caractères au plus (ex. mon-action-collective.yml)"]),
    "file name with accents": (
        {"fiches/créer.yml": GOOD},
        ["data/fiches/créer.yml:1: (fichier): nom de fichier « créer.yml » invalide : minuscules sans accents, "
         "chiffres et tirets simples, 80 caractères au plus (ex. mon-action-collective.yml)"]),
    "file name too long": (
        {f"fiches/{'a' * 81}.yml": GOOD},
        [f"data/fiches/{'a' * 81}.yml:1: (fichier): nom de fichier « {'a' * 81}.yml » invalide : minuscules sans "
         "accents, chiffres et tirets simples, 80 caractères au plus (ex. mon-action-collective.yml)"]),
    ".yaml extension": (
        {"fiches/nouvelle.yaml": GOOD},
        ["data/fiches/nouvelle.yaml:1: (fichier): seuls les fichiers « .yml » sont acceptés dans ce dossier : "
         "renommez-le en .yml"]),
    "id used in two collections": (
        {"methodologies/animer-un-groupe.yml": GOOD},
        ["data/methodologies/animer-un-groupe.yml:1: (fichier): l'identifiant « animer-un-groupe » est déjà utilisé "
         "par data/fiches/animer-un-groupe.yml"]),
    "a folder named like a record": (
        {"fiches/dossier.yml": None},
        ["data/fiches/dossier.yml:1: (fichier): est un dossier : seuls des fichiers « .yml » sont lus ici"]),
    "records in a misspelled folder": (
        {"pratique": None, "pratique/nouvelle.yml": GOOD},
        ["data/pratique:1: (fichier): dossier inconnu : ses fichiers ne sont pas lus. Vouliez-vous dire « pratiques » ?"]),
    "misspelled vocabulary folder": (
        {"referentiel": None},
        ["data/referentiel:1: (fichier): dossier inconnu : ses fichiers ne sont pas lus. "
         "Vouliez-vous dire « referentiels » ?"]),
    "reserved record id (would replace the catalogue page)": (
        {"fiches/index.yml": GOOD},
        ["data/fiches/index.yml:1: (fichier): nom de fichier « index.yml » réservé (c'est la page du dossier) : "
         "choisissez-en un autre"]),
    "reserved vocabulary id": (
        {"referentiels/territoires.yml": "- id: venissieux\n  label: Vénissieux\n- id: index\n  label: Index\n"},
        ["data/referentiels/territoires.yml:3: [2].id: identifiant « index » réservé : choisissez-en un autre"]),
    "missing reference": (
        {"fiches/nouvelle.yml": GOOD + "pratiques: [atelier-parent]\n"},
        [f"{F}:13: pratiques[1]: « atelier-parent » ne correspond à aucun fichier data/pratiques/atelier-parent.yml. "
         "Vouliez-vous dire « atelier-parents » ?"]),
    "reference to the wrong collection": (
        {"fiches/nouvelle.yml": GOOD + "pratiques: [animer-un-groupe]\n"},
        [f"{F}:13: pratiques[1]: « animer-un-groupe » ne correspond à aucun fichier "
         "data/pratiques/animer-un-groupe.yml."]),
    "self reference": (
        {"fiches/nouvelle.yml": GOOD + "fiches: [nouvelle]\n"},
        [f"{F}:13: fiches[1]: une fiche ne peut pas se citer elle-même"]),
    "unknown vocabulary id": (
        {"fiches/nouvelle.yml": swap("[habitants]", "[habitant]")},
        [f"{F}:5: publics[1]: « habitant » ne figure pas dans referentiels/publics.yml (publics). "
         "Vouliez-vous dire « habitants » ?"]),
    "label instead of id": (
        {"fiches/nouvelle.yml": swap("niveau_participation: concertation", "niveau_participation: Co-décision")},
        [f"{F}:6: niveau_participation: « Co-décision » ne figure pas dans referentiels/niveaux-participation.yml "
         "(niveaux de participation). Vouliez-vous dire « co-decision » ?"]),
    "unknown key": (
        {"fiches/nouvelle.yml": GOOD + "etape:\n  - titre: x\n"},
        [f"{F}:13: etape: clé inconnue. Vouliez-vous dire « etapes » ?"]),
    "javascript resource": (
        {"fiches/nouvelle.yml": GOOD + "ressources:\n  - titre: Clic\n    url: javascript:alert(1)//.fr\n"},
        [f"{F}:15: ressources[1].url: « javascript:alert(1)//.fr » n'est pas une adresse web valide "
         "(elle doit commencer par http:// ou https://)"]),
    "data: resource": (
        {"fiches/nouvelle.yml": GOOD + "ressources:\n  - titre: Clic\n    url: data:text/html,x.fr\n"},
        [f"{F}:15: ressources[1].url: « data:text/html,x.fr » n'est pas une adresse web valide "
         "(elle doit commencer par http:// ou https://)"]),
    "fichier leaving docs": (
        {"fiches/nouvelle.yml": GOOD + "ressources:\n  - titre: Clic\n    fichier: assets/../../data/kits.yml\n"},
        [f"{F}:15: ressources[1].fichier: « assets/../../data/kits.yml » n'est pas un chemin accepté : "
         "un chemin relatif à docs/, sans « .. » ni espace"]),
    "absolute fichier": (
        {"fiches/nouvelle.yml": GOOD + "ressources:\n  - titre: Clic\n    fichier: /etc/passwd\n"},
        [f"{F}:15: ressources[1].fichier: « /etc/passwd » n'est pas un chemin accepté : "
         "un chemin relatif à docs/, sans « .. » ni espace"]),
    "mailto with extra headers": (
        {"pratiques/atelier-parents.yml": (FIXTURE_DATA / "pratiques/atelier-parents.yml").read_text(encoding="utf-8")
         + "contact:\n  structure: Maison de la Métropole\n  courriel: accueil@grandlyon.com?bcc=x@y.fr\n"},
        ["data/pratiques/atelier-parents.yml:26: contact.courriel: « accueil@grandlyon.com?bcc=x@y.fr » "
         "n'est pas une adresse électronique valide"]),
    # --- the other data files ------------------------------------------------------------------------
    "vocabulary file empty": (
        {"referentiels/phases.yml": ""},
        ["data/referentiels/phases.yml:1: (fichier): le fichier est vide",
         "data/methodologies/associer.yml:12: phases[1].phase: « diagnostic » ne figure pas dans "
         "referentiels/phases.yml (phases d'un projet)."]),
    "vocabulary file as a mapping": (
        {"referentiels/phases.yml": "diagnostic: Diagnostic\n"},
        ["data/referentiels/phases.yml:1: (fichier): doit être une liste (une ligne « - valeur » par élément), "
         "pas un bloc de clés",
         "data/methodologies/associer.yml:12: phases[1].phase: « diagnostic » ne figure pas dans "
         "referentiels/phases.yml (phases d'un projet)."]),
    "vocabulary id with accents": (
        {"referentiels/phases.yml": "- id: diagnostic\n  label: Diagnostic\n- id: évaluation\n  label: Évaluation\n"},
        ["data/referentiels/phases.yml:3: [2].id: identifiant « évaluation » invalide : minuscules sans accents, "
         "chiffres et tirets"]),
    "vocabulary missing label": (
        {"referentiels/phases.yml": "- id: diagnostic\n"},
        ["data/referentiels/phases.yml:1: [1]: champ obligatoire « label » manquant",
         "data/methodologies/associer.yml:12: phases[1].phase: « diagnostic » ne figure pas dans "
         "referentiels/phases.yml (phases d'un projet)."]),
    "vocabulary file is a folder": (
        {"referentiels/phases.yml": None},
        ["data/referentiels/phases.yml:1: (fichier): est un dossier : seuls des fichiers « .yml » sont lus ici",
         "data/methodologies/associer.yml:12: phases[1].phase: « diagnostic » ne figure pas dans "
         "referentiels/phases.yml (phases d'un projet)."]),
    "key figure with text value": (
        {"chiffres.yml": "- valeur: beaucoup\n  libelle: actions collectives\n  source: MDL\n  annee: 2021\n"},
        ["data/chiffres.yml:1: [1].valeur: doit être un nombre, pas un texte"]),
    "key figure without source": (
        {"chiffres.yml": "- valeur: 22\n  libelle: actions collectives\n  annee: 2021\n"},
        ["data/chiffres.yml:1: [1]: champ obligatoire « source » manquant"]),
    "glossary duplicate term": (
        {"glossaire.yml": "- terme: RSA\n  definition: Revenu de solidarité active.\n"
                          "- terme: rsa\n  definition: Le revenu de solidarité active.\n"},
        ["data/glossaire.yml:3: [2].terme: terme « rsa » en double (déjà ligne 1)"]),
    "glossary terms that differ only by accents or hyphens": (
        {"glossaire.yml": "- terme: Pair-aidance\n  definition: Soutien entre pairs.\n"
                          "- terme: pair aidance\n  definition: Le soutien entre pairs.\n"},
        ["data/glossaire.yml:3: [2].terme: terme « pair aidance » en double (déjà ligne 1)"]),
    "glossary entry as text": (
        {"glossaire.yml": "- RSA, revenu de solidarité active\n"},
        ["data/glossaire.yml:1: [1]: doit être un bloc de clés (terme, developpement, definition, synonymes), "
         "pas un texte"]),
    "kit with a bad id and a missing fiche": (
        {"kits.yml": "- id: Mon Kit\n  titre: Un kit\n  resume: Les fiches pour animer un premier groupe.\n"
                     "  fiches: [animer-un-groupe, inconnue]\n"},
        ["data/kits.yml:4: [1].fiches[2]: « inconnue » ne correspond à aucun fichier data/fiches/inconnue.yml."]),
    "kit id not an id": (
        {"kits.yml": "- id: Mon Kit\n  titre: Un kit\n  resume: Les fiches pour animer un premier groupe.\n"
                     "  fiches: [animer-un-groupe]\n"},
        ["data/kits.yml:1: [1].id: identifiant « Mon Kit » invalide : minuscules sans accents, chiffres et tirets"]),
    "two kits with one id": (
        {"kits.yml": "- id: kit\n  titre: Un kit\n  resume: Les fiches pour animer un premier groupe.\n"
                     "  fiches: [animer-un-groupe]\n"
                     "- id: kit\n  titre: Un autre\n  resume: Les fiches pour animer un premier groupe.\n"
                     "  fiches: [animer-un-groupe]\n"},
        ["data/kits.yml:5: [2].id: identifiant « kit » en double (déjà ligne 1)"]),
}


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


def plant(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / "data" / rel
        if path.is_file():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.mkdir(exist_ok=True)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def errors(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root, TODAY)
    return [str(p) for p in caught.value.problems if p.level == "erreur"]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_precisely(root, case):
    files, expected = CASES[case]
    plant(root, files)
    assert sorted(errors(root)) == sorted(expected)


def test_every_hostile_file_is_reported_in_one_run(root):
    """All the record files of the corpus at once (one per name): one run lists a problem for each."""
    planted = {}
    for number, (files, expected) in enumerate(CASES.values()):
        for rel, content in files.items():
            if rel.startswith("fiches/nouvelle.yml") and len(expected) == 1 and expected[0].startswith(F):
                planted[f"fiches/hostile-{number}.yml"] = content
    plant(root, planted)
    found = errors(root)
    reported = {line.split(":")[0] for line in found}
    assert reported == {f"data/{rel}" for rel in planted}
    assert len(planted) > 40


def test_symlink_leaving_data_is_refused(root, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("titre: hors du dépôt\n", encoding="utf-8")
    (root / "data" / "fiches" / "lien.yml").symlink_to(secret)
    (root / "data" / "glossaire.yml").symlink_to("/etc/hostname")
    assert errors(root) == [
        "data/fiches/lien.yml:1: (fichier): lien symbolique vers un fichier hors de data/ : "
        "remplacez-le par le fichier lui-même",
        "data/glossaire.yml:1: (fichier): lien symbolique vers un fichier hors de data/ : "
        "remplacez-le par le fichier lui-même"]


def test_symlink_loop_is_refused(root):
    (root / "data" / "fiches" / "boucle.yml").symlink_to("boucle.yml")
    (root / "data" / "fiches" / "orphelin.yml").symlink_to("disparu.yml")
    assert errors(root) == [
        "data/fiches/boucle.yml:1: (fichier): lien symbolique en boucle : remplacez-le par le fichier lui-même",
        "data/fiches/orphelin.yml:1: (fichier): fichier illisible"]


def test_fichier_linking_outside_docs_is_refused(root, tmp_path):
    (root / "docs" / "guide.pdf").symlink_to("/etc/hostname")
    plant(root, {"fiches/nouvelle.yml": GOOD + "ressources:\n  - titre: Guide\n    fichier: guide.pdf\n"})
    assert errors(root) == [f"{F}:15: ressources[1].fichier: docs/guide.pdf est un lien vers un fichier hors de "
                            "docs/ : copiez le document dans docs/"]


def test_build_of_a_hostile_corpus_prints_messages_not_tracebacks(root, tmp_path):
    """The real build command: French messages on stderr, exit code 1, no traceback, nothing published."""
    from conftest import make_project
    project = make_project(tmp_path / "project", root / "data")
    plant(project, {"fiches/nouvelle.yml": swap("axe: faire-avec", "axe: !!python/name:os.system"),
                    "fiches/autre.yml": b"\xef\xbb\xbf" + GOOD.encode()})
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config",
                             str(project / "mkdocs.yml"), "--sortie", str(project / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "data/fiches/autre.yml:1: (fichier): le fichier commence par une marque d'ordre des octets (BOM)" in output
    assert "data/fiches/nouvelle.yml:3: (fichier): étiquette YAML « !!python/name:os.system » non acceptée" in output
    assert not (project / "site").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_report_counts_errors_not_warnings(root):
    plant(root, {"fiches/nouvelle.yml": swap("axe: faire-avec", "axe: autre")})
    with pytest.raises(DataError) as caught:
        load(root, TODAY)
    lines = caught.value.report().splitlines()
    assert lines[0] == "1 erreur dans les données, le site n'est pas publié :"
    # Errors first (they block the publication), then warnings.
    assert lines[1:] == [
        "data/fiches/nouvelle.yml:3: axe: « autre » n'est pas une valeur permise (former, faire-avec, participation).",
        "data/fiches/fiche-hostile.yml:7: date_maj: dernière relecture le 2024-06-30, il y a plus de 24 mois : "
        "à relire [avertissement]"]


def test_markdown_that_would_overflow_the_stack_renders_as_plain_text():
    """Defence in depth: the schema refuses such text, and the renderer never raises on it anyway."""
    from bs4 import BeautifulSoup

    from core.markup import md
    text = "\n".join("    " * i + "- <b>x</b>" for i in range(400))
    soup = BeautifulSoup(md(text), "lxml")
    assert soup.find("b") is None and soup.find("li") is None
    assert soup.get_text().startswith("- <b>x</b>")


def test_renderer_still_works_after_a_text_that_overflowed_the_stack():
    """An interrupted conversion must not leave the shared Markdown instance half-way."""
    from core.markup import md
    md("\n".join("    " * level + "- <b>x</b>" for level in range(400)))
    assert md("c'est **important**") == "<p>c'est <strong>important</strong></p>"
