#!/usr/bin/env python3
"""Build the site in strict mode and publish it to site/ only if the build succeeds.

A failed build leaves the previously published site/ untouched. The output is checked before it
is published: every internal link and anchor must resolve.

- ``--moteur properdocs`` (``make site ENGINE=properdocs``) builds with ProperDocs instead of MkDocs
  (requirements-properdocs.txt); the site is the same (tests/test_engine.py).
- ``--publier`` (``make publier``, every CI publishing job): refuses to run without a published
  address (``SITE_URL``, ``core.urls.is_published``) or without the PDFs, and runs the guard
  (``scripts/check_site.py``) on the build before it replaces site/.
- Without a published address, one line says the sheets have neither address nor QR code.
- ``CENTRE_PDF=off`` (a quick build): the links to the PDFs not made are known to be missing, and
  said in one line; any other broken link still stops the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from check_links import check
from check_site import guard

from core import urls
from core.publish import publish

ROOT = Path(__file__).resolve().parent.parent  # the repository
ENGINES = ("mkdocs", "properdocs")
MISSING = "page ou fichier introuvable"  # check_links' reason for a target that is not there


def site_url(config: Path) -> str:
    """``site_url`` of the configuration, as the build reads it (``!ENV [SITE_URL, ...]``)."""
    from mkdocs.utils import yaml_load  # reads the !ENV tags as MkDocs does
    with open(config, encoding="utf-8") as source:
        return str(yaml_load(source).get("site_url") or "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site et le publie dans site/ s'il est complet.")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--sortie", default=str(ROOT / "site"), help="dossier publié (par défaut : site/)")
    parser.add_argument("--moteur", choices=ENGINES, default=os.environ.get("ENGINE") or "mkdocs",
                        help="mkdocs (par défaut) ou properdocs")
    parser.add_argument("--publier", action="store_true",
                        help="construction à publier : adresse réelle et PDF exigés, site vérifié avant publication")
    args = parser.parse_args(argv)
    address = site_url(Path(args.config))
    pdf_off = os.environ.get("CENTRE_PDF") == "off"
    if args.publier:
        if not urls.is_published(address):
            print(f"make publier : le site n'a pas d'adresse de publication (SITE_URL, actuellement « {address} »). "
                  "Indiquez l'adresse réelle, par exemple : make publier SITE_URL=https://intranet.exemple.fr/centre/",
                  file=sys.stderr)
            return 2
        if pdf_off:
            print("make publier : CENTRE_PDF=off construit sans les PDF ; un site à publier les contient tous.", file=sys.stderr)
            return 2
    elif not urls.is_published(address):
        print(urls.NO_ADDRESS_WARNING.format(site_url=address), file=sys.stderr)
    target = Path(args.sortie).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        result = subprocess.run([sys.executable, "-m", args.moteur, "build", "--strict", "--quiet",
                                 "--config-file", args.config, "--site-dir", str(staging)])
        if result.returncode != 0 or not (staging / "index.html").is_file():
            print(f"La construction a échoué : {target} n'a pas été modifié.", file=sys.stderr)
            return 1
        links = check(staging)
        broken = links.broken
        if pdf_off:
            # The PDFs are not made: their links are known to be missing, not broken.
            unmade = [b for b in broken if b[2] == MISSING and urlsplit(b[1]).path.endswith(".pdf")]
            broken = [b for b in broken if b not in unmade]
            if unmade:
                print(f"CENTRE_PDF=off : PDF non produits, {len(unmade)} lien(s) vers eux restent sans cible "
                      "(aperçu seulement ; make publier les produit).", file=sys.stderr)
        data = Path(args.config).resolve().parent / "data"
        for page, link, reason in broken:
            # A record page names its file, where the contributor fixes the link.
            parts = page.split("/")
            source = data / parts[0] / f"{parts[1]}.yml" if len(parts) == 3 else None
            where = f" (dans data/{parts[0]}/{parts[1]}.yml)" if source and source.is_file() else ""
            print(f"{page}: lien « {link} » : {reason}{where}", file=sys.stderr)
        if broken:
            print(f"{len(broken)} lien(s) cassé(s) : {target} n'a pas été modifié.", file=sys.stderr)
            return 1
        if args.publier:
            report = guard(staging)
            for problem in report.problems:
                print(problem, file=sys.stderr)
            if report.problems:
                print(f"Vérification avant publication : {len(report.problems)} problème(s) : {target} n'a pas été modifié.",
                      file=sys.stderr)
                return 1
        publish(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Site publié dans {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
