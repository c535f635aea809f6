"""Models of the articles app, split by what they hold."""

from .authors import Author
from .checklist import PublishingChecklist
from .pages import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleSource,
    ArticleTag,
    ArticleUpdate,
    HomePage,
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
    "PublishingChecklist",
    "RelatedArticle",
    "SectionPage",
]
