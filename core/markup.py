"""Turn contributed text into inert HTML: plain text escaped, Markdown without raw HTML.

Safe HTML is a type: ``Markup`` (MarkupSafe, which Jinja already brings). A ``str`` is text and is
escaped when it meets HTML; a ``Markup`` is HTML and is kept. Build fragments with ``html()``, whose
template is trusted and whose arguments are escaped unless they are ``Markup`` themselves, and join
them with ``join()``: escaping is then a property of the type, not of the caller's memory.
"""

from __future__ import annotations

import html as _html
import posixpath
import sys

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from . import cache

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def esc(text) -> str:
    """Escape plain text for HTML (quotes included: values also go into attributes)."""
    return _html.escape(str(text), quote=True)


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """An HTML fragment: ``template`` is trusted, every argument is escaped unless it is ``Markup``."""
    return Markup(template).format(*args, **kwargs)


def join(parts, separator: str = "") -> Markup:
    """Fragments and texts joined into one fragment (texts escaped)."""
    return Markup(separator).join(parts)


__all__ = ["Markup", "escape", "esc", "html", "join", "md", "md_inline", "rel_url"]


class _Demote(Treeprocessor):
    """Headings inside a field sit under the page's own h2/h3; images never load from outside."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                element.tag = f"h{min(6, int(element.tag[1]) + 3)}"
            if element.tag == "img":
                element.tag = "span"
                element.text = element.get("alt", "")
                element.attrib.clear()


class _SafeMarkdown(markdown.Extension):
    def extendMarkdown(self, md):
        # Raw HTML is shown as text, never interpreted (docs-dev/format.md: Markdown fields never render HTML).
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Demote(md), "demote", 0)


def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables", _SafeMarkdown()], output_format="html")


_MD = _new_markdown()


def _relative_only(tag: str, attribute: str, value: str):
    """Drop links that only look relative: ``//host``, ``/\\host`` and ``\\host`` lead to another
    server, ``/path`` leaves the site when it is published under a sub-path."""
    if attribute == "href" and (value.lstrip().startswith(("/", "\\")) or "\\" in value):
        return None
    return value


def _md(text: str) -> str:
    """Render a Markdown field to sanitised HTML (uncached: see ``md``)."""
    global _MD
    _MD.reset()
    try:
        rendered = _MD.convert(text or "")
    except RecursionError:  # the schema refuses such texts; never let one stop a build with a traceback
        # An interrupted conversion leaves the instance's parsers half-way: start from a new one.
        _MD = _new_markdown()
        rendered = f"<p>{esc(text)}</p>"
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer", attribute_filter=_relative_only)


# Build cache (issue 16): the same text gives the same HTML as long as this module and the two
# libraries are unchanged; their source and versions are the table's version stamp.
_MD_VERSION = cache.code_stamp(sys.modules[__name__], "markdown", "nh3")
md = cache.memoised("markdown", _MD_VERSION, _md)
md.__doc__ = "Render a Markdown field to sanitised HTML (reused from the build cache when already rendered)."


def md_inline(text: str) -> str:
    """Render one-line Markdown (list items) without the surrounding paragraph."""
    rendered = md(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs (``pratiques/a/`` -> ``../../fiches/b/``)."""
    start = from_url.rstrip("/") or "."
    if ".." in from_url or ".." in to_url or from_url.startswith("/") or to_url.startswith("/"):
        target = posixpath.relpath(to_url or ".", start)
    else:
        # Same result as posixpath.relpath without its abspath()/getcwd() calls (50,000 links per build).
        here = [part for part in start.split("/") if part not in ("", ".")]
        there = [part for part in (to_url or ".").split("/") if part not in ("", ".")]
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        target = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if target == ".":
        return "./"
    is_dir = to_url == "" or to_url.endswith("/")
    return target + "/" if is_dir else target
