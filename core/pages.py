"""Turn the corpus into site pages: one Markdown page per record, catalogues and facet pages.

Pages are plain Markdown files with front matter whose record text is already
escaped HTML, so any Markdown site generator can publish them and no template
engine ever reads contributed text.
"""

from __future__ import annotations

from . import confirm, falc, urls
from .corpus import Corpus, Record
from .diagrams import ILLUSTRATIONS, methodology_timeline
from .forge import Forge
from .markup import esc, md, md_inline, rel_url
from .page import Page
from .schema import COLLECTION_LABELS, COLLECTIONS, FACETS, FICHE_TYPES, NOUNS, facet_values
from .supports import support_links
from .text import numeric_date, slug, sort_key


def label(collection: str, key: str) -> str:
    """The French label of a top-level key, as declared in the schema."""
    return COLLECTIONS[collection].fields[key].label


def heading(collection: str, key: str) -> str:
    """The section title of a key on record pages, as declared in the schema."""
    return COLLECTIONS[collection].fields[key].section


def choice(collection: str, key: str, value: str) -> str:
    """The label of a value fixed in the schema (axe, format, statut, type)."""
    return COLLECTIONS[collection].fields[key].type.values[value]


def kind_label(record: Record) -> str:
    if record.collection == "fiches":
        return FICHE_TYPES.values[record.data["type"]]
    return COLLECTION_LABELS[record.collection][0]


# --- small components -------------------------------------------------------------

def _chips(corpus: Corpus, record: Record, here: str) -> str:
    items, titles = [], []
    for facet in FACETS:
        if not facet.chips:
            continue
        values = facet.values(record)
        titles += [facet.title.lower()] if values else []
        for value in values:
            url = rel_url(here, urls.facet_value(facet.folder, value))
            items.append(f'<li class="chip chip-{facet.name}"><a href="{esc(url)}">'
                         f'{esc(facet.label(corpus.vocabularies, value))}</a></li>')
    named = ", ".join(titles[:-1]) + " et " + titles[-1] if len(titles) > 1 else "".join(titles)
    return f'<ul class="chips" aria-label="{esc(named[:1].upper() + named[1:])}">{"".join(items)}</ul>'


def _section(title: str, html: str) -> str:
    # The heading stays Markdown so that it reaches the table of contents; the body is a raw HTML block.
    return f"## {title}\n\n<div class=\"record-section\">\n{html}\n</div>\n"


def _list(items, inline_md=False, marked=()) -> str:
    """A list; items whose position is in ``marked`` carry the « à confirmer par l'équipe » mark."""
    render = md_inline if inline_md else esc
    return "<ul>" + "".join(f"<li>{render(item)}{confirm.mark() if i in marked else ''}</li>"
                            for i, item in enumerate(items)) + "</ul>"


def _facts(pairs) -> str:
    rows = "".join(f'<div class="fact"><dt>{esc(label)}</dt><dd>{value}</dd></div>' for label, value in pairs if value)
    return f'<dl class="record-facts">{rows}</dl>'


def card(corpus: Corpus, record: Record, here: str) -> str:
    """A record as a card in a list, with its facets as data attributes for filtering."""
    data = record.data
    attrs = "".join(f' data-{name}="{esc(" ".join(values))}"' for name, values in facet_values(record).items() if values)
    labels = [corpus.label("niveaux-participation", data["niveau_participation"])]
    to_confirm = confirm.mark(short=True) if None in confirm.marks(data).get("niveau_participation", ()) else ""
    return (f'<article class="card card-{record.collection}"{attrs} data-id="{esc(record.id)}">'
            f'<p class="card-kind">{esc(kind_label(record))} · {esc(choice(record.collection, "axe", data["axe"]))}</p>'
            f'<h3 class="card-title"><a href="{esc(rel_url(here, record.url))}">{esc(record.title)}</a></h3>'
            f'<p class="card-summary">{esc(data["resume"])}</p>'
            f'<p class="card-labels">'
            + " · ".join(esc(corpus.label("thematiques", t)) for t in data["thematiques"])
            + f' · <span class="card-level">Niveau de participation : {esc(labels[0])}</span>{to_confirm}</p>'
            + _card_usage(record) + '</article>')


def cards(corpus: Corpus, records, here: str) -> str:
    ordered = sorted(records, key=lambda r: sort_key(r.title))
    return '<div class="cards">\n' + "\n".join(card(corpus, r, here) for r in ordered) + "\n</div>"


def _related(corpus: Corpus, record: Record) -> str:
    groups = []
    for collection, ids in record.related.items():
        if not ids or collection == "retours":  # retours have their own section, « Utilisée N fois »
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
        elif "fichier" in resource:
            target = rel_url(record.url, resource["fichier"])
            items.append(f'<li><a href="{esc(target)}">{esc(resource["titre"])}</a></li>')
        else:  # a printed reference: its title alone
            items.append(f'<li>{esc(resource["titre"])}</li>')
    return "<ul>" + "".join(items) + "</ul>"


# --- record pages ---------------------------------------------------------------------

def _common_facts(corpus: Corpus, record: Record) -> list:
    data, c = record.data, record.collection
    return [
        (label(c, "axe"), esc(choice(c, "axe", data["axe"]))),
        (label(c, "niveau_participation"), esc(corpus.label("niveaux-participation", data["niveau_participation"]))),
    ]


def _in_schema_order(record: Record, renderers: dict) -> list:
    """(key, html) for each key of ``renderers`` the record has, in the schema's field order.

    The declaration order of ``core/schema/declarations.py`` is the reading order of a record,
    on screen and on paper: a section moves by moving its ``Field`` there, never here.
    """
    fields = COLLECTIONS[record.collection].fields
    unknown = set(renderers) - set(fields)
    assert not unknown, f"not declared in the schema: {unknown}"
    return [(key, renderers[key](record.data[key])) for key in fields if key in renderers and key in record.data]


def _steps(etapes: list) -> str:
    steps = []
    for number, step in enumerate(etapes, start=1):
        duration = f' <span class="step-duree">({esc(step["duree"])})</span>' if "duree" in step else ""
        steps.append(f'<li class="step"><h3 class="step-title"><span class="step-number">{number}.</span> '
                     f'{esc(step["titre"])}{duration}</h3><div class="step-body">{md(step["description"])}</div></li>')
    return f'<ol class="steps">{"".join(steps)}</ol>'


def _group_size(p: dict) -> str:
    return esc(f"{p['min']} à {p['max']} personnes" if p["min"] != p["max"] else f"{p['min']} personnes")


# A fiche: short facts at the top (the kind of fiche is the badge above the title, never a fact),
# then its sections in the schema's order: objectif, quand, préparation, matériel, étapes...
_FICHE_FACTS = {"participants": _group_size, "duree": esc}
_FICHE_SECTIONS = {"objectif": md, "quand": md, "preparation": md, "materiel": _list, "etapes": _steps,
                   "vigilance": _list, "variantes": _list}


def _fiche_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    renderers = {**_FICHE_FACTS,
                 "phases": lambda ids: esc(", ".join(corpus.label("phases", p) for p in ids))}
    facts = [(label(record.collection, key), html) for key, html in _in_schema_order(record, renderers)]
    sections = _in_schema_order(record, {**_FICHE_SECTIONS, "supports": lambda _: support_links(record)})
    if "illustration" in record.data:  # a picture drawn from the vocabularies, under the objective
        sections = [(key, html + ILLUSTRATIONS[record.data["illustration"]](corpus) if key == "objectif" else html)
                    for key, html in sections]
    return facts, sections


def _pratique_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    data, c = record.data, record.collection
    facts = [
        (label(c, "territoires"), esc(", ".join(corpus.label("territoires", t) for t in data["territoires"]))),
        (label(c, "format"), esc(choice(c, "format", data["format"]))),
        (label(c, "statut"), esc(choice(c, "statut", data["statut"]))),
        (label(c, "porteurs"), esc(", ".join(data["porteurs"]))),
    ]
    if "partenaires" in data:
        facts.append((label(c, "partenaires"), esc(", ".join(data["partenaires"]))))
    if "periode" in data:
        p = data["periode"]
        facts.append((label(c, "periode"), esc(f"{p['debut']} – {p['fin']}" if p.get("fin") else f"depuis {p['debut']}")))
    marked = confirm.marks(data)
    sections = [("contexte", md(data["contexte"])), ("objectifs", _list(data["objectifs"], marked=marked.get("objectifs", ()))),
                ("deroulement", md(data["deroulement"]))]
    if "resultats" in data:
        sections.append(("resultats", md(data["resultats"])))
    if "indicateurs" in data:
        columns = COLLECTIONS[c].fields["indicateurs"].type.item.fields
        rows = "".join(
            f"<tr><td>{esc(i['libelle'])}</td><td>{esc(i['valeur'])}{(' ' + esc(i['unite'])) if 'unite' in i else ''}</td>"
            f"<td>{esc(i.get('annee', ''))}</td><td>{esc(i.get('source', ''))}</td></tr>" for i in data["indicateurs"])
        head = "".join(f"<th>{esc(columns[key].label)}</th>" for key in ("libelle", "valeur", "annee", "source"))
        sections.append(("indicateurs", f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"))
    for key in ("leviers", "freins", "conseils"):
        if key in data:
            sections.append((key, _list(data[key], marked=marked.get(key, ()))))
    if "temoignages" in data:
        quotes = "".join(f'<figure class="temoignage"><blockquote><p>{esc(t["citation"])}</p></blockquote>'
                         f'<figcaption>— {esc(t["auteur"])}</figcaption></figure>' for t in data["temoignages"])
        sections.append(("temoignages", quotes))
    if "contact" in data:
        contact = data["contact"]
        parts = [esc(contact["structure"])] + ([esc(contact["service"])] if "service" in contact else [])
        if "courriel" in contact:
            parts.append(f'<a href="mailto:{esc(contact["courriel"])}">{esc(contact["courriel"])}</a>')
        sections.append(("contact", "<p>" + "<br>".join(parts) + "</p>"))
    return facts, sections


def _methodologie_sections(corpus: Corpus, record: Record) -> tuple[list, list]:
    data = record.data
    phase_fields = COLLECTIONS[record.collection].fields["phases"].type.item.fields
    sections = [("questions", _list(data["questions"]))]
    phases = []
    for number, phase in enumerate(data["phases"], start=1):
        fiches = ""
        if phase.get("fiches"):
            links = ", ".join(f'<a href="{esc(rel_url(record.url, corpus.get("fiches", f).url))}">'
                              f'{esc(corpus.get("fiches", f).title)}</a>' for f in phase["fiches"])
            fiches = f'<p class="phase-fiches">{esc(phase_fields["fiches"].label)} : {links}</p>'
        # "Qui" is a list whose items hold commas ("Élus et direction, ..."): joined, they would read as one.
        facts = "".join(f'<div class="fact fact-{key}"><dt>{esc(phase_fields[key].label)}</dt><dd>{html}</dd></div>'
                        for key, html in (
                            ("qui", _list(phase["qui"])),
                            ("quand", esc(phase["quand"])),
                            ("niveau_participation", esc(corpus.label("niveaux-participation",
                                                                      phase["niveau_participation"])))))
        phases.append(f'<li class="phase"><h3 class="phase-title"><span class="phase-number">{number}.</span> '
                      f'{esc(corpus.label("phases", phase["phase"]))}</h3>'
                      f'<dl class="phase-facts">{facts}</dl><div class="phase-body">{md(phase["comment"])}</div>'
                      f'{fiches}</li>')
    sections.append(("phases", methodology_timeline(corpus, record) + f'<ol class="phases">{"".join(phases)}</ol>'))
    if "conditions" in data:
        sections.append(("conditions", _list(data["conditions"])))
    if "reconnaissance" in data:
        sections.append(("reconnaissance", md(data["reconnaissance"])))
    return [], sections


_SECTIONS = {"fiches": _fiche_sections, "pratiques": _pratique_sections, "methodologies": _methodologie_sections}


# --- « à confirmer par l'équipe » and the FALC review (core/confirm.py, core/falc.py) -----------

# Optional fields a team that runs an action can fill from what it knows, named in the invitation.
_TO_COMPLETE = ("resultats", "indicateurs", "temoignages", "contact")
COMPLETE_ANCHOR = "completer-une-pratique"  # the section of docs/contribuer.md


def _confirm_marks(record: Record, facts: list, keyed: list) -> tuple[list, list]:
    """Facts and whole sections named in ``a_confirmer`` get the mark (list items got theirs already)."""
    whole = {key for key, positions in confirm.marks(record.data).items() if None in positions}
    if not whole:
        return facts, keyed
    labels = {label(record.collection, key) for key in whole}
    facts = [(name, html + confirm.mark() if name in labels else html) for name, html in facts]
    keyed = [(key, f'<p class="a-confirmer-section">{confirm.mark().strip()}</p>' + html if key in whole else html)
             for key, html in keyed]
    return facts, keyed


def _invitation_to_complete(record: Record, forge: Forge | None) -> str:
    """The box asking the team that runs the action to confirm the marked values and complete the record."""
    c, data = record.collection, record.data
    missing = [label(c, key).lower() for key in _TO_COMPLETE if key in COLLECTIONS[c].fields and key not in data]
    lacking = (f"<p>Il manque aussi : {esc(', '.join(missing))}.</p>") if missing else ""
    guide = esc(rel_url(record.url, falc.GUIDE_URL) + "#" + COMPLETE_ANCHOR)
    edit = (f' ou <a href="{esc(forge.edit_url(record.path))}" rel="noopener">modifiez son fichier sur la forge</a>'
            if forge else "")
    return ('<aside class="a-completer" aria-labelledby="a-completer-titre">'
            '<p class="a-completer-titre" id="a-completer-titre"><strong>Cette page est à compléter par '
            "l'équipe qui mène l'action</strong></p>"
            '<p>La source ne donne pas toutes les informations de cette page. Les valeurs marquées '
            f"« {esc(confirm.LABEL)} » sont un choix du centre de ressources : l'équipe doit les confirmer ou "
            "les corriger.</p>"
            f'{lacking}'
            f'<p>Vous faites partie de cette équipe ? <a href="{guide}">Complétez cette page</a>{edit}. '
            "Écrivez seulement ce que vous savez : un champ vide vaut mieux qu'une information inventée.</p>"
            '</aside>')


def _falc_section(corpus: Corpus, record: Record) -> str:
    method = corpus.records.get(falc.METHOD_FICHE[0], {}).get(falc.METHOD_FICHE[1])
    return (f'<div class="falc">{md(record.data["falc"])}</div>'
            + falc.review_note(record.data, record.url, method.url if method else None))


def record_page(corpus: Corpus, record: Record, forge: Forge | None = None) -> Page:
    data, c = record.data, record.collection
    facts, keyed = _SECTIONS[c](corpus, record)
    facts = facts + _common_facts(corpus, record)
    if "ressources" in data:
        keyed.append(("ressources", _resources(record)))
    if "falc" in data:
        keyed.append(("falc", _falc_section(corpus, record)))
    facts, keyed = _confirm_marks(record, facts, keyed)
    # Sections named by a key take their title from the schema; the others are pages' own words.
    sections = [(heading(c, key), html) for key, html in keyed]
    sections.append(_usage_section(corpus, record))
    related = _related(corpus, record)
    if related:
        sections.append(("Pour aller plus loin", related))
    if "contributeurs" in data:
        sections.append((heading(c, "contributeurs"), _list(f"{p['nom']} ({p['role']})" for p in data["contributeurs"])))
    mots = data.get("mots_cles", [])
    header = (f'<header class="record-header">\n'
              f'<p class="record-kind"><span class="badge badge-{record.collection}">{esc(kind_label(record))}</span></p>\n'
              f'<h1 class="record-title">{esc(record.title)}</h1>\n'
              f'<p class="record-summary">{esc(data["resume"])}</p>\n'
              f'{_facts(facts)}\n{_chips(corpus, record, record.url)}\n'
              + (f'<p class="record-keywords">{esc(label(c, "mots_cles"))} : {esc(", ".join(mots))}</p>\n' if mots else "")
              + _header_usage(record)
              + f'<p class="record-date">Mise à jour le <time datetime="{data["date_maj"].isoformat()}">'
              f'{numeric_date(data["date_maj"])}</time></p>\n</header>\n')
    if data.get(confirm.FIELD):
        header += _invitation_to_complete(record, forge) + "\n"
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
    return Page(f"{record.url.rstrip('/')}.md", record.url, record.title, body, meta, source=record.path)


# --- retours d'expérience on the records they used (core/retours.py writes the retours' own pages) ---

USAGE_ANCHOR = "retours"  # the id of the « Utilisée N fois » section, linked from the header


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def month_year(date) -> str:
    """``2026-03-12`` -> « mars 2026 »: a retour is dated to the month."""
    return f"{MONTHS[date.month - 1]} {date.year}"


def used_times(record: Record, count: int) -> str:
    """« Utilisée 2 fois »: the participle agrees with the record's noun (fiche, pratique, méthodologie)."""
    return f"Utilisé{'e' if NOUNS[record.collection].feminine else ''} {count} fois"


def retour_form_param(collection: str) -> str:
    """The address parameter that preselects a record in the retour form: ``fiche``, ``pratique``, ``methodologie``."""
    return slug(NOUNS[collection].word)


def retour_form_link(record: Record) -> str:
    """The retour form, relative to ``record``'s page, with this record already chosen (?fiche=<id>)."""
    return f"{rel_url(record.url, urls.RETOUR_FORM)}?{retour_form_param(record.collection)}={record.id}"


def _card_usage(record: Record) -> str:
    count = len(record.related.get("retours", []))
    return f'<p class="card-usage">{esc(used_times(record, count))}</p>' if count else ""


def _header_usage(record: Record) -> str:
    count = len(record.related.get("retours", []))
    return (f'<p class="record-usage"><a href="#{USAGE_ANCHOR}">{esc(used_times(record, count))}</a></p>\n'
            if count else "")


def retour_line(corpus: Corpus, retour: Record, here: str) -> str:
    """One retour in a list: its title (a link), the structure, the territories and the month."""
    data = retour.data
    places = ", ".join(corpus.label("territoires", t) for t in data["territoires"])
    return (f'<li class="retour-item"><a href="{esc(rel_url(here, retour.url))}">{esc(retour.title)}</a>'
            f'<span class="retour-meta"> — {esc(data["structure"])}, {esc(places)}, '
            f'<time datetime="{data["date"].isoformat()}">{esc(month_year(data["date"]))}</time></span></li>')


def _usage_section(corpus: Corpus, record: Record) -> tuple:
    """(title, html): the retours that used the record, most recent first, and the link to tell one."""
    retours = corpus.retours(record)
    noun = NOUNS[record.collection]
    this = f"{'cette' if noun.feminine else 'ce'} {noun.word}"
    invite = (f'<p class="retour-invite"><a class="md-button" href="{esc(retour_form_link(record))}">'
              f'Raconter une utilisation</a></p>')
    if not retours:
        return (f"Retours d'expérience {{#{USAGE_ANCHOR}}}",
                f'<p>Personne n\'a encore raconté son utilisation de {esc(this)}. Vous l\'avez '
                f'utilisé{"e" if noun.feminine else ""} ? Racontez en quelques lignes comment cela s\'est passé : d\'autres en profiteront.</p>'
                + invite)
    items = "".join(retour_line(corpus, r, record.url) for r in retours)
    return (f"{used_times(record, len(retours))} {{#{USAGE_ANCHOR}}}",
            f'<ul class="retours-liste">{items}</ul>' + invite)


# --- catalogues and facet pages --------------------------------------------------------

_INTROS = {
    "pratiques": "Des actions collectives et des démarches menées avec les personnes concernées, pour s'en inspirer.",
    "fiches": "Des fiches méthode, outil et repère pour préparer et animer des actions avec les personnes concernées.",
    "methodologies": "Des méthodologies de projet pour se demander, à chaque étape, qui, quand et comment associer les personnes concernées.",
}


def list_meta() -> dict:
    """Front matter of list pages: the catalogue template, no (empty) table of contents beside the cards,
    and the filters' stylesheet and script (``centre_assets``: only the pages that name them load them,
    overrides/main.html)."""
    return {"render_macros": False, "template": "catalogue.html", "hide": ["toc"], "centre_assets": ["catalogue"]}


def _list_page(src_uri: str, url: str, title: str, intro: str, body: str, source=None, menu=None) -> Page:
    text = f'<h1>{esc(title)}</h1>\n<p class="page-intro">{intro}</p>\n\n{body}'
    return Page(src_uri, url, title, text, list_meta(), source, menu)


def _count(records: list) -> str:
    return f'<p class="count">{len(records)} ressource{"s" if len(records) > 1 else ""}</p>'


def catalogue_page(corpus: Corpus, collection: str) -> Page:
    url = urls.collection(collection)
    records = list(corpus.records[collection].values())
    count = f'<p class="count">{len(records)} {esc(COLLECTION_LABELS[collection][1 if len(records) > 1 else 0].lower())}</p>'
    return _list_page(f"{collection}/index.md", url, COLLECTION_LABELS[collection][1],
                      esc(_INTROS[collection]), count + "\n" + cards(corpus, records, url), menu="")


def _invitation(name: str, here: str, proposals) -> str:
    """What the page of a value with no resource says instead of an empty list: propose one."""
    links = "".join(f'<li><a href="{esc(rel_url(here, url))}">{esc(text)}</a></li>' for url, text in proposals)
    return (f'<div class="facette-vide"><p class="count">Aucune ressource pour « {esc(name)} » pour l\'instant.</p>\n'
            '<p>Vous connaissez une action ou une façon de faire utile sur ce sujet ? Proposez-la au centre :</p>\n'
            f'<ul class="facette-propositions">{links}</ul></div>')


def facet_pages(corpus: Corpus, proposals=()) -> list[Page]:
    """For each facet with a folder: a page per value (its records) and an index of the values.

    A value no record holds still has its page (it is a valid value someone may link to), which
    invites to propose a resource (``proposals``: (site URL, link text) of the "Proposer" forms);
    the index lists only the values that have resources.
    """
    pages = []
    for facet in FACETS:
        if not facet.folder:
            continue
        source = f"data/referentiels/{facet.vocabulary}.yml" if facet.vocabulary else None
        matching: dict = {value: [] for value in facet.labels(corpus.vocabularies)}
        for record in corpus.resources():
            for value in facet.values(record):
                matching[value].append(record)
        items = []
        for value, name in facet.labels(corpus.vocabularies).items():
            url = urls.facet_value(facet.folder, value)
            records = matching[value]
            description = facet.description(corpus.vocabularies, value)
            intro = esc(description) if description else f"Les ressources pour : {esc(name)}."
            listing = _count(records) + "\n" + cards(corpus, records, url) if records else _invitation(name, url, proposals)
            pages.append(_list_page(f"{facet.folder}/{value}.md", url, name, intro, listing, source))
            if records:
                items.append(f'<li><a href="{esc(value)}/">{esc(name)}</a> <span class="count">({len(records)})</span></li>')
        pages.append(_list_page(f"{facet.folder}/index.md", urls.facet_index(facet.folder), facet.title,
                                f"Parcourir les ressources par {esc(facet.legend[:1].lower() + facet.legend[1:])}.",
                                f'<ul class="facet-index">{"".join(items)}</ul>', source, menu=urls.EXPLORER))
    return pages
