#!/usr/bin/env python3
"""A CI publishing job, timed: ``make publier`` (scripts/build.py --publier: strict build with PDFs,
link check, guard, atomic publish) from an empty build cache, then again with the cache the first
run left (what the GitLab ``pages`` job and the GitHub workflow restore between pipelines).

``python scripts/bench_pipeline.py`` measures the shipped content; ``--records 2000`` a synthetic
corpus (scripts/synthetic.py). Prints one Markdown table row per run, with the 1-minute load average
after it; BENCHMARKS.md, section "Publication (CI)", is written by hand from them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import records_project

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://intranet.exemple.fr/centre/"


def shipped_project(target: Path) -> None:
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "data", target / "data")
    for name in ("centre_mkdocs", "overrides"):
        (target / name).symlink_to(ROOT / name)


def publish(project: Path, cache: Path, engine: str) -> tuple[float, float]:
    """Wall and CPU seconds (the build and its children) of one ``make publier``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "CENTRE_CACHE": str(cache)}
    env.pop("CENTRE_PDF", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--publier", "--moteur", engine,
                             "--config", str(project / "mkdocs.yml"), "--sortie", str(project / "site")],
                            capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"make publier failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=0, help="synthetic records (0: the shipped content)")
    parser.add_argument("--moteur", default="mkdocs", choices=("mkdocs", "properdocs"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as folder:
        project = Path(folder) / "project"
        if args.records:
            records_project(project, args.records, 1)
        else:
            shipped_project(project)
        cache = Path(folder) / "cache"
        corpus = f"{args.records:,} synthetic records" if args.records else "shipped content"
        for run in ("cold (empty cache)", "warm (cache of the first run)"):
            wall, cpu = publish(project, cache, args.moteur)
            pdfs = len(list((project / "site").rglob("*.pdf")))
            load = os.getloadavg()[0]
            print(f"| {corpus} | {args.moteur} | {run} | {wall:.1f} | {cpu:.1f} | {pdfs} | {load:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
