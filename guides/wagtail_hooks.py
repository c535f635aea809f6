"""« Aide » in the admin: our French guides replace Wagtail's English editor guide and release notes."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from guides import views
from guides.guides import all_guides

WAGTAIL_HELP_ITEMS = {"editor-guide"}


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("aide/", views.GuideIndexView.as_view(), name="guides_index"),
        path("aide/captures/<str:name>", views.screenshot, name="guides_screenshot"),
        path("aide/<slug:slug>/", views.GuideView.as_view(), name="guides_guide"),
    ]


@hooks.register("register_help_menu_item")
def guides_menu_item():
    return MenuItem("Guides de la rédaction", reverse("guides_index"), icon_name="help", order=10, name="guides")


@hooks.register("construct_help_menu")
def french_guides_only(request, items):
    """Each guide under « Aide », Wagtail's English guide and « what's new » taken away."""
    items[:] = [item for item in items if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new")]
    for number, guide in enumerate(all_guides(), start=1):
        items.append(
            MenuItem(
                guide.title, reverse("guides_guide", args=[guide.slug]), icon_name="doc-full", order=10 + number, name=f"guide-{guide.slug}"
            )
        )
