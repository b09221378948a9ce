"""The HTML blocks of generated pages passed through Python-Markdown untouched.

Generated pages (records, catalogues, facet pages) are Markdown headings around HTML blocks that
the core already built and escaped. Python-Markdown would re-parse every tag of those blocks with
its HTML parser only to copy them out again: about a fifth of a 2,000-record build. :func:`stash`
(``on_page_markdown``, after mkdocs-macros) swaps each self-contained block for a placeholder
paragraph before conversion and :func:`restore` (``on_page_content``, first) puts it back;
headings stay Markdown, so the table of contents and permalinks are unchanged.
"""

from __future__ import annotations

import hashlib
import re

from mkdocs.structure.pages import Page

_HEADING = re.compile(r"^#{1,6}[ \t]", re.M)
_BLOCK_START = re.compile(r"<(header|div|section|article|h[1-6]|p|ul|ol|dl|table|figure|blockquote|pre)[\s>]")
_BLOCK_END = re.compile(r"</(header|div|section|article|h[1-6]|p|ul|ol|dl|table|figure|blockquote|pre)>$")
# Elements that may hold a line starting with "#": a chunk cut inside one of them is left alone.
_BALANCED = re.compile(r"<(/?)(header|div|section|article|ul|ol|dl|table|figure|blockquote|pre)[\s>]")


def _token(markdown: str) -> str:
    # Derived from the page's own Markdown, so that a page unchanged gives the same skeleton at every
    # build (the render cache of speed.py reuses its conversion), and no text can hold its own page's token.
    return f"generatedhtmlblock{hashlib.blake2b(markdown.encode('utf-8'), digest_size=8).hexdigest()}n"


def _self_contained(chunk: str) -> bool:
    if not (_BLOCK_START.match(chunk) and _BLOCK_END.search(chunk)):
        return False
    depth: dict[str, int] = {}
    for closing, tag in _BALANCED.findall(chunk):
        depth[tag] = depth.get(tag, 0) + (-1 if closing else 1)
    return not any(depth.values())


def _split(markdown: str) -> tuple[str, dict[str, str]]:
    """Replace each self-contained HTML chunk between headings with a placeholder paragraph."""
    starts = [0] + [m.start() for m in _HEADING.finditer(markdown)] + [len(markdown)]
    parts: list[str] = []
    blocks: dict[str, str] = {}
    prefix = _token(markdown)
    for begin, end in zip(starts, starts[1:]):
        piece = markdown[begin:end]
        heading = ""
        if _HEADING.match(piece):
            heading, _, piece = piece.partition("\n")
            heading += "\n"
        chunk = piece.strip()
        if chunk and _self_contained(chunk):
            token = f"{prefix}{len(blocks)}"
            blocks[token] = chunk
            piece = f"\n{token}\n\n"
        parts.append(heading + piece)
    return "".join(parts), blocks


def stash(markdown: str, page: Page, stashed: dict[str, dict[str, str]]) -> str | None:
    """The Markdown to convert (None: unchanged); the blocks taken out go to ``stashed``."""
    if page.file.generated_by is None:
        return None  # hand-written pages are left to Markdown as they are
    skeleton, blocks = _split(markdown)
    if not blocks:
        return None
    stashed[page.file.src_uri] = blocks
    return skeleton


def restore(html: str, page: Page, stashed: dict[str, dict[str, str]]) -> str:
    blocks = stashed.pop(page.file.src_uri, None)
    if not blocks:
        return html
    for token, block in blocks.items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html
