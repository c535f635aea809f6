"""Public URLs of the partners app, mounted under /partenaires/ (see newsroom/urls.py)."""

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("<int:partner_id>/<slug:placement>/", views.partner_click, name="click"),
]
