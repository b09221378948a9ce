"""Property-based tests: whatever a contributor's file holds, the loader answers with a valid record
or French ``path:line: key: message`` problems, never another exception."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import reader
from core.corpus import load
from core.personal_data import scan
from core.problems import DataError
from core.schema import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "site" / "data"
TODAY = datetime.date(2026, 11, 25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROBLEM = re.compile(r"^(?P<path>data/[^:]+):(?P<line>\d+): (?P<key>.+?): (?P<message>.+)$")
# Words of PyYAML's and Python's own (English) messages: none may reach a contributor.
ENGLISH = re.compile(r"\b(expected|found|while|scanning|Error|Traceback|object|NoneType|line \d+|column)\b")

SEEDS = sorted(p for p in (ROOT / "data").rglob("*.yml")) + sorted(FIXTURE_DATA.rglob("*.yml"))


def assert_french_problems(error: DataError, rel: str, text: str) -> None:
    assert error.problems
    for problem in error.problems:
        line = str(problem)
        match = PROBLEM.match(line)
        assert match, line
        assert "\n" not in line
        if problem.path == rel:
            assert 1 <= problem.line <= max(1, text.count("\n") + 2), line
        # A value the contributor wrote is quoted « … »: only the words around it are ours.
        assert not ENGLISH.search(re.sub(r"« .*? »", "« »", problem.message)), line


# --- the reader alone: any text, any bytes ---------------------------------------------------------

@SETTINGS
@given(st.binary(max_size=2000))
def test_reader_accepts_or_refuses_any_bytes(raw):
    try:
        reader.parse("f.yml", reader.read_text("f.yml", raw))
    except DataError as error:
        for problem in error.problems:
            assert problem.line >= 1 and problem.message and not ENGLISH.search(problem.message)


YAML_ALPHABET = st.sampled_from(list("abc -:#&*!|>'\"[]{},?%@`\\\n\t\r 0123456789.") + ["é", "\u00a0", "\u2028", "<<", "---",
                                                                                          "...", "!!python/", "~"])


@SETTINGS
@given(st.lists(YAML_ALPHABET, max_size=200).map("".join))
def test_reader_accepts_or_refuses_yaml_like_text(text):
    try:
        reader.parse("f.yml", reader.read_text("f.yml", text.encode("utf-8")))
    except DataError as error:
        for problem in error.problems:
            assert problem.line >= 1 and problem.message and not ENGLISH.search(problem.message)


# --- the whole loader: mutated real files, random records -------------------------------------------

@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE_DATA, root / "data")
    (root / "docs").mkdir()
    return root


def plant_and_load(root: Path, rel: str, content: bytes) -> None:
    path = root / "data" / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        load(root, TODAY)
    except DataError as error:
        assert_french_problems(error, f"data/{rel}", content.decode("utf-8", errors="replace"))
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def mutate(text: str, data) -> str:
    """Apply a few random edits of the kinds contributors make: cut, insert, repeat, re-indent, swap."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["cut", "insert", "repeat", "indent", "swap", "char"]))
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "cut" and lines:
            del lines[i]
        elif kind == "insert":
            lines.insert(i, data.draw(st.lists(YAML_ALPHABET, max_size=30).map("".join)))
        elif kind == "repeat" and lines:
            lines.insert(i, lines[i])
        elif kind == "indent" and lines:
            lines[i] = data.draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[i].lstrip()
        elif kind == "swap" and len(lines) > 1:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "char" and lines and lines[i]:
            k = data.draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + data.draw(YAML_ALPHABET) + lines[i][k + 1:]
    return "\n".join(lines)


@SETTINGS
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_mutated_real_files_give_a_record_or_french_problems(root, seed, data):
    folder = seed.parent.name
    rel = {"pratiques": "pratiques/mutant.yml", "fiches": "fiches/mutant.yml", "methodologies": "methodologies/mutant.yml",
           "referentiels": f"referentiels/{seed.name}"}.get(folder, seed.name)
    plant_and_load(root, rel, mutate(seed.read_text(encoding="utf-8"), data).encode("utf-8"))


KEYS = sorted({key for obj in COLLECTIONS.values() for key in obj.fields}) + ["inconnue", "<<", "1", ""]
SCALARS = (st.text(max_size=40) | st.integers(-10**20, 10**20) | st.floats() | st.booleans() | st.none()
           | st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)) | st.sampled_from(["logement", "habitants",
                                                                                             "animer-un-groupe", "2026-02-30"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4), max_leaves=25)


@SETTINGS
@given(collection=st.sampled_from(sorted(COLLECTIONS)), record=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=20))
def test_random_records_give_a_record_or_french_problems(root, collection, record):
    text = yaml.safe_dump(record, allow_unicode=True)
    plant_and_load(root, f"{collection}/aleatoire.yml", text.encode("utf-8"))


@SETTINGS
@given(st.text(max_size=400))
def test_personal_data_scan_never_fails(text):
    for offset, value, message in scan(text, ("grandlyon.com",)):
        assert 0 <= offset < len(text) and value and "\n" not in message
