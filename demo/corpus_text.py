"""Made-up French newsroom prose for the synthetic corpus: names, headlines, chapôs, bodies.

Everything comes from a `random.Random` the caller seeds, so the same seed writes the same words.
The sentences are assembled from templates and word lists written for this file; nothing is
downloaded or copied. The aim is text of the right shape and length (for rendering, search and
mention detection), not text worth reading.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SYLLABLES = [
    "neu", "quan", "da", "syn", "co", "lu", "vec", "hexa", "or", "as", "ker", "lo", "xi", "no", "sé", "pré", "fé",
    "cal", "ro", "dee", "mis", "al", "zé", "ho", "pi", "ten", "ma", "ri", "gé", "vo", "ta", "li", "bé", "nu", "ka",
    "mé", "vi", "sa", "tor", "el", "an", "mo", "ré", "cy", "zu", "ba", "ly", "qui",
]  # fmt: skip
COMPANY_TAILS = ["ia", "ix", "era", "ium", "ova", "ika", "eon", "ys", "al", "ence", "ique", "ora", "ex", "is", "on", "ai"]
COMPANY_SUFFIXES = ["", "", "", " AI", " Labs", " Technologies", " Robotics", " Research", " Systems", " Cloud", " Data"]
LAB_PREFIXES = ["Institut", "Laboratoire", "Centre de recherche", "Lab"]
FUND_SUFFIXES = ["Capital", "Ventures", "Partners", "Invest", "Ventures II"]
MEDIA_PREFIXES = ["Le Journal de", "La Lettre", "Les Échos de", "Radio", "Tech", "L'Observatoire"]
INSTITUTIONS = [
    "Agence nationale", "Autorité", "Commission", "Conseil", "Office", "Haut conseil", "Direction", "Observatoire",
]  # fmt: skip
INSTITUTION_TOPICS = [
    "du numérique", "de l'IA", "des données", "de la cybersécurité", "du calcul", "des algorithmes",
    "de la recherche", "de l'innovation", "des réseaux", "de la confiance numérique",
]  # fmt: skip
FIRST_NAMES = [
    "Sam", "Yann", "Arthur", "Clément", "Hélène", "Léa", "Timnit", "Mira", "Aurélie", "François", "Chloé", "Joëlle",
    "Noémie", "Thomas", "Élodie", "Camille", "Mathilde", "Jean-Baptiste", "Inès", "Karim", "Sophie", "Lucas",
    "Margaux", "Raphaël", "Anaïs", "Yasmine", "Hugo", "Manon", "Nathan", "Juliette", "Louis", "Sarah", "Mehdi",
    "Pauline", "Antoine", "Amandine", "Bastien", "Céline", "Damien", "Émilie", "Fatou", "Gaël", "Isabelle", "Jérôme",
    "Laure", "Malik", "Nadia", "Olivier", "Priya", "Quentin", "Rachid", "Solène", "Théo", "Valérie", "Wei", "Zoé",
]  # fmt: skip
LAST_NAME_ENDINGS = ["eau", "ier", "ard", "in", "et", "ot", "aud", "ac", "ès", "elle", "ous", "ent", "ain", "ault"]

CITIES = [
    "Paris", "Lyon", "Grenoble", "Toulouse", "Bordeaux", "Nantes", "Lille", "Montréal", "Berlin", "Londres",
    "San Francisco", "Bruxelles", "Zurich", "Séoul", "Tokyo", "Singapour", "Marseille", "Rennes", "Sophia Antipolis",
]  # fmt: skip
TOPICS = [
    "l'IA générative", "les grands modèles de langage", "la robotique", "le cloud souverain", "la cybersécurité",
    "les semi-conducteurs", "la vision par ordinateur", "les agents autonomes", "la santé numérique",
    "la voiture autonome", "l'informatique quantique", "la traduction automatique", "la recherche d'information",
    "les centres de données", "la protection des données", "la reconnaissance vocale", "la finance algorithmique",
    "l'éducation", "la modération des contenus", "la cybersécurité industrielle", "les puces spécialisées",
]  # fmt: skip
OBJECTS = [
    "un nouveau modèle", "sa plateforme", "un assistant de code", "une puce d'inférence", "un outil de traduction",
    "son offre cloud", "un agent conversationnel", "un jeu de données ouvert", "une API", "son moteur de recherche",
    "un service de transcription", "un module de détection de fraude", "sa feuille de route", "un supercalculateur",
]  # fmt: skip
AMOUNTS = ["12", "25", "40", "80", "110", "150", "220", "300", "450", "600", "1,2", "2", "3,5", "6"]
ADJECTIVES = [
    "ambitieux", "discret", "inattendu", "décisif", "contesté", "prometteur", "coûteux", "rapide", "fragile",
    "stratégique", "majeur", "prudent", "massif", "controversé",
]  # fmt: skip
NOUNS = [
    "le marché", "la concurrence", "les régulateurs", "les investisseurs", "les chercheurs", "les clients",
    "les développeurs", "les syndicats", "les utilisateurs", "les concurrents américains", "l'écosystème français",
    "les hôpitaux", "les banques", "les collectivités", "les éditeurs de logiciels",
]  # fmt: skip

HEADLINES = [
    "{org} lève {amount} millions d'euros pour accélérer dans {topic}",
    "{person} quitte {org} pour fonder sa propre start-up",
    "{org} rachète {org2} et renforce sa position dans {topic}",
    "Comment {org} veut concurrencer les géants américains dans {topic}",
    "{org} dévoile {object}, plus rapide et moins gourmand",
    "{person} : « Nous ne sommes qu'au début de {topic} »",
    "{org} et {org2} s'allient autour de {topic}",
    "Enquête : les coulisses du pari de {org} sur {topic}",
    "{org} ouvre un laboratoire à {city} et recrute 200 chercheurs",
    "Pourquoi {org} suspend le lancement de {object}",
    "{person} prend la direction de {org}",
    "À {city}, {org} mise sur {topic}",
    "{org} condamné à une amende pour ses pratiques sur les données",
    "Les régulateurs européens se penchent sur {org}",
    "{org} publie les poids de {object} sous licence libre",
    "Le pari {adjective} de {org} sur {topic}",
]  # fmt: skip
CHAPOS = [
    ("Après des mois de discussions, {org} confirme {object}. {person} y voit un tournant pour {topic}, "
    "mais {nouns} restent prudents."),
    ("L'annonce était attendue depuis le printemps. {org} ne cache plus ses ambitions dans {topic} et "
    "veut convaincre {nouns} avant la fin de l'année."),
    ("À {city}, {org} accélère. La société, qui revendique déjà plusieurs centaines de clients, "
    "présente {object} et promet des résultats d'ici dix-huit mois."),
    ("{person} l'assure : le projet est {adjective}, mais il est financé. Reste à convaincre {nouns}, "
    "qui doutent de la capacité de {org} à tenir le rythme."),
]  # fmt: skip
SENTENCES = [
    "Selon nos informations, {org} prépare depuis plusieurs mois {object} destiné à {nouns}.",
    "{person} a confirmé l'information lors d'une conférence à {city}, sans donner de calendrier précis.",
    "Le projet, jugé {adjective} par plusieurs observateurs, mobilise une équipe d'une centaine de personnes.",
    "Dans {topic}, la concurrence s'est durcie depuis l'arrivée de {org2}.",
    "Les premiers essais, menés avec {nouns}, ont donné des résultats encourageants.",
    "L'entreprise affirme avoir réduit de moitié le coût de calcul par requête.",
    "{org} revendique désormais plus de {amount} millions d'utilisateurs actifs chaque mois.",
    "La levée de {amount} millions d'euros doit servir à recruter et à acheter de la puissance de calcul.",
    "Plusieurs anciens salariés de {org2} ont rejoint l'équipe au cours de l'année.",
    "Interrogé, un porte-parole de {org} n'a pas souhaité commenter ces chiffres.",
    "{nouns_cap} attendent désormais des garanties sur la sécurité et la transparence du service.",
    "Le texte européen sur l'IA impose de nouvelles obligations de documentation aux fournisseurs.",
    "À {city}, le laboratoire travaille aussi sur {topic}, un domaine encore peu exploré.",
    "Ce choix {adjective} tranche avec la stratégie suivie jusqu'ici par {org2}.",
    "Les données d'entraînement proviennent, selon la société, de sources publiques et de partenariats.",
    "{person}, qui a longtemps travaillé chez {org2}, connaît bien les contraintes du secteur.",
    "Le modèle sera d'abord proposé en français, en anglais et en allemand.",
    "Les résultats publiés restent difficiles à vérifier de manière indépendante.",
    "Une partie du calcul sera hébergée dans des centres de données situés en France.",
    "La start-up compte atteindre l'équilibre financier d'ici deux ans.",
    "Cette annonce intervient quelques semaines après celle de {org2}.",
    "Pour {person}, l'enjeu est moins technique que commercial.",
    "Les syndicats de l'entreprise ont demandé des précisions sur l'impact pour l'emploi.",
    "Le marché de {topic} pourrait peser plusieurs milliards d'euros d'ici la fin de la décennie.",
    "La société a par ailleurs annoncé un partenariat avec {org2} pour la distribution de ses outils.",
    "Des chercheurs de {city} ont publié une évaluation comparative des principaux systèmes.",
    "Le conseil d'administration de {org} doit se prononcer dans les prochaines semaines.",
    "{org} assure respecter le règlement général sur la protection des données.",
]  # fmt: skip
HEADINGS = [
    "Un marché en pleine recomposition", "Des ambitions européennes", "La question du calcul",
    "Ce que disent les chiffres", "Des doutes persistants", "Recruter, encore et toujours",
    "Le rôle des régulateurs", "Une technologie encore jeune", "Les concurrents s'organisent",
    "Et maintenant ?", "Un modèle économique à trouver", "La bataille des talents", "Sur le terrain",
    "Des clients prudents", "Ce qui change pour les utilisateurs",
]  # fmt: skip
QUOTES = [
    "Nous avons construit {object} pour {nouns}, pas pour les démonstrations.",
    "Personne ne sait encore quel modèle économique l'emportera dans {topic}.",
    "La souveraineté, ce n'est pas un slogan : c'est une question de calcul et de talents.",
    "Nous préférons avancer lentement et publier nos évaluations.",
    "Le vrai sujet, ce sont les données, et qui les contrôle.",
]  # fmt: skip
TAG_TOPICS = [
    "IA générative", "modèles de langage", "robotique", "cloud", "cybersécurité", "semi-conducteurs",
    "vision par ordinateur", "agents", "santé", "mobilité", "quantique", "traduction", "recherche", "données",
    "régulation", "emploi", "éducation", "finance", "défense", "énergie", "open source", "start-up", "levée de fonds",
    "acquisitions", "recrutement", "éthique", "climat", "industrie", "médias", "jeux vidéo", "musique", "cinéma",
    "agriculture", "logistique", "commerce", "assurance", "banque", "télécoms", "espace", "puces", "calcul",
    "vie privée", "désinformation", "droit d'auteur", "souveraineté", "Europe", "États-Unis", "Chine", "Afrique",
    "Inde",
]  # fmt: skip
TAG_QUALIFIERS = [
    "en France", "en Europe", "2025", "2026", "industrielle", "publique", "embarquée", "ouverte", "responsable",
    "souveraine", "médicale", "financière", "grand public", "professionnelle", "locale", "mondiale",
    "expérimentale", "appliquée", "frugale", "sécurisée",
]  # fmt: skip
AUTHOR_ROLES = [
    "Journaliste, intelligence artificielle", "Journaliste, économie du numérique", "Rédactrice en chef adjointe",
    "Journaliste, recherche", "Journaliste, politique numérique", "Reporter", "Journaliste, start-up",
    "Chef de rubrique", "Journaliste, cybersécurité", "Journaliste data",
]  # fmt: skip
SECTIONS = [
    ("actualites", "Actualités"), ("business", "Business"), ("recherche-ia", "Recherche"),
    ("ethique-societe", "Éthique & société"), ("politique-regulation", "Politique & régulation"),
    ("start-up", "Start-up"), ("outils", "Outils"), ("opinions", "Opinions"), ("cybersecurite", "Cybersécurité"),
    ("sante", "Santé"), ("industrie", "Industrie"), ("talents", "Talents"),
]  # fmt: skip
KICKERS = [
    "Intelligence artificielle", "Levée de fonds", "Enquête", "Entretien", "Analyse", "Régulation", "Recherche",
    "Start-up", "Décryptage", "", "", "",
]  # fmt: skip


def company_name(rng: random.Random) -> tuple[str, list[str]]:
    """An invented company name and a few aliases."""
    stem = ("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))) + rng.choice(COMPANY_TAILS)).capitalize()
    suffix = rng.choice(COMPANY_SUFFIXES)
    aliases = [stem] if suffix else []
    if rng.random() < 0.15:
        aliases.append(stem.upper()[:4])
    return stem + suffix, aliases


def person_name(rng: random.Random) -> tuple[str, list[str]]:
    """An invented first and last name, with the last name alone as an alias now and then."""
    first = rng.choice(FIRST_NAMES)
    last = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(LAST_NAME_ENDINGS)).capitalize()
    return f"{first} {last}", ([last] if rng.random() < 0.3 else [])


def entity_name(rng: random.Random, kind: str) -> tuple[str, list[str]]:
    """A name (and aliases) that reads like an entity of `kind` (the Entity.Kind values)."""
    if kind == "personne":
        return person_name(rng)
    if kind == "laboratoire":
        stem, _ = company_name(rng)
        return f"{rng.choice(LAB_PREFIXES)} {stem}", [stem]
    if kind == "fonds":
        stem, _ = company_name(rng)
        return f"{stem} {rng.choice(FUND_SUFFIXES)}", [stem]
    if kind == "media":
        stem, _ = company_name(rng)
        return f"{rng.choice(MEDIA_PREFIXES)} {stem}", []
    if kind == "institution":
        return f"{rng.choice(INSTITUTIONS)} {rng.choice(INSTITUTION_TOPICS)} de {rng.choice(CITIES)}", []
    return company_name(rng)


def tag_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct tag names: topics, then topics with a qualifier, then numbered ones."""
    pool = list(TAG_TOPICS) + [f"{topic} {qualifier}" for topic in TAG_TOPICS for qualifier in TAG_QUALIFIERS]
    rng.shuffle(pool)
    names = pool[:count]
    names += [f"{rng.choice(TAG_TOPICS)} {number}" for number in range(len(names) + 1, count + 1)]
    return names


@dataclass
class Cast:
    """Who an article talks about: names of its entities (the first is the main subject)."""

    organisations: list[str]
    people: list[str]
    extra: list[str] = field(default_factory=list)


class Writer:
    """Writes headlines, chapôs and StreamField bodies from a seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _slots(self, cast: Cast) -> dict[str, str]:
        rng = self.rng
        orgs = cast.organisations or [company_name(rng)[0]]
        people = cast.people or [person_name(rng)[0]]
        nouns = rng.choice(NOUNS)
        return {
            "org": orgs[0],
            "org2": rng.choice(orgs[1:] or cast.extra or [company_name(rng)[0]]),
            "person": rng.choice(people),
            "topic": rng.choice(TOPICS),
            "object": rng.choice(OBJECTS),
            "amount": rng.choice(AMOUNTS),
            "city": rng.choice(CITIES),
            "adjective": rng.choice(ADJECTIVES),
            "nouns": nouns,
            "nouns_cap": nouns[0].upper() + nouns[1:],
        }

    def headline(self, cast: Cast) -> str:
        title = self.rng.choice(HEADLINES).format(**self._slots(cast))
        return title[0].upper() + title[1:]

    def chapo(self, cast: Cast) -> str:
        return self.rng.choice(CHAPOS).format(**self._slots(cast))

    def kicker(self) -> str:
        return self.rng.choice(KICKERS)

    def paragraph(self, cast: Cast) -> str:
        slots = self._slots(cast)
        sentences = [self.rng.choice(SENTENCES).format(**slots) for _ in range(self.rng.randint(3, 6))]
        return " ".join(sentences)

    def body(self, cast: Cast, *, image_ids=(), read_also_ids=()) -> tuple[list[dict], int]:
        """StreamField raw data of a body of about 500–1,200 words, and its word count.

        Paragraphs, an h2 every three or four paragraphs, now and then a quote, an image from
        `image_ids` and a « Lire aussi » to one of `read_also_ids`.
        """
        rng = self.rng
        blocks = []
        words = 0
        target = rng.randint(500, 1200)
        since_heading = 0
        quote_at = rng.randint(2, 6) if rng.random() < 0.6 else -1
        image_at = rng.randint(1, 4) if image_ids and rng.random() < 0.25 else -1
        read_also_at = rng.randint(2, 5) if read_also_ids and rng.random() < 0.1 else -1
        index = 0
        while words < target:
            if since_heading >= rng.randint(3, 4):
                blocks.append({"type": "heading", "value": {"text": rng.choice(HEADINGS), "level": "h2"}})
                since_heading = 0
            text = self.paragraph(cast)
            words += text.count(" ") + 1
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
            since_heading += 1
            if index == quote_at:
                slots = self._slots(cast)
                blocks.append(
                    {
                        "type": "quote",
                        "value": {"quote": rng.choice(QUOTES).format(**slots), "attribution": f"{slots['person']}, {slots['org']}"},
                    }
                )
            if index == image_at:
                blocks.append(
                    {
                        "type": "image",
                        "value": {
                            "image": rng.choice(image_ids),
                            "alt": "Illustration abstraite aux couleurs de la rubrique",
                            "caption": f"Dans les locaux de {cast.organisations[0] if cast.organisations else 'la société'}.",
                            "credit": "Illustration : Newsroom",
                        },
                    }
                )
            if index == read_also_at:
                blocks.append({"type": "read_also", "value": {"article": rng.choice(read_also_ids), "label": ""}})
            index += 1
        return blocks, words
