"""Users who may touch no page get no page chooser and no admin page API (issue 18, finding 7).

Wagtail's page chooser (`/admin/choose-page/…`: browse, search, chosen) is open to anyone who may
enter the admin, and shows every page's title, drafts included: the Commercial role, which edits no
page, read there the titles of never-published articles. It has no use for a page chooser (partners
target rubriques with their own checkboxes), so a user with no page permission at all, in no group,
is refused both the chooser and the admin API's page endpoints, as Wagtail refuses any other
forbidden admin view (403). Editors, journalists and superusers are unaffected.
"""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import GroupPagePermission

GUARDED_URL_NAMES = ("wagtailadmin_choose_page", "wagtailadmin_api:pages:listing")


def may_use_pages(user) -> bool:
    """Whether `user` holds any page permission (through a group), or is a superuser."""
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(group__user=user).exists()


class PageChooserAccessMiddleware:
    """Refuse the page chooser and the admin page API to signed-in users without page permissions."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def guarded_prefixes(self) -> tuple[str, ...]:
        return tuple(reverse(name) for name in GUARDED_URL_NAMES)

    def __call__(self, request):
        if request.path_info.startswith(self.guarded_prefixes):
            user = request.user
            if user.is_authenticated and not may_use_pages(user):
                raise PermissionDenied
        return self.get_response(request)
