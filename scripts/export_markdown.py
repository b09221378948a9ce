#!/usr/bin/env python3
"""Write every generated page (records, catalogues, facet pages) as Markdown files on disk.

The same pages that the MkDocs hook publishes, for another site generator or for review:
``python scripts/export_markdown.py sortie/`` then copy ``docs/`` beside them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _root import ROOT
from core.corpus import load
from core.pages import site_pages
from core.problems import DataError


def export(root: Path, out: Path) -> int:
    corpus = load(root)
    pages = site_pages(corpus)
    for page in pages:
        target = out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    return len(pages)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Exporte les pages générées en fichiers Markdown.")
    parser.add_argument("sortie", help="dossier où écrire les pages")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/")
    args = parser.parse_args(argv)
    try:
        count = export(Path(args.racine), Path(args.sortie))
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{count} pages écrites dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
