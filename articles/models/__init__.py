"""Models of the articles app, split by what they hold."""

from .authors import Author
from .pages import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleSource,
    ArticleTag,
    ArticleUpdate,
    HomePage,
    HomeSecondarySlot,
    RelatedArticle,
    SectionPage,
)

__all__ = [
    "ArticleAuthor",
    "ArticleEntity",
    "ArticlePage",
    "ArticleSource",
    "ArticleTag",
    "ArticleUpdate",
    "Author",
    "HomePage",
    "HomeSecondarySlot",
    "RelatedArticle",
    "SectionPage",
]
