"""Print: each printed page's footer and links (from the registry), and the PDFs (``core/printing.py``).

PDFs are rendered after the build into the site folder, from the build cache (``core/cache.py``,
namespace ``pdf``): a rebuild renders only the documents whose HTML changed, and a damaged cached
PDF is rendered again, never published. The cache lives in ``.cache/centre`` at the repository root
(shared by every build of this checkout) unless ``CENTRE_CACHE`` says otherwise; the tests set it to
a folder of their run, so that no run depends on a previous one.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from core import cache, printing

from .state import Build

log = logging.getLogger("mkdocs.plugins.centre")
PRINT_CSS = "assets/stylesheets/print.css"


def add_print_links(context: TemplateContext, page: Page, build: Build) -> None:
    """``record_print`` of the templates: the page's print footer, its PDF and easy-to-read page."""
    links = build.print_links.get(page.url)
    if links is not None:
        context["record_print"] = links  # type: ignore[typeddict-unknown-key]


def enabled() -> bool:
    """CENTRE_PDF=off skips the PDFs: for the build benchmark (PDFs are measured on their own by
    scripts/bench_print.py), quick previews and quick builds."""
    return os.environ.get("CENTRE_PDF", "on") != "off"


def write(build: Build, config: MkDocsConfig, serving: bool) -> None:
    if not enabled():
        if serving:
            log.info("PDF : non produits dans l'aperçu, pour aller plus vite (make serve PDF=oui pour les produire)")
        else:
            log.info("PDF : non produits (CENTRE_PDF=off)")
        return
    started = time.perf_counter()
    css = (Path(config.docs_dir) / PRINT_CSS).read_text(encoding="utf-8")
    # Missing PDFs render in parallel, one process per core unless CENTRE_PDF_WORKERS says otherwise.
    workers = int(os.environ.get("CENTRE_PDF_WORKERS") or 0) or None
    try:
        report = printing.site_pdfs(build.corpus, css, config.site_url or "", config.site_name,
                                    Path(config.site_dir), cache.shared(), workers)
    except printing.PrintError as error:
        raise Abort(f"\nImpression : des PDF n'ont pas pu être produits.\n{error}") from None
    for target in report.damaged:
        log.info(f"PDF : la copie en cache de {target} était abîmée ; PDF produit à nouveau")
    for target in report.rendered:
        log.info(f"PDF généré : {target}")
    log.info(f"PDF : {len(report.rendered)} générés, {len(report.cached)} repris du cache "
             f"({time.perf_counter() - started:.1f} s)")
