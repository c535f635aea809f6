"""Every create screen of our models, walked in Chromium as the rédaction en chef: no « un(e) »,
« Ce(tte) », « Le(la) » nor « créé(e) » left anywhere a person reads (issue 14)."""

import re

from wagtail.snippets.models import get_snippet_models

import pytest

from demo import factories

PROJECT_APPS = ("articles", "entities", "partners", "planning", "pages", "newsroom", "live", "audience")
INCLUSIVE = re.compile(r"\w\((?:e|la|tte|le|s|es)\)", re.IGNORECASE)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_gender_guess_on_create_screens(new_context, live_server, log_in, superuser):
    section = factories.make_section(title="Business")
    urls = [
        f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/add/"
        for model in get_snippet_models()
        if model._meta.app_label in PROJECT_APPS
    ]
    urls += [f"/admin/pages/add/articles/articlepage/{section.pk}/", f"/admin/pages/{section.get_parent().pk}/add_subpage/"]
    page = new_context().new_page()
    log_in(page, "admin")
    found = {}
    for url in urls:
        page.goto(f"{live_server.url}{url}", wait_until="domcontentloaded", timeout=90_000)
        text = page.locator("body").inner_text()
        if hits := sorted(set(INCLUSIVE.findall(text))):
            found[url] = hits
    assert len(urls) >= 6
    assert found == {}
