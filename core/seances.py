"""A fiche's course on its page and in its PDF: the séances with their timed steps, and what happens
between them with its calendar span (``seances`` and ``etapes`` of ``core/schema/declarations.py``).

Steps keep one number across the whole fiche, as the texts refer to them (« voir l'étape 5 »).
A fiche without séances (an older or contributed one) keeps its plain numbered list of steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .corpus import Record
from .markup import Markup, html, join, md, rel_url
from .schema.declarations import MATERIEL_ETAPE
from .schema.durations import checked_duration, format_minutes, read_duration

PER = MATERIEL_ETAPE.fields["par"].type.values  # {"participant": "par participant", ...}
SEANCE_URL = urls.SESSION  # the session builder (core/seance_builder.py)


@dataclass
class Session:
    """One séance: its number, title, stated length and its steps as (number, step)."""

    number: int
    data: dict
    steps: list = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(checked_duration(step["duree"]).low for _, step in self.steps)


@dataclass
class Between:
    """Steps that happen between séances (or before the first, after the last): (number, step)."""

    steps: list = field(default_factory=list)


def course(data: dict) -> list:
    """The fiche's course in order: :class:`Session` and :class:`Between` items."""
    sessions = [Session(n, s) for n, s in enumerate(data.get("seances", []), start=1)]
    items: list = []
    for number, step in enumerate(data["etapes"], start=1):
        if "seance" in step:
            session = sessions[step["seance"] - 1]
            if not items or items[-1] is not session:
                items.append(session)
            session.steps.append((number, step))
        else:
            if not items or not isinstance(items[-1], Between):
                items.append(Between())
            items[-1].steps.append((number, step))
    return items


def material_text(item: dict) -> str:
    """« Post-it : 2 par participant », « Grande feuille et feutres : 1 par petit groupe de 4 »."""
    count, per = item.get("nombre"), item.get("par", "seance")
    if per == "groupe":
        return f"{item['objet']} : {count or 1} par petit groupe de {item['taille_groupe']}"
    if per == "participant":
        return f"{item['objet']} : {count or 1} {PER['participant']}"
    return f"{item['objet']} : {count}" if count and count > 1 else item["objet"]


def _remark(text: str) -> str:
    duration = read_duration(text)
    return f", {duration.remark}" if duration and duration.remark else ""


def _step_details(step: dict) -> Markup:
    parts = []
    if step.get("anime"):
        parts.append(html('<p class="step-anime"><strong>Qui anime</strong> : {}</p>', step["anime"]))
    if step.get("materiel"):
        parts.append(html('<p class="step-materiel"><strong>Matériel</strong> : {}.</p>',
                          " ; ".join(material_text(item) for item in step["materiel"])))
    return join(parts)


def _step(number: int, step: dict, timing: Markup, level: int = 4) -> Markup:
    kind = " step-pause" if step.get("pause") else ""
    return html('<li class="step{}" id="etape-{}"><h{} class="step-title"><span class="step-number">{}.</span> {}{}</h{}>'
                '{}<div class="step-body">{}</div></li>', kind, number, level, number, step["titre"], timing, level,
                _step_details(step), Markup(md(step["description"])))


def _timetable(session: Session) -> Markup:
    """The séance's minute-by-minute plan: when each step starts from the séance's start, and the end.
    The « Qui anime » column appears only when one of its steps says who leads it."""
    leads = any(step.get("anime") for _, step in session.steps)
    who = (lambda step: html("<td>{}</td>", step.get("anime", ""))) if leads else (lambda step: "")
    rows, elapsed = [], 0
    for number, step in session.steps:
        minutes = checked_duration(step["duree"]).low
        rows.append(html('<tr{}><td>{}</td><td><a href="#etape-{}">{}. {}</a></td><td>{}</td>{}</tr>',
                         Markup(' class="minutage-pause"') if step.get("pause") else "",
                         _clock(elapsed), number, number, step["titre"], format_minutes(minutes), who(step)))
        elapsed += minutes
    return html('<div class="seance-minutage-wrap"><table class="seance-minutage"><caption>Minutage de la séance {} '
                '(à partir du début de la séance)</caption><thead><tr><th scope="col">Début</th><th scope="col">Étape'
                '</th><th scope="col">Durée</th>{}</tr></thead><tbody>{}</tbody><tfoot><tr><td>{}</td>'
                '<td>Fin de la séance</td><td>{}</td>{}</tr></tfoot></table></div>',
                session.number, Markup('<th scope="col">Qui anime</th>') if leads else "", join(rows),
                _clock(elapsed), format_minutes(elapsed), Markup("<td></td>") if leads else "")


def _clock(minutes: int) -> str:
    """Elapsed time from the start of a séance: « 0 h 00 », « 1 h 15 »."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}"


def _session(session: Session) -> Markup:
    data = session.data
    intro = html('<div class="seance-intro">{}</div>', Markup(md(data["description"]))) if data.get("description") else ""
    steps, elapsed = [], 0
    for number, step in session.steps:
        minutes = checked_duration(step["duree"]).low
        # On paper the timetable gives way to the start time in each step's heading (print.css).
        steps.append(_step(number, step, html(' <span class="step-duree">({}<span class="step-debut">, à {}</span>)</span>',
                                              format_minutes(minutes), _clock(elapsed))))
        elapsed += minutes
    return html('<section class="seance" id="seance-{}" aria-labelledby="seance-{}-titre">'
                '<h3 class="seance-title" id="seance-{}-titre"><span class="seance-number">Séance {}</span> : {} '
                '<span class="seance-duree">({}{})</span></h3>{}{}<ol class="steps" start="{}">{}</ol></section>',
                session.number, session.number, session.number, session.number, data["titre"],
                format_minutes(checked_duration(data["duree"]).low) if not checked_duration(data["duree"]).is_range
                else data["duree"].split(",")[0], _remark(data["duree"]), intro,
                _timetable(session) if len(session.steps) > 1 else "",
                session.steps[0][0], join(steps))


def _between(between: Between, position: str) -> Markup:
    steps = join(_step(number, step, html(' <span class="step-delai">({})</span>', step["delai"]))
                 for number, step in between.steps)
    return html('<section class="entre-seances"><h3 class="entre-title">{}</h3><ol class="steps" start="{}">{}</ol>'
                '</section>', position, between.steps[0][0], steps)


def _position(index: int, items: list) -> str:
    before = any(isinstance(item, Session) for item in items[:index])
    after = any(isinstance(item, Session) for item in items[index + 1:])
    if before and after:
        return "Entre les séances"
    return "Avant la première séance" if after else "Après la dernière séance"


def summary(data: dict) -> str:
    """« 3 séances (6 h en tout) et 4 étapes en dehors des séances »."""
    items = course(data)
    sessions = [item for item in items if isinstance(item, Session)]
    outside = sum(len(item.steps) for item in items if isinstance(item, Between))
    text = f"{len(sessions)} séance{'s' if len(sessions) > 1 else ''}"
    if len(sessions) > 1:
        text += f" ({format_minutes(sum(session.minutes for session in sessions))} en tout)"
    if outside:
        text += f" et {outside} étape{'s' if outside > 1 else ''} en dehors des séances"
    return text


def course_html(record: Record) -> Markup:
    """The « Étapes » section of a fiche: séances with their timetable and steps, and the time between."""
    data = record.data
    if not data.get("seances"):  # a fiche not yet in séances: the numbered steps, as before
        return html('<ol class="steps">{}</ol>', join(
            _step(number, step, html(' <span class="step-duree">({})</span>', step["duree"]) if "duree" in step
                  else Markup(""), level=3)
            for number, step in enumerate(data["etapes"], start=1)))
    items = course(data)
    parts = [_session(item) if isinstance(item, Session) else _between(item, _position(index, items))
             for index, item in enumerate(items)]
    builder = f"{rel_url(record.url, SEANCE_URL)}?fiches={record.id}"
    return html('<div class="parcours"><p class="parcours-resume">{}.</p><p class="parcours-actions">'
                '<a class="md-button parcours-preparer" href="{}">Préparer une séance avec cette fiche</a></p>{}</div>',
                summary(data), builder, join(parts))


__all__ = ["SEANCE_URL", "Between", "Session", "course", "course_html", "material_text", "summary"]
