"""Builders for tests, the demo and the corpus generator: real pages, saved and published."""

import datetime
import itertools
import json
from io import BytesIO
from types import SimpleNamespace

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection

from articles.models import (
    ArticleAuthor,
    ArticleDeal,
    ArticleEntity,
    ArticlePage,
    ArticleSource,
    Author,
    HomePage,
    RelatedArticle,
    SectionPage,
)
from demo.images import illustration
from entities.models import Deal, Entity, GroupLink

_sequence = itertools.count(1)


def make_image(*, title: str | None = None, palette: int = 0, size=(1600, 900)):
    """A real JPEG image in the root collection."""
    number = next(_sequence)
    buffer = BytesIO(illustration(palette, number, size=size))
    image = get_image_model()(title=title or f"Image {number}", collection=Collection.get_first_root_node())
    image.file = ImageFile(buffer, name=f"image-{number}.jpg")
    image.save()
    return image


def make_author(*, name: str | None = None, **fields) -> Author:
    """A byline with a unique slug."""
    number = next(_sequence)
    name = name or f"Auteur {number}"
    return Author.objects.create(name=name, slug=fields.pop("slug", f"auteur-{number}"), **fields)


def get_home() -> HomePage:
    """The home page created by the editorial set-up migration."""
    return HomePage.objects.get()


def make_section(*, title: str | None = None, home: HomePage | None = None) -> SectionPage:
    """A published section under the home page."""
    number = next(_sequence)
    section = SectionPage(title=title or f"Rubrique {number}", slug=f"rubrique-{number}")
    (home or get_home()).add_child(instance=section)
    section.save_revision().publish()
    return section


def make_article(
    *,
    section: SectionPage,
    title: str | None = None,
    chapo: str = "Un chapô de démonstration.",
    body: list | None = None,
    authors: list[Author] = (),
    tags: list[str] = (),
    related: list[ArticlePage] = (),
    entities=(),
    sources=(),
    publish: bool = True,
    published_at=None,
    **fields,
) -> ArticlePage:
    """An article under `section`, published unless `publish=False`."""
    number = next(_sequence)
    article = ArticlePage(
        title=title or f"Article {number}",
        slug=fields.pop("slug", f"article-{number}"),
        chapo=chapo,
        body=json.dumps(body or [{"type": "paragraph", "value": "<p>Un paragraphe.</p>"}]),
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    # Positions given as the admin's forms give them: rows of one article without a sort_order come
    # back in whatever order PostgreSQL finds them.
    article.article_authors.set([ArticleAuthor(author=author, sort_order=n) for n, author in enumerate(authors)])
    article.tags.set(list(tags))
    article.related_articles.set([RelatedArticle(target=target, sort_order=n) for n, target in enumerate(related)])
    article.entity_links.set([ArticleEntity(entity=entity, sort_order=n) for n, entity in enumerate(entities)])
    article.sources.set([ArticleSource(outlet=outlet, sort_order=n) for n, outlet in enumerate(sources)])
    revision = article.save_revision()
    if publish:
        revision.publish()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published_at, last_published_at=published_at)
        article.refresh_from_db()
    return article


def link_deal(article: ArticlePage, *, source: Entity, target: Entity, **fields) -> Deal:
    """A deal between two entities, reported by `article` (a new published revision links it)."""
    deal = Deal.objects.create(source=source, target=target, **fields)
    article = article.get_latest_revision_as_object()
    article.reported_deals.add(ArticleDeal(deal=deal))
    article.save_revision().publish()
    return deal


def make_entity(*, name: str | None = None, kind: str | None = None, aliases=(), live: bool = True, **fields) -> Entity:
    """A live entity (organisation by default; every third one a media outlet) with a revision."""
    number = next(_sequence)
    kind = kind or ("media" if number % 3 == 0 else "entreprise")
    entity = Entity(
        name=name or f"Entité {number}", slug=fields.pop("slug", f"entite-{number}"), kind=kind, aliases=list(aliases), **fields
    )
    entity.save()
    revision = entity.save_revision()
    if live:
        revision.publish()
    else:
        Entity.objects.filter(pk=entity.pk).update(live=False)
        entity.live = False
    return entity


GROUP_NAMES = {"meta": "Meta", "instagram": "Instagram", "whatsapp": "WhatsApp", "oculus": "Oculus"}


def make_meta_group() -> SimpleNamespace:
    """Meta and its subsidiaries as the base records them: Instagram (since 9 April 2012), WhatsApp
    (since 19 February 2014) and Oculus (from 25 March 2014 to 1 October 2020, no longer one)."""
    group = SimpleNamespace(**{slug: make_entity(name=name, slug=slug) for slug, name in GROUP_NAMES.items()})
    GroupLink.objects.create(parent=group.meta, child=group.instagram, start_date=datetime.date(2012, 4, 9))
    GroupLink.objects.create(parent=group.meta, child=group.whatsapp, start_date=datetime.date(2014, 2, 19))
    GroupLink.objects.create(
        parent=group.meta, child=group.oculus, start_date=datetime.date(2014, 3, 25), end_date=datetime.date(2020, 10, 1)
    )
    return group


def schedule(page, *, overdue: bool = False):
    """Publish `page` with a go-live time: an hour ahead, or already passed with `overdue=True`.

    A passed go-live time cannot be given to publish() (Wagtail then publishes at once), so the
    revision is scheduled an hour ahead and then dated back, as if the hour had gone by while no
    scheduler ran. Tests need no sleep, and a slow machine cannot overrun a short margin.
    """
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    if overdue:
        make_due(revision)
    return revision


def make_due(revision):
    """Date a scheduled revision's go-live time back to one second ago: publish_scheduled takes it."""
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = due.isoformat()
    revision.approved_go_live_at = due
    revision.save(update_fields=["content", "approved_go_live_at"])
