"""Contribution pages: the "Proposer" forms and the maintainers' review list.

The forms are generated in the browser from the JSON Schema exported by
:func:`core.schema.json_schema`, so a field added to the schema appears in the
form, with its help text, without touching this module.
"""

from __future__ import annotations

import json

from . import text, urls
from .corpus import REVIEW_MONTHS, Corpus
from .forge import Forge
from .markup import esc, rel_url
from .page import Page
from .pages import kind_label, retour_form_param
from .schema import ID_MAX, ID_PATTERN, NOUNS, RESOURCES, json_schema
from .text import numeric_date, sort_key

# Collections with a form; each form's words come from the collection's noun (core/schema NOUNS).
FORMS = tuple(NOUNS)

# A retour is told, not proposed: its short form has its own address (core.urls) and title.
RETOUR_FORM_TITLE = "Raconter une utilisation"


def form_address(collection: str) -> tuple[str, str]:
    """(site URL, title) of a collection's "Proposer" form."""
    if collection == "retours":
        return urls.RETOUR_FORM, RETOUR_FORM_TITLE
    return urls.form(collection), f"Proposer {NOUNS[collection].a}"


def proposals() -> list[tuple[str, str]]:
    """(site URL, title) of each "Proposer" form of a resource: the pages that invite to contribute link here."""
    return [form_address(collection) for collection in FORMS if collection in RESOURCES]


def slug(title: str) -> str:
    """The record id derived from a title (see :func:`core.text.slug`)."""
    return text.slug(title, ID_MAX)


def form_data(corpus: Corpus, collection: str, forge: Forge | None = None) -> dict:
    """Everything the form needs: schema with labels (``x-label``), existing ids, the forge's address."""
    titles = {name: {rid: record.title for rid, record in records.items()}
              for name, records in corpus.records.items()}
    return {
        "collection": collection,
        "folder": f"data/{collection}",
        "schema": json_schema(collection, corpus.vocabularies, titles),
        "ids": sorted(rid for records in corpus.records.values() for rid in records),
        "idPattern": ID_PATTERN,
        "idMax": ID_MAX,
        # The forge's new-file page with {fichier}, {contenu} and {titre} to fill ("" without a forge).
        "forge": {**forge.settings(), "newFile": forge.new_file_template(f"data/{collection}")} if forge else None,
        **(_RETOUR_LAYOUT if collection == "retours" else {}),
    }


# The retour form is short (a screen and a half): record lists are menus that add titles, the
# optional part is folded, the maintainers' acknowledgement of flagged values is left out, and the
# record named in the address (?fiche=<id>, from a record's « Raconter une utilisation ») is already
# chosen. Read by docs/assets/javascripts/proposer.js.
_RETOUR_LAYOUT = {
    "compact": True,
    "hidden": ["rgpd_verifie"],
    "preselect": {retour_form_param(c): c for c in RESOURCES},  # ?fiche=… -> "fiches"
}


def _json_script(element_id: str, value) -> str:
    # "<" is escaped so that no text in the data can close the script element.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def form_page(corpus: Corpus, collection: str, forge: Forge | None = None) -> Page:
    noun = NOUNS[collection]
    url, title = form_address(collection)
    guide = rel_url(url, urls.GUIDE)
    intro = _RETOUR_INTRO if collection == "retours" else f"""<div class="proposer-intro">
<p>Remplissez ce formulaire : il vérifie chaque champ pendant que vous écrivez et produit le fichier
{esc(noun.of_a)} (au format YAML). Rien n'est envoyé : le texte reste dans votre navigateur, qui garde un
brouillon si vous fermez la page. Quand tout est correct, ouvrez une demande de fusion sur la forge,
ou téléchargez le fichier pour l'envoyer à l'équipe.</p>
<p>Chaque champ est décrit dans le <a href="{{guide}}">guide du contributeur</a>. N'écrivez jamais de
données personnelles des personnes concernées (nom, adresse, téléphone).</p>
</div>"""
    body = f"""<h1>{esc(title)}</h1>
{intro.replace("{guide}", esc(guide))}

<div class="proposer" id="proposer" data-collection="{esc(collection)}">
<noscript><p class="proposer-noscript">Ce formulaire a besoin de JavaScript. Sans JavaScript, suivez le
<a href="{esc(guide)}">guide du contributeur</a> pour écrire le fichier à la main.</p></noscript>
</div>

{_json_script("proposer-data", form_data(corpus, collection, forge))}
"""
    meta = {"template": "proposer.html", "render_macros": False, "proposer": collection}
    return Page(f"{url.rstrip('/')}.md", url, title, body, meta)


_RETOUR_INTRO = """<div class="proposer-intro">
<p>Vous avez utilisé une fiche, une pratique ou une méthodologie du centre ? Racontez-le en quelques lignes :
votre retour s'affichera sur la page de la ressource. Le formulaire prépare le fichier ; rien n'est envoyé sans
vous. N'écrivez ni nom ni coordonnées de personnes (<a href="{guide}">guide du contributeur</a>).</p>
</div>"""


def review_page(corpus: Corpus) -> Page:
    """Maintainers' list of the records whose last review is older than REVIEW_MONTHS."""
    due = sorted((r for r in corpus.all_records() if r.review_due), key=lambda r: (r.data["date_maj"], sort_key(r.title)))
    rows = "".join(
        f'<tr data-id="{esc(r.id)}"><td><a href="{esc(rel_url(urls.REVIEW, r.url))}">{esc(r.title)}</a></td>'
        f'<td>{esc(kind_label(r))}</td><td><time datetime="{r.data["date_maj"].isoformat()}">'
        f'{numeric_date(r.data["date_maj"])}</time></td><td><code>{esc(r.path)}</code></td></tr>'
        for r in due)
    count = len(due)
    table = (f'<table class="review-list"><thead><tr><th>Ressource</th><th>Type</th><th>Dernière relecture</th>'
             f'<th>Fichier</th></tr></thead><tbody>{rows}</tbody></table>' if due
             else '<p class="review-none">Aucune ressource à relire : toutes ont été relues récemment.</p>')
    body = f"""<h1>Ressources à relire</h1>
<p class="page-intro">Une ressource est à relire quand sa dernière relecture (<code>date_maj</code>) date de
plus de {REVIEW_MONTHS} mois. Relire, c'est vérifier que l'action existe toujours, que les contacts et les liens
sont à jour, puis mettre la date du jour dans <code>date_maj</code>.</p>
<p class="count">{count} ressource{"s" if count > 1 else ""} à relire</p>
{table}
<p>En ligne de commande : <code>make a-relire</code>.</p>
"""
    return Page(f"{urls.REVIEW.rstrip('/')}.md", urls.REVIEW, "Ressources à relire", body, {"render_macros": False})


def contribution_pages(corpus: Corpus, forge: Forge | None = None) -> list[Page]:
    return [form_page(corpus, collection, forge) for collection in FORMS] + [review_page(corpus)]


__all__ = ["FORMS", "proposals", "slug", "form_data", "form_page", "review_page",
           "contribution_pages"]
