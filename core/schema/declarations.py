"""Every file of ``data/``, declared once: keys, types, French labels and help, facets.

A record page, the catalogue filters, the facet pages, the search index, the contribution
forms and the data reference (``docs-dev/format.md``) all read these declarations: a new
optional field is one ``Field(...)`` line here (and its key in its collection's ``facts`` or
``sections`` in :mod:`.collections` to show it on record pages); a new facet is one
``facet=Facet(...)`` on its field, plus its vocabulary file in ``data/referentiels/`` when its
values come from one.
"""

from __future__ import annotations

from .blocks import Facet, Field, ListOf, Noun, Obj
from .collections import NOUNS, check_layouts
from .durations import DurationText, SpanText
from .rules import AtLeastOne, AtMostOne, MustBeTrue, Ordered, RequiredIf, Sessions, Together
from .types import (
    ID_MAX,
    Boolean,
    Choice,
    Date,
    DocsPath,
    Email,
    Integer,
    Number,
    RecordRef,
    Text,
    Type,
    Url,
    Vocab,
)

AXES = Choice({"former": "Former", "faire-avec": "Faire avec", "participation": "Participation"}, {
    "former": "Former largement les professionnels au développement du pouvoir d'agir et sensibiliser les élus et les managers.",
    "faire-avec": "Démultiplier les actions collectives et innovantes pour « faire avec » les personnes concernées.",
    "participation": "Réinventer des espaces de participation où les personnes concernées contribuent aux "
                     "politiques de solidarité.",
})
FORMATS = Choice({"individuel": "Individuel", "collectif": "Collectif", "mixte": "Mixte"})
STATUTS = Choice({"en-projet": "En projet", "en-cours": "En cours", "terminee": "Terminée"})
FICHE_TYPES = Choice({"methode": "Fiche méthode", "outil": "Fiche outil", "repere": "Fiche repère"})
# Pictures the site draws from the vocabularies (core/diagrams.py), that a fiche may show.
ILLUSTRATIONS = Choice({"echelle-participation": "L'échelle de participation"}, {
    "echelle-participation": "Les niveaux de participation, de l'information à la co-décision, "
                             "chacun avec sa définition en une phrase.",
})

PLAIN = Text(max=500)
MD = Text(max=20000, markdown=True)
# --- printable supports of a fiche (core/supports.py) ---
ORIENTATIONS = Choice({"portrait": "Portrait", "paysage": "Paysage"},
                      {"portrait": "A4 en hauteur", "paysage": "A4 en largeur, pour une affiche"})
SUPPORT = Obj({
    "id": Field(Text(1, ID_MAX), True, "Identifiant du support",
                "Son adresse sur le site (supports/identifiant/) : minuscules sans accents, chiffres et tirets, "
                "unique sur tout le site."),
    "titre": Field(Text(3, 120), True, "Titre du support", "Le titre imprimé en haut de la page."),
    "usage": Field(Text(10, 400), True, "Usage",
                   "Une phrase : quand et comment l'animateur ou l'animatrice s'en sert."),
    "orientation": Field(ORIENTATIONS, False, "Orientation", "Portrait si rien n'est indiqué ; paysage pour une affiche."),
    "illustration": Field(ILLUSTRATIONS, False, "Illustration",
                          "Un schéma que le site dessine à partir des référentiels, imprimé en grand sous le titre."),
    "contenu": Field(Text(10, 20000, markdown=True), True, "Contenu à imprimer",
                     "Le texte de la page à imprimer (Markdown) : titres, tableaux, lignes « ______ » à remplir à la main."),
}, noun=Noun("support"))


# --- the course of a fiche: séances timed in minutes, and what happens between them -----------
PAR = Choice({"seance": "pour la séance", "participant": "par participant", "groupe": "par petit groupe"}, {
    "seance": "Le nombre indiqué suffit pour tout le groupe.",
    "participant": "Le nombre indiqué est multiplié par le nombre de participants.",
    "groupe": "Le nombre indiqué est multiplié par le nombre de petits groupes (voir « Personnes par petit groupe »).",
})
MATERIEL_ETAPE = Obj({
    "objet": Field(Text(2, 200), True, "Objet", "Ce qu'il faut apporter (« feutres », « grande feuille »)."),
    "nombre": Field(Integer(1, 1000), False, "Nombre", "Combien (1 si rien n'est indiqué)."),
    "par": Field(PAR, False, "Compté", "Pour la séance (si rien n'est indiqué), par participant ou par petit groupe : "
                                       "le préparateur de séance en déduit les quantités."),
    "taille_groupe": Field(Integer(2, 100), False, "Personnes par petit groupe",
                           "La taille d'un petit groupe, quand le nombre est compté par petit groupe."),
}, [RequiredIf("par", "groupe", "taille_groupe",
               "un objet compté par petit groupe dit combien de personnes forment un groupe (« Personnes par petit groupe »)")],
    Noun("objet"))
SEANCE = Obj({
    "titre": Field(Text(2, 120), True, "Titre de la séance", "Un titre court : « Atelier », « Rencontre de lancement »."),
    "duree": Field(DurationText(), True, "Durée de la séance",
                   "La durée prévue (« 2 h », « 1 h 30 », ou une fourchette « 2 h à 3 h ») : les durées de ses "
                   "étapes, pauses comprises, doivent faire ce total. Une remarque va après une virgule."),
    "description": Field(MD, False, "Présentation de la séance", "Ce que la séance doit permettre (Markdown), en "
                                                                 "quelques lignes."),
}, noun=Noun("séance", feminine=True))
ETAPE = Obj({
    "titre": Field(Text(2, 160), True, "Titre de l'étape", "Titre de l'étape."),
    "seance": Field(Integer(1, 20, "numéro de séance"), False, "Séance",
                    "Le numéro de la séance où l'étape a lieu (1 pour la première des « Séances » de la fiche) ; rien pour "
                    "une étape qui se passe entre les séances."),
    "duree": Field(DurationText(ranged=False), False, "Durée (pendant la séance)",
                   "Pour une étape d'une séance : sa durée, un nombre précis de minutes (« 20 min », « 1 h 15 »)."),
    "delai": Field(SpanText(), False, "Délai (entre les séances)",
                   "Pour une étape entre les séances : le temps qu'elle prend dans le calendrier "
                   "(« 2 à 4 semaines », « 1 à 2 mois », « toutes les 6 semaines »)."),
    "pause": Field(Boolean(), False, "C'est une pause", "« true » pour une pause ou un repas."),
    "anime": Field(Text(2, 200), False, "Qui anime", "Qui mène l'étape (« l'animateur ou l'animatrice », "
                                                     "« un binôme professionnel et pair »), sans nom de personne."),
    "materiel": Field(ListOf(MATERIEL_ETAPE, max=20, unique=False), False, "Matériel de l'étape",
                      "Ce qu'il faut pour cette étape, avec les quantités : le préparateur de séance en fait la liste."),
    "description": Field(MD, True, "Description", "Ce qu'on fait (Markdown)."),
}, noun=Noun("étape", feminine=True))


# The noun of each collection's record, with its gender, and its other words: declared in .collections.


def _shared(noun: Noun) -> dict:
    """The keys of every collection; ``noun`` names the record in labels and help."""
    return {
        "titre": Field(Text(3, 120), True, f"Titre {noun.of_the}", "Un titre court et parlant."),
        "resume": Field(Text(20, 400), True, "Résumé",
                        "Une à trois phrases : affiché sur les cartes, dans la recherche et les exports."),
        "axe": Field(AXES, True, "Axe de l'engagement", f"La partie de l'engagement que {noun.the} sert.",
                     facet=Facet("Axe de l'engagement", 70, folder="axes", title="Axes de l'engagement",
                                  card="kind")),
        "thematiques": Field(ListOf(Vocab("thematiques", "thématiques"), min=1), True, "Thématiques",
                             "Thématiques (au moins une).",
                             facet=Facet("Thématique", 30, folder="thematiques", chips=True, searchable=True,
                                         card="labels")),
        "publics": Field(ListOf(Vocab("publics", "publics"), min=1), True, "Publics concernés",
                         "Personnes concernées (au moins un public).",
                         facet=Facet("Public", 40, folder="publics", title="Publics", chips=True, searchable=True)),
        "niveau_participation": Field(Vocab("niveaux-participation", "niveaux de participation"), True,
                                      "Niveau de participation",
                                      "Niveau de participation atteint, de l'information à la co-décision.",
                                      facet=Facet("Niveau de participation", 60, folder="niveaux-participation",
                                                  title="Niveaux de participation", card="named")),
        "mots_cles": Field(ListOf(Text(1, 80)), False, "Mots-clés",
                           "Mots-clés libres, synonymes, sigles : ils aident la recherche."),
        "pratiques": Field(ListOf(RecordRef("pratiques")), False, "Pratiques liées",
                           "Autres pratiques du centre à lire avec celle-ci."),
        "fiches": Field(ListOf(RecordRef("fiches")), False, "Fiches liées",
                        "Fiches du centre à lire avec celle-ci."),
        "methodologies": Field(ListOf(RecordRef("methodologies")), False, "Méthodologies liées",
                               "Méthodologies du centre à lire avec celle-ci."),
        "ressources": Field(ListOf(Obj({
            "titre": Field(Text(2, 200), True, "Intitulé", "Intitulé du lien ou du document."),
            "url": Field(Url(), False, "Adresse web", "Adresse web (http ou https)."),
            "fichier": Field(DocsPath(), False, "Fichier sous docs/", "Chemin d'un document sous docs/."),
        }, [AtMostOne("url", "fichier")], Noun("ressource", feminine=True))), False, "Ressources",
            "Documents et liens utiles ; un ouvrage ou un rapport imprimé est cité par son seul intitulé "
            "(auteur, titre, éditeur ou organisme, année)."),
        "date_maj": Field(Date(), True, "Date de relecture", "Date de la dernière relecture (AAAA-MM-JJ)."),
        "contributeurs": Field(ListOf(Obj({
            "nom": Field(Text(2, 120), True, "Nom", "Nom de la personne ou de la structure."),
            "role": Field(Text(2, 120), True, "Rôle", "Rôle : rédactrice, co-auteur avec une expérience vécue…"),
        }, noun=Noun("contributeur"))), False, "Contributeurs",
            f"Qui a écrit {noun.the} ; les personnes concernées sont créditées comme co-autrices si elles le souhaitent."),
        "falc_titre": Field(Text(3, 80), False, "Titre facile à lire",
                            "Le titre de la version facile à lire : court, avec des mots de tous les jours, sans sigle "
                            "(« Être payé pour participer ? »). Obligatoire quand il y a une version facile à lire : "
                            "c'est le titre de sa page et de son texte à imprimer."),
        "falc": Field(MD, False, "Version facile à lire (FALC)",
                      "Version facile à lire et à comprendre (FALC), en Markdown.", heading="Version facile à lire"),
        "rgpd_verifie": Field(ListOf(Obj({
            "valeur": Field(Text(2, 200), True, "Valeur signalée", "Le texte signalé par le contrôle, recopié tel quel."),
            "raison": Field(Text(10, 300), True, "Raison",
                            "Pourquoi ce n'est pas une donnée personnelle (ex. « standard du service »)."),
        }, noun=Noun("vérification", feminine=True)), unique=False), False, "Données personnelles vérifiées",
            "Valeurs signalées par le contrôle des données personnelles et vérifiées par une personne : "
            "ce ne sont pas des données personnelles (voir « Données personnelles »)."),
        # --- FALC review (core/falc.py): filled only once people concerned really reviewed the text.
        "falc_relu_par": Field(Text(3, 200), False, "Version facile à lire relue par",
                               "Le groupe de personnes concernées qui a relu la version facile à lire (un groupe ou "
                               "une instance, jamais le nom d'une personne). Seulement si cette relecture a eu lieu."),
        "falc_relu_le": Field(Date(), False, "Date de la relecture de la version facile à lire",
                              "Date de la relecture par ce groupe (AAAA-MM-JJ)."),
    }


# A review is recorded with its date; a date alone says nothing of who reviewed. An easy-to-read text
# has its own easy-to-read title (its page's heading): the record's full title is not written for its readers.
FALC_REVIEW_RULES = [Together("falc_relu_par", "falc_relu_le", (
    "le groupe de personnes concernées qui a relu le texte", "la date de la relecture par ce groupe (AAAA-MM-JJ)")),
    Together("falc", "falc_titre", ("la version facile à lire (Markdown)",
                                    "le titre facile à lire, court et avec des mots de tous les jours"))]


# The form's parts, shared by every collection: what the record is (first) and who wrote it (last).
ESSENTIAL = ("L'essentiel", ("titre", "resume", "axe", "thematiques", "publics", "niveau_participation"))
FURTHER = ("Pour aller plus loin", ("mots_cles", "pratiques", "fiches", "methodologies", "ressources", "falc_titre",
                                     "falc"))
CREDITS = ("Relecture et crédits", ("date_maj", "contributeurs", "rgpd_verifie"))

PRATIQUE = Obj({
    **_shared(NOUNS["pratiques"]),
    "territoires": Field(ListOf(Vocab("territoires", "territoires"), min=1), True, "Territoires", "Territoires concernés.",
                         facet=Facet("Territoire", 50, folder="territoires", chips=True, searchable=True)),
    "format": Field(FORMATS, True, "Format", "Type d'intervention : individuelle, collective ou mixte.",
                    facet=Facet("Format", 80)),
    "statut": Field(STATUTS, True, "Statut", "Où en est l'action.", facet=Facet("Statut", 90)),
    "periode": Field(Obj({
        "debut": Field(Integer(1900, 2100, "année"), True, "Année de début", "Année de début."),
        "fin": Field(Integer(1900, 2100, "année"), False, "Année de fin", "Année de fin (vide si en cours)."),
    }, [Ordered("debut", "fin", "l'année de fin précède l'année de début")], Noun("période", feminine=True)), False, "Période",
        "Période de l'action."),
    "porteurs": Field(ListOf(Text(2, 200), min=1), True, "Porteurs",
                      "Structures ou services qui portent l'action (jamais des particuliers)."),
    "partenaires": Field(ListOf(Text(2, 200)), False, "Partenaires", "Partenaires."),
    "contexte": Field(MD, True, "Contexte", "Pourquoi l'action a commencé (Markdown)."),
    "objectifs": Field(ListOf(PLAIN, min=1), True, "Objectifs", "Objectifs (au moins un)."),
    "deroulement": Field(MD, True, "Déroulement", "Ce qui a été fait, étape par étape (Markdown)."),
    "resultats": Field(MD, False, "Résultats", "Ce qui a changé, pour qui (Markdown)."),
    "indicateurs": Field(ListOf(Obj({
        "libelle": Field(Text(2, 200), True, "Indicateur", "Ce qui est mesuré."),
        "valeur": Field(Number(), True, "Valeur", "Valeur mesurée (un nombre)."),
        "unite": Field(Text(1, 40), False, "Unité", "Unité."),
        "annee": Field(Integer(1900, 2100, "année"), False, "Année", "Année de la mesure."),
        "source": Field(Text(2, 200), False, "Source", "Source de la mesure."),
    }, noun=Noun("indicateur")), unique=False), False, "Indicateurs", "Effets mesurés, chiffrés et sourcés."),
    "leviers": Field(ListOf(PLAIN), False, "Ce qui a aidé", "Ce qui a aidé."),
    "freins": Field(ListOf(PLAIN), False, "Ce qui a été difficile", "Ce qui a été difficile."),
    "conseils": Field(ListOf(PLAIN), False, "Conseils", "Conseils pour refaire l'action ailleurs.",
                      heading="Conseils pour se lancer"),
    "temoignages": Field(ListOf(Obj({
        "citation": Field(Text(5, 1000), True, "Citation", "Parole rapportée, telle quelle."),
        "auteur": Field(Text(2, 120), True, "Auteur (un rôle, jamais un nom)",
                        "Un rôle (« une habitante »), jamais le nom d'une personne concernée."),
        "consentement": Field(Boolean(), True, "La personne a donné son accord pour la publication",
                              "Seulement si la personne a accepté que ses mots soient publiés."),
    }, [MustBeTrue("consentement", "un témoignage n'est publié qu'avec « consentement: true » (accord de la personne)",
                   "un témoignage n'est publié qu'avec l'accord de la personne : cochez la case quand elle l'a donné")],
        Noun("témoignage")), unique=False), False, "Témoignages", "Paroles de personnes, avec leur accord."),
    "contact": Field(Obj({
        "structure": Field(Text(2, 200), True, "Structure", "Structure à contacter."),
        "service": Field(Text(2, 200), False, "Service", "Service."),
        "courriel": Field(Email(), False, "Courriel institutionnel",
                          "Adresse électronique institutionnelle (jamais personnelle)."),
    }, noun=Noun("contact")), False, "Contact", "Contact institutionnel uniquement."),
    # Values the source does not give, to be confirmed by the team running the action (core/confirm.py).
    "a_confirmer": Field(ListOf(Text(1, 60)), False, "À confirmer par l'équipe",
                         "Les valeurs que l'équipe qui mène l'action doit encore confirmer, chacune par le nom de sa "
                         "clé (« statut ») ou d'un élément de liste (« objectifs[2] ») : la page les signale."),
}, rules=FALC_REVIEW_RULES, noun=NOUNS["pratiques"], sections=(
    ESSENTIAL,
    ("Qui et où", ("porteurs", "partenaires", "territoires", "format", "statut", "periode", "contact")),
    ("Le déroulement", ("contexte", "objectifs", "deroulement")),
    ("Ce qu'on en retient", ("resultats", "indicateurs", "leviers", "freins", "conseils", "temoignages")),
    FURTHER, CREDITS))

FICHE = Obj({
    **_shared(NOUNS["fiches"]),
    "type": Field(FICHE_TYPES, True, "Type de fiche",
                  "Méthode (comment faire), outil (prêt à l'emploi) ou repère (notion clé).",
                  facet=Facet("Type de fiche", 20)),
    "objectif": Field(MD, True, "Objectif", "À quoi sert la fiche (Markdown)."),
    "illustration": Field(ILLUSTRATIONS, False, "Illustration",
                          "Un schéma que le site dessine à partir des référentiels, affiché sous l'objectif."),
    "quand": Field(MD, False, "Quand l'utiliser", "Quand l'utiliser, et quand ne pas l'utiliser (Markdown)."),
    "phases": Field(ListOf(Vocab("phases", "phases d'un projet")), False, "Phases du projet",
                    "Les phases d'un projet où la fiche sert vraiment (diagnostic, conception, décision, "
                    "mise en œuvre, évaluation)."),
    "participants": Field(Obj({
        "min": Field(Integer(1, 10000), True, "Minimum", "Nombre minimum de participants."),
        "max": Field(Integer(1, 10000), True, "Maximum", "Nombre maximum de participants."),
    }, [Ordered("min", "max", "le maximum est inférieur au minimum")], Noun("participants")), False, "Participants",
        "Taille du groupe."),
    "duree": Field(Text(1, 80), False, "Durée", "Durée, par exemple « 2 h » ou « 3 séances de 2 h »."),
    "preparation": Field(MD, False, "Préparation", "Ce qu'il faut préparer (Markdown)."),
    "materiel": Field(ListOf(PLAIN), False, "Matériel", "Matériel nécessaire."),
    "seances": Field(ListOf(SEANCE, max=20, unique=False), False, "Séances",
                     "Les séances de la fiche, dans l'ordre : chacune a un titre et une durée, et ses étapes la "
                     "désignent par son numéro (« Séance » : 1 pour la première). Ses étapes, pauses comprises, "
                     "font sa durée."),
    "etapes": Field(ListOf(ETAPE, min=1, max=30, unique=False), True, "Étapes",
                    "Les étapes, dans l'ordre (au moins une) : celles d'une séance, minutées, et ce qui se passe "
                    "entre les séances, avec son délai."),
    "vigilance": Field(ListOf(PLAIN), False, "Points de vigilance", "Points de vigilance : éthique, consentement, pièges."),
    "variantes": Field(ListOf(PLAIN), False, "Variantes", "Variantes possibles."),
    "supports": Field(ListOf(SUPPORT, max=10, unique=False), False, "Supports à imprimer",
                      "Documents à imprimer avec la fiche (attestation, grille, affiche…) : chacun devient une page A4 "
                      "du site et un PDF, ajoutés aux kits."),
}, rules=FALC_REVIEW_RULES + [Sessions()], noun=NOUNS["fiches"], sections=(
    (ESSENTIAL[0], ESSENTIAL[1][:2] + ("type",) + ESSENTIAL[1][2:]),
    ("Avant l'atelier", ("objectif", "illustration", "quand", "phases", "participants", "duree", "preparation", "materiel")),
    ("Le déroulement", ("seances", "etapes", "vigilance", "variantes", "supports")),
    FURTHER, CREDITS))

METHODOLOGIE = Obj({
    **_shared(NOUNS["methodologies"]),
    "questions": Field(ListOf(PLAIN, min=1), True, "Questions",
                       "Questions que l'équipe projet se pose (qui, quand, comment associer).",
                       heading="Les questions à se poser"),
    "phases": Field(ListOf(Obj({
        "phase": Field(Vocab("phases", "phases d'un projet"), True, "Phase", "Phase du projet."),
        "qui": Field(ListOf(Text(2, 200), min=1), True, "Qui", "Qui associer."),
        "quand": Field(Text(2, 300), True, "Quand", "À quel moment."),
        "comment": Field(MD, True, "Comment", "Comment les associer (Markdown)."),
        "niveau_participation": Field(Vocab("niveaux-participation", "niveaux de participation"), True,
                                      "Niveau de participation", "Niveau de participation visé dans cette phase."),
        "fiches": Field(ListOf(RecordRef("fiches")), False, "Fiches utiles", "Fiches utiles à cette phase."),
    }, noun=Noun("phase", feminine=True)), min=1, max=20, unique=False), True, "Phases", "Les phases du projet, dans l'ordre.",
        heading="Les phases du projet"),
    "conditions": Field(ListOf(PLAIN), False, "Conditions", "Conditions qui rendent la participation possible.",
                        heading="Conditions de la participation"),
    "reconnaissance": Field(MD, False, "Reconnaissance",
                            "Comment la contribution des personnes concernées est reconnue (Markdown).",
                            heading="Reconnaissance de la contribution"),
}, rules=FALC_REVIEW_RULES, noun=NOUNS["methodologies"], sections=(
    ESSENTIAL,
    ("La démarche", ("questions", "phases")),
    ("Les conditions", ("conditions", "reconnaissance")),
    FURTHER, CREDITS))

# --- retours d'expérience: accounts of having used a resource ----------------------------
# A retour is not a catalogue resource (no axe, thématiques, publics, niveau, no facet): it declares
# its own key set, borrowing from _shared() the keys it has in common with the resources.
_RETOUR_SHARED = _shared(NOUNS["retours"])
RESOURCES = ("pratiques", "fiches", "methodologies")  # the collections a retour can have used

RETOUR = Obj({
    **{key: _RETOUR_SHARED[key] for key in ("titre", "resume")},
    "date": Field(Date(), True, "Date de l'action",
                  "Quand l'action a eu lieu (AAAA-MM-JJ ; le premier jour du mois si vous ne savez plus le jour)."),
    "territoires": Field(ListOf(Vocab("territoires", "territoires"), min=1), True, "Territoires",
                         "Où l'action a eu lieu."),
    "structure": Field(Text(2, 200), True, "Structure",
                       "Le service ou l'association qui a mené l'action, jamais le nom d'une personne."),
    "fiches": Field(ListOf(RecordRef("fiches")), False, "Fiches utilisées", "Les fiches du centre utilisées."),
    "pratiques": Field(ListOf(RecordRef("pratiques")), False, "Pratiques dont l'action s'inspire",
                       "Les pratiques inspirantes reprises ou adaptées."),
    "methodologies": Field(ListOf(RecordRef("methodologies")), False, "Méthodologies suivies",
                           "Les méthodologies du centre suivies."),
    "participants": Field(Integer(1, 100000), False, "Nombre de participants",
                          "Combien de personnes ont pris part à l'action, professionnels compris."),
    "dont_personnes_concernees": Field(Integer(0, 100000), False, "Dont personnes concernées",
                                       "Parmi les participants, combien étaient des personnes concernées."),
    "ce_qui_a_marche": Field(MD, False, "Ce qui a marché", "Ce qui a bien fonctionné, et pourquoi (Markdown). Remplissez au moins ce champ ou le suivant."),
    "ce_qui_a_moins_marche": Field(MD, False, "Ce qui a moins marché",
                                   "Ce qui a moins bien fonctionné, ce que vous feriez autrement (Markdown)."),
    "conseils": Field(ListOf(PLAIN), False, "Conseils", "Conseils à qui voudrait refaire l'action.",
                      heading="Conseils pour se lancer"),
    **{key: _RETOUR_SHARED[key] for key in ("date_maj", "contributeurs", "rgpd_verifie")},
}, [AtLeastOne(("fiches", "pratiques", "methodologies"), "indiquez au moins une ressource du centre utilisée (fiches, pratiques ou méthodologies)",
               "choisissez au moins une ressource du centre : une fiche, une pratique ou une méthodologie"),
    AtLeastOne(("ce_qui_a_marche", "ce_qui_a_moins_marche"),
               "racontez ce qui a marché ou ce qui a moins marché (au moins l'un des deux)",
               "racontez ce qui a marché ou ce qui a moins marché (au moins l'un des deux)"),
    Ordered("dont_personnes_concernees", "participants",
            "le nombre de participants est inférieur au nombre de personnes concernées parmi eux")],
    noun=NOUNS["retours"], sections=(
    ("Votre retour", ("titre", "resume", "fiches", "pratiques", "methodologies", "date", "structure", "territoires",
                      "ce_qui_a_marche", "ce_qui_a_moins_marche")),
    ("Pour aller plus loin (facultatif)", ("participants", "dont_personnes_concernees", "conseils",
                                           "contributeurs", "date_maj", "rgpd_verifie"))))

COLLECTIONS = {"pratiques": PRATIQUE, "fiches": FICHE, "methodologies": METHODOLOGIE, "retours": RETOUR}
check_layouts({name: declaration.fields for name, declaration in COLLECTIONS.items()})

# --- the other files of data/ ------------------------------------------------------------

VOCABULARY_ENTRY = Obj({
    "id": Field(Text(1, ID_MAX), True, "Identifiant", "Identifiant (minuscules, chiffres, tirets)."),
    "label": Field(Text(1, 120), True, "Libellé", "Libellé affiché."),
    "description": Field(Text(1, 500), False, "Description", "Description facultative."),
}, noun="entrée")

CHIFFRE = Obj({
    "valeur": Field(Number(), True, "Valeur", "La valeur."),
    "libelle": Field(Text(3, 200), True, "Libellé", "Ce qu'elle compte."),
    "source": Field(Text(2, 200), True, "Source", "Source."),
    "annee": Field(Integer(1900, 2100, "année"), True, "Année", "Année."),
}, noun="chiffre")

GLOSSARY_ENTRY = Obj({
    "terme": Field(Text(1, 80), True, "Terme", "Le sigle ou la notion."),
    "developpement": Field(Text(2, 200), False, "Développement", "Le sigle en toutes lettres."),
    "definition": Field(Text(5, 1000), True, "Définition", "Une ou deux phrases simples."),
    "synonymes": Field(ListOf(Text(1, 120)), False, "Synonymes", "Autres façons de l'écrire ou de le chercher."),
}, noun="terme")

KIT = Obj({
    "id": Field(Text(1, ID_MAX), True, "Identifiant", "Identifiant du kit."),
    "titre": Field(Text(3, 120), True, "Titre", "Titre du kit."),
    "resume": Field(Text(20, 400), True, "Résumé", "À quoi sert le kit."),
    "fiches": Field(ListOf(RecordRef("fiches"), min=1), True, "Fiches", "Les fiches du kit, dans l'ordre."),
}, noun="kit")

# Files of data/ that hold a list of entries: file name -> (entry declaration, French title).
LIST_FILES = {
    "chiffres.yml": (CHIFFRE, "Chiffres clés"),
    "glossaire.yml": (GLOSSARY_ENTRY, "Glossaire"),
    "kits.yml": (KIT, "Kits d'atelier"),
}


def _vocabularies() -> tuple:
    """Every vocabulary a record field names, in order of first use: the files of data/referentiels/."""
    found: list = []

    def walk(kind: Type) -> None:
        if isinstance(kind, Vocab) and kind.name not in found:
            found.append(kind.name)
        elif isinstance(kind, ListOf):
            walk(kind.item)
        elif isinstance(kind, Obj):
            for spec in kind.fields.values():
                walk(spec.type)

    for declaration in COLLECTIONS.values():
        walk(declaration)
    return tuple(found)


VOCABULARIES = _vocabularies()


def field_of(collection: str, key: str) -> Field:
    """The declaration of a top-level key of a collection."""
    return COLLECTIONS[collection].fields[key]


# The keys every collection shares, worded for any kind of resource (« Titre de la ressource »):
# the open data export names its columns with these (core/opendata.py).
SHARED = _shared(Noun("ressource", feminine=True))


def shared_for(noun: Noun) -> dict:
    """The shared keys as a collection declares them (« Titre de la fiche »): to recognise them."""
    return _shared(noun)
