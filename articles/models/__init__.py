"""Models of the articles app, split by what they hold."""

from .authors import Author
from .checklist import PublishingChecklist
from .pages import (
    ArticleAuthor,
    ArticleDeal,
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
from .related import RelatedRanking
from .search import ArticleSearchDocument

__all__ = [
    "ArticleAuthor",
    "ArticleDeal",
    "ArticleEntity",
    "ArticlePage",
    "ArticleSearchDocument",
    "ArticleSource",
    "ArticleTag",
    "ArticleUpdate",
    "Author",
    "HomePage",
    "HomeSecondarySlot",
    "PublishingChecklist",
    "RelatedArticle",
    "RelatedRanking",
    "SectionPage",
]
