"""Public feeds, sitemaps and robots.txt (filled in by the discovery work)."""

urlpatterns = []
