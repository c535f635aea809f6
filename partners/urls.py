"""Public URLs of the partners app, mounted under /partenaires/ (see newsroom/urls.py)."""

from django.urls import path

from partners import report_views, views

app_name = "partners"

urlpatterns = [
    path("<int:partner_id>/<slug:placement>/", views.partner_click, name="click"),
    path("vu/<slug:placement>/", views.partner_impressions, name="impressions"),
    path("rapport/<str:token>/", report_views.partner_report, name="report"),
    path("rapport/<str:token>/pdf/", report_views.partner_report_pdf, name="report_pdf"),
]
