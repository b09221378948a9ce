"""HTML snippets for hand-written pages: key figures, chapters, record lists, field docs."""

from __future__ import annotations

from .corpus import Corpus
from .markup import esc, md_inline, rel_url
from .render.components import cards
from .schema import COLLECTIONS, FACETS_BY_NAME, facet_values
from .text import sort_key


def _number(value) -> str:
    # French thousands separator: a narrow no-break space (131 223).
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else esc(value)


def key_figures(corpus: Corpus) -> str:
    items = "".join(
        f'<div class="chiffre"><p class="chiffre-valeur">{_number(c["valeur"])}</p>'
        f'<p class="chiffre-libelle">{esc(c["libelle"])}</p>'
        f'<p class="chiffre-source">({esc(c["source"])}, {esc(c["annee"])})</p></div>' for c in corpus.figures)
    return f'<div class="chiffres">{items}</div>'


def axes(corpus: Corpus, here: str) -> str:
    """The chapters of the engagement (the ``axe`` facet), with their descriptions and counts."""
    facet = FACETS_BY_NAME["axe"]
    items = []
    for axe, label in facet.labels(corpus.vocabularies).items():
        count = sum(1 for r in corpus.resources() if axe in facet.values(r))
        items.append(f'<div class="axe axe-{axe}"><h3><a href="{esc(rel_url(here, f"{facet.folder}/{axe}/"))}">{esc(label)}</a></h3>'
                     f'<p>{esc(facet.description(corpus.vocabularies, axe))}</p>'
                     f'<p class="count">{count} ressource{"s" if count > 1 else ""}</p></div>')
    return f'<div class="axes">{"".join(items)}</div>'


def entry_points(entries, here: str, exists) -> str:
    """The home page's ways in: a link per (url, title, text) whose page ``exists(url)`` in the build.

    A page still to come (another branch, a feature not merged yet) is simply left out, so the
    home page never links to a page that does not exist and the entry appears once it does.
    """
    items = [f'<li class="entree"><a href="{esc(rel_url(here, url))}"><span class="entree-titre">{esc(title)}</span>'
             f'<span class="entree-texte">{esc(text)}</span></a></li>' for url, title, text in entries if exists(url)]
    return f'<ul class="entrees">{"".join(items)}</ul>' if items else ""


def record_list(corpus: Corpus, here: str, collection=None, limit=None, **filters) -> str:
    records = [r for r in corpus.resources() if collection in (None, r.collection)]
    for name, value in filters.items():
        records = [r for r in records if value in facet_values(r).get(name, [])]
    records = sorted(records, key=lambda r: sort_key(r.title))
    return cards(corpus, records[: int(limit)] if limit else records, here)


def count(corpus: Corpus, collection=None) -> int:
    return sum(1 for r in (corpus.records[collection].values() if collection else corpus.resources()))


def field_reference(collection: str) -> str:
    """A table of every field, its type, whether it is required and what it means."""
    rows = [f'<tr><td><code>{esc(key)}</code></td><td>{esc(spec.label)}</td><td>{"oui" if spec.required else "non"}</td>'
            f'<td>{md_inline(spec.type.doc)}</td><td>{esc(spec.help)}</td></tr>'
            for key, spec in COLLECTIONS[collection].walk()]
    return ('<table class="field-reference"><thead><tr><th>Clé</th><th>Nom</th><th>Obligatoire</th><th>Type</th>'
            f'<th>Signification</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def vocabulary_table(corpus: Corpus, name: str) -> str:
    rows = "".join(f"<tr><td><code>{esc(t.id)}</code></td><td>{esc(t.label)}</td><td>{esc(t.description)}</td></tr>"
                   for t in corpus.vocabularies[name].values())
    return f'<table><thead><tr><th>Identifiant</th><th>Libellé</th><th>Description</th></tr></thead><tbody>{rows}</tbody></table>'
