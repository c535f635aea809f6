"""Every public page can run under a strict Content-Security-Policy: it carries no inline code."""

import re

import pytest

from demo import factories

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_policy(client, section):
    article = factories.make_article(section=section)

    for url in ("/", section.url, article.url, "/page-inconnue/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "object-src 'none'" in policy and "base-uri 'none'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script_or_style(client, section, author):
    article = factories.make_article(
        section=section, authors=[author], tags=["IA"], hero_image=factories.make_image(), hero_alt="Illustration"
    )

    for url in ("/", section.url, article.url, f"/auteurs/{author.slug}/", "/tags/ia/"):
        html = client.get(url).content.decode()
        # JSON-LD is a data block, not executed: CSP does not apply to it.
        assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")[^>]*>', html), url
        assert " style=" not in html, url
        assert "<style" not in html, url


def test_admin_gets_its_own_policy(client, editor):
    client.force_login(editor)
    policy = client.get("/admin/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy


def test_admin_login_form_is_in_french(client):
    page = client.get("/admin/login/").content.decode()
    assert "Mot de passe" in page
    assert ">Password<" not in page
