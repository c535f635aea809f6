"""Shareable preview links: the latest version for whoever holds the link, logged out; stops when
revoked or expired; refused under embargo unless allowed; never cached; rédaction en chef only."""

import datetime
import re

from django.utils import timezone

import pytest

from demo import factories
from previews.models import PreviewLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(section, author):
    """A published article whose newer draft holds a sentence the live page does not show."""
    article = factories.make_article(section=section, title="Le pari de Meta", authors=[author], slug="pari-de-meta")
    latest = article.get_latest_revision_as_object()
    latest.chapo = "Chapô encore en relecture chez l’annonceur."
    latest.save_revision()
    return article


def manage_url(page):
    return f"/admin/apercus/page/{page.pk}/"


def create_link(client, page, **data):
    response = client.post(manage_url(page), {"label": "annonceur", "days": "7", **data})
    assert response.status_code == 200, response.content.decode()[:2000]
    match = re.search(r'value="(https?://[^"]+/apercu/[^"]+/)"', response.content.decode())
    return response, match and match.group(1)


def test_a_link_shows_the_latest_version_logged_out_is_counted_and_never_cached(client, draft, editor):
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{draft.pk}/edit/")
    assert "Partager un aperçu" in edit.content.decode()
    _response, url = create_link(client, draft)
    assert url
    client.logout()

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Chapô encore en relecture chez l’annonceur." in body
        assert '<meta name="robots" content="noindex, nofollow">' in body
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response.get("X-Cache") != "HIT"
    # The live page still shows the published chapô: the preview never leaked into the page cache.
    assert "Chapô encore en relecture" not in client.get(draft.url).content.decode()

    link = PreviewLink.objects.get()
    assert link.use_count == 2 and link.last_used_at is not None
    assert link.key_digest not in url  # only the digest of the key is stored


def test_revoked_expired_and_forged_links_stop(client, draft, editor):
    client.force_login(editor)
    _r, url = create_link(client, draft)
    link = PreviewLink.objects.get()
    revoke = client.post(f"/admin/apercus/{link.pk}/revoquer/")
    assert revoke.status_code == 302
    client.logout()
    assert client.get(url).status_code == 410
    assert "révoqué" in client.get(url).content.decode()

    client.force_login(editor)
    _r, url = create_link(client, draft)
    PreviewLink.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.logout()
    assert client.get(url).status_code == 410
    assert client.get(url[:-3] + "xx/").status_code == 404  # a wrong signature: no such link


def test_an_embargoed_article_needs_explicit_permission(client, section, author, editor):
    article = factories.make_article(
        section=section, publish=False, authors=[author], embargo_until=timezone.now() + datetime.timedelta(days=2), slug="sous-embargo"
    )
    client.force_login(editor)
    refused, url = create_link(client, article)
    assert url is None and "sous embargo" in refused.content.decode()
    assert not PreviewLink.objects.exists()

    _r, url = create_link(client, article, allow_embargoed="on")
    client.logout()
    assert client.get(url).status_code == 200

    # An embargo set after the link was made closes a link that did not ask for it.
    PreviewLink.objects.update(allow_embargoed=False)
    assert client.get(url).status_code == 410


@pytest.mark.parametrize("days", ["0", "abc", "31"])
def test_a_bad_lifetime_is_a_french_form_error(client, draft, editor, days):
    client.force_login(editor)
    response = client.post(manage_url(draft), {"days": days})
    assert response.status_code == 200
    assert "jour" in response.content.decode() and "error" in response.content.decode()
    assert not PreviewLink.objects.exists()


def test_only_the_redaction_en_chef_shares(client, draft, journalist, sales):
    for user in (journalist, sales):
        client.force_login(user)
        assert client.get(manage_url(draft)).status_code in (302, 403)
        assert client.post(manage_url(draft), {"days": "7"}).status_code in (302, 403)
    assert not PreviewLink.objects.exists()
    client.force_login(journalist)
    assert "Partager un aperçu" not in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
