"""« Les plus lus »: cookie-less counts (once per reader and day, robots ignored), the box in the
right order from the shared cache, the pages' hook, and counts in the admin per role."""

from django.test import Client

import pytest

from audience.models import ArticleReadCount
from demo import factories
from partners.models import Partner

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def _read(article, *, ip="192.0.2.10", agent=BROWSER):
    return Client().post(f"/audience/vu/{article.pk}/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


def test_reads_are_counted_once_per_reader_and_day_without_cookies_and_robots_ignored(section):
    article = factories.make_article(section=section, title="Mistral AI lève 1,7 milliard")
    draft = factories.make_article(section=section, title="Brouillon", publish=False)
    first = _read(article)
    assert first.status_code == 204 and not first.cookies and first["Cache-Control"] == "no-store"
    _read(article)  # the same reader again
    _read(article, ip="192.0.2.11")
    _read(article, agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    _read(article, agent="")
    _read(draft)
    assert list(ArticleReadCount.objects.values_list("article_id", "views")) == [(article.pk, 2)]
    assert Client().get(f"/audience/vu/{article.pk}/").status_code == 405


def test_the_box_shows_the_most_read_first_and_costs_no_query_once_cached(section, django_assert_num_queries):
    quiet = factories.make_article(section=section, title="Un article peu lu")
    popular = factories.make_article(section=section, title="Un article très lu")
    _read(quiet)
    for number in range(3):
        _read(popular, ip=f"192.0.2.{20 + number}")
    with django_assert_num_queries(4):  # two lists: ranking + articles each
        cold = Client().get("/audience/plus-lus/")
    html = cold.content.decode()
    assert "Les plus lus" in html and html.index("Un article très lu") < html.index("Un article peu lu")
    with django_assert_num_queries(0):
        assert Client().get("/audience/plus-lus/").content == cold.content


def test_home_and_articles_carry_the_box_and_the_beacon_script(home, section):
    article = factories.make_article(section=section, title="Scaleway ouvre une région")
    home_html = Client().get("/").content.decode()
    assert "data-most-read" in home_html and "/static/js/audience.js" in home_html and "data-article" not in home_html
    article_html = Client().get(article.url).content.decode()
    assert f'data-article="{article.pk}"' in article_html


def test_editors_see_every_count_and_sales_only_sponsored_ones(section, editor, sales, journalist):
    partner = Partner.objects.create(name="OVHcloud", url="https://www.ovhcloud.com/")
    sponsored = factories.make_article(section=section, title="Le cloud souverain, par OVHcloud", sponsor=partner)
    plain = factories.make_article(section=section, title="Article de la rédaction")
    _read(sponsored)
    _read(plain)
    for user, expected, hidden in (
        (editor, ["Le cloud souverain", "Article de la rédaction"], []),
        (sales, ["Le cloud souverain"], ["Article de la rédaction"]),
    ):
        client = Client()
        client.force_login(user)
        response = client.get("/admin/rapports/lectures/")
        assert response.status_code == 200
        html = response.content.decode()
        assert all(title in html for title in expected) and not any(title in html for title in hidden)
    client = Client()
    client.force_login(journalist)
    assert client.get("/admin/rapports/lectures/").status_code in (302, 403)
