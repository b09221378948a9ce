"""MkDocs hook: French typography on every built page (thin adapter over ``core.typography``).

One pass over the finished HTML of each page, last of all, so the header, the navigation, the
footer, macros, hand-written pages, record pages and catalogue cards are all covered, whatever
template or hook wrote them. Sources keep ordinary spaces; only what the reader gets changes.
"""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority

from core import typography
from core.memo import Memo

# Under make serve (CENTRE_SERVE), a page whose HTML did not change since the last rebuild gets
# its typeset HTML back from memory (typography.html() is a pure function of the page).
_memo = Memo() if os.environ.get("CENTRE_SERVE") else None


def _typeset(html: str) -> str:
    return typography.html(html) if _memo is None else _memo.of_text(typography.html, html)


def on_config(config, **kwargs):
    if _memo is not None:
        _memo.new_build()
    return None


@event_priority(-100)  # last: every other hook and plugin has written its part of the page
def on_post_page(output, /, *, page, config):
    return _typeset(output)


@event_priority(-100)
def on_post_template(output_content, /, *, template_name, config):
    # Pages built from a theme template alone (404.html); sitemap.xml and the like are no text.
    return _typeset(output_content) if template_name.endswith(".html") else None
