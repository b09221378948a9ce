"""Domain core of the resource centre: load, validate and render records.

Nothing in this package imports MkDocs: the plugin in ``centre_mkdocs/`` and the
scripts in ``scripts/`` are thin adapters over it.
"""
