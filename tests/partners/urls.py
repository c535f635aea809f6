"""The project's URLs with the partners app mounted, as newsroom/urls.py will mount it."""

from django.urls import include, path

from newsroom.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("partenaires/", include("partners.urls")), *project_urlpatterns]
