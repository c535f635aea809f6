"""Admin hooks for login security: the second-factor pages and the entries that lead to them.

Imported by newsroom/wagtail_hooks.py, the module Wagtail discovers.
"""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from newsroom import (
    login_throttling,  # noqa: F401  (its signal receiver logs lockouts from the start)
    two_factor_views,
)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    """/admin/deux-facteurs/…: manage, set up, verify, and the administrators' reset."""
    return [path("deux-facteurs/", include(two_factor_views.urlpatterns))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """« Compte › Actions »: the person's own second factor."""
    return {
        "url": reverse("newsroom_two_factor_manage"),
        "label": "Double authentification",
        "help_text": "Protégez votre compte avec une application d’authentification et des codes de secours.",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """« Réinitialiser la double authentification » in the users list, for superusers only."""
    if not request_user.is_superuser:
        return []
    return [
        MenuItem(
            "Réinitialiser la double authentification",
            url=reverse("newsroom_two_factor_reset_user", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
