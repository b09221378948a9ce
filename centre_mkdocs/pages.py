"""The page registry of ``core/site.py`` published: data loaded, pages registered, menu completed, edit links.

- :func:`load` (``on_config``): load and check ``data/`` (a French list of every problem stops the
  build before anything is written), read the forge settings, ask the core for every generated page;
  one line says when the site has no published address (no QR code nor address on the sheets);
- :func:`complete_nav` (``on_config``): add to the menu the pages that belong to it but that
  ``mkdocs.yml`` does not list;
- :func:`register` (``on_files``): the registry's pages, in or out of the navigation as each page
  says (record and facet pages stay out: pages in the nav are rendered into every page);
- :func:`add_globals` (``on_env``): the catalogue filters and the « Facile à lire » header link;
- :func:`edit_link` (``on_page_context``): every page's "modifier cette page" link, from the file
  the registry names (none without a forge address), and no lonely left column outside the menu.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from core import corpus as corpus_module
from core import drafts, urls
from core.catalogue import filter_forms
from core.easy_read import EASY_READ_TITLE, icon
from core.forge import Forge
from core.page import Page
from core.problems import DataError
from core.site import edit_source, print_links, site_pages_stored
from core.team import Team

from .state import Build

log = logging.getLogger("mkdocs.plugins.centre")

NavItem = str | dict[str, Any]


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding ``data/`` and ``docs/``: next to mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def load(config: MkDocsConfig, serving: bool = False) -> Build:
    root = project_root(config)
    try:
        corpus = corpus_module.load_cached(root)
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
    site_url = config.site_url or ""
    if not serving and not urls.is_published(site_url):
        # Info, not a warning: --strict would stop the build (scripts/build.py says it under --quiet).
        log.info(urls.NO_ADDRESS_WARNING.format(site_url=site_url))
    pages = site_pages_stored(corpus, forge, site_url, draft_days, team)
    return Build(corpus=corpus, forge=forge, pages={page.src_uri: page for page in pages},
                 docs=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs",
                 print_links=print_links(corpus, site_url))


def _listed(nav: list[NavItem]) -> set[str]:
    found: set[str] = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found |= _listed(value) if isinstance(value, list) else {value}
    return found


def complete_nav(config: MkDocsConfig, build: Build) -> None:
    """mkdocs.yml orders the menu; a menu page it does not list goes at the end of its section."""
    nav: list[NavItem] | None = config.nav
    if nav is None:
        return
    listed = _listed(nav)
    for page in build.pages.values():
        if not page.in_nav or page.src_uri in listed:
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


def register(files: Files, config: MkDocsConfig, build: Build) -> Files:
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    return files


def add_globals(env: Environment, build: Build) -> None:
    env.globals["centre_filtres"] = filter_forms(build.corpus)  # list page URL -> its filter form
    env.globals["centre_facile_a_lire"] = {"url": urls.EASY_READ, "title": EASY_READ_TITLE, "icon": icon("read")}


def edit_link(page: MkDocsPage, build: Build) -> None:
    source = edit_source(page.file.src_uri, build.pages, build.docs)
    page.edit_url = build.forge.edit_url(source) if build.forge and source else None
    # Named by overrides/partials/actions.html (a new attribute of MkDocs' page, read by the template).
    page.edit_source = source if page.edit_url else None  # type: ignore[attr-defined]
    # With tabs, the left column of a page outside a menu section would hold only that page: hide
    # it (Material's ``hide: [navigation]``). The phone drawer still holds the whole menu.
    if page.parent is None:
        hidden = page.meta.setdefault("hide", [])
        if isinstance(hidden, list) and "navigation" not in hidden:
            hidden.append("navigation")


def registered(page: MkDocsPage, build: Build) -> Page | None:
    """The registry's page behind a page of the build; None for a hand-written page of docs/."""
    return build.pages.get(page.file.src_uri)
