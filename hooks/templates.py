"""MkDocs hook: Material's navigation menus rendered once per folder for pages outside the menu.

Material renders the whole menu twice into every page (the tabs and the side/drawer menu): at 2,000
records that was 6 s of a 16 s build (issue 16). For a page that is not in the menu (records, their
easy-to-read pages, supports, facet pages) nothing in the menu is active and every link in it is
relative to the page's folder; pages in the same parent folder at the same depth, e.g. every
``pratiques/<id>/``, therefore get the very same menu HTML. This hook wraps the two templates so that
the first such page of a folder renders them and its siblings reuse the text.

Pages in the menu are always rendered by Material as usual (their own entry is highlighted). The
memo lives in the Jinja environment of one build (``on_env`` runs once per build, ``make serve``
included). ``CENTRE_TEMPLATE_MEMO=off`` turns it off: tests/test_build_cache.py builds a site both
ways and compares every page byte for byte.
"""

from __future__ import annotations

import os

# The partials that depend on the page only through its place in the menu and its relative links.
MEMOISED = ("partials/nav.html", "partials/tabs.html")


def _folder_key(page, nav_urls: frozenset) -> str | None:
    """The memo key of a page outside the menu: its parent folder and depth; None to render normally."""
    if page is None or page.url in nav_urls:
        return None
    url = page.url
    folder, _, leaf = url.rstrip("/").rpartition("/")
    if not url.endswith("/") and "." in leaf:  # e.g. 404.html: links are relative to its folder
        return f"file:{folder}"
    # A menu entry inside the page's own folder would get a link that differs between siblings.
    if any(nav_url.startswith(url) for nav_url in nav_urls):
        return None
    return f"dir:{folder}|{url.count('/')}"


def _memoise(template, store: dict):
    render = template.root_render_func
    nav_urls_by_nav: dict = {}

    def root_render_func(context):
        nav = context.get("nav")
        page = context.get("page")
        if nav is None:
            yield from render(context)
            return
        nav_urls = nav_urls_by_nav.get(id(nav))
        if nav_urls is None:
            nav_urls_by_nav.clear()  # one navigation per build
            nav_urls = nav_urls_by_nav[id(nav)] = frozenset(p.url for p in nav.pages)
        key = _folder_key(page, nav_urls)
        if key is None:
            yield from render(context)
            return
        text = store.get(key)
        if text is None:
            text = store[key] = "".join(render(context))
        yield text

    template.root_render_func = root_render_func


def on_env(env, /, *, config, files):
    if os.environ.get("CENTRE_TEMPLATE_MEMO", "on") == "off":
        return env
    for name in MEMOISED:
        _memoise(env.get_template(name), {})
    return env

