"""Cross-field rules: checks that read several keys of one block.

Each rule is a small object: ``check()`` records a French problem and raises
:class:`~core.schema.types.Invalid`; ``json_schema()`` says the same rule to other validators
(the contribution form in the browser), with the same French message.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Invalid


class Rule:
    def check(self, value: dict, keypath: tuple, ctx) -> None:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


@dataclass(frozen=True)
class Ordered(Rule):
    """``low`` may not be greater than ``high`` (years of a period, group sizes)."""

    low: str
    high: str
    message: str

    def check(self, value, keypath, ctx):
        if value.get(self.low) is not None and value.get(self.high) is not None and value[self.low] > value[self.high]:
            ctx.error(keypath + (self.high,), self.message)
            raise Invalid

    def json_schema(self):
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
        return f"indiquez soit « {self.first} », soit « {self.second} », pas les deux"

    def check(self, value, keypath, ctx):
        if self.first in value and self.second in value:
            ctx.error(keypath, self.message)
            raise Invalid

    def json_schema(self):
        return {"not": {"required": [self.first, self.second]}, "x-errors": {"not": self.message}}


@dataclass(frozen=True)
class MustBeTrue(Rule):
    """A key that must say yes: a quote is published only with the person's consent."""

    key: str
    message: str

    def check(self, value, keypath, ctx):
        if value.get(self.key) is not True:
            ctx.error(keypath + (self.key,), self.message)
            raise Invalid

    def json_schema(self):
        return {"allOf": [{"properties": {self.key: {"const": True, "x-errors": {"const": self.message}}}}]}
