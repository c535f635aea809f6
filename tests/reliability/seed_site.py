"""Fill a freshly migrated deployment with a small newsroom and print its public URLs as JSON.

Run by the reliability tests in a subprocess, with the deployment's environment (production
settings, its DATABASE_URL and MEDIA_ROOT): two rubriques, an author, entities, a partner with
its logo, and articles with hero images, tags and entity links.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

import django

django.setup()


from demo import factories  # noqa: E402
from demo.partner_factories import make_partner  # noqa: E402


def seed() -> dict:
    """Create the content; return the URLs a reader would visit."""
    business = factories.make_section(title="Business")
    research = factories.make_section(title="Recherche")
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil", role="Journaliste")
    mistral = factories.make_entity(name="Mistral AI", slug="mistral-ai", aliases=["Mistral"], description="Start-up française.")
    factories.make_entity(name="Le Monde", slug="le-monde", kind="media")
    make_partner(name="Partenaire Démo", url="https://partenaire.example.com/")
    articles = []
    for number, (section, title) in enumerate(
        [
            (business, "Mistral AI lève 600 millions d’euros"),
            (research, "Un modèle de langue « frugal » : est-ce possible ?"),
            (business, "Les data centers consomment-ils trop ?"),
        ]
    ):
        articles.append(
            factories.make_article(
                section=section,
                title=title,
                chapo="Un chapô avec des « guillemets » et une apostrophe d’usage.",
                body=[
                    {"type": "paragraph", "value": "<p>Premier paragraphe ; avec ponctuation : oui !</p>"},
                    {"type": "paragraph", "value": "<p>Mistral annonce un nouveau modèle.</p>"},
                ],
                authors=[author],
                tags=["IA générative", "Financement"],
                entities=[mistral],
                hero_image=factories.make_image(title=f"Illustration {number}", palette=number, size=(960, 540)),
                hero_alt=f"Illustration de l’article {number}",
                hero_caption="Une légende.",
                hero_credit="Newsroom",
            )
        )
    # Overdue: the scheduler test finds it waiting, as after a go-live time passes.
    scheduled = factories.make_article(section=research, publish=False, title="Sous embargo")
    factories.schedule(scheduled, overdue=True)
    return {
        "scheduled_page_id": scheduled.pk,
        "home": "/",
        "section": business.url,
        "article": articles[0].url,
        "article_2": articles[1].url,
        "entity": "/entites/mistral-ai/",
        "entity_index": "/entites/",
        "author": "/auteurs/claire-dubreuil/",
        "tag": "/tags/ia-generative/",
        "feed_rss": "/flux/rss/",
        "feed_atom": "/flux/atom/",
        "section_feed": f"/flux/rubrique/{business.slug}/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap_articles": "/sitemap-articles.xml",
        "sitemap_news": "/sitemap-news.xml",
        "robots": "/robots.txt",
        "search": "/recherche/?q=mistral",
    }


if __name__ == "__main__":
    print(json.dumps(seed()))
