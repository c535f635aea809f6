"""The public search page, at the site root: `/recherche/?q=…`."""

from django.urls import path

from articles.search import search_view

urlpatterns = [
    path("recherche/", search_view, name="search"),
]
