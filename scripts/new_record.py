#!/usr/bin/env python3
"""Create a new record from its commented template: ask for the title, derive the id, write the file.

    python scripts/new_record.py pratiques --titre "Atelier des parents à Bron"

The file is not publishable as written: every « À COMPLÉTER » it still holds and every choice left
empty (allowed values in the comment above it) is an error of scripts/validate.py and of the build.
"""

from __future__ import annotations

import argparse
import datetime
import json
import string
import sys
import textwrap
from pathlib import Path

from core.contribution import slug
from core.corpus import VOCABULARIES, load_vocabularies
from core.schema import COLLECTIONS, ID_MAX, NOUNS, Choice, ListOf, Text, Vocab

ROOT = Path(__file__).resolve().parent.parent  # the repository

TEMPLATES = Path(__file__).resolve().parent / "templates"


def render(collection: str, title: str, root: Path, today: datetime.date) -> str:
    """The text of a new record of ``collection`` titled ``title``."""
    vocabularies = load_vocabularies(root)
    values = {"titre": title, "titre_yaml": json.dumps(title, ensure_ascii=False), "date": today.isoformat(),
              "chemin": f"data/{collection}/{slug(title)}.yml"}
    for name in VOCABULARIES:
        ids = list(vocabularies.get(name, {}))
        key = name.replace("-", "_")
        values[f"ids_{key}"] = ", ".join(ids)
    for key, spec in COLLECTIONS[collection].fields.items():
        values[f"aide_{key}"] = "\n# ".join(textwrap.wrap(field_hint(spec, vocabularies), 96))
    template = string.Template((TEMPLATES / f"{collection}.yml").read_text(encoding="utf-8"))
    return template.substitute(values)


def field_hint(spec, vocabularies: dict) -> str:
    """The comment above a key of a new record: its help from the schema, and what values it takes."""
    kind = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    hint = spec.help
    if isinstance(kind, Choice):
        hint += " Valeurs : " + ", ".join(f"{value} ({label})" for value, label in kind.values.items()) + "."
    elif isinstance(kind, Vocab):
        hint += " Parmi : " + ", ".join(vocabularies.get(kind.name, {})) + "."
    elif isinstance(kind, Text) and kind.markdown:
        hint += " Texte libre sous la ligne « | », en retrait."
    return hint


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Crée une nouvelle ressource à partir de son modèle commenté.")
    parser.add_argument("collection", choices=[c for c in COLLECTIONS if (TEMPLATES / f"{c}.yml").is_file()])
    parser.add_argument("--titre", help="titre de la ressource (demandé s'il manque)")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : le dépôt)")
    args = parser.parse_args(argv)
    root = Path(args.racine).resolve()
    if not (root / "data" / "referentiels").is_dir():
        print(f"{root} ne contient pas de dossier data/referentiels/ : lancez la commande depuis le dépôt.", file=sys.stderr)
        return 1
    title = (args.titre if args.titre is not None else input(f"Titre {NOUNS[args.collection].of_the} : ")).strip()
    if not 3 <= len(title) <= 120:
        print(f"Le titre doit compter de 3 à 120 caractères (ici {len(title)}).", file=sys.stderr)
        return 1
    record_id = slug(title)
    if not record_id:
        print("Le titre ne contient aucune lettre ni aucun chiffre : impossible d'en tirer un nom de fichier.", file=sys.stderr)
        return 1
    for collection in COLLECTIONS:
        existing = root / "data" / collection / f"{record_id}.yml"
        if existing.exists():
            print(f"{existing.relative_to(root)} existe déjà : choisissez un autre titre.", file=sys.stderr)
            return 1
    target = root / "data" / args.collection / f"{record_id}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(args.collection, title, root, datetime.date.today()), encoding="utf-8")
    rel = target.relative_to(root).as_posix()
    print(f"Créé : {rel} (identifiant « {record_id} », {len(record_id)}/{ID_MAX} caractères)")
    print(f"Ouvrez-le, remplacez chaque « À COMPLÉTER », choisissez les valeurs laissées vides, "
          f"puis vérifiez : make validate FICHIERS={rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
