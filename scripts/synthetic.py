"""Synthetic corpora for benchmarks: ``generate(root, n, seed)`` writes a valid ``data/`` of n records.

Records are built from the shipped ones: each synthetic record starts from a real
record of its collection (so its structure and text lengths match what
contributors actually write), then its text is reshuffled from the pool of real
sentences and list items, its labels are drawn from the real vocabularies of
``data/referentiels`` and it links to other synthetic records. A fiche keeps its template's séances
and timed steps (whose durations add up, as the loader checks); its steps' materials are real
structured entries (objet, nombre, par, taille_groupe) drawn from every shipped fiche. Nothing here is
published: the corpora exist only in temporary folders, for measuring.
"""

from __future__ import annotations

import copy
import datetime
import random
import re
import shutil
from pathlib import Path

import yaml

from core import falc_rules
from core.corpus import load
from core.schema import COLLECTIONS, RESOURCES

ROOT = Path(__file__).resolve().parent.parent

# Share of each collection in a grown centre: practices are what teams contribute most,
# fiches form the toolbox, methodologies are few (the shipped corpus is a seed: 3/12/3).
MIX = {"pratiques": 0.5, "fiches": 0.4, "methodologies": 0.1}
# Keys holding Markdown text (reshuffled sentence by sentence, keeping the template's length).
MD_KEYS = {"contexte", "deroulement", "resultats", "objectif", "quand", "preparation", "description",
           "comment", "reconnaissance", "falc"}
# Keys holding lists of plain sentences (items drawn from the pool of the same key).
SENTENCE_LISTS = {"objectifs", "leviers", "freins", "conseils", "materiel", "vigilance", "variantes",
                  "questions", "conditions", "mots_cles"}
REFERENCES = ("pratiques", "fiches", "methodologies")
FIXED_FILES = ("chiffres.yml", "glossaire.yml")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Multi-line text as ``|`` blocks, as contributors write it."""


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _sentences(text: str) -> list[str]:
    """Split Markdown text into paragraphs' sentences (list items stay whole)."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.lstrip().startswith(("-", "*", "1.")):
            parts.append(paragraph.strip())
            continue
        flat = " ".join(paragraph.split())
        parts += [s for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])", flat) if s]
    return parts


_STREET = re.compile(r"\d+\s*(bis|ter)?,?\s+(rue|avenue|boulevard|place|chemin|impasse|allée|cours|quai)\b", re.I)


class _Pools:
    """Real text of the shipped records, by key."""

    def __init__(self, corpus):
        self.sentences: list[str] = []
        self.falc: list[str] = []
        self.items: dict[str, list[str]] = {}
        self.step_materials: list[dict] = []
        for record in corpus.all_records():
            self._walk(record.data)
        # Sentences naming a street ("Collectif 14 rue Michelet") are left out: reshuffled next to
        # "la personne" they look like a personal address to the personal-data check.
        self.sentences = [s for s in self.sentences if not _STREET.search(s)]
        # Easy-to-read texts are checked by core/falc.py: they draw from easy-to-read sentences only,
        # whole sentences without abbreviations (whose explanation may sit in another sentence), without
        # negation (capped per text) nor obligation word (its full text may not state it).
        self.falc = [s for s in dict.fromkeys(self.falc) if re.search(r"[.!?]$", s)
                     and not re.search(r"\b[A-Z]{2,}\b", s) and not _STREET.search(s)
                     and not falc_rules.negative(s) and not falc_rules.unsupported_commitments(s, "")]
        # List items must stay unique within a record (the schema rejects duplicates).
        self.items = {key: [v for v in dict.fromkeys(values) if not _STREET.search(v)]
                      for key, values in self.items.items()}

    def _walk(self, value, key=""):
        if isinstance(value, dict):
            for name, child in value.items():
                self._walk(child, name)
        elif isinstance(value, list):
            if key in SENTENCE_LISTS:
                self.items.setdefault(key, []).extend(v for v in value if isinstance(v, str))
            if key == "materiel":  # a step's material: whole entries (objet, nombre, par, taille_groupe)
                self.step_materials.extend(v for v in value if isinstance(v, dict))
            for child in value:
                self._walk(child, key)
        elif isinstance(value, str) and key == "falc":
            self.falc += [s for s in _sentences(value) if not s.startswith(("#", "-", "*", "1."))]
        elif isinstance(value, str) and key in MD_KEYS:
            self.sentences += _sentences(value)


def _text_like(rng: random.Random, pools: _Pools, template: str, sentences: list | None = None) -> str:
    """Real sentences (of ``sentences``, by default every pool), about as long as ``template``, in paragraphs of two to four."""
    target, out, paragraph = len(template), [], []
    while sum(map(len, out)) + sum(map(len, paragraph)) < target:
        sentence = rng.choice(sentences or pools.sentences)
        if sentence.startswith(("-", "*", "1.")):
            if paragraph:
                out.append(" ".join(paragraph))
                paragraph = []
            out.append(sentence)
            continue
        paragraph.append(sentence)
        if len(paragraph) >= rng.randint(2, 4):
            out.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out)[:19000] + "\n"


def _reshuffle(rng, pools, value, key="", top=True):
    if isinstance(value, dict):
        return {name: _reshuffle(rng, pools, child, name, top) for name, child in value.items()}
    if isinstance(value, list):
        # A step's material is structured (quantities the session builder adds up): real entries, whole.
        if key == "materiel" and not top and pools.step_materials:
            return copy.deepcopy(rng.sample(pools.step_materials, min(len(value), len(pools.step_materials))))
        if key in SENTENCE_LISTS and pools.items.get(key):
            pool = pools.items[key]
            return rng.sample(pool, min(len(value), len(pool)))
        return [_reshuffle(rng, pools, child, key, False) for child in value]
    # A phase's "quand" is a short plain text, a fiche's "quand" is Markdown.
    if isinstance(value, str) and key == "falc":
        return _text_like(rng, pools, value, pools.falc)
    if isinstance(value, str) and key in MD_KEYS and (top or key != "quand"):
        return _text_like(rng, pools, value)
    return value


def _counts(n: int, mix: dict) -> dict:
    counts = {c: max(1, round(n * share)) for c, share in mix.items()}
    counts["fiches"] += n - sum(counts.values())  # rounding goes to the largest collection but one
    return counts


def generate(root: Path, n: int, seed: int = 0, source: Path = ROOT, mix: dict = MIX,
             today: datetime.date | None = None) -> dict:
    """Write ``root/data`` holding ``n`` valid records; return {collection: [ids]}."""
    root = Path(root)
    today = today or datetime.date.today()
    rng = random.Random(seed)
    real = load(source, today)
    pools = _Pools(real)
    data = root / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(source / "data" / "referentiels", data / "referentiels")
    for name in FIXED_FILES:
        if (source / "data" / name).is_file():
            shutil.copy(source / "data" / name, data / name)
    vocab = {name: list(terms) for name, terms in real.vocabularies.items()}
    territory_labels = {t.id: t.label for t in real.vocabularies["territoires"].values()}

    counts = _counts(n, mix)
    # Synthetic records are real ones reshuffled: the shipped data has no retour d'expérience to reshuffle.
    ids = {c: [f"{c[:-1]}-{i:05d}" for i in range(counts[c])] if c in RESOURCES else [] for c in COLLECTIONS}
    templates = {c: list(real.records[c].values()) for c in RESOURCES}

    for collection in RESOURCES:
        folder = data / collection
        folder.mkdir(parents=True)
        for number, record_id in enumerate(ids[collection]):
            template = rng.choice(templates[collection])
            record = _reshuffle(rng, pools, copy.deepcopy(template.data))
            place = territory_labels[rng.choice(vocab["territoires"])]
            record["titre"] = f"{template.title} ({place}, n° {number + 1})"[:120]
            summary_from = rng.choice([r for c in RESOURCES for r in templates[c]])
            record["resume"] = summary_from.data["resume"]
            record["thematiques"] = rng.sample(vocab["thematiques"], rng.randint(1, 3))
            record["publics"] = rng.sample(vocab["publics"], rng.randint(1, 4))
            record["niveau_participation"] = rng.choice(vocab["niveaux-participation"])
            record["date_maj"] = today - datetime.timedelta(days=rng.randint(0, 600))
            if collection == "pratiques":
                record["territoires"] = rng.sample(vocab["territoires"], rng.choice((1, 1, 1, 2, 3)))
            # Only web links: a "fichier" must exist under docs/, which a temporary project may lack.
            record["ressources"] = [r for r in record.get("ressources", []) if "url" in r]
            if not record["ressources"]:
                del record["ressources"]
            for other in REFERENCES:
                record.pop(other, None)
                candidates = [i for i in rng.sample(ids[other], min(len(ids[other]), 4)) if i != record_id]
                chosen = candidates[:rng.choice((0, 1, 1, 2, 2, 3))]
                if chosen:
                    record[other] = chosen
            for support in record.get("supports", []):  # a support's id is unique across the site
                support["id"] = f"{record_id}-{support['id']}"[:80].rstrip("-")
            if collection == "fiches" and "phases" in record:  # a fiche's phases: ids of the vocabulary
                record["phases"] = rng.sample(vocab["phases"], rng.randint(1, 3))
            for phase in record.get("phases", []) if collection == "methodologies" else []:
                phase["phase"] = rng.choice(vocab["phases"])
                phase["niveau_participation"] = rng.choice(vocab["niveaux-participation"])
                phase["fiches"] = rng.sample(ids["fiches"], min(len(ids["fiches"]), rng.randint(0, 3)))
                if not phase["fiches"]:
                    del phase["fiches"]
            text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
            (folder / f"{record_id}.yml").write_text(text, encoding="utf-8")

    if (source / "data" / "kits.yml").is_file():
        kits = yaml.safe_load((source / "data" / "kits.yml").read_text(encoding="utf-8")) or []
        for kit in kits:
            kit["fiches"] = rng.sample(ids["fiches"], min(len(ids["fiches"]), len(kit["fiches"])))
        (data / "kits.yml").write_text(yaml.dump(kits, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return ids


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Écrit un corpus synthétique de n fiches dans DOSSIER/data.")
    parser.add_argument("dossier")
    parser.add_argument("n", type=int)
    parser.add_argument("--graine", type=int, default=0)
    args = parser.parse_args()
    made = generate(Path(args.dossier), args.n, args.graine)
    print(", ".join(f"{len(v)} {k}" for k, v in made.items()))
