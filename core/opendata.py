"""Open data: every record of every collection as rows (CSV and JSON), their columns documented,
the JSON Schema of the sources, the « Données ouvertes » page, and each record's schema.org JSON-LD.

Columns are read off the schema (:mod:`core.schema.declarations`): a key of several collections
is one column when it means the same thing everywhere (same type); its name is the field's label
(the shared keys, whose labels name the collection, « Titre de la fiche », take the generic
wording « Titre de la ressource »). A value chosen from a list (axe, vocabularies) has two columns:
its French label, and its stable identifier (« … (identifiant) »), as open data portals publish
codes beside labels. Nested blocks give one column per sub-key (« Étapes – Titre de l'étape »).

CSV: UTF-8 with a byte order mark (Excel reads accents right only with it; LibreOffice, Python's
``utf-8-sig`` and pandas skip it), comma-separated, every field quoted when needed (``csv``), CRLF
line ends (RFC 4180, as OpenDataFrance's « Produire un fichier CSV de qualité » advises). A list
is one cell, its values joined with `` | ``; a « | » inside a value is written « \\| ». JSON: the
same rows and column names, lists as arrays. See ``docs-dev/opendata.md``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import confirm, urls
from .corpus import Corpus, Record
from .markup import Markup, html, join, json_script, rel_url
from .page import Page, PageMeta
from .schema import COLLECTION_LABELS, COLLECTIONS, json_schema
from .schema.blocks import ListOf, Noun, Obj
from .schema.declarations import SHARED, shared_for
from .schema.facets import COLLECTION_FACET
from .schema.types import (
    Boolean,
    Choice,
    Date,
    DocsPath,
    Email,
    Integer,
    Number,
    RecordRef,
    Text,
    Type,
    Url,
    Vocab,
)
from .text import numeric_date

PAGE_TITLE = "Données ouvertes"
SEPARATOR = " | "
# Keys left out of the export: the acknowledgements of the personal-data check are moderation notes.
EXCLUDED = {"rgpd_verifie"}
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PRODUCER = "Métropole de Lyon, centre de ressources du pouvoir d'agir"

# What a data user is told each kind of value is (the contributors' wording, Type.doc, speaks of YAML).
_KINDS = {Date: "date (AAAA-MM-JJ)", Integer: "nombre entier", Number: "nombre", Boolean: "oui ou non",
          Url: "adresse web", Email: "adresse électronique", DocsPath: "chemin d'un document du site",
          RecordRef: "identifiant d'une ressource"}


@dataclass
class Column:
    """One column of the export: its French name, what it holds, and how a record fills it."""

    name: str
    kind: str  # French, for the documentation table
    description: str
    collections: tuple  # the collections that fill it
    get: Callable  # (corpus, record) -> str | int | float | bool | list | None

    def value(self, corpus: Corpus, record: Record) -> Any:
        return self.get(corpus, record) if record.collection in self.collections else None


# --- columns, read off the schema ----------------------------------------------------------

def _kind_name(kind: Type, ids: bool = False) -> str:
    if isinstance(kind, ListOf) and isinstance(kind.item, ListOf):  # a list inside a list of blocks
        return (f"liste de listes ({_kind_name(kind.item.item, ids)}) : valeurs séparées par « | », "
                "éléments d'une valeur par « , »")
    if isinstance(kind, ListOf):
        return f"liste ({_kind_name(kind.item, ids)}), valeurs séparées par « | »"
    if isinstance(kind, (Choice, Vocab)):
        return "identifiant" if ids else "libellé"
    if isinstance(kind, Text):
        return "texte Markdown" if kind.markdown else "texte"
    return next((word for cls, word in _KINDS.items() if isinstance(kind, cls)), "texte")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def _label(corpus: Corpus, kind: Type, value: Any) -> Any:
    if isinstance(kind, Choice):
        return kind.values.get(value, value)
    if isinstance(kind, Vocab):
        return corpus.label(kind.name, value)
    return _plain(value)


def _convert(corpus: Corpus, kind: Type, value: Any, ids: bool) -> Any:
    """A stored value as the export shows it: labels (or ids) for choices, lists kept as lists."""
    if value is None:
        return None
    if isinstance(kind, ListOf):
        return [_convert(corpus, kind.item, item, ids) for item in value]
    if ids:
        return value
    return _label(corpus, kind, value)


def _signature(kind: Type) -> str:
    """What a type accepts, without its words: two keys with the same signature share a column."""
    noise = {"description", "x-label", "title", "x-noun", "x-sections", "x-errors", "x-errors-form"}

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in noise}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(kind.json_schema()), sort_keys=True)


def _aligned(values: list) -> list | None:
    return values if any(value is not None for value in values) else None


def _expand(name: str, description: str, kind: Type, collections: tuple, get: Callable) -> list[Column]:
    """The columns of one field; ``get(record)`` returns its stored value (or a list of them)."""
    inner = kind.item if isinstance(kind, ListOf) else kind
    if isinstance(inner, Obj):
        columns = []
        for sub_key, sub in inner.fields.items():
            if sub_key in EXCLUDED:
                continue
            if isinstance(kind, ListOf):
                # None when no item has the sub-key (no « | | » row of blanks for optional sub-keys).
                getter = (lambda k: lambda record: _aligned([item.get(k) for item in get(record) or []]))(sub_key)
                sub_kind = ListOf(sub.type)
            else:
                getter = (lambda k: lambda record: (get(record) or {}).get(k))(sub_key)
                sub_kind = sub.type
            columns += _expand(f"{name} – {sub.label}", sub.help, sub_kind, collections, getter)
        return columns

    def column(ids: bool) -> Column:
        each = kind.item if isinstance(kind, ListOf) else kind

        def value(corpus: Corpus, record: Record, ids: bool = ids) -> Any:
            raw = get(record)
            if raw is None:
                return None
            if isinstance(kind, ListOf):
                return [None if item is None else _convert(corpus, each, item, ids) for item in raw]
            return _convert(corpus, kind, raw, ids)

        kind_name = _kind_name(kind, ids)
        if ids:
            return Column(f"{name} (identifiant)", kind_name,
                          f"Identifiant stable de « {name} » (les libellés peuvent changer).", collections, value)
        return Column(name, kind_name, description, collections, value)

    chosen = inner.item if isinstance(inner, ListOf) else inner
    if isinstance(chosen, (Choice, Vocab)):
        return [column(False), column(True)]
    return [column(False)]


def _identity() -> list[Column]:
    """The columns that say which record a row is."""
    every = tuple(COLLECTIONS)
    return [
        Column("Collection", "identifiant", "Identifiant de la collection : " + ", ".join(every) + ".", every,
               lambda corpus, record: record.collection),
        Column(COLLECTION_FACET.legend, "libellé", "Le type de ressource, en toutes lettres.", every,
               lambda corpus, record: COLLECTION_LABELS[record.collection][0]),
        Column("Identifiant", "identifiant",
               "Identifiant de la ressource, stable et unique sur tout le centre (le nom de son fichier).", every,
               lambda corpus, record: record.id),
        Column("Adresse de la page", "adresse web",
               "La page de la ressource sur le site (relative à l'adresse du site quand celle-ci n'est pas connue).",
               every, lambda corpus, record: record.url),
    ]


def columns() -> list[Column]:
    """Every column, in the order of the declarations (shared keys first).

    A member declared with the shared wording of its collection (« Titre de la fiche ») takes the
    generic one (« Titre de la ressource »); members with the same name and type share a column.
    """
    by_key: dict = {}
    for collection, declaration in COLLECTIONS.items():
        assert isinstance(declaration.noun, Noun)  # Obj.__post_init__ makes it one
        shared = shared_for(declaration.noun)
        for key, spec in declaration.fields.items():
            if key in EXCLUDED:
                continue
            generic = SHARED.get(key)
            worded = key in shared and (spec.label, spec.help) == (shared[key].label, shared[key].help)
            name, help_text = (generic.label, generic.help) if generic is not None and worded else (spec.label, spec.help)
            by_key.setdefault(key, {}).setdefault((_signature(spec.type), name), []).append((collection, spec, help_text))
    names = [name for groups in by_key.values() for (_, name) in groups]
    found = _identity()
    for key, groups in by_key.items():
        for (_, name), members in groups.items():
            collections = tuple(collection for collection, _, _ in members)
            helps = list(dict.fromkeys(help_text for _, _, help_text in members))
            description = helps[0] if len(helps) == 1 else " ".join(
                f"{COLLECTION_LABELS[c][1]} : {help_text}" for c, _, help_text in members)
            if names.count(name) > 1:  # one name, different things: say where
                name += " (" + ", ".join(COLLECTION_LABELS[c][1].lower() for c in collections) + ")"
            if key == confirm.FIELD:  # names keys: a reader gets the columns' names instead
                found.append(Column(name, _kind_name(members[0][1].type), CONFIRM_HELP, collections, _confirmed))
                continue
            get = (lambda k: lambda record: record.data.get(k))(key)
            found += _expand(name, description, members[0][1].type, collections, get)
    return found


CONFIRM_HELP = ("Les valeurs que l'équipe qui mène l'action doit encore confirmer (le centre les a choisies sans "
                "que la source les donne), nommées par leur colonne : « Statut », ou « Objectifs, élément 2 » "
                "pour un élément d'une liste.")


def _confirmed(corpus: Corpus, record: Record) -> list[str] | None:
    """``a_confirmer`` with labels for keys: ``objectifs[2]`` -> « Objectifs, élément 2 »."""
    fields = COLLECTIONS[record.collection].fields
    found = []
    for entry in record.data.get(confirm.FIELD, []):
        key, position = confirm.parse(entry) or (entry, None)
        label = fields[key].label if key in fields else key
        found.append(label if position is None else f"{label}, élément {position + 1}")
    return found or None


# --- rows and files ------------------------------------------------------------------------

def rows(corpus: Corpus, site_url: str = "") -> list[dict]:
    """One dict per record of every collection, keyed by column name, lists as lists."""
    cols = columns()
    found = []
    for record in corpus.all_records():
        row = {}
        for column in cols:
            value = column.value(corpus, record)
            row[column.name] = urls.absolute(site_url, value) if column.name == "Adresse de la page" else value
        found.append(row)
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return SEPARATOR.join(_item(item) for item in value)
    return str(_plain(value))


def _item(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(_cell(v) for v in value)
    return _cell(value).replace("|", "\\|")


def csv_bytes(table: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [column.name for column in columns()]
    writer.writerow(names)
    for row in table:
        writer.writerow([_cell(row[name]) for name in names])
    return out.getvalue().encode("utf-8-sig")


def json_bytes(table: list[dict]) -> bytes:
    return json.dumps(table, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def schema(corpus: Corpus) -> dict:
    """The JSON Schema of each collection's source files, vocabularies as enums (core export)."""
    return {collection: json_schema(collection, corpus.vocabularies) for collection in COLLECTIONS}


# The last corpus's files: the page (sizes) and the plugin (writing) ask for them in one build. The
# corpus itself is kept, not its id(): a later corpus may reuse a freed one's id (make serve).
_files_cache: dict = {}


def data_files(corpus: Corpus, site_url: str = "") -> dict[str, bytes]:
    """The files of ``donnees/``: path under the site -> content (computed once per corpus)."""
    if _files_cache.get("corpus") is not corpus or _files_cache.get("site_url") != site_url:
        _files_cache.clear()
        files = corpus.derived("opendata", lambda: _data_files(corpus, site_url), site_url)
        _files_cache.update(corpus=corpus, site_url=site_url, files=files)
    return _files_cache["files"]


def _data_files(corpus: Corpus, site_url: str) -> dict[str, bytes]:
    table = rows(corpus, site_url)
    return {
        urls.OPEN_DATA_CSV: csv_bytes(table),
        urls.OPEN_DATA_JSON: json_bytes(table),
        urls.OPEN_DATA_SCHEMA: json.dumps(schema(corpus), ensure_ascii=False, indent=1).encode("utf-8"),
    }


# --- the « Données ouvertes » page -----------------------------------------------------------

def size(count: int) -> str:
    """A file size in French: « 812 octets », « 12,4 Ko », « 1,2 Mo »."""
    if count < 1000:
        return f"{count} octets"
    for unit, scale in (("Ko", 1e3), ("Mo", 1e6)):
        if count < scale * 1000 or unit == "Mo":
            return f"{count / scale:.1f} {unit}".replace(".", ",")
    return ""


def donnees_page(corpus: Corpus, site_url: str = "") -> Page:
    files = data_files(corpus, site_url)
    records = list(corpus.all_records())
    latest = max((r.data["date_maj"] for r in records if "date_maj" in r.data), default=None)
    counts = ", ".join(f"{len(corpus.records[c])} {COLLECTION_LABELS[c][1 if len(corpus.records[c]) > 1 else 0].lower()}"
                       for c in COLLECTIONS)
    plurals = [COLLECTION_LABELS[c][1].lower() for c in COLLECTIONS]
    kinds = ", ".join(plurals[:-1]) + " et " + plurals[-1] if len(plurals) > 1 else "".join(plurals)
    here = urls.OPEN_DATA
    downloads = [
        (urls.OPEN_DATA_CSV, "CSV", "Tableau : une ligne par ressource, à ouvrir dans un tableur (UTF-8, séparateur « , »)."),
        (urls.OPEN_DATA_JSON, "JSON", "Les mêmes lignes et colonnes ; les listes y sont des tableaux JSON."),
        (urls.OPEN_DATA_SCHEMA, "JSON Schema", "Le format des fichiers sources de chaque collection (un schéma par collection), "
                                     "celui que vérifie le site et que suivent les formulaires « Proposer »."),
    ]
    items = join(
        html('<li><a href="{}" download>{}</a> <span class="donnees-format">({}, {})</span> : {}</li>',
             rel_url(here, path), path.rsplit("/", 1)[1], fmt, size(len(files[path])), text)
        for path, fmt, text in downloads)
    facts: list[tuple[str, str | Markup]] = [
        ("Producteur", PRODUCER),
        ("Licence", html('<a href="{}" rel="license noopener noreferrer">{}</a> : réutilisation libre, y compris '
                         "commerciale, en citant la source et la date de mise à jour.", LICENCE_URL, LICENCE)),
        ("Fréquence de mise à jour", "À chaque publication du site : les fichiers sont produits avec lui."),
        ("Dernière mise à jour des contenus", numeric_date(latest) if latest else "aucune ressource pour l'instant"),
        ("Couverture territoriale", "Métropole de Lyon"),
        ("Nombre d'enregistrements", f"{len(records)} ({counts})"),
    ]
    dl = join(html('<div class="fact"><dt>{}</dt><dd>{}</dd></div>', name, value) for name, value in facts)
    # data-label: on a phone each row is a block, each cell preceded by its column's name (centre.css).
    cols = join(html('<tr><th scope="row"><code>{}</code></th><td data-label="Type">{}</td>'
                     '<td data-label="Description">{}</td><td data-label="Collections">{}</td></tr>',
                     c.name, c.kind, c.description, ", ".join(COLLECTION_LABELS[x][1] for x in c.collections))
                for c in columns())
    body = html("""<h1>{title}</h1>
<p class="page-intro">Toutes les ressources du centre ({kinds}) en un seul jeu de données, libre de réutilisation : \
pour les analyser, les croiser avec d'autres données ou les publier ailleurs.</p>

<div class="donnees-fiche">
<h2 id="description">Description</h2>
<p>Une ligne par ressource publiée sur ce site, avec tous ses champs. Les textes longs sont en Markdown, comme sur le site. \
Les listes tiennent dans une cellule, leurs valeurs séparées par « | » (une barre verticale à l'intérieur d'une valeur est écrite « \\| »). \
Les valeurs choisies dans une liste (axe, thématiques, publics…) ont deux colonnes : leur libellé, et leur identifiant, \
qui ne change pas quand un libellé est reformulé.</p>
<dl class="record-facts donnees-facts">{dl}</dl>
</div>

<div class="donnees-telechargements">
<h2 id="telecharger">Télécharger</h2>
<ul>{items}</ul>
<p>Pour suivre les ressources ajoutées ou mises à jour : <a href="{novelties}">les nouveautés</a> et leur flux Atom.</p>
</div>

<div class="donnees-champs">
<h2 id="champs">Les colonnes</h2>
<p>{count} colonnes, dans l'ordre des fichiers. Une colonne reste vide pour les ressources qu'elle ne concerne pas.</p>
<div class="donnees-table-wrap"><table class="donnees-table">
<thead><tr><th scope="col">Colonne</th><th scope="col">Type</th><th scope="col">Description</th><th scope="col">Collections</th></tr></thead>
<tbody>{cols}</tbody></table></div>
</div>
""", title=PAGE_TITLE, kinds=kinds, dl=dl, items=items, novelties=rel_url(here, urls.NOVELTIES), count=len(columns()),
                cols=cols)
    meta: PageMeta = {"render_macros": False, "search_index": False, "hide": ["toc"]}
    return Page(f"{urls.OPEN_DATA}index.md", urls.OPEN_DATA, PAGE_TITLE, body, meta, source=None, menu=urls.EXPLORER)


# --- schema.org JSON-LD ----------------------------------------------------------------------

def _iso_duration(text: str) -> str | None:
    """« 2 h », « 1 h 30 », « 45 min » as ISO 8601 (PT2H, PT1H30M, PT45M); anything else: None."""
    match = re.fullmatch(r"\s*(?:(\d{1,3})\s*h(?:\s*(\d{1,2})(?:\s*min)?)?|(\d{1,4})\s*min)\s*", text)
    if not match:
        return None
    hours, minutes, only = match.groups()
    if only:
        return f"PT{int(only)}M"
    return f"PT{int(hours)}H" + (f"{int(minutes)}M" if minutes else "")


def jsonld(corpus: Corpus, record: Record, site_url: str = "") -> dict:
    """schema.org description of a record: a HowTo with its steps for a fiche, a CreativeWork otherwise."""
    data = record.data
    item: dict[str, Any] = {"@context": "https://schema.org", "@type": "HowTo" if record.collection == "fiches" else "CreativeWork",
            "name": record.title, "inLanguage": "fr"}
    if "resume" in data:
        item["description"] = data["resume"]
    if "date_maj" in data:
        item["dateModified"] = data["date_maj"].isoformat()
    if site_url:
        item["url"] = urls.absolute(site_url, record.url)
    keywords = [corpus.label("thematiques", t) for t in data.get("thematiques", [])] + list(data.get("mots_cles", []))
    if keywords:
        item["keywords"] = ", ".join(keywords)
    item["license"] = LICENCE_URL
    item["publisher"] = {"@type": "Organization", "name": PRODUCER}
    if record.collection == "fiches":
        total = _iso_duration(data.get("duree", ""))
        if total:
            item["totalTime"] = total
        item["step"] = [{"@type": "HowToStep", "position": n, "name": step["titre"], "text": step["description"]}
                        for n, step in enumerate(data["etapes"], start=1)]
        if data.get("materiel"):
            item["supply"] = [{"@type": "HowToSupply", "name": thing} for thing in data["materiel"]]
    return item


def jsonld_script(item: dict) -> Markup:
    """The ``<script type="application/ld+json">`` element (:func:`core.markup.json_script`: no text
    of a record can close the script)."""
    return json_script(item, kind="application/ld+json", compact=False)


def with_jsonld(page: Page, corpus: Corpus, record: Record, site_url: str = "") -> Page:
    """A record page carrying its JSON-LD (written in the page's head by ``overrides/main.html``)."""
    page.meta["jsonld"] = jsonld_script(jsonld(corpus, record, site_url))
    return page


__all__ = ["Column", "columns", "rows", "csv_bytes", "json_bytes", "schema", "data_files", "donnees_page",
           "jsonld", "jsonld_script", "with_jsonld", "size"]
