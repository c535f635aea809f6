"""Issue 22: the external checks on realistic content, not only on the tidy demo.

One site is built for the module (tests/realistic_site.py: a generated corpus, articles published
the admin's way and by the scheduler, content at the edges) inside a transaction rolled back at
the end. Every public URL is fetched once; then the Nu HTML Checker (one Java run over every
page), feedparser on every feed, the JSON-LD rules and the machine-date rules read the answers.
axe-core runs on the same kind of site in tests/browser/test_accessibility_on_realistic_content.py.
"""

from django.db import transaction
from django.test import Client

import pytest

from tests import checkers
from tests.realistic_site import build_realistic_site, public_urls, uncovered_routes

pytestmark = pytest.mark.django_db

CANARY = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Canari</title></head>'
    '<body><time datetime="2026-12-04T15:09:42.201657+01:00">4 décembre</time></body></html>'
)
# Answers that are meant to be « page introuvable ».
NOT_FOUND = {"not-found"}


@pytest.fixture(scope="module")
def fetched(django_db_setup, django_db_blocker):
    """The realistic site and every public answer, {name: (url, response)}; rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            site = build_realistic_site()
            client = Client()
            urls = public_urls(site)
            answers = {name: (url, client.get(url)) for name, url in urls.items()}
            yield site, answers
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def content_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0]


def html_answers(answers):
    """The HTML documents among the answers. A bodiless answer (the read beacon's 405 to a GET) is
    labelled text/html by Django but is no document to validate."""
    return {
        name: (url, response) for name, (url, response) in answers.items() if content_type(response) == "text/html" and response.content
    }


def test_every_public_url_answers(fetched):
    _site, answers = fetched

    # Parameterless routes found in the URL map (what other apps add: an API root, a form that
    # wants a POST…) may answer anything but a server error; the pages listed by name answer 200.
    wrong = {
        url: response.status_code
        for name, (url, response) in answers.items()
        if (response.status_code >= 500 if name.startswith("route:") else response.status_code != (404 if name in NOT_FOUND else 200))
    }

    assert wrong == {}


def test_every_page_type_and_public_route_is_visited(fetched):
    site, answers = fetched

    types = {name.split(":", 1)[1] for name in answers if name.startswith("type:")}

    assert {"articles.homepage", "articles.sectionpage", "articles.articlepage"} <= types
    assert uncovered_routes([url for url, _ in answers.values()]) == [], "a public view no check visits: add it to tests/realistic_site.py"
    assert len(site.corpus_article_ids) == 300 and len(site.scheduled_ids) == 4
    assert len(html_answers(answers)) >= 50


def test_every_page_is_valid_html_for_the_nu_html_checker(fetched, tmp_path):
    _site, answers = fetched
    files = []
    for name, (_url, response) in html_answers(answers).items():
        path = tmp_path / (name.replace(":", "__").replace("/", "_") + ".html")
        path.write_bytes(response.content)
        files.append(path)
    # A canary with the bug of issue 22, in the same Java run: proves the checker reads our files.
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY)

    errors = checkers.vnu_errors([*files, canary])

    assert [error for error in errors if error.startswith("canary.html")], "the Nu HTML Checker did not read the files"
    errors = [error for error in errors if not error.startswith("canary.html")]
    assert errors == [], "\n".join(errors)


def test_every_json_ld_block_and_machine_date_of_every_page(fetched):
    _site, answers = fetched

    problems = []
    for url, response in html_answers(answers).values():
        problems += checkers.page_problems(response.content.decode(), url)

    assert problems == [], "\n".join(problems)


def test_every_feed_parses_without_bozo(fetched):
    _site, answers = fetched
    feeds = {url: response for url, response in answers.values() if content_type(response) in checkers.FEED_TYPES}

    problems = [problem for url, response in feeds.items() for problem in checkers.feed_problems(response.content, url)]

    assert len(feeds) >= 20
    assert problems == [], "\n".join(problems)


def test_every_sitemap_parses_with_machine_dates(fetched):
    _site, answers = fetched
    sitemaps = {url: response for url, response in answers.values() if url.startswith("/sitemap")}

    problems = [problem for url, response in sitemaps.items() for problem in checkers.sitemap_problems(response.content, url)]

    assert len(sitemaps) >= 7
    assert problems == [], "\n".join(problems)
