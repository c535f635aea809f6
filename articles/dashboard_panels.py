"""The dashboard panels of articles/dashboard.py, as Wagtail home-page components."""

from wagtail.admin.ui.components import Component

from articles import dashboard


class JournalistPanel(Component):
    """« Mon bureau »: write in a rubrique, my drafts, in review, sent back, scheduled, published today."""

    name = "desk_journalist"
    order = 10
    template_name = "articles/dashboard/journalist_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return dashboard.journalist_dashboard(user=self.user)


class EditorPanel(Component):
    """« Rédaction en chef »: to review with the row's actions, scheduled soon, late, published today."""

    name = "desk_editor"
    order = 5
    template_name = "articles/dashboard/editor_panel.html"

    def get_context_data(self, parent_context=None):
        from django.middleware.csrf import get_token

        context = dashboard.editor_dashboard()
        request = (parent_context or {}).get("request")
        # Components render without the request's context processors: the row's forms need the token.
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context
