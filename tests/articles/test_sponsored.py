"""Sponsored content: a label nobody can miss, set by the rédaction en chef only, seen by sales."""

import json
import re

from django.urls import reverse

import pytest

from articles.models import ArticlePage
from demo import factories
from demo.partner_factories import make_partner
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsored(section, author):
    partner = make_partner(name="Stéréance", url="https://www.stereance.com/")
    article = factories.make_article(section=section, title="Le son de demain", authors=[author], sponsor=partner)
    return article, partner


def test_sponsored_label_on_the_article_in_listings_and_metadata(client, sponsored, section):
    article, _ = sponsored

    page = client.get(article.url).content.decode()
    listing = client.get(section.url).content.decode()
    home = client.get("/").content.decode()

    label = re.search(r'<p class="sponsor-label">(.*?)</p>', page).group(1)
    assert "En partenariat avec" in label and "Stéréance" in label
    assert 'rel="sponsored noopener"' in label
    assert page.index('class="sponsor-label"') < page.index('class="article__title"')
    assert "En partenariat avec Stéréance" in listing and "En partenariat avec Stéréance" in home
    assert '<meta name="sponsor" content="En partenariat avec Stéréance">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["sponsor"] == {"@type": "Organization", "name": "Stéréance", "url": "https://www.stereance.com/"}


def test_sponsor_link_goes_through_the_counting_redirect_to_the_partner(client, sponsored):
    article, _ = sponsored

    href = re.search(r'<p class="sponsor-label">En partenariat avec <a href="([^"]+)"', client.get(article.url).content.decode()).group(1)
    response = client.get(href)

    assert response.status_code in (301, 302) and response["Location"] == "https://www.stereance.com/"


def test_only_the_redaction_en_chef_can_set_a_sponsor(client, section, author, journalist, editor):
    partner = make_partner(name="Animaux Pro")
    article = factories.make_article(section=section, publish=False, authors=[author], slug="pari-de-meta")

    client.force_login(journalist)
    journalist_form = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    client.post(f"/admin/pages/{article.pk}/edit/", {**article_form(author), "sponsor": partner.pk})
    assert 'name="sponsor"' not in journalist_form
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().sponsor_id is None

    client.force_login(editor)
    assert 'name="sponsor"' in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    client.post(f"/admin/pages/{article.pk}/edit/", {**article_form(author), "sponsor": partner.pk, "action-publish": "Publier"})
    assert ArticlePage.objects.get(pk=article.pk).sponsor_id == partner.pk


def test_sales_see_which_articles_their_partners_sponsor_without_an_editor(client, sponsored, sales, section):
    article, _ = sponsored
    factories.make_article(section=section, title="Pas sponsorisé")
    client.force_login(sales)

    report = client.get(reverse("articles_sponsored_report"))
    export = client.get(reverse("articles_sponsored_report") + "?export=csv")
    editor = client.get(f"/admin/pages/{article.pk}/edit/")

    assert report.status_code == 200
    assert "Le son de demain" in report.content.decode() and "Pas sponsorisé" not in report.content.decode()
    assert "Le son de demain" in b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert editor.status_code in (302, 403)


def test_journalists_do_not_see_the_sponsored_report(client, journalist):
    client.force_login(journalist)
    assert client.get(reverse("articles_sponsored_report")).status_code in (302, 403)
