"""Proposals sent to the editorial team as a link: decode, check, turn into a record file.

A « Proposer » form (``docs/assets/javascripts/proposer.js``) sends the team a link
``…/proposer/pratique/#proposition=<token>``: the token is the proposal as JSON, compressed with
raw deflate and written in base64url (``docs/assets/javascripts/lien.js``, the one codec of links
that carry data; ``#proposition0=`` is the uncompressed form). The proposal::

    {"proposition": 1, "collection": "pratiques", "id": "atelier-…", "contenu": {…the record…},
     "auteur": "the contributor's name as typed", "modification": true}

``modification`` says that the proposal changes the existing record ``id`` (« Proposer une
modification » on a record page). What arrives is untrusted: the token's length is capped before
decoding, the inflated size while inflating, the shape checked, the id held to the file-name rule.
Every failure is a :class:`ProposalError` with a French sentence.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .schema import COLLECTIONS, ID_MAX, ID_RE

if TYPE_CHECKING:  # for annotations only
    from .corpus import Record

NAME = "proposition"
VERSION = 1
MAX_TOKEN = 256 * 1024  # characters of base64url, as lien.js MAX_TOKEN
MAX_JSON = 512 * 1024  # bytes once inflated, as lien.js MAX_JSON
AUTHOR_MAX = 120
_TOKEN_RE = re.compile(rf"{NAME}(0?)=([A-Za-z0-9_-]*)")


class ProposalError(ValueError):
    """A link or a file that is not a usable proposal (message in French, for the team)."""


@dataclass(frozen=True)
class Proposal:
    collection: str
    id: str
    record: dict
    author: str = ""
    modification: bool = False

    @property
    def path(self) -> str:
        return f"data/{self.collection}/{self.id}.yml"

    def payload(self) -> dict:
        value = {"proposition": VERSION, "collection": self.collection, "id": self.id, "contenu": self.record}
        if self.author:
            value["auteur"] = self.author
        if self.modification:
            value["modification"] = True
        return value


# --- the link ----------------------------------------------------------------------------------

def _json_value(value: object) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(value: object) -> str:
    """``proposition=<token>`` for a JSON value, as lien.js ``encode()`` writes it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_value)
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = compressor.compress(text.encode("utf-8")) + compressor.flush()
    return f"{NAME}=" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _b64(token: str) -> bytes:
    token = token[: len(token) - len(token) % 4] if len(token) % 4 == 1 else token  # one stray character
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise ProposalError("le lien est incomplet ou abîmé : il ne peut pas être lu") from None


def decode_token(plain: bool, token: str) -> Any:
    """The JSON value of a token (``plain``: the ``proposition0=`` form, not compressed)."""
    if len(token) > MAX_TOKEN:
        raise ProposalError(f"le lien est trop long ({len(token)} caractères, {MAX_TOKEN} au plus) : il n'est pas lu")
    if not token:
        raise ProposalError("le lien est incomplet : il s'arrête après « #proposition= »")
    data = _b64(token)
    if not plain:
        inflater = zlib.decompressobj(-15)
        try:
            text = inflater.decompress(data, MAX_JSON + 1)
        except zlib.error:
            raise ProposalError("le lien est incomplet ou abîmé : il ne peut pas être lu") from None
        if len(text) > MAX_JSON or inflater.unconsumed_tail:
            raise ProposalError(f"le lien contient trop de données (plus de {MAX_JSON // 1024} Kio une fois "
                                "décompressé) : il n'est pas lu")
        if not inflater.eof:
            raise ProposalError("le lien est incomplet (coupé en route ?) : il ne peut pas être lu")
        data = text
    elif len(data) > MAX_JSON:
        raise ProposalError(f"le lien contient trop de données (plus de {MAX_JSON // 1024} Kio) : il n'est pas lu")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ProposalError("le lien ne contient pas une proposition lisible") from None


def find_token(text: str) -> tuple[bool, str]:
    """The token of the first ``#proposition=`` in a text (a link, a mail body), rejoined across the
    line breaks and ``> `` quoting a mail client may have put inside it."""
    lines = [re.sub(r"^(?:[ \t]*>)+[ \t]?", "", line) for line in text.splitlines()]
    body = "\n".join(lines)
    match = re.search(rf"{NAME}(0?)=", body)
    if not match:
        raise ProposalError("aucun lien de proposition (« #proposition= ») n'a été trouvé")
    token: list[str] = []
    at = match.end()
    # The token runs until a character outside base64url; a single line break inside it (a wrapped
    # line) is skipped, a blank line ends it (the mail puts one after the link).
    while at < len(body) and len(token) <= MAX_TOKEN:
        char = body[at]
        if re.match(r"[A-Za-z0-9_-]", char):
            token.append(char)
        elif char == "\n" and body[at + 1:at + 2] not in ("\n", "") and token:
            pass
        else:
            break
        at += 1
    return match.group(1) == "0", "".join(token)


# --- the proposal ------------------------------------------------------------------------------

def _check_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ProposalError("la proposition n'a pas de nom de fichier (« id »)")
    if len(value) > ID_MAX or not ID_RE.match(value):
        raise ProposalError(f"« {value[:100]} » n'est pas un nom de fichier accepté : minuscules sans accents, "
                            f"chiffres et tirets simples, {ID_MAX} caractères au plus")
    return value


def from_value(value: object) -> Proposal:
    """Check the shape of a decoded proposal (the record itself is checked by the loader)."""
    if not isinstance(value, dict) or value.get("proposition") != VERSION:
        raise ProposalError("ce lien n'est pas une proposition du centre de ressources")
    collection = value.get("collection")
    if collection not in COLLECTIONS:
        raise ProposalError(f"type de ressource inconnu : « {str(collection)[:60]} » "
                            f"(attendu : {', '.join(COLLECTIONS)})")
    record = value.get("contenu")
    if not isinstance(record, dict) or not record:
        raise ProposalError("la proposition ne contient pas de fiche")
    author = value.get("auteur", "")
    if not isinstance(author, str) or len(author) > AUTHOR_MAX:
        raise ProposalError(f"le nom de la personne qui propose doit être un texte de {AUTHOR_MAX} caractères au plus")
    modification = value.get("modification", False)
    if not isinstance(modification, bool):
        raise ProposalError("« modification » doit valoir vrai ou faux")
    author = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", " ", author).split())
    return Proposal(collection, _check_id(value.get("id")), record, author, modification)


def decode(text: str) -> Proposal:
    """The proposal of a link, or of any text holding one."""
    return from_value(decode_token(*find_token(text)))


def link(proposal: Proposal, form_url: str = "") -> str:
    """``<form_url>#proposition=<token>``."""
    return f"{form_url}#{encode(proposal.payload())}"


def json_record(data: dict) -> dict:
    """A record's values as JSON has them (dates as ``YYYY-MM-DD``), as the form holds them."""
    return json.loads(json.dumps(data, default=_json_value))


def modification_of(record: Record) -> Proposal:
    """The proposal that reopens a record as it is, to change it (« Proposer une modification »)."""
    return Proposal(record.collection, record.id, json_record(record.data), modification=True)


# --- the record file ---------------------------------------------------------------------------
# Written like scripts/templates/*.yml and like proposer.js toYaml(): keys in schema order, two
# spaces of indent, texts of several lines (and Markdown texts) as literal blocks.

_RESERVED = re.compile(r"^(y|yes|n|no|true|false|on|off|null|~)$", re.I)
_PLAIN = re.compile(r"^[^\W\d_][\w \u00a0\u202f.,'’()«»\-/+;!?]*$")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _scalar(value: object, schema: dict) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if value is None:
        return "null"
    text = str(value).strip()
    if schema.get("format") == "date" and _DATE.match(text):
        return text
    if text and _PLAIN.match(text) and not _RESERVED.match(text) and not text.endswith(("-", ":")):
        return text
    return _quoted(text)


def _ordered(mapping: dict, schema: dict) -> list:
    order = list(schema.get("properties") or {})
    return sorted(mapping.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order)))


def _emit(mapping: dict, schema: dict, indent: str) -> list[str]:
    lines = []
    properties = schema.get("properties") or {}
    for key, value in _ordered(mapping, schema):
        sub = properties.get(key) or {}
        key = str(key) if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(key)) else _quoted(str(key))
        if isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = _emit(item, sub.get("items") or {}, indent + "    ")
                    if not inner:
                        lines.append(f"{indent}  - {{}}")
                        continue
                    lines.append(f"{indent}  - {inner[0][len(indent) + 4:]}")
                    lines.extend(inner[1:])
                elif isinstance(item, list):
                    lines.append(f"{indent}  - {_quoted(json.dumps(item, ensure_ascii=False))}")
                else:
                    lines.append(f"{indent}  - {_scalar(item, sub.get('items') or {})}")
        elif isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(_emit(value, sub, indent + "  "))
        elif (isinstance(value, str) and not _UNSAFE.search(value) and "\t" not in value
              and (sub.get("contentMediaType") == "text/markdown" or re.search(r"[\r\n]", value.strip()))
              and value.strip() and not value.strip().startswith((" ", "#"))):
            lines.append(f"{indent}{key}: |")
            for line in value.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                lines.append(f"{indent}  {line}".rstrip() if line.strip() else "")
        else:
            lines.append(f"{indent}{key}: {_scalar(value, sub)}")
    return lines


def to_yaml(proposal: Proposal) -> str:
    """The record file of a proposal, with a first comment line saying where it comes from."""
    schema = COLLECTIONS[proposal.collection].json_schema()
    who = f" par {proposal.author}" if proposal.author else ""
    header = f"# Proposé{who} avec le formulaire du centre de ressources ; vérifié par make validate.\n"
    return header + "\n".join(_emit(proposal.record, schema, "")) + "\n"


__all__ = ["Proposal", "ProposalError", "decode", "decode_token", "encode", "find_token", "from_value", "link",
           "json_record", "modification_of", "to_yaml", "MAX_JSON", "MAX_TOKEN"]
