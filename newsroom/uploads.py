"""Defences against hostile uploads shared by the image and document forms.

- `CappedUploadHandler` (first in FILE_UPLOAD_HANDLERS) refuses a request body larger than
  NEWSROOM_MAX_UPLOAD_REQUEST_SIZE before reading it: the file is never kept in memory nor written
  to disk, the form then says « trop lourd » in French.
- `safe_file_name` gives every stored file a short ASCII name without path tricks.
- `check_document` compares a document's content with its extension (no HTML or SVG disguised as a
  document, no ZIP bomb, no PDF that runs code).
- `BoundedScaleOperation` and friends replace Wagtail's resize operations (registered in
  newsroom/wagtail_hooks.py) so that no filter spec, typed in a template or in the admin's image
  preview URL, can ask for an absurd rendition.
"""

import io
import math
import re
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.template.defaultfilters import filesizeformat

from wagtail.images import image_operations

from PIL import Image as PILImage

# --- Request size -------------------------------------------------------------------------------


def max_request_size() -> int:
    """The largest multipart body whose files are read at all (the biggest allowed file plus the form)."""
    return settings.NEWSROOM_MAX_UPLOAD_REQUEST_SIZE


class TooLargeUpload(UploadedFile):
    """Stands for a file that was not read because the request was too large: empty, flagged."""

    refused_too_large = True

    def __init__(self, name, content_type, request_size):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=request_size)


def too_large_message(size: int | None = None, limit: int | None = None) -> str:
    """The French refusal for an oversized file (`limit`: the field's own, else the request's)."""
    limit = filesizeformat(limit or max_request_size())
    if size:
        return f"Ce fichier est trop lourd ({filesizeformat(size)}). Taille maximale : {limit}."
    return f"Ce fichier est trop lourd. Taille maximale : {limit}."


class CappedUploadHandler(FileUploadHandler):
    """Drops every file of a request whose Content-Length is over the limit, without storing a byte.

    The request's Content-Length bounds each file in it, so one comparison decides before the body
    is read; the parser still drains the body in 64 KiB chunks, which are thrown away.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_size = content_length
        self.refuse = content_length is not None and content_length > max_request_size()
        # Returning nothing lets Django's parser read the fields.

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.refuse:
            raise StopFutureHandlers  # neither the memory nor the temporary-file handler gets the data

    def receive_data_chunk(self, raw_data, start):
        if self.refuse:
            return None  # discarded
        return raw_data

    def file_complete(self, file_size):
        if self.refuse:
            return TooLargeUpload(self.file_name, self.content_type, self.request_size)
        return None


def refuse_if_too_large(upload, limit: int | None = None) -> None:
    """Raise the French « trop lourd » error for a file `CappedUploadHandler` dropped."""
    if getattr(upload, "refused_too_large", False):
        raise ValidationError(too_large_message(upload.size, limit), code="file_too_large")


# --- File names ---------------------------------------------------------------------------------

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}
MAX_STEM = 60


def safe_file_name(name: str, fallback: str = "fichier") -> str:
    """A short ASCII name: letters, digits, - and _, one extension; never hidden, reserved or empty.

    Bidirectional overrides, NUL and other control characters, path separators and accents are
    dropped (accents folded: « été » → « ete »), so what the storage writes is what the admin shows.
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = _ascii_slug(stem)[:MAX_STEM].strip("-_") or fallback
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    if stem.upper().split(".")[0] in WINDOWS_RESERVED:
        stem = f"{fallback}-{stem}"
    return f"{stem}.{extension}" if extension else stem


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", folded)


# --- Documents ----------------------------------------------------------------------------------

# What a browser would treat as a page or a script if it ever sniffed the file.
MARKUP_START = re.compile(rb"^\s*(?:<\?xml|<!doctype\s+html|<html|<svg|<script|<body|<iframe|<head)", re.IGNORECASE)
HIDDEN_MARKUP = re.compile(rb"<\s*(script|svg|html|iframe|object|embed)\b|<\?php|javascript:", re.IGNORECASE)
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
OFFICE_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200


def check_document(extension: str, data: bytes) -> None:
    """Refuse, in French, a document whose content does not match its extension or could run code."""
    if not data:
        raise ValidationError("Le fichier envoyé est vide : choisissez à nouveau le document.", code="empty")
    if MARKUP_START.search(data[:1024]):
        raise ValidationError("Ce fichier est en réalité une page web ou une image SVG : il est refusé.", code="document_is_markup")
    if extension in {"txt", "csv"}:
        _check_text(data)
    elif extension == "pdf":
        _check_pdf(data)
    elif extension in OFFICE_MARKERS or extension == "odt":
        _check_zip_document(extension, data)


def _check_text(data: bytes) -> None:
    if b"\x00" in data:
        raise ValidationError("Ce fichier n’est pas un texte : il contient des données binaires.", code="not_text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if HIDDEN_MARKUP.search(text.encode("utf-8", errors="ignore")):
        raise ValidationError("Ce fichier contient du code (HTML ou script) : il est refusé.", code="hidden_markup")


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError("Ce fichier n’est pas un PDF. Exportez-le à nouveau en PDF.", code="not_pdf")
    # PDFs open in the reader's browser (WAGTAILDOCS_INLINE_CONTENT_TYPES): none may carry actions.
    if PDF_ACTIVE_CONTENT.search(data) or HIDDEN_MARKUP.search(data):
        raise ValidationError(
            "Ce PDF contient du code (JavaScript, fichier joint ou action) : exportez-le à nouveau sans.",
            code="pdf_active_content",
        )


def _check_zip_document(extension: str, data: bytes) -> None:
    wrong = ValidationError(
        f"Le contenu de ce fichier ne correspond pas à son extension .{extension}. Enregistrez-le à nouveau "
        "depuis votre traitement de texte, tableur ou logiciel de présentation.",
        code="document_format_mismatch",
    )
    if not data.startswith(b"PK\x03\x04"):
        raise wrong
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise wrong from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > ZIP_MAX_ENTRIES or unpacked > ZIP_MAX_UNCOMPRESSED or unpacked > ZIP_MAX_RATIO * max(len(data), 1):
        raise ValidationError("Ce document se décompresse en un volume démesuré : il est refusé.", code="zip_bomb")
    names = {entry.filename for entry in entries}
    if extension == "odt":
        ok = "mimetype" in names and archive.read("mimetype").strip() == ODF_MIMETYPE
    else:
        ok = "[Content_Types].xml" in names and OFFICE_MARKERS[extension] in names
    if not ok:
        raise wrong
    if any(name.lower().endswith((".html", ".htm", ".svg", ".js", ".exe", ".bat", ".sh")) for name in names):
        raise ValidationError("Ce document contient des fichiers exécutables ou des pages web : il est refusé.", code="zip_active")


# --- Images -------------------------------------------------------------------------------------

MAX_FRAMES = 300


def count_frames(file, limit: int = MAX_FRAMES) -> int:
    """The number of frames of an animation, stopping at `limit` + 1 (Pillow's n_frames reads them all)."""
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            frames = 1
            while frames <= limit:
                try:
                    image.seek(frames)
                except EOFError:
                    break
                frames += 1
            return frames
    finally:
        file.seek(0)


# Script-like text where only a caption or a copyright belongs (GIF/JPEG comments, PNG text chunks):
# the shape of the GIF/JavaScript polyglots. Pixel data is not searched (random bytes would match).
SCRIPT_LIKE = re.compile(r"(alert|eval|prompt|confirm|fetch|import)\s*\(|document\.|window\.|\bfunction\b|=>|\*/", re.IGNORECASE)


def hides_another_format(data: bytes) -> bool:
    """True for an image followed or wrapped by a ZIP archive or a PDF (a polyglot file)."""
    return zipfile.is_zipfile(io.BytesIO(data)) or b"%PDF-" in data


def metadata_has_script(file) -> bool:
    """True when an image's comment or text metadata looks like code."""
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            texts = [value for value in image.info.values() if isinstance(value, str | bytes)]
            texts += list(getattr(image, "text", {}).values()) if image.format == "PNG" else []
    finally:
        file.seek(0)
    return any(SCRIPT_LIKE.search(text.decode("latin-1") if isinstance(text, bytes) else text) for text in texts)


# --- Renditions ---------------------------------------------------------------------------------

MAX_RENDITION_SIDE = 4_000  # no template or editor needs a wider rendition; the largest used is 1,600


def _side(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_RENDITION_SIDE:
        raise ValueError(f"rendition size {number} outside 1–{MAX_RENDITION_SIDE}")
    return number


class BoundedFillOperation(image_operations.FillOperation):
    """`fill-WxH`: both sides between 1 and MAX_RENDITION_SIDE (fill-0x0 divided by zero)."""

    def construct(self, size, *extra):
        super().construct(size, *extra)
        self.width, self.height = _side(self.width), _side(self.height)


class BoundedMinMaxOperation(image_operations.MinMaxOperation):
    """`min-WxH`, `max-WxH`: both sides between 1 and MAX_RENDITION_SIDE."""

    def construct(self, size):
        super().construct(size)
        self.width, self.height = _side(self.width), _side(self.height)


class BoundedWidthHeightOperation(image_operations.WidthHeightOperation):
    """`width-N`, `height-N`: between 1 and MAX_RENDITION_SIDE."""

    def construct(self, size):
        super().construct(size)
        self.size = _side(self.size)


class BoundedScaleOperation(image_operations.ScaleOperation):
    """`scale-P`: the only operation that enlarges; 1 to 100 % (scale-10000 or scale-inf would not fit in memory)."""

    def construct(self, percent):
        super().construct(percent)
        if not math.isfinite(self.percent) or not 0 < self.percent <= 100:
            raise ValueError(f"scale {percent} outside 1–100 %")


BOUNDED_OPERATIONS = [
    ("fill", BoundedFillOperation),
    ("min", BoundedMinMaxOperation),
    ("max", BoundedMinMaxOperation),
    ("width", BoundedWidthHeightOperation),
    ("height", BoundedWidthHeightOperation),
    ("scale", BoundedScaleOperation),
]
