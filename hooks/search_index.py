"""MkDocs hook: the search index (thin adapter over ``core.search``).

Pages (records, hand-written pages, the glossary) are collected during the build and the
index is written once, in ``on_post_build``, to ``search/recherche.json``, with the files it
names: the texts for snippets (``search/textes-<hash>.json``) and the postings in shards
(``search/postings-<hash>.json``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from core import cache, search, search_tokens, text, urls
from core import corpus as corpus_module
from core.memo import Memo
from core.problems import DataError

FOLDER = urls.SEARCH.rstrip("/")
INDEX_PATH = urls.SEARCH_INDEX

_state: dict = {}

# Under make serve (CENTRE_SERVE), the tokens and snippet texts of every document are kept from
# one rebuild to the next: after an edit, only the edited record's texts are tokenised again.
# (MkDocs loads a hook module once per process, so this survives the rebuilds of make serve.)
_memo = Memo() if os.environ.get("CENTRE_SERVE") else None


def on_config(config, **kwargs):
    try:
        corpus = corpus_module.load_cached(Path(config.config_file_path).resolve().parent, check=False)
    except DataError:
        return None  # hooks/site.py reports every problem and stops the build
    _state.update(corpus=corpus, texts=[])
    if _memo is not None:
        _memo.new_build()
    return None


def on_page_markdown(markdown, /, *, page, config, files):
    # Material's own index (search_index.json) is never downloaded: our box replaces its box. Keep
    # every page out of it, or the stock plugin spends a quarter of the build re-indexing them.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return None


def on_page_content(html, /, *, page, config, files):
    # Records are indexed from their data; list pages (catalogues, facets) would match everything.
    # Pages that gather the records' words (nouveautés, observatory: meta "search_index": false) too.
    if page.meta.get("record") or page.meta.get("template") == "catalogue.html" or "texts" not in _state \
            or page.meta.get("search_index") is False:
        return None
    _state["texts"].append(search.page_document(page.url, page.title or "", html))
    return None


def on_post_build(*, config):
    corpus = _state.get("corpus")
    if corpus is None:
        return
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _site_files(corpus, _state["texts"]).items():
        (folder / name).write_text(content, encoding="ascii")


# --- build cache (issue 16) -------------------------------------------------------------------
# The index and its texts depend only on the documents they are built from, the glossary and the
# code of core/search.py and core/search_tokens.py (and the folding of core/text.py they use): hashed
# together, that is the key.
_VERSION = cache.code_stamp(search, search_tokens, text, "lunr")


def _site_files(corpus, pages) -> dict[str, str]:
    documents = search.site_documents(corpus, pages)
    key = cache.digest(_VERSION, json.dumps([dataclasses.astuple(d) for d in documents], ensure_ascii=False),
                       json.dumps(corpus.glossary, ensure_ascii=False, sort_keys=True, default=str))
    store = cache.shared()
    payload = store.get("search", key)
    if payload is not None:
        try:
            return json.loads(payload)
        except ValueError:
            store.damaged.append(f"search/{key}")
    files = search.site_files(corpus, pages, documents, _memo)
    store.put("search", key, json.dumps(files).encode("ascii"))
    return files
