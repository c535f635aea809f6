"""Admin: « Lettre › Éditions » (a snippet with HTML and text previews, send and schedule) and
« Rapports › Lectures »."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from audience import admin_views
from audience.models import Edition
from audience.reports import ReadCountsReport


class EditionIndexView(IndexView):
    """The editions list, with « Préparer » buttons for the daily and weekly editions."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("audience.add_edition"):
            for kind, label in Edition.Kind.choices:
                url = reverse("audience_assemble", args=[kind])
                # Wagtail's w-action#post posts to its url value, not to the link's href: without
                # it the click posted to the list itself (405).
                attrs = {"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url}
                buttons.append(HeaderButton(f"Préparer «\u00a0{label}\u00a0»", url=url, icon_name="mail", attrs=attrs))
        return buttons


class EditionViewSet(SnippetViewSet):
    """Editions of the newsletter: prepared from the articles, edited, previewed, tested, sent."""

    model = Edition
    index_view_class = EditionIndexView
    icon = "mail"
    menu_label = "Lettre"
    menu_order = 250
    add_to_admin_menu = True
    url_namespace = "audience_edition"
    url_prefix = "lettre/editions"
    list_display = ["subject", "kind", "status", "scheduled_for", "sent_at", "sent_count"]
    list_filter = ["kind", "status"]
    copy_view_enabled = False


@hooks.register("register_snippet_listing_buttons")
def edition_send_button(snippet, user, next_url=None):
    """« Envoyer… » beside each edition, for who may send."""
    if isinstance(snippet, Edition) and user.has_perm(admin_views.SEND_PERMISSION):
        yield Button("Envoyer…", url=reverse("audience_send_edition", args=[snippet.pk]), icon_name="mail", priority=5)


@hooks.register("register_admin_urls")
def audience_admin_urls():
    return [
        path("lettre/envoyer/<int:pk>/", admin_views.send_edition_view, name="audience_send_edition"),
        path("lettre/preparer/<str:kind>/", admin_views.assemble_view, name="audience_assemble"),
        path("rapports/lectures/", ReadCountsReport.as_view(), name="audience_reads_report"),
        path("rapports/lectures/resultats/", ReadCountsReport.as_view(results_only=True), name="audience_reads_report_results"),
    ]


class ReadsMenuItem(MenuItem):
    def is_shown(self, request):
        return ReadCountsReport.user_may_see(request.user)


@hooks.register("register_reports_menu_item")
def reads_menu_item():
    return ReadsMenuItem("Lectures", reverse("audience_reads_report"), icon_name="view", order=810)


register_snippet(EditionViewSet)
