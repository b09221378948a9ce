#!/usr/bin/env python3
"""Contrast of the header and of the keyboard focus ring, measured in Chromium, light and dark.

axe-core checks text contrast but not focus indicators. This script presses Tab through a few
pages of a built site and, for every element that takes the focus, reads the focus ring as the
browser draws it (outline and the inner tone of box-shadow) and the colour behind it, then
computes the WCAG contrast ratio (RGAA 10.7 and 3.3: 3:1). It also measures the header text.

    python scripts/check_contrast.py site          # a built site folder; exit 1 on a failure

tests/test_accessibility.py calls the same functions.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from _browser import launch, serve

SCHEMES = ("light", "dark")
# Pages whose focusable elements cover every background: header, tabs, search, content, buttons,
# filters, form fields, footer.
PAGES = ("", "catalogue/", "fiches/creer-un-comite-de-participation/", "proposer/fiche/")
MINIMUM = 3.0  # RGAA 3.3 and 10.7: focus indicators and interface components
MAX_TABS = 400

# Runs in the page: the focused element's ring and the colour it is drawn on (semi-transparent
# backgrounds composited up to the first opaque one). An inward ring (negative offset) is drawn on
# the element's own background, an outward one on its parent's.
_MEASURE = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.matches('.md-option') && el.nextElementSibling) el = el.nextElementSibling;  // hidden radio, ring on its label
  const style = getComputedStyle(el);
  const parse = (text) => { const m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const layers = [];
  let node = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
  for (; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
  }
  let colour = [255, 255, 255];  // the canvas behind everything
  if (layers.length && layers[layers.length - 1][3] >= 1) colour = layers.pop().slice(0, 3);
  for (const layer of layers.reverse()) colour = colour.map((c, i) => layer[i] * layer[3] + c * (1 - layer[3]));
  const rect = el.getBoundingClientRect();
  const name = (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' « ' + (el.innerText || el.value || el.getAttribute('aria-label') || el.title || '').replace(/\\s+/g, ' ').trim().slice(0, 40) + ' »');
  return {element: name, visible: rect.width > 0 && rect.height > 0,
          outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
          outer: parse(style.outlineColor), inner: parse(style.boxShadow), background: colour};
}"""


def luminance(rgb) -> float:
    def channel(value):
        value = value / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second) -> float:
    """WCAG 2 contrast ratio of two sRGB colours given as (r, g, b) 0-255."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_colour(rgb) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb[:3])


def focus_rings(page, url: str) -> list[dict]:
    """Tab through ``url`` (already loaded); one row per focused element with its best ratio."""
    rows, seen = [], set()
    page.locator("body").focus()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        found = page.evaluate(_MEASURE)
        if found is None:
            break
        key = found["element"]
        if key in seen:
            if len(seen) > 1 and key == next(iter(seen)):
                break  # back to the first element: a full cycle
            continue
        seen.add(key)
        if not found["visible"]:
            continue
        tones = [tone for tone in (found["outer"], found["inner"]) if tone and tone[3] >= 1]
        ratios = [contrast(tone, found["background"]) for tone in tones]
        rows.append({"page": url or "/", "element": key, "outline": found["outline"],
                     "background": hex_colour(found["background"]),
                     "tones": [hex_colour(tone) for tone in tones],
                     "ratio": max(ratios, default=0.0)})
    return rows


def header_contrast(page) -> dict:
    """Colours of the header and its title text, and their ratio."""
    colours = page.evaluate("""() => {
      const header = getComputedStyle(document.querySelector('.md-header'));
      return [header.color, header.backgroundColor];
    }""")
    fg, bg = ([int(v) for v in re.findall(r"[\d.]+", colour)[:3]] for colour in colours)
    return {"text": hex_colour(fg), "background": hex_colour(bg), "ratio": contrast(fg, bg)}


def failures(rows: list[dict]) -> list[str]:
    """Focus rings thinner than 2 px or under 3:1 against what surrounds them."""
    return [f"{row['page']} ({row.get('scheme', '?')}) : {row['element']} : anneau {row['tones']} sur {row['background']}, "
            f"{row['ratio']:.2f}:1, {row['outline']} px"
            for row in rows if row["ratio"] < MINIMUM or row["outline"] < 2]


def measure(browser, base: str, pages=PAGES) -> tuple[list[dict], dict]:
    """Every focus ring of ``pages`` (under the served ``base``) and the header, in each scheme."""
    rows, headers = [], {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        for url in pages:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            rows += [{**row, "scheme": scheme} for row in focus_rings(page, url)]
        headers[scheme] = header_contrast(page)
        context.close()
    return rows, headers


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="dossier du site construit (site/)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    base, stop = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            rows, headers = measure(browser, base)
            browser.close()
    finally:
        stop()
    for scheme, header in headers.items():
        print(f"en-tête ({scheme}) : {header['text']} sur {header['background']} : {header['ratio']:.2f}:1")
    for scheme in SCHEMES:
        mine = [row for row in rows if row["scheme"] == scheme]
        worst = min(mine, key=lambda row: row["ratio"])
        by_background = {}
        for row in mine:
            by_background[row["background"]] = min(by_background.get(row["background"], 99), row["ratio"])
        print(f"anneau de focus ({scheme}) : {len(mine)} éléments, pire {worst['ratio']:.2f}:1 "
              f"({worst['element']} sur {worst['background']}) ; par fond : "
              + ", ".join(f"{bg} {ratio:.2f}:1" for bg, ratio in sorted(by_background.items())))
    problems = failures(rows)
    problems += [f"en-tête ({scheme}) : {header['ratio']:.2f}:1" for scheme, header in headers.items()
                 if header["ratio"] < 4.5]
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
