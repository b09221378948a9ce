"""MkDocs hook: French typography on every built page (thin adapter over ``core.typography``).

One pass over the finished HTML of each page, last of all, so the header, the navigation, the
footer, macros, hand-written pages, record pages and catalogue cards are all covered, whatever
template or hook wrote them. Sources keep ordinary spaces; only what the reader gets changes.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from core import typography


@event_priority(-100)  # last: every other hook and plugin has written its part of the page
def on_post_page(output, /, *, page, config):
    return typography.html(output)


@event_priority(-100)
def on_post_template(output_content, /, *, template_name, config):
    # Pages built from a theme template alone (404.html); sitemap.xml and the like are no text.
    return typography.html(output_content) if template_name.endswith(".html") else None
