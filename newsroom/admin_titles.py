"""French typography in the admin's header titles.

Wagtail joins a view's title and subtitle as « Nouveau: Article », « Modifier: Meta », in English
typography and in Python (`WagtailAdminTemplateMixin.get_header_title`), not in a catalogue string
our locale could replace. The header and the browser tab of every create and edit screen show it,
so the join is replaced once here with the French one: a no-break space before the colon.
"""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def french_header_title(self) -> str:
    """« Nouveau : Article » (title, no-break space, colon, subtitle), or the title alone."""
    title = self.get_page_title()
    subtitle = self.get_page_subtitle()
    return f"{title}\u00a0: {subtitle}" if subtitle else title


def install() -> None:
    """Replace Wagtail's English join (from NewsroomConfig.ready)."""
    WagtailAdminTemplateMixin.get_header_title = french_header_title
