"""The record schema, declared once: validation, JSON Schema and field docs all come from here."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field

from .problems import Problem, WARNING, show, suggest
from .reader import display_key, is_date

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX = 80

AXES = {"former": "Former", "faire-avec": "Faire avec", "participation": "Participation"}
FORMATS = {"individuel": "Individuel", "collectif": "Collectif", "mixte": "Mixte"}
STATUTS = {"en-projet": "En projet", "en-cours": "En cours", "terminee": "Terminée"}
FICHE_TYPES = {"methode": "Fiche méthode", "outil": "Fiche outil", "repere": "Fiche repère"}


def _kind(value) -> str:
    if value is None:
        return "vide"
    if isinstance(value, bool):
        return "oui/non"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "une date"
    return type(value).__name__


# Python-Markdown recurses once per nesting level and scans "[" in quadratic time: beyond these
# limits a single field overflows the stack or takes minutes to render (checked by the schema).
MAX_NESTING = 6
MAX_INDENT = 24
MAX_BRACKETS = 300
_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[*+\-]|\d{1,9}[.)])(?=[ \t]|$)))+")


def markdown_problem(text: str) -> str | None:
    """Why a Markdown text cannot be rendered safely, in French, or None."""
    if text.count("[") > MAX_BRACKETS:
        return (f"trop de crochets « [ » ({text.count('[')}, maximum {MAX_BRACKETS}) : "
                "ce texte ne peut pas être mis en page")
    for line in text.split("\n"):
        markers = _MARKERS.match(line)
        nesting = len(re.findall(r"[>*+\-]|\d{1,9}[.)]", markers.group(0))) if markers else 0
        indent = len(line) - len(line.lstrip(" \t"))
        if nesting > MAX_NESTING or indent > MAX_INDENT:
            return (f"mise en forme trop imbriquée (plus de {MAX_NESTING} niveaux de listes ou de citations, "
                    f"ou un retrait de plus de {MAX_INDENT} espaces) : simplifiez-la")
    return None


class Context:
    """What a check needs to know about the rest of the corpus, and where it writes problems."""

    def __init__(self, document, vocabularies=None, ids=None, today=None, docs_dir=None):
        self.document = document
        self.vocabularies = vocabularies or {}
        self.ids = ids or {}
        self.today = today or datetime.date.today()
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []

    def error(self, keypath, message, level="erreur"):
        self.problems.append(Problem(self.document.path, self.document.line(keypath),
                                     display_key(keypath), message, level))

    def warn(self, keypath, message):
        self.error(keypath, message, WARNING)


class Invalid(Exception):
    """A value is unusable; its problem is already recorded."""


# --- types -----------------------------------------------------------------

class Type:
    doc = ""

    def check(self, value, keypath, ctx):
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


@dataclass
class Text(Type):
    min: int = 1
    max: int = 1000
    markdown: bool = False

    @property
    def doc(self):
        kind = "texte Markdown" if self.markdown else "texte"
        return f"{kind} ({self.min} à {self.max} caractères)" if self.min > 1 else f"{kind} (au plus {self.max} caractères)"

    def check(self, value, keypath, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not self.markdown:
            value = str(value)
        if not isinstance(value, str):
            ctx.error(keypath, f"doit être un texte, pas {_kind(value)}")
            raise Invalid
        value = value.strip()
        if len(value) < self.min:
            ctx.error(keypath, f"trop court ({len(value)} caractère{'s' if len(value) > 1 else ''}, minimum {self.min})")
            raise Invalid
        if len(value) > self.max:
            ctx.error(keypath, f"trop long ({len(value)} caractères, maximum {self.max})")
            raise Invalid
        if self.markdown and markdown_problem(value):
            ctx.error(keypath, markdown_problem(value))
            raise Invalid
        return value

    def json_schema(self):
        schema = {"type": "string", "minLength": self.min, "maxLength": self.max}
        if self.min > 0:
            schema["pattern"] = r"\S"
        if self.markdown:
            schema["contentMediaType"] = "text/markdown"
        return schema


@dataclass
class Choice(Type):
    values: dict

    @property
    def doc(self):
        return "une valeur parmi : " + ", ".join(f"`{v}`" for v in self.values)

    def check(self, value, keypath, ctx):
        if not isinstance(value, str) or value not in self.values:
            ctx.error(keypath, f"« {show(value)} » n'est pas une valeur permise ({', '.join(self.values)})."
                      + suggest(value, self.values))
            raise Invalid
        return value

    def json_schema(self):
        return {"type": "string", "enum": list(self.values), "x-labels": dict(self.values)}


@dataclass
class Vocab(Type):
    """An id from ``data/referentiels/<name>.yml``."""

    name: str
    noun: str

    @property
    def doc(self):
        return f"identifiant de `referentiels/{self.name}.yml`"

    def check(self, value, keypath, ctx):
        known = ctx.vocabularies.get(self.name, {})
        if not isinstance(value, str) or value not in known:
            ctx.error(keypath, f"« {show(value)} » ne figure pas dans referentiels/{self.name}.yml ({self.noun})."
                      + suggest(value, known))
            raise Invalid
        return value

    def json_schema(self):
        return {"type": "string", "vocabulary": self.name,
                "x-errors": {"enum": f"« {{value}} » ne figure pas dans referentiels/{self.name}.yml ({self.noun})."}}


@dataclass
class RecordRef(Type):
    collection: str

    @property
    def doc(self):
        return f"identifiant d'un fichier de `data/{self.collection}/`"

    def check(self, value, keypath, ctx):
        known = ctx.ids.get(self.collection, ())
        if not isinstance(value, str) or value not in known:
            ctx.error(keypath, f"« {show(value)} » ne correspond à aucun fichier data/{self.collection}/{show(value)}.yml."
                      + suggest(value, known))
            raise Invalid
        return value

    def json_schema(self):
        return {"type": "string", "pattern": ID_PATTERN, "collection": self.collection,
                "x-errors": {"enum": f"« {{value}} » ne correspond à aucun fichier data/{self.collection}/{{value}}.yml.",
                             "pattern": f"« {{value}} » ne correspond à aucun fichier data/{self.collection}/{{value}}.yml."}}


@dataclass
class Integer(Type):
    min: int | None = None
    max: int | None = None
    doc: str = "nombre entier"

    def check(self, value, keypath, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.error(keypath, f"doit être un nombre entier, pas {_kind(value)}")
            raise Invalid
        if self.min is not None and value < self.min:
            ctx.error(keypath, f"doit être au moins {self.min}")
            raise Invalid
        if self.max is not None and value > self.max:
            ctx.error(keypath, f"doit être au plus {self.max}")
            raise Invalid
        return value

    def json_schema(self):
        schema = {"type": "integer"}
        if self.min is not None:
            schema["minimum"] = self.min
        if self.max is not None:
            schema["maximum"] = self.max
        return schema


@dataclass
class Number(Type):
    doc: str = "nombre"

    def check(self, value, keypath, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.error(keypath, f"doit être un nombre, pas {_kind(value)}")
            raise Invalid
        if not math.isfinite(value) or abs(value) >= 1e15:
            ctx.error(keypath, f"« {show(value)} » n'est pas un nombre utilisable (au plus 15 chiffres)")
            raise Invalid
        return value

    def json_schema(self):
        return {"type": "number"}


@dataclass
class Boolean(Type):
    doc: str = "`true` (oui) ou `false` (non)"

    def check(self, value, keypath, ctx):
        if not isinstance(value, bool):
            ctx.error(keypath, f"doit valoir true (oui) ou false (non), pas « {show(value)} »")
            raise Invalid
        return value

    def json_schema(self):
        return {"type": "boolean"}


@dataclass
class Date(Type):
    doc: str = "date `AAAA-MM-JJ`, pas dans le futur"

    def check(self, value, keypath, ctx):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                ctx.error(keypath, f"la date « {show(value)} » n'existe pas")
                raise Invalid
        if not is_date(value):
            ctx.error(keypath, f"doit être une date au format AAAA-MM-JJ, pas « {show(value)} »")
            raise Invalid
        if value > ctx.today:
            ctx.error(keypath, f"la date {value.isoformat()} est dans le futur")
            raise Invalid
        return value

    def json_schema(self):
        # "x-notFuture" is ours: JSON Schema cannot compare with today's date.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "x-notFuture": True,
                "x-errors": {"pattern": "doit être une date au format AAAA-MM-JJ, pas « {value} »"}}


@dataclass
class Url(Type):
    doc: str = "adresse `http://` ou `https://`"

    def check(self, value, keypath, ctx):
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"']+\.[^\s<>\"']+", value.strip()):
            ctx.error(keypath, f"« {show(value)} » n'est pas une adresse web valide (elle doit commencer par http:// ou https://)")
            raise Invalid
        return value.strip()

    def json_schema(self):
        return {"type": "string", "pattern": r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", "maxLength": 2000,
                "x-errors": {"pattern": "« {value} » n'est pas une adresse web valide (elle doit commencer par http:// ou https://)"}}


@dataclass
class DocsPath(Type):
    doc: str = "chemin d'un fichier sous `docs/` (sans `..`)"

    def check(self, value, keypath, ctx):
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_\-./]+", value) \
                or value.startswith("/") or ".." in value.split("/"):
            ctx.error(keypath, f"« {show(value)} » n'est pas un chemin accepté : un chemin relatif à docs/, sans « .. » ni espace")
            raise Invalid
        if ctx.docs_dir is not None:
            target = ctx.docs_dir / value
            if not target.is_file():
                ctx.error(keypath, f"le fichier docs/{value} n'existe pas")
                raise Invalid
            # A link (symlink) inside docs/ must not publish a file from elsewhere on the server.
            if not target.resolve().is_relative_to(ctx.docs_dir.resolve()):
                ctx.error(keypath, f"docs/{value} est un lien vers un fichier hors de docs/ : copiez le document dans docs/")
                raise Invalid
        return value

    def json_schema(self):
        return {"type": "string", "pattern": r"^(?!/)(?!.*(^|/)\.\.(/|$))[A-Za-z0-9_\-./]+$",
                "x-errors": {"pattern": "« {value} » n'est pas un chemin accepté : un chemin relatif à docs/, sans « .. » ni espace"}}


# Letters, digits and . _ % + - only: no "?" or "&" that would add a subject or a copy to a mailto: link.
EMAIL_PATTERN = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"


@dataclass
class Email(Type):
    doc: str = "adresse électronique institutionnelle"

    def check(self, value, keypath, ctx):
        if not isinstance(value, str) or not re.fullmatch(EMAIL_PATTERN, value.strip()):
            ctx.error(keypath, f"« {show(value)} » n'est pas une adresse électronique valide")
            raise Invalid
        return value.strip()

    def json_schema(self):
        return {"type": "string", "pattern": f"^{EMAIL_PATTERN}$",
                "x-errors": {"pattern": "« {value} » n'est pas une adresse électronique valide"}}


@dataclass
class ListOf(Type):
    item: Type
    min: int = 0
    max: int = 100
    unique: bool = True

    @property
    def doc(self):
        need = f", au moins {self.min}" if self.min else ""
        return f"liste de : {self.item.doc}{need}"

    def check(self, value, keypath, ctx):
        if not isinstance(value, list):
            ctx.error(keypath, f"doit être une liste (une ligne « - valeur » par élément), pas {_kind(value)}")
            raise Invalid
        if len(value) < self.min:
            ctx.error(keypath, f"la liste doit compter au moins {self.min} élément{'s' if self.min > 1 else ''}")
            raise Invalid
        if len(value) > self.max:
            ctx.error(keypath, f"la liste compte {len(value)} éléments (maximum {self.max})")
            raise Invalid
        result, seen, failed = [], set(), False
        for index, item in enumerate(value):
            try:
                checked = self.item.check(item, keypath + (index,), ctx)
            except Invalid:
                failed = True
                continue
            if self.unique and isinstance(checked, str):
                if checked in seen:
                    ctx.error(keypath + (index,), f"« {show(checked)} » figure deux fois dans la liste")
                    failed = True
                seen.add(checked)
            result.append(checked)
        if failed:
            raise Invalid
        return result

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min, "maxItems": self.max}
        if self.unique and isinstance(self.item, (Text, Vocab, RecordRef, Choice)):
            schema["uniqueItems"] = True
        return schema


@dataclass
class Field:
    type: Type
    required: bool = False
    help: str = ""


@dataclass
class Obj(Type):
    fields: dict
    rules: list = field(default_factory=list)
    noun: str = "bloc"

    @property
    def doc(self):
        return "bloc de clés : " + ", ".join(
            f"`{name}`" + ("" if spec.required else " (facultatif)") for name, spec in self.fields.items())

    def check(self, value, keypath, ctx):
        if not isinstance(value, dict):
            hint = " (retirez le « - » devant)" if isinstance(value, list) else ""
            ctx.error(keypath, f"doit être un bloc de clés ({', '.join(self.fields)}), pas {_kind(value)}{hint}")
            raise Invalid
        result, failed = {}, False
        for key in value:
            if key not in self.fields:
                ctx.error(keypath + (key,), "clé inconnue." + suggest(key, self.fields)
                          + ("" if suggest(key, self.fields) else f" Clés possibles : {', '.join(self.fields)}."))
                failed = True
        for name, spec in self.fields.items():
            raw = value.get(name)
            if raw is None or (raw == [] and not spec.required):
                if spec.required and name in value:
                    ctx.error(keypath + (name,), f"champ obligatoire « {name} » vide")
                    failed = True
                elif spec.required:
                    ctx.error(keypath, f"champ obligatoire « {name} » manquant")
                    failed = True
                continue
            try:
                result[name] = spec.type.check(raw, keypath + (name,), ctx)
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        for rule in self.rules:
            rule(result, keypath, ctx)
        return result

    def json_schema(self):
        schema = {
            "type": "object",
            "title": self.noun,
            "properties": {name: {**spec.type.json_schema(), "description": spec.help}
                           for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }
        for rule in self.rules:
            # Each cross-field rule carries its JSON Schema translation, so the browser checks it too.
            for keyword, value in getattr(rule, "json_schema", {}).items():
                schema[keyword] = schema[keyword] + value if keyword == "allOf" and keyword in schema else value
        return schema


# --- cross-field rules ------------------------------------------------------

def _min_before_max(low, high, message):
    def rule(value, keypath, ctx):
        if value.get(low) is not None and value.get(high) is not None and value[low] > value[high]:
            ctx.error(keypath + (high,), message)
            raise Invalid
    # "x-ordered" is ours: JSON Schema cannot compare two fields.
    rule.json_schema = {"x-ordered": [low, high], "x-errors": {"x-ordered": message}}
    return rule


def _one_of(*names):
    def rule(value, keypath, ctx):
        if sum(name in value for name in names) != 1:
            ctx.error(keypath, f"indiquez soit « {names[0]} », soit « {names[1]} » (un seul des deux)")
            raise Invalid
    rule.json_schema = {"oneOf": [{"required": [name]} for name in names],
                        "x-errors": {"oneOf": f"indiquez soit « {names[0]} », soit « {names[1]} » (un seul des deux)"}}
    return rule


_CONSENT_MESSAGE = "un témoignage n'est publié qu'avec « consentement: true » (accord de la personne)"


def _consent(value, keypath, ctx):
    if value.get("consentement") is not True:
        ctx.error(keypath + ("consentement",), _CONSENT_MESSAGE)
        raise Invalid


_consent.json_schema = {"allOf": [{"properties": {"consentement": {"const": True, "x-errors": {"const": _CONSENT_MESSAGE}}}}]}


# --- the three collections ----------------------------------------------------

PLAIN = Text(max=500)
MD = Text(max=20000, markdown=True)


def _shared() -> dict:
    return {
        "titre": Field(Text(3, 120), True, "Titre de la fiche, court et parlant."),
        "resume": Field(Text(20, 400), True, "Une à trois phrases : affiché sur les cartes, dans la recherche et les exports."),
        "axe": Field(Choice(AXES), True, "Partie de l'engagement servie : former, faire-avec ou participation."),
        "thematiques": Field(ListOf(Vocab("thematiques", "thématiques"), min=1), True, "Thématiques (au moins une)."),
        "publics": Field(ListOf(Vocab("publics", "publics"), min=1), True, "Personnes concernées (au moins un public)."),
        "niveau_participation": Field(Vocab("niveaux-participation", "niveaux de participation"), True,
                                      "Niveau de participation atteint, de information à co-decision."),
        "mots_cles": Field(ListOf(Text(1, 80)), False, "Mots-clés libres, synonymes, sigles : ils aident la recherche."),
        "pratiques": Field(ListOf(RecordRef("pratiques")), False, "Pratiques liées (identifiants)."),
        "fiches": Field(ListOf(RecordRef("fiches")), False, "Fiches liées (identifiants)."),
        "methodologies": Field(ListOf(RecordRef("methodologies")), False, "Méthodologies liées (identifiants)."),
        "ressources": Field(ListOf(Obj({
            "titre": Field(Text(2, 200), True, "Intitulé du lien ou du document."),
            "url": Field(Url(), False, "Adresse web (http ou https)."),
            "fichier": Field(DocsPath(), False, "Chemin d'un document sous docs/."),
        }, [_one_of("url", "fichier")], "ressource")), False, "Documents et liens utiles."),
        "date_maj": Field(Date(), True, "Date de la dernière relecture (AAAA-MM-JJ)."),
        "contributeurs": Field(ListOf(Obj({
            "nom": Field(Text(2, 120), True, "Nom de la personne ou de la structure."),
            "role": Field(Text(2, 120), True, "Rôle : rédactrice, co-auteur avec une expérience vécue…"),
        }, noun="contributeur")), False, "Qui a écrit la fiche ; les personnes concernées sont créditées comme co-autrices si elles le souhaitent."),
        "falc": Field(MD, False, "Version facile à lire et à comprendre (FALC), en Markdown."),
        "rgpd_verifie": Field(ListOf(Obj({
            "valeur": Field(Text(2, 200), True, "Le texte signalé par le contrôle, recopié tel quel."),
            "raison": Field(Text(10, 300), True, "Pourquoi ce n'est pas une donnée personnelle (ex. « standard du service »)."),
        }, noun="vérification"), unique=False), False,
            "Valeurs signalées par le contrôle des données personnelles et vérifiées par une personne : "
            "ce ne sont pas des données personnelles (voir « Données personnelles »)."),
    }


PRATIQUE = Obj({
    **_shared(),
    "territoires": Field(ListOf(Vocab("territoires", "territoires"), min=1), True, "Territoires concernés."),
    "format": Field(Choice(FORMATS), True, "Type d'intervention : individuel, collectif ou mixte."),
    "statut": Field(Choice(STATUTS), True, "État : en-projet, en-cours ou terminee."),
    "periode": Field(Obj({
        "debut": Field(Integer(1900, 2100, "année"), True, "Année de début."),
        "fin": Field(Integer(1900, 2100, "année"), False, "Année de fin (vide si en cours)."),
    }, [_min_before_max("debut", "fin", "l'année de fin précède l'année de début")], "période"), False, "Période de l'action."),
    "porteurs": Field(ListOf(Text(2, 200), min=1), True, "Structures ou services qui portent l'action (jamais des particuliers)."),
    "partenaires": Field(ListOf(Text(2, 200)), False, "Partenaires."),
    "contexte": Field(MD, True, "Pourquoi l'action a commencé (Markdown)."),
    "objectifs": Field(ListOf(PLAIN, min=1), True, "Objectifs (au moins un)."),
    "deroulement": Field(MD, True, "Ce qui a été fait, étape par étape (Markdown)."),
    "resultats": Field(MD, False, "Ce qui a changé, pour qui (Markdown)."),
    "indicateurs": Field(ListOf(Obj({
        "libelle": Field(Text(2, 200), True, "Ce qui est mesuré."),
        "valeur": Field(Number(), True, "Valeur mesurée (un nombre)."),
        "unite": Field(Text(1, 40), False, "Unité."),
        "annee": Field(Integer(1900, 2100, "année"), False, "Année de la mesure."),
        "source": Field(Text(2, 200), False, "Source de la mesure."),
    }, noun="indicateur"), unique=False), False, "Effets mesurés, chiffrés et sourcés."),
    "leviers": Field(ListOf(PLAIN), False, "Ce qui a aidé."),
    "freins": Field(ListOf(PLAIN), False, "Ce qui a été difficile."),
    "conseils": Field(ListOf(PLAIN), False, "Conseils pour refaire l'action ailleurs."),
    "temoignages": Field(ListOf(Obj({
        "citation": Field(Text(5, 1000), True, "Parole rapportée, telle quelle."),
        "auteur": Field(Text(2, 120), True, "Un rôle (« une habitante »), jamais le nom d'une personne concernée."),
        "consentement": Field(Boolean(), True, "true : la personne a donné son accord pour la publication."),
    }, [_consent], "témoignage"), unique=False), False, "Paroles de personnes, avec leur accord."),
    "contact": Field(Obj({
        "structure": Field(Text(2, 200), True, "Structure à contacter."),
        "service": Field(Text(2, 200), False, "Service."),
        "courriel": Field(Email(), False, "Adresse électronique institutionnelle (jamais personnelle)."),
    }, noun="contact"), False, "Contact institutionnel uniquement."),
}, noun="pratique")

FICHE = Obj({
    **_shared(),
    "type": Field(Choice(FICHE_TYPES), True, "methode (comment faire), outil (prêt à l'emploi) ou repere (notion clé)."),
    "objectif": Field(MD, True, "À quoi sert la fiche (Markdown)."),
    "quand": Field(MD, False, "Quand l'utiliser, et quand ne pas l'utiliser (Markdown)."),
    "participants": Field(Obj({
        "min": Field(Integer(1, 10000), True, "Nombre minimum de participants."),
        "max": Field(Integer(1, 10000), True, "Nombre maximum de participants."),
    }, [_min_before_max("min", "max", "le maximum est inférieur au minimum")], "participants"), False, "Taille du groupe."),
    "duree": Field(Text(1, 80), False, "Durée, par exemple « 2 h » ou « 3 séances de 2 h »."),
    "preparation": Field(MD, False, "Ce qu'il faut préparer (Markdown)."),
    "materiel": Field(ListOf(PLAIN), False, "Matériel nécessaire."),
    "etapes": Field(ListOf(Obj({
        "titre": Field(Text(2, 160), True, "Titre de l'étape."),
        "duree": Field(Text(1, 80), False, "Durée de l'étape."),
        "description": Field(MD, True, "Ce qu'on fait (Markdown)."),
    }, noun="étape"), min=1, max=30, unique=False), True, "Les étapes, dans l'ordre (au moins une)."),
    "vigilance": Field(ListOf(PLAIN), False, "Points de vigilance : éthique, consentement, pièges."),
    "variantes": Field(ListOf(PLAIN), False, "Variantes possibles."),
}, noun="fiche")

METHODOLOGIE = Obj({
    **_shared(),
    "questions": Field(ListOf(PLAIN, min=1), True, "Questions que l'équipe projet se pose (qui, quand, comment associer)."),
    "phases": Field(ListOf(Obj({
        "phase": Field(Vocab("phases", "phases d'un projet"), True, "Phase du projet (referentiels/phases.yml)."),
        "qui": Field(ListOf(Text(2, 200), min=1), True, "Qui associer."),
        "quand": Field(Text(2, 300), True, "À quel moment."),
        "comment": Field(MD, True, "Comment les associer (Markdown)."),
        "niveau_participation": Field(Vocab("niveaux-participation", "niveaux de participation"), True,
                                      "Niveau de participation visé dans cette phase."),
        "fiches": Field(ListOf(RecordRef("fiches")), False, "Fiches utiles à cette phase."),
    }, noun="phase"), min=1, max=20, unique=False), True, "Les phases du projet, dans l'ordre."),
    "conditions": Field(ListOf(PLAIN), False, "Conditions qui rendent la participation possible."),
    "reconnaissance": Field(MD, False, "Comment la contribution des personnes concernées est reconnue (Markdown)."),
}, noun="méthodologie")

COLLECTIONS = {"pratiques": PRATIQUE, "fiches": FICHE, "methodologies": METHODOLOGIE}

# Singular French nouns used on pages.
COLLECTION_LABELS = {
    "pratiques": ("Pratique inspirante", "Pratiques inspirantes"),
    "fiches": ("Fiche", "Fiches"),
    "methodologies": ("Méthodologie", "Méthodologies"),
}

VOCABULARY_ENTRY = Obj({
    "id": Field(Text(1, ID_MAX), True, "Identifiant (minuscules, chiffres, tirets)."),
    "label": Field(Text(1, 120), True, "Libellé affiché."),
    "description": Field(Text(1, 500), False, "Description facultative."),
}, noun="entrée")

CHIFFRE = Obj({
    "valeur": Field(Number(), True, "La valeur."),
    "libelle": Field(Text(3, 200), True, "Ce qu'elle compte."),
    "source": Field(Text(2, 200), True, "Source."),
    "annee": Field(Integer(1900, 2100, "année"), True, "Année."),
}, noun="chiffre")


# French messages per JSON Schema keyword, worded like the checks above, for validators other than
# this module (the contribution form in the browser). A node's "x-errors" overrides them.
# Placeholders: {value}, {limit}, {count}, {allowed}, {name}, {expected}, {actual}, {s} (plural).
MESSAGES = {
    "type": "doit être {expected}, pas {actual}",
    "minLength": "trop court ({count} caractère{s}, minimum {limit})",
    "maxLength": "trop long ({count} caractères, maximum {limit})",
    "pattern": "« {value} » n'a pas le format attendu",
    "enum": "« {value} » n'est pas une valeur permise ({allowed}).",
    "const": "valeur non permise",
    "required": "champ obligatoire « {name} » manquant",
    "requiredEmpty": "champ obligatoire « {name} » vide",
    "additionalProperties": "clé inconnue. Clés possibles : {allowed}.",
    "minItems": "la liste doit compter au moins {limit} élément{s}",
    "maxItems": "la liste compte {count} éléments (maximum {limit})",
    "uniqueItems": "« {value} » figure deux fois dans la liste",
    "minimum": "doit être au moins {limit}",
    "maximum": "doit être au plus {limit}",
    "format": "la date « {value} » n'existe pas",
    "x-notFuture": "la date {value} est dans le futur",
    "oneOf": "indiquez une seule de ces possibilités",
    "x-ordered": "ordre incorrect",
}
TYPE_NAMES = {"string": "un texte", "integer": "un nombre entier", "number": "un nombre",
              "boolean": "true (oui) ou false (non)", "array": "une liste", "object": "un bloc de clés",
              "null": "vide"}
# What a value is, as the Python messages say it (see _kind()).
KIND_NAMES = {"null": "vide", "boolean": "oui/non", "integer": "un nombre", "number": "un nombre",
              "string": "un texte", "array": "une liste", "object": "un bloc de clés"}


def json_schema(collection: str, vocabularies: dict | None = None, ids: dict | None = None) -> dict:
    """JSON Schema of one collection; vocabularies and ids become enums when given.

    ``ids`` maps a collection to its ids, or to ``{id: title}`` to also label them.
    Keywords starting with ``x-`` are ours (labels, French messages, rules JSON Schema
    cannot say); standard validators ignore them.
    """
    schema = COLLECTIONS[collection].json_schema()

    def fill(node):
        if isinstance(node, dict):
            if vocabularies is not None and "vocabulary" in node:
                terms = vocabularies.get(node["vocabulary"], {})
                node["enum"] = list(terms)
                node["x-labels"] = {key: getattr(term, "label", str(term)) for key, term in terms.items()}
            if ids is not None and "collection" in node:
                known = ids.get(node["collection"], ())
                node["enum"] = sorted(known)
                if isinstance(known, dict):
                    node["x-labels"] = {key: known[key] for key in node["enum"]}
            for child in node.values():
                fill(child)
        elif isinstance(node, list):
            for child in node:
                fill(child)

    fill(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = COLLECTION_LABELS[collection][0]
    schema["x-messages"] = {**MESSAGES, "types": TYPE_NAMES, "kinds": KIND_NAMES}
    return schema
