#!/usr/bin/env python3
"""Count data/ on its own, as a check of the observatory (``observatoire/``): PyYAML and nothing of ``core``.

Prints a JSON object: chart id (the ``id`` of each ``<figure>`` of the observatory) -> {value id: count}.
Resources are the records of every folder of ``data/`` but ``referentiels/`` and ``retours/``;
the usage charts count ``data/retours/``. tests/test_observatory.py compares this with the numbers
of the built page's tables.

    python scripts/count_data.py [--racine DOSSIER]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
USAGE = "retours"
# chart id -> the key of the records it counts
RESOURCE_KEYS = {"obs-axe": "axe", "obs-niveaux-participation": "niveau_participation", "obs-publics": "publics",
                 "obs-territoires": "territoires", "obs-thematiques": "thematiques"}


def _records(folder: Path) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in sorted(folder.glob("*.yml"))]


def _values(record: dict, key: str) -> list:
    value = record.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def count(root: Path) -> dict:
    data = root / "data"
    collections = {folder.name: _records(folder) for folder in sorted(data.iterdir())
                   if folder.is_dir() and folder.name not in ("referentiels", USAGE)}
    counts = {"obs-collection": {name: len(records) for name, records in collections.items()}}
    every = [record for records in collections.values() for record in records]
    for chart, key in RESOURCE_KEYS.items():
        counts[chart] = dict(Counter(value for record in every for value in _values(record, key)))
    retours = _records(data / USAGE) if (data / USAGE).is_dir() else []
    if retours:
        # A date may be written quoted ('2026-03-10'): the site accepts both.
        days = [record["date"] if isinstance(record["date"], datetime.date) else datetime.date.fromisoformat(record["date"])
                for record in retours if record.get("date")]
        months = (max(days).year - min(days).year) * 12 + max(days).month - min(days).month if days else 0
        period = (lambda d: str(d.year)) if months >= 24 else (lambda d: f"{d.year}-{d.month:02d}")
        counts["obs-retours-periode"] = dict(Counter(period(day) for day in days))
        counts["obs-retours-territoires"] = dict(Counter(t for record in retours for t in _values(record, "territoires")))
        counts["obs-fiches-utilisees"] = dict(Counter(f for record in retours for f in _values(record, "fiches")))
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Compte les ressources de data/ (contrôle de l'observatoire).")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : ce dépôt)")
    args = parser.parse_args(argv)
    json.dump(count(Path(args.racine)), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
