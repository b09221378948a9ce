#!/usr/bin/env python3
"""Build benchmark: our site from synthetic corpora vs MkDocs on as many plain Markdown pages.

For each size, in the same run and alternately:
- ``records``: the real project (mkdocs.yml, docs/, centre_mkdocs/, overrides/) on a synthetic
  ``data/`` of n records (scripts/synthetic.py);
- ``plain``: the same mkdocs.yml without our plugin and macros (same theme, same
  overrides, stock search), on n plain Markdown pages holding the same records' text,
  kept out of the nav as ours are;
- ``records-nosearch``: our project without Material's search plugin, to show its share;
- ``stock`` (issue 16): MkDocs + Material as installed, nothing of ours (no overrides, stylesheets,
  scripts, plugin or macros), stock search, the same plain pages out of the nav: the baseline of
  issue 16, beside the ``plain`` baseline of issue 2 (kept as it was);
- ``records-pdf``: our full build with PDFs, from an empty build cache (``core/cache.py``): a cold build;
- ``records-again``: the same project built again, nothing changed, with the cache the cold build left.
Each build runs ``mkdocs build --strict`` in a child process; its wall time, CPU time
(user + system, steadier when other jobs share the 2 cores) and peak RSS come from
``os.wait4``. Results go to BENCHMARKS.md under "## Construction du site".

    python scripts/bench.py                 # 200, 2,000 and 10,000 records
    python scripts/bench.py --sizes 200 2000
    python scripts/bench.py --quick         # 200 records, once, no file written
    python scripts/bench.py --sizes 2000 --repeat 3   # issue 16's targets (about 15 min on 2 quiet cores)
"""

from __future__ import annotations

import argparse
import datetime
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
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent  # the repository

# Targets of issue 2 ("How it will be checked").
TARGET_VS_PLAIN = 1.2  # 2,000 records vs 2,000 plain pages
TARGET_10K_VS_2K = 6.0  # 10,000 records vs 2,000 records
TARGET_PAGE_KB = 60  # HTML of one record page
# Targets of issue 16, against the stock baseline.
TARGET_COLD_VS_STOCK = 1.5  # 2,000 records, cold full build (PDFs included)
TARGET_AGAIN_VS_STOCK = 1.0  # 2,000 records, second build with nothing changed
TARGET_10K_VS_2K_16 = 5.5
SECTION = "## Construction du site"
LOADS: list = []  # 1-minute load average after each build: other jobs on the machine skew wall times


# --- mkdocs.yml without losing its !ENV tags ---------------------------------------------

class _Tagged:
    def __init__(self, tag, node):
        self.tag, self.node = tag, node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: _Tagged("!ENV", node))
def _represent_tagged(dumper, value):
    if isinstance(value.node, yaml.SequenceNode):
        return dumper.represent_sequence(value.tag, [item.value for item in value.node.value])
    return dumper.represent_scalar(value.tag, value.node.value)


_Dumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write_config(config: dict, path: Path):
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _nav_files(nav) -> list[str]:
    found = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


# --- projects -----------------------------------------------------------------------------

def records_project(target: Path, n: int, seed: int, search: bool = True) -> dict:
    """The real project on a synthetic corpus of n records (as tests/conftest.py make_project)."""
    target.mkdir(parents=True)
    config = read_config(ROOT / "mkdocs.yml")
    if not search:
        config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) != "search"]
    write_config(config, target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    for name in ("centre_mkdocs", "overrides"):
        (target / name).symlink_to(ROOT / name)
    return generate(target, n, seed)


def _field_markdown(key: str, value, depth: int = 2) -> str:
    title = key.replace("_", " ").capitalize()
    if isinstance(value, str):
        return f"{'#' * depth} {title}\n\n{value.strip()}\n"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{'#' * depth} {title}\n\n" + "".join(f"- {v}\n" for v in value)
    if isinstance(value, list):
        parts = [f"{'#' * depth} {title}\n"]
        for number, item in enumerate(value, start=1):
            parts.append(f"{'#' * min(depth + 1, 6)} {title} {number}\n")
            parts += [f"**{k}** : {v}\n" if not isinstance(v, (list, dict)) or not v else _field_markdown(k, v, depth + 2)
                      for k, v in item.items()] if isinstance(item, dict) else [f"{item}\n"]
        return "\n".join(parts)
    if isinstance(value, dict):
        return f"{'#' * depth} {title}\n\n" + "".join(f"- **{k}** : {v}\n" for k, v in value.items())
    return f"{'#' * depth} {title}\n\n{value}\n"


def plain_markdown(record: dict) -> str:
    """A record's text as an ordinary hand-written Markdown page."""
    body = [f"# {record['titre']}\n", f"{record['resume']}\n"]
    body += [_field_markdown(k, v) for k, v in record.items() if k not in ("titre", "resume")]
    return "\n".join(body)


def plain_project(target: Path, records_root: Path, stock: bool = False) -> None:
    """Same mkdocs.yml minus our plugin/macros/data; the records' text as plain pages out of the nav.

    ``stock``: Material as installed, without our overrides, stylesheets and scripts either.
    """
    target.mkdir(parents=True)
    config = read_config(ROOT / "mkdocs.yml")
    if stock:
        config["theme"].pop("custom_dir", None)
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) == "search"]
    config["not_in_nav"] = "\n".join(f"/{c}/*-*.md" for c in ("pratiques", "fiches", "methodologies"))
    write_config(config, target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    if not stock:
        (target / "overrides").symlink_to(ROOT / "overrides")
    for page in (target / "docs").rglob("*.md"):
        # Hand-written pages without their macros (no data behind them here).
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S), encoding="utf-8")
    for nav_file in _nav_files(config.get("nav")):
        page = target / "docs" / nav_file
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {Path(nav_file).parent.name.capitalize()}\n\nListe des ressources.\n", encoding="utf-8")
    for source in sorted((records_root / "data").glob("*/*.yml")):
        collection = source.parent.name
        if collection == "referentiels":
            continue
        record = yaml.safe_load(source.read_text(encoding="utf-8"))
        out = target / "docs" / collection / f"{source.stem}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(plain_markdown(record), encoding="utf-8")


# --- measuring ----------------------------------------------------------------------------

def build(project: Path, out: Path, pdf: bool = False, cache: Path | None = None) -> dict:
    """``mkdocs build --strict`` in a child; wall and CPU seconds, peak RSS in MiB.

    Without ``pdf`` the PDFs are left out (scripts/bench_print.py measures them, section
    "Impression"). Each build has its own cache folder (``cache``, else a new empty one).
    """
    cache = cache or Path(tempfile.mkdtemp(prefix="cache-", dir=project))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CENTRE_PDF": "on" if pdf else "off", "CENTRE_CACHE": str(cache)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(out)]
    with open(project / "build.log", "w") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{(project / 'build.log').read_text()[-3000:]}")
    # wait4 counts the child's own children too (the PDF workers, which it waits for).
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def sizes(site: Path, ids: dict) -> dict:
    pages = [site / collection / record_id / "index.html" for collection, group in ids.items() for record_id in group]
    kb = [p.stat().st_size / 1024 for p in pages]
    html = [p.stat().st_size for p in site.rglob("*.html")]
    everything = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {"page_median": statistics.median(kb), "page_max": max(kb), "pages": len(html),
            "html_mb": sum(html) / 2**20, "site_mb": everything / 2**20,
            "search_mb": index.stat().st_size / 2**20 if index.exists() else 0.0}


def source_kb(paths) -> float:
    return statistics.median(p.stat().st_size / 1024 for p in paths)


VARIANTS = ("records", "records-pdf", "records-again", "plain", "stock")


def measure(n: int, repeat: int, seed: int, work: Path, nosearch: bool, variants=VARIANTS) -> dict:
    base = work / f"n{n}"
    ids = records_project(base / "records", n, seed)
    projects = {"records": base / "records", "records-pdf": base / "records", "records-again": base / "records"}
    if "plain" in variants:
        plain_project(base / "plain", base / "records")
        projects["plain"] = base / "plain"
    if "stock" in variants:
        plain_project(base / "stock", base / "records", stock=True)
        projects["stock"] = base / "stock"
    chosen = [name for name in variants if name in projects]
    if nosearch:
        records_project(base / "records-nosearch", n, seed, search=False)
        projects["records-nosearch"] = base / "records-nosearch"
        chosen.append("records-nosearch")
    runs = {name: [] for name in chosen}
    for attempt in range(repeat):
        cache = None
        for name in chosen:  # alternate, so that a busy moment hits all alike
            if name == "records-nosearch" and attempt:
                continue  # one build is enough to show the search plugin's share
            project = projects[name]
            out = base / f"site-{name}"
            shutil.rmtree(out, ignore_errors=True)
            if name == "records-pdf":  # cold: a new, empty cache, kept for the next build
                cache = Path(tempfile.mkdtemp(prefix="cache-", dir=base))
            if name == "records-again" and cache is None:
                cache = Path(tempfile.mkdtemp(prefix="cache-", dir=base))
                build(project, out, pdf=True, cache=cache)  # fill it first
            runs[name].append(build(project, out, pdf=name in ("records-pdf", "records-again"),
                                    cache=cache if name in ("records-pdf", "records-again") else None))
            LOADS.append(os.getloadavg()[0])
            print(f"  n={n} {name} #{attempt + 1}: {runs[name][-1]['wall']:.1f} s, "
                  f"cpu {runs[name][-1]['cpu']:.1f} s, {runs[name][-1]['rss']:.0f} MiB", flush=True)
            if name in ("records", "plain"):
                sized = sizes(out, ids)
                runs[name][-1].update(sized)
    result = {"n": n, "repeat": repeat}
    for name, measures in runs.items():
        result[name] = {key: statistics.median(m[key] for m in measures) for key in ("wall", "cpu", "rss")}
        result[name]["runs"] = len(measures)
        if "pages" in measures[-1]:
            result[name].update({key: value for key, value in measures[-1].items() if key not in ("wall", "cpu", "rss")})
    if "plain" in result:
        md_pages = [base / "plain" / "docs" / c / f"{i}.md" for c, group in ids.items() for i in group]
        result["plain"]["source_kb"] = source_kb(md_pages)
    if "records" in result:
        result["records"]["source_kb"] = source_kb(list((base / "records" / "data").glob("[pfm]*/*.yml")))
    result["counts"] = {c: len(group) for c, group in ids.items()}
    return result


# --- report ---------------------------------------------------------------------------------

def _ok(flag: bool) -> str:
    return "met" if flag else "**missed**"


_DESCRIPTIONS = {
    "records": "our build, no PDFs, empty cache",
    "records-pdf": "our full build with PDFs, empty cache (cold)",
    "records-again": "the same, built again, nothing changed (cache kept)",
    "records-nosearch": "our build without Material's search plugin",
    "plain": "plain pages, our mkdocs.yml and overrides (issue 2's baseline)",
    "stock": "plain pages, MkDocs + Material as installed (issue 16's baseline)",
}


def _ratio(results: dict, n: int, name: str, other_n: int, other: str, unit: str) -> float | None:
    try:
        return results[n][name][unit] / results[other_n][other][unit]
    except KeyError:
        return None


def report(results: list, quick: bool, command: str = "") -> str:
    by_n = {r["n"]: r for r in results}
    runs = sorted({r[name]["runs"] for r in results for name in _DESCRIPTIONS if name in r})
    lines = [SECTION, "",
             f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `{command or 'python scripts/bench.py'}` "
             f"on {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"mkdocs build --strict. Times are the **median** of {' or '.join(map(str, runs))} builds per variant "
             "(the build without search once), the variants alternating; CPU = user + system time of the build "
             "process and of the processes it waits for (its PDF workers): steadier than wall time when other jobs "
             "share the machine; RSS = peak resident memory of the build process. "
             f"1-minute load average after the builds: {min(LOADS, default=0):.1f} to {max(LOADS, default=0):.1f} "
             f"(on {os.cpu_count()} cores: above {os.cpu_count()}, wall times wait for other processes).",
             "", "Corpora: synthetic records from `scripts/synthetic.py` (real vocabularies, text reshuffled from "
             "the shipped records, links between records), 50 % pratiques, 40 % fiches, 10 % méthodologies. "
             "Variants: " + "; ".join(f"`{k}`: {v}" for k, v in _DESCRIPTIONS.items()) + ". "
             "Each build of ours has its own build cache folder (`CENTRE_CACHE`), empty unless said otherwise.", "",
             "| records | build | wall (s) | CPU (s) | peak RSS (MiB) | source / page (KB, median) "
             "| record page HTML (KB, median / max) | HTML pages | HTML total (MiB) | search index (MiB) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        for name in _DESCRIPTIONS:
            if name not in r:
                continue
            m = r[name]
            page = f"{m['page_median']:.1f} / {m['page_max']:.1f}" if "page_median" in m else "–"
            lines.append(f"| {r['n']:,} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} | "
                         f"{m.get('source_kb', 0):.1f} | {page} | {m.get('pages', '–')} | "
                         f"{m['html_mb']:.1f} | {m['search_mb']:.1f} |".replace("| 0.0 |", "| – |")
                         if "html_mb" in m else
                         f"| {r['n']:,} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} | – | – | – | – | – |")
    lines += ["", "Targets:", ""]

    def target(text: str, ratio: float | None, limit: float):
        if ratio is not None:
            lines.append(f"- {text}: {ratio:.2f}× (target ≤ {limit}×): {_ok(ratio <= limit)}")

    for unit in ("cpu", "wall"):
        target(f"issue 16, 2,000 records, cold full build with PDFs vs stock baseline ({unit})",
               _ratio(by_n, 2000, "records-pdf", 2000, "stock", unit), TARGET_COLD_VS_STOCK)
        target(f"issue 16, 2,000 records, second build (nothing changed) vs stock baseline ({unit})",
               _ratio(by_n, 2000, "records-again", 2000, "stock", unit), TARGET_AGAIN_VS_STOCK)
        target(f"issue 16, 10,000 vs 2,000 records, cold full build with PDFs ({unit})",
               _ratio(by_n, 10000, "records-pdf", 2000, "records-pdf", unit), TARGET_10K_VS_2K_16)
        target(f"issue 2, 2,000 records vs 2,000 plain pages ({unit})",
               _ratio(by_n, 2000, "records", 2000, "plain", unit), TARGET_VS_PLAIN)
        target(f"issue 2, 10,000 vs 2,000 records ({unit})",
               _ratio(by_n, 10000, "records", 2000, "records", unit), TARGET_10K_VS_2K)
    pages = [r["records"]["page_max"] for r in results if "page_max" in r.get("records", {})]
    if pages:
        lines.append(f"- largest record page: {max(pages):.1f} KB of HTML (target < {TARGET_PAGE_KB} KB): "
                     f"{_ok(max(pages) < TARGET_PAGE_KB)}")
    for r in results:
        if "records-nosearch" in r and "records" in r:
            share = 1 - r["records-nosearch"]["cpu"] / r["records"]["cpu"]
            lines.append(f"- Material's stock search plugin, {r['n']:,} records: {share:.0%} of the build CPU time")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la construction du site sur des corpus synthétiques.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=None,
                        help="builds per variant (default: 3 up to 2,000 records, else 1)")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS,
                        help="variants to build (default: all)")
    parser.add_argument("--quick", action="store_true", help="200 records, one build each, nothing written")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search-share", type=int, nargs="*", default=[],
                        help="sizes also built without the search plugin, to show its share (default: none)")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.search_share = [200], 1, [200]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results = []
    try:
        for n in args.sizes:
            repeat = args.repeat or (3 if n <= 2000 else 1)
            results.append(measure(n, repeat, args.seed, work, n in args.search_share, args.variants))
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    section = report(results, args.quick, "python scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    print("\n" + section)
    if not args.quick:
        write_section(Path(args.output), SECTION, section)
        print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
