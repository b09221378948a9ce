#!/usr/bin/env python3
"""Build the site in strict mode and publish it to site/ only if the build succeeds.

A failed build leaves the previously published site/ untouched. The output is
checked before it is published: every internal link and anchor must resolve.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from check_links import check

from core.publish import publish

ROOT = Path(__file__).resolve().parent.parent  # the repository


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site et le publie dans site/ s'il est complet.")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--sortie", default=str(ROOT / "site"), help="dossier publié (par défaut : site/)")
    args = parser.parse_args(argv)
    target = Path(args.sortie).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                 "--config-file", args.config, "--site-dir", str(staging)])
        if result.returncode != 0 or not (staging / "index.html").is_file():
            print(f"La construction a échoué : {target} n'a pas été modifié.", file=sys.stderr)
            return 1
        links = check(staging)
        data = Path(args.config).resolve().parent / "data"
        for page, link, reason in links.broken:
            # A record page names its file, where the contributor fixes the link.
            parts = page.split("/")
            source = data / parts[0] / f"{parts[1]}.yml" if len(parts) == 3 else None
            where = f" (dans data/{parts[0]}/{parts[1]}.yml)" if source and source.is_file() else ""
            print(f"{page}: lien « {link} » : {reason}{where}", file=sys.stderr)
        if links.broken:
            print(f"{len(links.broken)} lien(s) cassé(s) : {target} n'a pas été modifié.", file=sys.stderr)
            if os.environ.get("CENTRE_PDF") == "off":
                print("CENTRE_PDF=off : les PDF ne sont pas produits, donc leurs liens sont cassés ; "
                      "un site sans PDF ne se publie pas (pour un aperçu : make serve).", file=sys.stderr)
            return 1
        publish(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Site publié dans {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
