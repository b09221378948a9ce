"""``mkdocs serve``: each rebuild runs the current code of ``core/`` and of this package's steps.

MkDocs has no event for reloading code: a plugin is imported once per process, and under
``mkdocs serve`` the same plugin object serves every rebuild (it has ``on_startup``). So the
plugin calls :func:`reload_code` at the start of every rebuild but the first (``on_config``): the
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

# The plugin's step modules, each after the modules it imports (``state`` is imported by the others).
STEPS = ("state", "cache_report", "pages", "html_blocks", "search_index", "pdfs", "opendata", "typography", "speed")


def reload_code() -> None:
    for name in [name for name in sys.modules if name == "core" or name.startswith("core.")]:
        del sys.modules[name]
    for step in STEPS:
        module = sys.modules.get(f"{__package__}.{step}")
        if module is not None:
            importlib.reload(module)
