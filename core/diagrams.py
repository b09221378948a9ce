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

from .markup import esc

WIDTH = 400
SMALL = 15  # descriptions, level names: 15 × 358/400 = 13.4 px on a phone
LARGE = 16.5  # names of phases and levels
LINE = 19  # line height of SMALL text
_CHAR = 0.56  # average advance of a character, in em, to wrap text without font metrics


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that fit ``width`` units at ``size`` (an estimate: no font metrics)."""
    return textwrap.wrap(str(text), max(8, int(width / (size * _CHAR)))) or [""]


def _text(x: float, y: float, lines: list[str], size: float, css: str, anchor: str = "start",
          line: float = LINE) -> str:
    spans = "".join(f'<tspan x="{x:g}" dy="{0 if i == 0 else line:g}">{esc(part)}</tspan>'
                    for i, part in enumerate(lines))
    weight = ' font-weight="bold"' if css.endswith("-strong") else ""
    return (f'<text class="{css}" x="{x:g}" y="{y:g}" font-size="{size:g}" text-anchor="{anchor}"'
            f' fill="currentColor"{weight}>{spans}</text>')


def _figure(kind: str, ident: str, title: str, desc: str, width: float, height: float, drawing: str,
            caption: str, table: str) -> str:
    """The figure: the svg named by its title and described by its desc, a caption, the table."""
    return (f'<figure class="diagram diagram-{kind}" id="{esc(ident)}">'
            f'<svg class="diagram-svg" role="img" viewBox="0 0 {width:g} {height:g}" width="100%"'
            f' preserveAspectRatio="xMinYMin meet" aria-labelledby="{esc(ident)}-titre" aria-describedby="{esc(ident)}-desc"'
            f' xmlns="http://www.w3.org/2000/svg" focusable="false">'
            f'<title id="{esc(ident)}-titre">{esc(title)}</title><desc id="{esc(ident)}-desc">{esc(desc)}</desc>'
            f'{drawing}</svg>'
            f'<figcaption class="diagram-caption">{esc(caption)}</figcaption>'
            f'<div class="diagram-alt"><table class="diagram-table"><caption>{esc(title)}</caption>{table}</table></div>'
            '</figure>')


def ladder_svg(levels: dict, highlight: str | None = None, ident: str = "echelle-participation") -> str:
    """The participation ladder: every level of ``levels`` (vocabulary ``niveaux-participation``:
    ``{id: Term}`` from the weakest to the strongest), drawn from the top (the strongest) down,
    each with its one-line meaning. ``highlight`` marks one level (the planner's choice);
    ``ident`` is the figure's id, unique on its page (its title and desc ids derive from it).
    """
    terms = list(levels.values())
    text_x, rail_left, rail_right = 84, 18, 58
    rows, y = [], 8
    for rank in range(len(terms), 0, -1):
        term = terms[rank - 1]
        name = _wrap(term.label, LARGE, WIDTH - text_x)
        meaning = _wrap(term.description, SMALL, WIDTH - text_x - 4) if term.description else []
        height = 10 + len(name) * 21 + len(meaning) * LINE + 14
        rung_y = y + 10 + 14
        chosen = term.id == highlight
        mark = (f'<circle class="diagram-mark" cx="{(rail_left + rail_right) / 2:g}" cy="{rung_y:g}" r="9"'
                f' fill="currentColor"/>' if chosen else "")
        rows.append(
            f'<g class="diagram-level{" diagram-level-chosen" if chosen else ""}" data-niveau="{esc(term.id)}"'
            f' data-rang="{rank}">'
            f'<line class="diagram-rung" x1="{rail_left}" y1="{rung_y:g}" x2="{rail_right}" y2="{rung_y:g}"'
            f' stroke="currentColor" stroke-width="4"/>{mark}'
            + _text(text_x, y + 10 + 16, name, LARGE, "diagram-label-strong", line=21)
            + (_text(text_x, y + 10 + len(name) * 21 + 15, meaning, SMALL, "diagram-text") if meaning else "")
            + "</g>")
        y += height
    height = y + 4
    rails = "".join(f'<line class="diagram-rail" x1="{x}" y1="4" x2="{x}" y2="{height - 4:g}" stroke="currentColor"'
                    f' stroke-width="3"/>' for x in (rail_left, rail_right))
    first, last = terms[0].label, terms[-1].label
    title = "L'échelle de participation"
    desc = (f"Une échelle de {len(terms)} barreaux, du plus faible en bas ({first}) au plus fort en haut ({last})"
            + (f" ; le niveau choisi est : {levels[highlight].label}." if highlight in levels else "."))
    chosen_row = ' class="diagram-row-chosen"'
    body = "".join(f'<tr{chosen_row if t.id == highlight else ""}><th scope="row">{esc(t.label)}'
                   f'{" (choisi)" if t.id == highlight else ""}</th><td>{esc(t.description)}</td></tr>'
                   for t in terms)
    table = f'<thead><tr><th scope="col">Niveau</th><th scope="col">Ce que cela veut dire</th></tr></thead><tbody>{body}</tbody>'
    caption = f"De bas en haut, les {len(terms)} niveaux de participation, de « {first} » à « {last} »."
    return _figure("echelle", ident, title, desc, WIDTH, height, rails + "".join(rows), caption, table)


def timeline_svg(steps: list, levels: dict, ident: str = "frise-des-phases") -> str:
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
    rows, points, y = [], [], 30
    for number, (phase_id, phase_label, level_id) in enumerate(steps, start=1):
        name = _wrap(f"{number}. {phase_label}", LARGE, text_width)
        level = _wrap(levels[level_id].label, SMALL, text_width)
        height = 12 + len(name) * 21 + len(level) * LINE + 6
        centre_y = y + height / 2
        rank = order.index(level_id) + 1
        mark_x = track_left + (rank - 1) * step_x
        points.append((mark_x, centre_y))
        ticks = "".join(f'<circle class="diagram-step" cx="{track_left + i * step_x:g}" cy="{centre_y:g}" r="4"'
                        f' fill="none" stroke="currentColor" stroke-width="1.5"/>' for i in range(len(order)))
        rows.append(
            f'<g class="diagram-phase" data-phase="{esc(phase_id)}" data-niveau="{esc(level_id)}" data-rang="{rank}">'
            + _text(0, y + 12 + 16, name, LARGE, "diagram-label-strong", line=21)
            + _text(0, y + 12 + len(name) * 21 + 14, level, SMALL, "diagram-text")
            + f'<line class="diagram-track" x1="{track_left}" y1="{centre_y:g}" x2="{track_right}" y2="{centre_y:g}"'
            f' stroke="currentColor" stroke-width="1"/>{ticks}'
            f'<circle class="diagram-mark" cx="{mark_x:g}" cy="{centre_y:g}" r="9" fill="currentColor"/></g>')
        y += height
    path = " ".join(f"{x:g},{py:g}" for x, py in points)
    joins = (f'<polyline class="diagram-path" points="{path}" fill="none" stroke="currentColor" stroke-width="2.5"'
             f' stroke-dasharray="6 4"/>' if len(points) > 1 else "")
    title = "Les phases du projet sur l'échelle de participation"
    facts = " ; ".join(f"{label} : {levels[level].label}" for _, label, level in steps)
    desc = (f"{len(steps)} phase{'s' if len(steps) > 1 else ''} dans l'ordre, chacune placée sur l'échelle"
            f" de participation, de {first} (à gauche) à {last} (à droite) : {facts}.")
    body = "".join(f'<tr><td>{n}</td><th scope="row">{esc(label)}</th><td>{esc(levels[level].label)}'
                   f' ({order.index(level) + 1} sur {len(order)})</td></tr>'
                   for n, (_, label, level) in enumerate(steps, start=1))
    table = (f'<thead><tr><th scope="col">Ordre</th><th scope="col">Phase</th>'
             f'<th scope="col">Niveau de participation</th></tr></thead><tbody>{body}</tbody>')
    caption = (f"Chaque phase, dans l'ordre, placée sur l'échelle de participation : "
               f"de « {first} » à gauche à « {last} » à droite.")
    return _figure("frise", ident, title, desc, WIDTH, y + 8, header + joins + "".join(rows), caption, table)


def methodology_timeline(corpus, record) -> str:
    """The timeline of a methodology record's phases."""
    steps = [(p["phase"], corpus.label("phases", p["phase"]), p["niveau_participation"]) for p in record.data["phases"]]
    return timeline_svg(steps, corpus.vocabularies["niveaux-participation"])


# Illustrations a fiche may name (schema: ILLUSTRATIONS): id -> drawing from the corpus.
ILLUSTRATIONS = {
    "echelle-participation": lambda corpus: ladder_svg(corpus.vocabularies["niveaux-participation"]),
}
