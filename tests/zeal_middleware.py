"""django-zeal for the test suite: every request is watched for N+1 queries.

The Wagtail admin's forms have N+1s of their own that we cannot fix: each chooser widget loads its
object with its own `.get()`, and modelcluster's tag field reads the tag of each tagged item one
by one (zeal reports both on our outermost middleware). They are allowed in the admin, and only
there; every other N+1 stays an error everywhere.
"""

from zeal import zeal_context, zeal_ignore

# Preview links render a revision through Wagtail's own `with_content_json`, which checks each
# foreign key of the stored JSON with its own `.get()` (latest and live revision: a fixed two).
ADMIN_PREFIXES = ("/admin/", "/apercu/")
ADMIN_ALLOWLIST = [
    {"model": "*", "field": "get()"},
    {"model": "articles.ArticleTag", "field": "tag"},
    {"model": "entities.EntityTag", "field": "tag"},
]


class ZealMiddleware:
    """Runs each request inside zeal's detection context (put first in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with zeal_context():
            if request.path.startswith(ADMIN_PREFIXES):
                with zeal_ignore(ADMIN_ALLOWLIST):
                    return self.get_response(request)
            return self.get_response(request)
