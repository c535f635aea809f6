"""Two editors on one article: no silent overwrite, every save kept, any version restorable.

Driven through the real admin over HTTP, with the hidden fields the editor page really renders
(`loaded_revision_id`, `loaded_revision_created_at`). Wagtail 8 refuses a stale autosave (JSON)
by itself; a stale plain save is refused by newsroom.admin_guards (see its docstring).
"""

import html
import re

from wagtail.models import PageLogEntry, Revision

import pytest

from articles.models import ArticlePage
from demo import factories
from newsroom.admin_guards import INCOMPLETE_FORM_MESSAGE
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_n_plus_one_watch():
    """Wagtail's edit and revert views read the same revision several times per request; N+1s are
    watched by the rest of the suite, this file is about what gets saved."""
    from zeal import zeal_ignore

    with zeal_ignore():
        yield


STALE_NOTICE = "a enregistré une version plus récente de cette page pendant que vous la modifiiez"


@pytest.fixture
def article(section, author, journalist):
    return factories.make_article(section=section, authors=[author], chapo="Le chapô d’origine.", owner=journalist)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def loaded_revision(client, url):
    """The revision fields of the editor page as a browser would submit them."""
    page = client.get(url).content.decode()
    revision_id = re.search(r'name="loaded_revision_id" value="(\d+)"', page).group(1)
    created_at = re.search(r'name="loaded_revision_created_at" value="([^"]+)"', page).group(1)
    return {"loaded_revision_id": revision_id, "loaded_revision_created_at": html.unescape(created_at)}


def save(client, page, author, chapo, loaded, **extra):
    # No tags: taggit's one query per tag is not what this file is about.
    return client.post(edit_url(page), {**article_form(author, slug=page.slug, chapo=chapo, tags=""), **loaded, **extra})


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")


def test_the_second_of_two_editors_is_stopped_and_keeps_their_text(article, author, journalist, editor, client):
    from django.test import Client

    other = Client()
    client.force_login(journalist)
    other.force_login(editor)
    mine = loaded_revision(client, edit_url(article))
    theirs = loaded_revision(other, edit_url(article))
    before = revisions_of(article).count()

    first = save(other, article, author, "La version de la rédaction en chef.", theirs)
    second = save(client, article, author, "La version du journaliste.", mine)

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert STALE_NOTICE in html.unescape(page)
    assert "Redaction a enregistré" in html.unescape(page)
    # The refused text is still in the form, nothing was saved over the colleague's version.
    assert "La version du journaliste." in page
    assert revisions_of(article).count() == before + 1
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert latest.chapo == "La version de la rédaction en chef."

    # The re-rendered editor now carries the colleague's revision: saving again is a deliberate choice.
    again = {
        "loaded_revision_id": re.search(r'name="loaded_revision_id" value="(\d+)"', page).group(1),
        "loaded_revision_created_at": html.unescape(re.search(r'name="loaded_revision_created_at" value="([^"]+)"', page).group(1)),
    }
    assert again["loaded_revision_id"] == str(revisions_of(article).last().pk)
    third = save(client, article, author, "La version du journaliste.", again)

    assert third.status_code == 302
    chapos = [revision.as_object().chapo for revision in revisions_of(article)]
    assert chapos[-2:] == ["La version de la rédaction en chef.", "La version du journaliste."]


def test_an_up_to_date_save_goes_through_at_once(article, author, journalist, client):
    client.force_login(journalist)

    response = save(client, article, author, "Une mise à jour.", loaded_revision(client, edit_url(article)))

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().chapo == "Une mise à jour."


def test_a_newer_revision_of_ones_own_is_no_conflict(article, author, journalist, client):
    """Two tabs of the same journalist, or an autosave landing just before « Soumettre »: the newer
    revision is theirs, nobody is overwritten, the save goes through."""
    from django.test import Client

    other_tab = Client()
    client.force_login(journalist)
    other_tab.force_login(journalist)
    first_tab = loaded_revision(client, edit_url(article))
    assert save(other_tab, article, author, "Depuis l’autre onglet.", loaded_revision(other_tab, edit_url(article))).status_code == 302

    response = save(client, article, author, "Depuis le premier onglet.", first_tab)

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().chapo == "Depuis le premier onglet."


def test_wagtail_refuses_a_stale_autosave_by_itself(article, author, journalist, editor, client):
    """The autosave path (JSON) is Wagtail's own check; it must still hold with our hook in place."""
    from django.test import Client

    other = Client()
    client.force_login(journalist)
    other.force_login(editor)
    mine = loaded_revision(client, edit_url(article))
    save(other, article, author, "La version de la rédaction en chef.", loaded_revision(other, edit_url(article)))
    count = revisions_of(article).count()

    response = client.post(
        edit_url(article),
        {**article_form(author, slug=article.slug, chapo="Autosave périmé.", tags=""), **mine},
        headers={"Accept": "application/json"},
    )

    assert response.json()["success"] is False
    assert response.json()["error_code"] == "invalid_revision"
    assert revisions_of(article).count() == count


def test_every_save_is_kept_in_the_history(article, author, journalist, client):
    client.force_login(journalist)
    before = revisions_of(article).count()

    for number in range(1, 4):
        assert save(client, article, author, f"Version {number}.", loaded_revision(client, edit_url(article))).status_code == 302

    revisions = list(revisions_of(article))
    assert len(revisions) == before + 3
    assert [revision.as_object().chapo for revision in revisions[-3:]] == ["Version 1.", "Version 2.", "Version 3."]
    history = client.get(f"/admin/pages/{article.pk}/history/").content.decode()
    for revision in revisions[-3:]:
        assert f"/admin/pages/{article.pk}/revisions/{revision.pk}/view/" in history


def test_a_previous_version_is_restored_and_published(article, author, journalist, editor, client):
    client.force_login(journalist)
    save(client, article, author, "La bonne version.", loaded_revision(client, edit_url(article)))
    good = revisions_of(article).last()
    save(client, article, author, "Une version ratée.", loaded_revision(client, edit_url(article)))

    client.force_login(editor)
    revert_url = f"/admin/pages/{article.pk}/revisions/{good.pk}/revert/"
    history = html.unescape(client.get(f"/admin/pages/{article.pk}/history/").content.decode())
    # « Passer en revue cette version » in the history opens the old version in the editor.
    assert revert_url in history
    assert "Passer en revue cette version" in history
    form_page = html.unescape(client.get(revert_url).content.decode())
    assert "La bonne version." in form_page
    assert "Une version ratée." not in form_page
    assert "Remplacer le brouillon actuel" in form_page
    response = client.post(
        revert_url,
        {
            **article_form(author, slug=article.slug, chapo="La bonne version.", tags=""),
            **loaded_revision(client, revert_url),
            "action-publish": "Publier",
        },
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.chapo == "La bonne version."
    assert article.live
    # Restoring adds a revision: the failed one stays in the history.
    assert [revision.as_object().chapo for revision in revisions_of(article)][-3:] == [
        "La bonne version.",
        "Une version ratée.",
        "La bonne version.",
    ]
    restored = PageLogEntry.objects.get(page=article, revision=revisions_of(article).last(), action="wagtail.revert")
    assert restored.data["revision"]["id"] == good.pk


def test_an_incomplete_revert_post_is_a_french_400_not_a_500(article, editor, client):
    """Wagtail 8.0.1 answered 500 (MultiValueDictKeyError: 'body-count') to this request."""
    client.force_login(editor)
    revision = revisions_of(article).first()
    count = revisions_of(article).count()

    for url in (f"/admin/pages/{article.pk}/revisions/{revision.pk}/revert/", edit_url(article)):
        response = client.post(url, {"title": "Sans le reste du formulaire"})

        assert response.status_code == 400
        assert response.content.decode() == INCOMPLETE_FORM_MESSAGE
    assert revisions_of(article).count() == count
    assert ArticlePage.objects.get(pk=article.pk).title != "Sans le reste du formulaire"


def test_a_page_locked_by_a_colleague_cannot_be_saved(article, author, journalist, editor, client):
    """Wagtail's own edit lock, as the rédaction en chef sets it with « Verrouiller »."""
    client.force_login(editor)
    assert client.post(f"/admin/pages/{article.pk}/lock/").status_code == 302
    client.force_login(journalist)
    count = revisions_of(article).count()

    response = save(client, article, author, "Malgré le verrou.", loaded_revision(client, edit_url(article)))

    assert response.status_code == 200
    assert revisions_of(article).count() == count
    assert "Malgré le verrou." in response.content.decode()
