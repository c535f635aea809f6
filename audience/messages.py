"""E-mails built from templates: an HTML part with its CSS inlined (css-inline) and a text part.

Every newsletter and alert carries the RFC 8058 one-click unsubscribe headers and a managing link;
no message carries a tracking pixel or a redirecting link: links go straight to the article.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page

import css_inline

from audience.models import Edition, Subscriber
from audience.tokens import manage_token

_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def site_url(path: str) -> str:
    """An absolute address on the public site (e-mails have no request to build one from)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def article_url(page) -> str:
    """The absolute public address of a page, on the configured base URL."""
    parts = page.get_url_parts()
    return site_url(parts[2] if parts else "/")


def subscriber_links(subscriber: Subscriber) -> dict:
    """The managing and one-click unsubscribe addresses of a subscriber."""
    token = manage_token(subscriber)
    return {
        "manage_url": site_url(reverse("audience:manage", args=[token])),
        "unsubscribe_url": site_url(reverse("audience:unsubscribe", args=[token])),
    }


def render_parts(template: str, context: dict) -> tuple[str, str]:
    """(text, inlined HTML) of `audience/email/<template>.txt|.html`."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "home_url": site_url("/"), **context}
    text = render_to_string(f"audience/email/{template}.txt", context)
    html = _INLINER.inline(render_to_string(f"audience/email/{template}.html", context))
    return text, html


def build_message(*, to: str, subject: str, template: str, context: dict, unsubscribe_url: str | None = None) -> EmailMultiAlternatives:
    """A multipart message; with `unsubscribe_url`, the one-click unsubscribe headers of RFC 8058."""
    text, html = render_parts(template, context)
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(*, email: str, confirm_url: str | None, manage_url: str | None = None) -> EmailMultiAlternatives:
    """« Confirmez votre inscription », or, for an address already subscribed, its managing link."""
    if confirm_url:
        subject = f"Confirmez votre inscription à la lettre de {settings.WAGTAIL_SITE_NAME}"
    else:
        subject = f"Votre inscription à la lettre de {settings.WAGTAIL_SITE_NAME}"
    context = {"confirm_url": confirm_url, "manage_url": manage_url, "hours": settings.NEWSROOM_NEWSLETTER_CONFIRM_HOURS}
    return build_message(to=email, subject=subject, template="confirmation", context=context)


def articles_by_rubrique(articles) -> list[dict]:
    """Articles grouped under their rubrique, in the order given (one query for the rubriques)."""
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    parents = {page.path: page for page in Page.objects.filter(path__in=parent_paths).only("title", "path", "depth")}
    groups: list[dict] = []
    for article in articles:
        parent = parents.get(article.path[: -Page.steplen])
        title = parent.title if parent is not None and parent.depth > 2 else "À la une"
        if not groups or groups[-1]["title"] != title:
            groups.append({"title": title, "articles": []})
        groups[-1]["articles"].append({"article": article, "url": article_url(article)})
    return groups


def edition_articles(edition: Edition) -> list:
    """The live, public articles of an edition in its order, with their sponsors (two queries)."""
    from audience.selectors import public_articles

    ids = [item.article_id for item in edition.items.all()]
    found = {article.pk: article for article in public_articles().filter(pk__in=ids).select_related("sponsor")}
    return [found[pk] for pk in ids if pk in found]


def edition_context(edition: Edition, subscriber: Subscriber | None) -> dict:
    """What an edition's templates show (the links of `subscriber`, or placeholders in previews)."""
    links = subscriber_links(subscriber) if subscriber else {"manage_url": site_url("/lettre/"), "unsubscribe_url": site_url("/lettre/")}
    return {"edition": edition, "groups": articles_by_rubrique(edition_articles(edition)), "sponsor": edition.sponsor, **links}


def edition_message(edition: Edition, subscriber: Subscriber, *, context: dict | None = None) -> EmailMultiAlternatives:
    """One subscriber's copy of an edition."""
    context = {**(context or edition_context(edition, None)), **subscriber_links(subscriber)}
    return build_message(
        to=subscriber.email, subject=edition.subject, template="edition", context=context, unsubscribe_url=context["unsubscribe_url"]
    )


def edition_preview(edition: Edition, *, text: bool) -> HttpResponse:
    """The admin preview: the HTML part as the reader sees it, or the text part."""
    body_text, body_html = render_parts("edition", edition_context(edition, None))
    if text:
        return HttpResponse(body_text, content_type="text/plain; charset=utf-8")
    return HttpResponse(body_html)


def alert_message(subscriber: Subscriber, items: list) -> EmailMultiAlternatives:
    """One batched alert: the new articles about the entities a subscriber follows (or about a
    current subsidiary of a group they follow « et ses filiales », which each item then says)."""
    links = subscriber_links(subscriber)
    entities = sorted({item.entity.name for item in items})
    groups = [
        {
            "title": item.subsidiary.name if item.subsidiary_id else item.entity.name,
            # Reached through a group followed « et ses filiales »: the reader is told which one.
            "group": item.entity.name if item.subsidiary_id else None,
            "article": item.article,
            "url": article_url(item.article),
        }
        for item in items
    ]
    subject = f"Du nouveau sur {', '.join(entities[:3])}" + ("…" if len(entities) > 3 else "")
    return build_message(
        to=subscriber.email,
        subject=subject,
        template="alert",
        context={"items": groups, "entities": entities, **links},
        unsubscribe_url=links["unsubscribe_url"],
    )
