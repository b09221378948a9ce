"""The site's search index (``core/search.py``): ``search/recherche.json`` and the files it names.

Hand-written pages and the glossary are collected as they are built (:func:`collect`); records are
indexed from their data. :func:`write` (``on_post_build``) writes the index once, with the texts for
snippets (``search/textes-<hash>.json``) and the postings in shards (``search/postings-<hash>.json``),
from the build cache when no document changed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from mkdocs.structure.pages import Page

from core import cache, search, search_tokens, text
from core.corpus import Corpus
from core.memo import Memo

from .state import Build

FOLDER = "search"
INDEX_PATH = f"{FOLDER}/{search.INDEX_FILE}"


def leave_theme_index(page: Page) -> None:
    """Material's own index (search_index.json) is never downloaded: our box replaces its box. Every
    page is kept out of it, or the stock plugin spends a quarter of the build re-indexing them."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def collect(build: Build, page: Page, html: str) -> None:
    registered = build.pages.get(page.file.src_uri)
    if registered is not None and not registered.searchable:
        return  # the registry says: records are indexed from their data, lists would match everything
    build.search_texts.append(search.page_document(page.url, page.title or "", html))


def write(build: Build, site_dir: str, memo: Memo | None) -> None:
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _site_files(build.corpus, build.search_texts, memo).items():
        (folder / name).write_text(content, encoding="ascii")


# The index and its texts depend only on the documents they are built from, the glossary and the
# code of core/search.py (and the folding of core/text.py it uses): hashed together, that is the key.
_VERSION = cache.code_stamp(search, search_tokens, text, "lunr")


def _site_files(corpus: Corpus, pages: list[search.Document], memo: Memo | None) -> dict[str, str]:
    documents = search.site_documents(corpus, pages)
    key = cache.digest(_VERSION, json.dumps([dataclasses.astuple(d) for d in documents], ensure_ascii=False),
                       json.dumps(corpus.glossary, ensure_ascii=False, sort_keys=True, default=str))
    store = cache.shared()
    payload = store.get("search", key)
    if payload is not None:
        try:
            files: dict[str, str] = json.loads(payload)
            return files
        except ValueError:
            store.damaged.append(f"search/{key}")
    files = search.site_files(corpus, pages, documents, memo)
    store.put("search", key, json.dumps(files).encode("ascii"))
    return files
