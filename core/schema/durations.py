"""Durations: minutes inside a séance (« 1 h 30 », « 2 h à 3 h »), calendar spans between séances
(« 1 à 2 mois », « toutes les 6 semaines »), read from French and checked as schema types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..problems import show
from .types import Context, Invalid, Type

_CLOCK = r"(?:(?P<{p}h>\d{{1,2}}) h(?: (?P<{p}m>[0-5]\d))?|(?P<{p}n>\d{{1,3}}) min)"
_BARE = r"(?P<{p}b>\d{{1,2}})"  # « 2 à 3 h »: the first number takes the unit of the second
_REMARK = r"(?:(?:, | – )(?P<remarque>[^\n]{{1,200}})| \((?P<remarque2>[^\n]{{1,200}})\))?"
_DURATION_RE = re.compile(
    r"^(?:" + _CLOCK.format(p="a") + r"|" + _BARE.format(p="a") + r")(?: à " + _CLOCK.format(p="z") + r")?"
    + _REMARK.format() + r"$")
_SPAN_UNITS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30, "an": 365, "ans": 365}
_SPAN_RE = re.compile(
    r"^(?P<chaque>(?:tous|toutes) les )?(?:(?P<a>\d{1,3})(?: à (?P<z>\d{1,3}))? )?(?P<unite>" + "|".join(_SPAN_UNITS) + r")"
    + _REMARK.format() + r"$")
DURATION_EXAMPLES = "« 45 min », « 1 h 30 », « 2 h » ou une fourchette « 2 h à 3 h »"
SPAN_EXAMPLES = "« 3 jours », « 2 semaines », « 1 à 2 mois » ou « toutes les 6 semaines »"


@dataclass(frozen=True)
class Duration:
    """A French duration read into minutes: ``low`` to ``high`` (equal unless a range), and the remark kept apart."""

    low: int
    high: int
    remark: str = ""

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _minutes(match: re.Match[str], prefix: str) -> int | None:
    hours, minutes, only = (match.group(prefix + suffix) for suffix in "hmn")
    if only is not None:
        return int(only)
    if hours is not None:
        return int(hours) * 60 + int(minutes or 0)
    return None


def read_duration(text: object) -> Duration | None:
    """« 1 h 30 » -> 90 min; « 2 h à 3 h », « 2 à 3 h », « 1 h 30 à 2 h » -> a range; « 15 min, au bilan »
    -> 15 min with the remark « au bilan »; anything else (« deux heures », « 3 semaines »): None."""
    if not isinstance(text, str):
        return None
    match = _DURATION_RE.match(" ".join(text.split()))
    if not match:
        return None
    low, high = _minutes(match, "a"), _minutes(match, "z")
    if low is None:  # « 2 à 3 h »: a bare number needs the unit of the end of the range
        if high is None or match.group("zh") is None or match.group("zm") is not None:
            return None
        low = int(match.group("ab")) * 60
    high = low if high is None else high
    if low <= 0 or high < low or high > 24 * 60:
        return None
    return Duration(low, high, (match.group("remarque") or match.group("remarque2") or "").strip())


def checked_duration(text: object) -> Duration:
    """The duration of a value its schema type has already read (rules run only once every field of the
    block is valid; pages are made from checked records), so it is never None."""
    duration = read_duration(text)
    assert duration is not None, text
    return duration


def format_minutes(minutes: int) -> str:
    """90 -> « 1 h 30 », 45 -> « 45 min », 120 -> « 2 h »."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@dataclass(frozen=True)
class Span:
    """A calendar span between séances, in days: ``low`` to ``high``; ``recurring`` for « toutes les 6 semaines »."""

    low: int
    high: int
    unit: str
    recurring: bool = False
    remark: str = ""


def read_span(text: object) -> Span | None:
    """« 1 à 2 mois », « 3 semaines », « toutes les 6 à 8 semaines, sur un an »; anything else: None."""
    if not isinstance(text, str):
        return None
    match = _SPAN_RE.match(" ".join(text.split()))
    if not match:
        return None
    if match.group("a") is None and not match.group("chaque"):  # « mois » alone says no span; « tous les mois » does
        return None
    low = int(match.group("a") or 1)
    high = int(match.group("z") or low)
    if low <= 0 or high < low:
        return None
    days = _SPAN_UNITS[match.group("unite")]
    return Span(low * days, high * days, match.group("unite"), bool(match.group("chaque")),
                (match.group("remarque") or match.group("remarque2") or "").strip())


@dataclass
class DurationText(Type):
    """A duration written in French (« 1 h 30 », « 45 min », « 2 h à 3 h », with an optional remark
    after a comma); kept as written, read by :func:`read_duration`. ``ranged`` allows a range."""

    ranged: bool = True

    @property
    def doc(self) -> str:
        return ("durée en heures et minutes : " + DURATION_EXAMPLES if self.ranged
                else "durée en minutes : « 15 min », « 1 h 30 » (pas de fourchette)") \
            + ", suivie si besoin d'une remarque après une virgule"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        text = " ".join(str(value).split()) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        duration = read_duration(text)
        if duration is None:
            ctx.error(keypath, f"« {show(value)} » n'est pas une durée lisible : écrivez par exemple {DURATION_EXAMPLES}, "
                               "et une remarque éventuelle après une virgule (« 15 min, au bilan »)")
            raise Invalid
        if duration.is_range and not self.ranged:
            ctx.error(keypath, f"« {show(value)} » est une fourchette : une étape d'une séance dure un nombre précis "
                               "de minutes (« 20 min »), que l'animateur pourra ajuster")
            raise Invalid
        return text

    def json_schema(self) -> dict:
        clock = r"(\d{1,2} h( [0-5]\d)?|\d{1,3} min)"
        start = rf"({clock}|\d{{1,2}})( à {clock})?" if self.ranged else clock
        message = f"« {{value}} » n'est pas une durée lisible : écrivez par exemple {DURATION_EXAMPLES}"
        return {"type": "string", "maxLength": 200, "pattern": rf"^{start}((, | – | \().+)?$",
                "x-errors": {"pattern": message}}


@dataclass
class SpanText(Type):
    """A calendar span between séances (« 1 à 2 mois », « toutes les 6 semaines »), read by :func:`read_span`."""

    doc: str = "durée dans le calendrier : " + SPAN_EXAMPLES + ", suivie si besoin d'une remarque après une virgule"

    def check(self, value: Any, keypath: tuple, ctx: Context) -> Any:
        text = " ".join(value.split()) if isinstance(value, str) else None
        if read_span(text) is None:
            ctx.error(keypath, f"« {show(value)} » n'est pas une durée de calendrier lisible : écrivez par exemple "
                               f"{SPAN_EXAMPLES}, et une remarque éventuelle après une virgule")
            raise Invalid
        return text

    def json_schema(self) -> dict:
        units = "|".join(_SPAN_UNITS)
        return {"type": "string", "maxLength": 200,
                "pattern": rf"^((tous|toutes) les (\d{{1,3}}( à \d{{1,3}})? )?|\d{{1,3}}( à \d{{1,3}})? )({units})((, | – | \().+)?$",
                "x-errors": {"pattern": f"« {{value}} » n'est pas une durée de calendrier lisible : écrivez par "
                                       f"exemple {SPAN_EXAMPLES}"}}
