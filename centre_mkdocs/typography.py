"""French typography on every built page (``core/typography.py``), one pass over the finished HTML.

Last of all (``on_post_page``, ``on_post_template``), so the header, the navigation, the footer,
macros, hand-written pages, record pages and catalogue cards are all covered, whatever template or
step wrote them. Sources keep ordinary spaces; only what the reader gets changes.
"""

from __future__ import annotations

from core import typography
from core.memo import Memo


def typeset(html: str, memo: Memo | None = None) -> str:
    """``memo`` (make serve, speed.py): a page whose HTML did not change since the last rebuild gets
    its typeset HTML back from memory (``typography.html()`` is a pure function of the page)."""
    if memo is None:
        return typography.html(html)
    typeset_html: str = memo.of_text(typography.html, html)
    return typeset_html
