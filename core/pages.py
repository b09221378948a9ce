"""Turn the corpus into site pages: one Markdown page per record, catalogues and facet pages.

Pages are plain Markdown files with front matter whose record text is already
escaped HTML, so any Markdown site generator can publish them and no template
engine ever reads contributed text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


from .corpus import Corpus, Record
from .markup import esc, md, md_inline, rel_url
from .text import sort_key
from .schema import AXES, COLLECTION_LABELS, FICHE_TYPES, FORMATS, STATUTS

# Facet pages: (vocabulary or field, URL folder, page title, noun on a record).
FACETS = {
    "thematiques": ("thematiques", "Thématiques"),
    "publics": ("publics", "Publics"),
    "territoires": ("territoires", "Territoires"),
    "niveaux-participation": ("niveaux-participation", "Niveaux de participation"),
}
AXE_FOLDER = "axes"


@dataclass
class Page:
    src_uri: str  # e.g. "fiches/aller-vers.md"
    url: str  # e.g. "fiches/aller-vers/"
    title: str  # plain text
    body: str  # Markdown with escaped HTML blocks
    meta: dict = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        # Themes print the title unescaped in <title> and headers: it is escaped here, once.
        # JSON is valid YAML front matter, and json.dumps is ten times faster than yaml.safe_dump
        # (5 s of a 2,000-record build).
        front = json.dumps({"title": esc(self.title), **self.meta}, ensure_ascii=False)
        return f"---\n{front}\n---\n\n{self.body}\n"


def kind_label(record: Record) -> str:
    if record.collection == "fiches":
        return FICHE_TYPES[record.data["type"]]
    return COLLECTION_LABELS[record.collection][0]


def facet_values(record: Record) -> dict:
    """Every facet a record can be filtered on: name -> list of ids."""
    data = record.data
    values = {
        "collection": [record.collection],
        "axe": [data["axe"]],
        "thematiques": data["thematiques"],
        "publics": data["publics"],
        "niveaux-participation": [data["niveau_participation"]],
        "territoires": data.get("territoires", []),
        "format": [data["format"]] if "format" in data else [],
        "statut": [data["statut"]] if "statut" in data else [],
        "type": [data["type"]] if "type" in data else [],
    }
    return values


# --- small components -------------------------------------------------------------

def _chips(corpus: Corpus, record: Record, here: str) -> str:
    items = []
    for vocabulary, key in (("thematiques", "thematiques"), ("publics", "publics"), ("territoires", "territoires")):
        for term in record.data.get(key, []):
            url = rel_url(here, f"{FACETS[vocabulary][0]}/{term}/")
            items.append(f'<li class="chip chip-{vocabulary}"><a href="{esc(url)}">{esc(corpus.label(vocabulary, term))}</a></li>')
    return f'<ul class="chips" aria-label="Thématiques, publics et territoires">{"".join(items)}</ul>'


def _section(title: str, html: str) -> str:
    # The heading stays Markdown so that it reaches the table of contents; the body is a raw HTML block.
    return f"## {title}\n\n<div class=\"record-section\">\n{html}\n</div>\n"


def _list(items, inline_md=False) -> str:
    render = md_inline if inline_md else esc
    return "<ul>" + "".join(f"<li>{render(item)}</li>" for item in items) + "</ul>"


def _facts(pairs) -> str:
    rows = "".join(f'<div class="fact"><dt>{esc(label)}</dt><dd>{value}</dd></div>' for label, value in pairs if value)
    return f'<dl class="record-facts">{rows}</dl>'


def card(corpus: Corpus, record: Record, here: str) -> str:
    """A record as a card in a list, with its facets as data attributes for filtering."""
    data = record.data
    attrs = "".join(f' data-{name}="{esc(" ".join(values))}"' for name, values in facet_values(record).items() if values)
    labels = [corpus.label("niveaux-participation", data["niveau_participation"])]
    return (f'<article class="card card-{record.collection}"{attrs} data-id="{esc(record.id)}">'
            f'<p class="card-kind">{esc(kind_label(record))} · {esc(AXES[data["axe"]])}</p>'
            f'<h3 class="card-title"><a href="{esc(rel_url(here, record.url))}">{esc(record.title)}</a></h3>'
            f'<p class="card-summary">{esc(data["resume"])}</p>'
            f'<p class="card-labels">'
            + " · ".join(esc(corpus.label("thematiques", t)) for t in data["thematiques"])
            + f' — {esc(labels[0])}</p></article>')


def cards(corpus: Corpus, records, here: str) -> str:
    ordered = sorted(records, key=lambda r: sort_key(r.title))
    return '<div class="cards">\n' + "\n".join(card(corpus, r, here) for r in ordered) + "\n</div>"


def _related(corpus: Corpus, record: Record) -> str:
    groups = []
    for collection, ids in record.related.items():
        if not ids:
            continue
        others = sorted((corpus.get(collection, i) for i in ids), key=lambda r: sort_key(r.title))
        links = "".join(f'<li><a href="{esc(rel_url(record.url, o.url))}">{esc(o.title)}</a>'
                        f' <span class="related-kind">({esc(kind_label(o))})</span></li>' for o in others)
        groups.append(f'<h3>{esc(COLLECTION_LABELS[collection][1])}</h3><ul class="related-{collection}">{links}</ul>')
    return "".join(groups)


def _resources(record: Record) -> str:
    items = []
    for resource in record.data.get("ressources", []):
        if "url" in resource:
            items.append(f'<li><a href="{esc(resource["url"])}" rel="noopener noreferrer">{esc(resource["titre"])}</a></li>')
        else:
            target = rel_url(record.url, resource["fichier"])
            items.append(f'<li><a href="{esc(target)}">{esc(resource["titre"])}</a></li>')
    return "<ul>" + "".join(items) + "</ul>"


# --- record pages ---------------------------------------------------------------------

def _common_facts(corpus: Corpus, record: Record) -> list:
    data = record.data
    return [
        ("Axe", esc(AXES[data["axe"]])),
        ("Niveau de participation", esc(corpus.label("niveaux-participation", data["niveau_participation"]))),
    ]


def _fiche_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    data = record.data
    facts = [("Type", esc(FICHE_TYPES[data["type"]]))]
    if "duree" in data:
        facts.append(("Durée", esc(data["duree"])))
    if "participants" in data:
        p = data["participants"]
        facts.append(("Participants", esc(f"{p['min']} à {p['max']} personnes" if p["min"] != p["max"] else f"{p['min']} personnes")))
    # Materials come first: a facilitator checks them before anything else (and on paper, at the top).
    sections = [("Matériel", _list(data["materiel"]))] if "materiel" in data else []
    sections.append(("Objectif", md(data["objectif"])))
    if "quand" in data:
        sections.append(("Quand l'utiliser", md(data["quand"])))
    if "preparation" in data:
        sections.append(("Préparation", md(data["preparation"])))
    steps = []
    for number, step in enumerate(data["etapes"], start=1):
        duration = f' <span class="step-duree">({esc(step["duree"])})</span>' if "duree" in step else ""
        steps.append(f'<li class="step"><h3 class="step-title"><span class="step-number">{number}.</span> '
                     f'{esc(step["titre"])}{duration}</h3><div class="step-body">{md(step["description"])}</div></li>')
    sections.append(("Étapes", f'<ol class="steps">{"".join(steps)}</ol>'))
    if "vigilance" in data:
        sections.append(("Points de vigilance", _list(data["vigilance"])))
    if "variantes" in data:
        sections.append(("Variantes", _list(data["variantes"])))
    return facts, sections


def _pratique_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    data = record.data
    facts = [
        ("Territoires", esc(", ".join(corpus.label("territoires", t) for t in data["territoires"]))),
        ("Format", esc(FORMATS[data["format"]])),
        ("Statut", esc(STATUTS[data["statut"]])),
        ("Porteurs", esc(", ".join(data["porteurs"]))),
    ]
    if "partenaires" in data:
        facts.append(("Partenaires", esc(", ".join(data["partenaires"]))))
    if "periode" in data:
        p = data["periode"]
        facts.append(("Période", esc(f"{p['debut']} – {p['fin']}" if p.get("fin") else f"depuis {p['debut']}")))
    sections = [("Contexte", md(data["contexte"])), ("Objectifs", _list(data["objectifs"])),
                ("Déroulement", md(data["deroulement"]))]
    if "resultats" in data:
        sections.append(("Résultats", md(data["resultats"])))
    if "indicateurs" in data:
        rows = "".join(
            f"<tr><td>{esc(i['libelle'])}</td><td>{esc(i['valeur'])}{(' ' + esc(i['unite'])) if 'unite' in i else ''}</td>"
            f"<td>{esc(i.get('annee', ''))}</td><td>{esc(i.get('source', ''))}</td></tr>" for i in data["indicateurs"])
        sections.append(("Indicateurs", "<table><thead><tr><th>Indicateur</th><th>Valeur</th><th>Année</th>"
                                        f"<th>Source</th></tr></thead><tbody>{rows}</tbody></table>"))
    for key, title in (("leviers", "Ce qui a aidé"), ("freins", "Ce qui a été difficile"), ("conseils", "Conseils pour se lancer")):
        if key in data:
            sections.append((title, _list(data[key])))
    if "temoignages" in data:
        quotes = "".join(f'<figure class="temoignage"><blockquote><p>{esc(t["citation"])}</p></blockquote>'
                         f'<figcaption>— {esc(t["auteur"])}</figcaption></figure>' for t in data["temoignages"])
        sections.append(("Témoignages", quotes))
    if "contact" in data:
        c = data["contact"]
        parts = [esc(c["structure"])] + ([esc(c["service"])] if "service" in c else [])
        if "courriel" in c:
            parts.append(f'<a href="mailto:{esc(c["courriel"])}">{esc(c["courriel"])}</a>')
        sections.append(("Contact", "<p>" + "<br>".join(parts) + "</p>"))
    return facts, sections


def _methodologie_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    data = record.data
    sections = [("Les questions à se poser", _list(data["questions"]))]
    phases = []
    for phase in data["phases"]:
        fiches = ""
        if phase.get("fiches"):
            links = ", ".join(f'<a href="{esc(rel_url(record.url, corpus.get("fiches", f).url))}">'
                              f'{esc(corpus.get("fiches", f).title)}</a>' for f in phase["fiches"])
            fiches = f'<p class="phase-fiches">Fiches utiles : {links}</p>'
        facts = _facts([("Qui", esc(", ".join(phase["qui"]))), ("Quand", esc(phase["quand"])),
                        ("Niveau de participation", esc(corpus.label("niveaux-participation", phase["niveau_participation"])))])
        phases.append(f'<li class="phase"><h3 class="phase-title">{esc(corpus.label("phases", phase["phase"]))}</h3>'
                      f'{facts}<div class="phase-body">{md(phase["comment"])}</div>{fiches}</li>')
    sections.append(("Les phases du projet", f'<ol class="phases">{"".join(phases)}</ol>'))
    if "conditions" in data:
        sections.append(("Conditions de la participation", _list(data["conditions"])))
    if "reconnaissance" in data:
        sections.append(("Reconnaissance de la contribution", md(data["reconnaissance"])))
    return [], sections


_SECTIONS = {"fiches": _fiche_sections, "pratiques": _pratique_sections, "methodologies": _methodologie_sections}


def record_page(corpus: Corpus, record: Record) -> Page:
    data = record.data
    facts, sections = _SECTIONS[record.collection](corpus, record)
    facts = facts + _common_facts(corpus, record)
    if "ressources" in data:
        sections.append(("Ressources", _resources(record)))
    if "falc" in data:
        sections.append(("Version facile à lire", f'<div class="falc">{md(data["falc"])}</div>'))
    related = _related(corpus, record)
    if related:
        sections.append(("Pour aller plus loin", related))
    if "contributeurs" in data:
        sections.append(("Contributeurs", _list(f"{c['nom']} ({c['role']})" for c in data["contributeurs"])))
    mots = data.get("mots_cles", [])
    header = (f'<header class="record-header">\n'
              f'<p class="record-kind"><span class="badge badge-{record.collection}">{esc(kind_label(record))}</span></p>\n'
              f'<h1 class="record-title">{esc(record.title)}</h1>\n'
              f'<p class="record-summary">{esc(data["resume"])}</p>\n'
              f'{_facts(facts)}\n{_chips(corpus, record, record.url)}\n'
              + (f'<p class="record-keywords">Mots-clés : {esc(", ".join(mots))}</p>\n' if mots else "")
              + f'<p class="record-date">Mise à jour le <time datetime="{data["date_maj"].isoformat()}">'
              f'{data["date_maj"].strftime("%d/%m/%Y")}</time></p>\n</header>\n')
    body = header + "\n" + "\n".join(_section(title, html) for title, html in sections)
    meta = {
        "template": "record.html",
        "render_macros": False,
        "record": {
            "collection": record.collection,
            "id": record.id,
            "source": record.path,
            "kind": kind_label(record),
            "date_maj": data["date_maj"].isoformat(),
            "falc": "falc" in data,
            "a_relire": record.review_due,
        },
    }
    return Page(f"{record.url.rstrip('/')}.md", record.url, record.title, body, meta)


# --- catalogues and facet pages --------------------------------------------------------

_INTROS = {
    "pratiques": "Des actions collectives et des démarches menées avec les personnes concernées, pour s'en inspirer.",
    "fiches": "Des fiches méthode, outil et repère pour préparer et animer des actions avec les personnes concernées.",
    "methodologies": "Des méthodologies de projet pour se demander, à chaque étape, qui, quand et comment associer les personnes concernées.",
}


def _list_page(src_uri: str, url: str, title: str, intro: str, body: str) -> Page:
    text = f'<h1>{esc(title)}</h1>\n<p class="page-intro">{intro}</p>\n\n{body}'
    return Page(src_uri, url, title, text, {"render_macros": False, "template": "catalogue.html"})


def catalogue_page(corpus: Corpus, collection: str) -> Page:
    url = f"{collection}/"
    records = list(corpus.records[collection].values())
    count = f'<p class="count">{len(records)} {esc(COLLECTION_LABELS[collection][1 if len(records) > 1 else 0].lower())}</p>'
    return _list_page(f"{collection}/index.md", url, COLLECTION_LABELS[collection][1],
                      esc(_INTROS[collection]), count + "\n" + cards(corpus, records, url))


def _records_with(corpus: Corpus, facet: str, value: str) -> list:
    return [r for r in corpus.all_records() if value in facet_values(r)[facet]]


def facet_pages(corpus: Corpus) -> list[Page]:
    pages = []
    for vocabulary, (folder, title) in FACETS.items():
        items = []
        for term in corpus.vocabularies[vocabulary].values():
            url = f"{folder}/{term.id}/"
            records = _records_with(corpus, vocabulary, term.id)
            intro = esc(term.description) if term.description else f"Les ressources pour : {esc(term.label)}."
            pages.append(_list_page(f"{folder}/{term.id}.md", url, term.label, intro,
                                    f'<p class="count">{len(records)} ressource{"s" if len(records) > 1 else ""}</p>\n'
                                    + cards(corpus, records, url)))
            items.append(f'<li><a href="{esc(term.id)}/">{esc(term.label)}</a> <span class="count">({len(records)})</span></li>')
        pages.append(_list_page(f"{folder}/index.md", f"{folder}/", title, "Parcourir les ressources par "
                                f"{esc(title.lower())}.", f'<ul class="facet-index">{"".join(items)}</ul>'))
    items = []
    for axe, label in AXES.items():
        url = f"{AXE_FOLDER}/{axe}/"
        records = _records_with(corpus, "axe", axe)
        pages.append(_list_page(f"{AXE_FOLDER}/{axe}.md", url, label, f"Les ressources de l'axe « {esc(label)} ».",
                                f'<p class="count">{len(records)} ressource{"s" if len(records) > 1 else ""}</p>\n'
                                + cards(corpus, records, url)))
    return pages


def site_pages(corpus: Corpus) -> list[Page]:
    """Every generated page of the site."""
    pages = [record_page(corpus, record) for record in corpus.all_records()]
    pages += [catalogue_page(corpus, collection) for collection in corpus.records]
    pages += facet_pages(corpus)
    from .contribution import contribution_pages  # the forms reuse Page and cards: imported late
    pages += contribution_pages(corpus)
    return pages
