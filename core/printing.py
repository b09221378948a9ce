"""Printed forms of records: the HTML documents of fiche PDFs, easy-to-read sheets and kit booklets.

The documents are built from the record body that ``core.render.record`` writes for the site, so paper and
screen say the same thing, and styled by the site's print stylesheet only. Rendering to PDF
(WeasyPrint) and the content-addressed cache live here too; nothing here knows MkDocs.
"""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import segno

from . import cache, falc, typography, urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, md
from .render.components import kind_label
from .render.record import record_page
from .supports import Support, all_supports, sheet, supports_of
from .text import numeric_date

# Same Markdown extensions as mkdocs.yml, so headings get the same ids as on the site.
_EXTENSIONS = ["toc", "attr_list", "tables", "sane_lists"]


@dataclass
class PrintJob:
    """One PDF to produce: where it goes in the site and the HTML it is rendered from."""
    target: str  # path in the site, e.g. "fiches/aller-vers/aller-vers.pdf"
    html: str
    base_url: str  # absolute URL the document's relative links resolve against


# --- components ---------------------------------------------------------------------

# A fixed mask: scoring the eight masks to pick the "best" one took 3 of the 5 ms each QR code costs
# (6 s of a 2,000-record build); every mask is valid and readers take it from the code itself.
QR_MASK = 0


def _qr_png(address: str) -> str:
    return segno.make(address, error="m", mask=QR_MASK).png_data_uri(scale=1, border=4)


# One encoding per address (issue 16): a QR code depends only on its address, the code above, the
# mask and segno's version; reused within a build (a fiche's page, PDF and kit booklet) and across builds.
qr_data_uri = cache.memoised("qr", cache.digest(cache.code_stamp(_qr_png, "segno"), QR_MASK)[:16], _qr_png)
qr_data_uri.__doc__ = "A QR code to ``address`` as an inline PNG, one pixel per module (CSS scales it, crisp)."


def print_footer(record: Record, address: str | None) -> Markup:
    """What a printed page needs to lead back to the living version: address, QR code, review date.
    ``address`` None (no published address, ``urls.printed``): the review date alone."""
    date = record.data["date_maj"]
    reviewed = html('Dernière relecture le <time datetime="{}">{}</time>', date.isoformat(), numeric_date(date))
    if address is None:
        return html('<footer class="record-print-footer"><p>{}</p></footer>', reviewed)
    return html('<footer class="record-print-footer">'
                '<img class="record-qr" src="{qr}" alt="Code QR vers {address}">'
                '<p>Version à jour et liens : <span class="record-url">{address}</span><br>{reviewed}</p>'
                '</footer>', qr=qr_data_uri(address), address=address, reviewed=reviewed)


def _body_html(text: str) -> str:
    return markdown.markdown(text, extensions=_EXTENSIONS)


# Python-Markdown re-parses every tag of a record body (3.5 s at 2,000 records, at every PDF build even
# when every PDF is cached): the HTML of a body is kept in the build cache, keyed by the body's text.
_body_html_cached = cache.memoised(
    "print-body", cache.digest(cache.code_stamp(_body_html, "markdown"), _EXTENSIONS)[:16], _body_html)


def record_body(corpus: Corpus, record: Record) -> Markup:
    """The record's page content as HTML, exactly what the site shows inside its article."""
    return Markup(_body_html_cached(record_page(corpus, record).body))


def _document(title: str, css: str, body: Markup, body_class: str) -> str:
    """A whole document for WeasyPrint (``css``: the site's own print stylesheet, inlined as it is)."""
    # The stylesheet is inlined: the cache key (hash of this text) then covers the CSS too. French
    # spacing as on the site's pages (centre_mkdocs/typography.py), so paper breaks lines the same way.
    return typography.html(str(html(
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{}</title><style>{}</style></head>'
        '<body class="print-document {}">\n{}\n</body></html>\n', title, Markup(css), body_class, body)))


def _article(corpus: Corpus, record: Record, site_url: str, site_name: str) -> Markup:
    address = urls.printed(site_url, record.url)
    return html('<article class="md-typeset record record-{}" data-record-id="{}">'
                '<p class="print-brand">{}</p>\n{}\n{}</article>', record.collection, record.id, site_name,
                record_body(corpus, record), print_footer(record, address))


def record_document(corpus: Corpus, record: Record, css: str, site_url: str, site_name: str) -> str:
    """A printable fiche (or any record): its page body, the print footer, the print stylesheet."""
    return _document(record.title, css, _article(corpus, record, site_url, site_name), f"print-{record.collection}")


def falc_document(corpus: Corpus, record: Record, css: str, site_url: str, site_name: str) -> str:
    """The easy-to-read sheet: title and the ``falc`` text only, in large type, one idea per line."""
    address = urls.printed(site_url, record.url)
    body = html('<article class="falc-sheet" data-record-id="{}">'
                '<p class="print-brand">{} — version facile à lire</p>'
                '<h1 class="falc-title">{}</h1>'
                '<div class="falc">{}</div>{}</article>',
                record.id, site_name, falc.title(record.data), md(record.data["falc"]), print_footer(record, address))
    return _document(f"{falc.title(record.data)} (facile à lire)", css, body, "print-falc")


def _support_article(corpus: Corpus, support: Support, site_url: str, site_name: str) -> Markup:
    """The sheet with the print footer of its own page (address, QR code) and the fiche's review date."""
    address = urls.printed(site_url, support.url)
    return html('<div class="support-page support-page-{}" data-support-id="{}">'
                '<p class="print-brand">{} — support à imprimer</p>{}{}</div>',
                support.orientation, support.id, site_name, sheet(corpus, support), print_footer(support.fiche, address))


def support_document(corpus: Corpus, support: Support, css: str, site_url: str, site_name: str) -> str:
    """A printable support: one A4 sheet (portrait or landscape) and the way back to its page."""
    return _document(support.title, css, _support_article(corpus, support, site_url, site_name), "print-support")


def kit_document(corpus: Corpus, kit: dict, css: str, site_url: str, site_name: str) -> str:
    """A booklet: cover, table of contents with page numbers, then each fiche from a new page."""
    fiches = [corpus.get("fiches", fiche_id) for fiche_id in kit["fiches"]]
    address = urls.printed(site_url, urls.KITS)
    entries = join(html('<li><a href="#fiche-{}"><span class="toc-title">{}</span>'
                        ' <span class="toc-kind">({})</span></a></li>', f.id, f.title, kind_label(f)) for f in fiches)
    cover = html('<section class="kit-cover">'
                 '<p class="print-brand">{site}</p>'
                 '<p class="kit-label">Kit d\'atelier</p>'
                 '<h1 class="kit-title">{title}</h1>'
                 '<p class="kit-summary">{summary}</p>'
                 '<p class="kit-count">{count} fiches, à utiliser dans cet ordre.</p>'
                 '{way_back}</section>', site=site_name, title=kit["titre"], summary=kit["resume"], count=len(fiches),
                 way_back=html('<p class="kit-address">Tous les kits et leur version à jour : <span class="record-url">{address}</span></p>'
                               '<img class="record-qr" src="{qr}" alt="Code QR vers {address}">',
                               address=address, qr=qr_data_uri(address)) if address else "")
    toc = html('<nav class="kit-toc" aria-label="Sommaire"><h2>Sommaire</h2><ol>{}</ol></nav>', entries)
    # Each fiche, then the supports printed with it, each from a new page.
    parts = join(html('<section class="kit-fiche" id="fiche-{}">{}</section>', f.id, _article(corpus, f, site_url, site_name))
                 + join(html('<section class="kit-support" id="support-{}">{}</section>',
                             s.id, _support_article(corpus, s, site_url, site_name)) for s in supports_of(f))
                 for f in fiches)
    return _document(kit["titre"], css, cover + toc + parts, "print-kit")


def print_jobs(corpus: Corpus, css: str, site_url: str, site_name: str) -> list[PrintJob]:
    """Every PDF of the site: one per fiche, one easy-to-read sheet per record with ``falc``, one per
    printable support, one per kit."""
    jobs = []
    for record in corpus.all_records():
        base = urls.absolute(site_url, record.url)
        if record.collection == "fiches":
            jobs.append(PrintJob(urls.record_pdf(record), record_document(corpus, record, css, site_url, site_name), base))
        if "falc" in record.data:
            jobs.append(PrintJob(urls.falc_pdf(record), falc_document(corpus, record, css, site_url, site_name), base))
    for support in all_supports(corpus):
        jobs.append(PrintJob(support.pdf, support_document(corpus, support, css, site_url, site_name),
                             urls.absolute(site_url, support.url)))
    for kit in corpus.kits:
        jobs.append(PrintJob(urls.kit_pdf(kit["id"]), kit_document(corpus, kit, css, site_url, site_name),
                             urls.absolute(site_url, urls.KITS)))
    return jobs


# --- rendering and cache ------------------------------------------------------------

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_ENGINE: dict = {}  # per process: WeasyPrint's font configuration and the stylesheets already parsed


def render_pdf(html: str, base_url: str) -> bytes:
    """HTML to PDF with WeasyPrint (imported here: only PDF builds need Pango).

    The document's stylesheet (``<style>``, the same print.css in every document) is parsed once
    per process and reused, with one font configuration: parsing it again took about a sixth of
    each fiche's time. The result is the same PDF as with the stylesheet left inline.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = _ENGINE.get("fonts")
    if fonts is None:
        fonts = _ENGINE["fonts"] = FontConfiguration()
    stylesheets = []
    found = _STYLE.search(html)
    if found:
        css = found[1]
        key = css if "url(" not in css else (css, base_url)  # relative url() resolve against the document
        sheets = _ENGINE.setdefault("sheets", {})
        if key not in sheets:
            sheets[key] = weasyprint.CSS(string=css, base_url=base_url, media_type="print", font_config=fonts)
        stylesheets = [sheets[key]]
        html = html[:found.start()] + html[found.end():]
    return weasyprint.HTML(string=html, base_url=base_url, media_type="print").write_pdf(
        stylesheets=stylesheets, font_config=fonts)


# The code that turns a document into a PDF, and the libraries it runs: part of every PDF's key.
RENDERER = cache.code_stamp(render_pdf, "weasyprint", "pydyf")
NAMESPACE = "pdf"  # PDFs' folder in the build cache


def cache_key(job: PrintJob) -> str:
    """Hash of everything the PDF depends on: the document (CSS inlined), its base URL, the renderer."""
    return cache.digest(RENDERER, job.base_url, job.html)


class PrintError(Exception):
    """Some PDFs could not be rendered; the message lists them, in French, one per line."""


def _render_job(job: PrintJob) -> tuple[bytes | None, str | None]:
    """(PDF, None), or (None, a French line naming the PDF) on failure (never a traceback)."""
    try:
        data = render_pdf(job.html, job.base_url)
    except Exception as error:  # noqa: BLE001  (any engine failure becomes a build error naming the PDF)
        return None, f"{job.target} : le PDF n'a pas pu être produit ({type(error).__name__} : {error})"
    if not cache.pdf_check(data):
        return None, f"{job.target} : le PDF produit est incomplet (il ne commence pas par %PDF- ou ne finit pas par %%EOF)"
    return data, None


PARALLEL_FROM = 4  # missing PDFs below which rendering stays in the build process


def default_workers() -> int:
    """One process per core this build may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class BuildReport:
    rendered: list  # targets rendered by WeasyPrint this time
    cached: list  # targets taken from the cache
    damaged: list = field(default_factory=list)  # targets whose cached PDF was damaged (rendered again)


def build_pdfs(jobs: list[PrintJob], out_dir: Path, store: cache.Cache | Path, workers: int | None = None,
               damaged_since: int | None = None) -> BuildReport:
    """Write every job's PDF under ``out_dir``, rendering only those missing from the cache ``store``
    (a :class:`core.cache.Cache` or its folder). A cached PDF is used only if its entry checks out
    (digest, ``%PDF-`` ... ``%%EOF``); a damaged one is rendered again, never published.

    Missing PDFs render in parallel in ``workers`` processes (default: one per core) when there are
    more than ``PARALLEL_FROM``. Raises ``PrintError`` naming every PDF that failed; the others stay
    cached for the next build.
    """
    store = store if isinstance(store, cache.Cache) else cache.Cache(store)
    # Damaged entries found from here (or from ``damaged_since``: site_pdfs() may have met one first).
    damaged_before = len(store.damaged) if damaged_since is None else damaged_since
    keys = [cache_key(job) for job in jobs]
    payloads: dict[str, bytes] = {}
    missing: dict[str, PrintJob] = {}
    for job, key in zip(jobs, keys):
        if key in payloads or key in missing:
            continue
        data = store.get(NAMESPACE, key, cache.pdf_check)
        if data is None:
            missing[key] = job
        else:
            payloads[key] = data
    damaged_keys = {entry.split("/", 1)[1] for entry in store.damaged[damaged_before:]}
    todo = list(missing.items())
    workers = min(workers or default_workers(), len(todo))
    if len(todo) > PARALLEL_FROM and workers > 1:
        # WeasyPrint is not thread-safe: processes. Each one parses the stylesheet and loads the
        # fonts once (render_pdf), then renders its share.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_render_job, [job for _, job in todo]))
    else:
        results = [_render_job(job) for _, job in todo]
    failures = []
    for (key, _job), (data, failure) in zip(todo, results):
        if data is None:  # _render_job gives a PDF or a failure
            failures.append(str(failure))
            continue
        store.put(NAMESPACE, key, data)
        payloads[key] = data
    if failures:
        raise PrintError("\n".join(failures))
    report = BuildReport([], [])
    for job, key in zip(jobs, keys):
        target = Path(out_dir) / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payloads[key])
        (report.rendered if key in missing else report.cached).append(job.target)
        if key in damaged_keys:
            report.damaged.append(job.target)
    return report


PLAN = "pdf-plan"  # namespace: for a corpus and stylesheet, which PDF goes where (no document built)


def site_pdfs(corpus: Corpus, css: str, site_url: str, site_name: str, out_dir: Path, store: cache.Cache | Path,
              workers: int | None = None) -> BuildReport:
    """Every PDF of the site (:func:`print_jobs`) written under ``out_dir`` through :func:`build_pdfs`.

    Building the 1,600 HTML documents of a 2,000-record site only to hash them took longer than the
    rest of a build with nothing changed. So the list of (target, PDF key) is kept too (namespace
    ``pdf-plan``), keyed by the corpus's fingerprint, the stylesheet, the address and name of the
    site and the code (the core, segno, the renderer): when it is there and every PDF it names
    checks out in the cache, the PDFs are written without building a document. Anything missing or
    damaged: the documents are built and :func:`build_pdfs` does the rest, as without a plan.
    """
    store = store if isinstance(store, cache.Cache) else cache.Cache(store)
    plan_key = corpus.derived_key(cache.code_stamp("segno"), RENDERER, css, site_url, site_name)
    damaged_before = len(store.damaged)
    if plan_key:
        report = _follow_plan(store, plan_key, Path(out_dir))
        if report is not None:
            return report
    jobs = print_jobs(corpus, css, site_url, site_name)
    report = build_pdfs(jobs, Path(out_dir), store, workers, damaged_before)
    if plan_key:
        plan = [[job.target, cache_key(job)] for job in jobs]
        store.put(PLAN, plan_key, json.dumps(plan).encode("utf-8"))
    return report


def _follow_plan(store: cache.Cache, plan_key: str, out_dir: Path) -> BuildReport | None:
    payload = store.get(PLAN, plan_key)
    if payload is None:
        return None
    try:
        plan = json.loads(payload)
    except ValueError:
        store.damaged.append(f"{PLAN}/{plan_key}")
        return None
    found: dict[str, bytes] = {}
    for _, key in plan:
        if key not in found:
            data = store.read(NAMESPACE, key, cache.pdf_check)
            if data is None:
                return None  # a PDF missing or damaged: the documents are needed
            found[key] = data
    for _ in found:
        store.count(NAMESPACE, True)
    report = BuildReport([], [])
    for target, key in plan:
        path = out_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(found[key])
        report.cached.append(target)
    return report
