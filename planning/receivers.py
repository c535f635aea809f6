"""The plan follows its article: submitted for review → « relecture », scheduled → « programmé »,
published → « publié » (Wagtail's own signals; any page type, so this app still imports none)."""

from django.dispatch import receiver

from wagtail.signals import page_published, workflow_submitted

from planning.models import PlannedStory


def _advance(page_id, status):
    PlannedStory.objects.filter(draft_id=page_id).exclude(status=PlannedStory.Status.PUBLISHED).update(status=status)


@receiver(workflow_submitted)
def plan_in_review(sender, instance, **kwargs):
    """`instance` is the WorkflowState of what was submitted: pages only (snippets share the table)."""
    if instance.base_content_type.app_label == "wagtailcore" and instance.base_content_type.model == "page":
        _advance(int(instance.object_id), PlannedStory.Status.REVIEW)


@receiver(page_published)
def plan_published(sender, instance, **kwargs):
    """Wagtail sends `page_published` for a revision approved with a future go-live too (the page
    stays offline until then): that is « programmé », not yet « publié »."""
    _advance(instance.pk, PlannedStory.Status.PUBLISHED if instance.live else PlannedStory.Status.SCHEDULED)
