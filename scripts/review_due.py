#!/usr/bin/env python3
"""List the records due for review: last review (date_maj) more than REVIEW_MONTHS months ago.

The rule lives in core/corpus.py (review_due); this script, the validator's warnings, the
"À relire" notice on record pages and the maintainers' page /maintenance/ all use it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.corpus import REVIEW_MONTHS, load
from core.problems import DataError

ROOT = Path(__file__).resolve().parent.parent  # the repository


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=f"Liste les ressources relues il y a plus de {REVIEW_MONTHS} mois.")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : le dépôt)")
    args = parser.parse_args(argv)
    try:
        corpus = load(args.racine)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    due = sorted((r for r in corpus.all_records() if r.review_due), key=lambda r: (r.data["date_maj"], r.path))
    for record in due:
        print(f"{record.path}:{record.line('date_maj')}: date_maj: {record.data['date_maj'].isoformat()} — {record.title}")
    print(f"{len(due)} ressource(s) à relire (dernière relecture il y a plus de {REVIEW_MONTHS} mois).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
