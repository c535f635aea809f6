"""Guards run before Wagtail's page editor saves anything: incomplete forms and stale saves.

Wired from articles/wagtail_hooks.py through Wagtail's `before_edit_page`, `before_create_page`
`before_copy_page` and `before_move_page` hooks, so they apply to the edit, « revenir à cette version », create and
copy views without replacing them.

- Incomplete form. A StreamField reads its management keys (`body-count`, `body-0-type`…) with
  `request.POST[...]`: a POST without them (a forged request, a truncated upload, a script) made
  Wagtail 8.0.1 answer 500 with `MultiValueDictKeyError`. The copy view reads `new_parent_page`
  the same way. Such requests now get a French 400 before the form is built; nothing is saved.
- Stale save. Wagtail 8 refuses a stale *autosave* (a JSON request) but saves a plain form POST
  whatever happened since the editor was opened, so the second of two editors silently replaced
  the first one's text. A save made from an out-of-date revision is now refused once, with a
  French error and the submitted text kept in the form, its autosave off; saving again replaces
  the newer version knowingly (both stay in the history).
- Move confirmation. Wagtail 8.0.1 renders it on GET for anyone who can open the admin; it now
  needs the same permission as the move itself (`before_move_page`).
"""

from __future__ import annotations

import logging
from functools import cache

from django.http import HttpResponseBadRequest

from wagtail.admin.auth import permission_denied
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.blocks.base import BlockWidget
from wagtail.models import Revision

logger = logging.getLogger(__name__)

INCOMPLETE_FORM_MESSAGE = "Le formulaire reçu est incomplet\u00a0: rien n’a été enregistré. Rechargez la page et recommencez."

STALE_SAVE_MESSAGE = (
    "{who} a enregistré une version plus récente de cette page pendant que vous la modifiiez. "
    "Rien n’a été enregistré\u00a0: votre texte est conservé ci-dessous. Comparez-le avec la dernière version "
    "dans l’historique, puis enregistrez à nouveau pour la remplacer (les deux versions restent dans l’historique)."
)

# Set on a request once the stale-save check has run, so the view it hands over to does not check again.
_CHECKED = "_newsroom_stale_save_checked"


def incomplete_form_response(request, form_class):
    """A French 400 if a POST lacks the keys a StreamField of `form_class` reads without a default, else None."""
    if request.method != "POST":
        return None
    for name, field in form_class.base_fields.items():
        if not isinstance(field.widget, BlockWidget):
            continue
        try:
            field.widget.value_from_datadict(request.POST, request.FILES, name)
        except (KeyError, ValueError, TypeError):
            return HttpResponseBadRequest(INCOMPLETE_FORM_MESSAGE, content_type="text/plain; charset=utf-8")
    return None


def incomplete_copy_response(request):
    """A French 400 for a copy POST without the destination the view reads without a default."""
    if request.method == "POST" and not request.POST.get("new_parent_page"):
        return HttpResponseBadRequest(INCOMPLETE_FORM_MESSAGE, content_type="text/plain; charset=utf-8")
    return None


def move_permission_response(request, page, destination):
    """Wagtail 8's move confirmation page checks nothing on GET: any admin user (the sales team
    included) could read a draft's title and its destination. Ask the same question the POST does."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


def is_out_of_date(post, latest) -> bool:
    """Whether a submitted editor was loaded from an older revision than `latest` ((id, created_at) or None).

    The same rule as Wagtail's own check for autosave (EditView.is_out_of_date): the client's
    autosave revision if it made one, else the revision it loaded and that revision's timestamp
    (an autosave by someone else rewrites a revision in place and moves its timestamp). A POST
    without these fields (an old client, a script) is not judged.
    """
    if latest is None:
        return False
    latest_id, latest_created_at = str(latest[0]), latest[1].isoformat()
    if overwrite_id := post.get("overwrite_revision_id"):
        return overwrite_id != latest_id
    if loaded_id := post.get("loaded_revision_id"):
        return loaded_id != latest_id or post.get("loaded_revision_created_at", "") != latest_created_at
    return False


def stale_save_response(request, page):
    """Hand a stale page save over to the same view, told to refuse it with a French error; else None."""
    if request.method != "POST" or getattr(request, _CHECKED, False) or not request.accepts("text/html"):
        # JSON means autosave, which Wagtail already refuses when out of date.
        return None
    # Three columns rather than the revision object the view loads again anyway.
    latest = Revision.objects.filter(pk=page.latest_revision_id).values_list("pk", "created_at", "user_id").first()
    # A newer revision of one's own (an autosave that landed just before « Soumettre », another tab
    # of the same person) overwrites nobody: only a colleague's newer version is worth a refusal.
    if latest is not None and latest[2] == request.user.pk:
        return None
    if not is_out_of_date(request.POST, latest):
        return None
    setattr(request, _CHECKED, True)
    # The view Wagtail routed to (`edit` or `revisions_revert`, from the page type's viewset),
    # rebuilt with the refusing mixin and the viewset's own arguments.
    match = request.resolver_match
    viewset = page_viewset_registry.get_by_page_id(page.pk)
    view_class = getattr(viewset, f"{match.url_name}_view_class")
    return viewset.construct_view(_refusing(view_class))(request, **match.kwargs)


def _who(revision) -> str:
    user = revision.user if revision else None
    if user is None:
        return "Quelqu’un"
    return user.get_full_name() or user.get_username()


class RefuseStaleSaveMixin:
    """For Wagtail's page edit views: answer the POST with the form as submitted plus a French
    error, instead of saving over a newer revision."""

    def post(self, request, *args, **kwargs):
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        # Validate first: add_error needs cleaned_data, and the editor sees their other errors too.
        self.form.is_valid()
        self.form.add_error(None, STALE_SAVE_MESSAGE.format(who=_who(self.latest_revision)))
        # The form comes back carrying the newer revision, so that saving again overwrites it on
        # purpose: its autosave would do so on its own a second later, unasked.
        self.autosave_enabled = False
        return self.form_invalid(self.form)


@cache
def _refusing(view_class):
    return type(f"RefuseStale{view_class.__name__}", (RefuseStaleSaveMixin, view_class), {})


class IncompleteAdminPostMiddleware:
    """Turn what an incomplete admin form makes a Wagtail view raise into a French 400.

    Some Wagtail 8.0.1 views read POST keys without a default and fail on a form that lacks them
    (the external-link chooser, the snippet choosers' « create », redirect import, documents made
    from a multiple upload: AttributeError, KeyError, ValueError), where no hook can step in. Those
    exceptions, on an admin POST only, get the same answer as the guards above; they are still
    logged with their traceback and request id, so a real bug is reported, not hidden.
    """

    REFUSED = (AttributeError, KeyError, TypeError, ValueError)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path.startswith("/admin/") or not isinstance(exception, self.REFUSED):
            return None
        logger.error("Admin POST refused as incomplete: %s %s", request.method, request.path, exc_info=exception)
        return HttpResponseBadRequest(INCOMPLETE_FORM_MESSAGE, content_type="text/plain; charset=utf-8")
