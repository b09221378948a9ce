#!/usr/bin/env python3
"""Write the data contract (docs-dev/format.md) from the schema, or check that it is up to date.

    python scripts/format_reference.py            # rewrite docs-dev/format.md
    python scripts/format_reference.py --verifier # exit 1 if the file differs from the schema
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.schema.reference import format_reference

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs-dev" / "format.md"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Écrit docs-dev/format.md à partir du schéma.")
    parser.add_argument("--verifier", action="store_true", help="vérifie seulement que le fichier est à jour")
    args = parser.parse_args(argv)
    text = format_reference()
    if args.verifier:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} n'est plus à jour : lancez make format-reference", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} écrit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
