"""Embargo: « sous embargo jusqu'au … ». Distinct from scheduling: until that time the article
cannot be published, nor scheduled earlier, by anyone; lifting it early is an explicit, logged
action of the rédaction en chef.

Because an embargoed article is never live, it never appears in a feed, sitemap, search result,
listing or the API: they all read live pages only.
"""

from django.utils import timezone

from newsroom.schedule_input import describe

LIFT_ACTION = "articles.embargo_lift"


def is_embargoed(article, *, now=None) -> bool:
    """Whether the article's embargo has not passed yet."""
    return bool(article.embargo_until and article.embargo_until > (now or timezone.now()))


def embargo_refusal(article, *, now=None) -> str | None:
    """The French reason publishing `article` now (or at its go-live time) breaks its embargo, or None."""
    if not is_embargoed(article, now=now):
        return None
    if article.go_live_at and article.go_live_at >= article.embargo_until:
        return None
    return (
        f"Sous embargo jusqu’au {describe(article.embargo_until)} (heure de Paris)\u00a0: "
        "publication impossible avant. Programmez-la à cette heure ou plus tard."
    )


def may_lift(user) -> bool:
    """Only the rédaction en chef (and superusers) lift an embargo early."""
    return user.is_superuser or user.groups.filter(name="Rédaction en chef").exists()
