"""Demo content for `manage.py load_demo`: original prose written for Newsroom (facts from shared/demo-facts.md)."""

SECTIONS = [
    {
        "slug": "actualites",
        "title": "Actualités",
        "intro": "L'essentiel de l'actualité de l'intelligence artificielle, en France, en Europe et dans le monde.",
    },
    {
        "slug": "business",
        "title": "Business",
        "intro": "Levées de fonds, rachats, stratégies et modèles économiques : l'IA vue par ceux qui la financent et la vendent.",
    },
    {
        # Not "recherche": that address is the search page (newsroom/reserved_paths.py).
        "slug": "recherche-ia",
        "title": "Recherche",
        "intro": "Ce que les laboratoires découvrent, testent et publient, expliqué sans jargon inutile.",
    },
    {
        "slug": "ethique-societe",
        "title": "Éthique & société",
        "intro": "Droit, travail, éducation, culture : les effets de l'IA sur la société et les débats qu'ils suscitent.",
    },
]

AUTHORS = [
    {
        "slug": "claire-dubreuil",
        "name": "Claire Dubreuil",
        "role": "Journaliste, intelligence artificielle",
        "bio": (
            "Claire Dubreuil suit l'actualité de l'intelligence artificielle, des laboratoires de recherche "
            "aux stratégies des grands groupes technologiques. Elle a auparavant couvert le numérique pour "
            "la presse économique régionale."
        ),
    },
    {
        "slug": "julien-roussel",
        "name": "Julien Roussel",
        "role": "Journaliste, économie du numérique",
        "bio": (
            "Julien Roussel couvre les levées de fonds, les rachats et les modèles économiques de la tech. "
            "Ancien analyste financier, il s'intéresse de près à l'écosystème des start-up françaises et européennes."
        ),
    },
    {
        "slug": "ines-benali",
        "name": "Inès Benali",
        "role": "Journaliste, sciences et société",
        "bio": (
            "Inès Benali écrit sur la recherche en IA et sur ses effets dans la santé, l'éducation et le travail. "
            "Formée au journalisme scientifique, elle s'attache à rendre lisibles des travaux souvent techniques."
        ),
    },
]

ARTICLES = [
    # ------------------------------------------------------------------
    # The launch story.
    # ------------------------------------------------------------------
    {
        "slug": "meta-superintelligence-acquisitions-recrutements",
        "section": "business",
        "kicker": "Intelligence artificielle",
        "title": ("De l'achat d'entreprises à la création d'emplois : l'approche de Meta pour atteindre la \"superintelligence\""),
        "chapo": (
            "Après avoir tenté, sans succès, de racheter plusieurs start-up de l'IA générative, Meta a changé "
            "de méthode. Le groupe de Mark Zuckerberg recrute désormais, à coups de sommes considérables, "
            "les profils qu'il n'a pas pu acquérir avec leurs entreprises."
        ),
        "published": "2025-07-02T09:30",
        "authors": ["claire-dubreuil", "julien-roussel"],
        "tags": [
            "Meta",
            "IA générative",
            "superintelligence",
            "recrutement",
            "acquisitions",
        ],
        "hero": {
            "alt": "Illustration abstraite : dégradé bleu nuit et violet traversé de cercles concentriques lumineux",
            "caption": 'Meta veut se doter d\'un laboratoire consacré à la "superintelligence".',
            "credit": "Illustration Newsroom",
            "palette": 0,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Le terme s'est imposé dans le vocabulaire de Meta : la \"superintelligence\", c'est-à-dire "
                    "une intelligence artificielle capable de surpasser les humains dans la plupart des tâches "
                    "intellectuelles. Pour s'en approcher, le groupe a d'abord envisagé la voie la plus directe, "
                    "racheter des équipes déjà constituées. Faute d'y parvenir, il s'emploie désormais à attirer, "
                    "un par un, quelques-uns des chercheurs et des entrepreneurs les plus en vue du secteur.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ce glissement, de la logique d'acquisition à celle du recrutement, en dit long sur l'état du "
                    "marché de l'intelligence artificielle en 2025. Les jeunes pousses les plus prometteuses se savent "
                    "courtisées et peuvent lever des fonds importants, leurs fondateurs tiennent à leur indépendance, "
                    "et les spécialistes capables de concevoir des modèles de pointe restent très rares.</p>"
                ),
            ),
            ("heading", {"text": "Des acquisitions avortées", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Depuis la fin de l'année 2024, Meta a mené des discussions informelles en vue de racheter "
                    "trois start-up de l'IA générative : Safe Superintelligence (SSI), Perplexity AI, connue pour son "
                    "moteur de recherche fondé sur l'IA, et Thinking Machines Lab. Aucune de ces tentatives n'a abouti.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Deux de ces trois sociétés ont été créées par d'anciens d'OpenAI. SSI a été cofondée environ un "
                    "an plus tôt, en 2024, par Ilya Sutskever et Daniel Levy, tous deux passés par OpenAI, ainsi que par "
                    "Daniel Gross, entrepreneur et investisseur. Thinking Machines Lab a été fondée par Mira Murati, "
                    "elle aussi ancienne d'OpenAI.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Selon <i>The Verge</i> et <i>Bloomberg</i>, plusieurs obstacles ont fait échouer ces "
                    "discussions : des valorisations trop élevées, des fondateurs peu disposés à renoncer à leur "
                    "indépendance et des désaccords sur la vision à long terme. Rien de très inhabituel dans l'univers "
                    "des fusions-acquisitions, sauf que l'effervescence autour de l'IA générative renforce la position "
                    "des start-up : tant qu'elles peuvent financer leurs travaux auprès d'investisseurs, elles n'ont "
                    "guère de raisons de se vendre.</p>"
                ),
            ),
            (
                "image",
                {
                    "alt": "Illustration abstraite : trois cercles orange et violets qui se chevauchent sans se rejoindre, sur fond sombre",
                    "caption": "Meta a discuté avec trois start-up de l'IA générative sans parvenir à en racheter aucune.",
                    "credit": "Illustration Newsroom",
                    "palette": 3,
                },
            ),
            ("heading", {"text": "Recruter à prix d'or", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Le 12 juin 2025, Meta a changé de braquet. Le groupe a recruté Alexandr Wang, le fondateur de "
                    "Scale AI, une entreprise spécialisée dans la préparation des données qui servent à entraîner les "
                    "modèles, et a investi dans le même temps environ 14 milliards de dollars dans Scale AI. "
                    "L'opération a porté la valorisation de la start-up au-delà de 29 milliards de dollars. Son but : "
                    'créer en interne un nouveau laboratoire consacré à la "superintelligence". Le montage est '
                    "révélateur : plutôt que de racheter Scale AI, Meta y investit massivement et s'attache son "
                    "fondateur, sans absorber l'entreprise.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Daniel Gross, l'un des cofondateurs de SSI, et Nat Friedman, ancien PDG de GitHub, ont eux aussi "
                    "rejoint Meta. L'offre qui leur a été faite comprendrait une participation dans NFDG, leur fonds de "
                    "capital-risque, des primes importantes et une autonomie inhabituelle. NFDG a misé sur plusieurs "
                    "start-up en pointe dans l'IA, dont Perplexity AI, l'une des sociétés que Meta n'avait pas réussi "
                    "à racheter.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Tout le monde n'a pas cédé. Ilya Sutskever, cofondateur de SSI, a décliné la proposition "
                    "d'embauche de Meta. Le groupe n'en a pas moins attiré l'un des trois fondateurs de la société "
                    "qu'il n'avait pas pu acquérir : à défaut de l'entreprise, il s'est attaché l'un de ses créateurs.</p>"
                ),
            ),
            ("read_also", "chasse-aux-talents-ia-laboratoires-europeens"),
            (
                "heading",
                {"text": "Des primes de bienvenue à neuf chiffres", "level": "h3"},
            ),
            (
                "paragraph",
                (
                    "<p>La compétition est devenue publique lorsque Sam Altman, le patron d'OpenAI, l'a évoquée dans "
                    "un podcast animé par son frère. D'après lui, Meta a proposé des primes à la signature pouvant "
                    "atteindre 100 millions de dollars, assorties de rémunérations annuelles plus élevées encore. "
                    "Toujours selon Sam Altman, aucun des meilleurs éléments d'OpenAI n'avait accepté jusque-là.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Faute de pouvoir acheter les entreprises, Meta achète désormais le temps et le talent de ceux qui les font vivre."
                    ),
                    "attribution": "",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Ces montants hors normes s'expliquent par un marché du travail très particulier. Le secteur de "
                    "l'IA connaît un fort taux de rotation, les chercheurs passant volontiers d'un laboratoire à "
                    "l'autre, et les experts reconnus y sont courtisés à coups de primes considérables. Dans le même "
                    "temps, les grandes entreprises ne forment plus guère de débutants en interne : elles préfèrent "
                    "attirer des profils déjà aguerris, quitte à les payer au prix fort.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Cette rareté entretient la surenchère. Plus les géants du numérique se disputent le même petit "
                    "vivier de spécialistes, plus les prix montent, et plus il devient difficile pour les laboratoires "
                    "publics ou les jeunes entreprises de retenir leurs meilleurs éléments. Les start-up, elles, "
                    "découvrent qu'un rachat refusé ne les met pas à l'abri des offres faites à leurs équipes.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>La logique est limpide. Faute de pouvoir acheter les entreprises, Meta achète "
                    "désormais le temps et le talent de ceux qui les font vivre. Reste à savoir si une équipe réunie à "
                    "prix d'or suffira à produire les avancées promises, dans une course où l'argent ne garantit ni la "
                    "cohésion d'un laboratoire ni ses résultats.</p>"
                ),
            ),
        ],
        "updates": [
            {
                "kind": "precision",
                "date": "2025-07-03T10:15",
                "note": (
                    "Le montant de l'investissement de Meta dans Scale AI, environ 14 milliards de dollars, est "
                    "approximatif. Les primes de 100 millions de dollars évoquées dans cet article relèvent des "
                    "déclarations de Sam Altman."
                ),
            },
        ],
        "related": [
            "chasse-aux-talents-ia-laboratoires-europeens",
            "emploi-metiers-transformes-par-ia",
            "start-up-lyonnaise-leve-fonds-ia-logistique",
        ],
        "lead": True,
    },
    # ------------------------------------------------------------------
    # Actualités
    # ------------------------------------------------------------------
    {
        "slug": "ai-act-echeance-2-aout-modeles-usage-general",
        "section": "actualites",
        "kicker": "Régulation",
        "title": "AI Act : ce qui change le 2 août pour les modèles d'IA à usage général",
        "chapo": (
            "Les fournisseurs de grands modèles d'IA devront bientôt respecter leurs premières obligations "
            "européennes. Documentation, transparence sur les données, droit d'auteur : tour d'horizon d'une "
            "échéance très attendue."
        ),
        "published": "2025-06-18T11:50",
        "authors": ["ines-benali"],
        "tags": ["régulation", "Europe", "AI Act", "IA générative"],
        "hero": {
            "alt": "Illustration abstraite : grille de carrés bleus et jaunes disposés en damier irrégulier",
            "caption": "Le règlement européen sur l'IA s'applique par étapes depuis son entrée en vigueur en 2024.",
            "credit": "Illustration Newsroom",
            "palette": 1,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Adopté en 2024 et entré en vigueur le 1er août de la même année, le "
                    '<a href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj">règlement européen sur '
                    "l'intelligence artificielle</a> s'applique par étapes. Depuis le 2 février 2025, certaines "
                    "pratiques jugées inacceptables, comme la notation sociale des personnes, sont interdites dans "
                    "l'Union. La prochaine échéance, le 2 août 2025, concerne les fournisseurs de modèles d'IA à usage "
                    "général, ceux qui servent de socle à une multitude d'applications.</p>"
                ),
            ),
            ("heading", {"text": "Transparence et documentation", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>À partir de cette date, ces fournisseurs devront tenir à jour une documentation technique, "
                    "informer les entreprises qui bâtissent des produits sur leurs modèles et se doter d'une politique "
                    "de respect du droit d'auteur. Ils devront aussi publier un résumé suffisamment détaillé des "
                    "contenus utilisés pour l'entraînement.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les modèles les plus puissants, considérés comme présentant un <b>risque systémique</b>, "
                    "seront soumis à des exigences supplémentaires : évaluation des risques, tests contradictoires, "
                    "signalement des incidents graves et cybersécurité renforcée. Pour guider les entreprises, la "
                    "Commission européenne a lancé la rédaction d'un code de bonnes pratiques, dont la publication "
                    "reste l'un des points que surveillent les juristes du secteur.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Des sanctions dissuasives, mais différées", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Les amendes prévues par le texte peuvent atteindre 35 millions d'euros ou 7 % du chiffre "
                    "d'affaires mondial pour les pratiques interdites. Pour les modèles à usage général, les pouvoirs "
                    "de sanction de la Commission ne s'appliqueront toutefois qu'à partir d'août 2026. Les modèles déjà "
                    "mis sur le marché avant le 2 août 2025 disposent, eux, d'un délai courant jusqu'en août 2027.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Pour les entreprises qui se contentent d'utiliser ces modèles, l'enjeu est surtout celui de la "
                    "chaîne de responsabilité : savoir ce que garantit le fournisseur et ce qui reste à la charge de "
                    "l'intégrateur. Les obligations relatives aux systèmes à haut risque, dans le recrutement, "
                    "l'éducation ou l'accès au crédit, n'entreront pour l'essentiel en application qu'en 2026. Des voix, "
                    "côté industrie, plaident pour un report ; le calendrier officiel, lui, n'a pas changé.</p>"
                ),
            ),
            ("read_also", "droit-auteur-createurs-entrainement-modeles"),
        ],
        "updates": [
            {
                "kind": "mise_a_jour",
                "date": "2025-06-20T09:00",
                "note": "Ajout du délai de mise en conformité prévu pour les modèles commercialisés avant le 2 août 2025.",
            },
        ],
        "related": [
            "droit-auteur-createurs-entrainement-modeles",
            "etiquetage-contenus-generes-ia",
        ],
        "lead": False,
    },
    {
        "slug": "centres-de-donnees-ia-electricite-reseau",
        "section": "actualites",
        "kicker": "Énergie",
        "title": "Centres de données : l'appétit électrique de l'IA met les réseaux sous tension",
        "chapo": (
            "Les projets de centres de données se multiplient en France pour répondre aux besoins de l'IA. "
            "Le raccordement au réseau électrique, l'eau et l'accueil des riverains deviennent des enjeux aussi "
            "importants que le financement."
        ),
        "published": "2025-03-27T16:20",
        "authors": ["julien-roussel"],
        "tags": ["énergie", "centres de données", "infrastructures"],
        "hero": {
            "alt": "Illustration abstraite : bandes verticales vertes et turquoise évoquant des baies de serveurs",
            "caption": "Les centres de données consacrés à l'IA réclament des puissances électriques inédites.",
            "credit": "Illustration Newsroom",
            "palette": 2,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Les annonces se succèdent. Lors du Sommet pour l'action sur l'intelligence artificielle, "
                    "organisé à Paris en février, le président de la République a fait état de 109 milliards d'euros "
                    "d'investissements privés prévus dans l'IA en France, dont une part importante destinée à des "
                    "centres de données. Le pays met en avant un atout : une électricité abondante et largement "
                    "décarbonée, grâce à son parc nucléaire.</p>"
                ),
            ),
            (
                "heading",
                {
                    "text": "Le raccordement, nouveau goulet d'étranglement",
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Sur le terrain, le principal obstacle n'est pas toujours la production d'électricité, mais son "
                    "acheminement. Un grand centre de données consacré à l'entraînement de modèles peut réclamer une "
                    "puissance comparable à celle d'une ville moyenne, et son raccordement au réseau de transport "
                    "demande des travaux qui se comptent en années.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les gestionnaires de réseau doivent traiter des demandes qui affluent, dont certaines ne "
                    "verront jamais le jour. Comment éviter que des projets spéculatifs ne réservent des capacités au "
                    "détriment d'industriels prêts à construire ? La question de l'ordre de priorité est désormais "
                    "posée, et les sites déjà équipés, anciennes zones industrielles ou abords de postes électriques, "
                    "deviennent très recherchés.</p>"
                ),
            ),
            (
                "image",
                {
                    "alt": "Illustration abstraite : lignes ondulées jaunes reliant des points lumineux sur fond vert sombre",
                    "caption": "Le raccordement au réseau de transport d'électricité peut prendre plusieurs années.",
                    "credit": "Illustration Newsroom",
                    "palette": 2,
                },
            ),
            (
                "heading",
                {"text": "Eau, chaleur et acceptabilité locale", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Au-delà de l'électricité, le refroidissement des serveurs pose la question de l'eau, surtout "
                    "lors des étés secs. Certains exploitants misent sur des circuits fermés ou sur la récupération de "
                    "la chaleur produite pour chauffer des logements, des piscines ou des serres. Ces solutions restent "
                    "coûteuses et supposent de trouver des débouchés à proximité.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Dans les communes concernées, l'accueil oscille entre l'intérêt pour les recettes fiscales et la "
                    "crainte d'installations très gourmandes qui créent peu d'emplois une fois construites. Pour les "
                    "porteurs de projets, la bataille de l'acceptabilité compte désormais autant que celle du "
                    "financement.</p>"
                ),
            ),
        ],
        "updates": [],
        "related": ["petits-modeles-frugalite-distillation"],
        "lead": False,
    },
    {
        "slug": "arnaques-voix-clonees-faux-conseiller",
        "section": "actualites",
        "kicker": "Cybersécurité",
        "title": 'Voix clonées : les arnaques au "faux conseiller" changent d\'échelle',
        "chapo": (
            "Quelques secondes d'enregistrement suffisent désormais pour imiter une voix. Les escrocs s'en "
            "servent pour rendre plus crédibles des appels frauduleux déjà bien connus."
        ),
        "published": "2025-04-17T12:45",
        "authors": ["claire-dubreuil"],
        "tags": ["désinformation", "cybersécurité", "IA générative"],
        "hero": {
            "alt": "Illustration abstraite : ondes sonores rouges et roses superposées sur fond noir",
            "caption": "Les outils de synthèse vocale rendent les appels frauduleux plus convaincants.",
            "credit": "Illustration Newsroom",
            "palette": 4,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Le scénario est rodé. Un appel, une voix familière, celle d'un proche ou d'un conseiller "
                    "bancaire, et une demande pressante : valider un virement, communiquer un code, agir vite avant "
                    "qu'il ne soit trop tard. Ce type d'escroquerie n'a rien de nouveau, mais les outils de clonage "
                    "vocal lui donnent une crédibilité inédite.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Quelques secondes d'enregistrement suffisent", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Les logiciels de synthèse vocale disponibles aujourd'hui peuvent imiter un timbre à partir d'un "
                    "échantillon très court, parfois tiré d'une vidéo publiée sur un réseau social ou d'un message de "
                    "répondeur. Le résultat n'est pas toujours parfait, mais au téléphone, sur une ligne de qualité "
                    "médiocre et face à un interlocuteur sous pression, les imperfections passent inaperçues.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les fraudeurs combinent souvent cette technique avec des informations glanées ailleurs : nom de "
                    "l'agence bancaire, dernières opérations, prénoms des enfants. C'est cette précision qui désarme "
                    "les victimes, bien plus que la prouesse technique elle-même.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "C'est cette précision qui désarme les victimes, bien plus que la prouesse technique elle-même.",
                    "attribution": "",
                },
            ),
            ("heading", {"text": "Les bons réflexes", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Les recommandations tiennent en quelques principes simples. Une banque ne demande jamais de "
                    "communiquer un code de validation par téléphone. En cas de doute, mieux vaut raccrocher et "
                    "rappeler soi-même le numéro habituel de l'agence ou du proche concerné. Certaines familles "
                    "conviennent d'un mot de passe à utiliser en cas d'appel d'urgence, une parade rudimentaire mais "
                    "efficace.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Du côté des opérateurs et des banques, les efforts portent sur la détection des appels qui "
                    "usurpent des numéros et sur l'analyse des opérations inhabituelles. Mais aucune technologie ne "
                    "remplace, à ce stade, la vigilance de la personne au bout du fil.</p>"
                ),
            ),
        ],
        "updates": [],
        "related": [],
        "lead": False,
    },
    {
        "slug": "mairies-assistant-conversationnel-experimentation",
        "section": "actualites",
        "kicker": "Services publics",
        "title": "Un assistant d'IA au guichet de la mairie : l'expérience tient-elle ses promesses ?",
        "chapo": (
            "Dans trois communes de taille moyenne, un assistant conversationnel répond aux questions courantes "
            "des habitants. Une expérimentation de six mois, volontairement encadrée, qui doit dire si l'outil "
            "soulage vraiment les agents d'accueil."
        ),
        "published": "2025-05-22T17:35",
        "authors": ["ines-benali", "claire-dubreuil"],
        "tags": ["services publics", "IA générative", "données personnelles"],
        "hero": {
            "alt": "Illustration abstraite : bulles de dialogue stylisées bleu clair et blanches sur fond marine",
            "caption": "L'assistant ne répond qu'à partir de documents validés par les services municipaux.",
            "credit": "Illustration Newsroom",
            "palette": 5,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Horaires d'ouverture, pièces à fournir pour une carte d'identité, inscription à la cantine : "
                    "dans trois mairies de taille moyenne, un assistant conversationnel répond depuis quelques semaines "
                    "aux questions les plus fréquentes des habitants, sur le site internet de la commune. "
                    "L'expérimentation, prévue pour six mois, doit permettre de mesurer si l'outil allège réellement la "
                    "charge des agents d'accueil.</p>"
                ),
            ),
            ("heading", {"text": "Un périmètre volontairement limité", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>L'assistant ne s'appuie que sur des documents validés par les services municipaux : il ne peut "
                    "ni consulter les dossiers des usagers ni engager une démarche à leur place. Lorsqu'une question "
                    "sort de son champ, il oriente vers un agent ou vers le bon formulaire. Ce choix prudent limite le "
                    "risque de réponses inventées, un défaut bien connu des modèles de langage.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les questions posées sont conservées sous une forme anonymisée afin d'améliorer les contenus de "
                    "référence. Les communes ont dû préciser, conformément au RGPD, la finalité de ces données et leur "
                    "durée de conservation.</p>"
                ),
            ),
            ("heading", {"text": "Ne pas remplacer le guichet", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Il ne s'agit pas de supprimer l'accueil physique, auquel une partie de la population reste "
                    "attachée ou n'a tout simplement pas d'alternative. L'objectif affiché est de libérer du temps pour "
                    "les situations complexes, qui demandent écoute et accompagnement.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Le bilan dira si la promesse est tenue. Les premiers retours font état de moins d'appels pour "
                    "des questions simples, mais aussi d'usagers qui, après un échange avec l'assistant, se présentent "
                    "au guichet mieux préparés. Un effet difficile à chiffrer, que les communes comptent suivre de "
                    "près.</p>"
                ),
            ),
            ("read_also", "hopital-ia-imagerie-experimentation"),
        ],
        "updates": [],
        "related": ["hallucinations-modeles-de-langage-recherche"],
        "lead": False,
    },
    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    {
        "slug": "start-up-lyonnaise-leve-fonds-ia-logistique",
        "section": "business",
        "kicker": "Financement",
        "title": "Une start-up lyonnaise lève 12 millions d'euros pour optimiser les entrepôts grâce à l'IA",
        "chapo": (
            "Spécialisée dans la prévision des pics de commandes et l'organisation des entrepôts, la jeune "
            "entreprise veut accélérer en Europe. Un tour de table qui illustre l'appétit des investisseurs pour "
            "l'IA appliquée à l'industrie."
        ),
        "published": "2025-03-20T11:05",
        "authors": ["julien-roussel"],
        "tags": ["start-up", "financement", "logistique"],
        "hero": {
            "alt": "Illustration abstraite : empilement de rectangles orange et ocre en perspective",
            "caption": "La jeune pousse prévoit de s'implanter en Espagne et en Allemagne.",
            "credit": "Illustration Newsroom",
            "palette": 3,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Une jeune pousse lyonnaise spécialisée dans l'optimisation des entrepôts par l'intelligence "
                    "artificielle annonce une levée de fonds de 12 millions d'euros. Ce tour de table de série A, mené "
                    "par un fonds de capital-risque parisien avec la participation d'un investisseur régional, doit lui "
                    "permettre d'accélérer son développement en Europe.</p>"
                ),
            ),
            ("heading", {"text": "Prévoir plutôt que réagir", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Fondée il y a quatre ans par deux ingénieurs venus de l'industrie, l'entreprise développe un "
                    "logiciel qui anticipe les pics de commandes à partir de l'historique des ventes, de la météo ou du "
                    "calendrier promotionnel de ses clients. L'outil recommande ensuite l'emplacement des produits dans "
                    "l'entrepôt et la répartition des équipes, afin de réduire les distances parcourues par les "
                    "préparateurs.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>La start-up revendique une quarantaine de clients, surtout des logisticiens et des distributeurs "
                    "de taille intermédiaire. Elle compte 45 salariés et prévoit d'en recruter une trentaine d'ici à la "
                    "fin de 2026, principalement des développeurs et des spécialistes des données.</p>"
                ),
            ),
            ("heading", {"text": "Un marché encore fragmenté", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>La logistique reste un terrain de choix pour l'IA appliquée : les gains se mesurent en minutes "
                    "économisées et en erreurs évitées, des indicateurs que les clients savent lire. La concurrence est "
                    "pourtant vive, entre éditeurs historiques de logiciels de gestion d'entrepôt, qui ajoutent des "
                    "briques d'IA à leur offre, et jeunes spécialistes comme celui-ci.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Pour convaincre les investisseurs, l'entreprise a mis en avant un modèle par abonnement et un "
                    "taux de renouvellement élevé de ses contrats. Elle vise désormais l'Espagne et l'Allemagne, où "
                    "elle a déjà signé ses premiers clients.</p>"
                ),
            ),
        ],
        "updates": [
            {
                "kind": "correction",
                "date": "2025-03-21T09:40",
                "note": ("Une version précédente de cet article indiquait que l'entreprise comptait 60 salariés. Elle en compte 45."),
            },
        ],
        "related": ["agents-ia-entreprises-promesses-deploiements"],
        "lead": False,
    },
    {
        "slug": "agents-ia-entreprises-promesses-deploiements",
        "section": "business",
        "kicker": "Entreprises",
        "title": "Agents d'IA : pourquoi les entreprises avancent encore à petits pas",
        "chapo": (
            "Présentés comme la prochaine étape de l'automatisation, les \"agents\" d'IA se multiplient dans les "
            "expérimentations. Leur passage à grande échelle bute sur la fiabilité, la sécurité et le coût."
        ),
        "published": "2025-04-29T08:00",
        "authors": ["julien-roussel", "claire-dubreuil"],
        "tags": ["agents", "entreprises", "IA générative"],
        "hero": {
            "alt": "Illustration abstraite : flèches violettes enchaînées formant une boucle sur fond lavande",
            "caption": "Un agent d'IA enchaîne plusieurs actions à partir d'une seule consigne.",
            "credit": "Illustration Newsroom",
            "palette": 1,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Après les assistants conversationnels, les \"agents\" : ces systèmes d'IA capables d'enchaîner "
                    "plusieurs actions, comme consulter une base de données, remplir un formulaire ou envoyer un "
                    "courriel, sont présentés par les éditeurs de logiciels comme l'avenir de l'automatisation. Dans les "
                    "entreprises, pourtant, l'enthousiasme se heurte à la réalité des systèmes d'information.</p>"
                ),
            ),
            (
                "heading",
                {
                    "text": "Beaucoup de pilotes, peu de mises en production",
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Les directions informatiques multiplient les essais, souvent sur des tâches bien délimitées : "
                    "trier des tickets d'assistance, préparer une réponse à un client, rapprocher des factures et des "
                    "bons de commande. Le passage à grande échelle reste plus rare. Un agent qui se trompe une fois sur "
                    "cent peut être acceptable pour rédiger un brouillon, beaucoup moins pour valider un paiement.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Un agent qui se trompe une fois sur cent peut être acceptable pour rédiger un brouillon, "
                        "beaucoup moins pour valider un paiement."
                    ),
                    "attribution": "",
                },
            ),
            ("heading", {"text": "La question des droits d'accès", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>Pour agir, un agent doit se connecter à des outils internes, avec des permissions. Qui les lui "
                    "accorde, et jusqu'où ? Les équipes de sécurité redoutent qu'un agent mal configuré, ou manipulé par "
                    "une instruction cachée dans un document, n'accède à des données sensibles. Elles imposent en "
                    "général une validation humaine avant toute action irréversible.</p>"
                ),
            ),
            ("heading", {"text": "Un coût encore difficile à évaluer", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Reste la question économique. Les agents consomment beaucoup de calcul, car ils sollicitent le "
                    "modèle à chaque étape de leur travail. Les entreprises peinent à comparer ce coût au temps "
                    "réellement gagné, d'autant que la supervision humaine n'a pas disparu.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les projets qui aboutissent ont souvent un point commun : ils partent d'un processus déjà bien "
                    "documenté, avec des règles claires. L'agent n'invente pas l'organisation, il s'y insère.</p>"
                ),
            ),
            ("read_also", "start-up-lyonnaise-leve-fonds-ia-logistique"),
        ],
        "updates": [],
        "related": ["emploi-metiers-transformes-par-ia"],
        "lead": False,
    },
    {
        "slug": "chasse-aux-talents-ia-laboratoires-europeens",
        "section": "business",
        "kicker": "Recrutement",
        "title": "Chasse aux talents : les laboratoires européens face à la surenchère des salaires",
        "chapo": (
            "Les géants américains se disputent une poignée de spécialistes de l'IA à des prix inédits. "
            "Laboratoires publics et start-up européennes cherchent d'autres arguments pour garder leurs chercheurs."
        ),
        "published": "2025-06-26T15:15",
        "authors": ["claire-dubreuil"],
        "tags": ["recrutement", "emploi", "Europe", "Meta"],
        "hero": {
            "alt": "Illustration abstraite : silhouettes géométriques blanches dispersées sur un dégradé corail",
            "caption": "Les profils capables d'entraîner de grands modèles sont les plus recherchés.",
            "credit": "Illustration Newsroom",
            "palette": 4,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Le 12 juin, Meta a recruté Alexandr Wang, le fondateur de Scale AI, tout en investissant environ "
                    "14 milliards de dollars dans cette entreprise. L'opération, destinée à doter le groupe d'un "
                    'laboratoire consacré à la "superintelligence", rappelle à quel point la compétition pour attirer '
                    "les meilleurs spécialistes de l'IA s'est intensifiée. En Europe, laboratoires publics et start-up "
                    "observent cette surenchère avec inquiétude.</p>"
                ),
            ),
            ("heading", {"text": "D'autres arguments que le salaire", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Face à des rémunérations qu'ils ne peuvent pas égaler, les acteurs européens misent sur d'autres "
                    "leviers : liberté de recherche, possibilité de publier, participation au capital dans les jeunes "
                    "entreprises, qualité de vie. Ces arguments peuvent peser, notamment pour des chercheurs qui ont "
                    "une famille ou qui souhaitent garder un pied dans l'enseignement.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les laboratoires publics font face à une difficulté particulière : leurs doctorants sont parfois "
                    "recrutés par l'industrie avant même d'avoir soutenu leur thèse. Pour les retenir, des "
                    "établissements développent des contrats mixtes, qui permettent de partager son temps entre "
                    "recherche académique et entreprise.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Le risque d'un marché à deux vitesses", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>La tension profite surtout à une poignée de profils très demandés, ceux qui ont déjà entraîné "
                    "des modèles de grande taille. Pour les autres, le marché est plus ouvert qu'il n'y paraît, mais les "
                    "postes de débutants se raréfient : beaucoup d'entreprises préfèrent recruter des spécialistes "
                    "expérimentés plutôt que de former elles-mêmes de jeunes diplômés.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Plusieurs voix plaident pour des investissements publics massifs dans la puissance de calcul, "
                    "condition pour que les chercheurs restés en Europe puissent travailler sur des modèles comparables "
                    "à ceux des grands groupes américains. Sans machines, font-elles valoir, les meilleurs salaires du "
                    "continent ne suffiront pas.</p>"
                ),
            ),
            ("read_also", "emploi-metiers-transformes-par-ia"),
        ],
        "updates": [],
        "related": [
            "emploi-metiers-transformes-par-ia",
            "agents-ia-entreprises-promesses-deploiements",
        ],
        "lead": False,
    },
    # ------------------------------------------------------------------
    # Recherche
    # ------------------------------------------------------------------
    {
        "slug": "modeles-ouverts-open-source-definition",
        "section": "recherche-ia",
        "kicker": "Modèles ouverts",
        "title": 'IA "open source" : que cache vraiment l\'ouverture des modèles ?',
        "chapo": (
            'Poids publiés, données gardées secrètes, licences restrictives : derrière l\'étiquette "ouvert", '
            "les pratiques des développeurs de modèles varient fortement. Un flou qui a des conséquences pour la "
            "recherche comme pour la régulation."
        ),
        "published": "2025-03-06T10:40",
        "authors": ["ines-benali"],
        "tags": ["open source", "recherche", "IA générative"],
        "hero": {
            "alt": "Illustration abstraite : cadenas stylisé entrouvert formé de traits verts sur fond crème",
            "caption": "Publier les poids d'un modèle ne suffit pas à le rendre entièrement ouvert.",
            "credit": "Illustration Newsroom",
            "palette": 2,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>De nombreux modèles d'IA sont aujourd'hui présentés comme \"ouverts\". Derrière ce mot, les "
                    "réalités varient beaucoup. Le plus souvent, l'entreprise publie les <b>poids</b> du modèle, "
                    "c'est-à-dire les paramètres obtenus à l'issue de l'entraînement, qui permettent de le faire "
                    "fonctionner sur ses propres machines. Les données d'entraînement et le code qui a servi à les "
                    "préparer restent, eux, souvent confidentiels.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Des licences plus ou moins permissives", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Les conditions d'utilisation ajoutent une couche de complexité. Certaines licences autorisent "
                    "tous les usages, y compris commerciaux ; d'autres interdisent certaines applications ou imposent "
                    "des restrictions aux plus grandes entreprises. Or, dans le logiciel libre, la liberté d'usage sans "
                    "discrimination est un principe fondateur.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Pour clarifier le débat, l'Open Source Initiative, qui tient la définition de l'open source pour "
                    "le logiciel, a publié fin 2024 une première définition de l'IA open source. Elle exige notamment "
                    "des informations suffisamment détaillées sur les données d'entraînement pour qu'une personne "
                    "compétente puisse construire un système équivalent.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Pourquoi cela compte pour la recherche", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Pour les chercheurs, l'accès aux poids représente déjà un progrès considérable : il permet "
                    "d'étudier le fonctionnement interne des modèles, de les adapter à des langues ou à des domaines peu "
                    "couverts et de reproduire des résultats. Sans les données, en revanche, il reste difficile de "
                    "comprendre d'où viennent certains biais ou certaines erreurs.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>L'enjeu est aussi réglementaire. Le règlement européen sur l'IA prévoit des allègements pour "
                    "les modèles diffusés sous licence libre, sauf lorsqu'ils présentent un risque systémique. La "
                    'frontière entre "ouvert" et "partiellement ouvert" pourrait donc avoir des conséquences très '
                    "concrètes.</p>"
                ),
            ),
        ],
        "updates": [],
        "related": [
            "petits-modeles-frugalite-distillation",
            "ai-act-echeance-2-aout-modeles-usage-general",
        ],
        "lead": False,
    },
    {
        "slug": "petits-modeles-frugalite-distillation",
        "section": "recherche-ia",
        "kicker": "Recherche",
        "title": "Petits modèles, grandes ambitions : la course à la frugalité s'accélère",
        "chapo": (
            "Distillation, quantification, modèles spécialisés : les chercheurs s'efforcent de faire tenir des IA "
            "performantes sur un ordinateur portable, voire un téléphone. Avec des gains en énergie et en "
            "confidentialité."
        ),
        "published": "2025-04-03T09:10",
        "authors": ["ines-benali"],
        "tags": ["recherche", "énergie", "open source"],
        "hero": {
            "alt": "Illustration abstraite : petites sphères turquoise regroupées au centre d'un large cercle pâle",
            "caption": "Les modèles compacts peuvent fonctionner sans connexion à un serveur distant.",
            "credit": "Illustration Newsroom",
            "palette": 5,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Pendant plusieurs années, la règle semblait simple : plus un modèle de langage était grand, plus "
                    "il était performant. Cette course à la taille a un coût, en calcul comme en énergie. Un nombre "
                    "croissant d'équipes explore désormais la voie inverse : obtenir des modèles compacts, capables de "
                    "fonctionner sur un ordinateur portable, voire un téléphone, sans trop sacrifier la qualité.</p>"
                ),
            ),
            ("heading", {"text": "Distiller le savoir", "level": "h2"}),
            (
                "paragraph",
                (
                    '<p>La distillation consiste à entraîner un petit modèle, l\'"élève", à reproduire les réponses '
                    "d'un grand modèle, le \"maître\". L'élève n'apprend pas seulement la bonne réponse, mais aussi la "
                    "distribution de probabilités que le maître attribue à chaque possibilité, une information plus "
                    "riche qui accélère l'apprentissage.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Cette technique a permis l'apparition de modèles de quelques milliards de paramètres qui "
                    "rivalisent, sur certaines tâches, avec des modèles bien plus volumineux. Les performances chutent "
                    "néanmoins dès que l'on s'éloigne des domaines bien couverts par l'entraînement.</p>"
                ),
            ),
            ("heading", {"text": "Quantifier sans trop perdre", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>Autre levier : la quantification, qui réduit la précision avec laquelle sont stockés les "
                    "paramètres, par exemple de 16 à 4 bits. Le modèle occupe alors beaucoup moins de mémoire et "
                    "consomme moins d'énergie à chaque requête. Les pertes associées sont souvent modestes pour les "
                    "usages courants, plus sensibles pour le raisonnement mathématique.</p>"
                ),
            ),
            (
                "image",
                {
                    "alt": "Illustration abstraite : grand carré turquoise se décomposant en petits carrés de plus en plus fins",
                    "caption": "La quantification réduit la mémoire nécessaire pour faire tourner un modèle.",
                    "credit": "Illustration Newsroom",
                    "palette": 5,
                },
            ),
            ("heading", {"text": "Des usages locaux", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Ces modèles frugaux ouvrent des usages nouveaux : traitement de documents confidentiels sans "
                    "envoi vers un serveur distant, fonctionnement hors connexion, coûts réduits pour les petites "
                    "structures. Ils ne remplaceront pas les grands modèles pour les tâches les plus exigeantes, mais "
                    "pourraient devenir la norme pour une large part des usages quotidiens.</p>"
                ),
            ),
            ("read_also", "modeles-ouverts-open-source-definition"),
        ],
        "updates": [],
        "related": ["centres-de-donnees-ia-electricite-reseau"],
        "lead": False,
    },
    {
        "slug": "hopital-ia-imagerie-experimentation",
        "section": "recherche-ia",
        "kicker": "Santé",
        "title": "À l'hôpital, l'IA relit les radiographies : premiers enseignements d'une expérimentation",
        "chapo": (
            "Aux urgences d'un centre hospitalier universitaire, un logiciel signale les fractures possibles sur "
            "les radiographies. Il ne pose aucun diagnostic, mais change déjà la façon de travailler des équipes."
        ),
        "published": "2025-05-07T14:25",
        "authors": ["ines-benali", "claire-dubreuil"],
        "tags": ["santé", "recherche", "données personnelles"],
        "hero": {
            "alt": "Illustration abstraite : formes translucides bleu pâle superposées évoquant une radiographie",
            "caption": "Le logiciel entoure les zones suspectes, le médecin décide.",
            "credit": "Illustration Newsroom",
            "palette": 0,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Aux urgences d'un centre hospitalier universitaire, un logiciel d'intelligence artificielle "
                    "analyse depuis l'automne les radiographies de patients venus après un traumatisme. Son rôle : "
                    "signaler les fractures possibles, en particulier les plus discrètes, que l'œil humain peut manquer "
                    "en pleine nuit ou lors d'un afflux de patients.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Un second lecteur, pas un remplaçant", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Le dispositif, qui porte le marquage CE exigé pour les dispositifs médicaux, se contente "
                    "d'entourer les zones suspectes sur l'image. Le logiciel ne pose aucun diagnostic : ce sont les "
                    "médecins qui tranchent. L'équipe a retenu ce fonctionnement pour limiter le biais d'automatisation, "
                    "cette tendance bien documentée à se reposer entièrement sur la machine.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "Le logiciel ne pose aucun diagnostic : ce sont les médecins qui tranchent.",
                    "attribution": "",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Les premiers retours sont encourageants : les praticiens décrivent un surcroît de confiance lors "
                    "des lectures de nuit et quelques fractures repérées plus tôt. L'outil produit aussi de fausses "
                    "alertes, qui peuvent allonger le temps de lecture lorsqu'elles se multiplient.</p>"
                ),
            ),
            ("heading", {"text": "Des limites à mesurer", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Les performances varient selon les patients. Chez les enfants, dont les os en croissance "
                    "présentent des particularités, l'outil se montre moins fiable, et son usage pédiatrique est encadré "
                    "plus strictement. Les cas rares, par définition peu présents dans les données d'entraînement, "
                    "restent un angle mort.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Une évaluation complète, comparant les diagnostics posés avec et sans l'aide du logiciel, doit "
                    "être menée avant toute généralisation. Le coût de l'abonnement, pour des établissements aux "
                    "budgets contraints, pèsera aussi dans la décision.</p>"
                ),
            ),
        ],
        "updates": [],
        "related": ["mairies-assistant-conversationnel-experimentation"],
        "lead": False,
    },
    {
        "slug": "hallucinations-modeles-de-langage-recherche",
        "section": "recherche-ia",
        "kicker": "Fiabilité",
        "title": 'Pourquoi les modèles de langage "hallucinent"-ils encore ?',
        "chapo": (
            "Références inventées, dates erronées, citations mal attribuées : malgré des progrès réels, les "
            "erreurs affirmées avec aplomb restent le talon d'Achille de l'IA générative. Les chercheurs explorent "
            "plusieurs pistes pour les réduire."
        ),
        "published": "2025-06-04T09:55",
        "authors": ["claire-dubreuil"],
        "tags": ["recherche", "IA générative", "fiabilité"],
        "hero": {
            "alt": "Illustration abstraite : mirage de lignes horizontales orangées se dissolvant dans un ciel mauve",
            "caption": "Un modèle de langage produit des réponses plausibles, qui ne sont pas toujours vraies.",
            "credit": "Illustration Newsroom",
            "palette": 3,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Une référence bibliographique qui n'existe pas, une date erronée affirmée avec aplomb, une "
                    'phrase attribuée à la mauvaise personne : les "hallucinations" des modèles de langage restent l\'un '
                    "des principaux freins à leur usage dans les domaines où l'exactitude compte. Le problème a reculé, "
                    "il n'a pas disparu.</p>"
                ),
            ),
            ("heading", {"text": "Une machine à plausibilité", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Un modèle de langage est entraîné à prédire la suite la plus probable d'un texte. Il produit "
                    "donc des réponses plausibles, ce qui ne veut pas dire vraies. Lorsque l'information demandée est "
                    "rare ou absente de ses données d'entraînement, il peut combler le vide par une réponse qui a la "
                    "forme d'un fait, sans en avoir la solidité.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les méthodes d'entraînement peuvent aggraver le problème : un modèle récompensé pour répondre, "
                    "plutôt que pour reconnaître son ignorance, apprend à répondre à tout prix.</p>"
                ),
            ),
            ("heading", {"text": "Les pistes des chercheurs", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>La parade la plus répandue consiste à connecter le modèle à des sources documentaires, dans "
                    "lesquelles il va chercher les passages pertinents avant de répondre. Cette approche, dite de "
                    "<i>génération augmentée par la recherche</i>, réduit les erreurs sans les supprimer : le modèle "
                    "peut mal lire un document, ou citer une source qui ne dit pas ce qu'il affirme.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>D'autres travaux portent sur la calibration, c'est-à-dire la capacité du modèle à estimer sa "
                    "propre confiance, et sur l'apprentissage de l'abstention : savoir dire \"je ne sais pas\". Mesurer "
                    "les hallucinations de manière fiable est en soi un défi, ce qui complique la comparaison entre "
                    "modèles.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>En attendant, la règle reste la même pour les utilisateurs : vérifier les informations "
                    "importantes, surtout lorsque la réponse semble trop parfaite.</p>"
                ),
            ),
            ("read_also", "petits-modeles-frugalite-distillation"),
        ],
        "updates": [],
        "related": [
            "mairies-assistant-conversationnel-experimentation",
            "modeles-ouverts-open-source-definition",
        ],
        "lead": False,
    },
    # ------------------------------------------------------------------
    # Éthique & société
    # ------------------------------------------------------------------
    {
        "slug": "droit-auteur-createurs-entrainement-modeles",
        "section": "ethique-societe",
        "kicker": "Culture",
        "title": "Droit d'auteur : les créateurs réclament un \"droit de regard\" sur l'entraînement des IA",
        "chapo": (
            "Écrivains, illustrateurs, musiciens et photographes veulent savoir si leurs œuvres servent à "
            "entraîner des modèles, pouvoir le refuser et être rémunérés. Le cadre européen leur donne des "
            "outils, encore difficiles à manier."
        ),
        "published": "2025-03-13T07:50",
        "authors": ["julien-roussel", "ines-benali"],
        "tags": ["droit d'auteur", "régulation", "Europe", "IA générative"],
        "hero": {
            "alt": "Illustration abstraite : pages stylisées jaunes et blanches en éventail sur fond bleu profond",
            "caption": "Les créateurs demandent plus de transparence sur les données d'entraînement.",
            "credit": "Illustration Newsroom",
            "palette": 1,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Les organisations qui représentent les créateurs durcissent le ton face aux entreprises qui "
                    "entraînent des modèles d'IA générative sur des œuvres protégées. Leurs revendications tiennent en "
                    "quelques mots. Être informés, pouvoir refuser, être rémunérés.</p>"
                ),
            ),
            (
                "heading",
                {"text": "Un droit d'opposition difficile à exercer", "level": "h2"},
            ),
            (
                "paragraph",
                (
                    "<p>Le cadre européen existe. Depuis la directive de 2019 sur le droit d'auteur dans le marché "
                    "unique numérique, la fouille de textes et de données est autorisée, mais les titulaires de droits "
                    "peuvent s'y opposer pour les usages commerciaux, à condition de le faire de manière appropriée, "
                    "par exemple par des procédés lisibles par machine pour les contenus en ligne.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Dans la pratique, cette faculté d'opposition, souvent désignée par l'anglicisme « opt-out », "
                    "reste difficile à mettre en œuvre. Il n'existe pas de standard unique pour l'exprimer, et un "
                    "créateur n'a guère de moyens de savoir si ses œuvres ont été utilisées avant qu'il ne l'exerce.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "Être informés, pouvoir refuser, être rémunérés.",
                    "attribution": "",
                },
            ),
            ("heading", {"text": "Vers des licences collectives ?", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Le règlement européen sur l'IA apporte un premier élément de réponse : les fournisseurs de "
                    "modèles à usage général devront publier un résumé des contenus utilisés pour l'entraînement et se "
                    "doter d'une politique de respect du droit d'auteur. Les créateurs jugent ces obligations utiles, "
                    "mais insuffisantes tant que le niveau de détail attendu n'est pas précisé.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>En parallèle, des accords de licence commencent à voir le jour entre éditeurs de contenus et "
                    "entreprises de l'IA. Les sociétés de gestion collective plaident pour des mécanismes inspirés de "
                    "ceux qui existent déjà pour la musique, afin que les auteurs les moins connus ne soient pas "
                    "oubliés.</p>"
                ),
            ),
        ],
        "updates": [],
        "related": ["modeles-ouverts-open-source-definition"],
        "lead": False,
    },
    {
        "slug": "ecole-ia-generative-devoirs-maison",
        "section": "ethique-societe",
        "kicker": "Éducation",
        "title": "L'IA générative bouscule les devoirs à la maison : les enseignants s'adaptent",
        "chapo": (
            "Une partie des devoirs peut désormais être rédigée en quelques secondes par un assistant d'IA. Plutôt "
            "que d'interdire, de nombreux enseignants revoient leur façon d'évaluer."
        ),
        "published": "2025-04-10T18:30",
        "authors": ["ines-benali"],
        "tags": ["éducation", "IA générative", "société"],
        "hero": {
            "alt": "Illustration abstraite : crayon stylisé jaune traçant une spirale sur fond vert tendre",
            "caption": "L'oral et le travail en classe retrouvent une place importante dans l'évaluation.",
            "credit": "Illustration Newsroom",
            "palette": 2,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Dissertations, exposés, exercices de langue : une partie des devoirs à la maison peut désormais "
                    "être produite en quelques secondes par un assistant d'IA générative. Dans les collèges et les "
                    "lycées, la question n'est plus de savoir si les élèves utilisent ces outils, mais comment.</p>"
                ),
            ),
            ("heading", {"text": "Déplacer l'évaluation", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Beaucoup d'enseignants ont rapatrié une partie du travail écrit en classe, où il peut être "
                    "accompagné et observé. D'autres demandent aux élèves de garder trace de leur démarche : brouillons, "
                    "sources consultées, échanges avec l'outil. L'oral retrouve aussi une place de choix, car expliquer "
                    "un raisonnement reste difficile à déléguer.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les logiciels censés détecter les textes générés par IA ont, eux, montré leurs limites. Leurs "
                    "erreurs peuvent conduire à accuser à tort un élève, ce qui incite la plupart des équipes "
                    "pédagogiques à ne pas s'y fier pour sanctionner.</p>"
                ),
            ),
            ("heading", {"text": "Apprendre à s'en servir", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Plutôt que d'interdire, certains établissements choisissent d'enseigner un usage critique : "
                    "vérifier une réponse, repérer une erreur, comprendre pourquoi un modèle se trompe. L'enjeu est aussi "
                    "d'égalité, car tous les élèves n'ont pas le même accès à ces outils ni le même accompagnement à la "
                    "maison.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Les enseignants réclament surtout du temps et de la formation pour adapter leurs pratiques. Le "
                    "sujet dépasse la triche : il interroge ce que l'école veut évaluer, et ce que les élèves doivent "
                    "savoir faire seuls.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Le sujet dépasse la triche : il interroge ce que l'école veut évaluer, et ce que les élèves "
                        "doivent savoir faire seuls."
                    ),
                    "attribution": "",
                },
            ),
        ],
        "updates": [],
        "related": ["hallucinations-modeles-de-langage-recherche"],
        "lead": False,
    },
    {
        "slug": "etiquetage-contenus-generes-ia",
        "section": "ethique-societe",
        "kicker": "Transparence",
        "title": "Faut-il étiqueter tout ce que produit l'IA ?",
        "chapo": (
            "Filigranes invisibles, certificats de provenance, mentions obligatoires : signaler les contenus "
            "générés par l'IA paraît simple. En pratique, la question divise chercheurs, plateformes et "
            "régulateurs."
        ),
        "published": "2025-05-15T10:00",
        "authors": ["claire-dubreuil"],
        "tags": ["désinformation", "régulation", "AI Act", "transparence"],
        "hero": {
            "alt": "Illustration abstraite : étiquette stylisée rose suspendue à un fil devant un fond gris perle",
            "caption": "Le droit européen imposera le marquage des contenus générés à partir d'août 2026.",
            "credit": "Illustration Newsroom",
            "palette": 4,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>Une photo trop belle pour être vraie, la vidéo d'un responsable politique au discours "
                    "improbable, un texte rédigé par une machine : faut-il signaler systématiquement les contenus "
                    "produits par l'intelligence artificielle ? La réponse est moins évidente qu'il n'y paraît.</p>"
                ),
            ),
            ("heading", {"text": "Ce que prévoit le droit européen", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Le règlement européen sur l'IA impose des obligations de transparence. Les fournisseurs de "
                    "systèmes qui génèrent des images, des sons, des vidéos ou des textes devront faire en sorte que ces "
                    "contenus soient marqués dans un format lisible par machine. Ceux qui diffusent des hypertrucages, "
                    "ces « deepfakes » représentant des personnes ou des événements réels, devront en signaler le "
                    "caractère artificiel. Ces règles s'appliqueront à partir d'août 2026.</p>"
                ),
            ),
            ("heading", {"text": "Filigranes et certificats", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Techniquement, plusieurs approches coexistent. Les filigranes invisibles insèrent dans le "
                    "contenu un signal détectable par un logiciel ; les certificats de provenance, comme ceux promus par "
                    "la coalition C2PA, attachent au fichier l'historique de sa création et de ses modifications. Aucune "
                    "n'est infaillible : une capture d'écran, une compression ou un recadrage peuvent effacer ces "
                    "marques.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Le risque inverse existe aussi. Si chaque retouche automatique d'une photo déclenche une "
                    "étiquette, le signal perd son sens et le public finit par l'ignorer. Et l'absence d'étiquette peut "
                    "être prise, à tort, pour une garantie d'authenticité.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Si chaque retouche automatique d'une photo déclenche une étiquette, le signal perd son sens "
                        "et le public finit par l'ignorer."
                    ),
                    "attribution": "",
                },
            ),
            (
                "image",
                {
                    "alt": "Illustration abstraite : mosaïque de petits carrés roses et gris dont certains sont marqués d'un point",
                    "caption": "Filigranes et certificats de provenance peuvent disparaître après une simple capture d'écran.",
                    "credit": "Illustration Newsroom",
                    "palette": 4,
                },
            ),
            (
                "paragraph",
                (
                    "<p>L'étiquetage n'est ainsi qu'un élément d'un dispositif plus large, qui passe aussi par "
                    "l'éducation aux médias et par la capacité des rédactions à vérifier l'origine des images qu'elles "
                    "publient.</p>"
                ),
            ),
            ("read_also", "arnaques-voix-clonees-faux-conseiller"),
        ],
        "updates": [],
        "related": [
            "ai-act-echeance-2-aout-modeles-usage-general",
            "arnaques-voix-clonees-faux-conseiller",
        ],
        "lead": False,
    },
    {
        "slug": "emploi-metiers-transformes-par-ia",
        "section": "ethique-societe",
        "kicker": "Travail",
        "title": "Emploi : l'IA remplace-t-elle des métiers ou des tâches ?",
        "chapo": (
            "Plutôt que de faire disparaître des emplois entiers, l'IA générative automatise d'abord des tâches. "
            "Un changement plus discret, qui inquiète surtout les débutants."
        ),
        "published": "2025-06-11T07:30",
        "authors": ["julien-roussel"],
        "tags": ["emploi", "entreprises", "société"],
        "hero": {
            "alt": "Illustration abstraite : engrenages stylisés bleus et orange imbriqués sur fond clair",
            "caption": "L'IA générative prend en charge une partie des tâches, sans toujours supprimer les postes.",
            "credit": "Illustration Newsroom",
            "palette": 0,
        },
        "body": [
            (
                "paragraph",
                (
                    "<p>L'intelligence artificielle va-t-elle faire disparaître des métiers entiers ? La question revient "
                    "à chaque progrès spectaculaire des modèles. Les travaux des économistes invitent à raisonner "
                    "autrement : ce sont d'abord des tâches qui sont automatisées, au sein de métiers qui se "
                    "transforment.</p>"
                ),
            ),
            ("heading", {"text": "Des tâches plutôt que des postes", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Un traducteur, un développeur ou un chargé de clientèle ne fait pas qu'une seule chose. L'IA "
                    "générative prend en charge une partie de leur travail, une première traduction, un bout de code, "
                    "une réponse type, et déplace le reste vers la vérification, la relation humaine ou les cas "
                    "difficiles. Pour certains, c'est un gain de temps ; pour d'autres, une perte d'intérêt ou une "
                    "pression accrue sur les cadences.</p>"
                ),
            ),
            ("heading", {"text": "L'inquiétude des débutants", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Le point le plus sensible concerne l'entrée dans la vie professionnelle. Les tâches simples "
                    "confiées aux juniors sont souvent celles que l'IA automatise le plus facilement. Or c'est en les "
                    "accomplissant que l'on apprenait le métier. Si les entreprises renoncent à former des débutants, "
                    "d'où viendront les experts de demain ?</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "Si les entreprises renoncent à former des débutants, d'où viendront les experts de demain ?",
                    "attribution": "",
                },
            ),
            (
                "paragraph",
                (
                    "<p>La formation continue devient dès lors décisive. Encore faut-il qu'elle soit accessible à ceux "
                    "dont les postes évoluent le plus, et pas seulement aux cadres déjà à l'aise avec les outils "
                    "numériques.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Le dialogue social a aussi son rôle à jouer. Dans de nombreuses entreprises, l'introduction "
                    "d'outils d'IA fait désormais l'objet de discussions avec les représentants du personnel, sur les "
                    "usages autorisés comme sur la manière d'évaluer le travail.</p>"
                ),
            ),
            ("read_also", "agents-ia-entreprises-promesses-deploiements"),
        ],
        "updates": [],
        "related": [
            "ecole-ia-generative-devoirs-maison",
            "agents-ia-entreprises-promesses-deploiements",
        ],
        "lead": False,
    },
]
