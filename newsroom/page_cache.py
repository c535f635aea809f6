"""Full-page cache of anonymous GET responses (stub: filled in by the page-cache work of issue 6)."""


class PageCacheMiddleware:
    """Serve and store anonymous public pages from Django's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
