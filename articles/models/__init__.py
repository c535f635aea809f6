"""Models of the articles app, split by what they hold."""

from .article_links import ArticleAuthor, ArticleDeal, ArticleEntity, ArticleSource, ArticleUpdate, RelatedArticle
from .authors import Author
from .checklist import PublishingChecklist
from .pages import ArticlePage, ArticleTag, HomePage, HomeSecondarySlot, SectionPage
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
