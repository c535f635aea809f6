"""A partner's report link: signed, expiring, no account, only that partner's figures, and its PDF."""

import datetime
import io

from django.test import Client

import pytest
from pypdf import PdfReader

from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today
from partners.report_links import make_token, report_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


@pytest.fixture
def figures():
    today = paris_today()
    ours = make_partner(name="pricefactory.fr", active_until=today + datetime.timedelta(days=20))
    theirs = make_partner(name="Concurrent secret")
    ClickCount.objects.create(partner=ours, placement="site", day=today - datetime.timedelta(days=2), clicks=12, impressions=1500)
    ClickCount.objects.create(partner=ours, placement="accueil", day=today - datetime.timedelta(days=1), clicks=3, impressions=250)
    ClickCount.objects.create(
        partner=ours, placement="site", day=today - datetime.timedelta(days=60), clicks=99, impressions=999
    )  # outside
    ClickCount.objects.create(partner=theirs, placement="site", day=today - datetime.timedelta(days=1), clicks=77, impressions=777)
    return ours, theirs


def period():
    today = paris_today()
    return today - datetime.timedelta(days=9), today


def test_the_link_works_logged_out_and_shows_only_that_partner(figures):
    ours, _theirs = figures
    start, end = period()
    reader = Client()  # no account, no session

    response = reader.get(report_url(ours, start=start, end=end))

    html = response.content.decode()
    assert response.status_code == 200
    assert "pricefactory.fr" in html and "Concurrent secret" not in html
    assert ">1\u202f750</dd>" in html  # impressions over the period (1 500 + 250)
    assert ">15</dd>" in html and ">0,86\u00a0%</dd>" in html  # clicks, CTR
    assert "99" not in html.split("<main>")[1].split("Évolution")[0]  # a day outside the period is not counted
    assert f"Du {start.day} " in html and "heure de Paris" in html
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert response.context["figures"].series[0].name in {"Tout le site (pied de page)", "Page d’accueil"}


def test_an_altered_or_expired_link_says_why_in_french(figures, monkeypatch):
    ours, theirs = figures
    start, end = period()
    token = make_token(ours, start=start, end=end, days=7)
    reader = Client()

    forged = make_token(theirs, start=start, end=end)[:-3] + "abc"
    assert reader.get(f"/partenaires/rapport/{forged}/").status_code == 410
    assert "pas valide" in reader.get(f"/partenaires/rapport/{token[:-1]}x/").content.decode()

    later = paris_today() + datetime.timedelta(days=8)
    monkeypatch.setattr("partners.report_links.paris_today", lambda: later)
    expired = reader.get(f"/partenaires/rapport/{token}/")
    assert expired.status_code == 410
    assert "a expiré le" in expired.content.decode() and "pricefactory" not in expired.content.decode()


def test_archiving_the_partner_revokes_its_links(figures):
    ours, _theirs = figures
    start, end = period()
    url = report_url(ours, start=start, end=end)
    ours.archived = True
    ours.save()

    assert Client().get(url).status_code == 410


def test_the_pdf_is_the_same_report_with_our_fonts(figures):
    ours, _theirs = figures
    start, end = period()

    response = Client().get(report_url(ours, start=start, end=end).rstrip("/") + "/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="rapport-')
    body = response.content
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("Inter") for name in fonts), fonts  # the shipped font, no system fallback
    text = "".join(page.extract_text() for page in reader.pages)
    assert "pricefactory.fr" in text and "Concurrent secret" not in text
    assert "1 750" in text.replace("\u202f", " ") and "0,86" in text


def test_sales_make_a_link_in_the_admin_others_cannot(client, sales, journalist, figures):
    ours, _theirs = figures
    start, end = period()
    client.force_login(sales)

    bad = client.post("/admin/partenaires/statistiques/lien/", {"partner": ours.pk, "start": end, "end": start, "days": 200})
    good = client.post("/admin/partenaires/statistiques/lien/", {"partner": ours.pk, "start": start, "end": end, "days": 14})

    assert "La fin de la période précède son début." in bad.content.decode()
    assert "90 jours au plus" in bad.content.decode()
    link = good.context["link"]
    assert link.startswith("http://testserver/partenaires/rapport/")
    assert Client().get(link.removeprefix("http://testserver")).status_code == 200

    client.force_login(journalist)
    refused = client.get("/admin/partenaires/statistiques/lien/")
    assert refused.status_code in (302, 403)
