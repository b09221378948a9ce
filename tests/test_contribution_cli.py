"""Command-line tools: scaffolding, validating given files, listing records due for review."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, build, make_project

from core.contribution import slug
from core.corpus import load

SCRIPTS = ROOT / "scripts"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<key>[^:]+): (?P<message>.+)$")


def run(script, *args, cwd=None):
    return subprocess.run([sys.executable, str(SCRIPTS / script), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(FIXTURES / "site" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


@pytest.mark.parametrize("title, expected", [
    ("Atelier « Parents » à Bron", "atelier-parents-a-bron"),
    ("Œuvrer ensemble : l'été des habitant·es", "oeuvrer-ensemble-l-ete-des-habitant-es"),
    ("  --Déjà   vu--  ", "deja-vu"),
    ("Comité 2024 / Vaulx-en-Velin", "comite-2024-vaulx-en-velin"),
    ("mot " * 40, ("mot-" * 20)[:-1]),
])
def test_slug(title, expected):
    assert slug(title) == expected
    assert len(slug(title)) <= 80


# An id names one record across the collections: one title (and id) per collection.
SCAFFOLDED = {"pratiques": ("Réunir les familles à Vénissieux", "reunir-les-familles-a-venissieux"),
              "fiches": ("Réunir les familles à Bron", "reunir-les-familles-a-bron"),
              "methodologies": ("Réunir les familles à Vaulx-en-Velin", "reunir-les-familles-a-vaulx-en-velin")}


def fill(text: str) -> str:
    """What an author does with a new record: every « À COMPLÉTER » replaced, every empty choice chosen."""
    text = re.sub(r"À COMPLÉTER : ?", "", text)
    lines, choice = text.splitlines(), None
    for number, line in enumerate(lines):
        hint = re.search(r"(?:Parmi|Valeurs) : ([a-z0-9-]+)", line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if hint:
            choice = hint[1]
        elif choice and re.fullmatch(r"\s*(- [a-z_]+:|[a-z_]+:|-)", line) and not following.strip().startswith("-"):
            lines[number], choice = f"{line} {choice}", None
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    """The fixture data plus one scaffolded record per collection, built as written, then filled in and built."""
    project = make_project(tmp_path_factory.mktemp("scaffold") / "p", FIXTURES / "site" / "data")
    runs = {collection: run("new_record.py", collection, "--titre", title, "--racine", project)
            for collection, (title, _) in SCAFFOLDED.items()}
    written = {collection: (project / "data" / collection / f"{new_id}.yml").read_text(encoding="utf-8")
               for collection, (_, new_id) in SCAFFOLDED.items()}
    checked, refused = run("validate.py", "--racine", project), build(project)
    for collection, (_, new_id) in SCAFFOLDED.items():
        (project / "data" / collection / f"{new_id}.yml").write_text(fill(written[collection]), encoding="utf-8")
    return project, runs, written, checked, refused, build(project)


@pytest.mark.parametrize("collection", list(SCAFFOLDED))
def test_scaffolded_record_is_refused_until_filled_in(scaffolded, collection):
    """A new record is not publishable as written: every placeholder and every empty choice is an error."""
    project, runs, written, checked, refused, _ = scaffolded
    title, new_id = SCAFFOLDED[collection]
    path = f"data/{collection}/{new_id}.yml"
    assert runs[collection].returncode == 0, runs[collection].stderr
    assert path in runs[collection].stdout
    assert written[collection].count("\n#") > 5, "the template explains itself in comments"
    # No vocabulary value is pre-filled: an author who forgets to choose is told, not published.
    problems = [LINE.match(line) for line in checked.stderr.splitlines() if line.startswith(path)]
    assert checked.returncode == 1
    lines = written[collection].splitlines()
    placeholders = [n for n, line in enumerate(lines, 1) if "À COMPLÉTER" in line and not line.startswith("#")]
    reported = {int(m["line"]) for m in problems if "À COMPLÉTER" in m["message"]}
    # Each one at its line (a block text « | » at the line of its key, just above).
    assert placeholders and all(n in reported or n - 1 in reported for n in placeholders)
    empty = [m for m in problems if "choisissez parmi" in m["message"]]
    assert {m["key"].split("[")[0].split(".")[-1] for m in empty} >= {"axe", "thematiques", "niveau_participation"}
    # The strict build refuses too, naming the file and line of each problem.
    assert refused.returncode != 0
    assert f"{path}:{min(reported)}: " in refused.stdout + refused.stderr


@pytest.mark.parametrize("collection", list(SCAFFOLDED))
def test_scaffolded_record_once_filled_in_builds_into_a_page(scaffolded, collection):
    project, *_, built = scaffolded
    title, new_id = SCAFFOLDED[collection]
    assert built.returncode == 0, built.stdout + built.stderr
    corpus = load(project)
    assert corpus.get(collection, new_id).title == title
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((project / "site" / collection / new_id / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("h1.record-title").get_text() == title


def test_scaffolding_refuses_an_existing_id_and_a_bad_title(repo):
    result = run("new_record.py", "pratiques", "--titre", "Atelier parents", "--racine", repo)
    assert result.returncode == 1
    assert "data/pratiques/atelier-parents.yml existe déjà" in result.stderr
    assert run("new_record.py", "fiches", "--titre", "!!", "--racine", repo).returncode == 1
    assert not (repo / "data" / "fiches" / ".yml").exists()


def test_scaffolding_asks_for_the_title(repo):
    result = subprocess.run([sys.executable, str(SCRIPTS / "new_record.py"), "fiches", "--racine", str(repo)],
                            input="Écouter avant d'agir\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (repo / "data" / "fiches" / "ecouter-avant-d-agir.yml").is_file()


def test_validate_one_file_reports_only_its_problems(repo):
    bad = repo / "data" / "fiches" / "nouvelle.yml"
    bad.write_text((repo / "data" / "fiches" / "animer-un-groupe.yml").read_text(encoding="utf-8")
                   .replace("axe: faire-avec", "axe: faire_avec"), encoding="utf-8")
    other = repo / "data" / "pratiques" / "autre.yml"
    other.write_text("titre: x\n", encoding="utf-8")

    result = run("validate.py", "--racine", repo, bad)
    assert result.returncode == 1
    lines = [LINE.match(line) for line in result.stderr.splitlines() if line.startswith("data/")]
    assert [(m["path"], m["line"], m["key"]) for m in lines] == [("data/fiches/nouvelle.yml", "3", "axe")]
    assert "faire-avec" in lines[0]["message"]

    good = run("validate.py", "--racine", repo, repo / "data" / "fiches" / "animer-un-groupe.yml")
    assert good.returncode == 0, good.stderr
    assert "aucune erreur" in good.stdout

    everything = run("validate.py", "--racine", repo)
    assert everything.returncode == 1
    assert {LINE.match(line)["path"] for line in everything.stderr.splitlines() if line.startswith("data/")} == {
        "data/fiches/nouvelle.yml", "data/pratiques/autre.yml", "data/fiches/fiche-hostile.yml"}


def test_validate_relative_path_and_missing_file(repo):
    result = run("validate.py", "--racine", repo, "data/fiches/animer-un-groupe.yml", cwd=repo)
    assert result.returncode == 0, result.stderr
    missing = run("validate.py", "--racine", repo, "data/fiches/absente.yml", cwd=repo)
    assert missing.returncode == 1
    assert "data/fiches/absente.yml:1: (fichier): fichier introuvable" in missing.stderr


def test_review_is_a_warning_listed_by_a_relire(repo):
    result = run("validate.py", "--racine", repo)
    assert result.returncode == 0, result.stderr
    assert "data/fiches/fiche-hostile.yml:7: date_maj: dernière relecture le 2024-06-30" in result.stderr
    assert "[avertissement]" in result.stderr
    listing = run("review_due.py", "--racine", repo)
    assert listing.returncode == 0
    due = [LINE.match(line) for line in listing.stdout.splitlines() if line.startswith("data/")]
    assert [(m["path"], m["key"]) for m in due] == [("data/fiches/fiche-hostile.yml", "date_maj")]
    assert "1 ressource(s) à relire" in listing.stdout
