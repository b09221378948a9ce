"""The build cache's bookkeeping (``core/cache.py``): fresh counts at the start of each build; at its
end, the tables that gained values written, file entries unused for a month deleted, and one line
in the build log saying what was reused and which damaged entries were rebuilt."""

from __future__ import annotations

import logging

from core import cache

log = logging.getLogger("mkdocs.plugins.centre")


def start() -> None:
    cache.reset()


def finish() -> None:
    store = cache.shared()
    store.flush()
    store.prune()
    for entry in store.damaged:
        # Info, not a warning: the entry is rebuilt and the site is right (a warning stops --strict).
        log.info(f"Cache : entrée abîmée, recalculée : {entry}")
    log.info(store.summary())
