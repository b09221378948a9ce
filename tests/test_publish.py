"""Atomic publication: a failed build leaves site/ as it was; a good one replaces it in one step."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest
from conftest import copy_project

from core import publish as publish_module
from core.publish import publish

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "scripts" / "build.py"


def snapshot(site: Path) -> dict:
    """Every file of a site with the hash of its content, and the identity of the folder."""
    files = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(site.rglob("*")) if p.is_file()}
    return {"inode": site.stat().st_ino, "files": files}


def run_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), "--config", str(project / "mkdocs.yml"),
                           "--sortie", str(project / "site")], capture_output=True, text=True)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site") or p.name.endswith(".previous"))


@pytest.fixture
def project(fixture_site, tmp_path) -> Path:
    """A project of the fixture data with its published site, for this test alone (a copy of the shared build)."""
    return copy_project(fixture_site.project, tmp_path / "project")


def test_a_failing_build_leaves_the_published_site_untouched(project):
    before = snapshot(project / "site")
    assert "fiches/animer-un-groupe/index.html" in before["files"]
    broken = project / "data" / "fiches" / "cassee.yml"
    broken.write_text("titre: [une fiche cassée\n", encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "data/fiches/cassee.yml:1: (syntaxe): syntaxe YAML invalide : crochet ou accolade non refermé" in result.stdout
    assert f"La construction a échoué : {project / 'site'} n'a pas été modifié." in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_with_a_broken_link_is_not_published(project):
    before = snapshot(project / "site")
    page = project / "docs" / "liens.md"
    page.write_text('# Liens\n\n<p><a href="../fiches/inexistante/">une fiche disparue</a></p>\n', encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        page.unlink()
    assert result.returncode == 1
    assert "liens/index.html: lien « ../fiches/inexistante/ » : page ou fichier introuvable" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_broken_link_in_a_record_names_the_record_file(project):
    before = snapshot(project / "site")
    path = project / "data" / "fiches" / "animer-un-groupe.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Permettre à chaque personne de s'exprimer.",
                                     "Voir [la fiche](../fiche-disparue/#etapes)."), encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert ("fiches/animer-un-groupe/index.html: lien « ../fiche-disparue/#etapes » : page ou fichier introuvable "
            "(dans data/fiches/animer-un-groupe.yml)") in result.stderr
    assert snapshot(project / "site") == before


def test_a_successful_build_replaces_the_site_in_one_step(project):
    before = snapshot(project / "site")
    new = project / "data" / "fiches" / "nouvelle-fiche.yml"
    new.write_text((project / "data" / "fiches" / "animer-un-groupe.yml").read_text(encoding="utf-8")
                   .replace("titre: Animer un groupe d'habitants", "titre: Une nouvelle fiche"), encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        new.unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    after = snapshot(project / "site")
    assert "fiches/nouvelle-fiche/index.html" in after["files"]
    assert after["inode"] != before["inode"]  # a new folder took the place of the old one
    assert leftovers(project) == []


def _version(path: Path, number: int, files: int = 100) -> Path:
    path.mkdir()
    for i in range(files):
        (path / f"page-{i}.html").write_text(f"version {number}", encoding="utf-8")
    (path / "index.html").write_text(f"version {number}", encoding="utf-8")
    return path


def _read_all(directory: int, name: str) -> str:
    fd = os.open(name, os.O_RDONLY, dir_fd=directory)
    try:
        return os.read(fd, 100).decode()
    finally:
        os.close(fd)


def test_readers_never_see_a_half_published_site(tmp_path, monkeypatch):
    """A reader looking at site/ during 20 publications always finds one whole version: every file
    there, all of the same version, and site/ never missing. (The previous version, swapped out, is
    deleted afterwards; the deletion is deferred here so that a slow reader keeps a stable view.)"""
    replaced = []
    monkeypatch.setattr(publish_module, "shutil", types.SimpleNamespace(rmtree=replaced.append))
    target = tmp_path / "site"
    publish(_version(tmp_path / "v0", 0), target)
    seen, missing, stop = set(), [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                directory = os.open(target, os.O_RDONLY | os.O_DIRECTORY)  # what site/ is at this instant
            except FileNotFoundError:
                missing.append(1)
                continue
            try:
                names = os.listdir(directory)
                versions = {_read_all(directory, name) for name in names}
            finally:
                os.close(directory)
            seen.add((len(names), len(versions)))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for number in range(1, 21):
            publish(_version(tmp_path / f"v{number}", number), target)
    finally:
        stop.set()
        thread.join()
    assert (target / "index.html").read_text(encoding="utf-8") == "version 20"
    assert seen == {(101, 1)}
    assert missing == []
    assert len(replaced) == 20 and all(p.name.startswith("v") and len(os.listdir(p)) == 101 for p in replaced)


def test_publication_without_renameat2_still_replaces_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(publish_module, "_exchange", lambda a, b: False)
    target = tmp_path / "site"
    for number in range(3):
        publish(_version(tmp_path / f"v{number}", number, files=3), target)
    assert (target / "index.html").read_text(encoding="utf-8") == "version 2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
