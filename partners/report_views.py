"""A partner's own report, opened from a signed link (partners/report_links.py): HTML and PDF.

No account and no cookie: the token is the only key. The page shows only that partner's
campaign, impressions, clicks and click-through rate over the period of the link, per placement and
per day, week or month (`?par=semaine`), with the previous period for comparison. It is never
cached (page cache, edge or browser) and never indexed, and the token is not sent on as a referrer.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partners.charts import line_chart
from partners.models import ClickCount, Placement
from partners.report_links import ReportLinkError, read_token
from partners.stats import ctr, detail_rows, figures, period_label

PERIOD_PARAMS = {"jour": "day", "semaine": "week", "mois": "month"}
TEMPLATE = "partners/report.html"


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def report_context(request, token: str) -> dict:
    """Everything the report shows (a few queries): the partner, its placements' figures, a chart by placement."""
    link = read_token(token)
    param = request.GET.get("par", "jour")
    period = PERIOD_PARAMS.get(param, "day")
    counts = ClickCount.objects.filter(partner=link.partner)
    stats = figures(counts, period=period, start=link.start, end=link.end, by="placement")
    rows = detail_rows(counts.filter(day__gte=link.start, day__lte=link.end), period="month")
    totals = {"impressions": sum(row["impressions"] for row in rows), "clicks": sum(row["clicks"] for row in rows)}
    totals["ctr"] = ctr(totals["clicks"], totals["impressions"])
    by_placement: dict[str, dict] = {}
    for row in rows:
        entry = by_placement.setdefault(row["placement"], {"placement": row["placement"], "impressions": 0, "clicks": 0})
        entry["impressions"] += row["impressions"]
        entry["clicks"] += row["clicks"]
    for entry in by_placement.values():
        entry["ctr"] = ctr(entry["clicks"], entry["impressions"])
    partner = link.partner
    names = {"day": "jour", "week": "semaine", "month": "mois"}
    return {
        "partner": partner,
        "link": link,
        "start_label": period_label(link.start, "day"),
        "end_label": period_label(link.end, "day"),
        "expires_label": period_label(link.expires, "day"),
        "period": period,
        "periods": [(label, value == period) for label, value in PERIOD_PARAMS.items()],
        "figures": stats,
        "chart": line_chart(stats, title=f"Clics sur le logo de {partner.name}, par {names[period]} et par emplacement"),
        "placements": sorted(by_placement.values(), key=lambda entry: entry["placement"]),
        "totals": totals,
        "placement_labels": dict(Placement.choices),
        "previous_start_label": period_label(stats.previous_start, "day"),
        "previous_end_label": period_label(stats.previous_end, "day"),
        "token": token,
        "param": param,
    }


def _gone(request, error: ReportLinkError):
    return _private(TemplateResponse(request, "partners/report_invalid.html", {"message": error.message}, status=410))


@never_cache
@require_GET
def partner_report(request, token: str):
    """The report page; a French explanation (410) when the link is altered, expired or revoked."""
    try:
        context = report_context(request, token)
    except ReportLinkError as error:
        return _gone(request, error)
    return _private(TemplateResponse(request, TEMPLATE, context))


@never_cache
@require_GET
def partner_report_pdf(request, token: str):
    """The same report as a PDF (WeasyPrint), with the site's own fonts, for the partner's files."""
    try:
        context = report_context(request, token)
    except ReportLinkError as error:
        return _gone(request, error)
    from partners.report_pdf import html_to_pdf

    html = render_to_string(TEMPLATE, {**context, "for_pdf": True}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    filename = f"rapport-{context['partner'].pk}-{context['link'].start:%Y%m%d}-{context['link'].end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)
