#!/usr/bin/env python3
"""Write every generated page of the site as a Markdown file on disk: the page registry, exactly.

The same pages that the MkDocs plugin publishes (``core.site.site_pages()``), for another site
generator or for review: ``python scripts/export_markdown.py sortie/`` then copy ``docs/``
beside them. Together they are every page of the site. ``pages.json`` lists each page with
its URL, whether it is in the navigation and the file a person edits to change it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from core.corpus import load
from core.forge import Forge
from core.problems import DataError
from core.site import site_pages

ROOT = Path(__file__).resolve().parent.parent


def export(root: Path, out: Path, forge: Forge | None = None) -> int:
    pages = site_pages(load(root), forge)
    for page in pages:
        target = out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    manifest = [{"fichier": page.src_uri, "adresse": page.url, "menu": page.in_nav, "source": page.source}
                for page in pages]
    (out / "pages.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(pages)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Exporte les pages générées en fichiers Markdown.")
    parser.add_argument("sortie", help="dossier où écrire les pages")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/")
    args = parser.parse_args(argv)
    try:
        # The same settings as mkdocs.yml reads (extra.forge): the forms link to the forge.
        forge = Forge.from_settings({"url": os.environ.get("FORGE_URL"), "type": os.environ.get("FORGE_TYPE")})
        count = export(Path(args.racine), Path(args.sortie), forge)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"FORGE_TYPE : {error}", file=sys.stderr)
        return 1
    print(f"{count} pages écrites dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
