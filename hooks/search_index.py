"""MkDocs hook: the search index, the glossary and the catalogue (thin adapter over ``core``).

Pages (records, hand-written pages, the glossary) are collected during the build and the
index is written once, in ``on_post_build``, to ``search/recherche.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import corpus as corpus_module  # noqa: E402  (needs ROOT on sys.path)
from core import search  # noqa: E402
from core.catalogue import LIST_URLS, catalogue_page, filters_form  # noqa: E402
from core.glossary import glossary_page  # noqa: E402
from core.pages import kind_label  # noqa: E402
from core.problems import DataError  # noqa: E402

INDEX_PATH = "search/recherche.json"

_state: dict = {}


def on_config(config, **kwargs):
    try:
        corpus = corpus_module.load_cached(Path(config.config_file_path).resolve().parent, check=False)
    except DataError:
        return None  # hooks/records.py reports every problem and stops the build
    _state.update(corpus=corpus, pages=[glossary_page(corpus), catalogue_page(corpus)], texts=[])
    return None


def on_files(files, /, *, config):
    for page in _state.get("pages", []):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.UNDEFINED))
    return files


def on_env(env, /, *, config, files):
    env.globals["centre_filtres"] = filters_form(_state["corpus"]) if "corpus" in _state else ""
    env.globals["centre_listes"] = LIST_URLS
    return env


def on_page_markdown(markdown, /, *, page, config, files):
    # Material's own index (search_index.json) is never downloaded: our box replaces its box. Keep
    # every page out of it, or the stock plugin spends a quarter of the build re-indexing them.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return None


def on_page_content(html, /, *, page, config, files):
    # Records are indexed from their data; list pages (catalogues, facets) would match everything.
    if page.meta.get("record") or page.meta.get("template") == "catalogue.html" or "texts" not in _state:
        return None
    _state["texts"].append(search.page_document(page.url, page.title or "", html))
    return None


def on_post_build(*, config):
    corpus = _state.get("corpus")
    if corpus is None:
        return
    documents = [search.record_document(corpus, r, kind_label(r)) for r in corpus.all_records()]
    documents += sorted(_state["texts"], key=lambda d: d.url)
    data = search.payload(documents, search.Glossary.from_entries(corpus.glossaire))
    target = Path(config.site_dir) / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    # ASCII only (accents as \u escapes, 3 % larger): the browser decodes it into a one-byte
    # string, 2-4 times faster than UTF-8 text with accents (40-100 ms at 2,000 records).
    target.write_text(json.dumps(data, ensure_ascii=True, separators=(",", ":")), encoding="ascii")
