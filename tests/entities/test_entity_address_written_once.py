"""The entity addresses are written in one place (entities/public_paths.py): no template spells
`/entites/` by hand, they ask `{% entity_index_path %}` or `entity.get_url_path`."""

from pathlib import Path

from django.template import Context, Template

from entities.public_paths import ENTITY_INDEX_PATH

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_writes_the_entity_address():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if f'"{ENTITY_INDEX_PATH}' in path.read_text() or f"}}{ENTITY_INDEX_PATH}" in path.read_text()
    ]
    assert offenders == []


def test_the_tag_gives_the_index_address():
    assert Template("{% load entity_urls %}{% entity_index_path %}").render(Context()) == ENTITY_INDEX_PATH == "/entites/"
