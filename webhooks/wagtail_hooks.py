"""Paramètres › Webhooks (endpoints) and Paramètres › Envois de webhooks (the delivery log).

Both are model viewsets in the Settings menu, guarded by model permissions: the Rédaction en chef
(granted by migration) and superusers manage endpoints and read the log; nobody edits the log.
"""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from webhooks.models import WebhookDelivery, WebhookEndpoint


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing only, for everyone including superusers: a log is never edited by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


class WebhookEndpointViewSet(ModelViewSet):
    """The receivers, their secret and the events they want."""

    model = WebhookEndpoint
    icon = "link"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["name", "url", "active", DateColumn("created_at", label="créé le")]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("on_published"), FieldPanel("on_updated"), FieldPanel("on_unpublished")])],
            heading="Événements envoyés",
        ),
        FieldPanel("active"),
    ]


class WebhookDeliveryViewSet(ModelViewSet):
    """Every attempt: status, response code, error, and the body sent (inspect view)."""

    model = WebhookDelivery
    icon = "history"
    menu_label = "Envois de webhooks"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        DateColumn("created_at", label="envoyé le"),
        "endpoint",
        "event",
        "article_id",
        Column("attempt", label="essai n°"),
        "status",
        "response_code",
        "error",
    ]
    list_filter = ["status", "event", "endpoint"]
    # Never shown: the permission policy allows no one to add or edit a delivery.
    form_fields = ["status"]
    inspect_view_fields = [
        "endpoint",
        "delivery_id",
        "event",
        "article_id",
        "attempt",
        "status",
        "response_code",
        "error",
        "duration_ms",
        "next_attempt_at",
        "created_at",
        "payload",
    ]


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery), exact_class=True)


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    """The two entries of the Settings menu."""
    return [WebhookEndpointViewSet("webhooks"), WebhookDeliveryViewSet("webhook_deliveries")]
