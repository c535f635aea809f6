"""Admin hooks: « Partager un aperçu » in the page's action menu, the links' admin URLs."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from previews import admin_views


class SharePreviewMenuItem(ActionMenuItem):
    """« Partager un aperçu »: opens the page's preview links (rédaction en chef only)."""

    label = "Partager un aperçu"
    name = "action-share-preview"
    icon_name = "link"
    order = 90

    def is_shown(self, context):
        return context["view"] == "edit" and admin_views.may_share(context["request"].user, context["page"])

    def get_url(self, parent_context):
        return reverse("previews_manage", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def share_preview_menu_item():
    return SharePreviewMenuItem()


@hooks.register("register_admin_urls")
def preview_link_urls():
    return [
        path("apercus/page/<int:page_id>/", admin_views.manage_view, name="previews_manage"),
        path("apercus/<int:link_id>/revoquer/", admin_views.revoke_view, name="previews_revoke"),
    ]
