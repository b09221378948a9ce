"""The glossary page (``/glossaire/``), from ``data/glossaire.yml``: the terms search also expands."""

from __future__ import annotations

from . import urls
from .corpus import Corpus
from .markup import Markup, html, join
from .page import Page
from .text import anchor, sort_key


def glossary_page(corpus: Corpus) -> Page:
    entries = sorted(corpus.glossary, key=lambda e: sort_key(e["terme"]))
    items = []
    for entry in entries:
        full = (html(' <span class="glossaire-developpement">({})</span>', entry["developpement"])
                if entry.get("developpement") else Markup())
        synonyms = (html('<p class="glossaire-synonymes">Autres façons de le chercher : {}</p>', ", ".join(entry["synonymes"]))
                    if entry.get("synonymes") else Markup())
        items.append(html('<div class="glossaire-entree" id="{}"><dt>{}{}</dt><dd><p>{}</p>{}</dd></div>',
                          anchor(entry["terme"]), entry["terme"], full, entry["definition"], synonyms))
    body = html('# Glossaire\n\n<p class="page-intro">Les sigles et les notions du pouvoir d\'agir et du travail social. '
                'La recherche du site les connaît : chercher « DPA » trouve aussi « développement du pouvoir d\'agir ».</p>'
                '\n\n<dl class="glossaire">{}</dl>', join(items))
    return Page(f"{urls.GLOSSARY.rstrip('/')}.md", urls.GLOSSARY, "Glossaire", body, {"render_macros": False},
                source="data/glossaire.yml", menu="")
