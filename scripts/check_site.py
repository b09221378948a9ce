#!/usr/bin/env python3
"""The guard of a site about to be published: walks the built folder and fails on what a reader
must never get.

- a **loopback address** (``127.0.0.1``, ``localhost``, ``0.0.0.0``, ``[::1]``) in any text file
  (HTML, XML, JSON, CSV, scripts, styles, ``sitemap.xml.gz``) or in the links of a PDF: the site
  was built without its real address (``SITE_URL``). The address printed on a sheet and its QR
  code come from the same place as the pages' (``core.urls.printed``), which the HTML check
  covers; reading every PDF's text would cost minutes at 2,000 records (tests/test_publishing.py
  reads them);
- an **external request**: a script, style, image, font, frame or media the browser would fetch
  from outside the site (links a person follows are fine), a style's ``url()`` or ``@import``, a
  script's ``import`` from outside: the intranet has no internet, and nothing may leave the site;
- a **broken internal link or anchor** (``scripts/check_links.py``);
- a **PDF that does not open** (pypdf reads it, it has pages).

``python scripts/check_site.py site/`` prints one French line per problem and exits 1 if there
is any. ``make publier`` runs it on the build before replacing ``site/``.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from check_links import check

LOOPBACK = re.compile(r"(?<![\w.-])(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\])(?![\w-])", re.I)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".js", ".mjs", ".css", ".txt", ".svg", ".webmanifest", ".map"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
# What the browser fetches by itself (tests/test_offline.py checks the same on the shipped site).
FETCHED = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "audio": ("src",), "video": ("src", "poster"),
           "source": ("src", "srcset"), "embed": ("src",), "object": ("data",), "track": ("src",), "input": ("src",)}
FETCHED_RELS = {"stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "prefetch", "manifest", "modulepreload",
                "apple-touch-icon"}
CSS_EXTERNAL = re.compile(r"@import\s+(url\()?\s*['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", re.I)
JS_EXTERNAL = re.compile(r"""(\bimport\s*(\(\s*)?|\bfrom\s+)["'](https?:)?//""")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    files: int = 0
    pdfs: int = 0


class _Requests(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.requests: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in FETCHED.get(tag, ()):
            if values.get(name):
                self.requests += [part.strip().split(" ")[0] for part in values[name].split(",")] if name == "srcset" \
                    else [values[name]]
        if tag == "link" and FETCHED_RELS & set(values.get("rel", "").lower().split()) and values.get("href"):
            self.requests.append(values["href"])
        if values.get("style"):
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _text(path: Path) -> str | None:
    if path.suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8", errors="replace")
    if path.name.endswith(".xml.gz"):
        try:
            return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        except (OSError, EOFError):
            return None
    return None


def _pdf(path: Path, rel: str, report: Report) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    report.pdfs += 1
    data = path.read_bytes()
    try:
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise ValueError("fichier incomplet")
        reader = PdfReader(BytesIO(data), strict=False)
        if not reader.pages:
            raise ValueError("aucune page")
        links = [str(annotation.get_object().get("/A", {}).get("/URI", ""))
                 for page in reader.pages for annotation in (page.get("/Annots") or [])]
    except (PyPdfError, ValueError, OSError, KeyError, TypeError) as error:
        report.problems.append(f"{rel} : le PDF ne s'ouvre pas ({error})")
        return
    found = LOOPBACK.search(" ".join(links))
    if found:
        report.problems.append(f"{rel} : adresse locale « {found[0]} » dans le PDF (construisez avec SITE_URL)")


def guard(site: Path) -> Report:
    """Every problem of the built ``site``, one French line each."""
    site = Path(site).resolve()
    report = Report()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        report.files += 1
        if path.suffix == ".pdf":
            _pdf(path, rel, report)
            continue
        text = _text(path)
        if text is None:
            continue
        found = LOOPBACK.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            report.problems.append(f"{rel}:{line} : adresse locale « {found[0]} » (construisez avec SITE_URL)")
        if path.suffix == ".html":
            parser = _Requests()
            parser.feed(text)
            for url in parser.requests:
                if EXTERNAL.match(url):
                    report.problems.append(f"{rel} : requête vers l'extérieur du site : {url.strip()}")
            if any(CSS_EXTERNAL.search(style) for style in parser.styles):
                report.problems.append(f"{rel} : un style charge une ressource extérieure au site")
        elif path.suffix == ".css" and CSS_EXTERNAL.search(text):
            report.problems.append(f"{rel} : la feuille de style charge une ressource extérieure au site")
        elif path.suffix in (".js", ".mjs") and JS_EXTERNAL.search(text):
            report.problems.append(f"{rel} : le script importe un module extérieur au site")
    for page, link, reason in check(site).broken:
        report.problems.append(f"{page} : lien « {link} » : {reason}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie un site construit avant publication.")
    parser.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} ne contient pas de site construit (index.html manquant).", file=sys.stderr)
        return 2
    report = guard(args.site)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    verdict = f"{len(report.problems)} problème(s) : ne pas publier" if report.problems else "prêt à publier"
    print(f"Vérification du site : {report.files} fichiers, {report.pdfs} PDF ; {verdict}.")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
