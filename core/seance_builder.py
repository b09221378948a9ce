"""« Préparer une séance » (``/seance/``): the page of the session builder and the data its script needs.

``docs/assets/javascripts/seance.js`` builds, from the séances of chosen fiches, a timed run sheet,
the list of what to bring (quantities scaled to the number of participants) and of what to print,
and one printable pack. It reads :func:`seance_data` from a JSON script element of the page.
Prefilled by ``?fiches=<id>,<id>&debut=HH:MM&duree=<minutes>&participants=<n>`` (the buttons of
the fiche pages, of « mon kit » and of the planner use that address).
"""

from __future__ import annotations

from . import urls
from .corpus import Corpus, Record
from .drafts import DEFAULT_DRAFT_DAYS, drafts_data
from .markup import html, json_script, rel_url
from .page import Page
from .schema.declarations import MATERIEL_ETAPE, PAR
from .schema.durations import checked_duration
from .seances import SEANCE_URL

SEANCE_TITLE = "Préparer une séance"
KIT_STORAGE = "centre-ressources.mon-kit"  # kit.js


def seance_link(from_url: str, fiche_ids: list[str]) -> str:
    """The builder's address prefilled with ``fiche_ids``, relative to ``from_url``."""
    return f"{rel_url(from_url, SEANCE_URL)}?fiches={','.join(fiche_ids)}"


def _material(item: dict) -> dict:
    return {key: item[key] for key in MATERIEL_ETAPE.fields if key in item}


def _fiche(corpus: Corpus, record: Record) -> dict:
    data = record.data
    sessions = []
    for number, session in enumerate(data.get("seances", []), start=1):
        steps = [{"numero": index, "titre": step["titre"], "minutes": checked_duration(step["duree"]).low,
                  **({"anime": step["anime"]} if step.get("anime") else {}),
                  **({"pause": True} if step.get("pause") else {}),
                  **({"materiel": [_material(m) for m in step["materiel"]]} if step.get("materiel") else {})}
                 for index, step in enumerate(data["etapes"], start=1) if step.get("seance") == number]
        sessions.append({"titre": session["titre"], "duree": session["duree"], "etapes": steps})
    supports = [{"id": s["id"], "titre": s["titre"], "url": rel_url(SEANCE_URL, urls.support(s["id"])),
                 "affiche": s.get("orientation") == "paysage"} for s in data.get("supports", [])]
    return {"id": record.id, "titre": record.title, "url": rel_url(SEANCE_URL, record.url),
            **({"participants": data["participants"]} if "participants" in data else {}),
            "vigilance": list(data.get("vigilance", [])), "supports": supports, "seances": sessions}


def seance_data(corpus: Corpus, draft_days: int = DEFAULT_DRAFT_DAYS) -> dict:
    """What seance.js needs: the fiches that have séances, the words of the counts, the links."""
    fiches = [_fiche(corpus, record) for record in sorted(corpus.records.get("fiches", {}).values(),
                                                            key=lambda r: r.title.lower())
              if record.data.get("seances")]
    return {
        "fiches": fiches,
        "par": dict(PAR.values),
        "retour": {"url": rel_url(SEANCE_URL, urls.RETOUR_FORM), "collection": "retours"},
        "kit": {"url": rel_url(SEANCE_URL, urls.MY_KIT), "cle": KIT_STORAGE},
        "brouillons": drafts_data(draft_days),
    }


def seance_page(corpus: Corpus, draft_days: int = DEFAULT_DRAFT_DAYS) -> Page:
    intro = ("Choisissez une ou plusieurs fiches : leurs étapes deviennent les blocs de votre séance. "
             "Gardez, retirez, déplacez et minutez les blocs ; le déroulé donne l'heure de chaque bloc, "
             "ce qu'il faut apporter et ce qu'il faut imprimer. Rien n'est envoyé : la séance reste "
             "dans votre navigateur.")
    body = html(
        '<div class="seance-ecran">\n<h1>{}</h1>\n<p class="page-intro">{}</p>\n'
        '<div id="seance" class="seance-app">'
        '<noscript><p class="seance-noscript">Le préparateur de séance a besoin de JavaScript. Chaque fiche '
        'donne aussi le minutage de ses séances sur sa page et dans son PDF.</p></noscript></div>\n</div>\n'
        '<div id="seance-impression" class="seance-impression"></div>\n{}\n',
        SEANCE_TITLE, intro, json_script(seance_data(corpus, draft_days), "seance-data"))
    return Page(f"{SEANCE_URL}index.md", SEANCE_URL, SEANCE_TITLE, str(body),
                {"render_macros": False, "centre_assets": ["seance"], "hide": ["toc"]}, menu="")


__all__ = ["SEANCE_TITLE", "SEANCE_URL", "seance_data", "seance_link", "seance_page"]
