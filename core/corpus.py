"""Load the whole ``data/`` folder: vocabularies, records, key figures; check it as one."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import cache, confirm, falc, personal_data, reader, text, urls
from .problems import DataError, Problem, show, suggest
from .schema import (
    CHIFFRE,
    COLLECTIONS,
    GLOSSARY_ENTRY,
    ID_MAX,
    ID_RE,
    KIT,
    RESOURCES,
    VOCABULARIES,
    VOCABULARY_ENTRY,
    Context,
    Invalid,
    ListOf,
    Obj,
)

T = TypeVar("T")

# "index" would be the page of the folder itself (fiches/index.md is the catalogue): never an id.
RESERVED_IDS = {"index"}
REVIEW_MONTHS = 24
# Left in text by the templates of scripts/templates/: an error until replaced (never published).
TEMPLATE_MARK = "À COMPLÉTER"
# A collection's folder may explain itself to contributors (data/retours/ ships with no record).
README = "README.md"


@dataclass
class Term:
    id: str
    label: str
    description: str = ""


@dataclass
class Record:
    collection: str
    id: str
    path: str
    data: dict
    document: reader.Document
    related: dict = field(default_factory=dict)  # collection -> [ids], both directions
    review_due: bool = False  # last review more than REVIEW_MONTHS ago (see review_due())

    @property
    def title(self) -> str:
        return self.data["titre"]

    @property
    def url(self) -> str:
        return urls.record(self)

    def line(self, *keypath: str | int) -> int:
        return self.document.line(keypath)


@dataclass
class Corpus:
    root: Path
    vocabularies: dict  # name -> {id: Term}, in file order
    records: dict  # collection -> {id: Record}, sorted by id
    figures: list  # data/chiffres.yml
    glossary: list  # data/glossaire.yml
    kits: list
    warnings: list
    # Hash of everything the corpus was loaded from (see fingerprint()); empty when unknown. Results
    # computed from the corpus alone (pages, open data) are kept in the build cache under it.
    fingerprint: str = ""

    def derived_key(self, *inputs: object) -> str | None:
        """Build cache key of a result computed from this corpus, the core's code and ``inputs``;
        None for a corpus of unknown origin (no fingerprint: nothing is kept)."""
        return cache.digest(cache.core_stamp(), self.fingerprint, *inputs) if self.fingerprint else None

    def derived(self, namespace: str, compute: Callable[[], T], *inputs: object) -> T:
        """``compute()``, kept whole in the build cache (``namespace``) under :meth:`derived_key`."""
        key = self.derived_key(*inputs)
        return compute() if key is None else cache.stored(namespace, key, compute)

    def all_records(self) -> Iterator[Record]:
        """Every record of every collection, retours d'expérience included."""
        for collection in COLLECTIONS:
            yield from self.records[collection].values()

    def resources(self) -> Iterator[Record]:
        """The records of the catalogue (pratiques, fiches, méthodologies): a retour is not one."""
        for collection in RESOURCES:
            yield from self.records[collection].values()

    def retours(self, record: Record) -> list:
        """The retours d'expérience that used ``record``, most recent first."""
        found = [self.records["retours"][i] for i in record.related.get("retours", [])]
        return sorted(found, key=lambda r: (r.data["date"], r.id), reverse=True)

    def get(self, collection: str, record_id: str) -> Record:
        return self.records[collection][record_id]

    def label(self, vocabulary: str, term_id: str) -> str:
        return self.vocabularies[vocabulary][term_id].label


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _unsafe(path: Path, root: Path) -> str | None:
    """Why ``path`` must not be read as data (a folder, a link leaving data/), or None."""
    if path.is_symlink():
        try:
            inside = path.resolve().is_relative_to((root / "data").resolve())
        except (RuntimeError, OSError):  # a link pointing to itself, in a loop
            return "lien symbolique en boucle : remplacez-le par le fichier lui-même"
        if not inside:
            return "lien symbolique vers un fichier hors de data/ : remplacez-le par le fichier lui-même"
    if path.is_dir():
        return "est un dossier : seuls des fichiers « .yml » sont lus ici"
    return None


def _read_list(path: Path, root: Path, entry: Obj, problems: list, ctx_kwargs: dict | None = None,
               required: bool = True) -> tuple[list, reader.Document] | None:
    """Read a file holding a YAML list of mappings checked against ``entry``."""
    if (path.exists() or path.is_symlink()) and (reason := _unsafe(path, root)):
        problems.append(Problem(_rel(path, root), 1, "", reason))
        return None
    if not path.is_file():
        if required:
            problems.append(Problem(_rel(path, root), 1, "", "fichier manquant"))
        return None
    try:
        document = reader.read(path, root)
    except DataError as error:
        problems.extend(error.problems)
        return None
    ctx = Context(document, **(ctx_kwargs or {}))
    try:
        values = ListOf(entry, min=1, max=5000, unique=False).check(document.value, (), ctx)
    except Invalid:
        values = None
    problems.extend(ctx.problems)
    return None if values is None else (values, document)


def _load_vocabularies(root: Path, problems: list) -> dict:
    vocabularies = {}
    for name in VOCABULARIES:
        path = root / "data" / "referentiels" / f"{name}.yml"
        loaded = _read_list(path, root, VOCABULARY_ENTRY, problems)
        terms = {}
        if loaded:
            values, document = loaded
            for index, entry in enumerate(values):
                if not ID_RE.match(entry["id"]):
                    problems.append(Problem(document.path, document.line((index, "id")), f"[{index + 1}].id",
                                            f"identifiant « {entry['id']} » invalide : minuscules sans accents, chiffres et tirets"))
                elif entry["id"] in RESERVED_IDS:
                    problems.append(Problem(document.path, document.line((index, "id")), f"[{index + 1}].id",
                                            f"identifiant « {entry['id']} » réservé : choisissez-en un autre"))
                elif entry["id"] in terms:
                    problems.append(Problem(document.path, document.line((index, "id")), f"[{index + 1}].id",
                                            f"identifiant « {entry['id']} » en double"))
                else:
                    terms[entry["id"]] = Term(entry["id"], entry["label"], entry.get("description", ""))
        vocabularies[name] = terms
    return vocabularies


def load_vocabularies(root: Path) -> dict:
    """The vocabularies alone (name -> {id: Term}), for tools that need the choices, not the checks."""
    return _load_vocabularies(Path(root).resolve(), [])


def _placeholders(value: object, keypath: tuple = ()) -> Iterator[tuple]:
    """Key paths of the strings still holding TEMPLATE_MARK."""
    if isinstance(value, str) and TEMPLATE_MARK in value:
        yield keypath
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, keypath + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, keypath + (index,))


def _record_files(root: Path, problems: list) -> dict:
    """collection -> {id: path}, checking file names and id uniqueness across collections."""
    found: dict[str, dict[str, Path]] = {}
    owner: dict[str, str] = {}  # id -> its collection
    for collection in COLLECTIONS:
        found[collection] = {}
        folder = root / "data" / collection
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name == README:
                continue
            rel = _rel(path, root)
            if reason := _unsafe(path, root):
                # A sub-folder would hide its records; a link could publish any file of the server.
                problems.append(Problem(rel, 1, "", reason))
                continue
            if path.suffix != ".yml":
                problems.append(Problem(rel, 1, "", "seuls les fichiers « .yml » sont acceptés dans ce dossier : renommez-le en .yml"))
                continue
            record_id = path.stem
            if not ID_RE.match(record_id) or len(record_id) > ID_MAX:
                problems.append(Problem(rel, 1, "", f"nom de fichier « {path.name} » invalide : minuscules sans accents, "
                                        f"chiffres et tirets simples, {ID_MAX} caractères au plus (ex. mon-action-collective.yml)"))
                continue
            if record_id in RESERVED_IDS:
                problems.append(Problem(rel, 1, "", f"nom de fichier « {path.name} » réservé (c'est la page du dossier) : "
                                        "choisissez-en un autre"))
                continue
            if record_id in owner:
                problems.append(Problem(rel, 1, "", f"l'identifiant « {record_id} » est déjà utilisé par data/{owner[record_id]}/{record_id}.yml"))
                continue
            owner[record_id] = collection
            found[collection][record_id] = path
    return found


_KNOWN_DATA = {*COLLECTIONS, "referentiels", "chiffres.yml", "glossaire.yml", "kits.yml", personal_data.CONFIG_FILE}


def _misplaced_folders(root: Path, problems: list) -> None:
    """A folder of data/ named almost like a collection (``pratique/``) holds records nobody reads."""
    folder = root / "data"
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        folders = [*COLLECTIONS, "referentiels"]
        if path.is_dir() and path.name not in _KNOWN_DATA and suggest(path.name, folders):
            problems.append(Problem(_rel(path, root), 1, "", "dossier inconnu : ses fichiers ne sont pas lus."
                                    + suggest(path.name, folders)))


def _check_ids(values: list, document: reader.Document, key: str, problems: list, what: str, fold: bool = False) -> None:
    """Entries of a list file (kits, glossary) each need a distinct, well-formed ``key``."""
    seen: dict[str, int] = {}  # id (anchor, with ``fold``) -> its line
    for index, entry in enumerate(values):
        value = entry[key]
        keypath = (index, key)
        where = (document.path, document.line(keypath), reader.display_key(keypath))
        if not fold and (not ID_RE.match(value) or len(value) > ID_MAX):
            problems.append(Problem(*where, f"identifiant « {show(value)} » invalide : minuscules sans accents, chiffres et tirets"))
            continue
        if not fold and value in RESERVED_IDS:
            problems.append(Problem(*where, f"identifiant « {value} » réservé : choisissez-en un autre"))
            continue
        # Two glossary terms with the same anchor would share one address on the glossary page.
        norm = text.anchor(value) if fold else value
        if norm in seen:
            problems.append(Problem(*where, f"{what} « {show(value)} » en double (déjà ligne {seen[norm]})"))
        seen.setdefault(norm, where[1])


def _months_between(earlier: datetime.date, later: datetime.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def review_due(date_maj: datetime.date, today: datetime.date) -> bool:
    """A record is due for review when its last review is more than REVIEW_MONTHS old."""
    return _months_between(date_maj, today) > REVIEW_MONTHS


def _link_both_ways(records: dict, problems: list) -> None:
    for collection in COLLECTIONS:
        for record in records[collection].values():
            record.related = {name: [] for name in COLLECTIONS}
    for collection in COLLECTIONS:
        for record in records[collection].values():
            targets: list[tuple[str, str, tuple]] = [
                (name, ref, (name, i)) for name in COLLECTIONS for i, ref in enumerate(record.data.get(name, []))]
            # A methodology's phases name fiches (a fiche's "phases" are vocabulary ids).
            for p, phase in enumerate(record.data.get("phases", []) if collection == "methodologies" else []):
                targets += [("fiches", ref, ("phases", p, "fiches", i)) for i, ref in enumerate(phase.get("fiches", []))]
            for name, ref, keypath in targets:
                if (name, ref) == (collection, record.id):
                    problems.append(Problem(record.path, record.document.line(keypath), reader.display_key(keypath),
                                            "une fiche ne peut pas se citer elle-même"))
                    continue
                other = records[name].get(ref)
                if other is None:
                    continue  # already reported by validation
                if ref not in record.related[name]:
                    record.related[name].append(ref)
                if record.id not in other.related[collection]:
                    other.related[collection].append(record.id)


def _check_support_ids(fiches: dict, problems: list) -> None:
    """Each printable support of a fiche is a page ``supports/<id>/``: ids well formed and unique site-wide."""
    seen: dict[str, tuple] = {}  # id -> (path, line)
    for record in fiches.values():
        for index, support in enumerate(record.data.get("supports", [])):
            value, keypath = support["id"], ("supports", index, "id")
            where = (record.path, record.line(*keypath), reader.display_key(keypath))
            if not ID_RE.match(value) or len(value) > ID_MAX:
                problems.append(Problem(*where, f"identifiant « {show(value)} » invalide : minuscules sans accents, "
                                        "chiffres et tirets simples"))
            elif value in RESERVED_IDS:
                problems.append(Problem(*where, f"identifiant « {value} » réservé : choisissez-en un autre"))
            elif value in seen:
                problems.append(Problem(*where, f"le support « {value} » existe déjà ({seen[value][0]}, "
                                        f"ligne {seen[value][1]}) : chaque support a un identifiant unique sur tout le site"))
            else:
                seen[value] = where[:2]


def load(root: Path, today: datetime.date | None = None) -> Corpus:
    """Load and check everything under ``root/data``; raise :class:`DataError` listing every problem."""
    root = Path(root).resolve()
    today = today or datetime.date.today()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    vocabularies = _load_vocabularies(root, problems)
    _misplaced_folders(root, problems)
    domains = personal_data.load_domains(root, problems)
    files = _record_files(root, problems)
    ids = {collection: set(paths) for collection, paths in files.items()}
    records: dict[str, dict[str, Record]] = {}
    for collection, schema in COLLECTIONS.items():
        records[collection] = {}
        for record_id, path in files[collection].items():
            try:
                document = reader.read(path, root)
            except DataError as error:
                problems.extend(error.problems)
                continue
            ctx = Context(document, vocabularies, ids, today, root / "docs")
            try:
                data = schema.check(document.value, (), ctx)
            except Invalid:
                data = None
            problems.extend(p for p in ctx.problems if p.level == "erreur")
            warnings.extend(p for p in ctx.problems if p.level != "erreur")
            # Read off the file as written, so that a new record also missing its choices hears of both.
            for keypath in _placeholders(document.value):
                problems.append(Problem(document.path, document.line(keypath), reader.display_key(keypath),
                                        f"texte du modèle à remplacer : « {TEMPLATE_MARK} » est encore là"))
            if data is None:
                continue
            for problem in personal_data.check(document, data, domains):
                (problems if problem.level == "erreur" else warnings).append(problem)
            # Easy-to-read texts follow the FALC rules; marks « à confirmer » name values the record has.
            problems.extend(falc.check(document, data))
            problems.extend(confirm.check(document, data, schema.fields))
            # A retour tells what happened at a date: it does not go out of date like a resource.
            due = collection in RESOURCES and review_due(data["date_maj"], today)
            if due:
                warnings.append(Problem(document.path, document.line(("date_maj",)), "date_maj",
                                        f"dernière relecture le {data['date_maj'].isoformat()}, il y a plus de "
                                        f"{REVIEW_MONTHS} mois : à relire", "avertissement"))
            records[collection][record_id] = Record(collection, record_id, document.path, data, document, review_due=due)
    _link_both_ways(records, problems)
    _check_support_ids(records.get("fiches", {}), problems)

    chiffres = _read_list(root / "data" / "chiffres.yml", root, CHIFFRE, problems)
    glossaire = _read_list(root / "data" / "glossaire.yml", root, GLOSSARY_ENTRY, problems, required=False)
    kits = _read_list(root / "data" / "kits.yml", root, KIT, problems, {"ids": ids}, required=False)
    if glossaire:
        _check_ids(glossaire[0], glossaire[1], "terme", problems, "terme", fold=True)
    if kits:
        _check_ids(kits[0], kits[1], "id", problems, "identifiant")
    if problems:
        raise DataError(problems + warnings)
    return Corpus(root, vocabularies, records, chiffres[0] if chiffres else [],
                  glossaire[0] if glossaire else [], kits[0] if kits else [], sorted(warnings))


__all__ = ["Corpus", "Record", "Term", "load", "suggest"]


_cache: dict = {}


def _signature(root: Path) -> tuple:
    # One stat per file (the macros call this on every use: 10,000 files each time).
    found = []
    folders = [str(Path(root) / "data")]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    found.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def fingerprint(root: Path, today: datetime.date) -> str:
    """Hash of everything :func:`load` reads: the bytes of every file under ``data/``, the names of
    the files under ``docs/`` (a record may name an image there) and the day (reviews fall due)."""
    parts: list[str | bytes] = [str(Path(root).resolve()), today.isoformat()]
    for folder, with_content in (("data", True), ("docs", False)):
        base = Path(root) / folder
        for path in sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []:
            name = path.relative_to(root).as_posix()
            parts += (name, path.read_bytes() if with_content else b"")
    return cache.digest(*parts)


def _load_stored(root: Path, today: datetime.date) -> Corpus:
    """:func:`load`, or the corpus an earlier build loaded from the same files with the same code
    (the build cache, namespace ``corpus``): checking 2,000 records again took a second. A corpus
    with problems raises as always and is never stored."""
    found = fingerprint(root, today)
    corpus = cache.stored("corpus", cache.digest(cache.core_stamp(), found), lambda: load(root, today))
    corpus.fingerprint = found
    return corpus


def load_cached(root: Path, today: datetime.date | None = None, check: bool = True) -> Corpus:
    """:func:`load`, reused while no file under ``data/`` changes (the plugin and the macros share it).

    ``check=False`` skips looking at the files again and returns the corpus loaded last for ``root``:
    for calls made page after page within one build, once the plugin (``centre_mkdocs/pages.py``) has checked it.
    """
    root = Path(root).resolve()
    if not check:
        for (cached_root, *_), corpus in _cache.items():
            if cached_root == root:
                return corpus
    key = (root, today or datetime.date.today(), _signature(root))
    if key not in _cache:
        _cache.clear()
        _cache[key] = _load_stored(root, key[1])
    return _cache[key]
