"""Site pages for kits: the predefined kits of ``data/kits.yml`` and the reader's own kit ("mon kit")."""

from __future__ import annotations

from . import urls
from .corpus import Corpus
from .markup import esc, rel_url
from .page import Page
from .pages import kind_label


def _kit_section(corpus: Corpus, kit: dict) -> str:
    fiches = [corpus.get("fiches", fiche_id) for fiche_id in kit["fiches"]]
    items = "".join(f'<li data-fiche-id="{esc(f.id)}" data-fiche-title="{esc(f.title)}">'
                    f'<a href="{esc(rel_url(urls.KITS, f.url))}">{esc(f.title)}</a>'
                    f' <span class="related-kind">({esc(kind_label(f))})</span></li>' for f in fiches)
    pdf = rel_url(urls.KITS, urls.kit_pdf(kit["id"]))
    return (f'<section class="kit" id="kit-{esc(kit["id"])}" data-kit="{esc(kit["id"])}">'
            f'<h2>{esc(kit["titre"])}</h2><p>{esc(kit["resume"])}</p>'
            f'<ol class="kit-fiches">{items}</ol>'
            f'<p class="kit-actions"><a class="md-button md-button--primary kit-pdf" href="{esc(pdf)}" download>'
            f'Télécharger le kit (PDF, {len(fiches)} fiches)</a> '
            f'<button type="button" class="md-button kit-load" hidden>Copier ces fiches dans mon kit</button></p>'
            f'</section>')


def kits_page(corpus: Corpus) -> Page:
    intro = ("Des fiches à imprimer ensemble pour préparer et animer un atelier, dans l'ordre où les utiliser. "
             "Chaque kit est un livret PDF avec une couverture et un sommaire.")
    mine = (f'<p class="kit-mine">Vous pouvez aussi composer votre propre kit : cochez « Ajouter à mon kit » sur les '
            f'<a href="{rel_url(urls.KITS, urls.collection("fiches"))}">fiches</a>, puis ouvrez '
            f'<a href="{rel_url(urls.KITS, urls.MY_KIT)}">mon kit</a> pour les ranger et les imprimer.</p>'
            # Printable supports (core/supports.py): printed after their fiche in every kit.
            f'<p class="kit-supports">Les <a href="{rel_url(urls.KITS, urls.SUPPORTS)}">supports à imprimer</a> '
            f'(attestations, grilles, affiches) sont imprimés après leur fiche, dans les kits comme dans mon kit.</p>')
    body = (f'<h1>Kits d\'atelier</h1>\n<p class="page-intro">{esc(intro)}</p>\n{mine}\n'
            + "\n".join(_kit_section(corpus, kit) for kit in corpus.kits))
    return Page("kits/index.md", urls.KITS, "Kits d'atelier", body, {"render_macros": False},
                source="data/kits.yml", menu="")


def my_kit_page() -> Page:
    """The reader's kit: kit.js fills it from localStorage and assembles the fiches to print them."""
    fiches = rel_url(urls.MY_KIT, urls.collection("fiches"))
    body = (
        '<div class="kit-screen">\n<h1>Mon kit</h1>\n'
        '<p class="page-intro">Les fiches que vous avez choisies, dans l\'ordre de votre atelier. '
        'Elles restent enregistrées dans ce navigateur seulement.</p>\n'
        '<div id="kit-app" data-kit-app>'
        '<noscript><p>Cette page a besoin de JavaScript. Vous pouvez aussi imprimer chaque fiche depuis sa page '
        'ou télécharger un <a href="../">kit tout prêt</a>.</p></noscript>'
        f'<p class="kit-empty" hidden>Votre kit est vide. Ouvrez une <a href="{fiches}">fiche</a> et choisissez '
        '« Ajouter à mon kit ».</p>'
        '<ol class="kit-list" aria-label="Fiches de mon kit, dans l\'ordre"></ol>'
        '<p class="kit-status" role="status" aria-live="polite"></p>'
        '<p class="kit-buttons"><button type="button" class="md-button md-button--primary kit-print-button" hidden>'
        'Imprimer mon kit</button> <button type="button" class="md-button kit-clear" hidden>Vider mon kit</button></p>'
        '</div>\n</div>\n'
        '<div id="kit-print" class="kit-print"></div>')
    return Page("kits/mon-kit.md", urls.MY_KIT, "Mon kit", body, {"render_macros": False})


def kit_pages(corpus: Corpus) -> list[Page]:
    return [kits_page(corpus), my_kit_page()]
