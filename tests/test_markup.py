"""Safe HTML as a type (core/markup.py): text is escaped once, where it meets HTML; HTML fragments
are ``Markup``; the core has one escape (the bytes ``html.escape`` gives), one JSON-in-script
writer and one heading shift; Markdown comes out as ``Markup`` even from the build cache."""

from __future__ import annotations

import html as html_module
import json
import re

import markupsafe
import pytest

from core import markup
from core.markup import Markup, escape, html, join, json_script, md, md_inline, md_page

HOSTILE = "<script>alert(\"x\")</script> & l'« équipe »"


def test_html_escapes_text_arguments_and_keeps_markup():
    fragment = html('<a href="{}" title="{}">{}</a>', 'javascript:"x"', HOSTILE, Markup("<b>gras</b>"))
    assert isinstance(fragment, Markup)
    assert "<script>" not in fragment and "<b>gras</b>" in fragment
    assert 'href="javascript:&quot;x&quot;"' in fragment  # an attribute value cannot be closed


def test_one_escape_with_the_bytes_of_html_escape():
    assert escape(HOSTILE) == html_module.escape(HOSTILE, quote=True)
    assert markup.esc(HOSTILE) == escape(HOSTILE) and type(markup.esc(HOSTILE)) is str
    assert html("{}", HOSTILE) == html_module.escape(HOSTILE, quote=True)
    # Adding or joining text to a fragment escapes it the same way (not MarkupSafe's &#39;).
    assert Markup("<p>") + "l'été" == "<p>l&#x27;été"
    assert join(["l'été", Markup("<br>")], "\n") == "l&#x27;été\n<br>"


def test_markup_from_elsewhere_is_kept():
    assert escape(markupsafe.Markup("<i>x</i>")) == "<i>x</i>"
    assert html("<p>{}</p>", markupsafe.Markup("<i>x</i>")) == "<p><i>x</i></p>"


def test_join_escapes_texts_and_keeps_fragments():
    joined = join([Markup("<li>a</li>"), "<li>b</li>"], "\n")
    assert joined == "<li>a</li>\n&lt;li&gt;b&lt;/li&gt;" and isinstance(joined, Markup)


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- <script>", "a & b > c",
                                  "ligne\u2028paragraphe\u2029fin", "</SCRIPT >"])
def test_json_script_cannot_be_closed_by_its_data(text):
    element = json_script({"texte": text}, "donnees")
    assert isinstance(element, Markup)
    inner = re.fullmatch(r'<script type="application/json" id="donnees">(.*)</script>', element, re.S)
    assert inner, element
    assert not set(inner[1]) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(inner[1]) == {"texte": text}  # the browser reads the same value back


def test_json_script_for_json_ld_keeps_its_spacing():
    assert json_script({"a": [1, 2]}, kind="application/ld+json", compact=False) == \
        '<script type="application/ld+json">{"a": [1, 2]}</script>'


def test_markdown_is_markup_even_when_the_cache_holds_a_plain_string():
    text = "Un *texte* avec <script>alert(1)</script>"
    first, second = md(text), md(text)  # the second comes from the build cache's memo
    assert type(first) is Markup and type(second) is Markup and first == second
    assert "<script>" not in first and "<em>texte</em>" in first
    assert type(md_inline("*un*")) is Markup and md_inline("*un*") == "<em>un</em>"
    # What the memo stores is a plain str (entries outlive the code): md() types it on the way out.
    assert type(markup._md_stored(text)) is str


def test_md_page_moves_the_first_heading_level_to_h2():
    assert md_page("# Titre\n\n## Partie\n\ntexte") == "<h2>Titre</h2>\n<h3>Partie</h3>\n<p>texte</p>"
    assert md_page("## Partie\n\n### Sous-partie") == "<h2>Partie</h2>\n<h3>Sous-partie</h3>"
    assert md_page("Sans titre") == "<p>Sans titre</p>" and type(md_page("x")) is Markup
    # A literal heading tag in the text is escaped by md(), never moved.
    assert "&lt;h4&gt;" in md_page("texte <h4>faux</h4>")
