"""Open data and the Atom feed (``core/opendata.py``, ``core/feed.py``): the files, and the feed's
``<link>`` in every page's head.

- :func:`add_feed_link` (``on_page_context``): the head's feed link (``overrides/main.html`` writes
  it with the record's JSON-LD, which the page registry put in the page's front matter);
- :func:`write` (``on_post_build``): ``donnees/ressources.csv``, ``donnees/ressources.json``,
  ``donnees/schema.json`` and ``nouveautes.xml``, written once into the site folder, like the
  search index. Without ``site_url`` the addresses in them are relative to the site (logged).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.templates import TemplateContext

from core import feed, opendata, urls

from .state import Build

log = logging.getLogger("mkdocs.plugins.centre")


def add_feed_link(context: TemplateContext) -> None:
    context["centre_flux"] = feed.head_link(context.get("base_url", ""))  # type: ignore[typeddict-unknown-key]


def write(build: Build, config: MkDocsConfig) -> None:
    site_url = config.site_url or ""
    if not site_url:
        log.info("Données ouvertes et flux Atom : site_url est vide, leurs adresses sont relatives au site "
                 "(indiquez SITE_URL pour des adresses complètes)")
    files = dict(opendata.data_files(build.corpus, site_url))
    files[urls.FEED] = feed.feed_xml(build.corpus, site_url, config.site_name)
    for name, content in files.items():
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
