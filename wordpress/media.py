"""WordPress attachments → Wagtail images, read from a local copy of `wp-content/uploads`.

Nothing is fetched from the network: a file missing from `--media` is reported. Each file goes
through the very form an editor's upload goes through (Wagtail's image form on our
`SafeImageForm` base: extension and content, size, pixel floods, animations, polyglots, hidden
scripts, safe file name), so a hostile file in an export is refused with the same French message.
A path leaving the media folder (`../`, an absolute path, a symbolic link pointing out) is refused
before anything is read.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from wordpress.models import ImportedItem

COLLECTION_NAME = "Import WordPress"
UPLOADS = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
IMAGE_EXTENSIONS = {"gif", "jpg", "jpeg", "png", "webp", "svg", "bmp", "tif", "tiff", "avif", "heic"}


@dataclass
class Attachment:
    """What the export says of one attachment."""

    wp_id: int
    url: str
    relative_path: str
    title: str
    alt: str
    caption: str

    @property
    def is_image(self) -> bool:
        return self.relative_path.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS


def attachment_from_item(item) -> Attachment:
    """An Attachment from an `attachment` item of the export."""
    relative = item.meta.get("_wp_attached_file", "") or relative_upload_path(item.attachment_url or item.guid)
    return Attachment(
        wp_id=item.wp_id,
        url=item.attachment_url or item.guid,
        relative_path=relative.strip(),
        title=item.title,
        alt=item.meta.get("_wp_attachment_image_alt", "").strip(),
        caption=" ".join(item.excerpt.split()),
    )


def relative_upload_path(url: str) -> str:
    """`https://site/wp-content/uploads/2024/03/photo-300x200.jpg` → `2024/03/photo.jpg` (the original size)."""
    path = unquote(urlparse(url or "").path)
    if UPLOADS not in path:
        return ""
    return SIZE_SUFFIX.sub("", path.split(UPLOADS, 1)[1])


@dataclass
class ImageResult:
    """An attachment's image (None when refused or missing, `planned` in a dry run) and why not."""

    image: object = None
    planned: bool = False
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.image is not None or self.planned


class MediaLibrary:
    """Imports each attachment once per site (the ledger remembers it), on demand."""

    def __init__(self, *, site_url: str, media_dir: Path | None, attachments: dict[int, Attachment], dry_run: bool):
        self.site_url = site_url
        self.media_dir = media_dir.resolve() if media_dir else None
        self.attachments = attachments
        self.by_path = {attachment.relative_path: attachment for attachment in attachments.values() if attachment.relative_path}
        self.dry_run = dry_run
        self.results: dict[int, ImageResult] = {}
        self.created = 0
        self._collection = None

    def find(self, *, attachment_id: int | None = None, src: str = "") -> Attachment | None:
        """The attachment an image of a post points to, by id, else by its address."""
        if attachment_id in self.attachments:
            return self.attachments[attachment_id]
        return self.by_path.get(relative_upload_path(src)) if src else None

    def image_for(self, attachment: Attachment) -> ImageResult:
        """The Wagtail image of an attachment, imported now if it was not yet."""
        if attachment.wp_id not in self.results:
            self.results[attachment.wp_id] = self._import(attachment)
        return self.results[attachment.wp_id]

    def _import(self, attachment: Attachment) -> ImageResult:
        known = ImportedItem.objects.filter(site_url=self.site_url, wp_id=attachment.wp_id).select_related("image").first()
        if known is not None and known.image is not None:
            return ImageResult(image=known.image)
        if not attachment.is_image:
            return ImageResult(problem=f"fichier joint {attachment.wp_id} : ce n’est pas une image")
        path, problem = self._path(attachment)
        if problem:
            return ImageResult(problem=problem)
        form = self._form(attachment, path)
        if not form.is_valid():
            errors = " ".join(str(message) for messages in form.errors.values() for message in messages)
            return ImageResult(problem=f"image {attachment.relative_path} refusée : {errors}")
        if self.dry_run:
            self.created += 1
            return ImageResult(planned=True)
        with transaction.atomic():
            image = form.save()
            ImportedItem.objects.update_or_create(
                site_url=self.site_url, wp_id=attachment.wp_id, defaults={"kind": ImportedItem.Kind.ATTACHMENT, "image": image}
            )
        self.created += 1
        return ImageResult(image=image)

    def _path(self, attachment: Attachment) -> tuple[Path | None, str]:
        name = attachment.relative_path
        if self.media_dir is None:
            return None, f"image {name or attachment.wp_id} non importée : aucun dossier --media donné"
        if not name:
            return None, f"fichier joint {attachment.wp_id} sans chemin de fichier"
        candidate = (self.media_dir / name.lstrip("/")).resolve()
        if name.startswith("/") or not candidate.is_relative_to(self.media_dir):
            return None, f"image {name} refusée : son chemin sort du dossier des médias"
        if not candidate.is_file():
            return None, f"image {name} absente du dossier des médias (elle n’est jamais téléchargée)"
        if candidate.stat().st_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            return None, f"image {name} refusée : fichier trop lourd"
        return candidate, ""

    def _form(self, attachment: Attachment, path: Path):
        form_class = get_image_form(get_image_model())
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        title = (attachment.title or path.stem)[:255]
        data = {"title": title, "description": attachment.alt[:255], "collection": str(self.collection_id())}
        return form_class(data=data, files={"file": upload})

    def collection_id(self) -> int:
        """The « Import WordPress » collection (created at the first image, not in a dry run)."""
        if self._collection is None:
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=COLLECTION_NAME).first()
            if existing is None and self.dry_run:
                return root.pk
            self._collection = existing or root.add_child(name=COLLECTION_NAME)
        return self._collection.pk
