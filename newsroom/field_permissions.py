"""Field-level rules that hold on every path that writes a revision, not only in the edit form.

A `FieldPanel("sponsor", permission="articles.set_sponsor")` hides the field from the editor of a
user without the permission, but the form then keeps whatever the instance it was built from holds.
Reverting (`/admin/pages/<id>/revisions/<rev>/revert/`) builds it from an older revision, so a
journalist's « Remplacer le brouillon actuel » brought back, or removed, an older sponsor (issue 18,
finding 2). The rule is therefore enforced where every path meets, `save_revision(user=…)`: each
field a panel reserves to a permission the user lacks keeps the value of the page's latest revision
(edit, revert, autosave, workflow submission, alias conversion, any script passing its user).
Copies drop these fields (`exclude_fields_in_copy`), so a copy never carries a value its maker could
not have set; whoever holds the permission sets it again on the copy.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


def _permission_fields(panel, found: dict[str, str]) -> dict[str, str]:
    if isinstance(panel, FieldPanel) and getattr(panel, "permission", None):
        found[panel.field_name] = panel.permission
    for child in getattr(panel, "children", ()):
        _permission_fields(child, found)
    return found


def permission_fields(model) -> dict[str, str]:
    """{field name: permission} of every panel of `model`'s editor reserved to a permission."""
    return _permission_fields(model.get_edit_handler(), {})


class FieldPermissionsMixin:
    """For page models: fields whose panel needs a permission keep their value when a user without
    it saves a revision, by whatever path (see the module docstring)."""

    def save_revision(self, user=None, *args, **kwargs):
        """Wagtail's save_revision, after restoring the fields `user` may not change."""
        if user is not None:
            self.restore_reserved_fields(user)
        return super().save_revision(user, *args, **kwargs)

    def restore_reserved_fields(self, user) -> list[str]:
        """Put back, from the latest revision (or the defaults of a new page), every reserved field
        `user` lacks the permission for; return their names."""
        denied = [name for name, permission in permission_fields(type(self)).items() if not user.has_perm(permission)]
        if not denied:
            return []
        base = None
        if self.pk is not None:
            stored = Page.objects.filter(pk=self.pk).first()
            base = stored.specific.get_latest_revision_as_object() if stored is not None else None
        for name in denied:
            field = self._meta.get_field(name)
            value = getattr(base, field.attname) if base is not None else field.get_default()
            setattr(self, field.attname, value)
            self._state.fields_cache.pop(name, None)  # a related object loaded for the old value
        return denied
