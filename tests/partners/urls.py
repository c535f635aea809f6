"""The project's URLs with the partners app mounted under /partenaires/, whether or not
newsroom/urls.py mounts it already (it does once the partners issue is integrated)."""

from django.urls import include, path

from newsroom.urls import urlpatterns as project_urlpatterns

_mounted = any(getattr(pattern, "app_name", None) == "partners" for pattern in project_urlpatterns)

urlpatterns = list(project_urlpatterns) if _mounted else [path("partenaires/", include("partners.urls")), *project_urlpatterns]
