"""The observatory ``observatoire/``: what the centre holds and how it is used, as bar charts
drawn at build time (inline SVG, no chart library, no JavaScript).

Each chart is a heading, a ``<figure>`` holding an ``<svg role="img">`` named by its ``<title>``
and described by its ``<desc>``, a visible one-sentence summary, and its data as a table (folded
in a ``<details>``). Counts come from the corpus: the resource charts follow the facet registry
(type of resource, axe, participation level, publics, territories, themes); the usage charts
read the « retours d'expérience » collection when the schema declares it. Every row of a table
carries its value's identifier (``data-valeur``) so that ``scripts/count_data.py``, which counts
``data/`` on its own, can be compared with the page (tests/test_observatory.py).

Colours are CSS classes read by ``centre.css`` (bars in the centre's figure colour, text in the
page's colour: both schemes) and ``print.css`` (dark grey on white); the presentation attributes
are the fallback. Sizes follow :mod:`core.diagrams`: a ``viewBox`` 400 units wide, text at 15
units, 13.4 px on a 390 px phone.
"""

from __future__ import annotations

import datetime
from collections import Counter

from . import urls
from .corpus import Corpus
from .diagrams import LINE, SMALL, WIDTH, _text, _wrap
from .markup import Markup, html, join
from .page import Page, PageMeta
from .schema import COLLECTION_LABELS, COLLECTIONS, FACETS_BY_NAME, RESOURCES
from .text import month_year

PAGE_TITLE = "Observatoire"
# The collection that tells how the resources (schema: RESOURCES) are used: accounts, not resources.
USAGE = "retours"
# The resource charts, by facet name (core/schema/facets.py), in the order of the page.
RESOURCE_FACETS = ("collection", "axe", "niveaux-participation", "publics", "territoires", "thematiques")
# Up to this many values, a chart keeps the declared order and shows the empty ones (an axe, a level
# of the ladder); beyond, it shows the values that have resources, the largest first.
ORDERED_MAX = 6
MOST_USED = 10

LABEL_WIDTH = 150  # the column of value names, in viewBox units
BAR_X = 158
BAR_ROOM = WIDTH - BAR_X - 44  # room left for the count after the longest bar
BAR_HEIGHT = 16


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def bar_chart(ident: str, title: str, rows: list, summary: str, note: str = "",
              column: str = "Valeur", unit: tuple = ("ressource", "ressources")) -> Markup:
    """A horizontal bar chart: ``rows`` are (value id, label, count), drawn in the given order."""
    top = max((count for _, _, count in rows), default=0) or 1
    drawing: list[Markup] = []
    y: float = 6
    for value, label, count in rows:
        lines = _wrap(label, SMALL, LABEL_WIDTH)
        height = max(BAR_HEIGHT + 10, len(lines) * LINE + 8)
        centre = y + height / 2
        length = BAR_ROOM * count / top
        text_y = centre - (len(lines) - 1) * LINE / 2 + 5
        bar = (html('<rect class="obs-bar" x="{}" y="{:g}" width="{:.1f}" height="{}" fill="currentColor"/>',
                    BAR_X, centre - BAR_HEIGHT / 2, length, BAR_HEIGHT) if count else "")
        drawing.append(html('<g class="obs-row" data-valeur="{}">{}{}{}</g>', value,
                            _text(0, text_y, lines, SMALL, "diagram-text"), bar,
                            _text(BAR_X + length + 6, centre + 5, [str(count)], SMALL, "obs-count-strong")))
        y += height
    total = y + 6
    axis = html('<line class="obs-axis" x1="{x}" y1="2" x2="{x}" y2="{y:g}" stroke="currentColor" stroke-width="1"/>',
                x=BAR_X, y=total - 2)
    facts = " ; ".join(f"{label} : {count}" for _, label, count in rows)
    desc = f"Diagramme en barres horizontales, une barre par valeur. {facts}."
    body = join(html('<tr data-valeur="{}"><th scope="row">{}</th><td>{}</td></tr>', value, label, count)
                for value, label, count in rows)
    table = html('<table class="obs-table"><caption>{}</caption><thead><tr><th scope="col">{}</th>'
                 '<th scope="col">Nombre de {}</th></tr></thead><tbody>{}</tbody></table>', title, column, unit[1], body)
    return html('<figure class="obs-chart" id="{ident}">'
                '<svg class="obs-svg" role="img" viewBox="0 0 {width} {height:g}" width="100%"'
                ' preserveAspectRatio="xMinYMin meet" aria-labelledby="{ident}-titre" aria-describedby="{ident}-desc"'
                ' xmlns="http://www.w3.org/2000/svg" focusable="false">'
                '<title id="{ident}-titre">{title}</title><desc id="{ident}-desc">{desc}</desc>'
                '{axis}{drawing}</svg>'
                '<figcaption class="obs-summary">{summary}{note}</figcaption>'
                '<details class="obs-data"><summary>Voir les données en tableau</summary>{table}</details>'
                '</figure>', ident=ident, width=WIDTH, height=total, title=title, desc=desc, axis=axis,
                drawing=join(drawing), summary=summary, note=" " + note if note else "", table=table)


def _ranked(counts: dict, labels: dict) -> tuple[list, int]:
    """(rows, number of values left out): all values in declared order when there are few of them,
    else the values that have a count, the largest first (ties in declared order)."""
    if len(labels) <= ORDERED_MAX:
        return [(value, label, counts.get(value, 0)) for value, label in labels.items()], 0
    order = {value: index for index, value in enumerate(labels)}
    shown = sorted((value for value in labels if counts.get(value)), key=lambda v: (-counts[v], order[v]))
    return [(value, labels[value], counts[value]) for value in shown], len(labels) - len(shown)


# How a chart's summary names its largest value(s): (one, several, « chacun(e) »).
VALUE = ("la valeur la plus fréquente", "les valeurs les plus fréquentes", "chacune")


def _top(rows: list, words: tuple = VALUE) -> str:
    """« « Participation » est la valeur la plus fréquente (9). », or the tie of several."""
    best = max((count for _, _, count in rows), default=0)
    names = [label for _, label, count in rows if count == best and best]
    if not names:
        return ""
    quoted = ", ".join(f"« {name} »" for name in names[:-1]) + (" et " if len(names) > 1 else "") + f"« {names[-1]} »"
    one, several, each = words
    return f"{quoted} est {one} ({best})." if len(names) == 1 else f"{quoted} sont {several} ({best} {each})."


def _lower(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:] if sentence[:1] != "«" else sentence


def resource_charts(corpus: Corpus) -> list[tuple[str, Markup]]:
    """(heading, figure) of each resource chart."""
    charts = []
    for name in RESOURCE_FACETS:
        facet = FACETS_BY_NAME.get(name)
        if facet is None:
            continue
        labels = facet.labels(corpus.vocabularies)
        if facet.key is None:
            labels = {c: label for c, label in labels.items() if c in RESOURCES}
        holders = [r for r in corpus.resources() if facet.key is None or facet.key in COLLECTIONS[r.collection].fields]
        counts = Counter(value for record in holders for value in facet.values(record))
        rows, hidden = _ranked(counts, labels)
        # « Ressources par type », not « par type de ressource »
        legend = "type" if facet.key is None else facet.legend[:1].lower() + facet.legend[1:]
        title = f"Ressources par {legend}"
        kinds = sorted({COLLECTION_LABELS[r.collection][1].lower() for r in holders})
        if facet.key is None:
            parts = [_plural(n, *(word.lower() for word in COLLECTION_LABELS[value]))
                     for value, _, n in sorted(rows, key=lambda r: -r[2]) if n]
            listed = ", ".join(parts[:-1]) + " et " + parts[-1] if len(parts) > 1 else "".join(parts)
            summary = f"Le centre compte {_plural(len(holders), 'ressource', 'ressources')}" + (f" : {listed}." if parts else ".")
        else:
            scope = "" if len(kinds) == len(RESOURCES) else f" ({', '.join(kinds)})"
            many = (" Une ressource peut en avoir plusieurs : le total dépasse le nombre de ressources."
                    if sum(counts.values()) > len(holders) else "")
            summary = f"Sur {_plural(len(holders), 'ressource', 'ressources')}{scope}, {_lower(_top(rows))}{many}"
        note = (f"{_plural(hidden, 'autre valeur', 'autres valeurs')} n'{'a' if hidden == 1 else 'ont'} encore "
                "aucune ressource." if hidden else "")
        charts.append((title, bar_chart(f"obs-{facet.name}", title, rows, summary.strip(), note,
                                        column=facet.legend)))
    return charts


def _months(days: list) -> list[tuple[str, str]]:
    """Every month from the first to the last day (empty ones included), or every year beyond two years."""
    first, last = min(days), max(days)
    if (last.year - first.year) * 12 + last.month - first.month >= 24:
        return [(str(year), str(year)) for year in range(first.year, last.year + 1)]
    found, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append((f"{year}-{month:02d}", month_year(datetime.date(year, month, 1))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def usage_charts(corpus: Corpus) -> list[tuple[str, Markup]]:
    """(heading, figure) of each chart of the retours: over time, by territory, the fiches most used."""
    retours = list(corpus.records.get(USAGE, {}).values())
    if not retours:
        return []
    unit = ("retour", "retours")
    charts = []
    days = [r.data["date"] for r in retours if "date" in r.data]
    if days:
        periods = _months(days)
        key = (lambda d: str(d.year)) if len(periods[0][0]) == 4 else (lambda d: f"{d.year}-{d.month:02d}")
        counts = Counter(key(day) for day in days)
        rows = [(value, label, counts.get(value, 0)) for value, label in periods]
        title = "Retours d'expérience au fil du temps"
        summary = (f"{_plural(len(days), 'retour', 'retours')} d'expérience, de {periods[0][1]} à {periods[-1][1]}, "
                   "datés du moment où l'action a eu lieu. "
                   + _top(rows, ("la période qui en compte le plus", "les périodes qui en comptent le plus", "chacune")))
        charts.append((title, bar_chart("obs-retours-periode", title, rows, summary.strip(),
                                        column="Année" if len(periods[0][0]) == 4 else "Mois", unit=unit)))
    territories = FACETS_BY_NAME.get("territoires")
    if territories is not None and "territoires" in COLLECTIONS[USAGE].fields:
        counts = Counter(value for record in retours for value in territories.values(record))
        rows, hidden = _ranked(counts, territories.labels(corpus.vocabularies))
        title = "Retours d'expérience par territoire"
        summary = (f"Où les {_plural(len(retours), 'retour', 'retours')} ont eu lieu. "
                   + _top(rows, ("le territoire qui en compte le plus", "les territoires qui en comptent le plus", "chacun")))
        charts.append((title, bar_chart("obs-retours-territoires", title, rows, summary.strip(),
                                        column=territories.legend, unit=unit)))
    used = Counter(ref for record in retours for ref in record.data.get("fiches", []))
    if used:
        fiches = corpus.records.get("fiches", {})
        best = sorted(used, key=lambda ref: (-used[ref], fiches[ref].title if ref in fiches else ref))[:MOST_USED]
        rows = [(ref, fiches[ref].title if ref in fiches else ref, used[ref]) for ref in best]
        title = "Fiches les plus utilisées"
        summary = (f"Les fiches citées par le plus de retours d'expérience ({_plural(len(used), 'fiche', 'fiches')} "
                   f"utilisée{'s' if len(used) > 1 else ''} au moins une fois"
                   + (f", les {MOST_USED} premières montrées" if len(used) > MOST_USED else "") + "). "
                   + _top(rows, ("la fiche la plus utilisée", "les fiches les plus utilisées", "chacune")))
        charts.append((title, bar_chart("obs-fiches-utilisees", title, rows, summary.strip(), column="Fiche",
                                        unit=unit)))
    return charts


def _section(title: str, chart: Markup) -> Markup:
    # The heading is Markdown (it reaches the table of contents), its words written by this module
    # from the schema's labels: Markdown keeps them as they are (an apostrophe stays one).
    return html("### {}\n\n{}\n", Markup(title), chart)


def observatory_page(corpus: Corpus) -> Page:
    held = resource_charts(corpus)
    used = usage_charts(corpus)
    parts = [html('<h1>{}</h1>\n<p class="page-intro">Ce que le centre de ressources contient et comment il est '
                  "utilisé, calculé à chaque publication à partir des ressources elles-mêmes. Chaque graphique est résumé "
                  "en une phrase et ses données sont dans un tableau.</p>\n", PAGE_TITLE),
             html("## Ce que le centre contient\n")]
    parts += [_section(title, chart) for title, chart in held]
    parts.append(html("## Comment il est utilisé\n"))
    if used:
        parts += [_section(title, chart) for title, chart in used]
    else:
        parts.append(html('<div class="obs-vide"><p>Aucun retour d\'expérience pour l\'instant : les graphiques de l\'utilisation '
                     "des ressources (au fil du temps, par territoire, fiches les plus utilisées) apparaîtront avec les "
                     "premiers retours.</p></div>\n"))
    meta: PageMeta = {"render_macros": False, "search_index": False}
    return Page(f"{urls.OBSERVATORY}index.md", urls.OBSERVATORY, PAGE_TITLE, join(parts, "\n"), meta, source=None, menu=urls.EXPLORER)


__all__ = ["bar_chart", "observatory_page", "resource_charts", "usage_charts", "USAGE"]
