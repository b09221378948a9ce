#!/usr/bin/env python3
"""Build benchmark: our site from synthetic corpora vs MkDocs on as many plain Markdown pages.

For each size, in the same run and alternately:
- ``records``: the real project (mkdocs.yml, docs/, hooks/, overrides/) on a synthetic
  ``data/`` of n records (scripts/synthetic.py);
- ``plain``: the same mkdocs.yml without our hooks and macros (same theme, same
  overrides, stock search), on n plain Markdown pages holding the same records' text,
  kept out of the nav as ours are;
- ``records-nosearch``: our project without Material's search plugin, to show its share.
Each build runs ``mkdocs build --strict`` in a child process; its wall time, CPU time
(user + system, steadier when other jobs share the 2 cores) and peak RSS come from
``os.wait4``. Results go to BENCHMARKS.md under "## Construction du site".

    python scripts/bench.py                 # 200, 2,000 and 10,000 records
    python scripts/bench.py --sizes 200 2000
    python scripts/bench.py --quick         # 200 records, once, no file written
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
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent  # the repository

# Targets of issue 2 ("How it will be checked").
TARGET_VS_PLAIN = 1.2  # 2,000 records vs 2,000 plain pages
TARGET_10K_VS_2K = 6.0  # 10,000 records vs 2,000 records
TARGET_PAGE_KB = 60  # HTML of one record page
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
    for name in ("hooks", "overrides"):
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


def plain_project(target: Path, records_root: Path) -> None:
    """Same mkdocs.yml minus our hooks/macros/data; the records' text as plain pages out of the nav."""
    target.mkdir(parents=True)
    config = read_config(ROOT / "mkdocs.yml")
    config.pop("hooks", None)
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) == "search"]
    config["not_in_nav"] = "\n".join(f"/{c}/*-*.md" for c in ("pratiques", "fiches", "methodologies"))
    write_config(config, target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
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

def build(project: Path, out: Path) -> dict:
    """``mkdocs build --strict`` in a child; wall and CPU seconds, peak RSS in MiB."""
    # PDFs are left out here: scripts/bench_print.py measures them (section "Impression").
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CENTRE_PDF": "off"}
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


def measure(n: int, repeat: int, seed: int, work: Path, nosearch: bool) -> dict:
    base = work / f"n{n}"
    ids = records_project(base / "records", n, seed)
    plain_project(base / "plain", base / "records")
    variants = {"records": base / "records", "plain": base / "plain"}
    if nosearch:
        records_project(base / "records-nosearch", n, seed, search=False)
        variants["records-nosearch"] = base / "records-nosearch"
    runs = {name: [] for name in variants}
    for attempt in range(repeat):
        for name, project in variants.items():  # alternate, so that a busy moment hits all alike
            if name == "records-nosearch" and attempt:
                continue  # one build is enough to show the search plugin's share
            out = base / f"site-{name}"
            shutil.rmtree(out, ignore_errors=True)
            runs[name].append(build(project, out))
            LOADS.append(os.getloadavg()[0])
            print(f"  n={n} {name} #{attempt + 1}: {runs[name][-1]['wall']:.1f} s, "
                  f"cpu {runs[name][-1]['cpu']:.1f} s, {runs[name][-1]['rss']:.0f} MiB", flush=True)
    result = {"n": n, "repeat": repeat}
    for name, measures in runs.items():
        best = min(measures, key=lambda m: m["cpu"])
        result[name] = {**best, "wall": min(m["wall"] for m in measures)}
    result["records"].update(sizes(base / "site-records", ids))
    result["plain"].update(sizes(base / "site-plain", ids))
    md_pages = [base / "plain" / "docs" / c / f"{i}.md" for c, group in ids.items() for i in group]
    result["plain"]["source_kb"] = source_kb(md_pages)
    result["records"]["source_kb"] = source_kb(list((base / "records" / "data").glob("[pfm]*/*.yml")))
    result["counts"] = {c: len(group) for c, group in ids.items()}
    return result


# --- report ---------------------------------------------------------------------------------

def _ok(flag: bool) -> str:
    return "met" if flag else "**missed**"


def report(results: list, quick: bool) -> str:
    by_n = {r["n"]: r for r in results}
    lines = [SECTION, "",
             f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `scripts/bench.py"
             f"{' --quick' if quick else ''}` on {os.cpu_count()} cores, Python {platform.python_version()}, "
             "mkdocs build --strict. Times are the best of the repeats (3 builds per variant at 200 records, 2 at 2,000, 1 at 10,000; the build without search once); CPU = user + system time of the build "
             "process (steadier than wall time when other jobs share the machine); RSS = its peak resident memory. "
             f"1-minute load average after the builds: {min(LOADS, default=0):.1f} to {max(LOADS, default=0):.1f} "
             f"(on {os.cpu_count()} cores: above {os.cpu_count()}, wall times wait for other processes).",
             "", "Corpora: synthetic records from `scripts/synthetic.py` (real vocabularies, text reshuffled from "
             "the shipped records, links between records), 50 % pratiques, 40 % fiches, 10 % méthodologies. "
             "Plain: the same `mkdocs.yml` and theme without our hooks/macros, one plain Markdown page per "
             "record holding the same text, out of the nav.", "",
             "| records | build | wall (s) | CPU (s) | peak RSS (MiB) | source / page (KB, median) "
             "| record page HTML (KB, median / max) | HTML pages | HTML total (MiB) | search index (MiB) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        for name in ("records", "records-nosearch", "plain"):
            if name not in r:
                continue
            m = r[name]
            page = f"{m['page_median']:.1f} / {m['page_max']:.1f}" if "page_median" in m else "–"
            lines.append(f"| {r['n']:,} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} | "
                         f"{m.get('source_kb', 0):.1f} | {page} | {m.get('pages', '–')} | "
                         f"{m['html_mb']:.1f} | {m['search_mb']:.1f} |".replace("| 0.0 |", "| – |")
                         if "html_mb" in m else
                         f"| {r['n']:,} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} | – | – | – | – | – |")
    lines += ["", "Targets (issue 2):", ""]
    if 2000 in by_n:
        r = by_n[2000]
        for unit in ("cpu", "wall"):
            ratio = r["records"][unit] / r["plain"][unit]
            lines.append(f"- 2,000 records vs 2,000 plain pages ({unit}): {ratio:.2f}× "
                         f"(target ≤ {TARGET_VS_PLAIN}×): {_ok(ratio <= TARGET_VS_PLAIN)}")
    if 2000 in by_n and 10000 in by_n:
        for unit in ("cpu", "wall"):
            ratio = by_n[10000]["records"][unit] / by_n[2000]["records"][unit]
            lines.append(f"- 10,000 records vs 2,000 records ({unit}): {ratio:.2f}× "
                         f"(target ≤ {TARGET_10K_VS_2K}×): {_ok(ratio <= TARGET_10K_VS_2K)}")
    worst = max(r["records"]["page_max"] for r in results)
    lines.append(f"- largest record page: {worst:.1f} KB of HTML (target < {TARGET_PAGE_KB} KB): "
                 f"{_ok(worst < TARGET_PAGE_KB)}")
    for r in results:
        if "records-nosearch" in r:
            share = 1 - r["records-nosearch"]["cpu"] / r["records"]["cpu"]
            lines.append(f"- Material's stock search plugin, {r['n']:,} records: {share:.0%} of the build CPU time")
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str):
    """Replace (or append) our section, leaving the other sections of the file alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la construction du site sur des corpus synthétiques.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=None,
                        help="builds per variant (default: 3 up to 200 records, 2 up to 2,000, else 1)")
    parser.add_argument("--quick", action="store_true", help="200 records, one build each, nothing written")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search-share", type=int, nargs="*", default=[2000],
                        help="sizes also built without the search plugin, to show its share (default: 2000)")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.search_share = [200], 1, [200]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results = []
    try:
        for n in args.sizes:
            repeat = args.repeat or (3 if n <= 200 else 2 if n <= 2000 else 1)
            results.append(measure(n, repeat, args.seed, work, n in args.search_share))
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    section = report(results, args.quick)
    print("\n" + section)
    if not args.quick:
        write_section(Path(args.output), section)
        print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
