"""The read API's router: /api/v2/articles/, sections/, entities/, authors/."""

from wagtail.api.v2.router import WagtailAPIRouter

from api.articles import ArticlesAPIViewSet
from api.others import AuthorsAPIViewSet, EntitiesAPIViewSet, SectionsAPIViewSet

api_router = WagtailAPIRouter("newsroom_api")
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("sections", SectionsAPIViewSet)
api_router.register_endpoint("entities", EntitiesAPIViewSet)
api_router.register_endpoint("authors", AuthorsAPIViewSet)
