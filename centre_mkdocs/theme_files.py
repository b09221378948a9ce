"""Files of the theme that the site does not publish: the source maps (``*.map``).

Material ships a source map beside each minified script and stylesheet, for developers' tools. No
reader needs them, and Material's map quotes its sources, comments included, which name loopback
addresses (``localhost``, ``127.0.0.1``): a published site must carry none (``scripts/check_site.py``).
"""

from __future__ import annotations

from mkdocs.structure.files import Files


def leave_out_source_maps(files: Files) -> None:
    for file in [file for file in files if file.src_uri.endswith(".map") and not file.is_documentation_page()]:
        files.remove(file)
