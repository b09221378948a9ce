"""A record's page (pratique, fiche, méthodologie): one Markdown page per record.

The page is the same for every collection: a header (kind, title, summary, facts, chips, keywords,
usage count, date), then the sections. Which keys are facts and which are sections, in which order,
is declared with the collection (``core/schema/collections.py``); a key is shown by its collection's
page module when it has its own way (``pratique.py``, ``fiche.py``, ``methodologie.py``), by its type
otherwise (``components.py``). The retours' pages are ``core/retours.py``.

Pages are plain Markdown files with front matter whose record text is already escaped HTML, so any
Markdown site generator can publish them and no template engine ever reads contributed text.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import confirm, falc
from ..corpus import Corpus, Record
from ..forge import Forge
from ..markup import Markup, html, join, md
from ..page import Page, PageMeta
from ..schema import COLLECTION_SPECS, RELATED, USAGE
from ..text import numeric_date
from . import fiche, methodologie, pratique
from .components import (
    Renderer,
    bullet_list,
    chips,
    fact,
    facts,
    heading,
    kind_label,
    label,
    related,
    resources,
    section,
    section_body,
    to_confirm,
)
from .usage import header_usage, usage_section


def _falc(corpus: Corpus, record: Record, value: str) -> Markup:
    """The easy-to-read version, with the state of its review by people concerned (core/falc.py)."""
    method = corpus.records.get(falc.METHOD_FICHE[0], {}).get(falc.METHOD_FICHE[1])
    return (html('<div class="falc">{}</div>', Markup(md(value)))
            + Markup(falc.review_note(record.data, record.url, method.url if method else None)))


def _contributors(corpus: Corpus, record: Record, value: list[dict[str, str]]) -> Markup:
    return bullet_list(f"{p['nom']} ({p['role']})" for p in value)


# Keys every resource shows in its own way; then each collection's own.
_SHARED: dict[str, Renderer] = {"ressources": resources, "falc": _falc, "contributeurs": _contributors}
_FACTS: dict[str, dict[str, Renderer]] = {
    "pratiques": pratique.FACTS, "fiches": fiche.FACTS, "methodologies": methodologie.FACTS}
_SECTIONS: dict[str, dict[str, Renderer]] = {
    "pratiques": {**_SHARED, **pratique.SECTIONS}, "fiches": {**_SHARED, **fiche.SECTIONS},
    "methodologies": {**_SHARED, **methodologie.SECTIONS}}


def _shown(record: Record, key: str, renderers: dict[str, Renderer],
           default: Callable[[Corpus, Record, str], Markup], corpus: Corpus) -> Markup:
    """A key's value as its collection's module shows it, or as its type does (``default``)."""
    render = renderers.get(key)
    return render(corpus, record, record.data[key]) if render else default(corpus, record, key)


# --- « à confirmer par l'équipe » (core/confirm.py) ---------------------------------------------

def _invitation_to_complete(record: Record, forge: Forge | None) -> Markup:
    """The box asking the team that runs the action to confirm the marked values and complete the record."""
    c, data = record.collection, record.data
    missing = [label(c, key).lower() for key in COLLECTION_SPECS[c].to_complete if key not in data]
    lacking = html("<p>Il manque aussi : {}.</p>", ", ".join(missing)) if missing else ""
    from ..contribution import modification_href  # « Proposer une modification »: the form, prefilled
    guide = modification_href(record)
    edit = (html(' ou <a href="{}" rel="noopener">modifiez son fichier sur la forge</a>', forge.edit_url(record.path))
            if forge else "")
    return html('<aside class="a-completer" aria-labelledby="a-completer-titre">'
                '<p class="a-completer-titre" id="a-completer-titre"><strong>Cette page est à compléter par '
                "l'équipe qui mène l'action</strong></p>"
                "<p>La source ne donne pas toutes les informations de cette page. Les valeurs marquées "
                "« {} » sont un choix du centre de ressources : l'équipe doit les confirmer ou les corriger.</p>"
                '{}<p>Vous faites partie de cette équipe ? <a href="{}">Proposer une modification</a>{}. '
                "Écrivez seulement ce que vous savez : un champ vide vaut mieux qu'une information inventée.</p>"
                "</aside>", confirm.LABEL, lacking, guide, edit)


# --- the page ------------------------------------------------------------------------------

def _sections(corpus: Corpus, record: Record, whole: set[str]) -> list[tuple[str, Markup]]:
    """(title, HTML) of every section the record has, in its collection's declared order."""
    found: list[tuple[str, Markup]] = []
    for key in COLLECTION_SPECS[record.collection].sections:
        if key == USAGE:
            found.append(usage_section(corpus, record))
        elif key == RELATED:
            links = related(corpus, record)
            if links:
                found.append(("Pour aller plus loin", links))
        elif key in record.data:
            body = _shown(record, key, _SECTIONS[record.collection], section_body, corpus)
            if key in whole:  # the whole section is to confirm (list items got their own mark)
                body = html('<p class="a-confirmer-section">{}</p>', Markup(to_confirm().strip())) + body
            found.append((heading(record.collection, key), body))
    return found


def record_page(corpus: Corpus, record: Record, forge: Forge | None = None) -> Page:
    """The page of a pratique, a fiche or a méthodologie."""
    data, c = record.data, record.collection
    whole = {key for key, positions in confirm.marks(data).items() if None in positions}
    header_facts = [(label(c, key), _shown(record, key, _FACTS[c], fact, corpus) + (to_confirm() if key in whole else ""))
                    for key in COLLECTION_SPECS[c].facts if key in data]
    mots = data.get("mots_cles", [])
    keywords = html('<p class="record-keywords">{} : {}</p>\n', label(c, "mots_cles"), ", ".join(mots)) if mots else ""
    header = html('<header class="record-header">\n'
                  '<p class="record-kind"><span class="badge badge-{}">{}</span></p>\n'
                  '<h1 class="record-title">{}</h1>\n'
                  '<p class="record-summary">{}</p>\n'
                  "{}\n{}\n{}{}"
                  '<p class="record-date">Mise à jour le <time datetime="{}">{}</time></p>\n</header>\n',
                  c, kind_label(record), record.title, data["resume"], facts(header_facts),
                  chips(corpus, record, record.url), keywords, header_usage(record),
                  data["date_maj"].isoformat(), numeric_date(data["date_maj"]))
    if data.get(confirm.FIELD):
        header += _invitation_to_complete(record, forge) + Markup("\n")
    body = header + Markup("\n") + join((section(title, part) for title, part in _sections(corpus, record, whole)), "\n")
    meta: PageMeta = {
        "template": "record.html",
        "render_macros": False,
        "record": {
            "collection": c,
            "id": record.id,
            "source": record.path,
            "kind": kind_label(record),
            "date_maj": data["date_maj"].isoformat(),
            "falc": "falc" in data,
            "a_relire": record.review_due,
        },
    }
    return Page(f"{record.url.rstrip('/')}.md", record.url, record.title, str(body), meta, source=record.path)
