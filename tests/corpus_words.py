"""Every distinct piece of text the site's corpus writes, for tests that compare normalisers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Words the corpus may not contain, chosen for what they test (ligatures, apostrophes, hyphens...).
TRICKY = ["Conférence", "l'atelier", "L’ATELIER", "œuvre", "Œuvres", "ex æquo", "pair-aidance", "Pair‑aidance",
          "pairs-aidants", "familles", "familiaux", "collectives", "travailleuses", "accompagnées", "Qu'est-ce",
          "aujourd'hui", "DPA-PC", "5e collège", "CCAS", "Straße", "ﬁche", "naïveté", "Noël", "garçon", "bureaux",
          "ÉLUS", "co-décision", "mise en œuvre", "d’agir", "participer", "participe", "participation",
          "développement", "Vénissieux", "Saint-Priest", "l'ASE", "ʼhabitant", "intérêt", "traîner", "coûts"]


def corpus_files() -> list[Path]:
    """The shipped records, vocabularies and glossary, the hand-written pages, the fixtures' records."""
    return sorted([*ROOT.glob("data/**/*.yml"), *ROOT.glob("docs/*.md"),
                   *FIXTURES.glob("site/data/**/*.yml"), *FIXTURES.glob("search/data/**/*.yml")])


def corpus_chunks() -> list[str]:
    """Every distinct whitespace-separated piece of those files (keys and punctuation included:
    ``l’atelier``, ``(DPA)``, ``pair-aidance,``), and the tricky words, sorted."""
    chunks = set(TRICKY)
    for path in corpus_files():
        chunks.update(path.read_text(encoding="utf-8").split())
    return sorted(chunks)
