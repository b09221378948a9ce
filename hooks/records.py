"""MkDocs hook: publish the records of ``data/`` as pages (thin adapter over ``core``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import corpus as corpus_module  # noqa: E402  (needs ROOT on sys.path)
from core.pages import site_pages  # noqa: E402
from core.problems import DataError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.records")

_state: dict = {}


def data_root(config) -> Path:
    """The folder holding ``data/``: next to mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def on_config(config, **kwargs):
    try:
        corpus = corpus_module.load_cached(data_root(config))
    except DataError as error:
        # A French list of every problem, no traceback; the build stops before writing anything.
        raise Abort("\n" + error.report())
    for warning in corpus.warnings:
        log.info(str(warning))
    _state["corpus"] = corpus
    _state["pages"] = {page.src_uri: page for page in site_pages(corpus)}
    return None


def on_files(files, /, *, config):
    for page in _state["pages"].values():
        # Record and facet pages never go in the navigation: listing thousands of pages
        # in it makes every page carry the whole list. Catalogues (index.md) are in it.
        in_nav = page.src_uri.endswith("index.md")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    return files


def _edit_url(config, source: str) -> str | None:
    forge = config.extra.get("forge") or {}
    url, branch = (forge.get("url") or "").rstrip("/"), forge.get("branch", "main")
    if not url:
        return None
    if forge.get("type", "gitlab") == "github":
        return f"{url}/edit/{branch}/{source}"
    return f"{url}/-/edit/{branch}/{source}"


def on_page_context(context, /, *, page, config, nav):
    record = page.meta.get("record")
    if record:
        page.edit_url = _edit_url(config, record["source"])
    elif page.file.src_uri not in _state.get("pages", {}):
        page.edit_url = _edit_url(config, f"docs/{page.file.src_uri}")
    else:
        page.edit_url = None
    return context
