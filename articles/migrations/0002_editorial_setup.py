"""Every deployment gets the same editorial set-up: the home page, the three roles and « Relecture ».

Groups and their permissions are data, so they come from a migration rather than from a fixture or
a manual step: a fresh database is ready for journalists as soon as `migrate` has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALISTS = "Journalistes"
EDITORS = "Rédaction en chef"
SALES = "Commercial"

PAGE_PERMISSIONS = {
    # « add » lets a journalist create articles and edit their own drafts; « change » lets them
    # work on a colleague's. Publishing is kept for the Rédaction en chef.
    JOURNALISTS: ["add_page", "change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
COLLECTION_PERMISSIONS = {
    JOURNALISTS: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image"), ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")],
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
MODEL_PERMISSIONS = {
    JOURNALISTS: [("wagtailadmin", "access_admin"), ("articles", "view_author")],
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("articles", "add_author"),
        ("articles", "change_author"),
        ("articles", "delete_author"),
        ("articles", "view_author"),
        ("newsroom", "change_siteidentity"),
    ],
    SALES: [("wagtailadmin", "access_admin")],
}


def ensure_permissions_exist(apps):
    # Django creates permissions after the last migration; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_home_page(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("articles.HomePage")

    root = Page.objects.get(depth=1)
    # Wagtail's placeholder « Welcome » page (and the default site pointing at it) goes away.
    placeholder_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(depth=2, content_type=placeholder_type, slug="home").delete()
    if HomePage.objects.exists():
        return HomePage.objects.get()
    home_type, _ = ContentType.objects.get_or_create(app_label="articles", model="homepage")
    siblings = Page.objects.filter(depth=2).order_by("-path")
    last = siblings.first()
    next_index = int(last.path[-4:], 36) + 1 if last else 1
    path = root.path + _base36(next_index).rjust(4, "0")
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale_id=root.locale_id,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, site_name="Newsroom", root_page_id=home.pk, is_default_site=True)
    # Created here rather than lazily on the first reader's request, which would write to the
    # database in the middle of a GET.
    apps.get_model("newsroom.SiteIdentity").objects.get_or_create(site_id=site.pk)
    return home


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out or "0"


def create_groups(apps, home):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (JOURNALISTS, EDITORS, SALES):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in MODEL_PERMISSIONS.get(name, []):
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        for codename in PAGE_PERMISSIONS.get(name, []):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=home.pk, permission=permission)
        for app_label, codename in COLLECTION_PERMISSIONS.get(name, []):
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=permission)
    # Wagtail's generic « Editors » and « Moderators » would grant more than our roles allow.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    return groups


def create_workflow(apps, home, editors):
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    # The default « Moderators approval » workflow on the root would shadow nothing we want.
    WorkflowPage.objects.filter(page__depth=1).delete()
    Workflow.objects.exclude(name="Relecture").update(active=False)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Validation par la rédaction en chef", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name="Relecture", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


def forwards(apps, schema_editor):
    ensure_permissions_exist(apps)
    home = create_home_page(apps)
    groups = create_groups(apps, home)
    create_workflow(apps, home, groups[EDITORS])


def backwards(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[JOURNALISTS, EDITORS, SALES]).delete()
    apps.get_model("wagtailcore.Workflow").objects.filter(name="Relecture").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("newsroom", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
