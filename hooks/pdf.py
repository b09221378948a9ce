"""MkDocs hook: print layout context for record pages and the PDFs (thin adapter over ``core.printing``).

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

from mkdocs.exceptions import Abort

from core import cache, printing, urls
from core import corpus as corpus_module
from core.markup import rel_url

log = logging.getLogger("mkdocs.hooks.pdf")
PRINT_CSS = "assets/stylesheets/print.css"


def _corpus(config):
    # Already loaded and checked by hooks/site.py (listed first); this is the cached object.
    return corpus_module.load_cached(Path(config.config_file_path).resolve().parent, check=False)


def on_page_context(context, /, *, page, config, nav):
    easy_read = page.meta.get("easy_read")
    if easy_read:
        # An easy-to-read text printed from the browser leads back to its own page.
        record = _corpus(config).get(easy_read["collection"], easy_read["id"])
        address = urls.absolute(config.site_url or "", urls.easy_read(record))
        context["record_print"] = {"footer": printing.print_footer(record, address)}
        return context
    support = page.meta.get("support")
    if support:
        # A printable support leads back to its own page; the review date is its fiche's.
        record = _corpus(config).get("fiches", support["fiche"])
        address = urls.absolute(config.site_url or "", urls.support(support["id"]))
        context["record_print"] = {"footer": printing.print_footer(record, address)}
        return context
    meta = page.meta.get("record")
    if not meta:
        return None
    record = _corpus(config).get(meta["collection"], meta["id"])
    address = urls.absolute(config.site_url or "", record.url)
    context["record_print"] = {
        "footer": printing.print_footer(record, address),
        # Links relative to the record page, which sits in the PDFs' folder.
        "pdf": rel_url(record.url, urls.record_pdf(record)) if record.collection == "fiches" else None,
        # The easy-to-read text has its own page, which offers its PDF.
        "falc_page": rel_url(record.url, urls.easy_read(record)) if "falc" in record.data else None,
    }
    return context


def on_post_build(*, config):
    # CENTRE_PDF=off skips the PDFs: for the build benchmark (PDFs are measured on their own by
    # scripts/bench_print.py) and quick previews. Never set it when publishing: the links would break.
    if os.environ.get("CENTRE_PDF", "on") == "off":
        if os.environ.get("CENTRE_SERVE"):
            log.info("PDF : non produits dans l'aperçu, pour aller plus vite (make serve PDF=oui pour les produire)")
        else:
            log.info("PDF : non produits (CENTRE_PDF=off)")
        return
    started = time.perf_counter()
    css = (Path(config.docs_dir) / PRINT_CSS).read_text(encoding="utf-8")
    # Missing PDFs render in parallel, one process per core unless CENTRE_PDF_WORKERS says otherwise.
    workers = int(os.environ.get("CENTRE_PDF_WORKERS") or 0) or None
    try:
        report = printing.site_pdfs(_corpus(config), css, config.site_url, config.site_name,
                                    Path(config.site_dir), cache.shared(), workers)
    except printing.PrintError as error:
        raise Abort(f"\nImpression : des PDF n'ont pas pu être produits.\n{error}") from None
    for target in report.damaged:
        log.info(f"PDF : la copie en cache de {target} était abîmée ; PDF produit à nouveau")
    for target in report.rendered:
        log.info(f"PDF généré : {target}")
    log.info(f"PDF : {len(report.rendered)} générés, {len(report.cached)} repris du cache "
             f"({time.perf_counter() - started:.1f} s)")
