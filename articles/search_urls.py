"""The public search page (filled in by the discovery work)."""

urlpatterns = []
