"""HTML snippets for hand-written pages: key figures, chapters, record lists, field docs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from . import urls
from .corpus import Corpus
from .markup import Markup, html, join, md_inline, rel_url
from .render.components import cards
from .schema import COLLECTIONS, FACETS_BY_NAME, facet_values
from .text import sort_key


def _number(value: object) -> str:
    # French thousands separator: a narrow no-break space (131 223).
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else str(value)


def key_figures(corpus: Corpus) -> Markup:
    items = join(
        html('<div class="chiffre"><p class="chiffre-valeur">{}</p><p class="chiffre-libelle">{}</p>'
             '<p class="chiffre-source">({}, {})</p></div>', _number(c["valeur"]), c["libelle"], c["source"], c["annee"])
        for c in corpus.figures)
    return html('<div class="chiffres">{}</div>', items)


def axes(corpus: Corpus, here: str) -> Markup:
    """The chapters of the engagement (the ``axe`` facet), with their descriptions and counts."""
    facet = FACETS_BY_NAME["axe"]
    items = []
    for axe, label in facet.labels(corpus.vocabularies).items():
        count = sum(1 for r in corpus.resources() if axe in facet.values(r))
        items.append(html('<div class="axe axe-{}"><h3><a href="{}">{}</a></h3><p>{}</p>'
                          '<p class="count">{} ressource{}</p></div>',
                          axe, rel_url(here, urls.facet_value(facet.folder, axe)), label,
                          facet.description(corpus.vocabularies, axe), count, "s" if count > 1 else ""))
    return html('<div class="axes">{}</div>', join(items))


def entry_points(entries: Iterable[Sequence[str]], here: str, exists: Callable[[str], bool]) -> Markup:
    """The home page's ways in: a link per [url, title, text] (lists: a Markdown page's macro sends them)
    whose page ``exists(url)`` in the build.

    A page still to come (another branch, a feature not merged yet) is simply left out, so the
    home page never links to a page that does not exist and the entry appears once it does.
    """
    items = [html('<li class="entree"><a href="{}"><span class="entree-titre">{}</span>'
                  '<span class="entree-texte">{}</span></a></li>', rel_url(here, url), title, text)
             for url, title, text in entries if exists(url)]
    return html('<ul class="entrees">{}</ul>', join(items)) if items else Markup()


def record_list(corpus: Corpus, here: str, collection: str | None = None, limit: int | str | None = None,
                **filters: str) -> Markup:
    records = [r for r in corpus.resources() if collection in (None, r.collection)]
    for name, value in filters.items():
        records = [r for r in records if value in facet_values(r).get(name, [])]
    records = sorted(records, key=lambda r: sort_key(r.title))
    return Markup(cards(corpus, records[: int(limit)] if limit else records, here))  # core.pages: HTML


def count(corpus: Corpus, collection: str | None = None) -> int:
    return sum(1 for r in (corpus.records[collection].values() if collection else corpus.resources()))


def field_reference(collection: str) -> Markup:
    """A table of every field, its type, whether it is required and what it means."""
    rows = join(html('<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
                     key, spec.label, "oui" if spec.required else "non", md_inline(spec.type.doc), spec.help)
                for key, spec in COLLECTIONS[collection].walk())
    return html('<table class="field-reference"><thead><tr><th>Clé</th><th>Nom</th><th>Obligatoire</th><th>Type</th>'
                '<th>Signification</th></tr></thead><tbody>{}</tbody></table>', rows)


def vocabulary_table(corpus: Corpus, name: str) -> Markup:
    rows = join(html("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>", t.id, t.label, t.description)
                for t in corpus.vocabularies[name].values())
    return html('<table><thead><tr><th>Identifiant</th><th>Libellé</th><th>Description</th></tr></thead>'
                '<tbody>{}</tbody></table>', rows)
