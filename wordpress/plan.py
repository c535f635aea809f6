"""What one WordPress post or page should become, worked out before anything is written.

`plan_item` reads an item of the export and returns a `PostPlan`: every field of the article, its
status, dates, rubrique, bylines, tags, images and old addresses, plus the French notes of every
approximation. Writing it (wordpress/writer.py) then only creates rows, so a dry run and a real
run report the same thing.
"""

import datetime
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from django.utils import timezone
from django.utils.text import slugify

from bs4 import BeautifulSoup

from wordpress.body import ImageRef, convert_body

CHAPO_MAX = 600
TITLE_MAX = 255
TAG_MAX = 100
WP_NO_DATE = "0000-00-00 00:00:00"
STATUSES = {"publish": "live", "draft": "draft", "pending": "draft", "future": "scheduled", "private": "private"}
SKIPPED_STATUSES = {"trash": "à la corbeille", "auto-draft": "brouillon automatique", "inherit": "révision"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


class SkipItem(Exception):
    """This item is not imported, for a reason the report gives (not an error)."""


class BadItem(Exception):
    """This item cannot be imported: the report lists it as an error, the others go on."""


@dataclass
class PostPlan:
    """Everything the writer needs for one post or page, with the approximations made."""

    wp_id: int
    kind: str  # "post" or "page"
    wp_status: str
    status: str  # live, draft, scheduled, private
    title: str
    slug: str
    chapo: str
    body: list[dict]
    section: tuple[str, str] | None  # (WordPress category nicename, its name)
    authors: list[tuple[str, str]]  # (login, display name)
    tags: list[str]
    published_at: datetime.datetime
    modified_at: datetime.datetime
    password: str = ""
    hero: tuple | None = None  # (image or None in a dry run, alt, caption)
    old_paths: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""


def fingerprint(item, extra: dict) -> str:
    """A digest of everything read from the item and the options that shape its article."""
    payload = json.dumps({"item": item.fingerprint_data(), **extra}, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def parse_date(value: str, *, paris: bool = False) -> datetime.datetime | None:
    """A WordPress date (`2025-07-02 07:30:00`, UTC for the *_gmt fields, else the site's Paris time)."""
    if not value or value.startswith("0000"):
        return None
    try:
        naive = datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if paris:
        return timezone.make_aware(naive, timezone.get_default_timezone())
    return naive.replace(tzinfo=datetime.UTC)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, entities decoded, white space collapsed."""
    return " ".join(html.unescape(BeautifulSoup(fragment or "", "html.parser").get_text(" ")).split())


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def first_sentences(texts: list[str], *, target: int = 160) -> str:
    """The first sentences of the body, until about `target` characters."""
    sentences = []
    for text in texts:
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            if sentence:
                sentences.append(sentence)
            if sum(len(s) + 1 for s in sentences) >= target:
                return shorten(" ".join(sentences), CHAPO_MAX)
    return shorten(" ".join(sentences), CHAPO_MAX)


def wanted_slug(item) -> str:
    """The post's slug (percent-decoded, accents folded), else its title's, else `article-<id>`."""
    return (slugify(unquote(item.slug)) or slugify(item.title) or f"article-{item.wp_id}")[:200]


def old_paths(item, kind: str) -> list[str]:
    """The paths WordPress answered for this item: its permalink and `/?p=<id>` (`/?page_id=` for a page)."""
    paths = []
    link = urlparse(item.link)
    if link.path or link.query:
        paths.append((link.path or "/") + (f"?{link.query}" if link.query else ""))
    paths.append(f"/?p={item.wp_id}")
    if kind == "page":
        paths.append(f"/?page_id={item.wp_id}")
    return list(dict.fromkeys(paths))


def primary_category(item, channel, notes) -> tuple[str, str] | None:
    """Yoast's primary category when the post has one, else its first category."""
    categories = [(nicename, name) for domain, nicename, name in item.terms if domain == "category" and nicename]
    primary_id = (item.meta.get("_yoast_wpseo_primary_category") or "").strip()
    if primary_id:
        nicename = channel.category_ids.get(primary_id)
        match = next((category for category in categories if category[0] == nicename), None)
        if match:
            return match
        notes.append(f"Catégorie principale Yoast {primary_id} introuvable : première catégorie retenue.")
    return categories[0] if categories else None


def plan_item(item, *, channel, media, kind: str) -> PostPlan:
    """The plan of one post or page (raises SkipItem or BadItem)."""
    if item.status in SKIPPED_STATUSES:
        raise SkipItem(f"{SKIPPED_STATUSES[item.status]} dans WordPress : ignoré")
    if item.status not in STATUSES:
        raise BadItem(f"statut WordPress « {item.status or 'aucun'} » inconnu")
    if item.wp_id is None:
        raise BadItem("élément sans identifiant WordPress (wp:post_id)")
    notes = []
    title = plain_text(item.title) if "<" in item.title else item.title  # « Un <em>mot</em> » → « Un mot »
    if not title:
        title = f"Sans titre ({item.wp_id})"
        notes.append("Sans titre dans WordPress : titre provisoire donné.")
    if len(title) > TITLE_MAX:
        title = shorten(title, TITLE_MAX)
        notes.append(f"Titre de plus de {TITLE_MAX} caractères raccourci.")

    published = parse_date(item.date_gmt)
    if published is None:
        published = parse_date(item.date_local, paris=True)
        if published is None:
            if item.status in ("publish", "future", "private"):
                raise BadItem("date de publication illisible")
            published = timezone.now()
        elif item.status != "draft":
            notes.append("Date UTC absente : date locale lue à l’heure de Paris.")
    modified = parse_date(item.modified_gmt) or published

    converted = convert_body(item.content)
    notes += converted.notes
    body = resolve_images(converted.blocks, media, notes)

    excerpt = plain_text(item.excerpt)
    if excerpt:
        chapo = excerpt
        if len(chapo) > CHAPO_MAX:
            chapo = shorten(chapo, CHAPO_MAX)
            notes.append(f"Extrait de plus de {CHAPO_MAX} caractères raccourci pour le chapô.")
    else:
        chapo = first_sentences(converted.texts())
        if chapo:
            notes.append("Pas d’extrait : chapô fait des premières phrases du texte.")
        else:
            chapo = title
            notes.append("Ni extrait ni texte : le titre sert de chapô.")

    section = primary_category(item, channel, notes) if kind == "post" else None
    tags = []
    for domain, nicename, name in item.terms:
        if (domain == "post_tag" or (domain == "category" and section and nicename != section[0])) and name:
            tags.append(shorten(html.unescape(name), TAG_MAX))
    tags = list({tag.casefold(): tag for tag in tags}.values())

    authors = []
    logins = [item.creator] + [nicename.removeprefix("cap-") for domain, nicename, _ in item.terms if domain == "author"]
    for login in dict.fromkeys(login for login in logins if login):
        info = channel.authors.get(login, {})
        name = (info.get("author_display_name") or "").strip() or " ".join(
            part for part in (info.get("author_first_name", "").strip(), info.get("author_last_name", "").strip()) if part
        )
        term_name = next(
            (name for domain, nicename, name in item.terms if domain == "author" and nicename.removeprefix("cap-") == login), ""
        )
        authors.append((login, html.unescape(name or term_name or login)))

    hero = None
    thumbnail = (item.meta.get("_thumbnail_id") or "").strip()
    if thumbnail.isdigit():
        attachment = media.find(attachment_id=int(thumbnail))
        if attachment is None:
            notes.append(f"Image à la une {thumbnail} absente de l’export : article sans image principale.")
        else:
            result = media.image_for(attachment)
            if result.ok:
                alt = attachment.alt
                if not alt:
                    alt = shorten(attachment.title or "Image", 250)
                    notes.append("Image à la une sans texte alternatif : titre de l’image repris, à vérifier.")
                hero = (result.image, shorten(alt, 250), shorten(attachment.caption, 300))
            else:
                notes.append(f"Image à la une non importée : {result.problem.rstrip('.')}.")

    status = STATUSES[item.status]
    if status == "scheduled" and published <= timezone.now():
        status = "live"
        notes.append("Programmé dans WordPress à une date passée : publié à cette date.")
    if status == "draft":
        notes.append("Brouillon : ses anciennes adresses ne redirigent pas (rien de public vers quoi rediriger).")
    if item.password:
        notes.append("Protégé par un mot de passe dans WordPress : le même mot de passe protège la page.")
    if item.comments:
        notes.append(f"{item.comments} commentaire(s) non importé(s).")

    return PostPlan(
        wp_id=item.wp_id,
        kind=kind,
        wp_status=item.status,
        status=status,
        title=title,
        slug=wanted_slug(item),
        chapo=chapo,
        body=body,
        section=section,
        authors=authors,
        tags=tags,
        published_at=published,
        modified_at=max(modified, published),
        password=item.password,
        hero=hero,
        old_paths=old_paths(item, kind),
        notes=notes,
    )


def resolve_images(blocks: list[dict], media, notes: list[str]) -> list[dict]:
    """Body blocks with each ImageRef made an image block (a dry run keeps None), or dropped with a note."""
    resolved = []
    for block in blocks:
        ref = block["value"]
        if block["type"] != "image" or not isinstance(ref, ImageRef):
            resolved.append(block)
            continue
        attachment = media.find(attachment_id=ref.attachment_id, src=ref.src)
        if attachment is None:
            notes.append(f"Image du texte hors médiathèque WordPress supprimée ({ref.src or ref.attachment_id}).")
            continue
        result = media.image_for(attachment)
        if not result.ok:
            notes.append(f"Image du texte supprimée : {result.problem.rstrip('.')}.")
            continue
        alt = ref.alt or attachment.alt
        if not alt:
            alt = shorten(attachment.title or "Image", 250)
            notes.append("Image du texte sans texte alternatif : titre de l’image repris, à vérifier.")
        value = {"image": result.image.pk if result.image else None, "alt": alt, "caption": shorten(ref.caption, 300), "credit": ""}
        resolved.append({"type": "image", "value": value})
    return resolved
