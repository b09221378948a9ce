"""The contributor's preview: ``make serve`` rebuilds when a record changes, without the PDFs."""

from __future__ import annotations

import html as html_module
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import FIXTURES, ROOT, make_project

RECORD = "data/fiches/animer-un-groupe.yml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _title(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            html = response.read().decode("utf-8")
    except OSError:
        return None
    found = re.search(r'<h1 class="record-title"[^>]*>(.*?)</h1>', html, re.S)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", found[1])).split()) if found else None


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "data")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen(["make", "--no-print-directory", "-C", str(ROOT), "serve", f"PROJECT={project}",
                                f"HOST=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, env={**os.environ, "FORGE_URL": ""})
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_editing_a_record_shows_on_the_served_page(served):
    project, base, log = served
    url = base + "fiches/animer-un-groupe/"
    assert _wait_for(lambda: _title(url), 120) == "Animer un groupe d'habitants", log.seek(0) or log.read()
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    assert "titre: Animer un groupe d'habitants\n" in text
    started = time.monotonic()
    record.write_text(text.replace("titre: Animer un groupe d'habitants\n", "titre: Animer un groupe de parole\n"), encoding="utf-8")
    changed = _wait_for(lambda: _title(url) == "Animer un groupe de parole", 60)
    elapsed = time.monotonic() - started
    log.seek(0)
    output = log.read()
    assert changed, output
    print(f"make serve: a new title served {elapsed:.1f} s after the edit")
    # One line says the PDFs are skipped, and how to have them.
    assert "PDF : non produits dans l'aperçu" in output and "PDF=oui" in output
    assert "PDF généré" not in output
