"""URL configuration: the admin, the health check, then Wagtail's page tree for everything else."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as static_serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import api_router
from articles.chrome import serve_page
from newsroom import health, page_passwords

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", health.health_view, name="health"),
    path("partenaires/", include("partners.urls")),
    path("", include("audience.urls")),
    path("apercu/", include("previews.urls")),
    path("planning/", include("planning.urls")),
    path("api/v2/", api_router.urls),
    path("", include("articles.feed_urls")),
    path("", include("articles.search_urls")),
    path("", include("articles.section_colours")),
    path("direct/", include("live.urls")),
]

if settings.NEWSROOM_SERVE_MEDIA:
    # A single-host deployment serves uploads itself; larger ones put media on object storage
    # or behind the proxy and turn this off. Images only: documents go through Wagtail's serve
    # view, which checks private collections and sends them as attachments.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:original_images|images)/.*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Before Wagtail's own route: page passwords are throttled per page and address.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.throttled_authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's own routes, its page view wrapped: routing starts from the cached home page.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
]
