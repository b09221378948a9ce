"""The build cache: one folder, one policy, for everything a build can reuse from the previous one.

What is cached (each under its own namespace, a sub-folder):

- ``pdf``: finished PDFs, keyed by their whole HTML document, base URL and renderer;
- ``search``: the search index and its texts file, keyed by the documents they are built from;
- ``markdown`` and ``qr`` tables: the HTML of a Markdown field (keyed by its text) and the QR code
  of an address (keyed by the address), many small values in one entry each.

The policy, the same for every entry:

- **Key** = a hash of every input **and** of a version stamp of the code that produces the entry
  (:func:`code_stamp`: the source of the functions or modules, the versions of the libraries).
  Editing that code, a template or a library gives new keys; nothing else does.
- **Written atomically**: to a temporary file in the same folder, then ``os.replace``. A reader
  sees the old entry, the new one or none, never half of one.
- **Checked when read**: each entry starts with a header line holding the SHA-256 and the length
  of what follows; a shorter, longer or altered entry (an interrupted build, a full disk, a
  partial CI cache restore, a hand edit) is reported, deleted and rebuilt, never used. Callers
  add their own check (a PDF starts with ``%PDF-`` and ends with ``%%EOF``).
- **Where**: ``.cache/centre/`` at the root of the checkout, or ``CENTRE_CACHE``. Deleting the
  folder is always safe: the next build is a cold build and produces the same site.
- **Clean-up**: a table keeps the values the last build used and as many others, the most recently
  used first (so ``make serve``, whose pages have another address, and ``make site`` taking turns
  both keep theirs); a file entry not used for :data:`MAX_AGE_DAYS` days is deleted at the end of a
  build (:meth:`Cache.prune`).

Nothing here knows MkDocs; the plugin (centre_mkdocs/cache_report.py) reports :meth:`Cache.summary` and :attr:`Cache.damaged`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import json
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent  # the checkout: its .cache/centre is the default folder
FORMAT = b"centre-cache-1"  # first word of every entry; a new layout changes it (old entries then read as damaged)
MAX_AGE_DAYS = 30


def digest(*parts: object) -> str:
    """SHA-256 of ``parts`` (text or bytes), separated so that ("ab", "c") and ("a", "bc") differ."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def code_stamp(*sources: str | ModuleType | type | Callable[..., object]) -> str:
    """A version stamp of the code producing an entry: the source of modules, classes or functions
    (objects) and the installed version of packages (strings naming a distribution)."""
    parts = []
    for source in sources:
        if isinstance(source, str):
            parts.append(f"{source} {importlib.metadata.version(source)}")
        else:
            parts.append(inspect.getsource(source))
    return digest(FORMAT, *parts)[:16]


@functools.cache
def core_stamp() -> str:
    """A version stamp of the whole core (every ``.py`` of ``core/``) and of the libraries that read
    the data and write the pages: for entries that depend on most of it (the loaded corpus, the
    generated pages, the open data). Computed once per process (``make serve`` does not reload the
    core either)."""
    sources = sorted((ROOT / "core").rglob("*.py"))
    return digest(FORMAT, *(f"{path.relative_to(ROOT).as_posix()}\n{path.read_text(encoding='utf-8')}" for path in sources),
                  *(f"{name} {importlib.metadata.version(name)}" for name in ("PyYAML", "Markdown")))[:16]


def folder_from_environment() -> Path:
    # CENTRE_PDF_CACHE was the PDF cache's folder before the other caches joined it: still honoured.
    chosen = os.environ.get("CENTRE_CACHE") or os.environ.get("CENTRE_PDF_CACHE")
    return Path(chosen) if chosen else ROOT / ".cache" / "centre"


def _checks_out(payload: bytes) -> bool:
    return True


def pdf_check(payload: bytes) -> bool:
    """A whole PDF: it starts with its header and ends with its end-of-file marker."""
    return payload.startswith(b"%PDF-") and payload.rstrip().endswith(b"%%EOF")


class Cache:
    """Entries of one cache folder; counts what was reused, computed and found damaged."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}
        self.damaged: list[str] = []  # "namespace/key" of each entry found damaged (then rebuilt)
        self._tables: dict[tuple, Table] = {}

    # --- file entries ---------------------------------------------------------------------

    def path(self, namespace: str, key: str) -> Path:
        return self.folder / namespace / key

    def get(self, namespace: str, key: str, check: Callable[[bytes], bool] = _checks_out) -> bytes | None:
        """The entry's payload, or None when it is missing or damaged (a damaged entry is deleted)."""
        payload = self.read(namespace, key, check)
        self.count(namespace, payload is not None)
        return payload

    def count(self, namespace: str, hit: bool) -> None:
        counts = self.hits if hit else self.misses
        counts[namespace] = counts.get(namespace, 0) + 1

    def read(self, namespace: str, key: str, check: Callable[[bytes], bool] = _checks_out) -> bytes | None:
        """:meth:`get` without counting."""
        path = self.path(namespace, key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        header, newline, payload = raw.partition(b"\n")
        fields = header.split(b" ")
        if (not newline or len(fields) != 3 or fields[0] != FORMAT or fields[2] != str(len(payload)).encode()
                or fields[1] != hashlib.sha256(payload).hexdigest().encode() or not check(payload)):
            self.damaged.append(f"{namespace}/{key}")
            path.unlink(missing_ok=True)
            return None
        try:
            os.utime(path)  # used: kept by prune()
        except OSError:
            pass
        return payload

    def put(self, namespace: str, key: str, payload: bytes) -> None:
        """Store ``payload`` atomically (temporary file in the same folder, then rename)."""
        folder = self.folder / namespace
        folder.mkdir(parents=True, exist_ok=True)
        header = b"%s %s %d\n" % (FORMAT, hashlib.sha256(payload).hexdigest().encode(), len(payload))
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{key[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header)
                out.write(payload)
            os.replace(temporary, folder / key)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    # --- tables: many small values in one entry --------------------------------------------

    def table(self, namespace: str, version: str) -> Table:
        """The table ``namespace`` for code of ``version`` (see :func:`code_stamp`), loaded once."""
        found = self._tables.get((namespace, version))
        if found is None:
            found = self._tables[(namespace, version)] = Table(self, namespace, version)
        return found

    def flush(self) -> None:
        """Write the tables that gained values, each holding only the values used since it was loaded."""
        for table in self._tables.values():
            table.save()

    # --- reporting and clean-up ----------------------------------------------------------

    def summary(self) -> str:
        """One French line: what was reused and computed, by namespace."""
        names = sorted(set(self.hits) | set(self.misses))
        parts = [f"{name} {self.hits.get(name, 0)} repris, {self.misses.get(name, 0)} calculés" for name in names]
        return "Cache : " + ("; ".join(parts) if parts else "rien à reprendre") + f" ({self.folder})"

    def prune(self, max_age_days: int = MAX_AGE_DAYS) -> int:
        """Delete file entries (and leftover temporary files) not used for ``max_age_days`` days."""
        limit = time.time() - max_age_days * 86400
        removed = 0
        if not self.folder.is_dir():
            return 0
        for namespace in self.folder.iterdir():
            if not namespace.is_dir():
                continue
            for entry in namespace.iterdir():
                try:
                    if entry.stat().st_mtime < limit:
                        entry.unlink()
                        removed += 1
                except OSError:
                    pass
        return removed


class Table:
    """A dict of small values (text -> text) stored as one cache entry per code version.

    ``get``/``put`` work in memory; :meth:`save` writes the values used or added since loading.
    """

    def __init__(self, cache: Cache, namespace: str, version: str):
        self.cache, self.namespace, self.version = cache, namespace, version
        payload = cache.read(namespace, f"table-{version}")
        try:
            self._stored = json.loads(payload) if payload is not None else {}
        except ValueError:  # a well-formed entry whose content is not a table: treat as damaged
            cache.damaged.append(f"{namespace}/table-{version}")
            self._stored = {}
        self._used: dict[str, str] = {}
        self._added = False

    def get(self, key: str) -> str | None:
        value = self._used.get(key)
        if value is None:
            value = self._stored.get(key)
            if value is not None:
                self._used[key] = value
        return value

    def put(self, key: str, value: str) -> None:
        self._used[key] = value
        self._added = True

    def save(self) -> None:
        if not self._added:
            return  # nothing new
        # Values this build did not use are kept, the most recent first, up to as many as it used:
        # two kinds of builds taking turns (make serve's address, make site's) both keep theirs,
        # and a table never grows past twice what a build needs.
        unused = [key for key in self._stored if key not in self._used]
        kept = {key: self._stored[key] for key in unused[max(0, len(unused) - len(self._used)):]}
        kept.update(self._used)
        self.cache.put(self.namespace, f"table-{self.version}",
                       json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self._stored, self._added = kept, False


_shared: dict[Path, Cache] = {}


def shared() -> Cache:
    """The cache of this process for the folder the environment names (one object per folder)."""
    folder = folder_from_environment()
    found = _shared.get(folder)
    if found is None:
        found = _shared[folder] = Cache(folder)
    return found


def reset() -> None:
    """Forget the cache objects of this process (a new build starts with fresh counts and tables)."""
    _shared.clear()


def stored(namespace: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier build: a Python object kept whole (pickled) in
    the entry ``namespace/key`` of :func:`shared`'s cache. The key must hash every input and the
    code (:func:`core_stamp`). Only results are stored: an exception leaves nothing behind. The
    entries are this checkout's own files, checked when read (a damaged one is computed again)."""
    found = load_object(namespace, key)
    if found is not MISSING:
        return found
    value = compute()
    shared().put(namespace, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


MISSING = object()  # load_object(): no usable entry


def load_object(namespace: str, key: str) -> Any:
    """The Python object pickled in the entry ``namespace/key`` of :func:`shared`'s cache, or
    :data:`MISSING` (absent, damaged, or well-formed but not unpickling: then counted as damaged)."""
    store = shared()
    payload = store.get(namespace, key)
    if payload is None:
        return MISSING
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001  (a well-formed entry that does not unpickle: as damaged)
        store.damaged.append(f"{namespace}/{key}")
        return MISSING


def memoised(namespace: str, version: str, compute: Callable[[str], str]) -> Callable[[str], str]:
    """``compute(text)`` looked up first in the table ``namespace`` of :func:`shared`'s cache.

    Keys are a hash of the text (values of any size); the table is taken from the shared cache at
    each call, so a new build (``reset()``) or another folder is followed.
    """

    def lookup(text: str) -> str:
        table = shared().table(namespace, version)
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        value = table.get(key)
        table.cache.count(namespace, value is not None)
        if value is None:
            value = compute(text)
            table.put(key, value)
        return value

    lookup.__wrapped__ = compute  # type: ignore[attr-defined]  # a function attribute, which mypy does not model
    return lookup
