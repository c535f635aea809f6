"""Demo content for `manage.py load_demo`, read from the TOML files of `demo/content/`.

The prose is original, written for Newsroom from the facts of shared/demo-facts.md; it lives in
data files (one per article, in launch order) so that it reads as text, not as Python. A body is
a list of `[[body]]` tables (`type`, `value`), given to the loader as `(type, value)` pairs, the
shape of a StreamField's raw data.
"""

import tomllib
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content"


def _read(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def _article(data: dict) -> dict:
    return {**data, "body": [(block["type"], block["value"]) for block in data["body"]]}


_NEWSROOM = _read(CONTENT / "newsroom.toml")
SECTIONS: list[dict] = _NEWSROOM["sections"]
AUTHORS: list[dict] = _NEWSROOM["authors"]
ARTICLES: list[dict] = [_article(_read(path)) for path in sorted((CONTENT / "articles").glob("*.toml"))]
