"""For data migrations of feature apps: grant an app's model permissions to the role groups.

Groups are data, made by migrations (`get_or_create`: whichever app's migration runs first makes
the group). Django creates permissions after the last migration, so they are created here first.
"""

from django.contrib.auth.management import create_permissions


def grant(apps, app_label: str, grants: dict[str, tuple[str, ...]]) -> None:
    """Give each group (by name) the listed permission codenames of `app_label`."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def revoke(apps, app_label: str, grants: dict[str, tuple[str, ...]]) -> None:
    """Undo `grant` (the groups stay)."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in grants.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
