"""Issue 22: axe-core on realistic content: one page per public page type, plus every edge page.

The site is tests/realistic_site.py's (generated corpus, admin-published and scheduled articles,
content at the edges), committed for the live server. No serious or critical violation (WCAG 2.2
AA rules) in the light theme, and in the dark one as soon as a stylesheet offers one.
"""

from django.test import override_settings

import pytest

from tests.checkers import ROOT, axe_violations
from tests.realistic_site import build_realistic_site, page_type_urls

STYLESHEETS = ROOT / "static" / "css"


def color_schemes() -> list[str]:
    """Light always; dark too when a stylesheet answers `prefers-color-scheme: dark`."""
    dark = any("prefers-color-scheme: dark" in path.read_text() for path in STYLESHEETS.glob("**/*.css"))
    return ["light", "dark"] if dark else ["light"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_realistic_pages_have_no_serious_accessibility_violation(live_server, new_context):
    site = build_realistic_site(articles=120)
    urls = set(page_type_urls().values())
    urls |= {page.url for page in site.edge.values() if hasattr(page, "url") and page.url}
    urls |= {f"/auteurs/{site.edge['rtl-author'].slug}/", f"/auteurs/{site.edge['one-name-author'].slug}/"}
    urls |= {f"/entites/{site.edge['deal-entity'].slug}/", f"/entites/{site.edge['rtl-entity'].slug}/", "/entites/"}
    urls |= {"/tags/robots/", "/?page=2", "/recherche/?q=intelligence", "/recherche/?q=zzzxqw", "/cette-page-n-existe-pas/"}

    problems = {}
    for scheme in color_schemes():
        # axe is injected as a script: the test browser lifts the strict CSP that would (rightly) block it.
        page = new_context(bypass_csp=True, color_scheme=scheme).new_page()
        for url in sorted(urls):
            page.goto(live_server.url + url)
            violations = axe_violations(page)
            if violations:
                problems[f"{scheme} {url}"] = violations
    assert len(urls) >= 20
    assert not problems, problems
