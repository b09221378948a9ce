"""A page of the site as the core hands it to a site generator."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .markup import escape


@dataclass
class Page:
    """One generated page: Markdown with escaped HTML blocks, and where it comes from.

    ``source`` is the file a person edits to change the page (``data/fiches/x.yml``,
    ``data/kits.yml``…), relative to the repository root, or None when the page is made by
    the code alone (a catalogue, a form): its "modifier cette page" link is then left out.
    ``menu`` says where the page belongs in the navigation: None (out of it: records and facet
    values, thousands of pages), ``""`` (top level) or the title of a section (``"Explorer"``).
    ``mkdocs.yml`` orders the menu; a page it does not list is added at the end of its section.
    """

    src_uri: str  # e.g. "fiches/aller-vers.md"
    url: str  # e.g. "fiches/aller-vers/"
    title: str  # plain text
    body: str  # Markdown with escaped HTML blocks
    meta: dict = field(default_factory=dict)
    source: str | None = None
    menu: str | None = None

    @property
    def in_nav(self) -> bool:
        return self.menu is not None

    @property
    def markdown(self) -> str:
        # Themes print the title unescaped in <title> and headers: it is escaped here, once.
        # JSON is valid YAML front matter, and json.dumps is ten times faster than yaml.safe_dump
        # (5 s of a 2,000-record build).
        front = json.dumps({"title": escape(self.title), **self.meta}, ensure_ascii=False)
        return f"---\n{front}\n---\n\n{self.body}\n"
