"""When the planning starts an article (« Commencer l'article »), sign it with the assigned
journalists' bylines: the author whose name is the journalist's full name. Connected to the
planning's public signal; the planning app knows nothing of articles."""

from django.dispatch import receiver

from articles.models import ArticleAuthor, ArticlePage, Author
from planning.signals import draft_started


@receiver(draft_started)
def sign_started_draft(sender, plan, page, user, **kwargs):
    """Add the bylines to the new page before its first revision is saved (in memory: the revision carries them)."""
    if not isinstance(page, ArticlePage):
        return
    names = [person.get_full_name() for person in plan.assignees.all() if person.get_full_name()]
    by_name = {author.name: author for author in Author.objects.filter(name__in=names)}
    authors = [by_name[name] for name in names if name in by_name]
    if not authors:
        return
    page.article_authors.set([ArticleAuthor(author=author) for author in authors])
