#!/usr/bin/env python3
"""Hostile links and files benchmark: how long the planner keeps a person waiting at most.

Issue 26's target: nothing from a link, a file or ``localStorage`` makes a page unresponsive for
more than a second. The shipped site is built once (no PDFs) and served; for each input below, a
fresh browser context opens the planner with a draft, then receives the input (an address, or a
file chosen in « Ouvrir un plan enregistré »). Measured in the page: round trips through its event
loop for a few seconds and any longer task since its first script (``ROUND_TRIPS``, ``LONG_TASKS``).
Reported: median and maximum over ``--repeat`` runs. Writes "## Liens et fichiers hostiles" in
BENCHMARKS.md.

The tests (``tests/test_planner.py``) use the same inputs and measures to check the behaviour (the
French message, the draft kept) with a bound only a freeze would pass (the planner froze for more
than 10 s on the 530 KB link before issue 26); the one-second target is measured here, on a quiet
machine, not in a timed test.

    python scripts/bench_links.py               # 5 runs of each input, writes BENCHMARKS.md
    python scripts/bench_links.py --repeat 3 --no-write
"""

from __future__ import annotations

import argparse
import base64
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from _benchmarks import BENCHMARKS, write_section
from _browser import launch, serve

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Liens et fichiers hostiles"
PLANNER = "planifier/"
TARGET = 1.0  # seconds

# The longest task since the page's first script (added before the page loads).
LONG_TASKS = """window.centreLongest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.centreLongest = Math.max(window.centreLongest, entry.duration);
}).observe({type: "longtask", buffered: true});"""

# Round trips through the page's event loop for `seconds`: the longest wait, in ms.
ROUND_TRIPS = """async (seconds) => {
  let worst = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    worst = Math.max(worst, performance.now() - start);
  }
  return Math.max(worst, window.centreLongest || 0);
}"""


def worst_wait(tab, seconds: float = 2.5) -> float:
    """How long the page kept a person waiting at most, in seconds: round trips through its event
    loop over ``seconds``, and any longer task since its first script (an address of a megabyte
    also slows the test driver's own messages, which says nothing of the page)."""
    return tab.evaluate(ROUND_TRIPS, seconds) / 1000


def deflated_link(size: int) -> str:
    """``#plan=`` of ``size`` repeated bytes, deflate-raw, base64url (as planifier.js writes links)."""
    packer, chunk, parts = zlib.compressobj(9, zlib.DEFLATED, -15), b"a" * (1 << 20), []
    for _ in range(size >> 20):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    return "#plan=" + base64.urlsafe_b64encode(b"".join(parts)).decode().rstrip("=")


def big_plan_file(path: Path) -> Path:
    """An 8 MB plan file (a path: the browser reads it from disk, not through the driver)."""
    path.write_bytes(b"format: plan-de-participation\nversion: 1\nplan:\n  {\"projet\": \"" + b"x" * (8 << 20) + b"\"}\n")
    return path


# (label in BENCHMARKS.md, the link) for the links; the file is measured apart.
LINKS = (
    ("lien de 530 Ko (400 Mo une fois décompressé)", lambda: deflated_link(400 << 20)),
    ("lien de 200 Ko (150 Mo une fois décompressé)", lambda: deflated_link(150 << 20)),
    ("lien non compressé de 1 Mo", lambda: "#plan0=" + "A" * (1 << 20)),
    ("lien abîmé", lambda: "#plan=%%%"),
)


def open_with_draft(browser, base: str):
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    tab.add_init_script(LONG_TASKS)
    tab.goto(base + PLANNER)
    tab.locator(".planifier-form").wait_for()
    tab.fill("#planifier-projet", "Mon plan")
    tab.wait_for_function("location.hash.startsWith('#plan')")
    return context, tab


def measure(browser, base: str, repeat: int, work: Path) -> list[tuple[str, list[float]]]:
    rows = []
    for label, make in LINKS:
        link, waits = make(), []
        for _ in range(repeat):
            context, tab = open_with_draft(browser, base)
            tab.goto(base + PLANNER + link, wait_until="commit")
            waits.append(worst_wait(tab))
            tab.locator("#planifier-lien-erreur").wait_for(state="visible")
            context.close()
        rows.append((label, waits))
    big, waits = big_plan_file(work / "plan.yml"), []
    for _ in range(repeat):
        context, tab = open_with_draft(browser, base)
        tab.set_input_files("#planifier-fichier", str(big))
        waits.append(worst_wait(tab, 1.5))
        tab.locator("#planifier-fichier-erreur").wait_for(state="visible")
        context.close()
    rows.append(("fichier de plan de 8 Mo", waits))
    return rows


def report(rows: list[tuple[str, list[float]]], repeat: int, load: tuple[float, float]) -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [SECTION, "",
             f"Mesuré le {when} par `python scripts/bench_links.py` ({repeat} essais par entrée, charge moyenne "
             f"{load[0]:.1f} → {load[1]:.1f} sur {os.cpu_count()} cœurs). Le planificateur est ouvert avec un brouillon, "
             "puis reçoit l'entrée ; attente la plus longue mesurée dans la page (allers-retours de sa boucle "
             "d'événements et tâches longues). Objectif (issue 26) : ≤ 1 s.", "",
             "| entrée | médiane | max | objectif ≤ 1 s |", "| --- | --- | --- | --- |"]
    for label, waits in rows:
        worst = max(waits)
        lines.append(f"| {label} | {statistics.median(waits) * 1000:.0f} ms | {worst * 1000:.0f} ms | "
                     f"{'atteint' if worst <= TARGET else '**non atteint**'} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Attente la plus longue du planificateur devant un lien ou un fichier hostile.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="afficher sans écrire BENCHMARKS.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp, sync_playwright() as playwright:
        site = Path(tmp) / "site"
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                               cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, "CENTRE_PDF": "off", "NO_MKDOCS_2_WARNING": "1"})
        if built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            return 1
        base, stop = serve(site)
        browser = launch(playwright)
        try:
            rows = measure(browser, base, args.repeat, Path(tmp))
        finally:
            browser.close()
            stop()
    text = report(rows, args.repeat, (load_before, os.getloadavg()[0]))
    print(text)
    if not args.no_write:
        write_section(BENCHMARKS, SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
