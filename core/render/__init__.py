"""The page builders, by kind of page. Where is … written?

- a pratique, fiche or méthodologie page: :mod:`.record` (the page: header, facts, sections in the
  order declared in ``core/schema/collections.py``), with each collection's own ways of showing a
  value in :mod:`.pratique`, :mod:`.fiche` and :mod:`.methodologie`;
- a card, the facts, the chips, a list, a section, the related records: :mod:`.components`;
- a collection's catalogue (``fiches/``) and the facet pages (``thematiques/logement/``): :mod:`.lists`;
- « Utilisée N fois », the retours on the records they used: :mod:`.usage` (a retour's own page:
  ``core/retours.py``);
- ``html()`` and ``join()`` as these modules use them: :mod:`.safe`.
"""
