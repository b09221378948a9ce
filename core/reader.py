"""Read one YAML file into plain Python values, remembering the line of every key.

PyYAML alone loses line numbers, silently keeps the last of two duplicate keys
and expands aliases; contributors need the opposite, so the node tree is
walked here by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import marshal
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import cache
from .problems import DataError, Problem, show

MAX_BYTES = 256 * 1024
# Records nest four levels at most (phases[].fiches[]); a deeper file is a mistake or an attack
# (thousands of "[" would overflow the recursive composer).
MAX_DEPTH = 20
# Explicit tags allowed: "!" and "!!str" only force a text. Every other tag (!!python/..., !!binary,
# !!set, custom ones) would build values the schema does not know, or worse.
_ALLOWED_TAGS = {"!", "tag:yaml.org,2002:str"}
# Invisible characters refused with their code point: C0/C1 controls, DEL, line and paragraph
# separators (YAML counts them as line breaks, editors do not: line numbers would lie), bidi
# overrides that make displayed text differ from stored text, BOM in the middle, non-characters.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                        "\ufeff\ufffe\uffff]")
# libyaml parses about ten times faster than the pure-Python loader: it matters at 10,000 records.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a key path: ("etapes", 0, "titre")


@dataclass
class Document:
    """A parsed YAML file: its value and the 1-based line of each key path."""

    path: str
    value: object
    lines: dict = field(default_factory=dict)
    # keypath -> line of the first text line of a literal block (``key: |``), for precise lines.
    block_lines: dict = field(default_factory=dict)

    def line(self, keypath: tuple = ()) -> int:
        """Line of the nearest known ancestor of ``keypath``."""
        keypath = tuple(keypath)
        while keypath not in self.lines and keypath:
            keypath = keypath[:-1]
        return self.lines.get(keypath, 1)

    def text_line(self, keypath: tuple, offset: int) -> int:
        """Line of character ``offset`` of the text at ``keypath`` (exact in literal blocks)."""
        keypath = tuple(keypath)
        if keypath in self.block_lines and isinstance(self.value, dict):
            value = self.value
            try:
                for part in keypath:
                    value = value[part]
            except (KeyError, IndexError, TypeError):
                return self.line(keypath)
            if isinstance(value, str):
                # ``offset`` counts in the checked text, whose leading blank lines were stripped.
                offset += len(value) - len(value.lstrip())
                return self.block_lines[keypath] + value.count("\n", 0, offset)
        return self.line(keypath)


def display_key(keypath: Iterable[str | int]) -> str:
    """``("etapes", 1, "titre")`` -> ``etapes[2].titre`` (positions count from 1)."""
    text = ""
    for part in keypath:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + show(part, 40)
    return text


# Frequent PyYAML messages, said again for people who do not write YAML every day.
_SYNTAX_HINTS = [
    ("mapping values are not allowed", "deux-points inattendu : mettez le texte entre guillemets s'il contient « : »"),
    ("could not find expected ':'", "il manque « : » après une clé, ou une ligne est mal indentée"),
    ("expected <block end>", "indentation incohérente : alignez les clés de même niveau"),
    ("did not find expected key", "indentation incohérente : alignez les clés de même niveau"),
    ("did not find expected '-'", "indentation incohérente dans une liste : alignez les « - »"),
    ("while scanning a quoted scalar", "guillemet non refermé"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet ou un crochet n'est pas refermé"),
    ("while parsing a flow", "crochet ou accolade non refermé"),
    ("found undefined alias", "les alias YAML (*nom) ne sont pas acceptés"),
    ("found character that cannot start any token", "caractère inattendu en début de valeur : mettez le texte entre guillemets"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets doubles : utilisez des guillemets simples"),
    ("while scanning an alias", "« * » en début de valeur : mettez le texte entre guillemets"),
    ("while scanning an anchor", "« & » en début de valeur : mettez le texte entre guillemets"),
    ("expected a single document", "un seul document par fichier : retirez les lignes « --- » supplémentaires"),
]


def _syntax_message(error: yaml.YAMLError) -> str:
    text = str(error)
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return f"syntaxe YAML invalide : {hint}"
    return "syntaxe YAML invalide : vérifiez l'indentation, les « : » et les guillemets"


def _fail(path: str, line: int, key: str, message: str) -> NoReturn:
    raise DataError([Problem(path, line, key, message)])


def read_text(path: str, raw: bytes) -> str:
    """Decode a contributor's file, refusing what would silently go wrong."""
    if len(raw) > MAX_BYTES:
        _fail(path, 1, "", f"fichier trop volumineux ({len(raw) // 1024} Ko, maximum {MAX_BYTES // 1024} Ko)")
    if raw.startswith(b"\xef\xbb\xbf"):
        _fail(path, 1, "", "le fichier commence par une marque d'ordre des octets (BOM) : enregistrez-le en « UTF-8 sans BOM »")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        _fail(path, line, "", "le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 »")
    # Invisible characters first: some of them (U+2028, U+0085) are line breaks for YAML.
    bad = _INVISIBLE.search(text)
    if bad:
        number = text[: bad.start()].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        _fail(path, number, "", f"caractère invisible ou de contrôle (U+{ord(bad.group()):04X}) : retirez-le")
    # The line-by-line scan only runs when the whole-text search finds a tab (10,000 files to read).
    if "\t" in text:
        for number, content in enumerate(text.splitlines(), start=1):
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                _fail(path, number, "", "tabulation dans l'indentation : indentez avec des espaces")
    return text


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _event_line(event: yaml.Event) -> int:
    """The line where a parser event starts (the parser always marks it: 1 if it did not)."""
    return event.start_mark.line + 1 if event.start_mark else 1


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, or raise :class:`DataError`."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                _fail(path, _event_line(event), "",
                      "les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : recopiez la valeur")
            tag = getattr(event, "tag", None)
            if tag and str(tag) not in _ALLOWED_TAGS:
                _fail(path, _event_line(event), "",
                      f"étiquette YAML « {show(_tag_name(str(tag)), 40)} » non acceptée : retirez-la")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    _fail(path, _event_line(event), "",
                          f"valeurs trop imbriquées (plus de {MAX_DEPTH} niveaux de listes ou de blocs)")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and any(c in str(error.context) for c in ("quoted scalar", "flow")):
            mark = error.context_mark  # where the quote or bracket was opened, not the end of the file
        _fail(path, (mark.line + 1) if mark else 1, "(syntaxe)", _syntax_message(error))
    except yaml.YAMLError as error:
        _fail(path, 1, "(syntaxe)", _syntax_message(error))
    document = Document(path, None)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        _fail(path, 1, "", "le fichier est vide")
    constructor = yaml.constructor.SafeConstructor()
    document.value = _build(node, (), document, constructor)
    return document


def _build(node: yaml.Node, keypath: tuple[str | int, ...], document: Document,
           constructor: yaml.constructor.SafeConstructor) -> Any:
    document.lines.setdefault(keypath, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                _fail(document.path, line, display_key(keypath), "une clé doit être un simple mot")
            if key_node.tag == "tag:yaml.org,2002:merge":
                _fail(document.path, line, display_key(keypath), "la fusion YAML « << » n'est pas acceptée")
            key = str(key_node.value)
            child = keypath + (key,)
            if key in result:
                _fail(document.path, line, display_key(child),
                      f"clé en double (déjà présente ligne {document.lines[child]}) : gardez-en une seule")
            document.lines[child] = line
            result[key] = _build(value_node, child, document, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, keypath + (index,), document, constructor)
                for index, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        document.block_lines[keypath] = node.start_mark.line + 2
    try:
        return constructor.construct_object(node, deep=True)
    except Exception:  # noqa: BLE001 - any value PyYAML cannot build is the contributor's to fix
        if node.tag == "tag:yaml.org,2002:timestamp":
            _fail(document.path, node.start_mark.line + 1, display_key(keypath),
                  f"la date « {show(node.value)} » n'existe pas (format attendu AAAA-MM-JJ)")
        _fail(document.path, node.start_mark.line + 1, display_key(keypath),
              f"valeur « {show(node.value)} » illisible")


def read(file: Path, root: Path) -> Document:
    """Read and parse ``file``; paths in problems are relative to ``root``."""
    rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        raw = file.read_bytes()
    except OSError:
        _fail(rel, 1, "", "fichier illisible")
    return _parse_cached(rel, read_text(rel, raw))


def is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


# --- build cache (issue 16) -------------------------------------------------------------------
# Parsing and walking the YAML of every file is the largest part of loading the corpus (a seventh
# of a preview rebuild at 200 records). A file whose text was parsed before by this code (with the
# same PyYAML and Python) takes its values and lines from the build cache's "yaml" table. Only
# files that parse without a problem are stored: a problem is found again, with its message.
# Values are marshalled (dates tagged as tuples, which YAML never gives), then checked by the cache.

_PARSE_VERSION = cache.digest(cache.code_stamp(sys.modules[__name__], "PyYAML"), sys.version)[:16]


def _encode(value: object) -> Any:
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, datetime.date):
        return ("date", value.isoformat())
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, tuple):
        kind, text = value
        return datetime.datetime.fromisoformat(text) if kind == "datetime" else datetime.date.fromisoformat(text)
    return value


def _parse_cached(path: str, text: str) -> Document:
    store = cache.shared()
    table = store.table("yaml", _PARSE_VERSION)
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    stored = table.get(key)
    if stored is not None:
        try:
            value, lines, block_lines = marshal.loads(stored.encode("latin-1"))
            document = Document(path, _decode(value), lines, block_lines)
        except (ValueError, TypeError, EOFError):
            pass
        else:
            store.count("yaml", True)
            return document
    store.count("yaml", False)
    document = parse(path, text)
    try:
        table.put(key, marshal.dumps((_encode(document.value), document.lines, document.block_lines)).decode("latin-1"))
    except (TypeError, ValueError):
        pass  # a value marshal cannot hold: parsed again next time
    return document
