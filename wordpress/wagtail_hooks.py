"""WordPress's `/?p=<id>` addresses answer a 301 to the imported article.

Wagtail's redirects match a path with its query string (`Redirect.normalise_path` keeps the sorted
query, and the import stores `/?p=123`), but its middleware only looks for a redirect when the
response is a 404, and `/?p=123` is the home page, which answers 200. This hook runs when the home
page is about to be served: with a `p` or `page_id` parameter, it looks the redirect up (one
query, only for such requests) and answers with it.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

WORDPRESS_ID_PARAMETERS = ("p", "page_id")


@hooks.register("before_serve_page")
def redirect_wordpress_ids(page, request, serve_args, serve_kwargs):
    """The redirect of `/?p=<id>` or `/?page_id=<id>`, when the import made one."""
    if page.depth != 2 or request.method not in ("GET", "HEAD"):
        return None
    parameter = next((name for name in WORDPRESS_ID_PARAMETERS if request.GET.get(name, "").isdigit()), None)
    site = Site.find_for_request(request)
    # The site's root itself, not one of its routes (/auteurs/…/?p=2 is no WordPress address).
    if parameter is None or site is None or site.root_page_id != page.pk or request.path != "/":
        return None
    old_path = f"/?{parameter}={request.GET[parameter]}"
    redirect = Redirect.get_for_site(site).filter(old_path=old_path).select_related("redirect_page").first()
    if redirect is None or redirect.link is None:
        return None
    response_class = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
    return response_class(redirect.link)
