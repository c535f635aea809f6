"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `browser`, so `pytest -m "not browser"` skips them. Screenshots
are test artefacts: they go to test-artifacts/screenshots/ (git-ignored), so a CI job can keep them.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API drives the browser from an asyncio event loop that it runs in the test's
# own thread. Django sees that running loop and refuses every ORM call made from that thread
# (SynchronousOnlyOperation), although the calls are plain synchronous code: the fixtures and the
# assertions query the database between two browser steps, never from inside a coroutine. Allowing
# "async-unsafe" calls is therefore safe here, and it is limited to the browser tests' process.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_TESTS = Path(__file__).resolve().parent
SCREENSHOTS = BROWSER_TESTS.parent.parent / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous for a loaded CI machine, far below pytest's patience: a broken locator fails in seconds.
ACTION_TIMEOUT_MS = 15_000
expect.set_options(timeout=10_000)

TEST_PASSWORD = "motdepasse-de-test"  # the password of the users made by tests/conftest.py


def pytest_collection_modifyitems(config, items):
    """Mark every test of tests/browser/ as `browser` (this hook sees the whole session's items)."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so `new_context` knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections

    # Playwright runs an asyncio loop in the test thread, and Django then hands out a second,
    # context-local set of connections that lack the migration data serialised at set-up: copy
    # it over, or `serialized_rollback` restores nothing and later tests find an empty database.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, request):
    """Open a fresh browser context (cookies, storage): one per person taking part in a test.

    Contexts are closed after the test; when it failed, every open page is saved as a screenshot
    named after the test, to see where it stopped.
    """
    contexts = []

    def open_context(**options):
        # A test may ask for another viewport (a 390 px phone) or colour scheme.
        options = {"viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", **options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context

    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    for number, context in enumerate(contexts, start=1):
        if failed:
            for page_number, page in enumerate(context.pages, start=1):
                name = f"FAILED-{_slug(request.node.name)}-{number}-{page_number}.png"
                # A page that cannot be captured (crashed, closed) must not hide the real failure.
                with contextlib.suppress(PlaywrightError):
                    page.screenshot(path=str(screenshot_path(name)), full_page=True)
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


@pytest.fixture
def screenshot():
    """`screenshot(page, "name.png")`: see save_screenshot."""
    return save_screenshot


@pytest.fixture
def log_in(live_server):
    """`log_in(page, username)`: sign in on the live server through the real login form."""

    def sign_in(page, username: str, password: str = TEST_PASSWORD):
        _log_in(page, live_server.url, username, password)

    return sign_in


def save_screenshot(page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/screenshots/, once every image has loaded.

    Lazy images below the fold would be blank: they are switched to eager loading, the page is
    scrolled to the bottom and back, and the screenshot waits for each image to finish loading.
    """
    page.evaluate(
        """async () => {
            for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = "eager";
            window.scrollTo(0, document.body.scrollHeight);
            const loads = [...document.images].filter((img) => !img.complete).map(
                (img) => new Promise((resolve) => { img.onload = img.onerror = resolve; })
            );
            await Promise.race([Promise.all(loads), new Promise((resolve) => setTimeout(resolve, 5000))]);
            window.scrollTo(0, 0);
        }"""
    )
    path = screenshot_path(name)
    page.screenshot(path=str(path), full_page=True)
    return path


def _log_in(page, base_url: str, username: str, password: str):
    """Sign in through Wagtail's real login form, as a person would."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    # Wagtail 8.0.1's LoginForm redeclares `password` without a label, so Django shows the
    # untranslated field name « Password »: reach the field by its (translated) placeholder.
    page.get_by_placeholder("Entrez un mot de passe").fill(password)
    page.get_by_role("button", name="S'identifier").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120]
