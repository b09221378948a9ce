#!/usr/bin/env python3
"""Check the links of a built site: every internal link and anchor must resolve.

External links are only listed (``--externes``); ``--verifier`` requests them, on
demand, never during the offline build. Standard library only: the build uses it.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Material's 404 page is served at any address, so its links are absolute from the site root.
SKIPPED_PAGES = {"404.html"}
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("area", "href"), ("form", "action"), ("video", "src"), ("audio", "src")}
NOT_CHECKED_RELS = {"canonical", "alternate"}  # absolute addresses built from site_url
# Fragments that carry data, not anchors: ``#<kind>=<token>`` (``#<kind>0=`` uncompressed), the
# grammar of docs/assets/javascripts/lien.js, for the kinds the site's scripts read back (a shared
# plan, a proposal sent to the team, a session). The token is base64url; anything else is an anchor.
DATA_FRAGMENT = re.compile(r"(?:plan|proposition|seance)0?=[A-Za-z0-9_-]+")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if tag == "link" and NOT_CHECKED_RELS & set((attrs.get("rel") or "").lower().split()):
            return
        for element, attribute in LINK_ATTRIBUTES:
            if tag == element and attrs.get(attribute) is not None:
                # Images inlined by the build itself (QR codes) load nothing: not links.
                # Record text cannot produce one: Markdown images are dropped (core/markup.py).
                if tag == "img" and re.match(r"data:image/(png|gif|svg\+xml);base64,", attrs[attribute]):
                    continue
                self.links.append(attrs[attribute])


@dataclass
class Report:
    broken: list = field(default_factory=list)  # (page, link, reason)
    external: dict = field(default_factory=dict)  # url -> [pages]
    pages: int = 0


def _parse(path: Path, cache: dict) -> _Page:
    if path not in cache:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = parser
    return cache[path]


def check(site: Path) -> Report:
    """Every link of every HTML page of ``site``."""
    site = Path(site).resolve()
    report, cache = Report(), {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel in SKIPPED_PAGES:
            continue
        report.pages += 1
        for link in _parse(page, cache).links:
            reason = _broken(site, page, link.strip(), cache, report, rel)
            if reason:
                report.broken.append((rel, link, reason))
    return report


def _broken(site: Path, page: Path, link: str, cache: dict, report: Report, rel: str) -> str | None:
    parts = urlsplit(link)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") or link.startswith("//"):
        report.external.setdefault(link, []).append(rel)
        return None
    if scheme in ("mailto", "tel"):
        return None
    if scheme:
        return f"protocole « {scheme}: » interdit"
    if link.startswith("/") or "\\" in link:
        return "lien absolu : il ne fonctionne pas quand le site est publié sous un sous-chemin"
    if not parts.path:
        target = page
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()),
                                                   unquote(parts.path)))
        if joined == ".." or joined.startswith("../"):
            return "le lien sort du site"
        target = site / joined
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return "page ou fichier introuvable"
    if parts.fragment and target.suffix == ".html" and not DATA_FRAGMENT.fullmatch(parts.fragment):
        if unquote(parts.fragment) not in _parse(target, cache).ids:
            return f"ancre « #{unquote(parts.fragment)} » introuvable dans {target.relative_to(site).as_posix()}"
    return None


def verify(urls, timeout: float = 10.0) -> list[tuple[str, str]]:
    """Request each external URL; return (url, problem) for those that do not answer 2xx/3xx."""
    failures = []
    for url in urls:
        full = "https:" + url if url.startswith("//") else url
        request = urllib.request.Request(full, method="HEAD", headers={"User-Agent": "centre-ressources-liens"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                pass
        except urllib.error.HTTPError as error:
            if error.code == 405:  # HEAD refused: ask for the page itself
                try:
                    with urllib.request.urlopen(full, timeout=timeout):
                        continue
                except (urllib.error.URLError, OSError) as retry:
                    error = retry
            failures.append((url, f"{getattr(error, 'code', '')} {getattr(error, 'reason', error)}".strip()))
        except (urllib.error.URLError, OSError, ValueError) as error:
            failures.append((url, str(getattr(error, "reason", error))))
    return failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les liens du site construit.")
    parser.add_argument("site", nargs="?", default=str(Path(__file__).resolve().parent.parent / "site"))
    parser.add_argument("--externes", metavar="FICHIER", help="écrire la liste des liens externes dans ce fichier")
    parser.add_argument("--verifier", action="store_true", help="interroger chaque lien externe (réseau requis)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} ne contient pas de site construit (index.html manquant).", file=sys.stderr)
        return 2
    report = check(site)
    for page, link, reason in report.broken:
        print(f"{page}: lien « {link} » : {reason}", file=sys.stderr)
    if args.externes:
        lines = [f"{url}\t{' '.join(sorted(set(pages)))}" for url, pages in sorted(report.external.items())]
        Path(args.externes).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    print(f"{report.pages} pages, {len(report.broken)} lien(s) interne(s) cassé(s), "
          f"{len(report.external)} lien(s) externe(s).")
    status = 1 if report.broken else 0
    if args.verifier:
        failures = verify(sorted(report.external))
        for url, problem in failures:
            print(f"lien externe en échec : {url} ({problem}) ; pages : {' '.join(sorted(set(report.external[url])))}",
                  file=sys.stderr)
        print(f"{len(report.external) - len(failures)}/{len(report.external)} lien(s) externe(s) répondent.")
        status = status or (1 if failures else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
