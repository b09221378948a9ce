"""The preview's shortcuts (issue 16): what ``make serve`` reuses between rebuilds changes nothing.

- ``core.memo``: results kept from one build to the next, forgotten when unused, never shared
  between two versions of a function;
- the search files built with the preview's memo are the files of a cold build, after an edit too,
  and only the edited document's texts are tokenised again;
- the served site after edits: a removed record's page and the previous search files are gone (the
  site folder is no longer deleted before each rebuild), an edited template shows (compiled
  templates are kept between rebuilds, checked against their source).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import urllib.error
import urllib.request

import pytest
from _serve import make_serve, record_title, wait_for
from conftest import FIXTURES, ROOT, make_project

from core import corpus as corpus_module
from core import search
from core.memo import Memo


def test_memo_keeps_what_the_last_build_used():
    memo, calls = Memo(), []

    def upper(text):
        calls.append(text)
        return text.upper()

    assert memo.of_text(upper, "a") == "A" and memo.of_text(upper, "b") == "B"
    memo.new_build()
    assert memo.of_text(upper, "a") == "A"  # reused
    assert calls == ["a", "b"] and (memo.hits, memo.misses) == (1, 0)
    memo.new_build()  # "b" was not used by the last build: forgotten
    assert memo.of_text(upper, "b") == "B" and calls == ["a", "b", "b"]
    assert memo.of_text(upper, "a") == "A" and calls == ["a", "b", "b"]  # "a" was used: still kept

    def upper_again(text):  # the same code imported afresh is another function: nothing shared
        calls.append(text)
        return text.upper() + "!"

    assert memo.of_text(upper_again, "a") == "A!"


def _pages():
    html = "<h1>Contribuer</h1><p>Proposer une pratique : le formulaire et la relecture par l'équipe.</p>"
    return [search.page_document("contribuer/", "Contribuer", html)]


def test_search_files_with_the_preview_memo_are_those_of_a_cold_build():
    corpus = corpus_module.load(FIXTURES / "site")
    pages = _pages()
    cold = search.site_files(corpus, pages)
    memo = Memo()
    documents = search.site_documents(corpus, pages)
    assert search.site_files(corpus, pages, documents, memo) == cold
    first_misses = memo.misses
    assert first_misses > 4 * len(documents)  # four fields and a text per document, at least

    # A rebuild with nothing changed computes nothing again.
    memo.new_build()
    assert search.site_files(corpus, pages, search.site_documents(corpus, pages), memo) == cold
    assert memo.misses == 0 and memo.hits >= first_misses

    # One document edited: its fields are computed again, the others reused; same files as cold.
    memo.new_build()
    edited = [dataclasses.replace(documents[0], title="Un titre modifié pour la recherche", text="Texte neuf")] + documents[1:]
    expected = search.site_files(corpus, pages, edited)
    assert search.site_files(corpus, pages, edited, memo) == expected != cold
    assert 0 < memo.misses <= 4
    assert json.loads(expected[search.INDEX_FILE])["docs"][0][1] == "Un titre modifié pour la recherche"


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read().decode("ascii"))


@pytest.fixture
def served_own_theme(tmp_path):
    """make serve on the fixture data, with a copy of overrides/ that the test may edit."""
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    (project / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project / "overrides")
    env = {**os.environ, "FORGE_URL": "", "CENTRE_CACHE": str(tmp_path / "cache")}
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log, make_serve(project, log, env) as (_, base):
        yield project, base, log


def test_served_site_after_edits_holds_no_stale_file_and_follows_templates(served_own_theme):
    project, base, log = served_own_theme

    def output():
        log.seek(0)
        return log.read()

    page = base + "fiches/animer-un-groupe/"
    assert wait_for(lambda: record_title(page), 120), output()
    before = _json(base + "search/recherche.json")
    old_files = {before["texts"], *(name for _, name in before["shards"])}

    # A record removed (a methodology no record links to): its page is no longer served, and the
    # search no longer names it.
    removed = base + "methodologies/associer/"
    assert _status(removed) == 200
    (project / "data" / "methodologies" / "associer.yml").unlink()
    assert wait_for(lambda: _status(removed) == 404, 90), output()
    assert record_title(page), "the other pages are still served"
    after = _json(base + "search/recherche.json")
    assert all(doc[0] != "methodologies/associer/" for doc in after["docs"])
    assert any(doc[0] == "methodologies/associer/" for doc in before["docs"])
    # The previous index's files that this one does not name are gone from the served folder.
    new_files = {after["texts"], *(name for _, name in after["shards"])}
    assert old_files - new_files, "the removal changed no search file"
    for name in old_files - new_files:
        assert _status(base + "search/" + name) == 404, name
    for name in new_files:
        assert _status(base + "search/" + name) == 200, name

    # An edited template is compiled again (compiled templates are kept between rebuilds).
    template = project / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% block announce %}Aperçu modifié{% endblock %}\n",
                        encoding="utf-8")
    assert wait_for(lambda: "Aperçu modifié" in _page(page), 90), output()
    assert "Traceback" not in output()


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""
