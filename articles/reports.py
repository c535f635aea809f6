"""« Articles sponsorisés »: for sales, which articles their partners sponsor (read only)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.reports import ReportView

from articles.models import ArticlePage
from newsroom.page_access import may_use_pages


class SponsoredArticlesReport(ReportView):
    """Every sponsored article with its partner, status and dates; CSV/XLSX export included.

    Sales may see this list without any page permission: it shows titles and dates, never an
    editor or a link into one, and to them only the articles readers can see.
    """

    page_title = "Articles sponsorisés"
    header_icon = "doc-full"
    index_url_name = "articles_sponsored_report"
    index_results_url_name = "articles_sponsored_report_results"
    # Django permissions, any of which opens the report (Wagtail's own checks need a policy).
    allowed_permissions = ("partners.view_partner", "partners.change_partner", "articles.set_sponsor")
    list_export = ["title", "sponsor.name", "live", "first_published_at", "last_published_at"]
    export_headings = {
        "title": "Titre",
        "sponsor.name": "Partenaire",
        "live": "Publié",
        "first_published_at": "Première publication",
        "last_published_at": "Dernière publication",
    }
    columns = [
        Column("title", label="Titre"),
        Column("sponsor", label="Partenaire"),
        StatusTagColumn("status_string", label="Statut", primary=lambda page: page.live),
        DateColumn("first_published_at", label="Publié le"),
    ]

    @classmethod
    def user_may_see(cls, user) -> bool:
        return any(user.has_perm(codename) for codename in cls.allowed_permissions)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "articles-sponsorises"

    def get_queryset(self):
        articles = ArticlePage.objects.filter(sponsor__isnull=False)
        if not may_use_pages(self.request.user):
            # Sales read only what readers can: no draft, scheduled or restricted article's title.
            articles = articles.live().public()
        return articles.select_related("sponsor").order_by("-first_published_at", "title")

    @property
    def index_url(self):
        return reverse(self.index_url_name)
