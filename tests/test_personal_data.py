"""The personal-data (RGPD) check: what it flags, what it leaves alone, and how a reviewer acknowledges."""

from __future__ import annotations

import datetime
import shutil
import textwrap
from pathlib import Path

import pytest

from core.corpus import load
from core.personal_data import scan
from core.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "site" / "data"
TODAY = datetime.date(2026, 11, 25)
DOMAINS = ("grandlyon.com", "gouv.fr")
HINT = " (si ce n'est pas une donnée personnelle : voir « rgpd_verifie » dans le guide)"

TRUE_POSITIVES = {
    "mobile with spaces": ("Appeler Sandrine au 06 12 34 56 78 le matin.", "06 12 34 56 78", "numéro de téléphone"),
    "landline with dots": ("Tél. 04.78.63.40.40", "04.78.63.40.40", "numéro de téléphone"),
    "compact mobile": ("son portable : 0712345678", "0712345678", "numéro de téléphone"),
    "international": ("joignable au +33 6 12 34 56 78", "+33 6 12 34 56 78", "numéro de téléphone"),
    "international with (0)": ("au +33 (0)4 72 00 00 00 en semaine", "+33 (0)4 72 00 00 00", "numéro de téléphone"),
    "0033 with dashes": ("0033-6-12-34-56-78", "0033-6-12-34-56-78", "numéro de téléphone"),
    "gmail": ("écrire à marie.dupont@gmail.com", "marie.dupont@gmail.com", "adresse électronique"),
    "look-alike of an institutional domain": ("contact@grandlyon.com.example.org", "contact@grandlyon.com.example.org",
                                              "adresse électronique"),
    "NIR (INSEE example)": ("NIR 2 55 08 14 168 025 38 au dossier", "2 55 08 14 168 025 38", "numéro de sécurité sociale"),
    "NIR compact": ("n° 255081416802538", "255081416802538", "numéro de sécurité sociale"),
    "NIR Corse-du-Sud": ("1 85 05 2A 168 025 84", "1 85 05 2A 168 025 84", "numéro de sécurité sociale"),
    "NIR Haute-Corse": ("185052B16802514", "185052B16802514", "numéro de sécurité sociale"),
    "born on a numeric date": ("Léa, née le 12/03/1985, vit seule.", "née le 12/03/1985", "date de naissance"),
    "born on a spelled date": ("son fils, né le 3 mars 2012", "né le 3 mars 2012", "date de naissance"),
    "date de naissance with a year": ("date de naissance : 1985", "date de naissance : 1985", "date de naissance"),
    "DDN": ("DDN 01-02-90", "DDN 01-02-90", "date de naissance"),
    "address next to a civility": ("Mme Durand, 12 rue des Lilas, a participé.", "12 rue des Lilas", "adresse"),
    "address where someone lives": ("La famille habite au 3 bis avenue Jean Jaurès depuis 2019.",
                                    "3 bis avenue Jean Jaurès", "adresse"),
    "address after 'chez'": ("réunion chez elle, 8 impasse du Moulin", "8 impasse du Moulin", "adresse"),
}


@pytest.mark.parametrize("case", list(TRUE_POSITIVES))
def test_personal_data_is_found(case):
    text, value, kind = TRUE_POSITIVES[case]
    found = scan(text, DOMAINS)
    assert [(v, m.split(" « ")[0]) for _, v, m in found] == [(value, kind)]


FALSE_POSITIVES = {
    "institutional e-mail": "Écrire à participation@grandlyon.com pour rejoindre le comité.",
    "subdomain of an allowed domain": "Le guide est diffusé par contact@social.gouv.fr.",
    "free service number": "Le numéro vert 0 800 05 41 41 est gratuit.",
    "short helplines": "Appeler le 115, le 3919 ou le 119.",
    "years and figures": "Entre 2019 et 2023, 1 250 personnes, 22 actions, 131 223 habitants.",
    "NIR-shaped number with a wrong key": "Dossier 2 55 08 14 168 025 39.",
    "SIRET": "SIRET 130 005 481 00010",
    "address of a collective": "Le Collectif 14 rue Michelet réunit des habitantes et habitants d'un immeuble.",
    "address of a service": "La Maison de la Métropole, 15 rue de la République, accueille les ateliers.",
    "an association born long ago": "L'association, née en 1995 d'un collectif de parents, anime le lieu.",
    "decree date": "La loi du 2 janvier 2002 rénove l'action sociale.",
    "time of day": "Rendez-vous de 09.30 à 11.00 chaque mardi.",
}


@pytest.mark.parametrize("case", list(FALSE_POSITIVES))
def test_ordinary_text_is_not_flagged(case):
    assert scan(FALSE_POSITIVES[case], DOMAINS) == []


def test_shipped_records_hold_no_personal_data():
    corpus = load(ROOT)
    assert not [w for w in corpus.warnings if "rgpd" in w.key]


# --- in a record: file, line, key; acknowledgement --------------------------------------------

@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "config-rgpd.yml").write_text("domaines_institutionnels:\n  - grandlyon.com\n", encoding="utf-8")
    return tmp_path


PRATIQUE = FIXTURE_DATA / "pratiques" / "atelier-parents.yml"
P = "data/pratiques/atelier-parents.yml"


def add(root: Path, text: str) -> None:
    path = root / "data" / "pratiques" / "atelier-parents.yml"
    path.write_text(PRATIQUE.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")


def problems(root: Path, level="erreur") -> list[str]:
    try:
        corpus = load(root, TODAY)
    except DataError as error:
        return [str(p) for p in error.problems if p.level == level]
    return [str(p) for p in corpus.warnings] if level != "erreur" else []


def test_planted_personal_data_is_reported_with_line_and_key(root):
    add(root, """\
        resultats: |
          Les parents ont pris confiance.

          Mme Martin, qui habite 4 rue Paul Bert, anime désormais le groupe.
          Joindre Karim au 06 12 34 56 78.
        contributeurs:
          - nom: Association des parents
            role: rédaction, karim.b@laposte.net
        temoignages:
          - citation: On se sent moins seuls.
            auteur: Karim Benali
            consentement: true
          - citation: J'ai retrouvé confiance, moi qui suis née le 4 juillet 1980.
            auteur: une habitante
            consentement: true
        contact:
          structure: Maison de la Métropole de Vénissieux
          courriel: mdm.venissieux@grandlyon.com
        """)
    assert problems(root) == [
        f"{P}:27: resultats: adresse « 4 rue Paul Bert » à côté d'une personne (« Mme ») : pas d'adresse personnelle" + HINT,
        f"{P}:28: resultats: numéro de téléphone « 06 12 34 56 78 » : pas de coordonnées personnelles" + HINT,
        f"{P}:31: contributeurs[1].role: adresse électronique « karim.b@laposte.net » hors des domaines "
        "institutionnels (data/config-rgpd.yml) : pas d'adresse personnelle" + HINT,
        f"{P}:34: temoignages[1].auteur: « Karim Benali » ressemble au nom d'une personne : signez d'un rôle "
        "(« une habitante »)" + HINT,
        f"{P}:36: temoignages[2].citation: date de naissance « née le 4 juillet 1980 » : retirez-la" + HINT,
    ]


def test_line_inside_a_literal_block_starting_with_blank_lines(root):
    add(root, """\
        resultats: |


          Première ligne.
          Joindre le 06 12 34 56 78.
        """)
    assert problems(root) == [
        f"{P}:28: resultats: numéro de téléphone « 06 12 34 56 78 » : pas de coordonnées personnelles" + HINT]


def test_quote_without_consent_is_an_error(root):
    add(root, """\
        temoignages:
          - citation: On se sent moins seuls.
            auteur: une habitante
        """)
    assert problems(root) == [f"{P}:25: temoignages[1]: champ obligatoire « consentement » manquant"]


def test_acknowledged_value_is_accepted_and_stale_acknowledgement_warned(root):
    add(root, """\
        resultats: "Le standard de la Maison de la Métropole répond au 04 78 63 40 40."
        rgpd_verifie:
          - valeur: 04.78.63.40.40
            raison: standard public de la Maison de la Métropole
          - valeur: 06 00 00 00 00
            raison: numéro retiré depuis, ligne oubliée
        """)
    assert problems(root) == []
    assert f"{P}:28: rgpd_verifie[2].valeur: cette valeur n'est plus signalée dans la fiche : retirez la ligne " \
           "[avertissement]" in problems(root, "avertissement")


def test_acknowledgement_needs_a_reason(root):
    add(root, """\
        rgpd_verifie:
          - valeur: 04 78 63 40 40
        """)
    assert problems(root) == [f"{P}:25: rgpd_verifie[1]: champ obligatoire « raison » manquant"]


def test_without_configuration_every_address_is_flagged(root):
    (root / "data" / "config-rgpd.yml").unlink()
    add(root, """\
        contact:
          structure: Maison de la Métropole de Vénissieux
          courriel: mdm.venissieux@grandlyon.com
        """)
    assert problems(root) == [
        f"{P}:26: contact.courriel: adresse électronique « mdm.venissieux@grandlyon.com » hors des domaines "
        "institutionnels (data/config-rgpd.yml) : pas d'adresse personnelle" + HINT]


def test_broken_configuration_is_reported(root):
    (root / "data" / "config-rgpd.yml").write_text("domaines_institutionnels:\n  - grandlyon.com\n  - gmail\n"
                                                   "domaines: [x.fr]\n", encoding="utf-8")
    assert problems(root) == [
        "data/config-rgpd.yml:4: domaines: clé inconnue. Clés possibles : domaines_institutionnels."]
    (root / "data" / "config-rgpd.yml").write_text("domaines_institutionnels:\n  - grandlyon.com\n  - gmail\n",
                                                   encoding="utf-8")
    assert problems(root) == [
        "data/config-rgpd.yml:3: domaines_institutionnels[2]: « gmail » n'est pas un nom de domaine (ex. grandlyon.com)"]


def test_acknowledgement_field_is_documented_for_contributors(shipped_site):
    soup = shipped_site.soup("contribuer/")
    keys = [code.get_text() for code in soup.select("table.field-reference td:first-child code")]
    assert {"rgpd_verifie", "rgpd_verifie[].valeur", "rgpd_verifie[].raison"} <= set(keys)
    section = soup.find(id="donnees-personnelles")
    assert section is not None and section.name == "h2"
    example = section.find_next("pre").get_text()
    assert "rgpd_verifie:" in example and "raison:" in example


def test_the_guide_example_number_is_reserved_for_fiction_flagged_and_acknowledged(root):
    """docs/contribuer.md shows a number of the range Arcep reserves for fiction (04 65 71 xx xx): it
    belongs to nobody, and it is still the kind of value the check flags and ``rgpd_verifie`` accepts."""
    import re

    import yaml
    guide = (ROOT / "docs" / "contribuer.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if b.startswith("rgpd_verifie:"))
    example = yaml.safe_load(block)["rgpd_verifie"][0]["valeur"]
    assert re.fullmatch(r"04 65 71 \d\d \d\d", example)
    add(root, f'resultats: "L\'accueil du service répond au {example}."\n')
    assert any(f"« {example} »" in p for p in problems(root))
    add(root, block)
    assert problems(root) == []
