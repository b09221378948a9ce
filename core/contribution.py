"""Contribution pages: the "Proposer" forms and the maintainers' review list.

The forms are generated in the browser from the JSON Schema exported by
:func:`core.schema.json_schema`, so a field added to the schema appears in the
form, with its help text, without touching this module.
"""

from __future__ import annotations

from . import falc, personal_data, proposal, text, urls
from .corpus import REVIEW_MONTHS, Corpus, Record
from .drafts import DEFAULT_DRAFT_DAYS, drafts_data
from .forge import Forge
from .markup import Markup, html, join, json_script, rel_url
from .page import Page, PageMeta
from .render.components import kind_label
from .render.usage import retour_form_param
from .schema import ID_MAX, ID_PATTERN, NOUNS, RESOURCES, json_schema
from .team import Team
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


def modification_href(record: Record) -> str:
    """From a record's page, its collection's form prefilled with the record: « Proposer une modification »
    (a ``#proposition=`` link, as the team receives, marked as a modification of the record)."""
    form_url, _ = form_address(record.collection)
    payload = proposal.Proposal(record.collection, record.id, record.data, modification=True).payload()
    return f"{rel_url(record.url, form_url)}#{proposal.encode(payload)}"  # dates become text in encode()


def with_modification_link(page: Page, record: Record) -> Page:
    """Record pages (``overrides/record.html``) offer « Proposer une modification » (partials/record-actions.html)."""
    if isinstance(page.meta.get("record"), dict):
        page.meta["record"]["modifier"] = modification_href(record)
    return page


def slug(title: str) -> str:
    """The record id derived from a title (see :func:`core.text.slug`)."""
    return text.slug(title, ID_MAX)


def form_data(corpus: Corpus, collection: str, forge: Forge | None = None, team: Team | None = None,
              draft_days: int = DEFAULT_DRAFT_DAYS) -> dict:
    """Everything the form needs: schema with labels (``x-label``), existing ids, the forge's address,
    the team that receives proposals (None: no contact configured), the personal-data rules, drafts' life."""
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
        # Who receives « Envoyer à l'équipe du centre » (core/team.py); None: the form says no one is set.
        "equipe": team.settings() if team else None,
        # The rules of core/personal_data.py, run by donnees-personnelles.js as the person types.
        "donneesPersonnelles": personal_data.browser_rules(personal_data.load_domains(corpus.root, [])),
        "brouillons": drafts_data(draft_days),
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


def form_page(corpus: Corpus, collection: str, forge: Forge | None = None, team: Team | None = None,
              draft_days: int = DEFAULT_DRAFT_DAYS) -> Page:
    url, title = form_address(collection)
    guide = rel_url(url, urls.GUIDE)
    intro = html(_RETOUR_INTRO if collection == "retours" else _INTRO, guide=guide)
    body = html("""<h1>{title}</h1>
{intro}

<div class="proposer" id="proposer" data-collection="{collection}">
<noscript><p class="proposer-noscript">Ce formulaire a besoin de JavaScript. Sans JavaScript, suivez le
<a href="{guide}">guide du contributeur</a> pour écrire le fichier à la main.</p></noscript>
</div>

{data}
""", title=title, intro=intro, collection=collection, guide=guide,
                data=json_script(form_data(corpus, collection, forge, team, draft_days), "proposer-data"))
    meta: PageMeta = {"template": "proposer.html", "render_macros": False, "proposer": collection}
    return Page(f"{url.rstrip('/')}.md", url, title, body, meta)


_INTRO = """<div class="proposer-intro">
<p>Remplissez ce formulaire : il vérifie chaque champ pendant que vous écrivez. Rien n'est envoyé sans
vous : le texte reste sur cet ordinateur jusqu'à ce que vous l'envoyiez. Quand tout est correct, le bouton
« Envoyer à l'équipe du centre » prépare un message à l'équipe qui relit les propositions.</p>
<p>Chaque champ est décrit dans le <a href="{guide}">guide du contributeur</a>. N'écrivez jamais de
données personnelles des personnes concernées (nom, adresse, téléphone).</p>
</div>"""

_RETOUR_INTRO = """<div class="proposer-intro">
<p>Vous avez utilisé une fiche, une pratique ou une méthodologie du centre ? Racontez-le en quelques lignes :
votre retour s'affichera sur la page de la ressource, après relecture par l'équipe du centre. Rien n'est
envoyé sans vous. N'écrivez ni nom ni coordonnées de personnes (<a href="{guide}">guide du contributeur</a>).</p>
</div>"""


def team_notice(team: Team | None) -> Markup:
    """For the maintainers: who receives the proposals, or how to say it (extra.equipe, EQUIPE_COURRIEL)."""
    if team:
        return html('<p class="equipe-reglage">Les propositions des formulaires « Proposer » sont envoyées à '
                    '<strong>{}</strong> (<code>{}</code>). Pour les importer : '
                    "<code>make importer SOURCE='…'</code> (le lien reçu, ou le message enregistré en .eml).</p>",
                    team.name, team.email)
    return Markup('<div class="equipe-reglage equipe-absente"><p><strong>Aucune adresse de contact n\'est configurée</strong> : '
            "les formulaires « Proposer » le disent aux contributeurs et ne peuvent pas envoyer les propositions.</p>"
            "<p>Pour la configurer, donnez l'adresse de l'équipe dans la variable d'environnement "
            "<code>EQUIPE_COURRIEL</code> (et son nom dans <code>EQUIPE_NOM</code>) au moment de construire le site, "
            "ou dans <code>mkdocs.yml</code> : <code>extra.equipe.courriel</code> et <code>extra.equipe.nom</code>.</p></div>")


def review_page(corpus: Corpus, team: Team | None = None) -> Page:
    """Maintainers' list of the records whose last review is older than REVIEW_MONTHS."""
    due = sorted((r for r in corpus.all_records() if r.review_due), key=lambda r: (r.data["date_maj"], sort_key(r.title)))
    rows = join(
        html('<tr data-id="{}"><td><a href="{}">{}</a></td><td>{}</td><td><time datetime="{}">{}</time></td>'
             '<td><code>{}</code></td></tr>',
             r.id, rel_url(urls.REVIEW, r.url), r.title, kind_label(r), r.data["date_maj"].isoformat(),
             numeric_date(r.data["date_maj"]), r.path)
        for r in due)
    count = len(due)
    table = (html('<table class="review-list"><thead><tr><th>Ressource</th><th>Type</th><th>Dernière relecture</th>'
                  '<th>Fichier</th></tr></thead><tbody>{}</tbody></table>', rows) if due
             else html('<p class="review-none">Aucune ressource à relire : toutes ont été relues récemment.</p>'))
    body = html("""<h1>Ressources à relire</h1>
<p class="page-intro">Une ressource est à relire quand sa dernière relecture (<code>date_maj</code>) date de
plus de {months} mois. Relire, c'est vérifier que l'action existe toujours, que les contacts et les liens
sont à jour, puis mettre la date du jour dans <code>date_maj</code>.</p>
<p class="count">{count} ressource{plural} à relire</p>
{table}
<p>En ligne de commande : <code>make a-relire</code>.</p>
{falc_reviews}

<h2>Propositions reçues</h2>
{team}
""", months=REVIEW_MONTHS, count=count, plural="s" if count > 1 else "", table=table,
                falc_reviews=_falc_reviews(corpus), team=team_notice(team))
    return Page(f"{urls.REVIEW.rstrip('/')}.md", urls.REVIEW, "Ressources à relire", body, {"render_macros": False})


def _falc_reviews(corpus: Corpus) -> Markup:
    """The easy-to-read texts no group of people concerned has reviewed yet, and how to organise it.

    Said to the team here, and not on the easy-to-read pages: their readers are not the ones to organise it.
    """
    texts = [r for r in corpus.all_records() if "falc" in r.data]
    if not texts:
        return Markup("")
    due = sorted((r for r in texts if not falc.reviewed(r.data)), key=lambda r: sort_key(r.title))
    method = corpus.records.get(falc.METHOD_FICHE[0], {}).get(falc.METHOD_FICHE[1])
    with_method = (html(' avec la fiche <a href="{}">« Écrire en FALC »</a>', rel_url(urls.REVIEW, method.url))
                   if method else "")
    guide = rel_url(urls.REVIEW, falc.GUIDE_URL) + "#" + falc.REVIEW_ANCHOR
    items = join(html('<li data-id="{}"><a href="{}">{}</a> (<code>{}</code>)</li>', r.id,
                      rel_url(urls.REVIEW, r.url), r.title, r.path) for r in due)
    listing = (html('<p class="falc-review-count">{} texte{} à faire relire</p><ul class="falc-review-list">{}</ul>',
                    len(due), "s" if len(due) > 1 else "", items) if due
               else html('<p class="falc-review-none">Tous les textes faciles à lire ont été relus.</p>'))
    return html('<h2 id="relecture-falc">Textes faciles à lire à faire relire</h2>\n'
                '<p>Un texte facile à lire est relu par des personnes concernées avant d\'être présenté comme tel. '
                'Organisez cette relecture{}, puis indiquez le groupe qui a relu et la date '
                '(<code>falc_relu_par</code>, <code>falc_relu_le</code> ; '
                '<a href="{}">guide de contribution</a>). La page du texte dit seulement s\'il a été relu.</p>\n{}',
                with_method, guide, listing)


def contribution_pages(corpus: Corpus, forge: Forge | None = None, team: Team | None = None,
                       draft_days: int = DEFAULT_DRAFT_DAYS) -> list[Page]:
    return [form_page(corpus, collection, forge, team, draft_days) for collection in FORMS] + [review_page(corpus, team)]


__all__ = ["FORMS", "proposals", "slug", "form_data", "form_page", "review_page",
           "contribution_pages"]
