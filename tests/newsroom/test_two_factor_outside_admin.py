"""Issue 18, finding 1: a session that owes its second factor sees nothing more than an anonymous
reader, outside the admin too (restricted pages, private documents, previews)."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest
from zeal import zeal_ignore

from demo import factories
from tests.newsroom.test_two_factor import VERIFY_URL, WAGTAIL_REPEATED_GETS, app_device, current_code, require

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wagtail_repeated_gets_allowed():
    with zeal_ignore(WAGTAIL_REPEATED_GETS):
        yield


@pytest.fixture
def private_things(section):
    """A group-restricted article, a login-restricted article, a document in a private collection."""
    by_group = factories.make_article(section=section, title="Note interne de la rédaction", slug="note-interne")
    restriction = PageViewRestriction.objects.create(page=by_group, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Rédaction en chef")])
    by_login = factories.make_article(section=section, title="Lettre réservée aux abonnés", slug="lettre-abonnes")
    PageViewRestriction.objects.create(page=by_login, restriction_type=PageViewRestriction.LOGIN)
    collection = Collection.get_first_root_node().add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    document = Document(title="Budget 2026", collection=collection)
    document.file.save("budget.txt", ContentFile(b"Budget confidentiel\n"), save=False)
    document.save()
    return {
        by_group.url: "Note interne de la rédaction",
        by_login.url: "Lettre réservée aux abonnés",
        document.url: "Budget confidentiel",
        # A preview of a revision: the admin, already closed to such a session.
        f"/admin/pages/{by_group.pk}/revisions/{by_group.latest_revision_id}/view/": "Note interne de la rédaction",
    }


def answers(client, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found[url] = (response.status_code, response.get("Location", "").split("?")[0], body)
    return found


def test_a_session_owing_its_second_factor_sees_what_an_anonymous_reader_sees(client, editor, private_things):
    require(editors=True)
    anonymous = answers(client, private_things)
    client.force_login(editor)  # the password step only: no device yet

    unconfirmed = answers(client, private_things)

    for url, text in private_things.items():
        status, location, body = unconfirmed[url]
        assert text.encode() not in body, url
        assert status == 302, url
        if url.startswith("/admin/"):
            assert location == "/admin/deux-facteurs/configurer/", url
        else:
            assert (status, location) == anonymous[url][:2], url


def test_with_a_device_not_yet_confirmed_the_same_holds_and_a_code_opens_everything(client, editor, private_things):
    device = app_device(editor)  # anyone with a device owes a code, whatever the policy
    client.force_login(editor)
    assert all(status == 302 for status, _location, _body in answers(client, private_things).values())

    client.post(VERIFY_URL, {"code": current_code(device)})

    for url, (status, _location, body) in answers(client, private_things).items():
        assert status == 200, url
        assert private_things[url].encode() in body, url


def test_a_user_who_owes_no_second_factor_keeps_their_access(client, journalist, private_things):
    client.force_login(journalist)
    found = answers(client, private_things)
    login_only = [url for url, text in private_things.items() if text != "Note interne de la rédaction"]
    for url in login_only:
        assert found[url][0] == 200, url
