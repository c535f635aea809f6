"""What the planning tells other apps. `draft_started(sender=PlannedStory, plan, page, user)` is sent
once « Commencer l'article » has created the page, before its first revision is saved, so the page's own app can prefill what only
it knows (the articles app adds the assigned journalists' bylines)."""

from django.dispatch import Signal

draft_started = Signal()
