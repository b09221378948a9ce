"""Everything that exists only for speed: the site is the same byte for byte without it (tested).

One object, :class:`Speed`, made by the plugin's ``on_startup`` (so it lives as long as the plugin:
one build, or every rebuild of one ``mkdocs serve``). Each part can be switched off:

- **render cache** (``CENTRE_RENDER_CACHE=off``): each page's Markdown conversion kept in the build
  cache and reused while nothing it depends on changes;
- **menu memo** (``CENTRE_TEMPLATE_MEMO=off``): Material's navigation menus rendered once per folder
  for the pages outside the menu;
- **preview only** (``mkdocs serve``, never a published build): compiled Jinja templates kept in
  memory, the site folder kept in place between rebuilds, and the memos of ``core/memo.py``
  (search tokens, typeset pages).

``tests/test_build_cache.py`` builds a site with both switches off and an empty cache and compares
it with a warm build, file by file. Every use of a MkDocs or Jinja internal is here, each with the
version it was checked against: MkDocs 1.6.1 (ProperDocs 1.6.7 has the same code), Jinja 3.1.6.
"""

from __future__ import annotations

import logging
import os
import pickle
import types
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import cache
from core.memo import Memo


def _on(variable: str) -> bool:
    return os.environ.get(variable, "on") != "off"


class Speed:
    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        self.render = RenderCache() if _on("CENTRE_RENDER_CACHE") else None
        self.menus = _on("CENTRE_TEMPLATE_MEMO")
        # Preview only: kept from one rebuild of make serve to the next.
        self.templates = _MemoryBytecodeCache() if serving else None
        self.search_memo = Memo() if serving else None
        self.typography_memo = Memo() if serving else None
        self.site_folder = _KeptSiteFolder() if serving else None

    # --- events -------------------------------------------------------------------------------

    def start(self) -> None:
        """``on_startup``."""
        if self.site_folder is not None:
            self.site_folder.install()

    def stop(self) -> None:
        """``on_shutdown``."""
        if self.site_folder is not None:
            self.site_folder.uninstall()

    def new_build(self) -> None:
        """``on_config``: the memos forget what the last build did not use."""
        for memo in (self.search_memo, self.typography_memo):
            if memo is not None:
                memo.new_build()

    def load_render_cache(self, config: MkDocsConfig, files: Files) -> None:
        """``on_files``."""
        if self.render is not None:
            self.render.load(config, files)

    def use_compiled_templates(self, env: jinja2.Environment) -> None:
        """``on_env``, first: before any template is compiled."""
        if self.templates is not None:
            env.bytecode_cache = self.templates

    def memoise_menus(self, env: jinja2.Environment) -> None:
        """``on_env``."""
        if self.menus:
            for name in MEMOISED:
                _memoise(env.get_template(name), {})

    def render_through_cache(self, page: Page) -> None:
        """``on_pre_page``."""
        if self.render is not None:
            self.render.attach(page)

    def store_render_cache(self) -> None:
        """``on_post_build``."""
        if self.render is not None:
            self.render.store()

    def delete_stale(self, site_dir: str) -> None:
        """``on_post_build``, last of all."""
        if self.site_folder is not None:
            self.site_folder.delete_stale(site_dir)


# --- render cache -------------------------------------------------------------------------------
# MkDocs converts every page's Markdown to HTML at every build: at 2,000 records that was a quarter of
# a build with nothing changed (issue 16). ``Page.render`` depends only on the page's final Markdown
# (after the macros), its place and the site's files and settings; what it produces (the HTML, the
# table of contents, the title, the anchors the page holds and the links it makes to anchors
# elsewhere) is kept in the build cache, in one entry (namespace ``render``), and given back to the
# next build when nothing it depends on changed:
#
# - the page's Markdown and its source path;
# - every file of the site and its address (a link resolves against them);
# - the Markdown settings of ``mkdocs.yml``, the link validation settings, the versions of MkDocs,
#   Python-Markdown and of this code.
#
# A render that logged anything (a link to a missing page…) is never kept, so the next build says it
# again. No event can skip MkDocs' conversion of a page: the page's ``render`` method is replaced on
# the page object (``on_pre_page``), and the private ``Page._title_from_render``,
# ``present_anchor_ids`` and ``links_to_anchors`` are written back (MkDocs 1.6.1,
# mkdocs/structure/pages.py).

RENDER_NAMESPACE = "render"
_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.toc", "markdown")
RenderEntry = tuple[str, bytes, "str | None", frozenset[str], "dict[str, dict[str, Any]] | None"]


class _Listen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.heard = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.heard = True


class RenderCache:
    def __init__(self) -> None:
        self.key: str | None = None
        self.stored: dict[str, RenderEntry] = {}
        self.used: dict[str, RenderEntry] = {}
        self.added = False
        self.files: Files | None = None

    def load(self, config: MkDocsConfig, files: Files) -> None:
        self.files = files
        addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
        key = cache.digest(
            cache.code_stamp(RenderCache, "mkdocs", "Markdown"),
            repr(config["markdown_extensions"]), repr(sorted((config["mdx_configs"] or {}).items(), key=repr)),
            repr(config.validation), config.use_directory_urls, *(" ".join(a) for a in addresses))
        if self.key == key:
            return
        stored = cache.load_object(RENDER_NAMESPACE, key)
        self.key, self.stored, self.used, self.added = key, {} if stored is cache.MISSING else stored, {}, False

    def attach(self, page: Page) -> None:
        cached = self

        def render(self_page: Page, config: MkDocsConfig, files: Files) -> None:
            cached.render(self_page, config, files)

        page.render = types.MethodType(render, page)  # type: ignore[method-assign]

    def _restore(self, page: Page, entry: RenderEntry, files: Files) -> bool:
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

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``Page.render``, or its result from the cache."""
        page_key = cache.digest(page.file.src_uri, page.markdown or "")
        entry = self.stored.get(page_key) or self.used.get(page_key)
        if entry is not None and self._restore(page, entry, files):
            self.used[page_key] = entry
            cache.shared().count(RENDER_NAMESPACE, True)
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
        cache.shared().count(RENDER_NAMESPACE, False)
        if listener.heard:
            return  # said again by the next build
        links = getattr(page, "links_to_anchors", None)
        # The table of contents is pickled apart: each restore gets its own copy, even when make serve
        # keeps the entry in memory from one rebuild to the next.
        self.used[page_key] = (
            page.content or "", pickle.dumps(page.toc, protocol=pickle.HIGHEST_PROTOCOL), page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {target.src_uri: dict(found) for target, found in links.items()})
        self.added = True

    def store(self) -> None:
        if self.key is None or not self.added and len(self.used) == len(self.stored):
            return
        # Keep only what this build used: the next build of the same site needs nothing else.
        cache.shared().put(RENDER_NAMESPACE, self.key, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        self.stored, self.used, self.added = self.used, {}, False


# --- menu memo ----------------------------------------------------------------------------------
# Material renders the whole menu twice into every page (the tabs and the side/drawer menu): at 2,000
# records that was 6 s of a 16 s build (issue 16). For a page that is not in the menu (records, their
# easy-to-read pages, supports, facet pages) nothing in the menu is active and every link in it is
# relative to the page's folder; pages in the same parent folder at the same depth, e.g. every
# ``pratiques/<id>/``, therefore get the very same menu HTML. The two partials are wrapped so that the
# first such page of a folder renders them and its siblings reuse the text. Pages in the menu are
# always rendered by Material as usual (their own entry is highlighted). The memo lives in the Jinja
# environment of one build (``on_env`` runs once per build, ``make serve`` included).
# No event reaches a partial: the compiled template's ``root_render_func`` (a Jinja internal,
# Jinja 3.1.6) is wrapped.

# The partials that depend on the page only through its place in the menu and its relative links.
MEMOISED = ("partials/nav.html", "partials/tabs.html")


def _folder_key(page: Page | None, nav_urls: frozenset[str]) -> str | None:
    """The memo key of a page outside the menu: its parent folder and depth; None to render normally."""
    if page is None or page.url in nav_urls:
        return None
    url = page.url
    folder, _, leaf = url.rstrip("/").rpartition("/")
    if not url.endswith("/") and "." in leaf:  # e.g. 404.html: links are relative to its folder
        return f"file:{folder}"
    # A menu entry inside the page's own folder would get a link that differs between siblings.
    if any(nav_url.startswith(url) for nav_url in nav_urls):
        return None
    return f"dir:{folder}|{url.count('/')}"


def _memoise(template: jinja2.Template, store: dict[str, str]) -> None:
    render: Callable[[Any], Iterator[str]] = template.root_render_func
    nav_urls_by_nav: dict[int, frozenset[str]] = {}

    def root_render_func(context: Any) -> Iterator[str]:
        nav: Navigation | None = context.get("nav")
        page: Page | None = context.get("page")
        if nav is None:
            yield from render(context)
            return
        nav_urls = nav_urls_by_nav.get(id(nav))
        if nav_urls is None:
            nav_urls_by_nav.clear()  # one navigation per build
            nav_urls = nav_urls_by_nav[id(nav)] = frozenset(p.url for p in nav.pages)
        key = _folder_key(page, nav_urls)
        if key is None:
            yield from render(context)
            return
        text = store.get(key)
        if text is None:
            text = store[key] = "".join(render(context))
        yield text

    template.root_render_func = root_render_func


# --- preview: compiled templates ---------------------------------------------------------------
# Each rebuild of make serve makes a new Jinja environment, which compiled every template of the
# theme and of overrides/ again (about a tenth of a rebuild at 200 records). Under make serve the
# compiled templates are kept in memory: Jinja checks each one against its source's checksum, so
# an edited template is compiled again (``bytecode_cache``: Jinja's public API).

class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._compiled.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)  # ignored by Jinja when the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


# --- preview: the site folder kept in place -----------------------------------------------------
# Each rebuild of make serve used to start by deleting the whole site folder (MkDocs' clean build):
# hundreds of folders removed and made again, a slow part of a rebuild on a busy disk, and a preview
# answering « 404 » while it rebuilt. No event can keep the folder (``on_pre_build`` runs just before
# the cleaning, and ``--dirty`` skips pages): ``mkdocs.utils.clean_directory``, which
# ``mkdocs/commands/build.py`` calls through the module (MkDocs 1.6.1; ProperDocs 1.6.7 the same), is
# replaced for the life of ``mkdocs serve`` (``on_startup`` to ``on_shutdown``) by a function that
# lists the files instead. The build writes over them; at the end, the files it did not write again
# (a record removed, a search file of the previous index) are deleted, with the folders left empty.

class _KeptSiteFolder:
    def __init__(self) -> None:
        self.before: dict[str, int] = {}  # path -> modification time (ns) of each file when the build started
        self.original: Callable[[str], None] | None = None

    def install(self) -> None:
        if self.original is None:
            self.original = mkdocs.utils.clean_directory
            setattr(mkdocs.utils, "clean_directory", self.keep_and_list)  # noqa: B010 (a module's function replaced)

    def uninstall(self) -> None:
        if self.original is not None:
            setattr(mkdocs.utils, "clean_directory", self.original)  # noqa: B010
            self.original = None

    def keep_and_list(self, directory: str) -> None:
        """Replaces MkDocs' ``clean_directory``: list the files instead of deleting them."""
        self.before.clear()
        for folder, subfolders, names in os.walk(directory):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                if not name.startswith("."):  # MkDocs never deletes hidden files either
                    path = os.path.join(folder, name)
                    try:
                        self.before[path] = os.stat(path).st_mtime_ns
                    except OSError:
                        pass

    def delete_stale(self, directory: str) -> None:
        if self.original is None:
            return
        for path, modified in self.before.items():
            try:
                if os.stat(path).st_mtime_ns == modified:  # not written by this build
                    os.unlink(path)
            except OSError:
                pass
        self.before.clear()
        for folder, _, _ in sorted(os.walk(directory), key=lambda entry: -len(entry[0])):
            if folder != directory:
                try:
                    os.rmdir(folder)  # only succeeds when empty
                except OSError:
                    pass
