"""Admin form data for the page editor, as the browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form(author, **overrides):
    data = {
        "title": 'L\'IA : le "pari" de Meta',
        "slug": "pari-de-meta",
        "kicker": "Intelligence artificielle",
        "chapo": "Meta recrute à prix d'or.",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "body": streamfield(
            [
                ("heading", {"text": "Des acquisitions avortées", "level": "h2"}),
                ("paragraph", rich_text("<p>Un premier paragraphe.</p>")),
            ]
        ),
        "article_authors": inline_formset([{"author": author.pk}]),
        "tags": "Meta, IA générative",
        "entity_links": inline_formset([]),
        "reported_deals": inline_formset([]),
        "sources": inline_formset([]),
        "related_articles": inline_formset([]),
        "updates": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)
