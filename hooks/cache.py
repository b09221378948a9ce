"""MkDocs hook: the build cache's bookkeeping (thin adapter over ``core.cache``).

Listed last. ``on_config`` (first of all hooks) starts each build with fresh counts and tables;
``on_post_build`` (last of all) writes the tables that gained values, deletes file entries unused
for a month, and says in the build log what was reused and which damaged entries were rebuilt.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from core import cache

log = logging.getLogger("mkdocs.hooks.cache")


@event_priority(100)  # before hooks/site.py renders the records' Markdown fields
def on_config(config, **kwargs):
    cache.reset()
    return None


@event_priority(-100)  # after the PDFs and the search index
def on_post_build(*, config):
    store = cache.shared()
    store.flush()
    store.prune()
    for entry in store.damaged:
        # Info, not a warning: the entry is rebuilt and the site is right (a warning stops --strict).
        log.info(f"Cache : entrée abîmée, recalculée : {entry}")
    log.info(store.summary())
