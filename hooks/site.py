"""MkDocs hook: publish the page registry of ``core/site.py`` (thin adapter, no page-building here).

- ``on_config``: load and check ``data/`` (a French list of every problem stops the build before
  anything is written), read the forge settings, ask the core for every generated page, and add
  to the navigation the pages that belong to the menu but that ``mkdocs.yml`` does not list;
- ``on_files``: register those pages, in or out of the navigation as each page says (record and
  facet pages stay out: pages in the nav are rendered into every page);
- ``on_env``: the catalogue filters and the « Facile à lire » header link, for the templates;
- ``on_page_context``: every page's "modifier cette page" link, from the file the registry names
  (none without a forge address), and no lonely left column outside the menu's sections.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

from core import corpus as corpus_module
from core import drafts, urls
from core.catalogue import filter_forms
from core.easy_read import EASY_READ_TITLE, icon
from core.forge import Forge
from core.problems import DataError
from core.site import edit_source, site_pages_stored
from core.team import Team

log = logging.getLogger("mkdocs.hooks.site")

_state: dict = {}


def project_root(config) -> Path:
    """The folder holding ``data/`` and ``docs/``: next to mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def on_config(config, **kwargs):
    try:
        corpus = corpus_module.load_cached(project_root(config))
    except DataError as error:
        raise Abort("\n" + error.report()) from None
    try:
        forge = Forge.from_settings(config.extra.get("forge"))
        draft_days = drafts.draft_days(config.extra.get("brouillons"))
        team = Team.from_settings(config.extra.get("equipe"))
    except ValueError as error:
        raise Abort(f"\nmkdocs.yml : {error}") from None
    for warning in corpus.warnings:
        log.info(str(warning))
    docs = Path(config.docs_dir).resolve()
    root = project_root(config)
    pages = site_pages_stored(corpus, forge, config.site_url or "", draft_days, team)
    _state.update(corpus=corpus, forge=forge, pages={page.src_uri: page for page in pages},
                  docs=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs")
    if config.nav is not None:
        _complete_nav(config.nav, [page for page in pages if page.in_nav])
    return None


def _listed(nav) -> set:
    found = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found |= _listed(value) if isinstance(value, list) else {value}
    return found


def _complete_nav(nav: list, pages: list) -> None:
    """mkdocs.yml orders the menu; a menu page it does not list goes at the end of its section."""
    listed = _listed(nav)
    for page in pages:
        if page.src_uri in listed:
            continue
        section = nav
        if page.menu:
            holder = next((item for item in nav if isinstance(item, dict) and page.menu in item
                           and isinstance(item[page.menu], list)), None)
            if holder is None:
                holder = {page.menu: []}
                nav.append(holder)
            section = holder[page.menu]
        section.append({page.title: page.src_uri})


def on_files(files, /, *, config):
    for page in _state["pages"].values():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    return files


def on_env(env, /, *, config, files):
    env.globals["centre_filtres"] = filter_forms(_state["corpus"])  # list page URL -> its filter form
    env.globals["centre_facile_a_lire"] = {"url": urls.EASY_READ, "title": EASY_READ_TITLE, "icon": icon("read")}
    return env


def on_page_context(context, /, *, page, config, nav):
    source = edit_source(page.file.src_uri, _state["pages"], _state["docs"])
    forge = _state["forge"]
    page.edit_url = forge.edit_url(source) if forge and source else None
    page.edit_source = source if page.edit_url else None  # named by overrides/partials/actions.html
    # With tabs, the left column of a page outside a menu section would hold only that page: hide
    # it (Material's ``hide: [navigation]``). The phone drawer still holds the whole menu.
    if page.parent is None:
        hidden = page.meta.setdefault("hide", [])
        if isinstance(hidden, list) and "navigation" not in hidden:
            hidden.append("navigation")
    return context
