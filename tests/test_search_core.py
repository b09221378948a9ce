"""The French normaliser, stemmer, glossary and compact index of core/search_tokens.py and core/search.py (no browser)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import search_query
from corpus_words import corpus_chunks
from lunr.index import Index

from core import corpus as corpus_module
from core import search, search_tokens
from core.render.components import kind_label
from core.text import fold

SEARCH_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"


@pytest.mark.parametrize("typed, indexed", [
    ("conference familiale", "Conférence familiale"),
    ("CONFÉRENCE", "conférence"),
    ("atelier", "l'atelier"),
    ("atelier", "l’atelier"),
    ("oeuvre", "œuvre"),
    ("Oeuvres", "ŒUVRE"),
    ("ex aequo", "ex æquo"),
    ("famille", "familles"),
    ("familial", "familiaux"),
    ("collectif", "collectives"),
    ("collectifs", "collective"),
    ("social", "sociaux"),
    ("travailleur", "travailleuse"),
    ("accompagne", "accompagnées"),
    ("participer", "participe"),
    ("ateliers", "atelier"),
])
def test_people_type_what_the_text_says(typed, indexed):
    assert search_tokens.normalise(typed) == search_tokens.normalise(indexed)


def test_hyphenated_words_are_indexed_split_and_joined():
    assert search_tokens.normalise("pair-aidance") == ["pair", "aidanc", "pairaidanc"]
    assert search_tokens.normalise("pairaidance") == ["pairaidanc"]
    assert search_tokens.normalise("pair aidance") == ["pair", "aidanc"]
    assert search_tokens.normalise("Pair\u2011aidance") == search_tokens.normalise("pair-aidance")  # non-breaking hyphen


def test_apostrophes_and_stop_words():
    assert search_tokens.normalise("l'atelier d’écriture") == ["ateli", "ecritur"]
    assert search_tokens.normalise("Qu'est-ce que le pouvoir d'agir ?") == ["est", "estc", "pouvoir", "agir"]
    assert search_tokens.normalise("de la et les") == []


def test_acronyms_and_short_words_are_not_stemmed():
    for word in ("ase", "ccas", "mdms", "rsa", "falc", "pair", "dpa"):
        assert search_tokens.stem(word) == word
    assert search_tokens.normalise("5e collège") == ["5e", "colleg"]


def test_stemming_only_shortens_or_rewrites_the_end():
    for word in ("participation", "participatif", "conference", "accompagnement", "familiale", "territoires"):
        stemmed = search_tokens.stem(fold(word))
        assert word.startswith(stemmed[:4]) and len(stemmed) <= len(word)
    # A prefix typed so far still matches the stem of the whole word.
    assert search_tokens.stem("participation").startswith("particip")


@pytest.mark.parametrize("word, stemmed", [
    ("bureaux", "bureau"), ("chevaux", "cheval"), ("sociaux", "social"), ("enfants", "enfant"),
    ("stress", "stress"),  # "ss" -> "ss" comes before "s" in its group
    ("collectives", "collectif"), ("travailleuses", "travailleur"), ("animatrice", "animateur"),
    ("participer", "particip"), ("hiver", "hiver"),  # -er only from six letters
    ("accompagnees", "accompagn"), ("familles", "famil"), ("terre", "ter"), ("allee", "all"),
])
def test_stemmer_rules_apply_group_after_group(word, stemmed):
    # One rule at most per group (the first that fits), then the next group.
    assert search_tokens.stem(word) == stemmed


def _stem_from_table(word: str, table: dict) -> str:
    """Python twin of stem() in normaliser.js: the rules as the index file carries them."""
    if len(word) < table["minLength"] or not word.isalpha():
        return word
    for group in table["groups"]:
        for rule in group:
            if len(word) >= rule["minLength"] and word.endswith(rule["suffix"]):
                word = word[:len(word) - len(rule["suffix"])] + rule["replacement"]
                break
    return word


def test_the_stemmer_table_of_the_index_file_gives_the_same_stems():
    table = json.loads(json.dumps(search_tokens.stemmer_table()))
    assert table["minLength"] == search_tokens.STEM_MIN
    words = {w for chunk in corpus_chunks() for w in search_tokens.words(chunk)}
    assert len(words) > 1000
    differ = [(w, search_tokens.stem(w), _stem_from_table(w, table)) for w in sorted(words)
              if search_tokens.stem(w) != _stem_from_table(w, table)]
    assert differ == []


def test_glossary_maps_every_form_to_its_term():
    glossary = search_tokens.Glossary.from_entries([
        {"terme": "DPA", "developpement": "Développement du pouvoir d'agir", "definition": "x" * 10,
         "synonymes": ["pouvoir d'agir", "DPA-PC"]},
        {"terme": "Pair-aidance", "definition": "x" * 10, "synonymes": ["pair aidance", "pairs-aidants"]},
    ])
    assert glossary.phrases["developpement pouvoir agir"] == ["dpa"]
    assert glossary.phrases["pouvoir agir"] == ["dpa"]
    assert glossary.phrases["dpa pc"] == ["dpa"]
    assert glossary.phrases["pair aidanc"] == ["pairaidanc"]
    assert glossary.phrases["pair aidant"] == ["pairaidanc"]
    text = "Le développement du pouvoir d’agir passe par la pair-aidance."
    assert search_tokens.field_tokens(text, glossary)[-2:] == ["dpa", "pairaidanc"]
    assert "dpa" not in search_tokens.field_tokens("Le pouvoir des mots", glossary)


@pytest.fixture(scope="module")
def fixture_documents():
    corpus = corpus_module.load(SEARCH_FIXTURE)
    glossary = search_tokens.Glossary.from_entries(corpus.glossary)
    return [search.record_document(corpus, r, kind_label(r)) for r in corpus.all_records()], glossary


def test_record_documents_carry_title_labels_and_every_text_field(fixture_documents):
    documents, _ = fixture_documents
    by_id = {d.record_id: d for d in documents}
    pratique = by_id["reseau-pair-aidance"]
    assert pratique.url == "pratiques/reseau-pair-aidance/"
    assert pratique.kind == "Pratique inspirante"
    assert "Vénissieux" in pratique.keywords and "Familles" in pratique.keywords
    assert "une fois par mois" in pratique.text
    fiche = by_id["evaluer-une-action"]
    assert fiche.kind == "Fiche outil"
    assert "Relire ensemble" in fiche.text and "conférence familiale" in fiche.text


def test_numbers_written_as_text_read_back():
    numbers = [0, 1, 31, 32, 33, 1023, 1024, 32767, 32768, 10**9]
    text = search.write_numbers(numbers)
    assert search.read_numbers(text) == numbers
    assert [len(search.write_numbers([n])) for n in numbers] == [1, 1, 1, 2, 2, 2, 3, 3, 4, 6]
    assert set(text) <= set(search.LAST + search.MORE) and '"' not in text and "\\" not in text


def test_compact_index_gives_the_same_results_as_lunr(fixture_documents):
    documents, glossary = fixture_documents
    serialised = search.build_index(documents, glossary)
    assert serialised["pipeline"] == []  # no English stemmer, no stop word filter of lunr's
    compact = search.compact(serialised)
    original, restored = Index.load(serialised), Index.load(search_query.expand(json.loads(json.dumps(compact))))
    for query in ("famil", "conferenc familial", "pairaidanc", "dpa", "ateli", "particip*", "oeuvr"):
        expected = [(r["ref"], round(r["score"], 1)) for r in original.search(query)]
        assert expected, query
        assert [(r["ref"], round(r["score"], 1)) for r in restored.search(query)] == expected


def test_titles_outrank_passing_mentions(fixture_documents):
    documents, glossary = fixture_documents
    index = Index.load(search.build_index(documents, glossary))
    for query, expected in (("conferenc familial", "organiser-une-conference-familiale"),
                            ("oeuvr", "mettre-en-oeuvre"), ("pairaidanc", "reseau-pair-aidance")):
        top = documents[int(index.search(query)[0]["ref"])]
        assert top.record_id == expected, query


def test_page_text_leaves_out_title_scripts_and_permalinks():
    html = ('<h1 id="x">Contribuer<a class="headerlink" href="#x">¶</a></h1><p>Le centre vit des '
            '<strong>contributions</strong>.</p><script>var x = 1;</script><h2 id="y">Étapes<a class="headerlink" '
            'href="#y">¶</a></h2>')
    document = search.page_document("contribuer/", "Contribuer", html)
    assert document.text == "Le centre vit des contributions . Étapes"
    assert document.kind == "Page"


def test_the_index_is_built_without_network(tmp_path):
    # lunr's language support would download NLTK data: the module must not even import it.
    code = "import sys, core.search; print('nltk' in sys.modules)"  # core is installed in the venv
    result = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_fast_builder_serialises_exactly_like_lunr(fixture_documents, monkeypatch):
    documents, glossary = fixture_documents
    ours = search.build_index(documents, glossary)
    from lunr.builder import Builder
    monkeypatch.setattr(search, "_Builder", Builder)  # lunr's own builder, tokenizer and all
    assert search.build_index(documents, glossary) == ours
