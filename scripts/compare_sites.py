#!/usr/bin/env python3
"""Compare two built sites file by file, byte for byte, the generator tag aside.

The only difference allowed between a MkDocs build and a ProperDocs build of the same project is
``<meta name="generator" content="...">`` (the engine's name and version). Used by
``tests/test_engine.py`` and by hand: ``python scripts/compare_sites.py site-a site-b``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def differences(left: Path, right: Path) -> list[str]:
    """Files on one side only, then files whose bytes differ once the generator tag is taken out."""
    ours, theirs = _files(left), _files(right)
    found = [f"seulement dans {left}: {name}" for name in sorted(ours - theirs)]
    found += [f"seulement dans {right}: {name}" for name in sorted(theirs - ours)]
    for name in sorted(ours & theirs):
        one, other = (left / name).read_bytes(), (right / name).read_bytes()
        if one != other and GENERATOR.sub(b"", one) != GENERATOR.sub(b"", other):
            found.append(f"différent : {name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare deux sites construits, octet par octet (balise generator à part).")
    parser.add_argument("gauche", type=Path)
    parser.add_argument("droite", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.gauche, args.droite)
    for line in found:
        print(line)
    print(f"{len(found)} différence(s)" if found else "Sites identiques (balise generator à part).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
