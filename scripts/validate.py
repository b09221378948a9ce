#!/usr/bin/env python3
"""Check the records of data/ and print each problem as ``path:line: key: message``.

    python scripts/validate.py                              # every file
    python scripts/validate.py data/pratiques/mon-action.yml  # only these files

Files are always checked against the whole corpus (vocabularies, ids of the other records).
Exit code 0 when the checked files can be published (warnings allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.corpus import load
from core.problems import DataError, Problem
from core.schema import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent  # the repository


def _selected(paths: list[str], root: Path) -> tuple[set, list]:
    """Repository-relative paths of the files asked for, and problems with the request itself."""
    wanted, problems = set(), []
    for given in paths:
        path = Path(given)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            problems.append(Problem(given, 1, "", f"ce fichier n'est pas dans le dépôt {root}"))
            continue
        if not path.is_file():
            problems.append(Problem(rel, 1, "", "fichier introuvable"))
        elif not rel.startswith("data/"):
            continue  # pre-commit may pass other files: only data/ is checked here
        wanted.add(rel)
    return wanted, problems


def _is_record(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 3 and parts[1] in COLLECTIONS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les fiches du dossier data/.")
    parser.add_argument("fichiers", nargs="*", help="fichiers à vérifier (par défaut : tous)")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : le dépôt)")
    args = parser.parse_args(argv)
    root = Path(args.racine).resolve()
    wanted, request_problems = _selected(args.fichiers, root) if args.fichiers else (None, [])
    for problem in request_problems:
        print(problem, file=sys.stderr)
    if args.fichiers and not wanted:
        return 1 if request_problems else 0

    if wanted and not all(_is_record(rel) for rel in wanted):
        wanted = None  # a vocabulary or a shared file changed: every record may be affected

    def mine(problem: Problem) -> bool:
        return wanted is None or problem.path in wanted

    try:
        corpus = load(root)
        errors, warnings = [], corpus.warnings
    except DataError as error:
        corpus = None
        errors = [p for p in error.problems if p.level == "erreur"]
        warnings = [p for p in error.problems if p.level != "erreur"]
    errors, warnings = [p for p in errors if mine(p)], [p for p in warnings if mine(p)]
    for problem in errors + warnings:
        print(problem, file=sys.stderr)
    if errors:
        count = len(errors)
        print(f"{count} erreur{'s' if count > 1 else ''} : corrigez-{'les' if count > 1 else 'la'} "
              "et relancez la vérification.", file=sys.stderr)
        return 1
    if corpus is not None and wanted is None:
        total = sum(1 for _ in corpus.all_records())
    else:
        total = len(wanted) if wanted is not None else 0
    files = "fichier vérifié" if total <= 1 else "fichiers vérifiés"
    print(f"{total} {files}, aucune erreur"
          + (f", {len(warnings)} avertissement{'s' if len(warnings) > 1 else ''}" if warnings else "") + "."
          + ("" if corpus is not None or wanted is None else " (d'autres fichiers du dépôt ont des erreurs)"))
    return 1 if request_problems else 0


if __name__ == "__main__":
    sys.exit(main())
