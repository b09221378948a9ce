"""The contributor's preview: ``make serve`` rebuilds when a record changes, without the PDFs."""

from __future__ import annotations

import os
import time

import pytest
from _serve import make_serve, record_title, wait_for
from conftest import FIXTURES, make_project

RECORD = "data/fiches/animer-un-groupe.yml"


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log, \
            make_serve(project, log, {**os.environ, "FORGE_URL": ""}) as (_, base):
        yield project, base, log


def test_editing_a_record_shows_on_the_served_page(served):
    project, base, log = served
    url = base + "fiches/animer-un-groupe/"
    assert wait_for(lambda: record_title(url), 120) == "Animer un groupe d'habitants", log.seek(0) or log.read()
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    assert "titre: Animer un groupe d'habitants\n" in text
    started = time.monotonic()
    record.write_text(text.replace("titre: Animer un groupe d'habitants\n", "titre: Animer un groupe de parole\n"), encoding="utf-8")
    changed = wait_for(lambda: record_title(url) == "Animer un groupe de parole", 60)
    elapsed = time.monotonic() - started
    log.seek(0)
    output = log.read()
    assert changed, output
    print(f"make serve: a new title served {elapsed:.1f} s after the edit")
    # One line says the PDFs are skipped, and how to have them.
    assert "PDF : non produits dans l'aperçu" in output and "PDF=oui" in output
    assert "PDF généré" not in output
