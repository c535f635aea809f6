"""Paramètres › Webhooks: who may manage endpoints, the SSRF guard's French errors, the delivery log."""

import pytest

from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks/newsroom"  # an address literal: no DNS needed here


def _form(url, **extra):
    return {
        "name": "Application mobile",
        "url": url,
        "secret": "un-secret-assez-long-pour-signer",
        "on_published": "on",
        "active": "on",
        **extra,
    }


@pytest.fixture
def strict(settings):
    """Production behaviour: no private or local receivers."""
    settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = False


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_editors_and_superusers_manage_webhooks(db, client, strict, role, request):
    client.force_login(request.getfixturevalue(role))
    assert "Webhooks" in client.get("/admin/").content.decode()
    response = client.post("/admin/webhooks/new/", _form(PUBLIC_URL))
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.url == PUBLIC_URL and endpoint.on_published and not endpoint.on_updated
    assert client.get("/admin/webhooks/").status_code == 200
    assert client.post(f"/admin/webhooks/delete/{endpoint.pk}/").status_code == 302
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("role", ["journalist", "sales"])
def test_other_roles_cannot_see_or_create_webhooks(db, client, strict, role, request):
    client.force_login(request.getfixturevalue(role))
    assert "Webhooks" not in client.get("/admin/").content.decode()
    assert client.get("/admin/webhooks/").status_code in (302, 403)
    assert client.get("/admin/webhook_deliveries/").status_code in (302, 403)
    client.post("/admin/webhooks/new/", _form(PUBLIC_URL))
    assert not WebhookEndpoint.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/webhooks/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://0.0.0.0/hook",
    ],
)
def test_private_and_local_addresses_are_refused_in_french(client, editor, strict, url):
    client.force_login(editor)
    response = client.post("/admin/webhooks/new/", _form(url))
    assert response.status_code == 200
    assert "réseau privé ou local" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_and_credentials_are_refused(client, editor, strict):
    client.force_login(editor)
    page = client.post("/admin/webhooks/new/", _form("http://93.184.215.14/hook")).content.decode()
    assert "Utilisez une adresse https://" in page
    page = client.post("/admin/webhooks/new/", _form("https://moi:motdepasse@93.184.215.14/hook")).content.decode()
    assert "Retirez l’identifiant" in page
    assert not WebhookEndpoint.objects.exists()


def test_tests_and_make_run_may_use_a_local_receiver(client, editor, settings):
    settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = True
    client.force_login(editor)
    assert client.post("/admin/webhooks/new/", _form("http://127.0.0.1:9999/hook")).status_code == 302


def test_the_delivery_log_is_readable_never_editable(client, editor, superuser):
    endpoint = WebhookEndpoint.objects.create(name="Partenaire", url=PUBLIC_URL)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="article.published",
        attempt=3,
        status=WebhookDelivery.Status.FAILED,
        response_code=503,
        error="Réponse HTTP 503",
        payload={"event": "article.published"},
    )
    client.force_login(editor)
    listing = client.get("/admin/webhook_deliveries/").content.decode()
    assert "Échec définitif" in listing and "503" in listing
    assert "Réponse HTTP 503" in client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").content.decode()
    client.force_login(superuser)
    for url in (
        f"/admin/webhook_deliveries/edit/{delivery.pk}/",
        f"/admin/webhook_deliveries/delete/{delivery.pk}/",
        "/admin/webhook_deliveries/new/",
    ):
        assert client.get(url).status_code in (302, 403), url
    client.post(f"/admin/webhook_deliveries/delete/{delivery.pk}/")
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()
