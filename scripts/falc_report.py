"""Count the FALC rule breaks (core/falc_rules.py) of each easy-to-read text, in the worktree or at a git revision.

    python scripts/falc_report.py            # the data as it is now
    python scripts/falc_report.py 05131c0    # the data at a commit, judged by today's rules

One line per record with a ``falc`` text: the number of problems, the number of negative sentences
(capped at core.falc_rules.MAX_NEGATIONS), the problems by rule, and whether ``falc_titre`` is missing.
"""

from __future__ import annotations

import collections
import subprocess
import sys
from pathlib import Path

import yaml

from core import falc, falc_rules

ROOT = Path(__file__).resolve().parent.parent

RULES = (("trop longue", "phrase longue"), ("qui agit", "passif"), ("nombre écrit", "nombre en lettres"),
         ("négative", "négations au-delà du plafond"), ("capitales", "titre en capitales"), ("sigle", "sigle"),
         ("promet ou oblige", "obligation ou promesse"))


def rule(message: str) -> str:
    return next((name for needle, name in RULES if needle in message), "autre")


def main(revision: str | None = None) -> int:
    listed = subprocess.run(["git", "ls-files", "data/fiches", "data/methodologies", "data/pratiques"],
                            capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    total: collections.Counter = collections.Counter()
    for path in listed:
        text = (subprocess.run(["git", "show", f"{revision}:{path}"], capture_output=True, text=True, cwd=ROOT).stdout
                if revision else (ROOT / path).read_text(encoding="utf-8"))
        data = yaml.safe_load(text) or {}
        if "falc" not in data:
            continue
        found: collections.Counter = collections.Counter()
        negatives = 0
        for key in (falc.TITLE_FIELD, falc.FIELD):
            if key in data:
                for _, message in falc_rules.problems_in(data[key]) + falc.commitment_problems(data[key], data):
                    found[rule(message)] += 1
                negatives += sum(falc_rules.negative(sentence) for _, sentence in falc_rules.sentences(data[key]))
        if falc.TITLE_FIELD not in data:
            found["falc_titre manquant"] += 1
        total.update(found)
        detail = ", ".join(f"{name} {count}" for name, count in sorted(found.items()))
        print(f"{path}: {sum(found.values())} (phrases négatives : {negatives}){' : ' + detail if detail else ''}")
    print(f"total : {sum(total.values())}" + "".join(f", {name} {count}" for name, count in sorted(total.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
