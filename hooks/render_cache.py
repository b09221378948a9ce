"""MkDocs hook: each page's Markdown converted once, reused by the next builds while it does not change.

MkDocs converts every page's Markdown to HTML at every build: at 2,000 records that was a quarter of
a build with nothing changed (issue 16). ``Page.render`` depends only on the page's final Markdown
(after the macros), its place and the site's files and settings; this hook keeps what it produces
(the HTML, the table of contents, the title, the anchors the page holds and the links it makes to
anchors elsewhere) in the build cache, in one entry (namespace ``render``), and gives it back to the next build when nothing it depends on changed:

- the page's Markdown and its source path;
- every file of the site and its address (a link resolves against them);
- the Markdown settings of ``mkdocs.yml``, the link validation settings, the versions of MkDocs,
  Python-Markdown and of this hook's code.

A render that logged anything (a link to a missing page…) is never kept, so the next build says it
again. ``CENTRE_RENDER_CACHE=off`` turns the hook off: tests/test_build_cache.py compares a site
built with and without it, byte for byte.
"""

from __future__ import annotations

import logging
import os
import pickle
import types

from mkdocs.structure.pages import Page

from core import cache

NAMESPACE = "render"
_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.toc", "markdown")
_state: dict = {"key": None, "stored": {}, "used": {}, "added": False}


class _Listen(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.heard = False

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.heard = True


def _build_key(config, files) -> str:
    addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
    return cache.digest(
        cache.code_stamp(_render, _restore, "mkdocs", "Markdown"),
        repr(config["markdown_extensions"]), repr(sorted((config["mdx_configs"] or {}).items(), key=repr)),
        repr(config.validation), config.use_directory_urls, *(" ".join(a) for a in addresses))


def _load(key: str) -> None:
    if _state["key"] == key:
        return
    stored = cache.load_object(NAMESPACE, key)
    _state.update(key=key, stored={} if stored is cache.MISSING else stored, used={}, added=False)


def _restore(page: Page, entry: tuple, files) -> bool:
    content, toc, title, anchors, links = entry
    targets = {}
    for src_uri, found in (links or {}).items():
        target = files.get_file_from_path(src_uri)
        if target is None:
            return False
        targets[target] = dict(found)
    page.content, page.toc, page._title_from_render = content, pickle.loads(toc), title
    page.present_anchor_ids = set(anchors)
    if links is not None:
        page.links_to_anchors = targets
    return True


def _render(page: Page, config, files) -> None:
    """``Page.render``, or its result from the cache (see the module's docstring); on_files() has
    loaded the entry of this build's files and settings."""
    page_key = cache.digest(page.file.src_uri, page.markdown)
    entry = _state["stored"].get(page_key) or _state["used"].get(page_key)
    if entry is not None and _restore(page, entry, files):
        _state["used"][page_key] = entry
        cache.shared().count(NAMESPACE, True)
        return
    listener = _Listen()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(listener)
    try:
        Page.render(page, config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(listener)
    cache.shared().count(NAMESPACE, False)
    if listener.heard:
        return  # said again by the next build
    links = getattr(page, "links_to_anchors", None)
    # The table of contents is pickled apart: each restore gets its own copy, even when make serve
    # keeps the entry in memory from one rebuild to the next.
    _state["used"][page_key] = (
        page.content, pickle.dumps(page.toc, protocol=pickle.HIGHEST_PROTOCOL), page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {target.src_uri: dict(found) for target, found in links.items()})
    _state["added"] = True


def _enabled() -> bool:
    return os.environ.get("CENTRE_RENDER_CACHE", "on") != "off"


def on_files(files, /, *, config):
    if _enabled():
        _load(_build_key(config, files))
    return files


def on_pre_page(page, /, *, config, files):
    if _enabled():
        page.render = types.MethodType(_render, page)
    return page


def on_post_build(*, config):
    if not _enabled() or not _state["added"] and len(_state["used"]) == len(_state["stored"]):
        return
    # Keep only what this build used: the next build of the same site needs nothing else.
    cache.shared().put(NAMESPACE, _state["key"],
                       pickle.dumps(_state["used"], protocol=pickle.HIGHEST_PROTOCOL))
    _state.update(stored=_state["used"], used={}, added=False)
