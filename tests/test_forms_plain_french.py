"""The "Proposer" forms speak plain French: no key, no code, no slip; an error summary at the top.

What a person reads and what a screen reader says (visible text and accessible names), before
and after asking for the errors, must not contain any internal word of the schema. The list of
those words is read off the schema itself, so a new field or value is covered without editing
this file.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, serve, visible
from test_contribution_form import fill_fiche

from core.corpus import load
from core.schema import COLLECTIONS, FORM_MESSAGES, NOUNS, Noun, json_schema

FORMS = {"pratiques": "proposer/pratique/", "fiches": "proposer/fiche/", "methodologies": "proposer/methodologie/"}
# Slips of French the forms once made: an article not elided, a label "Ajouter : noun".
SLIPS = [re.compile(r"\bde une?\b", re.IGNORECASE), re.compile(r"\bde le\b", re.IGNORECASE), re.compile(r"Ajouter :"),
         re.compile(r"Retirer (?!l[ae' ])\w")]
# Codes that are also plain French words, which the forms write as such. None today: the code of
# « par participant » is « participant », a word of its own label, not « personne ».
FRENCH_WORDS: set[str] = set()


def _labels(node, found: dict) -> dict:
    """Every code of an enum with its French label (x-labels), anywhere in an exported schema."""
    if isinstance(node, dict):
        for code, label in (node.get("x-labels") or {}).items():
            found[code] = label
        for child in node.values():
            _labels(child, found)
    elif isinstance(node, list):
        for child in node:
            _labels(child, found)
    return found


def forbidden_words(collection: str) -> set:
    """Keys with "_" of every collection, and every enum code that is not its own label.

    A code that is a word of its label ("outil" for « Fiche outil », "habitants" for « Habitants
    du quartier ») is plain French; "terminee", "co-decision" or "en-projet" are not.
    """
    corpus = load(FIXTURES / "site")
    titles = {name: {rid: record.title for rid, record in records.items()} for name, records in corpus.records.items()}
    words = {key.rsplit(".", 1)[-1] for declaration in COLLECTIONS.values() for key, _ in declaration.walk()
             if "_" in key.rsplit(".", 1)[-1]}
    for name in COLLECTIONS:
        for code, label in _labels(json_schema(name, corpus.vocabularies, titles), {}).items():
            if code.casefold() not in re.findall(r"[\w-]+", str(label).casefold()):
                words.add(code)
    return words - FRENCH_WORDS


def leaks(text: str, words: set) -> list:
    text = visible(text)
    found = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    found += [slip.pattern for slip in SLIPS if slip.search(text)]
    return sorted(found)


def readable(page) -> str:
    """The visible text and the accessible names (aria snapshot, link targets left out)."""
    snapshot = "\n".join(line for line in page.locator("body").aria_snapshot().splitlines()
                         if not line.strip().startswith("- /url:"))
    return page.locator("body").inner_text() + "\n" + snapshot


@pytest.fixture(scope="module")
def served(fixture_site):
    base, stop = serve(fixture_site.path)
    yield base
    stop()


@pytest.fixture
def page(browser, served):
    context = browser.new_context()
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    assert tab.errors == []
    context.close()


def test_forbidden_words_come_from_the_schema():
    """The check is not empty: it knows the keys and codes the issue saw leak."""
    words = forbidden_words("pratiques")
    assert {"niveau_participation", "date_maj", "terminee", "en-projet", "faire-avec", "co-decision"} <= words
    assert "former" not in words  # a code that is its own label ("Former") is a plain word


def test_nouns_get_their_articles():
    assert [NOUNS[c].of_a for c in FORMS] == ["d'une pratique", "d'une fiche", "d'une méthodologie"]
    assert (Noun("étape", feminine=True).the, Noun("indicateur").a, Noun("témoignage").of_the) == \
        ("l'étape", "un indicateur", "du témoignage")
    assert Noun("héros", elided=False).the == "le héros"


@pytest.mark.parametrize("collection", FORMS)
def test_sections_hold_every_field_once(collection):
    sections = json_schema(collection)["x-sections"]
    keys = [key for part in sections for key in part["keys"]]
    assert sorted(keys) == sorted(COLLECTIONS[collection].fields)
    assert sections[0]["title"] == "L'essentiel" and sections[0]["keys"][0] == "titre"
    assert not any("{name}" in message for message in FORM_MESSAGES.values())


@pytest.mark.parametrize("collection", FORMS)
def test_form_speaks_plain_french_and_summarises_errors(page, served, collection):
    words = forbidden_words(collection)
    noun = NOUNS[collection]
    page.goto(served + FORMS[collection])
    assert leaks(readable(page), words) == []
    text = visible(page.locator("article").inner_text())
    assert f"Titre {noun.of_the}" in text and "« Envoyer à l'équipe du centre »" in text
    for other in FORMS:
        if NOUNS[other].word != noun.word:
            assert f"Titre {NOUNS[other].of_the}" not in text

    # The outline lists the titled parts of the schema, each a link to its heading.
    sections = json_schema(collection)["x-sections"]
    outline = page.locator("nav.proposer-outline a")
    assert outline.all_inner_texts() == [part["title"] for part in sections] + ["Envoyer votre proposition"]
    for link in outline.all():
        target = page.locator(link.get_attribute("href"))
        assert target.locator("h2").first.inner_text() == link.inner_text()

    # Submitting the empty form: a summary at the top, focused, one link per problem.
    assert page.locator("#proposer-resume-erreurs").is_hidden()
    page.get_by_role("button", name=f"Vérifier {noun.the}").click()
    summary = page.locator("#proposer-resume-erreurs")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "proposer-resume-erreurs"
    links = summary.locator("a")
    count = links.count()
    assert count > 3
    assert summary.locator("h2").inner_text() == f"Il y a {count} points à corriger"
    assert f"{count} points à corriger" in page.locator(".proposer-status").inner_text()
    # The summary sits above the form.
    assert page.evaluate("""() => document.querySelector('#proposer-resume-erreurs')
        .compareDocumentPosition(document.querySelector('.proposer-form')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    assert leaks(readable(page), words) == []

    # Each link moves the focus to its own field, whose label starts the link's text.
    for index in range(count):
        link = links.nth(index)
        label = visible(link.inner_text()).split(" : ")[0].split(" — ")[-1]
        link.click()
        focused = page.evaluate("""() => { const el = document.activeElement;
            const field = el.closest('.proposer-field');
            return [el.id, field.querySelector('.proposer-label-text').textContent]; }""")
        assert [focused[0], visible(focused[1])] == [link.get_attribute("href")[1:], label]
        # Its inline error is tied to the field it describes.
        control = page.locator("#" + focused[0])
        described = (control.get_attribute("aria-describedby") or page.evaluate(
            "id => document.getElementById(id).closest('fieldset').getAttribute('aria-describedby')", focused[0]))
        assert any(page.locator("#" + ref).is_visible() and "proposer-error" in page.locator("#" + ref).get_attribute("class")
                   for ref in described.split())


def test_repeatable_items_and_rules_use_labels(page, served):
    page.goto(served + FORMS["pratiques"])
    page.get_by_role("button", name="Ajouter une ressource").click()
    page.fill('[name="ressources[1].titre"]', "Guide")
    page.fill('[name="ressources[1].url"]', "https://example.org/guide")
    page.fill('[name="ressources[1].fichier"]', "assets/guide.pdf")
    page.get_by_role("button", name="Ajouter un témoignage").click()
    page.fill('[name="temoignages[1].citation"]', "On se sent moins seuls.")
    page.get_by_role("button", name="Vérifier la pratique").click()
    texts = [visible(text) for text in page.locator("#proposer-resume-erreurs a").all_inner_texts()]
    assert "Ressource 1 : indiquez soit « Adresse web », soit « Fichier sous docs/ », pas les deux" in texts
    assert "Témoignage 1 — Auteur (un rôle, jamais un nom) : ce champ est obligatoire" in texts
    assert page.get_by_role("button", name="Retirer la ressource 1").is_visible()
    assert leaks(readable(page), forbidden_words("pratiques")) == []


def test_a_correct_form_sends_the_focus_to_the_sending_step(page, served):
    page.goto(served + FORMS["fiches"])
    fill_fiche(page)
    page.get_by_role("button", name="Vérifier la fiche").click()
    assert page.locator("#proposer-resume-erreurs").is_hidden()
    assert page.evaluate("document.activeElement.id") == "proposer-sortie-titre"
    # The fixture site has no team address: the form says so (tests/test_envoyer_browser.py has one).
    assert visible(page.locator(".proposer-status").inner_text()).startswith(
        "Tout est correct. Ce site n'a pas d'adresse de contact configurée")
    # The file is there for the team, second and folded.
    assert page.locator("#proposer-yaml").is_hidden()
    page.get_by_text("Pour les membres de l'équipe").click()
    page.get_by_text("Voir le fichier", exact=True).click()
    assert "type: methode" in page.locator("#proposer-yaml").input_value()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_after_submit(browser, served, scheme):
    """At 390 px the summary, the outline and the fields fit: no sideways scrolling."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served + FORMS["pratiques"])
        page.get_by_role("button", name="Vérifier la pratique").click()
        assert page.locator("#proposer-resume-erreurs").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("#proposer-resume-erreurs").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        # The focused summary is in view, under the sticky header rather than behind it.
        header = page.locator("header.md-header").bounding_box()
        assert header["y"] + header["height"] <= box["y"] < 844
    finally:
        context.close()
