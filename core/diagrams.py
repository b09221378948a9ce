"""Pictures drawn at build time as inline SVG: the participation ladder and a project's timeline.

No chart library and no JavaScript: each picture is a ``<figure>`` holding an ``<svg role="img">``
with its ``<title>`` and ``<desc>``, a visible caption and a visually hidden table that gives a
screen reader the same facts. Every text comes from the data (vocabularies, records) and is
escaped here; colours are CSS classes read by ``docs/assets/stylesheets/centre.css`` (the
presentation attributes below are the fallback for renderers without the stylesheet), so the
pictures follow the light and dark schemes and print in black on white.

Sizes: the ``viewBox`` is 400 units wide and the SVG is 100 % of its column (at most about
26 rem, see centre.css). On a 390 px phone the column is about 358 px, so 15 units render at
13.4 px, above 0.8 × the 16 px body text; nothing is drawn smaller than ``SMALL``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from .markup import Markup, html, join

if TYPE_CHECKING:
    from .corpus import Corpus, Record

WIDTH = 400
SMALL = 15  # descriptions, level names: 15 × 358/400 = 13.4 px on a phone
LARGE = 16.5  # names of phases and levels
LINE = 19  # line height of SMALL text
_CHAR = 0.56  # average advance of a character, in em, to wrap text without font metrics


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that fit ``width`` units at ``size`` (an estimate: no font metrics)."""
    return textwrap.wrap(str(text), max(8, int(width / (size * _CHAR)))) or [""]


def _text(x: float, y: float, lines: list[str], size: float, css: str, anchor: str = "start",
          line: float = LINE) -> Markup:
    spans = join(html('<tspan x="{:g}" dy="{:g}">{}</tspan>', x, 0 if i == 0 else line, part)
                 for i, part in enumerate(lines))
    weight = html(' font-weight="bold"') if css.endswith("-strong") else ""
    return html('<text class="{}" x="{:g}" y="{:g}" font-size="{:g}" text-anchor="{}" fill="currentColor"{}>{}</text>',
                css, x, y, size, anchor, weight, spans)


def _figure(kind: str, ident: str, title: str, desc: str, width: float, height: float, drawing: Markup,
            caption: str, table: Markup) -> Markup:
    """The figure: the svg named by its title and described by its desc, a caption, the table."""
    return html('<figure class="diagram diagram-{kind}" id="{ident}">'
                '<svg class="diagram-svg" role="img" viewBox="0 0 {width:g} {height:g}" width="100%"'
                ' preserveAspectRatio="xMinYMin meet" aria-labelledby="{ident}-titre" aria-describedby="{ident}-desc"'
                ' xmlns="http://www.w3.org/2000/svg" focusable="false">'
                '<title id="{ident}-titre">{title}</title><desc id="{ident}-desc">{desc}</desc>'
                '{drawing}</svg>'
                '<figcaption class="diagram-caption">{caption}</figcaption>'
                '<div class="diagram-alt"><table class="diagram-table"><caption>{title}</caption>{table}</table></div>'
                '</figure>', kind=kind, ident=ident, width=width, height=height, title=title, desc=desc,
                drawing=drawing, caption=caption, table=table)


def ladder_svg(levels: dict, highlight: str | None = None, ident: str = "echelle-participation") -> Markup:
    """The participation ladder: every level of ``levels`` (vocabulary ``niveaux-participation``:
    ``{id: Term}`` from the weakest to the strongest), drawn from the top (the strongest) down,
    each with its one-line meaning. ``highlight`` marks one level (the planner's choice);
    ``ident`` is the figure's id, unique on its page (its title and desc ids derive from it).
    """
    terms = list(levels.values())
    text_x, rail_left, rail_right = 84, 18, 58
    rows: list[Markup] = []
    y = 8
    for rank in range(len(terms), 0, -1):
        term = terms[rank - 1]
        name = _wrap(term.label, LARGE, WIDTH - text_x)
        meaning = _wrap(term.description, SMALL, WIDTH - text_x - 4) if term.description else []
        height = 10 + len(name) * 21 + len(meaning) * LINE + 14
        rung_y = y + 10 + 14
        chosen = term.id == highlight
        mark = (html('<circle class="diagram-mark" cx="{:g}" cy="{:g}" r="9" fill="currentColor"/>',
                     (rail_left + rail_right) / 2, rung_y) if chosen else "")
        rows.append(html(
            '<g class="diagram-level{chosen}" data-niveau="{id}" data-rang="{rank}">'
            '<line class="diagram-rung" x1="{left}" y1="{y:g}" x2="{right}" y2="{y:g}" stroke="currentColor"'
            ' stroke-width="4"/>{mark}{name}{meaning}</g>',
            chosen=" diagram-level-chosen" if chosen else "", id=term.id, rank=rank, left=rail_left, right=rail_right,
            y=rung_y, mark=mark, name=_text(text_x, y + 10 + 16, name, LARGE, "diagram-label-strong", line=21),
            meaning=_text(text_x, y + 10 + len(name) * 21 + 15, meaning, SMALL, "diagram-text") if meaning else ""))
        y += height
    height = y + 4
    rails = join(html('<line class="diagram-rail" x1="{x}" y1="4" x2="{x}" y2="{y:g}" stroke="currentColor"'
                      ' stroke-width="3"/>', x=x, y=height - 4) for x in (rail_left, rail_right))
    first, last = terms[0].label, terms[-1].label
    title = "L'échelle de participation"
    desc = (f"Une échelle de {len(terms)} barreaux, du plus faible en bas ({first}) au plus fort en haut ({last})"
            + (f" ; le niveau choisi est : {levels[highlight].label}." if highlight in levels else "."))
    chosen_row = html(' class="diagram-row-chosen"')
    body = join(html('<tr{}><th scope="row">{}{}</th><td>{}</td></tr>', chosen_row if t.id == highlight else "",
                     t.label, " (choisi)" if t.id == highlight else "", t.description)
                for t in terms)
    table = html('<thead><tr><th scope="col">Niveau</th><th scope="col">Ce que cela veut dire</th></tr></thead>'
                 '<tbody>{}</tbody>', body)
    caption = f"De bas en haut, les {len(terms)} niveaux de participation, de « {first} » à « {last} »."
    return _figure("echelle", ident, title, desc, WIDTH, height, rails + join(rows), caption, table)


def timeline_svg(steps: list, levels: dict, ident: str = "frise-des-phases") -> Markup:
    """A project's phases in order, each placed on the participation ladder.

    ``steps``: ``[(phase id, phase label, level id)]`` in the project's order; ``levels``: the
    vocabulary ``niveaux-participation`` (``{id: Term}``, weakest first). Each phase is a row
    (its name and level in words on the left) and a track of the ladder's levels on the right,
    with a mark at the level; a line joins the marks from one phase to the next.
    """
    order = list(levels)
    track_left, track_right, text_width = 212, 388, 186
    step_x = (track_right - track_left) / max(1, len(order) - 1)
    first, last = levels[order[0]].label, levels[order[-1]].label
    header = (_text(track_left - 8, 18, [first], SMALL, "diagram-text")
              + _text(track_right + 8, 18, [last], SMALL, "diagram-text", anchor="end"))
    rows: list[Markup] = []
    points: list[tuple[float, float]] = []
    y: float = 30
    for number, (phase_id, phase_label, level_id) in enumerate(steps, start=1):
        name = _wrap(f"{number}. {phase_label}", LARGE, text_width)
        level = _wrap(levels[level_id].label, SMALL, text_width)
        height = 12 + len(name) * 21 + len(level) * LINE + 6
        centre_y = y + height / 2
        rank = order.index(level_id) + 1
        mark_x = track_left + (rank - 1) * step_x
        points.append((mark_x, centre_y))
        ticks = join(html('<circle class="diagram-step" cx="{:g}" cy="{:g}" r="4" fill="none" stroke="currentColor"'
                          ' stroke-width="1.5"/>', track_left + i * step_x, centre_y) for i in range(len(order)))
        rows.append(html(
            '<g class="diagram-phase" data-phase="{phase}" data-niveau="{level}" data-rang="{rank}">{name}{words}'
            '<line class="diagram-track" x1="{left}" y1="{y:g}" x2="{right}" y2="{y:g}" stroke="currentColor"'
            ' stroke-width="1"/>{ticks}<circle class="diagram-mark" cx="{x:g}" cy="{y:g}" r="9" fill="currentColor"/></g>',
            phase=phase_id, level=level_id, rank=rank, left=track_left, right=track_right, y=centre_y, x=mark_x,
            ticks=ticks, name=_text(0, y + 12 + 16, name, LARGE, "diagram-label-strong", line=21),
            words=_text(0, y + 12 + len(name) * 21 + 14, level, SMALL, "diagram-text")))
        y += height
    path = " ".join(f"{x:g},{py:g}" for x, py in points)
    joins = (html('<polyline class="diagram-path" points="{}" fill="none" stroke="currentColor" stroke-width="2.5"'
                  ' stroke-dasharray="6 4"/>', path) if len(points) > 1 else Markup())
    title = "Les phases du projet sur l'échelle de participation"
    facts = " ; ".join(f"{label} : {levels[level].label}" for _, label, level in steps)
    desc = (f"{len(steps)} phase{'s' if len(steps) > 1 else ''} dans l'ordre, chacune placée sur l'échelle"
            f" de participation, de {first} (à gauche) à {last} (à droite) : {facts}.")
    body = join(html('<tr><td>{}</td><th scope="row">{}</th><td>{} ({} sur {})</td></tr>',
                     n, label, levels[level].label, order.index(level) + 1, len(order))
                for n, (_, label, level) in enumerate(steps, start=1))
    table = html('<thead><tr><th scope="col">Ordre</th><th scope="col">Phase</th>'
                 '<th scope="col">Niveau de participation</th></tr></thead><tbody>{}</tbody>', body)
    caption = (f"Chaque phase, dans l'ordre, placée sur l'échelle de participation : "
               f"de « {first} » à gauche à « {last} » à droite.")
    return _figure("frise", ident, title, desc, WIDTH, y + 8, header + joins + join(rows), caption, table)


def methodology_timeline(corpus: Corpus, record: Record) -> Markup:
    """The timeline of a methodology record's phases."""
    steps = [(p["phase"], corpus.label("phases", p["phase"]), p["niveau_participation"]) for p in record.data["phases"]]
    return timeline_svg(steps, corpus.vocabularies["niveaux-participation"])


# Illustrations a fiche may name (schema: ILLUSTRATIONS): id -> drawing from the corpus.
ILLUSTRATIONS: dict[str, Callable[[Corpus], Markup]] = {
    "echelle-participation": lambda corpus: ladder_svg(corpus.vocabularies["niveaux-participation"]),
}
