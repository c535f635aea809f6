"""Writes of the planning: start the draft from a plan, change a status, private calendar feeds."""

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from newsroom.secret_links import digest_for_token, new_secret
from planning.models import CalendarFeed, PlannedStory
from planning.signals import draft_started

# The page type « Commencer l'article » creates, named (this app imports no sibling).
DRAFT_PAGE_TYPE = "articles.ArticlePage"
FEED_SALT = "planning.calendar"
EDITORS = "Rédaction en chef"


class PlanningError(Exception):
    """A French reason an action on the plan cannot be done."""


def is_desk_editor(user) -> bool:
    """The rédaction en chef plans and assigns (and superusers)."""
    return user.is_superuser or user.has_perm("planning.change_plannedstory")


def is_assignee(user, plan: PlannedStory) -> bool:
    return plan.assignees.filter(pk=user.pk).exists()


def plan_start_draft(*, plan: PlannedStory, user):
    """Create the article's draft under the plan's rubrique (title from the subject, owned by the
    first assigned journalist), link it to the plan and mark the plan « en cours ». Starting twice
    returns the draft already linked."""
    # Who may act first: the draft already started is not handed to just anyone either.
    if not (is_desk_editor(user) or is_assignee(user, plan)):
        raise PlanningError("Seuls les journalistes assignés et la rédaction en chef peuvent commencer cet article.")
    if plan.draft_id:
        return plan.draft
    if plan.section is None:
        raise PlanningError("Choisissez d’abord la rubrique du sujet : l’article y sera créé.")
    parent = plan.section.specific
    if not parent.permissions_for_user(user).can_add_subpage():
        raise PlanningError(f"Vous ne pouvez pas créer d’article dans « {parent.title} ».")
    owner = plan.assignees.order_by("pk").first() or user
    with transaction.atomic():
        page = apps.get_model(DRAFT_PAGE_TYPE)(title=plan.subject, owner=owner, live=False)
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        # Before the first revision: receivers prefill what only the page's app knows (bylines).
        draft_started.send(sender=PlannedStory, plan=plan, page=page, user=user)
        page.save_revision(user=user, log_action=True, clean=False)
        plan.draft = page
        if plan.status in (PlannedStory.Status.IDEA, PlannedStory.Status.COMMISSIONED):
            plan.status = PlannedStory.Status.IN_PROGRESS
        plan.save(update_fields=["draft", "status"])
    return page


def plan_set_status(*, plan: PlannedStory, user, status: str) -> None:
    """A journalist moves one of their own assignments along; the rédaction en chef any plan."""
    if not (is_desk_editor(user) or is_assignee(user, plan)):
        raise PlanningError("Vous ne pouvez changer que l’état de vos propres sujets.")
    if status not in PlannedStory.Status.values:
        raise PlanningError("État inconnu.")
    plan.status = status
    plan.save(update_fields=["status"])


def feed_create(*, user, for_desk: bool = False) -> tuple[CalendarFeed, str]:
    """A new private calendar address (the old ones of the same kind stop working). Returns the feed
    and its URL token, shown once."""
    if for_desk and not is_desk_editor(user):
        raise PlanningError("Seule la rédaction en chef peut s’abonner à l’agenda de toute la rédaction.")
    owner = None if for_desk else user
    digest, token = new_secret(salt=FEED_SALT)
    with transaction.atomic():
        feed_revoke_all(user=user, for_desk=for_desk)
        feed = CalendarFeed.objects.create(user=owner, key_digest=digest)
    return feed, token


def feed_revoke_all(*, user, for_desk: bool = False) -> int:
    """Stop the person's (or the desk's) calendar addresses."""
    feeds = CalendarFeed.objects.filter(revoked_at__isnull=True)
    feeds = feeds.filter(user__isnull=True) if for_desk else feeds.filter(user=user)
    return feeds.update(revoked_at=timezone.now())


def feed_for_token(token: str) -> CalendarFeed | None:
    """The active feed a URL token names, or None (bad signature: no query)."""
    digest = digest_for_token(token, salt=FEED_SALT)
    if digest is None:
        return None
    return CalendarFeed.objects.select_related("user").filter(key_digest=digest, revoked_at__isnull=True).first()
