"""Macros for hand-written pages in ``docs/``: show the data instead of copying it.

Loaded by mkdocs-macros (``module_name: centre_mkdocs/macros`` in mkdocs.yml: a path from the
project folder, executed again at each configuration load). Every function returns escaped HTML
built by the core; record text never reaches the template engine. The corpus is the one the
``centre`` plugin loaded for this build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from core import showcase
from core.corpus import Corpus
from core.forge import Forge

Macro = TypeVar("Macro", bound=Callable[..., Any])


def define_env(env: Any) -> None:
    """``env``: mkdocs-macros' plugin object (``env.conf`` the MkDocs config, ``env.page`` the page)."""
    macro: Callable[[Macro], Macro] = env.macro  # registers a function under its name

    def corpus() -> Corpus:
        build = env.conf.plugins["centre"].build
        assert build is not None, "the centre plugin loads the corpus in on_config, before any page"
        loaded: Corpus = build.corpus
        return loaded

    def here() -> str:
        return env.page.url if env.page else ""

    @macro
    def chiffres_cles() -> str:
        """The key figures of ``data/chiffres.yml``."""
        return showcase.key_figures(corpus())

    @macro
    def axes_engagement() -> str:
        """The three chapters of the engagement, with the number of resources of each."""
        return showcase.axes(corpus(), here())

    def in_build(url: str) -> bool:
        # Every page of the build: docs/ and the page registry's pages (centre_mkdocs/pages.py register()).
        files = env.variables.get("files")
        return files is not None and any(f.url == url for f in files.documentation_pages())

    @macro
    def entrees(*entrees: list[str]) -> str:
        """Ways in, as links: ``entrees(["catalogue/", "Titre", "Texte"], ...)``; a page not in the build is left out."""
        return showcase.entry_points(entrees, here(), in_build)

    @macro
    def liste(collection: str | None = None, limite: int | None = None, **filtres: Any) -> str:
        """Cards of the records matching filters, e.g. ``liste("fiches", thematiques="logement")``."""
        return showcase.record_list(corpus(), here(), collection, limite, **filtres)

    @macro
    def nombre(collection: str | None = None) -> int:
        """How many records a collection (or the whole centre) holds."""
        return showcase.count(corpus(), collection)

    @macro
    def champs(collection: str) -> str:
        """The documentation of every field of a collection, from the schema."""
        return showcase.field_reference(collection)

    @macro
    def lien_fichier(chemin: str) -> str:
        """A file of the repository: a link to it on the forge (extra.forge), or its name without a forge."""
        forge = Forge.from_settings(env.conf.extra.get("forge"))
        return f"[{chemin}]({forge.file_url(chemin)})" if forge else f"`{chemin}` (dans le dépôt)"

    @macro
    def referentiel(nom: str) -> str:
        """The ids and labels of one vocabulary."""
        return showcase.vocabulary_table(corpus(), nom)
