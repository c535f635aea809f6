"""Give a new slug to any page directly under a site's home page whose slug is a fixed route.

The demo's « Recherche » rubrique sat at `/recherche/`, the address of the search page, so
nobody could reach it. From now on such a slug is refused (newsroom/reserved_paths.py); this
migration moves the pages that already hold one: `recherche` becomes `recherche-ia`, any other
reserved slug gets `-rubrique`. Their articles move with them (the tree's url_path), every
revision carries the new slug (republishing an old one must not bring the clash back), and the
former addresses of the articles redirect permanently to the pages (bookmarks, search engines).

Written against Wagtail's core models only, so that it names no page type; the list is the
routes of this release, frozen as a migration must be.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

RESERVED = {
    "admin", "api", "documents", "health", "partenaires", "flux", "recherche", "sitemap.xml",
    "sitemap-news.xml", "robots.txt", "media", "static", "auteurs", "entites", "tags",
}  # fmt: skip
RENAMES = {"recherche": "recherche-ia"}


def rename_reserved(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()

    for site in Site.objects.all():
        root = Page.objects.filter(pk=site.root_page_id).first()
        if root is None:
            continue
        children = Page.objects.filter(path__startswith=root.path, depth=root.depth + 1)
        taken = set(children.values_list("slug", flat=True))
        for page in children.filter(slug__in=RESERVED):
            new_slug = RENAMES.get(page.slug, f"{page.slug}-rubrique")
            while new_slug in taken:
                new_slug += "-1"
            taken.add(new_slug)
            old_prefix = page.url_path
            new_prefix = old_prefix[: -len(page.slug) - 1] + new_slug + "/"
            # Former addresses of live descendants (site-relative), for the redirects below.
            root_prefix = root.url_path
            moved = list(
                Page.objects.filter(path__startswith=page.path, depth__gt=page.depth, live=True).values_list("pk", "url_path")
            )
            Page.objects.filter(path__startswith=page.path).update(
                url_path=Concat(Value(new_prefix), Substr("url_path", len(old_prefix) + 1))
            )
            Page.objects.filter(pk=page.pk).update(slug=new_slug)
            if page_type is not None:
                for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk)):
                    revision.content["slug"] = new_slug
                    revision.content["url_path"] = new_prefix
                    revision.save(update_fields=["content"])
            for pk, url_path in moved:
                old_path = "/" + url_path[len(root_prefix) :].strip("/")
                if not Redirect.objects.filter(old_path=old_path, site=site).exists():
                    Redirect.objects.create(old_path=old_path, site=site, redirect_page_id=pk, is_permanent=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rename_reserved, migrations.RunPython.noop)]
