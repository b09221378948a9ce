"""A pratique's page: how its own kinds of values are shown (period, indicators, testimonies, contact).

The pratique's header facts and sections, and their order, are declared in ``core/schema/collections.py``;
the page around them (title, facts, chips, usage, related records) is ``core/render/record.py``.
Every other key is shown by its type (``core/render/components.py``).
"""

from __future__ import annotations

from typing import Any

from ..corpus import Corpus, Record
from ..markup import Markup, html, join
from ..schema import COLLECTIONS, Obj
from .components import Renderer


def period(corpus: Corpus, record: Record, value: dict[str, int]) -> Markup:
    """« 2021 – 2023 », or « depuis 2021 » while it goes on."""
    return html("{} – {}", value["debut"], value["fin"]) if value.get("fin") else html("depuis {}", value["debut"])


def indicators(corpus: Corpus, record: Record, value: list[dict[str, Any]]) -> Markup:
    """A table of the measured effects, its columns named by the schema."""
    item = COLLECTIONS[record.collection].fields["indicateurs"].type.item
    assert isinstance(item, Obj)
    head = join(html("<th>{}</th>", item.fields[key].label) for key in ("libelle", "valeur", "annee", "source"))
    rows = join(html("<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>", i["libelle"], i["valeur"],
                     html(" {}", i["unite"]) if "unite" in i else "", i.get("annee", ""), i.get("source", ""))
                for i in value)
    return html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, rows)


def testimonies(corpus: Corpus, record: Record, value: list[dict[str, Any]]) -> Markup:
    """Quotes, each with its author's role."""
    return join(html('<figure class="temoignage"><blockquote><p>{}</p></blockquote>'
                     "<figcaption>— {}</figcaption></figure>", t["citation"], t["auteur"]) for t in value)


def contact(corpus: Corpus, record: Record, value: dict[str, str]) -> Markup:
    """The structure, its service and its institutional address, one per line."""
    parts: list[str] = [value["structure"]] + ([value["service"]] if "service" in value else [])
    if "courriel" in value:
        parts.append(html('<a href="mailto:{0}">{0}</a>', value["courriel"]))
    return html("<p>{}</p>", join(parts, "<br>"))


FACTS: dict[str, Renderer] = {"periode": period}
SECTIONS: dict[str, Renderer] = {"indicateurs": indicators, "temoignages": testimonies, "contact": contact}
