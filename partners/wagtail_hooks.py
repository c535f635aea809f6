"""Admin: partners as an orderable, exportable snippet, click reports, and a dashboard panel for sales."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partners.admin_list import LIST_DISPLAY, PartnerFilterSet, PartnerIndexView
from partners.admin_views import PartnerReportViewSet, partner_policy
from partners.models import Partner
from partners.reports import dashboard_figures


class PartnerViewSet(SnippetViewSet):
    """Every partner, in the order readers see them (drag to reorder), with their schedule."""

    model = Partner
    icon = "pick"
    menu_label = "Partenaires"
    index_view_class = PartnerIndexView
    list_display = LIST_DISPLAY
    list_export = ["name", "url", "tier", "status", "active_from", "active_until", "on_site", "on_home", "on_articles", "archived", "note"]
    export_headings = {
        "name": "Nom",
        "url": "Adresse de destination",
        "tier": "Niveau",
        "status": "Statut",
        "active_from": "Visible à partir du",
        "active_until": "Visible jusqu’au",
        "on_site": "Tout le site",
        "on_home": "Page d’accueil",
        "on_articles": "Pages article",
        "archived": "Archivé",
        "note": "Note interne",
    }
    export_filename = "partenaires"
    filterset_class = PartnerFilterSet
    search_fields = ["name", "note"]
    sort_order_field = "sort_order"


class PartnersGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, PartnerReportViewSet)
    menu_icon = "pick"
    menu_label = "Partenaires"
    menu_name = "partenaires"
    menu_order = 220


register_snippet(PartnersGroup)


class PartnerDashboardPanel(Component):
    """Active partners, campaigns ending within 14 days, clicks this month."""

    name = "partners"
    order = 150
    template_name = "partners/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return dashboard_figures()


@hooks.register("insert_global_admin_css")
def partner_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/partners.css"))


@hooks.register("construct_homepage_panels")
def add_partner_panel(request, panels):
    if partner_policy.user_has_permission(request.user, "change"):
        panels.append(PartnerDashboardPanel())
