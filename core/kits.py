"""Site pages for kits: the predefined kits of ``data/kits.yml`` and the reader's own kit ("mon kit")."""

from __future__ import annotations

from . import urls
from .corpus import Corpus
from .markup import Markup, html, join, rel_url
from .page import Page
from .render.components import kind_label


def _kit_section(corpus: Corpus, kit: dict) -> Markup:
    fiches = [corpus.get("fiches", fiche_id) for fiche_id in kit["fiches"]]
    items = join(html('<li data-fiche-id="{id}" data-fiche-title="{title}"><a href="{href}">{title}</a>'
                      ' <span class="related-kind">({kind})</span></li>',
                      id=f.id, title=f.title, href=rel_url(urls.KITS, f.url), kind=kind_label(f)) for f in fiches)
    return html('<section class="kit" id="kit-{id}" data-kit="{id}">'
                '<h2>{title}</h2><p>{summary}</p>'
                '<ol class="kit-fiches">{items}</ol>'
                '<p class="kit-actions"><a class="md-button md-button--primary kit-pdf" href="{pdf}" download>'
                'Télécharger le kit (PDF, {count} fiches)</a> '
                '<button type="button" class="md-button kit-load" hidden>Copier ces fiches dans mon kit</button></p>'
                '</section>',
                id=kit["id"], title=kit["titre"], summary=kit["resume"], items=items,
                pdf=rel_url(urls.KITS, urls.kit_pdf(kit["id"])), count=len(fiches))


def kits_page(corpus: Corpus) -> Page:
    intro = ("Des fiches à imprimer ensemble pour préparer et animer un atelier, dans l'ordre où les utiliser. "
             "Chaque kit est un livret PDF avec une couverture et un sommaire.")
    mine = html('<p class="kit-mine">Vous pouvez aussi composer votre propre kit : cochez « Ajouter à mon kit » sur les '
                '<a href="{}">fiches</a>, puis ouvrez <a href="{}">mon kit</a> pour les ranger et les imprimer.</p>'
                # Printable supports (core/supports.py): printed after their fiche in every kit.
                '<p class="kit-supports">Les <a href="{}">supports à imprimer</a> '
                '(attestations, grilles, affiches) sont imprimés après leur fiche, dans les kits comme dans mon kit.</p>',
                rel_url(urls.KITS, urls.collection("fiches")), rel_url(urls.KITS, urls.MY_KIT),
                rel_url(urls.KITS, urls.SUPPORTS))
    body = html('<h1>Kits d\'atelier</h1>\n<p class="page-intro">{}</p>\n{}\n{}', intro, mine,
                join((_kit_section(corpus, kit) for kit in corpus.kits), "\n"))
    return Page(f"{urls.KITS}index.md", urls.KITS, "Kits d'atelier", body, {"render_macros": False},
                source="data/kits.yml", menu="")


def my_kit_page() -> Page:
    """The reader's kit: kit.js fills it from localStorage and assembles the fiches to print them."""
    body = html(
        '<div class="kit-screen">\n<h1>Mon kit</h1>\n'
        '<p class="page-intro">Les fiches que vous avez choisies, dans l\'ordre de votre atelier. '
        'Elles restent enregistrées dans ce navigateur seulement.</p>\n'
        '<div id="kit-app" data-kit-app>'
        '<noscript><p>Cette page a besoin de JavaScript. Vous pouvez aussi imprimer chaque fiche depuis sa page '
        'ou télécharger un <a href="{kits}">kit tout prêt</a>.</p></noscript>'
        '<p class="kit-empty" hidden>Votre kit est vide. Ouvrez une <a href="{fiches}">fiche</a> et choisissez '
        '« Ajouter à mon kit ».</p>'
        '<ol class="kit-list" aria-label="Fiches de mon kit, dans l\'ordre"></ol>'
        '<p class="kit-status" role="status" aria-live="polite"></p>'
        '<p class="kit-buttons"><button type="button" class="md-button md-button--primary kit-print-button" hidden>'
        'Imprimer mon kit</button> <button type="button" class="md-button kit-clear" hidden>Vider mon kit</button></p>'
        '<p class="kit-seance"><a class="md-button" href="{seance}?depuis=kit">Préparer une séance avec mon kit</a></p>'
        '</div>\n</div>\n'
        '<div id="kit-print" class="kit-print"></div>',
        kits=rel_url(urls.MY_KIT, urls.KITS), fiches=rel_url(urls.MY_KIT, urls.collection("fiches")), seance=rel_url(urls.MY_KIT, urls.SESSION))
    return Page(f"{urls.MY_KIT.rstrip('/')}.md", urls.MY_KIT, "Mon kit", body, {"render_macros": False})


def kit_pages(corpus: Corpus) -> list[Page]:
    return [kits_page(corpus), my_kit_page()]
