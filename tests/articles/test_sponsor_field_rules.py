"""Issue 18, finding 2: « Contenu sponsorisé par » is the rédaction en chef's on every path that writes
a revision: edit, revert, copy, autosave or a script passing its user, not only in the edit form."""

import pytest
from zeal import zeal_ignore

from articles.models import ArticlePage
from demo import factories
from demo.partner_factories import make_partner
from newsroom.field_permissions import permission_fields
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wagtail_revert_lookups_allowed():
    """Wagtail's revert view reads the page's revisions relation on two copies of the one page it
    edits (the page and its real record): one object each time, which zeal counts as an N+1."""
    with zeal_ignore([{"model": "articles.ArticlePage", "field": "_revisions"}]):
        yield


def latest_sponsor(article) -> int | None:
    return ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().sponsor_id


@pytest.fixture
def partner(db):
    return make_partner(name="Stéréance")


@pytest.fixture
def article(section, author):
    return factories.make_article(section=section, authors=[author], slug="pari-de-meta", title="Le pari de Meta")


def sponsor_by(editor, article, partner):
    """The rédaction en chef changes the sponsor (a new revision, published)."""
    page = ArticlePage.objects.get(pk=article.pk)
    page.sponsor = partner
    revision = page.save_revision(user=editor)
    revision.publish(user=editor)
    return revision


def test_the_sponsor_field_is_the_only_reserved_field_of_an_article():
    assert permission_fields(ArticlePage) == {"sponsor": "articles.set_sponsor"}


def test_a_journalist_cannot_remove_the_sponsor_by_reverting_to_an_older_revision(client, article, author, partner, journalist, editor):
    unsponsored = article.latest_revision
    sponsor_by(editor, article, partner)
    client.force_login(journalist)

    response = client.post(f"/admin/pages/{article.pk}/revisions/{unsponsored.pk}/revert/", article_form(author))

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).latest_revision_id != unsponsored.pk
    assert latest_sponsor(article) == partner.pk


def test_a_journalist_cannot_bring_back_an_older_sponsor_by_reverting(client, article, author, partner, journalist, editor):
    sponsored = sponsor_by(editor, article, partner)
    sponsor_by(editor, article, None)
    client.force_login(journalist)

    response = client.post(f"/admin/pages/{article.pk}/revisions/{sponsored.pk}/revert/", article_form(author))

    assert response.status_code == 302
    assert latest_sponsor(article) is None
    assert ArticlePage.objects.get(pk=article.pk).sponsor_id is None


def test_the_redaction_en_chef_may_revert_the_sponsor(client, article, author, partner, editor):
    sponsored = sponsor_by(editor, article, partner)
    sponsor_by(editor, article, None)
    client.force_login(editor)

    client.post(f"/admin/pages/{article.pk}/revisions/{sponsored.pk}/revert/", {**article_form(author), "sponsor": partner.pk})

    assert latest_sponsor(article) == partner.pk


def test_a_copy_never_carries_the_sponsor(client, article, section, partner, journalist, editor):
    sponsor_by(editor, article, partner)
    client.force_login(journalist)

    response = client.post(
        f"/admin/pages/{article.pk}/copy/",
        {"new_title": "Copie du pari", "new_slug": "copie-du-pari", "new_parent_page": section.pk},
    )

    assert response.status_code == 302
    copy = ArticlePage.objects.get(slug="copie-du-pari")
    assert copy.sponsor_id is None
    assert all(revision.as_object().sponsor_id is None for revision in copy.revisions.all())
    assert ArticlePage.objects.get(pk=article.pk).sponsor_id == partner.pk


def test_any_revision_saved_for_a_journalist_keeps_the_sponsor(article, partner, journalist, editor):
    sponsor_by(editor, article, partner)
    page = ArticlePage.objects.get(pk=article.pk)
    page.sponsor = None
    page.title = "Le pari de Meta, mis à jour"

    page.save_revision(user=journalist)

    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert (draft.title, draft.sponsor_id) == ("Le pari de Meta, mis à jour", partner.pk)
