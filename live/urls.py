"""Public URLs of live pages outside the page tree (included under `direct/` by newsroom/urls.py)."""

from django.urls import path

from live import views

urlpatterns = [
    path("<int:page_id>/maj/", views.updates_fragment, name="live_updates"),
    path("<int:page_id>/flux/", views.updates_feed, name="live_feed"),
]
