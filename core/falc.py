"""Check that a record's easy-to-read (FALC) text follows the FALC rules it claims to follow, and
say on its pages whether people concerned have reviewed it.

The rules a machine can see are in :mod:`core.falc_rules`, on one Markdown text
(:func:`~core.falc_rules.problems_in` returns (offset, message) pairs). Here the record:
:func:`check` runs them on ``falc_titre`` and ``falc``, holds their obligation and guarantee words
against the record's full text (:func:`commitment_problems`), and turns every finding into a
:class:`~core.problems.Problem` with the line inside the YAML file; :func:`check_reviewer` refuses a
person's name as reviewer. What only a reader can judge (common words, one idea per sentence) is
left to the review by people concerned, recorded in ``falc_relu_par`` / ``falc_relu_le``: the pages
show its state (:func:`review_note`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import reader
from .falc_rules import _start, in_capitals, problems_in, unsupported_commitments
from .personal_data import FULL_NAME_RE
from .problems import Problem
from .text import numeric_date

if TYPE_CHECKING:  # for annotations only: the validation path loads no Markdown library
    from .markup import Markup

FIELD = "falc"
TITLE_FIELD = "falc_titre"  # the easy-to-read title: the heading and <title> of the easy-to-read page

# --- the full text, for obligations and guarantees -----------------------------------------------

# Keys of a record that are not its full text: the easy-to-read version itself, lists of words and
# credits, and the maintainers' notes.
_NOT_FULL_TEXT = {FIELD, TITLE_FIELD, "falc_relu_par", "falc_relu_le", "mots_cles", "contributeurs",
                  "rgpd_verifie", "a_confirmer", "ressources"}


def full_text(data: dict) -> str:
    """Every text of the record but its easy-to-read version and its notes, one sentence per line."""
    parts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for key, value in data.items():
        if key not in _NOT_FULL_TEXT:
            walk(value)
    return "\n\n".join(parts)


def commitment_problems(text: str, data: dict) -> list[tuple[int, str]]:
    """(offset, message) for each obligation or guarantee word of ``text`` the record's full text does not state."""
    return [(offset, f"« {word} » promet ou oblige ({family}) alors que la version complète de cette ressource ne le "
                     f"dit pas : écrivez ce que la source permet (« peuvent », « demandez », « posez la question »), "
                     f"ou écrivez d'abord cette obligation dans la version complète")
            for offset, word, family in unsupported_commitments(text, full_text(data))]


# --- the check ---------------------------------------------------------------------------------

def check(document: reader.Document, data: dict) -> list[Problem]:
    """Errors for each FALC rule the record's ``falc`` text breaks, on the line of the YAML file."""
    found = check_reviewer(document, data)
    title = data.get(TITLE_FIELD)
    if title and in_capitals(title):
        # Its words are not sigles to explain: the one problem is the capitals.
        found.append(Problem(document.path, document.line((TITLE_FIELD,)), TITLE_FIELD,
                             f"titre en capitales « {_start(title)} » : les capitales se lisent mal, écrivez-le en "
                             "minuscules avec une majuscule au début"))
    for key in (TITLE_FIELD, FIELD):
        text = data.get(key)
        if text and not (key == TITLE_FIELD and in_capitals(text)):
            found += [Problem(document.path, document.text_line((key,), offset), key, message)
                      for offset, message in sorted(problems_in(text) + commitment_problems(text, data))]
    return found


def title(data: dict) -> str:
    """The easy-to-read title of a record: ``falc_titre`` (required with ``falc``), else its title."""
    return data.get(TITLE_FIELD) or data["titre"]


def check_reviewer(document: reader.Document, data: dict) -> list[Problem]:
    """``falc_relu_par`` names a group (« le comité de participation »), never a person (same test as a quote's author)."""
    reviewer = data.get("falc_relu_par")
    if reviewer and FULL_NAME_RE.match(reviewer):
        return [Problem(document.path, document.line(("falc_relu_par",)), "falc_relu_par",
                        f"« {reviewer} » ressemble au nom d'une personne : indiquez le groupe qui a relu "
                        "(« le comité de participation »), jamais une personne")]
    return []


# --- what the pages say about the review -------------------------------------------------------

GUIDE_URL = "contribuer/"
REVIEW_ANCHOR = "relecture-falc"
METHOD_FICHE = ("fiches", "ecrire-en-falc")  # the fiche that says the review is compulsory
NOT_REVIEWED = "Ce texte n'a pas encore été relu par des personnes concernées."


def reviewed(data: dict) -> str | None:
    """« Relu par <groupe> le <date>. », or None when no review is recorded."""
    if data.get("falc_relu_par") and data.get("falc_relu_le"):
        return f"Relu par {data['falc_relu_par']} le {numeric_date(data['falc_relu_le'])}."
    return None


def review_note(data: dict, here: str | None = None, method_url: str | None = None, easy: bool = False) -> Markup:
    """The review status of a FALC text, one discreet line for its readers.

    The invitation to organise the review is addressed to the team, on the maintainers' page
    (:func:`core.contribution.review_page`), never to the people the text is written for.
    ``here``, ``method_url`` and ``easy`` are kept for the callers written before that move.
    """
    # Imported here: the validation path (scripts/validate.py, the pre-commit hook) loads no Markdown library.
    from .markup import html

    done = reviewed(data)
    if done:
        return html('<p class="falc-review falc-review-done">{}</p>', done)
    return html('<p class="falc-review falc-review-todo">{}</p>', NOT_REVIEWED)
