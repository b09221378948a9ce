"""MkDocs hook, listed first: under ``make serve``, each rebuild runs the core's current code.

``mkdocs serve`` loads the configuration again before each rebuild, which executes the hooks again,
but the modules of ``core/`` they import stay in ``sys.modules`` with the code of the first build.
``make serve`` sets ``CENTRE_SERVE``; this hook then forgets those modules, so that the hooks and the
macros loaded after it import ``core/`` afresh (``make serve`` watches ``core/``).
A plain build (``make site``, the tests) does nothing here.
"""

from __future__ import annotations

import os
import sys

if os.environ.get("CENTRE_SERVE"):
    for name in [name for name in sys.modules if name == "core" or name.startswith("core.")]:
        del sys.modules[name]
