"""The site's own French 404 page under DEBUG too (`make run`).

With DEBUG on, Django answers a « page not found » with its technical page: English, 980 px wide
on a phone, listing the URL patterns. Readers trying the demo should see the page they would see
in production, so this middleware renders `404.html` through Django's own view. Without DEBUG it
does nothing: Django already does the same. NEWSROOM_TECHNICAL_404=1 brings back Django's page
for a developer debugging URL patterns. The admin keeps Django's behaviour.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class NotFoundPageMiddleware:
    """Under DEBUG, turn Http404 into the site's French 404 page (public URLs only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404) or not settings.DEBUG:
            return None
        if getattr(settings, "NEWSROOM_TECHNICAL_404", False) or request.path.startswith("/admin/"):
            return None
        return page_not_found(request, exception)
