"""The glossary page (``/glossaire/``), from ``data/glossaire.yml``: the terms search also expands."""

from __future__ import annotations

from . import urls
from .corpus import Corpus
from .markup import esc
from .page import Page
from .text import anchor, sort_key


def glossary_page(corpus: Corpus) -> Page:
    entries = sorted(corpus.glossary, key=lambda e: sort_key(e["terme"]))
    items = []
    for entry in entries:
        full = f' <span class="glossaire-developpement">({esc(entry["developpement"])})</span>' if entry.get("developpement") else ""
        synonyms = ""
        if entry.get("synonymes"):
            synonyms = (f'<p class="glossaire-synonymes">Autres façons de le chercher : '
                        f'{esc(", ".join(entry["synonymes"]))}</p>')
        items.append(f'<div class="glossaire-entree" id="{anchor(entry["terme"])}"><dt>{esc(entry["terme"])}{full}</dt>'
                     f'<dd><p>{esc(entry["definition"])}</p>{synonyms}</dd></div>')
    body = ('<p class="page-intro">Les sigles et les notions du pouvoir d\'agir et du travail social. La recherche du '
            'site les connaît : chercher « DPA » trouve aussi « développement du pouvoir d\'agir ».</p>\n\n'
            f'<dl class="glossaire">{"".join(items)}</dl>')
    return Page(f"{urls.GLOSSARY.rstrip('/')}.md", urls.GLOSSARY, "Glossaire", f"# Glossaire\n\n{body}", {"render_macros": False},
                source="data/glossaire.yml", menu="")
