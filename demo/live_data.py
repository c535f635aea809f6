"""The demo live page: a fictional developer keynote covered by two journalists (our own words)."""

LIVE = {
    "slug": "direct-keynote-ia-developpeurs-2025",
    "section": "actualites",
    "title": "En direct : la keynote « IA pour tous » d'une conférence de développeurs",
    "chapo": "Assistants de code, modèles sur l'appareil, lunettes connectées : nous avons suivi minute par minute la keynote d'ouverture de la conférence.",
    "summary": (
        "<ul><li>Un assistant de code capable de relire une branche entière avant la fusion.</li>"
        "<li>Un petit modèle qui tourne sans connexion sur les téléphones récents.</li>"
        "<li>Des lunettes connectées annoncées pour l'automne, sans prix pour l'instant.</li></ul>"
    ),
    "starts_at": "2025-06-18T18:00",
    "ends_at": "2025-06-18T19:45",
    "authors": ["ines-benali", "julien-roussel"],
    "tags": ["Keynote", "Assistants de code"],
    # (Paris time, journalist's name, text, important)
    "updates": [
        ("18:00", "Inès Benali", "La salle est pleine, les lumières baissent : la keynote commence à l'heure.", False),
        (
            "18:04",
            "Julien Roussel",
            "Premier chiffre lancé sur scène : les développeurs utilisant l'assistant maison auraient doublé en un an.",
            False,
        ),
        (
            "18:11",
            "Inès Benali",
            "Démonstration en direct : l'assistant relit une branche entière et propose trois corrections avant la fusion.",
            True,
        ),
        (
            "18:17",
            "Julien Roussel",
            "La démonstration a été préparée à l'avance, reconnaît l'orateur : le code relu venait d'un projet interne.",
            False,
        ),
        (
            "18:25",
            "Inès Benali",
            "Place aux modèles « sur l'appareil » : une version réduite tourne sans connexion sur les téléphones récents.",
            True,
        ),
        (
            "18:31",
            "Julien Roussel",
            "Aucune donnée ne quitte le téléphone pour ces fonctions, promet l'entreprise. Nous demanderons des précisions.",
            False,
        ),
        (
            "18:40",
            "Inès Benali",
            "Un invité surprise : un éditeur de jeux vidéo montre des personnages qui répondent à la voix des joueurs.",
            False,
        ),
        ("18:48", "Julien Roussel", "Côté tarifs, l'accès à l'assistant reste gratuit pour les projets open source.", False),
        ("18:56", "Inès Benali", "Les lunettes connectées arrivent sur scène : traduction affichée en temps réel dans le verre.", True),
        ("19:03", "Julien Roussel", "Date de sortie annoncée pour l'automne, sans prix. Les précommandes ne sont pas ouvertes.", False),
        ("19:12", "Inès Benali", "Sécurité : un filtre signalera le code généré qui ressemble trop à du code sous licence.", False),
        ("19:24", "Julien Roussel", "Question de la salle sur l'énergie consommée : réponse évasive, aucun chiffre donné.", False),
        (
            "19:37",
            "Inès Benali",
            "Fin de la keynote. Trois annonces à retenir : l'assistant de relecture, le modèle hors ligne, les lunettes.",
            True,
        ),
        ("19:45", "Julien Roussel", "Merci de nous avoir suivis. Notre analyse détaillée sera publiée demain matin.", False),
    ],
}
