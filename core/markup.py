"""Turn contributed text into inert HTML: plain text escaped, Markdown without raw HTML.

Safe HTML is a type: ``Markup`` (MarkupSafe's, which Jinja already brings). A ``str`` is text and is
escaped when it meets HTML; a ``Markup`` is HTML and is kept. Build fragments with ``html()``, whose
template is trusted and whose arguments are escaped unless they are ``Markup`` themselves, and join
them with ``join()``: escaping is then a property of the type, not of the caller's memory. A
function that returns HTML returns ``Markup``; a function that takes text takes ``str``.

One escape for the whole core, :func:`escape` (``&``, ``<``, ``>``, ``"`` and ``'``, so that values
may go into attributes): the site's bytes are those ``html.escape`` always gave (``&quot;``,
``&#x27;``), where MarkupSafe's own escape writes ``&#34;`` and ``&#39;``. ``Markup`` here is
MarkupSafe's class with that escape, so ``html()``, ``join()``, ``+`` and ``%`` all use it.
"""

from __future__ import annotations

import html as _html
import json
import posixpath
import re
import sys
from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element

import markdown
import markupsafe
import nh3
from markdown.treeprocessors import Treeprocessor

from . import cache

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


class Markup(markupsafe.Markup):
    """A fragment of safe HTML. What is added to it, joined or formatted into it is escaped by
    :func:`escape` unless it is HTML itself (``Markup``, or anything with ``__html__``)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Markup:  # noqa: D102  (MarkupSafe's hook, see the module's docstring)
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_html.escape(str(s), quote=True))


def escape(text: Any) -> Markup:
    """Text made HTML: ``&``, ``<``, ``>``, ``"`` and ``'`` escaped; HTML (``Markup``) kept as it is."""
    return Markup.escape(text)


def esc(text: Any) -> str:
    """:func:`escape`, as a plain ``str``: for the code that still writes HTML in f-strings."""
    return str(escape(text))


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """An HTML fragment: ``template`` is trusted, every argument is escaped unless it is ``Markup``."""
    return Markup(template).format(*args, **kwargs)


def join(parts: Iterable[str], separator: str = "") -> Markup:
    """Fragments and texts joined into one fragment (texts escaped; ``separator`` is HTML)."""
    return Markup(separator).join(parts)


def json_script(value: object, element_id: str | None = None, kind: str = "application/json",
                compact: bool = True) -> Markup:
    """``value`` as JSON in a ``<script type="{kind}">`` element that no text of the data can end
    or break: ``<``, ``>`` and ``&`` are written as ``\\u`` sequences (no ``</script>``, no
    ``<!--``), and so are U+2028 and U+2029 (line ends for old JavaScript parsers)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":") if compact else None)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    if element_id is None:
        return html('<script type="{}">{}</script>', kind, Markup(text))
    return html('<script type="{}" id="{}">{}</script>', kind, element_id, Markup(text))


__all__ = ["Markup", "escape", "esc", "html", "join", "json_script", "md", "md_inline", "md_page", "rel_url"]


class _Demote(Treeprocessor):
    """Headings inside a field sit under the page's own h2/h3; images never load from outside."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                element.tag = f"h{min(6, int(element.tag[1]) + 3)}"
            if element.tag == "img":
                element.tag = "span"
                element.text = element.get("alt", "")
                element.attrib.clear()


class _SafeMarkdown(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML is shown as text, never interpreted (docs-dev/format.md: Markdown fields never render HTML).
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Demote(md), "demote", 0)


def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables", _SafeMarkdown()], output_format="html")


_MD = _new_markdown()


def _relative_only(tag: str, attribute: str, value: str) -> str | None:
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
        rendered = html("<p>{}</p>", text)
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer", attribute_filter=_relative_only)


# Build cache (issue 16): the same text gives the same HTML as long as this module and the two
# libraries are unchanged; their source and versions are the table's version stamp.
_MD_VERSION = cache.code_stamp(sys.modules[__name__], "markdown", "nh3")
_md_stored = cache.memoised("markdown", _MD_VERSION, _md)


def md(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML (reused from the build cache when already rendered).

    The cache holds plain strings (its entries outlive this code): the type is given on the way out.
    """
    return Markup(_md_stored(text))


def md_inline(text: str) -> Markup:
    """Render one-line Markdown (list items) without the surrounding paragraph."""
    rendered = md(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


_HEADING_TAG = re.compile(r"<(/?)h([4-6])>")


def md_page(text: str) -> Markup:
    """A Markdown text that is a page's whole content (an easy-to-read text, a support's sheet):
    its first heading level is h2, right under the page's h1.

    ``md`` demotes headings to h4-h6 (they sit under a record page's sections); here they move up
    by the same step. ``md`` output is sanitised: heading tags carry no attribute, and a literal
    ``<h4>`` in the text is escaped, so the pattern only meets real tags.
    """
    rendered = md(text)
    levels = [int(level) for _, level in _HEADING_TAG.findall(rendered)]
    if not levels:
        return rendered
    shift = min(levels) - 2
    return Markup(_HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - shift}>", rendered))


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
