"""MkDocs hook: the files of open data and the Atom feed (thin adapter over ``core.opendata`` and
``core.feed``); the feed's ``<link>`` in every page's head.

- ``on_page_context``: the head's feed link (``overrides/main.html`` writes it with the record's
  JSON-LD, which the page registry put in the page's front matter);
- ``on_post_build``: ``donnees/ressources.csv``, ``donnees/ressources.json``,
  ``donnees/schema.json`` and ``nouveautes.xml``, written once into the site folder, like the
  search index. Without ``site_url`` the addresses in them are relative to the site (logged).
"""

from __future__ import annotations

import logging
from pathlib import Path

from core import corpus as corpus_module
from core import feed, opendata, urls
from core.problems import DataError

log = logging.getLogger("mkdocs.hooks.opendata")


def _corpus(config):
    try:
        # Already loaded and checked by hooks/site.py (listed first); this is the cached object.
        return corpus_module.load_cached(Path(config.config_file_path).resolve().parent, check=False)
    except DataError:
        return None  # hooks/site.py reports every problem and stops the build


def on_page_context(context, /, *, page, config, nav):
    context["centre_flux"] = feed.head_link(context.get("base_url", ""))
    return context


def on_post_build(*, config):
    corpus = _corpus(config)
    if corpus is None:
        return
    site_url = config.site_url or ""
    if not site_url:
        log.info("Données ouvertes et flux Atom : site_url est vide, leurs adresses sont relatives au site "
                 "(indiquez SITE_URL pour des adresses complètes)")
    files = dict(opendata.data_files(corpus, site_url))
    files[urls.FEED] = feed.feed_xml(corpus, site_url, config.site_name)
    for name, content in files.items():
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
