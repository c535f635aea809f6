"""The partner editor's form: sales choose among the rubriques a reader can see, nothing else."""

from wagtail.admin.forms import WagtailAdminModelForm


class PartnerForm(WagtailAdminModelForm):
    """Lists as « rubriques » only live sections outside any view restriction: the Commercial role
    reaches no page title it could not read on the public site (issue 18, finding 7)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sections", "sponsored_sections"):
            sections = self.fields.get(name)
            if sections is not None:
                sections.queryset = sections.queryset.live().public().order_by("path")
        tags = self.fields.get("sponsored_tags")
        if tags is not None:
            tags.queryset = tags.queryset.order_by("name")
