"""The data contract as a French Markdown page, written from the declarations (``docs-dev/format.md``).

``scripts/format_reference.py`` writes it; a test fails when the file and the schema disagree,
so the reference can never drift from what the loader checks.
"""

from __future__ import annotations

from .blocks import Obj
from .collections import COLLECTION_LABELS
from .declarations import COLLECTIONS, LIST_FILES, VOCABULARIES, VOCABULARY_ENTRY
from .facets import FACETS
from .types import ID_MAX, ID_PATTERN

HEADER = """<!-- Fichier produit par scripts/format_reference.py à partir de core/schema/ : ne pas le modifier à la main. -->

# Le format des données (contrat de données)

Les contributeurs écrivent ces fichiers à la main ou avec les formulaires « Proposer » ; la
vérification (`make validate`), la construction du site, les fiches imprimées et la recherche
les lisent tous. Cette page est produite à partir du schéma (`core/schema/declarations.py`) :
elle dit exactement ce que le site vérifie. Les clés sont en français, en minuscules, sans
accents ; on peut ajouter un champ facultatif, mais jamais renommer ni détourner un champ
existant sans migrer les fichiers.
"""


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(obj: Obj) -> str:
    return "\n".join(["| clé | nom affiché | obligatoire | type | signification |",
                      "| --- | --- | --- | --- | --- |",
                      *(f"| `{key}` | {_cell(spec.label)} | {'oui' if spec.required else 'non'} | "
                        f"{_cell(spec.type.doc)} | {_cell(spec.help)} |" for key, spec in obj.walk())])


def format_reference() -> str:
    parts = [HEADER.strip()]
    parts.append("## Où sont les fichiers\n\n| collection | dossier | adresse de la page |\n| --- | --- | --- |")
    parts[-1] += "".join(f"\n| {nouns[1]} | `data/{name}/<id>.yml` | `/{name}/<id>/` |"
                         for name, nouns in COLLECTION_LABELS.items())
    parts.append(f"L'identifiant `<id>` est le nom du fichier sans `.yml` : minuscules sans accents, chiffres et "
                 f"tirets simples (`{ID_PATTERN}`), {ID_MAX} caractères au plus, unique dans toutes les "
                 "collections. Une référence à une autre ressource est son identifiant ; le lien apparaît sur "
                 "les deux pages. Les champs « texte Markdown » acceptent la mise en forme Markdown, jamais de "
                 "HTML ; les autres textes sont affichés tels quels.")
    for name, declaration in COLLECTIONS.items():
        parts.append(f"## {COLLECTION_LABELS[name][0]} (`data/{name}/<id>.yml`)\n\n{_table(declaration)}")
    parts.append("## Listes contrôlées (`data/referentiels/`)\n\n"
                 "Un fichier par liste ; les fiches utilisent les identifiants, les pages affichent les "
                 "libellés. Ajouter un territoire ou une thématique, c'est ajouter une entrée au fichier.\n\n"
                 + "\n".join(f"- `data/referentiels/{v}.yml`" for v in VOCABULARIES)
                 + "\n\nChaque entrée :\n\n" + _table(VOCABULARY_ENTRY))
    for file_name, (entry, title) in LIST_FILES.items():
        parts.append(f"## {title} (`data/{file_name}`)\n\nUne liste d'entrées :\n\n{_table(entry)}")
    facets = "\n".join(
        f"| {_cell(f.legend)} | `{f.key or '(collection)'}` | "
        f"{f'`data/referentiels/{f.vocabulary}.yml`' if f.vocabulary else 'valeurs fixées par le schéma'} | "
        f"{f'`/{f.folder}/`' if f.folder else '—'} |" for f in FACETS)
    parts.append("## Filtres du catalogue (facettes)\n\nDans cet ordre sur les pages de listes :\n\n"
                 "| filtre | clé | valeurs | pages |\n| --- | --- | --- | --- |\n" + facets)
    return "\n\n".join(parts) + "\n"
