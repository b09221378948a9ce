"""The ``centre`` MkDocs plugin: the core's site handed to MkDocs, its events in the order they run.

Listed last in mkdocs.yml ``plugins:``, after ``search`` (Material's) and ``macros``. Each event
method calls the steps in the order written; ``event_priority`` places a whole event before or
after the other plugins where that matters (said at each). Per-build state lives in
``self.build`` (made by ``on_config``, the corpus loaded once and handed to every step); what
lives longer (one ``mkdocs serve``) is ``self.speed``, made by ``on_startup``.

This module imports no ``core`` name at run time and calls the steps through their modules, so
that :func:`centre_mkdocs.preview.reload_code` can give ``make serve`` the current code.
"""

from __future__ import annotations

import logging
from typing import Literal

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import cache_report, html_blocks, opendata, pages, pdfs, preview, search_index, speed, theme_files, typography
from .state import Build

log = logging.getLogger("mkdocs.plugins.centre")


class CentreConfig(Config):
    # False: Material's own search index is left as the stock plugin makes it, and ours is not
    # written (scripts/bench_search.py compares the two).
    search_index = config_options.Type(bool, default=True)


class CentrePlugin(BasePlugin[CentreConfig]):
    def __init__(self) -> None:
        self.build: Build | None = None
        self.speed = speed.Speed()
        self.serving = False
        self.builds = 0  # builds started by this plugin object (several under mkdocs serve)
        self.code: dict[str, int] = {}  # the code's files when it was loaded (mkdocs serve)

    def _build(self) -> Build:
        if self.build is None:
            raise RuntimeError("centre: on_config has not run")
        return self.build

    # --- once per command -----------------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this object for every rebuild of mkdocs serve.
        self.serving = command == "serve"
        self.speed = speed.Speed(self.serving)
        self.speed.start()
        self.builds = 0
        self.code = preview.code_state() if self.serving else {}

    def on_shutdown(self) -> None:
        self.speed.stop()

    # --- each build, in order -------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # After search's and macros' on_config (listed before): neither reads data/ there.
        if self.serving and self.builds:
            self.code = preview.reload_if_changed(self.code)  # make serve: an edit of core/ shows
        self.builds += 1
        self.build = None
        cache_report.start()
        self.speed.new_build()
        self.build = pages.load(config, self.serving)  # data/ checked: any problem stops here, nothing written
        pages.complete_nav(config, self.build)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        files = pages.register(files, config, self._build())
        theme_files.leave_out_source_maps(files)
        self.speed.load_render_cache(config, files)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.speed.use_compiled_templates(env)  # first: before any template is compiled
        pages.add_globals(env, self._build())
        self.speed.memoise_menus(env)
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        self.speed.render_through_cache(page)
        return page

    @event_priority(-100)  # after mkdocs-macros: the blocks are taken out of the final Markdown
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.search_index:
            search_index.leave_theme_index(page)
        return html_blocks.stash(markdown, page, self._build().html_blocks)

    @event_priority(100)  # first: any other plugin sees the whole HTML
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = html_blocks.restore(html, page, self._build().html_blocks)
        if self.config.search_index:
            search_index.collect(self._build(), page, html)
        return html

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        pages.edit_link(page, self._build())
        pdfs.add_print_links(context, page, self._build())
        opendata.add_feed_link(context)
        return context

    @event_priority(-100)  # last: every other plugin has written its part of the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return typography.typeset(output, self.speed.typography_memo)

    @event_priority(-100)  # last, as on_post_page
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        # Pages built from a theme template alone (404.html); sitemap.xml and the like are no text.
        return typography.typeset(output_content, self.speed.typography_memo) if template_name.endswith(".html") else None

    @event_priority(-100)  # last: after Material's search index and mkdocs-macros
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self._build()
        pdfs.write(build, config, self.serving)
        if self.config.search_index:
            search_index.write(build, config.site_dir, self.speed.search_memo)
        opendata.write(build, config)
        self.speed.store_render_cache()
        cache_report.finish()  # the cache's tables written, its summary logged
        self.speed.delete_stale(config.site_dir)  # make serve: files this build did not write again
