"""The built site requests nothing outside itself, on disk and in a real browser."""

from __future__ import annotations

import re

import pytest

EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def _loaded_urls(soup):
    """URLs the browser fetches by itself: scripts, styles, images, icons, frames, media."""
    for tag in soup.find_all(["script", "img", "iframe", "audio", "video", "source", "embed", "object"]):
        for attr in ("src", "data", "srcset"):
            if tag.get(attr):
                yield tag.name, tag[attr]
    for tag in soup.find_all("link"):
        rel = {r.lower() for r in tag.get("rel", [])}
        if rel & {"stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "prefetch", "manifest", "modulepreload"}:
            yield "link", tag.get("href", "")


def test_no_page_loads_anything_from_outside(shipped_site):
    offenders = []
    for page in shipped_site.pages():
        soup = shipped_site.soup(str(page.relative_to(shipped_site.path)))
        offenders += [(page.name, tag, url) for tag, url in _loaded_urls(soup) if EXTERNAL.match(url.strip())]
    assert offenders == []
    for css in shipped_site.path.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?(https?:)?//", text), css


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "fiches/", "fiches/conference-familiale/", "pratiques/collectif-14-rue-michelet/",
                                  "methodologies/qui-quand-comment-associer-les-personnes-concernees/", "engagement/"])
def test_browser_requests_stay_on_the_site(browser, shipped_url, path):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(shipped_url + path, wait_until="networkidle")
    assert page.locator("h1").first.is_visible()
    page.close()
    assert requested, "the page made no request at all"
    outside = [url for url in requested if not url.startswith(shipped_url) and not url.startswith("data:")]
    assert outside == []
    assert failed == []
