"""The consent a reader gives, word for word: shown beside the box and stored with its date."""

CONSENT_TEXT = (
    "J’accepte de recevoir par e-mail les lettres et les alertes que j’ai cochées. "
    "Mon adresse sert uniquement à ces envois\u00a0: elle n’est ni vendue ni partagée, et aucun message "
    "ne contient de pixel de suivi. Chaque e-mail contient un lien pour gérer mes choix et un lien "
    "pour me désabonner en un clic\u00a0; me désabonner efface mon adresse."
)
