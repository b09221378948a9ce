#!/usr/bin/env python3
"""Benchmark printing: time and size of each PDF, full builds with and without the PDF cache,
at the shipped content and at 200 fiches. Writes the "## Impression" section of BENCHMARKS.md.

Synthetic fiches are copies of the shipped ones (real text, real vocabulary ids) under new ids;
they only exist in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from _benchmarks import write_section
from pypdf import PdfReader

from core import corpus as corpus_module
from core import printing

ROOT = Path(__file__).resolve().parent.parent  # the repository

SECTION = "## Impression"


def per_pdf(root: Path) -> list[tuple[str, int, int, float]]:
    """(target, pages, bytes, seconds) for every PDF of the shipped content, rendered one by one."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    css = (root / "docs" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")
    corpus = corpus_module.load(root)
    jobs = printing.print_jobs(corpus, css, "http://127.0.0.1:8000/", config["site_name"])
    printing.render_pdf(jobs[0].html, jobs[0].base_url)  # warm up: imports, fonts
    rows = []
    for job in jobs:
        runs = []
        for _ in range(3):  # the median of three: the machine is shared
            started = time.perf_counter()
            data = printing.render_pdf(job.html, job.base_url)
            runs.append(time.perf_counter() - started)
        elapsed = statistics.median(runs)
        with tempfile.TemporaryFile() as handle:
            handle.write(data)
            handle.seek(0)
            pages = len(PdfReader(handle).pages)
        rows.append((job.target, pages, len(data), elapsed))
    return rows


def timed_build(project: Path, cache: Path, workers: int | None = None) -> tuple[float, str]:
    env = dict(os.environ, CENTRE_CACHE=str(cache), NO_MKDOCS_2_WARNING="1")
    if workers:
        env["CENTRE_PDF_WORKERS"] = str(workers)
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(project / "mkdocs.yml"), "--site-dir", str(out)], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"La construction a échoué :\n{result.stderr[-3000:]}")
    summary = re.findall(r"PDF : .*", result.stderr)
    return elapsed, summary[-1] if summary else ""


def make_project(target: Path, fiches: int | None) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("centre_mkdocs", "overrides"):
        (target / name).symlink_to(ROOT / name)
    if fiches:
        shipped = sorted((target / "data" / "fiches").glob("*.yml"))
        vocab = {name: [t["id"] for t in yaml.safe_load((target / "data" / "referentiels" / f"{name}.yml").read_text(encoding="utf-8"))]
                 for name in ("thematiques", "publics")}
        for n in range(fiches - len(shipped)):
            template = yaml.safe_load(shipped[n % len(shipped)].read_text(encoding="utf-8"))
            for key in ("pratiques", "fiches", "methodologies"):
                template.pop(key, None)
            template["titre"] = f"{template['titre'][:90]} (copie {n + 1})"
            for support in template.get("supports", []):  # a support's id is unique across the site
                support["id"] = f"copie-{n + 1}-{support['id']}"[:60]
            template["thematiques"] = [vocab["thematiques"][n % len(vocab["thematiques"])]]
            template["publics"] = [vocab["publics"][n % len(vocab["publics"])]]
            path = target / "data" / "fiches" / f"copie-{n + 1:03d}-{shipped[n % len(shipped)].stem}"[:80]
            path.with_suffix(".yml").write_text(yaml.safe_dump(template, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def site_pdfs(project: Path) -> list[int]:
    return [p.stat().st_size for p in (project / "site").rglob("*.pdf")]


def scenario(work: Path, name: str, fiches: int | None, cold_workers: list[int]) -> list[str]:
    project = make_project(work / name, fiches)
    count = len(list((project / "data" / "fiches").glob("*.yml")))
    lines = []
    per_pdf_seconds = None
    for workers in cold_workers:
        cache = work / f"cache-{name}-{workers}"
        elapsed, summary = timed_build(project, cache, workers)
        lines.append(f"| {count} fiches | sans cache, {workers} processus | {elapsed:.1f} s | {summary} |")
        numbers = re.search(r"PDF : (\d+) générés.*\(([\d.]+) s\)", summary)
        if workers == 1 and numbers and int(numbers.group(1)):
            per_pdf_seconds = float(numbers.group(2)) / int(numbers.group(1))
    elapsed, summary = timed_build(project, cache, cold_workers[-1])
    lines.append(f"| {count} fiches | avec cache (rien n'a changé) | {elapsed:.1f} s | {summary} |")
    fiche = sorted((project / "data" / "fiches").glob("*.yml"))[0]
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("description: |\n", "description: |\n      Relu.\n", 1),
                     encoding="utf-8")
    elapsed, summary = timed_build(project, cache, cold_workers[-1])
    lines.append(f"| {count} fiches | avec cache, une fiche modifiée | {elapsed:.1f} s | {summary} |")
    sizes = site_pdfs(project)
    lines.append(f"| {count} fiches | {len(sizes)} PDF, {sum(sizes) / 1e6:.1f} Mo au total, "
                 f"{statistics.mean(sizes) / 1024:.0f} Kio en moyenne | "
                 + (f"{per_pdf_seconds:.2f} s par PDF (1 processus) |" if per_pdf_seconds else "|") + " |")
    return lines


def material_page(project: Path, fiche_id: str) -> list[str]:
    """The alternative: WeasyPrint on Material's whole built page instead of the record alone."""
    import weasyprint
    corpus = corpus_module.load(project)
    record = corpus.get("fiches", fiche_id)
    css = (project / "docs" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")
    html = printing.record_document(corpus, record, css, "http://127.0.0.1:8000/", "Centre")
    lines = []
    for label, render in (("le corps de la fiche + print.css (retenu)", lambda: printing.render_pdf(html, "http://127.0.0.1:8000/")),
                          ("la page Material entière", lambda: weasyprint.HTML(
                              filename=str(project / "site" / record.url / "index.html"), media_type="print").write_pdf())):
        render()
        started = time.perf_counter()
        data = render()
        elapsed = time.perf_counter() - started
        with tempfile.TemporaryFile() as handle:
            handle.write(data)
            handle.seek(0)
            reader = PdfReader(handle)
            first = reader.pages[0].extract_text().strip().splitlines()
        lines.append(f"| {label} | {elapsed:.2f} s | {len(reader.pages)} | {len(data) / 1024:.0f} Kio | "
                     f"{len(first)} ligne(s) de texte en page 1 |")
    return lines


def report(rows, builds, material) -> str:
    fiche_rows = [r for r in rows if r[0].startswith("fiches/") and not r[0].endswith("-facile-a-lire.pdf")]
    out = [SECTION, "",
           f"Mesuré le {datetime.date.today().isoformat()} par `scripts/bench_print.py` "
           f"({os.cpu_count()} cœurs, Python {platform.python_version()}, weasyprint {importlib.metadata.version('weasyprint')}, "
           f"charge moyenne au départ {os.getloadavg()[0]:.1f} : la machine est partagée, les temps varient).", "",
           "### Chaque PDF du contenu livré (rendu seul, sans cache, un processus, médiane de 3 rendus)", "",
           "| PDF | pages | taille | temps |", "| --- | ---: | ---: | ---: |"]
    out += [f"| `{t}` | {p} | {b / 1024:.0f} Kio | {s:.2f} s |" for t, p, b, s in rows]
    times = [r[3] for r in fiche_rows]
    low, high = min(r[1] for r in fiche_rows), max(r[1] for r in fiche_rows)
    out += ["", f"Fiches : {len(fiche_rows)} PDF, " + (f"{low} pages chacun" if low == high else f"{low} à {high} pages") + ", "
                f"médiane {statistics.median(times):.2f} s, max {max(times):.2f} s, "
                f"{statistics.mean(r[2] for r in fiche_rows) / 1024:.0f} Kio en moyenne.", "",
            "### Construction complète (`mkdocs build --strict`, PDF compris)", "",
            "| contenu | cache des PDF | durée | PDF |", "| --- | --- | ---: | --- |"] + builds
    out += ["", f"### Rendre la fiche seule ou la page Material entière (`{rows[0][0]}`)", "",
            "| WeasyPrint sur | temps | pages | taille | |", "| --- | ---: | ---: | ---: | --- |"] + material
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure l'impression : PDF, construction avec et sans cache.")
    parser.add_argument("--fiches", type=int, default=200, help="nombre de fiches du grand corpus (défaut : 200)")
    parser.add_argument("--sortie", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    rows = per_pdf(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        work = Path(tmp)
        builds = scenario(work, "livre", None, [1, 2])
        material = material_page(work / "livre", rows[0][0].split("/")[1])
        builds += scenario(work, "grand", args.fiches, [1, 2])
    text = report(rows, builds, material)
    write_section(Path(args.sortie), SECTION, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
