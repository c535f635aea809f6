"""Second factor in a real browser: a superuser who must use one logs in, pairs an authenticator app
by typing the secret shown on the page (the test plays the app), keeps the backup codes and reaches
the dashboard; the next login asks for a code; five wrong passwords get the French lockout page.

Transactional like the editorial flow (see test_editorial_flow.py for why serialized_rollback).
"""

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from newsroom.models import TwoFactorPolicy
from tests.browser.helpers import BrowserProblems

PASSWORD = "motdepasse-de-test"  # tests/conftest.py


def sign_in_with_password(page, base: str, username: str):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_superuser_sets_up_an_authenticator_app_and_reaches_the_dashboard(live_server, new_context, screenshot, superuser):
    base = live_server.url
    policy = TwoFactorPolicy.load()
    policy.require_for_superusers = True
    policy.save()
    page = new_context().new_page()
    problems = BrowserProblems(page)

    # 1. The password alone leads to the set-up page, not to the dashboard.
    sign_in_with_password(page, base, superuser.username)
    expect(page).to_have_url(re.compile(r"/admin/deux-facteurs/configurer/\?next="))
    expect(page.get_by_role("heading", name="Configurer la double authentification")).to_be_visible()
    qr_code = page.get_by_role("img", name=re.compile("QR code de configuration"))
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("img => img.naturalWidth") > 0  # the SVG data URI decoded
    screenshot(page, "two-factor-setup.png")

    # 2. The test plays the authenticator app with the secret typed from the page.
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label("Code de vérification").fill(code)
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_role("heading", name="Codes de secours")).to_be_visible()
    expect(page.get_by_text("La double authentification est activée.")).to_be_visible()
    shown = page.locator("#two-factor-backup-codes code").all_inner_texts()
    assert len(shown) == 10
    assert sorted(shown) == sorted(StaticToken.objects.filter(device__user=superuser).values_list("token", flat=True))
    screenshot(page, "two-factor-backup-codes.png")
    page.get_by_role("link", name="Continuer").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page).to_have_title(re.compile("^Tableau de bord"))

    # 3. A new login asks for a code; a backup code gets in once.
    page.context.clear_cookies()
    sign_in_with_password(page, base, superuser.username)
    expect(page).to_have_url(re.compile(r"/admin/deux-facteurs/verifier/\?next="))
    page.get_by_label("Code de vérification").fill("000000")
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code n’est pas valide.")
    screenshot(page, "two-factor-verify-refused.png")
    page.get_by_label("Code de vérification").fill(shown[0])
    page.get_by_role("button", name="Vérifier").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_text("Code de secours accepté")).to_be_visible()

    assert TOTPDevice.objects.get(user=superuser).confirmed
    problems.check()

    # 4. Five wrong passwords: the French lockout page, status 429.
    page.context.clear_cookies()
    statuses = []
    page.on("response", lambda response: statuses.append(response.status) if response.request.method == "POST" else None)
    for _ in range(5):
        page.goto(f"{base}/admin/login/")
        page.get_by_label("Nom d’utilisateur").fill(superuser.username)
        page.get_by_label("Mot de passe").fill("pas-le-bon")
        page.get_by_role("button", name="S'identifier").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Connexion suspendue")).to_be_visible()
    assert statuses == [200, 200, 200, 200, 429]
    screenshot(page, "login-lockout.png")
