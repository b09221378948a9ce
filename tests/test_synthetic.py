"""The benchmark's synthetic corpora are valid data, and the benchmark keeps others' sections."""

from __future__ import annotations

import datetime
from pathlib import Path

import bench
import pytest
from _benchmarks import write_section
from synthetic import generate

from core.corpus import load

ROOT = Path(__file__).resolve().parent.parent

TODAY = datetime.date.today()  # the shipped records must load: a pinned past date rejects any newer review


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_corpus_is_accepted_by_the_loader(tmp_path, seed):
    ids = generate(tmp_path, 40, seed, today=TODAY)
    corpus = load(tmp_path, today=TODAY)  # raises DataError listing problems if any record is invalid

    assert {c: sorted(r) for c, r in corpus.records.items()} == {c: sorted(i) for c, i in ids.items()}
    assert {c: len(i) for c, i in ids.items()} == {"pratiques": 20, "fiches": 16, "methodologies": 4, "retours": 0}
    assert corpus.warnings == []


def test_generated_corpus_uses_the_real_vocabularies_and_links_records(tmp_path):
    generate(tmp_path, 60, 3, today=TODAY)
    corpus = load(tmp_path, today=TODAY)
    real = load(ROOT, today=TODAY)

    assert {n: list(v) for n, v in corpus.vocabularies.items()} == {n: list(v) for n, v in real.vocabularies.items()}
    themes = {t for r in corpus.all_records() for t in r.data["thematiques"]}
    assert len(themes) > len(real.vocabularies["thematiques"]) // 2
    linked = [r for r in corpus.all_records() if any(r.related.values())]
    assert len(linked) > 30
    # Both ways: a record listed by another lists it back.
    for record in linked:
        for collection, others in record.related.items():
            for other in others:
                assert record.id in corpus.get(collection, other).related[record.collection]
    assert all(r.data["phases"] for r in corpus.records["methodologies"].values())
    # Fiches come as the shipped ones are: séances, and steps with structured, counted materials.
    fiches = list(corpus.records["fiches"].values())
    assert all(f.data.get("seances") for f in fiches)
    materials = [m for f in fiches for step in f.data["etapes"] for m in step.get("materiel", [])]
    assert materials and {"participant", "groupe"} <= {m.get("par") for m in materials}


def test_generated_text_is_as_long_as_the_shipped_records(tmp_path):
    generate(tmp_path, 60, 4, today=TODAY)
    for collection in ("pratiques", "fiches", "methodologies"):
        shipped = sorted(p.stat().st_size for p in (ROOT / "data" / collection).glob("*.yml"))
        made = sorted(p.stat().st_size for p in (tmp_path / "data" / collection).glob("*.yml"))
        median = made[len(made) // 2]
        assert shipped[0] * 0.6 <= median <= shipped[-1] * 1.4, (collection, shipped, median)


def test_benchmark_section_replaces_only_its_own(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Recherche\n\nsearch numbers\n\n"
                    f"{bench.SECTION}\n\nold numbers\n\n## Impression\n\nprint numbers\n", encoding="utf-8")

    write_section(path, bench.SECTION, f"{bench.SECTION}\n\nnew numbers\n")

    text = path.read_text(encoding="utf-8")
    assert "old numbers" not in text
    assert text.index("search numbers") < text.index("new numbers") < text.index("print numbers")
    write_section(tmp_path / "new.md", bench.SECTION, f"{bench.SECTION}\n\nfirst\n")
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == f"# Benchmarks\n\n{bench.SECTION}\n\nfirst\n"
