"""The demo's legal and service pages: our own French prose, placeholders marked « À compléter »
wherever the demo facts say nothing (company registration, host, director of publication)."""

import json

from django.utils import timezone

from pages.models import LegalInformation, SimplePage

# What the demo knows of the publisher: nothing but the site. Everything else is a visible
# placeholder, never an invented company.
DEMO_LEGAL = {
    "publisher": "",
    "publisher_details": "",
    "publisher_address": "",
    "publication_director": "",
    "host": "",
    "host_address": "",
    "contact_email": "redaction@example.org",
}


def _text(*paragraphs: str) -> dict:
    return {"type": "text", "value": "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)}


def _list(*items: str) -> dict:
    return {"type": "text", "value": "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"}


def _heading(text: str) -> dict:
    return {"type": "subheading", "value": text}


def _notice(title: str, text: str) -> dict:
    return {"type": "notice", "value": {"title": title, "text": f"<p>{text}</p>"}}


LEGAL_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "intro": "Qui publie ce site, qui en répond et qui l'héberge, comme le prévoit l'article 6 de la loi pour la confiance dans l'économie numérique (LCEN).",
        "body": [
            _heading("Éditeur, direction de la publication, hébergement"),
            {"type": "legal_information", "value": None},
            _notice(
                "Site de démonstration",
                "Les champs marqués « À compléter » se remplissent dans Paramètres › Informations légales. "
                "Un site en ligne ne doit pas être publié sans eux.",
            ),
            _heading("Propriété intellectuelle"),
            _text(
                "Les articles, titres, photographies et illustrations publiés ici sont protégés par le droit d'auteur. "
                "Vous pouvez citer un court extrait en indiquant la source et le lien vers l'article ; toute autre "
                "reproduction demande notre accord écrit.",
                "Les logos des entreprises citées appartiennent à leurs propriétaires et ne sont montrés que pour les identifier.",
            ),
            _heading("Droit de réponse et corrections"),
            _text(
                "Toute personne nommée ou désignée dans un article peut exercer son droit de réponse auprès du directeur "
                "ou de la directrice de la publication, dans les conditions de l'article 6 de la LCEN. Une erreur "
                "factuelle peut nous être signalée à tout moment par la page Contact : chaque correction est datée "
                "au bas de l'article concerné.",
            ),
            _heading("Données personnelles"),
            _text("Ce que nous conservons, pourquoi et combien de temps est décrit dans la politique de confidentialité."),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "intro": "Nous voulons que chacun puisse lire ce site, quels que soient son matériel, ses réglages ou son handicap. Voici où nous en sommes, honnêtement.",
        "body": [
            _heading("État de conformité"),
            _text(
                "Ce site est <b>partiellement conforme</b> au référentiel général d'amélioration de l'accessibilité "
                "(RGAA, version 4.1) : aucun audit complet des 106 critères n'a encore été mené par un organisme "
                "extérieur, nous ne pouvons donc pas déclarer une conformité totale."
            ),
            _heading("Ce que nous vérifions à chaque version"),
            _list(
                "chaque type de page (accueil, rubrique, article, entité, recherche, pages légales, page d'erreur) "
                "est contrôlé par axe-core dans un vrai navigateur, en thème clair et en thème sombre : aucune "
                "erreur grave ou critique n'est acceptée ;",
                "le code HTML de ces pages passe le validateur Nu HTML Checker sans erreur ;",
                "les contrastes de texte atteignent le niveau AA dans les deux thèmes ; le site se lit sans "
                "JavaScript, avec un lien d'évitement vers le contenu et une navigation complète au clavier ;",
                "chaque image d'article porte un texte alternatif, obligatoire dans l'outil de publication.",
            ),
            _heading("Limites connues"),
            _list(
                "les vidéos intégrées (YouTube, Vimeo) dépendent du lecteur de la plateforme, dont nous ne "
                "maîtrisons ni les sous-titres ni la navigation au clavier ;",
                "les graphiques publiés en image n'ont pas toujours une version en tableau de données ;",
                "les documents joints (PDF) produits par des tiers peuvent ne pas être accessibles.",
            ),
            _heading("Nous signaler un problème"),
            _text(
                "Si un contenu vous est inaccessible, écrivez-nous par la page Contact en décrivant la page et la "
                "difficulté : nous vous répondrons et vous transmettrons le contenu sous une autre forme."
            ),
            _heading("Voies de recours"),
            _text(
                "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par son "
                "formulaire en ligne, auprès d'un de ses délégués en région, ou par courrier gratuit, sans "
                "affranchissement, à l'adresse « Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07 »."
            ),
        ],
    },
    {
        "slug": "confidentialite",
        "title": "Politique de confidentialité",
        "intro": "Nous lisons peu de choses sur vous, et nous en gardons encore moins. Voici la liste complète.",
        "body": [
            _heading("Pas de traceur, pas de publicité ciblée"),
            _text(
                "Ce site ne dépose aucun cookie de mesure d'audience ni de publicité et ne charge aucun script "
                "d'un tiers. Les vidéos intégrées ne sont chargées que si vous cliquez sur « Charger la vidéo » : "
                "la plateforme concernée peut alors déposer ses propres cookies, ce que le bouton indique."
            ),
            _heading("Ce que nous conservons"),
            _list(
                "<b>La lettre d'information et les alertes</b> : votre adresse électronique, les lettres et les "
                "entités que vous suivez, le texte de votre consentement et sa date, jusqu'à votre désinscription ;",
                "<b>La mesure d'audience</b> : un simple compte de lectures par article et par jour, sans cookie, "
                "sans adresse IP ni identifiant, ce qui la dispense de consentement selon les recommandations de la CNIL ;",
                "<b>Les journaux du serveur</b> : adresse IP, page demandée, date et navigateur, conservés 12 mois "
                "au plus pour la sécurité du site, comme la loi le demande aux hébergeurs ;",
                "<b>Votre choix de thème</b> (clair ou sombre) : dans votre navigateur seulement (stockage local), "
                "nous ne le recevons jamais.",
            ),
            _heading("La lettre et les alertes par e-mail"),
            _text(
                "Vous vous inscrivez en deux temps : après le formulaire, un e-mail vous demande de confirmer. Tant "
                "que vous n'avez pas confirmé, nous ne gardons rien, pas même votre adresse ; sans confirmation sous "
                "48 heures, le lien expire. Nos e-mails ne contiennent aucun pixel de suivi et aucun lien de "
                "redirection : nous ne savons pas si vous les ouvrez ni sur quoi vous cliquez. Ils partent de nos "
                "serveurs, sans prestataire d'envoi publicitaire."
            ),
            _text(
                "Chaque e-mail contient un lien vers une page où changer vos lettres et les entités suivies, et un "
                "lien pour vous désabonner en un clic (votre messagerie peut aussi le faire pour vous). Vous "
                "désabonner efface votre adresse, vos choix et l'historique de vos envois. Si vous cochez « Ne plus "
                "jamais m'écrire », nous gardons seulement une empreinte chiffrée de l'adresse, qui ne permet pas de "
                "la retrouver, pour refuser toute nouvelle inscription à votre place."
            ),
            _heading("Les plus lus"),
            _text(
                "Quand vous lisez un article, votre navigateur nous envoie un simple signal « lu », sans cookie. Pour "
                "ne compter qu'une lecture par personne et par jour, nous calculons une empreinte de votre adresse IP "
                "et de votre navigateur avec une clé tirée au hasard chaque jour, gardée en mémoire et oubliée à "
                "minuit : ni l'adresse ni l'empreinte ne sont jamais enregistrées. Seul le total par article et par "
                "jour est conservé. Les robots ne sont pas comptés."
            ),
            _heading("Vos droits"),
            _text(
                "Vous pouvez accéder à vos données, les faire corriger ou effacer, et vous opposer à leur traitement "
                "en nous écrivant par la page Contact. Si notre réponse ne vous satisfait pas, vous pouvez adresser "
                "une réclamation à la CNIL."
            ),
            _notice("Site de démonstration", "Le responsable du traitement est l'éditeur indiqué dans les mentions légales, à compléter."),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Une information, une correction, une question sur vos données : voici comment nous joindre.",
        "body": [
            _heading("La rédaction"),
            _text(
                "Pour nous signaler une erreur, nous transmettre une information ou réagir à un article, écrivez à "
                "<a href=\"mailto:redaction@example.org\">redaction@example.org</a>. Précisez l'adresse de l'article "
                "concerné : nous répondons à chaque message, en général sous deux jours ouvrés."
            ),
            _heading("Données personnelles et accessibilité"),
            _text(
                "Les demandes sur vos données et les difficultés d'accès à un contenu passent par la même adresse : "
                "indiquez-le dans l'objet de votre message."
            ),
            _notice("Site de démonstration", "L'adresse example.org est un exemple : remplacez-la par l'adresse réelle de la rédaction."),
        ],
    },
]


def ensure_legal_pages(home, site) -> list[str]:
    """Create the legal and service pages that are missing, and the site's legal settings."""
    legal = LegalInformation.for_site(site)
    if legal.pk is None or not legal.contact_email:
        for name, value in DEMO_LEGAL.items():
            setattr(legal, name, getattr(legal, name) or value)
        legal.save()
    created = []
    existing = set(SimplePage.objects.child_of(home).values_list("slug", flat=True))
    for spec in LEGAL_PAGES:
        if spec["slug"] in existing:
            continue
        page = SimplePage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            body=json.dumps(spec["body"]),
            last_updated=timezone.localdate(),
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(spec["title"])
    return created
