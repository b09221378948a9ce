"""``html()`` and ``join()`` for the page builders, escaping as ``core.markup.esc`` does.

``core.markup.html()`` escapes with MarkupSafe (``&#39;``, ``&#34;``) where the site has always
written ``&#x27;`` and ``&quot;`` (``core.markup.esc``, ``html.escape``): until the project keeps
one of the two, the page builders build their fragments here, so that the site stays the same
byte for byte. Switching to MarkupSafe's escaping is replacing this module's body by
``from ..markup import html, join``.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..markup import esc


class _Html(Markup):
    """Markup whose texts are escaped by ``core.markup.esc``."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> _Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(esc(s))


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """An HTML fragment: ``template`` is trusted, every argument is escaped unless it is ``Markup``."""
    return _Html(template).format(*args, **kwargs)


def join(parts: Iterable[str], separator: str = "") -> Markup:
    """Fragments and texts joined into one fragment (texts escaped)."""
    return _Html(separator).join(parts)


__all__ = ["Markup", "html", "join"]
