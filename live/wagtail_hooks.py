"""Admin: the live desk's URLs and the « Publier dans le direct » buttons of live pages."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets.button import Button, ListingButton

from live import admin_views
from live.models import LivePage


@hooks.register("register_admin_urls")
def live_desk_urls():
    return [
        path("direct/<int:page_id>/", admin_views.desk_view, name="live_desk"),
        path("direct/maj/<int:update_id>/corriger/", admin_views.correct_view, name="live_update_correct"),
        path("direct/maj/<int:update_id>/supprimer/", admin_views.delete_view, name="live_update_delete"),
    ]


LABEL = "Publier dans le direct"


def _may_post_from(page, user) -> bool:
    return issubclass(page.specific_class or object, LivePage) and page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def desk_header_button(page, user, view_name=None, next_url=None):
    """On the page's editor header: straight to the posting form, no page editor round trip."""
    if _may_post_from(page, user):
        yield Button(LABEL, reverse("live_desk", args=[page.pk]), icon_name="radio-full", priority=5)


@hooks.register("register_page_listing_buttons")
def desk_listing_button(page, user, next_url=None):
    """In the page explorer: beside « Modifier » on every live page."""
    if _may_post_from(page, user):
        yield ListingButton(LABEL, reverse("live_desk", args=[page.pk]), icon_name="radio-full", priority=5)
