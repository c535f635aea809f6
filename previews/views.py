"""The public side of a preview link: `/apercu/<token>/` shows the page's latest version.

Never cached anywhere: `Cache-Control: private, no-store` (the page cache and Varnish store only
`public` answers; both also skip `/apercu/` by path), `noindex` by header and meta tag.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from previews import services


def _unavailable(request, reason, status):
    return render(request, "previews/unavailable.html", {"reason": reason}, status=status)


def _private(response):
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def preview_view(request, token):
    """Serve the latest revision of the link's page to whoever holds the link, logged in or not."""
    link = services.link_for_token(token)
    if link is None:
        return _private(_unavailable(request, "Ce lien de prévisualisation n’existe pas.", 404))
    if link.revoked_at is not None:
        return _private(_unavailable(request, "Ce lien de prévisualisation a été révoqué.", 410))
    if not link.is_active():
        return _private(_unavailable(request, "Ce lien de prévisualisation a expiré.", 410))
    page = link.page.specific.get_latest_revision_as_object()
    if services.is_embargoed(page) and not link.allow_embargoed:
        return _private(_unavailable(request, "Cet article est sous embargo : il ne peut pas être prévisualisé par ce lien.", 410))
    services.link_record_use(link)
    # serve_preview on this very request, not make_preview_request: that one replays the middleware
    # chain on the page's public path, where the page cache would answer with the live version.
    request.is_preview = True
    request.preview_mode = page.default_preview_mode
    response = page.serve_preview(request, page.default_preview_mode)
    if hasattr(response, "render"):
        response = response.render()
    return _private(response)
