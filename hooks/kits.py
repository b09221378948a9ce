"""MkDocs hook: the kits pages (predefined kits and "mon kit"), thin adapter over ``core.kits``."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import corpus as corpus_module  # noqa: E402  (needs ROOT on sys.path)
from core.kits import kit_pages  # noqa: E402


def on_files(files, /, *, config):
    corpus = corpus_module.load_cached(Path(config.config_file_path).resolve().parent, check=False)
    for page in kit_pages(corpus):
        inclusion = InclusionLevel.UNDEFINED if page.src_uri.endswith("index.md") else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    return files


def on_page_context(context, /, *, page, config, nav):
    # hooks/records.py points hand-written pages at docs/<page>; kits are written in data/kits.yml.
    if page.file.src_uri == "kits/index.md" and page.edit_url:
        page.edit_url = page.edit_url.replace("docs/kits/index.md", "data/kits.yml")
    elif page.file.src_uri == "kits/mon-kit.md":
        page.edit_url = None
    return context
