"""Cross-field rules: checks that read several keys of one block.

Each rule is a small object: ``check()`` records a French problem and raises
:class:`~core.schema.types.Invalid`; ``json_schema()`` says the same rule to other validators
(the contribution form in the browser), with the same French message.
"""

from __future__ import annotations

from dataclasses import dataclass

from .durations import checked_duration, format_minutes
from .types import Context, Invalid


class Rule:
    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        raise NotImplementedError

    def json_schema(self, fields: dict | None = None) -> dict:
        """The rule for other validators; ``fields`` (the block's) gives the form its French labels."""
        raise NotImplementedError


@dataclass(frozen=True)
class Ordered(Rule):
    """``low`` may not be greater than ``high`` (years of a period, group sizes)."""

    low: str
    high: str
    message: str

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if value.get(self.low) is not None and value.get(self.high) is not None and value[self.low] > value[self.high]:
            ctx.error(keypath + (self.high,), self.message)
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        # "x-ordered" is ours: JSON Schema cannot compare two fields.
        return {"x-ordered": [self.low, self.high], "x-errors": {"x-ordered": self.message}}


@dataclass(frozen=True)
class AtMostOne(Rule):
    """At most one of two keys: a resource is a web address, a file, or neither (a printed book or
    report is cited by its title alone, since a web address is given only when it is certain)."""

    first: str
    second: str

    @property
    def message(self) -> str:
        return self.say(self.first, self.second)

    @staticmethod
    def say(first: str, second: str) -> str:
        return f"indiquez soit « {first} », soit « {second} », pas les deux"

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if self.first in value and self.second in value:
            ctx.error(keypath, self.message)
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        schema = {"not": {"required": [self.first, self.second]}, "x-errors": {"not": self.message}}
        if fields:
            # The form names the fields by their labels, never by their keys.
            schema["x-errors-form"] = {"not": self.say(fields[self.first].label, fields[self.second].label)}
        return schema


@dataclass(frozen=True)
class MustBeTrue(Rule):
    """A key that must say yes: a quote is published only with the person's consent."""

    key: str
    message: str
    form_message: str = ""  # the same rule, said to someone who ticks a box rather than writes YAML

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if value.get(self.key) is not True:
            ctx.error(keypath + (self.key,), self.message)
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        errors = {"const": True, "x-errors": {"const": self.message}}
        if self.form_message:
            errors["x-errors-form"] = {"const": self.form_message}
        return {"allOf": [{"properties": {self.key: errors}}]}


@dataclass(frozen=True)
class AtLeastOne(Rule):
    """At least one of ``keys`` given (an empty list counts as absent): a retour names a resource it used."""

    keys: tuple
    message: str
    form_message: str = ""

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if not any(value.get(key) not in (None, []) for key in self.keys):
            # Reported on the first key: the line of the block, the key a person would add.
            ctx.error(keypath + (self.keys[0],), self.message)
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        # "x-atLeastOne" is ours: with our semantics an empty list is absent, which "anyOf" + "required" cannot say.
        # Wrapped in "allOf" so that two such rules of one block keep their own keys and messages.
        part = {"x-atLeastOne": list(self.keys), "x-errors": {"x-atLeastOne": self.message}}
        if self.form_message:
            part["x-errors-form"] = {"x-atLeastOne": self.form_message}
        return {"allOf": [part]}


@dataclass(frozen=True)
class Together(Rule):
    """Two keys given both or neither: who reviewed an easy-to-read text, and when."""

    first: str
    second: str
    hints: tuple = ("", "")  # what each key holds, said when it is the one missing

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if (self.first in value) != (self.second in value):
            given, missing, hint = ((self.first, self.second, self.hints[1]) if self.first in value
                                    else (self.second, self.first, self.hints[0]))
            ctx.error(keypath + (given,), f"indiquez aussi « {missing} »" + (f", {hint}" if hint else ""))
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        # "x-together" is ours, like "x-ordered": the browser reports it at the key given alone, as Python does.
        # Wrapped in "allOf" (as AtLeastOne): a block has two such rules (the FALC review, the FALC title).
        schema = {"x-together": [self.first, self.second],
                  "x-errors": {"x-together": f"indiquez « {self.first} » et « {self.second} » ensemble, ou aucun des deux"}}
        if fields:
            schema["x-errors-form"] = {"x-together": f"remplissez « {fields[self.first].label} » et "
                                                     f"« {fields[self.second].label} » ensemble, ou aucun des deux"}
        return {"allOf": [schema]}


@dataclass(frozen=True)
class RequiredIf(Rule):
    """``needed`` must be given when ``key`` has ``value``: material counted per group says the group's size."""

    key: str
    value: str
    needed: str
    message: str

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        if value.get(self.key) == self.value and self.needed not in value:
            ctx.error(keypath + (self.key,), self.message)
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        return {"if": {"properties": {self.key: {"const": self.value}}, "required": [self.key]},
                "then": {"required": [self.needed]}, "x-errors": {"required": self.message}}


@dataclass(frozen=True)
class Sessions(Rule):
    """A fiche's course: each step in a séance (``seance``: its number, ``duree`` in minutes) or between
    séances (``delai``: a calendar span); a séance's steps follow one another and add up to its length."""

    sessions: str = "seances"
    steps: str = "etapes"

    def check(self, value: dict, keypath: tuple, ctx: Context) -> None:
        sessions, steps = value.get(self.sessions, []), value.get(self.steps, [])
        failed, last = False, 0
        totals: list[list[tuple[int, int]]] = [[] for _ in sessions]

        def error(path: tuple, message: str) -> None:
            nonlocal failed
            ctx.error(keypath + path, message)
            failed = True

        for index, step in enumerate(steps):
            at = (self.steps, index)
            number = step.get("seance")
            if number is None:
                if sessions and "delai" not in step:
                    error(at, "cette étape n'est rattachée à aucune séance : indiquez « seance » (le numéro de sa séance, "
                              "avec sa « duree » en minutes) ou, si elle a lieu entre les séances, « delai » "
                              "(« 2 à 4 semaines »)")
                elif sessions and "duree" in step:
                    error(at + ("duree",), "une étape entre les séances dit son temps dans « delai » (« 2 à 4 semaines ») ; "
                                           "« duree » est réservée aux étapes d'une séance, avec « seance »")
                continue
            if "delai" in step:
                error(at + ("delai",), "une étape a lieu pendant une séance (« seance » et « duree ») ou entre les séances "
                                       "(« delai »), pas les deux")
            if number > len(sessions):
                error(at + ("seance",), f"la séance {number} n'existe pas : la fiche déclare {len(sessions)} séance"
                                        f"{'s' if len(sessions) > 1 else ''} (clé « {self.sessions} »)")
                continue
            if number < last:
                error(at + ("seance",), f"les étapes de la séance {number} doivent se suivre : elle reprend après "
                                        f"la séance {last}")
            last = number
            if "duree" not in step:
                error(at + ("seance",), "une étape d'une séance dit sa durée en minutes : ajoutez « duree » (« 20 min »)")
                continue
            totals[number - 1].append((index, checked_duration(step["duree"]).low))
        if failed:  # the sums would only repeat what is already said
            raise Invalid
        for number, session in enumerate(sessions, start=1):
            at = (self.sessions, number - 1)
            if not totals[number - 1]:
                error(at, f"la séance {number} (« {session['titre']} ») n'a aucune étape : rattachez-lui des étapes "
                          f"avec « seance: {number} »")
                continue
            stated = checked_duration(session["duree"])
            total = sum(minutes for _, minutes in totals[number - 1])
            if not stated.low <= total <= stated.high:
                first, end = totals[number - 1][0][0] + 1, totals[number - 1][-1][0] + 1
                detail = " + ".join(format_minutes(m) for _, m in totals[number - 1])
                error(at + ("duree",), f"les étapes de la séance {number} (« {session['titre']} », étapes {first} à {end}) "
                                       f"durent {format_minutes(total)} en tout ({detail}), pas {session['duree']} : "
                                       "corrigez la durée de la séance ou celles de ses étapes (les pauses sont des étapes)")
        if failed:
            raise Invalid

    def json_schema(self, fields: dict | None = None) -> dict:
        return {}  # the sums are checked by Python (make validate) and by the publishing review
