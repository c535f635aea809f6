"""Sales run partners on their own: a « Partenaires » image collection and the Commercial group's rights.

Commercial may add, edit and view partners (archiving replaces deleting, so click history stays)
and add, edit and choose images in « Partenaires » only. It gets no page, entity, user or other
collection permission. The Rédaction en chef may view partners, to choose an article's sponsor.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COLLECTION = "Partenaires"
SALES = "Commercial"
EDITORS = "Rédaction en chef"
MODEL_GRANTS = {
    SALES: ["add_partner", "change_partner", "view_partner"],
    EDITORS: ["view_partner"],
}
COLLECTION_GRANTS = {SALES: ["add_image", "change_image", "choose_image"]}


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out or "0"


def partner_collection(apps):
    """The « Partenaires » collection under the root, made by hand: treebeard's API is absent here."""
    Collection = apps.get_model("wagtailcore.Collection")
    root = Collection.objects.get(depth=1)
    existing = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if existing is not None:
        return existing
    last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    next_index = int(last.path[-4:], 36) + 1 if last else 1
    collection = Collection.objects.create(name=COLLECTION, depth=2, path=root.path + _base36(next_index).rjust(4, "0"), numchild=0)
    root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])
    return collection


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    collection = partner_collection(apps)
    for group_name, codenames in MODEL_GRANTS.items():
        # The group is made here if this runs before the editorial set-up (which also get_or_creates it):
        # the knowledge base and sales depend on no feature app, not even by a migration.
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="partners", codename__in=codenames))
    for group_name, codenames in COLLECTION_GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for permission in Permission.objects.filter(content_type__app_label="wagtailimages", codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=MODEL_GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="partners"))
    apps.get_model("wagtailcore.GroupCollectionPermission").objects.filter(group__name=SALES, collection__name=COLLECTION).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
