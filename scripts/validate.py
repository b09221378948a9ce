#!/usr/bin/env python3
"""Check every record of data/ and print each problem as ``path:line: key: message``.

Exit code 0 when the data can be published (warnings allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys

from _root import ROOT
from core.corpus import load
from core.problems import DataError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les fiches du dossier data/.")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : le dépôt)")
    args = parser.parse_args(argv)
    try:
        corpus = load(args.racine)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in corpus.warnings:
        print(warning, file=sys.stderr)
    total = sum(1 for _ in corpus.all_records())
    print(f"{total} ressources vérifiées, aucune erreur"
          + (f", {len(corpus.warnings)} avertissement(s)" if corpus.warnings else "") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
