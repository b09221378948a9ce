"""Problems found in contributed data, reported as ``path:line: key: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    key: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        # One problem, one line: a value quoted in a message never breaks the format.
        text = " ".join(f"{self.path}:{self.line}: {self.key or '(fichier)'}: {self.message}".split())
        return text if self.level == ERROR else f"{text} [{self.level}]"


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.level == ERROR]
        warnings = [p for p in self.problems if p.level != ERROR]
        count = len(errors)
        head = f"{count} erreur{'s' if count > 1 else ''} dans les données, le site n'est pas publié :"
        return "\n".join([head, *map(str, errors + warnings)])


def show(value: object, limit: int = 60) -> str:
    """A contributed value quoted in a message: on one line, and cut when long."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def suggest(word: str, choices: Iterable[object]) -> str:
    """French suffix suggesting the nearest known value, or an empty string."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""
