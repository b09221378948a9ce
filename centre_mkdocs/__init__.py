"""The site generator's side of the centre: one MkDocs plugin, ``centre`` (:class:`~centre_mkdocs.plugin.CentrePlugin`).

Registered by the entry point ``mkdocs.plugins: centre`` (``pyproject.toml``) and named in
``mkdocs.yml`` ``plugins:``. Runs unchanged on MkDocs 1.6.1 and ProperDocs 1.6.7. Everything
the site shows comes from the MkDocs-free core (``core/``): this package only hands the core's
pages, files and footers to the generator.

- ``plugin.py``: the plugin, its events in the order they run;
- ``state.py``: what one build holds (the corpus, loaded once, and what the steps gather);
- ``pages.py``, ``html_blocks.py``, ``search_index.py``, ``pdfs.py``, ``opendata.py``,
  ``typography.py``, ``theme_files.py``, ``cache_report.py``: one step each, named after what it produces;
- ``speed.py``: what exists only for speed, the site being the same without it (tested);
- ``preview.py``: ``mkdocs serve`` runs the core's current code at each rebuild;
- ``macros.py``: the mkdocs-macros module of the hand-written pages (``module_name`` in mkdocs.yml).
"""
