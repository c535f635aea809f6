"""Write a `PostPlan`: the page, its revision, its status and its redirects, the way editors do.

Pages are created as the rest of the code creates them (demo/factories.py, demo/loader.py): added
to the tree as drafts, their relations set, then a revision saved and published, so that every
signal runs (search index, renditions, exact cache purges after the commit). The original dates
are written back after publication. The caller wraps each post in a transaction.
"""

import json

from django.utils import timezone
from django.utils.html import escape

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import CharBlock, RichTextBlock
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleAuthor, ArticleEntity

REDIRECT_STATUSES = {"live", "scheduled", "private"}


def fill_article(page, plan, *, authors, link_entities: bool) -> None:
    """Set an article's fields and relations from the plan (slug and rubrique stay as they are)."""
    page.title = plan.title
    page.chapo = plan.chapo
    page.body = json.dumps(plan.body)
    if plan.hero is not None:
        page.hero_image, page.hero_alt, page.hero_caption = plan.hero
    else:
        page.hero_image, page.hero_alt, page.hero_caption = None, "", ""
    page.article_authors.set([ArticleAuthor(author=author) for author in authors])
    page.tags.set(plan.tags)
    if link_entities:
        link_mentioned_entities(page)


def link_mentioned_entities(page) -> None:
    """Link, as « mentionnée », every known entity the article's text names and it does not link yet."""
    from entities.mentions import find_mentions

    text = "\n\n".join([page.title, page.chapo, *page.body_texts(with_captions=True)])
    linked = {link.entity_id for link in page.entity_links.all()}
    links = list(page.entity_links.all())
    for mention in find_mentions(text):
        if mention.entity.pk not in linked:
            linked.add(mention.entity.pk)
            links.append(ArticleEntity(entity=mention.entity, prominence=ArticleEntity.Prominence.MENTION))
    page.entity_links.set(links)


def fill_simple_page(page, plan) -> list[str]:
    """Set what a simple page has of an article's fields; returns the notes of what it lacks."""
    notes = []
    page.title = plan.title
    fields = {field.name: field for field in page._meta.get_fields()}
    for name in ("intro", "chapo", "lead", "summary"):
        if name in fields:
            setattr(page, name, plan.chapo[: getattr(fields[name], "max_length", None) or None])
            break
    if "last_updated" in fields:
        page.last_updated = timezone.localdate(plan.modified_at)
    body = fields.get("body")
    if isinstance(body, StreamField):
        page.body = json.dumps(simple_stream(body.stream_block, plan.body, notes))
    elif isinstance(body, RichTextField):
        page.body = "".join(_block_html(block) for block in plan.body)
        notes.append("Corps réduit à du texte enrichi (images et contenus intégrés retirés).")
    return notes


def simple_stream(stream_block, blocks: list[dict], notes: list[str]) -> list[dict]:
    """An article's blocks in another page type's stream: same-named blocks kept, text in its rich-text
    block (with that block's own features), headings in its heading block, the rest dropped (noted)."""
    children = stream_block.child_blocks
    rich = next((name for name, child in children.items() if isinstance(child, RichTextBlock)), None)
    heading = next((name for name, child in children.items() if isinstance(child, CharBlock)), None)
    converter = ContentstateConverter(children[rich].features) if rich else None
    result, dropped = [], set()
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind in children:
            result.append(block)
        elif kind == "paragraph" and rich:
            result.append({"type": rich, "value": converter.to_database_format(converter.from_database_format(value))})
        elif kind == "heading" and heading:
            result.append({"type": heading, "value": value["text"]})
        elif kind == "quote" and rich:
            attribution = f" — {escape(value['attribution'])}" if value["attribution"] else ""
            result.append({"type": rich, "value": f"<p>«\u00a0{escape(value['quote'])}\u00a0»{attribution}</p>"})
            notes.append("Citation d’une page convertie en paragraphe.")
        else:
            dropped.add(kind)
    if dropped:
        notes.append("Blocs sans équivalent dans une page simple supprimés : " + ", ".join(sorted(dropped)) + ".")
    merged = []
    for block in result:
        if merged and block["type"] == rich and merged[-1]["type"] == rich:
            merged[-1] = {"type": rich, "value": merged[-1]["value"] + block["value"]}
        else:
            merged.append(block)
    return merged


def _block_html(block) -> str:
    value = block["value"]
    if block["type"] == "paragraph":
        return value
    if block["type"] == "heading":
        return f"<{value['level']}>{escape(value['text'])}</{value['level']}>"
    if block["type"] == "quote":
        return f"<p>{escape(value['quote'])}</p>"
    return ""


def apply_status(page, plan, *, is_new: bool, notes: list[str]) -> None:
    """Save a revision and give it the plan's status: live, scheduled, login-restricted or draft."""
    sync_restrictions(page, plan)
    page.go_live_at = plan.published_at if plan.status == "scheduled" else None
    revision = page.save_revision(changed=not is_new, clean=True)
    if plan.status == "draft":
        if page.live:
            page.unpublish()
            notes.append("Repassé en brouillon dans WordPress : dépublié.")
        return
    revision.publish()
    if plan.status == "scheduled":
        return
    first = plan.published_at if is_new else None
    updates = {"last_published_at": plan.modified_at, "latest_revision_created_at": plan.modified_at}
    if first is not None:
        updates["first_published_at"] = first
    Page.objects.filter(pk=page.pk).update(**updates)
    type(revision).objects.filter(pk=revision.pk).update(created_at=plan.modified_at)


def sync_restrictions(page, plan) -> None:
    """Private posts need a login, password-protected ones their password; the others are public."""
    wanted = None
    if plan.status == "private":
        wanted = (PageViewRestriction.LOGIN, "")
    elif plan.password:
        wanted = (PageViewRestriction.PASSWORD, plan.password)
    current = list(PageViewRestriction.objects.filter(page=page))
    if wanted is None:
        for restriction in current:
            restriction.delete()
        return
    if any((r.restriction_type, r.password or "") == wanted for r in current):
        return
    for restriction in current:
        restriction.delete()
    PageViewRestriction.objects.create(page=page, restriction_type=wanted[0], password=wanted[1])


def ensure_redirects(page, plan, *, site, notes: list[str]) -> int:
    """301s from the old permalink and `/?p=<id>` to the page; returns how many were created."""
    if plan.status not in REDIRECT_STATUSES:
        return 0
    created = 0
    own = Redirect.normalise_path(page.relative_url(site) or "")
    for path in plan.old_paths:
        old = Redirect.normalise_path(path)
        if old == own:
            continue
        if len(old) > 255:
            notes.append(f"Ancienne adresse trop longue pour une redirection : {old[:80]}…")
            continue
        existing = Redirect.objects.filter(site=site, old_path=old).first()
        if existing is not None:
            if existing.redirect_page_id != page.pk:
                notes.append(f"L’ancienne adresse {old} redirige déjà ailleurs : laissée telle quelle.")
            continue
        Redirect.objects.create(old_path=old, site=site, redirect_page=page, is_permanent=True)
        created += 1
    return created
