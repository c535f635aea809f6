"""The floors of docs/architecture.md, read from the source: who may import whom."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("newsroom", "articles", "entities", "partners", "demo")


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports (at any depth: a local import is still an arrow)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(APPS)


def modules(app: str, *, skip=()) -> list[Path]:
    return [path for path in sorted((ROOT / app).rglob("*.py")) if not any(part in skip for part in path.relative_to(ROOT / app).parts)]


@pytest.mark.parametrize("path", modules("newsroom", skip=("settings", "urls.py")), ids=lambda path: str(path.relative_to(ROOT)))
def test_newsroom_imports_no_app(path):
    assert imported_apps(path) <= {"newsroom"}


PAGE_TYPE_NAMES = ("articles.", "articles_", "ArticlePage", "SectionPage", "HomePage", "articlepage", "sectionpage")


@pytest.mark.parametrize("path", modules("entities") + modules("partners"), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_knowledge_base_and_sales_know_no_page_type_not_even_by_a_string(path):
    assert imported_apps(path) <= {"newsroom", path.relative_to(ROOT).parts[0]}
    source = path.read_text()
    assert not [name for name in PAGE_TYPE_NAMES if name in source]
    if "migrations" in path.parts:
        assert '"articles"' not in source and "'articles'" not in source
