"""The entity edit form's POST data, as Wagtail's snippet editor sends it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data


def entity_form(**overrides):
    """An organisation « Scale AI » with no roles, deals or group links; `overrides` replace fields
    (`deals=inline_formset([...])` and the like)."""
    data = {
        "name": "Scale AI",
        "kind": "entreprise",
        "slug": "scale-ai",
        "aliases": "ScaleAI\nScale",
        "description": "",
        "image_alt": "",
        "website": "",
        "wikidata_id": "",
        "tags": "",
        "roles": inline_formset([]),
        "deals": inline_formset([]),
        "subsidiary_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
