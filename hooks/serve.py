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


# --- faster rebuilds of the preview (issue 16) -------------------------------------------------
# Each rebuild of make serve makes a new Jinja environment, which compiled every template of the
# theme and of overrides/ again (about a tenth of a rebuild at 200 records). Under make serve the
# compiled templates are kept in memory: Jinja checks each one against its source's checksum, so
# an edited template is compiled again. A published build never takes this path.

import jinja2  # noqa: E402


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        found = self._compiled.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)  # ignored by Jinja when the source changed

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _MemoryBytecodeCache() if os.environ.get("CENTRE_SERVE") else None


def on_env(env, /, *, config, files):
    if _templates is not None:
        env.bytecode_cache = _templates
    return env


# Each rebuild of make serve used to start by deleting the whole site folder (MkDocs' clean
# build): hundreds of folders removed and made again, a slow part of a rebuild on a busy disk, and
# a preview answering « 404 » while it rebuilt. Under make serve the files stay in place while the
# build writes over them; at the end, the files the build did not write again (a record removed,
# a search file of the previous index) are deleted, with the folders left empty.

import mkdocs.utils  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

_before: dict[str, int] = {}  # path -> modification time (ns) of each file when the build started


def _keep_and_list(directory: str) -> None:
    """Replaces MkDocs' ``clean_directory`` under make serve: list the files instead of deleting them."""
    _before.clear()
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):  # MkDocs never deletes hidden files either
                path = os.path.join(folder, name)
                try:
                    _before[path] = os.stat(path).st_mtime_ns
                except OSError:
                    pass


def _delete_stale(directory: str) -> None:
    for path, modified in _before.items():
        try:
            if os.stat(path).st_mtime_ns == modified:  # not written by this build
                os.unlink(path)
        except OSError:
            pass
    _before.clear()
    for folder, _, _ in sorted(os.walk(directory), key=lambda entry: -len(entry[0])):
        if folder != directory:
            try:
                os.rmdir(folder)  # only succeeds when empty
            except OSError:
                pass


if os.environ.get("CENTRE_SERVE"):
    mkdocs.utils.clean_directory = _keep_and_list


@event_priority(-200)  # after every other hook has written its files (the cache's bookkeeping is -100)
def on_post_build(*, config):
    if os.environ.get("CENTRE_SERVE") and mkdocs.utils.clean_directory is _keep_and_list:
        _delete_stale(config.site_dir)
