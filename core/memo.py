"""Results of pure functions of a text, kept in memory from one preview build to the next.

``make serve`` rebuilds the whole site after each edit, in the same process. Most of what it
recomputes is unchanged: the search tokens of the records not edited, the French typography
of pages whose HTML did not change. A :class:`Memo` keeps the results of the last build, keyed by
a hash of the input, and gives them back to the next one. Only the preview uses it (the plugin
creates memos under ``mkdocs serve``, centre_mkdocs/speed.py): a published build computes everything, and the results are
the same either way because the functions memoised are pure (tested against a cold build).

Memory stays bounded: what a build did not use is forgotten at the start of the build after.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class Memo:
    """A mapping from a key to a computed value, kept for the values the last build used."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}
        self.hits = self.misses = 0

    def new_build(self) -> None:
        """Forget what the last build did not use; count afresh."""
        if self._current:
            self._previous, self._current = self._current, {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        found = self._current.get(key, self)
        if found is self:
            found = self._previous.pop(key, self)
            if found is self:
                self.misses += 1
                found = compute()
            else:
                self.hits += 1
            self._current[key] = found
        else:
            self.hits += 1
        return found

    def of_text(self, function: Callable[[str], T], text: str, *context: Hashable) -> T:
        """``function(text)``, computed once for a given text (and ``context``: what else it depends on)."""
        # The function itself is part of the key: a module imported afresh (its code edited) never
        # gets the results of its former version.
        return self.get((function, text_key(text), *context), lambda: function(text))
