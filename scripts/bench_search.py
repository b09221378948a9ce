#!/usr/bin/env python3
"""Search benchmark in headless Chromium: our search and Material's stock search, same pages, same run.

For each size (200, 2,000, 10,000 records by default):
- a synthetic ``data/`` of n records (``scripts/synthetic.py``'s ``generate()``, real text
  reshuffled);
- ``ours``: the real project; ``stock``: the same project with Material's own search box
  (our header partial, search index and scripts removed), built from the same records;
- measured in Chromium on a local HTTP server:
  * index size, raw and gzip (ours: search/recherche.json; Material: search/search_index.json);
  * time from navigation start to the first result shown, typing right after the page loads
    (fresh browser context each time, so nothing is cached);
  * the same over a throttled link (10 Mbit/s, 20 ms latency: Chrome DevTools' network emulation),
    the server compressing with gzip as an intranet server does (ours only);
  * time per keystroke once the index is loaded (input event -> results in the DOM, laid out),
    for a query typed right and for the same query with typing slips (corrected, ours only);
  * time to apply a facet filter on /catalogue/ (click -> cards shown/hidden, laid out; ours only).
Results go to BENCHMARKS.md under "## Recherche" (the section is replaced, others are kept).

    python scripts/bench_search.py                    # 200, 2,000, 10,000
    python scripts/bench_search.py --sizes 200 --no-write
    python scripts/bench_search.py --sizes 20 --repeat 1 --no-write   # the code path, in a minute
    python scripts/bench_search.py --sizes 2000 --ours-only --no-write  # ours alone, no Material build
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import io
import json
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

from _benchmarks import BENCHMARKS, write_section
from _browser import CHROMIUM, QuietHandler, launch, serve
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent  # the repository

SECTION = "## Recherche"
TARGETS = {"first": 500.0, "keystroke": 50.0, "filter": 50.0, "gzip_ratio": 1.5}  # at 2,000 records
QUERY = "participation des familles"  # matches in both engines (no accent needed)
SLIPS = "particpation des familes"  # the same with two slips: every keystroke from "particp" is corrected
# Chrome DevTools' network emulation: 10 Mbit/s both ways, 20 ms of latency per request.
THROTTLE = {"offline": False, "latency": 20, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 10_000_000 / 8}


# --- corpora ----------------------------------------------------------------------------

def project(target: Path, data_from: Path, stock: bool) -> Path:
    """The project around a data/ folder; ``stock`` puts Material's own search box back."""
    target.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if stock:
        config = config.replace("  - centre\n", "  - centre:\n      search_index: false\n")
        config = re.sub(r"\nextra_javascript:\n(  .*\n)+", "\n", config)  # entries span several lines
        config = config.replace("  - Catalogue: catalogue/index.md\n", "").replace("  - Glossaire: glossaire.md\n", "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", target / "docs")
    (target / "centre_mkdocs").symlink_to(ROOT / "centre_mkdocs")  # the macros module (mkdocs.yml)
    if stock:
        shutil.copytree(ROOT / "overrides", target / "overrides")
        (target / "overrides" / "partials" / "search.html").unlink()
    else:
        (target / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(data_from, target / "data")
    return target


def build(project_dir: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                             str(project_dir / "site")], cwd=project_dir, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CENTRE_PDF": "off"})  # PDFs: bench_print.py
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project_dir}:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def sizes(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=6))


# --- browser ----------------------------------------------------------------------------

# Types the query as soon as the page is loaded (DOMContentLoaded, after the page's own
# handlers) and records when the first result appears, from navigation start
# (performance.now()'s origin). Typing from the page itself, not through Playwright, leaves the
# test driver's round trips out of the measure.
FIRST_RESULT = """
new MutationObserver((records, observer) => {
  if (document.querySelector(".centre-resultat, .md-search-result__item")) {
    window.__first = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
  const field = document.querySelector(SELECTOR);
  field.focus();
  field.value = QUERY;
  field.dispatchEvent(new Event("input", {bubbles: true}));
  field.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: QUERY.slice(-1)}));
}, 0));
"""

KEYSTROKES = """
async ({input, results, text}) => {
  const field = document.querySelector(input), target = document.querySelector(results), times = [];
  for (let i = 1; i <= text.length; i++) {
    const changed = new Promise(resolve => {
      const observer = new MutationObserver(() => { observer.disconnect(); document.body.offsetHeight; resolve(performance.now()); });
      observer.observe(target, {childList: true, subtree: true, characterData: true});
      setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
    });
    field.value = text.slice(0, i);
    const start = performance.now();
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: text[i - 1]}));
    const end = await changed;
    if (i >= 3 && end !== null) times.push(end - start);  // from the third letter, as people search
    await new Promise(resolve => setTimeout(resolve, 60));
  }
  return times;
}
"""

FILTERS = """
() => {
  const times = [];
  const boxes = Array.from(document.querySelectorAll("form.filtres li:not([hidden]) input[type=checkbox]"));
  const picks = [boxes.find(b => b.name === "thematiques"), boxes.find(b => b.name === "publics"),
                 boxes.find(b => b.name === "territoires"), boxes.find(b => b.name === "collection")].filter(Boolean);
  for (const box of picks.concat(picks)) {  // check each, then uncheck each
    const start = performance.now();
    box.click();
    document.body.offsetHeight;
    times.push(performance.now() - start);
  }
  return times;
}
"""


def serve_gzip(directory: Path):
    """Like _browser.serve(), compressing text files with gzip when the browser accepts it (as an
    intranet web server does; level 6, once per file). Returns (base_url, stop)."""

    @functools.cache
    def compressed(path: str) -> bytes:
        return gzip.compress(Path(path).read_bytes(), compresslevel=6)

    class Handler(QuietHandler):
        def send_head(self):
            path = self.translate_path(self.path)
            if Path(path).is_dir():
                path = str(Path(path) / "index.html")
            if ("gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file()
                    or not path.endswith((".html", ".json", ".js", ".css", ".svg"))):
                return super().send_head()
            body = compressed(path)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    return serve(directory, Handler)


def first_result(browser, url: str, selector: str, throttle: bool = False) -> tuple[float, float]:
    """(ms from the page loaded to the first result, ms from navigation start to the first result)."""
    context = browser.new_context()
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    page.add_init_script(FIRST_RESULT.replace("SELECTOR", json.dumps(selector)).replace("QUERY", json.dumps(QUERY)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("window.__first !== undefined", timeout=180000)
    first, loaded = page.evaluate("[window.__first, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]")
    context.close()
    return first - loaded, first


def keystrokes(browser, url: str, selector: str, results: str, ready: str, text: str = QUERY) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.focus(selector)
    page.fill(selector, "famille")
    page.locator(selector).dispatch_event("keyup")
    page.wait_for_selector(ready, timeout=180000)
    page.fill(selector, "")
    page.locator(selector).dispatch_event("keyup")
    page.wait_for_timeout(300)
    times = page.evaluate(KEYSTROKES, {"input": selector, "results": results, "text": text})
    context.close()
    return times


def filters(browser, url: str) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector("form.filtres[data-pret]", timeout=180000)
    times = page.evaluate(FILTERS)
    context.close()
    return times


def measure(browser, n: int, work: Path, repeat: int, seed: int, ours_only: bool = False) -> dict:
    data_root = work / f"data-{n}"
    data_root.mkdir(parents=True)
    generate(data_root, n, seed)
    ours = project(work / f"ours-{n}", data_root / "data", False)
    stock = None if ours_only else project(work / f"stock-{n}", data_root / "data", True)
    row = {"n": n, "build_ours": build(ours), "build_stock": build(stock) if stock else None}
    record_page = next(p for p in sorted((ours / "site" / "fiches").iterdir()) if p.is_dir()).name
    # Ours: the index file and its shards of postings (each compressed apart, as a server sends them).
    files = [ours / "site" / "search" / "recherche.json", *sorted((ours / "site" / "search").glob("postings-*.json"))]
    measured = [sizes(f) for f in files]
    row["ours_raw"], row["ours_gz"] = sum(m[0] for m in measured), sum(m[1] for m in measured)
    row["head_gz"], row["shards"] = measured[0][1], len(files) - 1
    reference = (stock or ours) / "site" / "search" / "search_index.json"  # ours writes it too (never fetched)
    row["stock_raw"], row["stock_gz"] = sizes(reference)
    row["lunr_gz"] = sizes(ours / "site" / "assets" / "javascripts" / "vendor" / "lunr.min.js")[1]
    base_ours, stop_ours = serve(ours / "site")
    base_zip, stop_zip = serve_gzip(ours / "site")
    base_stock, stop_stock = serve(stock / "site") if stock else (None, lambda: None)
    try:
        url_ours, url_zip = f"{base_ours}fiches/{record_page}/", f"{base_zip}fiches/{record_page}/"
        url_stock = stock and f"{base_stock}fiches/{record_page}/"
        firsts_ours, firsts_stock, keys_ours, keys_stock, keys_slips, filter_times = [], [], [], [], [], []
        navs_ours, navs_stock, throttled = [], [], []
        engines = [(firsts_ours, navs_ours, url_ours, "#centre-q")]
        if stock:
            engines.append((firsts_stock, navs_stock, url_stock, "[data-md-component=search-query]"))
        for _ in range(repeat):  # alternate the two engines so that both see the same machine load
            for firsts, navs, url, box in engines:
                after_load, from_start = first_result(browser, url, box)
                firsts.append(after_load)
                navs.append(from_start)
            throttled.append(first_result(browser, url_zip, "#centre-q", throttle=True)[1])
            keys_ours += keystrokes(browser, url_ours, "#centre-q", ".centre-sortie", ".centre-resultat")
            keys_slips += keystrokes(browser, url_ours, "#centre-q", ".centre-sortie", ".centre-resultat", SLIPS)
            if stock:
                keys_stock += keystrokes(browser, url_stock, "[data-md-component=search-query]",
                                         "[data-md-component=search-result]", ".md-search-result__item")
            filter_times += filters(browser, f"{base_ours}catalogue/")
    finally:
        stop_ours()
        stop_zip()
        stop_stock()
    nothing = [float("nan")]
    row.update(first_ours=statistics.median(firsts_ours), first_stock=statistics.median(firsts_stock or nothing),
               nav_ours=statistics.median(navs_ours), nav_stock=statistics.median(navs_stock or nothing),
               nav_throttled=statistics.median(throttled), nav_throttled_all=throttled,
               key_ours=statistics.median(keys_ours), key_ours_max=max(keys_ours),
               key_slips=statistics.median(keys_slips), key_slips_max=max(keys_slips),
               key_stock=statistics.median(keys_stock or nothing), key_stock_max=max(keys_stock or nothing),
               filter=statistics.median(filter_times), filter_max=max(filter_times))
    return row


# --- report -----------------------------------------------------------------------------

def _kb(value: int) -> str:
    return f"{value / 1024:,.0f} Kio".replace(",", "\u202f")


def _ms(value: float) -> str:
    return f"{value:,.0f} ms".replace(",", "\u202f") if value >= 10 else f"{value:.1f} ms"


def report(rows: list[dict], repeat: int, load: tuple) -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        SECTION, "",
        f"Mesuré le {datetime.date.today().isoformat()} par `python scripts/bench_search.py` "
        f"({os.cpu_count()} cœurs, Python {platform.python_version()}, {chromium} sans interface). "
        f"Corpus synthétiques bâtis à partir des fiches réelles ; chaque mesure de temps est la médiane "
        f"de {repeat} passages, nos pages et celles de Material en alternance, dans la même exécution. "
        f"Charge moyenne de la machine pendant la mesure (1 min, début → fin) : {load[0]:.1f} → {load[1]:.1f}.",
        "",
        "« Nous » : index construit à la compilation (`search/recherche.json`, sans les listes de documents "
        "de chaque terme, demandé pendant le chargement de la page en priorité basse ; ces listes dans des "
        "fichiers `search/postings-<empreinte>.json` de termes consécutifs, demandés à la première recherche, "
        "ceux de la requête d'abord ; lunr.js 2.3.9). Tailles : le fichier d'index et tous les fichiers de "
        "listes, chacun compressé à part. « Material » : la recherche d'origine du thème (`search/search_index.json`, "
        "index reconstruit dans le navigateur à chaque chargement de page), sur les mêmes pages.",
        "",
        "| fiches | index gzip (nous / Material / rapport) | index brut (nous / Material) | 1er résultat après chargement (nous / Material) | 1er résultat depuis la navigation (nous / Material) | 1er résultat depuis la navigation, 10 Mbit/s et 20 ms (nous) | frappe, médiane et max (nous) | frappe avec fautes corrigées, médiane et max (nous) | frappe, médiane et max (Material) | filtre, médiane et max |",
        "| ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {_kb(r['ours_gz'])} / {_kb(r['stock_gz'])} / {r['ours_gz'] / r['stock_gz']:.2f} "
            f"| {_kb(r['ours_raw'])} / {_kb(r['stock_raw'])} "
            f"| {_ms(r['first_ours'])} / {_ms(r['first_stock'])} | {_ms(r['nav_ours'])} / {_ms(r['nav_stock'])} "
            f"| {_ms(r['nav_throttled'])} "
            f"| {_ms(r['key_ours'])} / {_ms(r['key_ours_max'])} | {_ms(r['key_slips'])} / {_ms(r['key_slips_max'])} "
            f"| {_ms(r['key_stock'])} / {_ms(r['key_stock_max'])} "
            f"| {_ms(r['filter'])} / {_ms(r['filter_max'])} |".replace(",", "\u202f"))
    lines += ["", f"lunr.min.js : {_kb(rows[0]['lunr_gz'])} gzip, en plus de l'index, chargé une fois. "
              + " ; ".join(f"{r['n']:,} fiches : fichier d'index {_kb(r['head_gz'])} gzip, {r['shards']} fichiers de listes"
                           for r in rows).replace(",", "\u202f") + ".", ""]
    at = {r["n"]: r for r in rows}
    if 2000 in at:
        r = at[2000]
        checks = [
            ("premier résultat ≤ 500 ms après le chargement", r["first_ours"] <= TARGETS["first"], _ms(r["first_ours"])),
            ("premier résultat ≤ 500 ms depuis la navigation, à 10 Mbit/s et 20 ms", r["nav_throttled"] <= TARGETS["first"],
             _ms(r["nav_throttled"])),
            ("chaque frappe ≤ 50 ms (max)", r["key_ours_max"] <= TARGETS["keystroke"], _ms(r["key_ours_max"])),
            ("chaque frappe ≤ 50 ms avec des fautes corrigées (max)", r["key_slips_max"] <= TARGETS["keystroke"],
             _ms(r["key_slips_max"])),
            ("filtre ≤ 50 ms (max)", r["filter_max"] <= TARGETS["filter"], _ms(r["filter_max"])),
            ("index gzip ≤ 1,5 × Material", r["ours_gz"] / r["stock_gz"] <= TARGETS["gzip_ratio"],
             f"{r['ours_gz'] / r['stock_gz']:.2f} ×"),
        ]
        lines += ["Objectifs à 2 000 fiches :", ""]
        lines += [f"- {name} : {value} — {'atteint' if ok else '**non atteint**'}" for name, ok, value in checks]
        lines.append("")
    lines += ["Méthode : le premier résultat est l'instant où le premier résultat entre dans la page, compté "
              "depuis la fin du chargement du HTML (`DOMContentLoaded`, la page est utilisable) et, à titre "
              "d'information, depuis le début de la navigation ; la requête est saisie par la page elle-même "
              "dès `DOMContentLoaded` (les scripts de la page ont fait leur mise en place), dans un contexte "
              "de navigateur neuf (sans cache). Une frappe va de l'événement de saisie à la mise à jour des "
              "résultats dans la page, mise en page comprise, à partir de la troisième lettre de « "
              f"{QUERY} », puis de « {SLIPS} » (deux fautes de frappe, corrigées à chaque frappe dès « particp »). "
              "Le premier résultat à 10 Mbit/s et 20 ms de latence (émulation réseau de Chromium) est servi "
              "compressé (gzip), comme par un serveur web d'intranet. Un filtre va du clic sur une case à l'affichage des fiches retenues, mise en page "
              "comprise, sur le catalogue complet (/catalogue/). Tailles gzip au niveau 6.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la recherche (la nôtre et celle de Material) dans Chromium.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-write", action="store_true", help="afficher sans écrire BENCHMARKS.md")
    parser.add_argument("--ours-only", action="store_true", help="sans la recherche de Material (pas de second site)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for n in args.sizes:
                rows.append(measure(browser, n, Path(tmp), args.repeat, args.seed, args.ours_only))
                print(rows[-1], flush=True)
        finally:
            browser.close()
    text = report(rows, args.repeat, (load_before, os.getloadavg()[0]))
    print(text)
    if not args.no_write:
        write_section(BENCHMARKS, SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
