"""What one build holds: made by ``on_config``, handed to every step, dropped by the next build."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.corpus import Corpus
from core.forge import Forge
from core.page import Page, PrintLinks
from core.search import Document


@dataclass
class Build:
    corpus: Corpus  # data/, loaded and checked once per build
    forge: Forge | None  # where contributors edit files (extra.forge), None without an address
    pages: dict[str, Page]  # the page registry (core/site.py), by src_uri
    docs: str  # the hand-written pages' folder, relative to the repository ("docs")
    print_links: dict[str, PrintLinks]  # footers and links of the pages that print, by URL
    search_texts: list[Document] = field(default_factory=list)  # hand-written pages' texts, for the index
    html_blocks: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri -> placeholder -> HTML
