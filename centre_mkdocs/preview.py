"""``mkdocs serve``: each rebuild runs the current code of ``core/`` and of this package's steps.

MkDocs has no event for reloading code: a plugin is imported once per process, and under
``mkdocs serve`` the same plugin object serves every rebuild (it has ``on_startup``). So the
plugin calls :func:`reload_if_changed` at the start of every rebuild but the first (``on_config``);
when a ``.py`` file of ``core/`` or of this package changed since the code was loaded, the
modules of ``core/`` are forgotten (``sys.modules``), then each step module of this package is
executed again in place (``importlib.reload``), importing ``core/`` afresh; the plugin's calls go
through those module objects, so they reach the new code. mkdocs-macros executes ``macros.py``
again at each configuration load, after this. Not reloaded: ``plugin.py`` itself and the objects
made by ``on_startup`` (``speed.py``'s, whose functions still read the reloaded module's names):
an edit of those needs a restart of ``make serve``. A plain build never comes here.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import core

_FOLDERS = (Path(core.__file__).resolve().parent, Path(__file__).resolve().parent)

# The plugin's step modules, each after the modules it imports (``state`` is imported by the others).
STEPS = ("state", "cache_report", "pages", "html_blocks", "search_index", "pdfs", "opendata", "typography", "theme_files", "speed")


def reload_code() -> None:
    for name in [name for name in sys.modules if name == "core" or name.startswith("core.")]:
        del sys.modules[name]
    for step in STEPS:
        module = sys.modules.get(f"{__package__}.{step}")
        if module is not None:
            importlib.reload(module)


def code_state() -> dict[str, int]:
    """Every ``.py`` file of ``core/`` and of this package, with its modification time (ns)."""
    return {str(path): path.stat().st_mtime_ns for folder in _FOLDERS for path in sorted(folder.rglob("*.py"))}


def reload_if_changed(loaded: dict[str, int]) -> dict[str, int]:
    """:func:`reload_code` if the code changed since ``loaded`` (kept otherwise: the preview's memos
    are keyed by the functions they memoise); the state of the code now running."""
    now = code_state()
    if now != loaded:
        reload_code()
    return now
