"""The address book: every address and file name the site generates, declared once.

Addresses are relative to the site's root, directories end with ``/`` (``fiches/aller-vers/``),
files do not (``nouveautes.xml``). A page links to another with :func:`core.markup.rel_url`; an
address meant to leave the site (a feed entry, an open data row, the address printed under a QR
code, JSON-LD) is made absolute by :func:`absolute`, the only place that joins the site's address
and a page's. :func:`is_published` tells whether the site's address is a real one.
"""

from __future__ import annotations

import ipaddress
from typing import Protocol
from urllib.parse import urlsplit

from .schema import ID_MAX, NOUNS
from .text import slug


class Addressed(Protocol):
    """Anything with a collection and an id: a record (``core.corpus.Record``)."""

    @property
    def collection(self) -> str: ...

    @property
    def id(self) -> str: ...


# --- the menu section of the site-wide lists (facet indexes, novelties, observatory, open data) ---

EXPLORER = "Explorer"

# --- records and their printed forms ---------------------------------------------------------


def collection(name: str) -> str:
    """A collection's list page: ``fiches/``."""
    return f"{name}/"


def record(item: Addressed) -> str:
    """A record's page: ``fiches/aller-vers/``."""
    return f"{item.collection}/{item.id}/"


def record_pdf(item: Addressed) -> str:
    """A record's PDF, next to its page: ``fiches/aller-vers/aller-vers.pdf`` (fiches have one)."""
    return f"{record(item)}{item.id}.pdf"


def falc_pdf(item: Addressed) -> str:
    """The PDF of a record's easy-to-read text: ``fiches/aller-vers/aller-vers-facile-a-lire.pdf``."""
    return f"{record(item)}{item.id}-facile-a-lire.pdf"


# --- easy-to-read pages -------------------------------------------------------------------------

EASY_READ = "facile-a-lire/"


def easy_read(item: Addressed) -> str:
    """A record's easy-to-read page, flat on purpose (see ``core.easy_read``): ``facile-a-lire/fiches-aller-vers/``."""
    return f"{EASY_READ}{item.collection}-{item.id}/"


# --- printable supports -------------------------------------------------------------------------

SUPPORTS = "supports/"


def support(support_id: str) -> str:
    """A support's page: ``supports/attestation/``."""
    return f"{SUPPORTS}{support_id}/"


def support_pdf(support_id: str) -> str:
    """A support's PDF, next to its page: ``supports/attestation/attestation.pdf``."""
    return f"{support(support_id)}{support_id}.pdf"


# --- kits -----------------------------------------------------------------------------------------

KITS = "kits/"
MY_KIT = "kits/mon-kit/"


def kit_pdf(kit_id: str) -> str:
    """A predefined kit's booklet: ``kits/premier-atelier.pdf``."""
    return f"{KITS}{kit_id}.pdf"


# --- site-wide pages and files ----------------------------------------------------------------------

CATALOGUE = "catalogue/"
GLOSSARY = "glossaire/"
PLANNER = "planifier/"
SESSION = "seance/"  # « Préparer une séance », the session builder
NOVELTIES = "nouveautes/"
FEED = "nouveautes.xml"
OBSERVATORY = "observatoire/"
RETOURS = "retours/"
REVIEW = "maintenance/"
GUIDE = "contribuer/"  # docs/contribuer.md, the contributor's guide

# The search index: its head, then the texts and postings files it names, in Material's search/ folder.
SEARCH = "search/"
SEARCH_INDEX_FILE = "recherche.json"
SEARCH_INDEX = f"{SEARCH}{SEARCH_INDEX_FILE}"

OPEN_DATA = "donnees/"
OPEN_DATA_CSV = f"{OPEN_DATA}ressources.csv"
OPEN_DATA_JSON = f"{OPEN_DATA}ressources.json"
OPEN_DATA_SCHEMA = f"{OPEN_DATA}schema.json"


# --- the « Explorer » facet folders -----------------------------------------------------------------


def facet_index(folder: str) -> str:
    """The index of a facet's values: ``thematiques/``."""
    return f"{folder}/"


def facet_value(folder: str, value: str) -> str:
    """The page of one value of a facet: ``thematiques/logement/``."""
    return f"{folder}/{value}/"


# --- the « Proposer » forms ---------------------------------------------------------------------------

PROPOSE = "proposer/"
RETOUR_FORM = f"{PROPOSE}retour/"  # a retour is told, not proposed: its form has its own address


def form(collection_name: str) -> str:
    """A collection's « Proposer » form, named by its noun: ``proposer/fiche/``, ``proposer/retour/``."""
    if collection_name == "retours":
        return RETOUR_FORM
    return f"{PROPOSE}{slug(NOUNS[collection_name].word, ID_MAX)}/"


# --- leaving the site -------------------------------------------------------------------------------


def absolute(site_url: str, url: str) -> str:
    """The full address of ``url`` (relative to the site's root) on the site published at ``site_url``.

    ``https://intranet.exemple.fr/centre/`` and ``fiches/x/`` give
    ``https://intranet.exemple.fr/centre/fiches/x/`` (with or without the final ``/`` of
    ``site_url``). Without a site address (``""``) the address stays relative to the site's root,
    ``fiches/x/``: never ``/fiches/x/``, which would lead to the host's root when the site is
    published under a sub-path. ``url`` is relative to the site's root: a leading ``/`` is refused.
    """
    if url.startswith("/"):
        raise ValueError(f"adresse relative à la racine du site attendue, pas {url!r}")
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


_LOCAL_NAMES = {"localhost", "localhost.localdomain"}


def is_published(site_url: str) -> bool:
    """Whether ``site_url`` is where readers find the site: not empty, not this machine
    (``localhost``, ``127.0.0.0/8``, ``::1``, ``0.0.0.0``)."""
    site_url = (site_url or "").strip()
    if not site_url:
        return False
    host = urlsplit(site_url if "//" in site_url else f"//{site_url}").hostname
    if not host:
        return False
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name
    return not (address.is_loopback or address.is_unspecified)


def printed(site_url: str, url: str) -> str | None:
    """The address printed on paper under a QR code for ``url``: :func:`absolute` when the site has a
    published address (:func:`is_published`), else None. A sheet without an address, and without a
    QR code, is better than one leading to this machine or nowhere."""
    return absolute(site_url, url) if is_published(site_url) else None


# One line, said by every build without a published address (the plugin's log, scripts/build.py).
NO_ADDRESS_WARNING = ("Pas d'adresse de publication (SITE_URL, actuellement « {site_url} ») : les fiches imprimées "
                      "n'ont ni adresse ni code QR. Pour publier : make publier SITE_URL=https://…")


__all__ = [
    "EXPLORER", "collection", "record", "record_pdf", "falc_pdf", "EASY_READ", "easy_read", "SUPPORTS",
    "support", "support_pdf", "KITS", "MY_KIT", "kit_pdf", "CATALOGUE", "GLOSSARY", "PLANNER", "NOVELTIES",
    "FEED", "OBSERVATORY", "SEARCH", "SEARCH_INDEX_FILE", "SEARCH_INDEX", "RETOURS", "REVIEW", "GUIDE", "OPEN_DATA", "OPEN_DATA_CSV", "OPEN_DATA_JSON",
    "OPEN_DATA_SCHEMA", "facet_index", "facet_value", "PROPOSE", "RETOUR_FORM", "form",
    "absolute", "is_published", "printed", "NO_ADDRESS_WARNING",
]
