"""Production settings refuse to start half-configured and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings.production", **env_overrides})
    return subprocess.run([sys.executable, "manage.py", *args], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "news.example.org"}
    del env[missing]

    result = run_manage("check", env_overrides=env)

    assert result.returncode != 0
    assert missing in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    env = {"DJANGO_SECRET_KEY": "k3y-" + "z" * 60 + "-production-like", "DJANGO_ALLOWED_HOSTS": "news.example.org"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_french_and_paris_time():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"


@pytest.mark.parametrize(
    ("overrides", "backend"), [({}, "console.EmailBackend"), ({"EMAIL_URL": "smtp://mail.example.org:587"}, "smtp.EmailBackend")]
)
def test_make_run_prints_mail_unless_a_server_is_configured(overrides, backend):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "EMAIL_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings.dev", **overrides})
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"django.core.mail.backends.{backend}"
