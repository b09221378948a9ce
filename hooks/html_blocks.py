"""MkDocs hook: pass the HTML blocks of generated pages through Python-Markdown untouched.

Generated pages (records, catalogues, facet pages) are Markdown headings around
HTML blocks that the core already built and escaped. Python-Markdown would
re-parse every tag of those blocks with its HTML parser only to copy them out
again: about a fifth of a 2,000-record build. Here each self-contained block is
swapped for a placeholder paragraph before conversion and put back after it;
headings stay Markdown, so the table of contents and permalinks are unchanged.
"""

from __future__ import annotations

import hashlib
import re

from mkdocs.plugins import event_priority

_HEADING = re.compile(r"^#{1,6}[ \t]", re.M)
_BLOCK_START = re.compile(r"<(header|div|section|article|h[1-6]|p|ul|ol|dl|table|figure|blockquote|pre)[\s>]")
_BLOCK_END = re.compile(r"</(header|div|section|article|h[1-6]|p|ul|ol|dl|table|figure|blockquote|pre)>$")
# Elements that may hold a line starting with "#": a chunk cut inside one of them is left alone.
_BALANCED = re.compile(r"<(/?)(header|div|section|article|ul|ol|dl|table|figure|blockquote|pre)[\s>]")

_blocks: dict = {}  # page src_uri -> {placeholder: html}


def _token(markdown: str) -> str:
    # Derived from the page's own Markdown, so that a page unchanged gives the same skeleton at every
    # build (hooks/render_cache.py reuses its conversion), and no text can hold its own page's token.
    return f"generatedhtmlblock{hashlib.blake2b(markdown.encode('utf-8'), digest_size=8).hexdigest()}n"


def _self_contained(chunk: str) -> bool:
    if not (_BLOCK_START.match(chunk) and _BLOCK_END.search(chunk)):
        return False
    depth: dict = {}
    for closing, tag in _BALANCED.findall(chunk):
        depth[tag] = depth.get(tag, 0) + (-1 if closing else 1)
    return not any(depth.values())


def _stash(markdown: str) -> tuple[str, dict]:
    """Replace each self-contained HTML chunk between headings with a placeholder paragraph."""
    starts = [0] + [m.start() for m in _HEADING.finditer(markdown)] + [len(markdown)]
    parts, blocks, prefix = [], {}, _token(markdown)
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


@event_priority(-100)  # last: other plugins still see the whole Markdown
def on_page_markdown(markdown, /, *, page, config, files):
    if page.file.generated_by is None:
        return None  # hand-written pages are left to Markdown as they are
    skeleton, blocks = _stash(markdown)
    if not blocks:
        return None
    _blocks[page.file.src_uri] = blocks
    return skeleton


@event_priority(100)  # first: other plugins see the whole HTML
def on_page_content(html, /, *, page, config, files):
    blocks = _blocks.pop(page.file.src_uri, None)
    if not blocks:
        return None
    for token, block in blocks.items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html
