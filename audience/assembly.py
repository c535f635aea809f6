"""An edition assembled from the published articles: the lead story first, then each rubrique.

The rédaction en chef then edits its intro, order and selection in the admin. Sponsored articles
are included: every template labels them « Contenu sponsorisé par … », so none goes out unlabelled.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from articles.models import HomePage
from audience.models import Edition, EditionArticle
from audience.selectors import public_articles
from newsroom.templatetags.french import date_fr

WINDOWS = {Edition.Kind.DAILY: datetime.timedelta(days=1), Edition.Kind.WEEKLY: datetime.timedelta(days=7)}
LIMITS = {Edition.Kind.DAILY: 12, Edition.Kind.WEEKLY: 20}
SUBJECTS = {Edition.Kind.DAILY: "L’essentiel du {date}", Edition.Kind.WEEKLY: "La semaine du {date}"}


def candidate_articles(kind: str, *, now=None) -> list:
    """The window's live, public articles: the home page's lead first, then by rubrique (tree order),
    newest first within each."""
    now = now or timezone.now()
    articles = list(public_articles().filter(first_published_at__gt=now - WINDOWS[kind], first_published_at__lte=now))
    home = HomePage.objects.live().only("lead_article_id").first()
    lead_id = home.lead_article_id if home else None
    rubrique_order = {path: number for number, path in enumerate(sorted({article.path[: -Page.steplen] for article in articles}))}
    articles.sort(key=lambda article: (article.pk != lead_id, rubrique_order[article.path[: -Page.steplen]]))
    return articles[: LIMITS[kind]]


@transaction.atomic
def assemble_edition(kind: str, *, now=None) -> Edition:
    """A draft edition of `kind` holding the window's articles, ready to be edited."""
    now = now or timezone.now()
    edition = Edition.objects.create(kind=kind, subject=SUBJECTS[kind].format(date=date_fr(timezone.localdate(now))))
    EditionArticle.objects.bulk_create(
        [
            EditionArticle(edition=edition, article=article, sort_order=order)
            for order, article in enumerate(candidate_articles(kind, now=now))
        ]
    )
    return edition
