"""Issue 18, finding 4: page passwords are throttled like the admin login, per page and address."""

from wagtail.models import PageViewRestriction

import pytest

from demo import factories

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def protected(section):
    """Two password-protected articles: (page, restriction) pairs."""
    pages = []
    for slug in ("dossier-protege", "autre-dossier"):
        article = factories.make_article(section=section, title=f"Dossier {slug}", slug=slug)
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="bon-mot-de-passe"
        )
        pages.append((article, restriction))
    return pages


def guess(client, page, restriction, password, address="203.0.113.7"):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_after_five_wrong_passwords_the_page_refuses_that_address(client, protected, settings):
    page, restriction = protected[0]
    assert settings.AXES_FAILURE_LIMIT == 5
    answers = [guess(client, page, restriction, f"essai-{number}") for number in range(5)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert all(b'name="password"' in answer.content for answer in answers)

    locked = guess(client, page, restriction, "bon-mot-de-passe")

    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    text = locked.content.decode()
    assert "Trop de mots de passe erronés" in text
    assert f"pendant 15{NBSP}minutes" in text or "pendant 15&nbsp;minutes" in text
    # The right password did not open the page.
    assert client.get(page.url, REMOTE_ADDR="203.0.113.7").status_code == 200
    assert page.title.encode() not in client.get(page.url, REMOTE_ADDR="203.0.113.7").content


def test_other_addresses_and_other_pages_are_not_affected(client, protected):
    (page, restriction), (other, other_restriction) = protected
    for number in range(6):
        guess(client, page, restriction, f"essai-{number}")
    assert guess(client, page, restriction, "bon-mot-de-passe").status_code == 429

    assert guess(client, other, other_restriction, "bon-mot-de-passe").status_code == 302
    assert guess(client, page, restriction, "bon-mot-de-passe", address="198.51.100.4").status_code == 302
    assert page.title.encode() in client.get(page.url).content


def test_the_right_password_clears_the_count(client, protected):
    page, restriction = protected[0]
    for number in range(4):
        guess(client, page, restriction, f"essai-{number}")
    assert guess(client, page, restriction, "bon-mot-de-passe").status_code == 302
    for number in range(4):
        assert guess(client, page, restriction, f"encore-{number}").status_code == 200
