"""Models of the articles app, split by what they hold."""

from .authors import Author
from .pages import ArticleAuthor, ArticlePage, ArticleTag, ArticleUpdate, HomePage, RelatedArticle, SectionPage

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "ArticleUpdate",
    "Author",
    "HomePage",
    "RelatedArticle",
    "SectionPage",
]
