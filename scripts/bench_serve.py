#!/usr/bin/env python3
"""Preview benchmark: how long after editing one record ``make serve`` serves the changed page.

A synthetic project of n records (scripts/synthetic.py) is served by the real ``make serve``
(no PDFs, as contributors run it); once the first build is served, the title of one fiche is
edited ``--edits`` times, and each time the script polls the page until it shows the new
title. Reported: the median and the maximum of the delays. Writes "## Aperçu" in BENCHMARKS.md.

    python scripts/bench_serve.py              # 200 records, 3 edits
    python scripts/bench_serve.py --records 2000 --edits 3 --no-write
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _benchmarks import write_section
from _serve import make_serve, record_title, wait_for
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Aperçu"


def _session_cpu(session: int) -> float:
    """CPU seconds (user + system) of the processes of a session: make serve's, whatever the load."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # field 6 of stat, the session id
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def _visible(title: str | None) -> str:
    return (title or "").replace("\u00a0", " ").replace("\u202f", " ")


def project(target: Path, n: int) -> Path:
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    for name in ("centre_mkdocs", "overrides"):
        (target / name).symlink_to(ROOT / name)
    generate(target, n, seed=1)
    return target


def measure(n: int, edits: int, work: Path) -> dict:
    folder = project(work / "project", n)
    record = folder / "data" / "fiches" / "fiche-00000.yml"
    log_path = work / "serve.log"
    env = {**os.environ, "CENTRE_CACHE": str(work / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w+", encoding="utf-8") as log, make_serve(folder, log, env) as (server, base):
        url = base + "fiches/fiche-00000/"
        started = time.monotonic()
        if not wait_for(lambda: record_title(url), 600, 0.5):
            sys.exit(f"make serve never served {url}:\n{log_path.read_text()[-3000:]}")
        first = time.monotonic() - started
        delays, cpu = [], []
        for number in range(edits):
            time.sleep(2)  # let the server settle (its own watcher, livereload)
            text = record.read_text(encoding="utf-8")
            old = re.search(r"^titre: (.*)$", text, re.M)[1]
            new = f"Titre modifié {number + 1} {old}"[:120]
            begun, spent = time.monotonic(), _session_cpu(server.pid)
            record.write_text(text.replace(f"titre: {old}\n", f"titre: {new}\n", 1), encoding="utf-8")
            expected = " ".join(new.split())
            if not wait_for(lambda wanted=expected: _visible(record_title(url)) == wanted, 300, 0.05):
                sys.exit(f"the edit never showed:\n{log_path.read_text()[-3000:]}")
            delays.append(time.monotonic() - begun)
            cpu.append(_session_cpu(server.pid) - spent)
            print(f"  n={n} edit {number + 1}: served {delays[-1]:.2f} s after the edit, "
                  f"{cpu[-1]:.2f} s of CPU", flush=True)
    return {"n": n, "first": first, "delays": delays, "cpu": cpu, "load": os.getloadavg()[0]}


def report(results: list, command: str) -> str:
    lines = [SECTION, "",
             f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `{command}` on "
             f"{os.cpu_count()} cores: the real `make serve` (no PDFs) on a synthetic project; one fiche's title "
             "edited, then its page polled every 50 ms until it shows the new title. The build cache "
             "(`core/cache.py`) is filled by the first build, as on a contributor's machine. CPU = user + system "
             "time of `make serve`'s processes between the edit and the page served (the rebuild, steadier than the "
             "delay when other jobs share the machine). "
             f"1-minute load average at the end: {', '.join(format(r['load'], '.1f') for r in results)} "
             f"(on {os.cpu_count()} cores: above {os.cpu_count()}, other jobs slow every number).", "",
             "| records | first build served (s) | edits | after an edit, median (s) | after an edit, max (s) "
             "| CPU of the rebuild, median (s) | target |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        median = statistics.median(r["delays"])
        lines.append(f"| {r['n']:,} | {r['first']:.1f} | {len(r['delays'])} | {median:.2f} | {max(r['delays']):.2f} | "
                     f"{statistics.median(r['cpu']):.2f} | "
                     + (f"≤ 3 s at 200 records: {'met' if median <= 3 else '**missed**'}" if r["n"] == 200 else "") + " |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure l'aperçu : délai entre une modification et la page servie.")
    parser.add_argument("--records", type=int, nargs="+", default=[200])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    results = []
    for n in args.records:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
            results.append(measure(n, args.edits, Path(tmp)))
    text = report(results, "python scripts/bench_serve.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    print("\n" + text)
    if not args.no_write:
        write_section(Path(args.output), SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
