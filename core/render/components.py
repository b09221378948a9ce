"""The pieces every page is made of: record cards, facts, chips, lists, sections, related records.

How a value is shown when its collection's page module gives no renderer of its own is decided
here, from its declared type (:func:`fact` and :func:`section_body`): a choice or a vocabulary
shows its label, a list of plain texts is a bulleted list, a Markdown text is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import confirm, urls
from ..corpus import Corpus, Record
from ..markup import Markup, html, join, md, rel_url
from ..schema import COLLECTION_SPECS, COLLECTIONS, FACETS, Choice, Integer, ListOf, Number, Text, Type, Vocab, facet_values
from ..text import sort_key
from .usage import card_usage

# What a collection's page module gives for a key it shows in its own way: (corpus, record, value) -> HTML.
Renderer = Callable[[Corpus, Record, Any], Markup]


def label(collection: str, key: str) -> str:
    """The French label of a top-level key, as declared in the schema."""
    return str(COLLECTIONS[collection].fields[key].label)


def heading(collection: str, key: str) -> str:
    """The section title of a key on record pages, as declared in the schema."""
    return str(COLLECTIONS[collection].fields[key].section)


def kind_label(record: Record) -> str:
    """What a record is, in French: « Pratique inspirante », « Fiche outil »."""
    spec = COLLECTION_SPECS[record.collection]
    if spec.kind:
        kind = COLLECTIONS[record.collection].fields[spec.kind].type
        assert isinstance(kind, Choice)
        return str(kind.values[record.data[spec.kind]])
    return spec.one


def to_confirm(short: bool = False) -> Markup:
    """The « à confirmer par l'équipe » mark (core/confirm.py)."""
    return Markup(confirm.mark(short=short))


# --- values shown by their type -------------------------------------------------------------

def plain(corpus: Corpus, kind: Type, value: Any) -> str:
    """A value as French text: the label of a choice or a vocabulary term, lists joined by commas."""
    if isinstance(kind, Choice):
        return str(kind.values[value])
    if isinstance(kind, Vocab):
        return str(corpus.label(kind.name, value))
    if isinstance(kind, ListOf):
        return ", ".join(plain(corpus, kind.item, item) for item in value)
    if isinstance(kind, (Integer, Number)) or (isinstance(kind, Text) and not kind.markdown):
        return str(value)
    raise TypeError(f"no plain text for a {type(kind).__name__}: give the key a renderer of its own")


def fact(corpus: Corpus, record: Record, key: str) -> Markup:
    """A short fact of a record page's header, shown by its type."""
    return html("{}", plain(corpus, COLLECTIONS[record.collection].fields[key].type, record.data[key]))


def section_body(corpus: Corpus, record: Record, key: str) -> Markup:
    """A section of a record page, shown by its type: Markdown rendered, a list of texts as a list."""
    kind = COLLECTIONS[record.collection].fields[key].type
    value = record.data[key]
    if isinstance(kind, Text) and kind.markdown:
        return Markup(md(value))
    if isinstance(kind, ListOf) and isinstance(kind.item, Text) and not kind.item.markdown:
        return bullet_list(value, marked=confirm.marks(record.data).get(key, ()))
    raise TypeError(f"{record.collection}.{key}: no section for a {type(kind).__name__}: "
                    "give it a renderer in its collection's module (core/render/)")


# --- small components -------------------------------------------------------------

def bullet_list(items: Iterable[object], marked: Iterable[int | None] = ()) -> Markup:
    """A list; items whose position is in ``marked`` carry the « à confirmer par l'équipe » mark."""
    marked = set(marked)
    return html("<ul>{}</ul>", join(html("<li>{}{}</li>", item, to_confirm() if i in marked else "")
                                    for i, item in enumerate(items)))


def facts(pairs: Iterable[tuple[str, Markup]]) -> Markup:
    """The short facts of a record page's header: (label, HTML) pairs, empty values left out."""
    rows = join(html('<div class="fact"><dt>{}</dt><dd>{}</dd></div>', name, value) for name, value in pairs if value)
    return html('<dl class="record-facts">{}</dl>', rows)


def section(title: str, body: Markup) -> Markup:
    """A section of a record page. The heading (our own words, or the schema's) stays Markdown so that it
    reaches the table of contents; the body is a raw HTML block."""
    return html('## {}\n\n<div class="record-section">\n{}\n</div>\n', Markup(title), body)


def chips(corpus: Corpus, record: Record, here: str) -> Markup:
    """The values of the facets with ``chips``, each a link to its facet page."""
    items, titles = [], []
    for facet in FACETS:
        if not facet.chips:
            continue
        values = facet.values(record)
        titles += [facet.title.lower()] if values else []
        for value in values:
            url = rel_url(here, urls.facet_value(facet.folder, value))
            items.append(html('<li class="chip chip-{}"><a href="{}">{}</a></li>',
                              facet.name, url, facet.label(corpus.vocabularies, value)))
    named = ", ".join(titles[:-1]) + " et " + titles[-1] if len(titles) > 1 else "".join(titles)
    return html('<ul class="chips" aria-label="{}">{}</ul>', named[:1].upper() + named[1:], join(items))


def card(corpus: Corpus, record: Record, here: str) -> Markup:
    """A record as a card in a list, with its facets as data attributes for filtering.

    The facets declared with ``card=`` (core/schema) show their values: after the kind, or in the line of labels.
    """
    attrs = join(html(' data-{}="{}"', name, " ".join(values)) for name, values in facet_values(record).items() if values)
    marks = confirm.marks(record.data)
    kind, labels = [kind_label(record)], []
    for facet in FACETS:
        names = [facet.label(corpus.vocabularies, value) for value in facet.values(record)] if facet.card else []
        if not names:
            continue
        if facet.card == "kind":
            kind += names
        elif facet.card == "labels":
            labels += names
        elif facet.card == "named":
            mark = to_confirm(short=True) if None in marks.get(facet.key, ()) else ""
            labels.append(html('<span class="card-level">{} : {}</span>{}', facet.field_label, ", ".join(names), mark))
    return html('<article class="card card-{}"{} data-id="{}"><p class="card-kind">{}</p>'
                '<h3 class="card-title"><a href="{}">{}</a></h3><p class="card-summary">{}</p>'
                '<p class="card-labels">{}</p>{}</article>',
                record.collection, attrs, record.id, join(kind, " · "), rel_url(here, record.url), record.title,
                record.data["resume"], join(labels, " · "), card_usage(record))


def cards(corpus: Corpus, records: Iterable[Record], here: str) -> Markup:
    """Cards in French alphabetical order of their titles."""
    ordered = sorted(records, key=lambda r: sort_key(r.title))
    return html('<div class="cards">\n{}\n</div>', join((card(corpus, r, here) for r in ordered), "\n"))


def related(corpus: Corpus, record: Record) -> Markup:
    """The records linked to this one, by collection (retours have their section, « Utilisée N fois »)."""
    groups = []
    for collection, ids in record.related.items():
        if not ids or collection == "retours":
            continue
        others = sorted((corpus.get(collection, i) for i in ids), key=lambda r: sort_key(r.title))
        links = join(html('<li><a href="{}">{}</a> <span class="related-kind">({})</span></li>',
                          rel_url(record.url, o.url), o.title, kind_label(o)) for o in others)
        groups.append(html('<h3>{}</h3><ul class="related-{}">{}</ul>',
                           COLLECTION_SPECS[collection].several, collection, links))
    return join(groups)


def resources(corpus: Corpus, record: Record, value: list[dict[str, str]]) -> Markup:
    """Links and documents; a printed reference is its title alone."""
    items = []
    for resource in value:
        if "url" in resource:
            items.append(html('<li><a href="{}" rel="noopener noreferrer">{}</a></li>', resource["url"], resource["titre"]))
        elif "fichier" in resource:
            items.append(html('<li><a href="{}">{}</a></li>', rel_url(record.url, resource["fichier"]), resource["titre"]))
        else:
            items.append(html("<li>{}</li>", resource["titre"]))
    return html("<ul>{}</ul>", join(items))
