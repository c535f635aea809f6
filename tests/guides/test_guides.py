"""« Aide » in the admin: the French guides of docs/guides/, and their screenshots kept true."""

import re
from pathlib import Path

import pytest

from guides.guides import ROLE_GUIDES, all_guides, committed_screenshots, guide

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"


def test_every_screenshot_a_guide_shows_is_made_by_a_browser_test():
    made = set()
    for test_file in BROWSER_TESTS.glob("test_*.py"):
        made |= set(re.findall(r'"guides/([a-z0-9-]+\.png)"', test_file.read_text(encoding="utf-8")))
    guides = all_guides()
    assert guides, "no guide in docs/guides/"
    for each in guides:
        assert each.screenshots, each.slug
        missing = set(each.screenshots) - made
        assert not missing, f"{each.slug} shows screenshots no browser test saves: {sorted(missing)}"


def test_every_screenshot_a_guide_shows_is_committed_with_it_and_nothing_else_is():
    # A fresh `make run` has no test artefacts: the admin then shows the committed copies.
    committed = {path.name for path in committed_screenshots().glob("*.png")}
    shown = {name for each in all_guides() for name in each.screenshots}
    assert shown <= committed, f"run make test then make guide-images: {sorted(shown - committed)}"
    assert committed <= shown, f"no guide shows {sorted(committed - shown)}"
    for name in committed:
        assert (committed_screenshots() / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name


def test_the_admin_shows_the_last_test_runs_screenshot_else_the_committed_one(client, journalist, settings, tmp_path):
    settings.NEWSROOM_GUIDE_SCREENSHOTS = tmp_path
    client.force_login(journalist)
    url = "/admin/aide/captures/journaliste-1-rubriques.png"
    committed = (committed_screenshots() / "journaliste-1-rubriques.png").read_bytes()
    assert b"".join(client.get(url).streaming_content) == committed
    (tmp_path / "journaliste-1-rubriques.png").write_bytes(b"\x89PNG\r\n\x1a\nfresh")
    assert b"".join(client.get(url).streaming_content) == b"\x89PNG\r\n\x1a\nfresh"
    assert client.get("/admin/aide/captures/nexiste-pas.png").status_code == 404


def test_aide_menu_lists_the_french_guides_instead_of_wagtails_english_guide(client, journalist):
    client.force_login(journalist)
    dashboard = client.get("/admin/").content.decode()
    # The sidebar is built from JSON props (non-ASCII letters escaped).
    assert "crire et publier un article" in dashboard and "/admin/aide/ecrire-et-publier-un-article/" in dashboard
    assert '"name": "editor-guide"' not in dashboard

    page = client.get("/admin/aide/ecrire-et-publier-un-article/").content.decode()
    assert "<h2>1. Choisir la rubrique</h2>" in page
    assert 'src="/admin/aide/captures/journaliste-1-rubriques.png"' in page


def test_guide_screenshots_are_served_to_signed_in_users_only_and_paths_cannot_escape(client, journalist, settings, tmp_path):
    settings.NEWSROOM_GUIDE_SCREENSHOTS = tmp_path
    (tmp_path / "journaliste-1-rubriques.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    url = "/admin/aide/captures/journaliste-1-rubriques.png"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(journalist)
    assert client.get(url)["Content-Type"] == "image/png"
    assert client.get("/admin/aide/captures/..secret.png").status_code == 404
    assert client.get("/admin/aide/captures/..%2Fsecret.png").status_code != 200
    assert client.get("/admin/aide/nexiste-pas/").status_code == 404


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_raw_html_in_a_guide_is_shown_as_text(markup, settings, tmp_path):
    settings.NEWSROOM_GUIDES_DIR = tmp_path
    (tmp_path / "essai.md").write_text(f"# Essai\n\n{markup}\n", encoding="utf-8")
    html = all_guides()[0].html()
    assert "<script" not in html and "<img" not in html


def test_each_role_has_its_guide_with_screenshots():
    slugs = {guide.slug for guide in all_guides()}
    assert set(ROLE_GUIDES.values()) <= slugs
    for slug in ROLE_GUIDES.values():
        assert len(guide(slug).screenshots) >= 4, slug


@pytest.mark.parametrize(
    ("user", "slug", "title"),
    [
        ("journalist", "ecrire-et-publier-un-article", "Écrire et publier un article"),
        ("editor", "relire-programmer-publier", "Relire, programmer, publier"),
        ("sales", "partenaires-et-contenus-sponsorises", "Partenaires et contenus sponsorisés"),
    ],
)
def test_each_roles_dashboard_links_its_guide_and_aide_lists_it(db, client, request, user, slug, title):
    client.force_login(request.getfixturevalue(user))
    dashboard = client.get("/admin/").content.decode()
    link = f'Aide\u00a0: <a href="/admin/aide/{slug}/">«\u202f{title}\u202f»</a>'
    assert dashboard.count(link) == 1
    assert f'"url": "/admin/aide/{slug}/"' in dashboard  # the « Aide » menu (JSON props)

    page = client.get(f"/admin/aide/{slug}/").content.decode()
    assert "<h1" in page and title in page
    for name in guide(slug).screenshots:
        assert f'src="/admin/aide/captures/{name}"' in page


def test_guides_get_french_typography():
    html = guide("relire-programmer-publier").html()
    # A plain space typed before « : » or inside guillemets becomes a non-breaking one.
    assert "Pour\u00a0: la rédaction en chef" in html
    assert "«\u202fdemain 8h\u202f»" in html
    text = re.sub(r"<[^>]+>", "", html)  # attributes (the images' alt) are left as typed
    assert " :" not in text and "« " not in text and " ?" not in text


def test_the_dashboards_account_summary_links_our_guides_not_wagtails_english_one(client, editor):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert '<a class="w-underline w-underline-offset-[3px]" href="/admin/aide/" data-guides-link>Guides de la rédaction</a>' in dashboard
    assert "Guide de l'éditeur pour Wagtail" not in dashboard and "guide.wagtail.org" not in dashboard
