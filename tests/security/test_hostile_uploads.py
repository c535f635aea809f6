"""Hostile uploads through the real admin views: refused in French, never a 500, nothing stored.

Images go through /admin/images/add/ (and the multiple uploader), documents through
/admin/documents/add/, as the Rédaction en chef (whose images may be GIFs, unlike partner logos).
The 200 MB upload streams a real multipart body into Django's request handler, so the parser and
the upload handlers run as in production, and measures the memory it costs.
"""

import io
import os
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from newsroom.uploads import MAX_FRAMES, MAX_RENDITION_SIDE, safe_file_name

pytestmark = pytest.mark.django_db

IMAGE_ADD = "/admin/images/add/"
DOCUMENT_ADD = "/admin/documents/add/"
ENGLISH = ("Upload", "Not a", "The submitted", "This file", "too big", "Supported formats", "is not allowed")


# --- Files ---------------------------------------------------------------------------------------


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def png(size=(40, 20)):
    return encoded(PILImage.new("RGB", size, (200, 30, 30)), "PNG")


def jpeg(size=(400, 300)):
    return encoded(PILImage.effect_noise(size, 60).convert("RGB"), "JPEG")


def gif(size=(40, 20)):
    return encoded(PILImage.new("RGB", size, (10, 200, 10)), "GIF")


def animation(image_format, frames, size=(10, 10)):
    """Frames of distinct colours (Pillow merges identical consecutive frames)."""
    images = [PILImage.new("RGB", size, (n * 7 % 256, n * 13 % 256, n * 29 % 256)) for n in range(frames)]
    return encoded(images[0], image_format, save_all=True, append_images=images[1:], duration=20, loop=0)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_flood(width, height):
    """A valid PNG header claiming width × height pixels, with a few bytes of compressed zeros."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096, 9)) + png_chunk(b"IEND", b"")
    )


def gif_flood(width=65_535, height=65_535):
    """A GIF whose screen and single frame claim 4.3 gigapixels, in 40 bytes."""
    header = b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0)
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00"
    return header + frame + b"\x3b"


def jpeg_flood(width=65_000, height=65_000):
    """A real JPEG whose frame header is patched to claim 4.2 gigapixels."""
    data = bytearray(jpeg((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
SVG_HANDLER = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>'
SVG_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>'
)
SVG_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9))
    + b']><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&j;</text></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# The classic GIF/JavaScript polyglot: a decodable GIF that is also the script
# `GIF89a/*…*/=1;alert(document.domain);/*…*/` (its width is the bytes « /* »).
GIF_JS = (
    b"GIF89a/*\x0a\x00\x00\x00\x00"  # 10799 × 10 screen, no global palette
    + b"\x21\xfe\x1e*/=1;alert(document.domain);/*\x00"  # comment extension: the script
    + b"\x2c"
    + struct.pack("<HHHHB", 0, 0, 1, 1, 0x80)
    + b"\x00\x00\x00\xff\xff\xff"  # a 1×1 frame, 2 colours
    + b"\x02\x02\x44\x01\x00\x3b*/"
)


def jpeg_with_html_comment():
    data = jpeg((32, 32))
    comment = b"<html><body><script>alert(1)</script></body></html>"
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + data[2:]


BAD_IMAGES = {
    # truncated
    "truncated jpeg": ("photo.jpg", jpeg()[:1500]),
    "truncated gif": ("anim.gif", animation("GIF", 20, (60, 60))[:300]),
    "truncated webp": ("photo.webp", encoded(PILImage.effect_noise((200, 200), 50).convert("RGB"), "WEBP")[:400]),
    "header only png": ("photo.png", png()[:33]),
    # renamed
    "gif named jpg": ("photo.jpg", gif()),
    "webp named png": ("photo.png", encoded(PILImage.new("RGB", (20, 20)), "WEBP")),
    "pdf named png": ("photo.png", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    "bmp named gif": ("photo.gif", encoded(PILImage.new("RGB", (20, 20)), "BMP")),
    "tiff named jpeg": ("photo.jpeg", encoded(PILImage.new("RGB", (20, 20)), "TIFF")),
    "exe named png": ("photo.png", b"MZ\x90\x00" + b"\x00" * 400),
    # pixel floods: huge dimensions, small file
    "png 100000x100000": ("flood.png", png_flood(100_000, 100_000)),
    "png 60000x1": ("flood.png", png_flood(60_000, 1_000)),
    "gif 65535x65535": ("flood.gif", gif_flood()),
    "jpeg 65000x65000": ("flood.jpg", jpeg_flood()),
    # animation floods
    "gif 2000 frames": ("anim.gif", animation("GIF", 2_000)),
    "webp 400 frames": ("anim.webp", animation("WEBP", 400)),
    "gif 12 frames of 2000x2000": ("anim.gif", animation("GIF", 12, (2_000, 2_000))),
    # polyglots
    "gif/javascript polyglot": ("photo.gif", GIF_JS),
    "jpeg with html comment": ("photo.jpg", jpeg_with_html_comment()),
    "png + zip": ("photo.png", png() + zip_bytes({"evil.html": HTML})),
    "jpeg + zip": ("photo.jpg", jpeg((32, 32)) + zip_bytes({"a.txt": b"x"})),
    "png + pdf": ("photo.png", png() + b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(alert(1))>>endobj"),
    "gif + html": ("photo.gif", gif() + HTML),
    # SVG
    "svg with script": ("logo.svg", SVG_SCRIPT),
    "svg with handler": ("logo.svg", SVG_HANDLER),
    "svg with external entity": ("logo.svg", SVG_XXE),
    "svg billion laughs": ("logo.svg", SVG_LAUGHS),
    "svg script named png": ("logo.png", SVG_SCRIPT),
    "svg laughs named gif": ("logo.gif", SVG_LAUGHS),
    "svg entity named jpg": ("logo.jpg", SVG_XXE),
    # empty and tiny
    "empty png": ("vide.png", b""),
    "one byte jpeg": ("un.jpg", b"\xff"),
    "html named webp": ("photo.webp", HTML),
}


def document_bytes(kind):
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    if kind == "docx":
        return zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    if kind == "xlsx":
        return zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    if kind == "pptx":
        return zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<presentation/>"})
    if kind == "odt":
        return zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"})
    if kind == "csv":
        return "titre;date\nLevée de fonds;2026-11-27\n".encode()
    return "Communiqué : l'entreprise lève 10 M€.\n".encode()


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/bomb.xml", b"\x00" * (300 * 1024 * 1024 // 10))  # 30 MB of zeros, ~30 KB packed
    return buffer.getvalue()


BAD_DOCUMENTS = {
    "html named pdf": ("rapport.pdf", HTML),
    "html named txt": ("notes.txt", HTML),
    "html named csv": ("chiffres.csv", b"<html><script>alert(1)</script></html>"),
    "svg named txt": ("notes.txt", SVG_SCRIPT),
    "svg named docx": ("lettre.docx", SVG_HANDLER),
    "script inside txt": ("notes.txt", b"Bonjour\n<script>alert(1)</script>\n"),
    "javascript url in csv": ("liens.csv", b"nom;lien\nclic;javascript:alert(1)\n"),
    "pdf with javascript": ("rapport.pdf", b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF"),
    "pdf with launch action": ("rapport.pdf", b"%PDF-1.4\n1 0 obj<</S/Launch/F(calc.exe)>>endobj\n%%EOF"),
    "png named pdf": ("rapport.pdf", png()),
    "exe named pdf": ("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    "binary named txt": ("notes.txt", b"\x00\x01\x02\x03" * 50),
    "plain zip named docx": ("lettre.docx", zip_bytes({"a.txt": "bonjour"})),
    "pdf named xlsx": ("tableau.xlsx", document_bytes("pdf")),
    "docx named odt": ("texte.odt", document_bytes("docx")),
    "docx hiding html": ("lettre.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>", "word/x.html": HTML})),
    "zip bomb named xlsx": ("tableau.xlsx", zip_bomb()),
    "empty pdf": ("vide.pdf", b""),
    "html extension": ("page.html", HTML),
    "svg extension": ("logo.svg", SVG_SCRIPT),
    "exe extension": ("outil.exe", b"MZ\x90\x00"),
    "double extension pdf.html": ("rapport.pdf.html", HTML),
    "no extension": ("rapport", document_bytes("pdf")),
}

# Accepted, but the stored name must be safe: no path, no control or bidi character, short, ASCII.
TRICKY_NAMES = [
    "../../../etc/passwd.png",
    "..\\..\\windows\\win.ini.png",
    "photo\x00.php.png",
    "a" * 300 + ".png",
    "photo\u202egnp.exe.png",
    "CON.png",
    "nul.png",
    ".htaccess.png",
    "été à l'île — ça.png",
    "<script>alert(1)<\\script>.png",
    "%2e%2e%2fetc%2fpasswd.png",
    "photo.png\u200b",
    " .png",
]


# --- Helpers -------------------------------------------------------------------------------------


def stored_files():
    root = settings.MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


def form_errors(response):
    assert response.status_code == 200, response.status_code  # the form again: never a 500, never saved
    errors = " ".join(str(error) for errors in response.context["form"].errors.values() for error in errors)
    assert errors
    assert not any(word in errors for word in ENGLISH), errors
    return errors


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def root_collection():
    return Collection.get_first_root_node()


# --- Images --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", BAD_IMAGES)
def test_hostile_image_is_refused_in_french_and_nothing_is_stored(editor_client, kind):
    name, content = BAD_IMAGES[kind]
    files_before = stored_files()

    response = editor_client.post(
        IMAGE_ADD, {"title": "Photo", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk, "tags": ""}
    )

    form_errors(response)
    assert not get_image_model().objects.exists()
    assert stored_files() == files_before


def test_a_pdf_report_leaves_the_image_checks_strict(editor_client):
    """WeasyPrint relaxes Pillow for the whole process when imported; a partner report must not."""
    from PIL import ImageFile

    from partners.report_pdf import html_to_pdf

    assert html_to_pdf("<p>Rapport</p>").startswith(b"%PDF")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False

    name, content = BAD_IMAGES["truncated jpeg"]
    response = editor_client.post(
        IMAGE_ADD, {"title": "Photo", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk, "tags": ""}
    )
    form_errors(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("kind", ["gif 2000 frames", "svg billion laughs", "png + zip", "jpeg 65000x65000"])
def test_multiple_uploader_refuses_them_too(editor_client, kind):
    name, content = BAD_IMAGES[kind]
    files_before = stored_files()

    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}, headers={"x-requested-with": "XMLHttpRequest"}
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert not get_image_model().objects.exists()
    assert stored_files() == files_before


def test_frame_cap_messages_and_a_modest_animation_still_passes(editor_client):
    response = editor_client.post(
        IMAGE_ADD,
        {"title": "Anim", "file": SimpleUploadedFile("anim.gif", BAD_IMAGES["gif 2000 frames"][1]), "collection": root_collection().pk},
    )
    assert f"plus de {MAX_FRAMES}" in form_errors(response)

    response = editor_client.post(
        IMAGE_ADD,
        {"title": "Anim", "file": SimpleUploadedFile("anim.gif", animation("GIF", 24, (120, 80))), "collection": root_collection().pk},
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize("name", TRICKY_NAMES)
def test_tricky_file_name_is_stored_under_a_safe_name(editor_client, name):
    response = editor_client.post(
        IMAGE_ADD, {"title": "Photo", "file": SimpleUploadedFile(name, png()), "collection": root_collection().pk}
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    stored = get_image_model().objects.get().file.name
    folder, file_name = stored.split("/")
    assert folder == "original_images"
    assert file_name.isascii() and file_name.isprintable() and len(stored) <= 100
    assert not file_name.startswith(".") and ".." not in file_name and "\\" not in file_name
    assert file_name.split(".")[0].upper() not in {"CON", "NUL", "AUX", "PRN"}
    assert set(file_name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    assert Path(settings.MEDIA_ROOT, stored).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert Path(settings.MEDIA_ROOT, stored).is_file()


def test_safe_file_name_examples():
    assert safe_file_name("../../etc/passwd.png") == "passwd.png"
    assert safe_file_name("CON.png") == "fichier-CON.png"
    assert safe_file_name("été à l'île.PNG") == "ete-a-l-ile.png"
    assert safe_file_name("photo\u202egnp.exe.png") == "photognp-exe.png"
    assert safe_file_name("\x00.png", fallback="image") == "image.png"
    assert len(safe_file_name("a" * 500 + ".png")) == 64


# --- The 200 MB upload ---------------------------------------------------------------------------


class StreamedBody:
    """A multipart body of `size` bytes made on the fly, as a client on a slow link would send it."""

    def __init__(self, head: bytes, file_size: int, tail: bytes):
        self.parts = [head, None, tail]
        self.file_left = file_size
        self.length = len(head) + file_size + len(tail)

    def read(self, size=-1):
        assert size is not None and size >= 0, "the body must be read in chunks"
        out = bytearray()
        while len(out) < size and self.parts:
            if self.parts[0] is None:
                take = min(size - len(out), self.file_left)
                out += b"\x00" * take
                self.file_left -= take
                if not self.file_left:
                    self.parts.pop(0)
            else:
                part = self.parts[0]
                take = part[: size - len(out)]
                out += take
                self.parts[0] = part[len(take) :]
                if not self.parts[0]:
                    self.parts.pop(0)
        return bytes(out)

    def readline(self, size=-1):
        raise AssertionError("a multipart body is read in chunks, not by lines")


def streamed_upload(client, path, file_field, file_name, size, fields):
    boundary = "----newsroom-hostile-upload"
    head = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n' for key, value in fields.items())
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\nContent-Type: image/png\r\n\r\n'
    )
    body = StreamedBody(head.encode() + png()[:64], size - 64, f"\r\n--{boundary}--\r\n".encode())
    environ = client._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(body.length),
        **{"wsgi.input": body},
    )
    return client.handler(environ), body


def peak_rss_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/self/status")


@pytest.mark.parametrize("path, file_field", [(IMAGE_ADD, "file"), (DOCUMENT_ADD, "file")])
def test_200_mb_upload_is_refused_early_with_bounded_memory(editor_client, path, file_field, record_property):
    size = 200 * 1024 * 1024
    files_before = stored_files()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (peak RSS) to the current RSS
    rss_before = peak_rss_kib()
    tracemalloc.start()
    try:
        response, body = streamed_upload(
            editor_client,
            path,
            file_field,
            "enorme.png" if "images" in path else "enorme.pdf",
            size,
            {"title": "Énorme", "collection": root_collection().pk},
        )
        _current, traced_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_mib = (peak_rss_kib() - rss_before) / 1024

    assert body.file_left == 0  # the whole body was read (and thrown away), the connection stays usable
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce fichier est trop lourd" in page and "(200,0\u00a0Mio)" in page
    assert traced_peak < 8 * 1024 * 1024, traced_peak  # Python allocations: a few 64 KiB chunks, never the file
    assert rss_growth_mib < 64, rss_growth_mib
    assert not get_image_model().objects.exists() and not get_document_model().objects.exists()
    assert stored_files() == files_before
    record_property("traced_peak_mib", round(traced_peak / 1024 / 1024, 2))
    record_property("peak_rss_growth_mib", round(rss_growth_mib, 1))
    print(f"\n200 MB upload to {path}: Python peak {traced_peak / 1024 / 1024:.2f} MiB, peak RSS growth {rss_growth_mib:.1f} MiB")


# --- Documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_hostile_document_is_refused_in_french_and_nothing_is_stored(editor_client, kind):
    name, content = BAD_DOCUMENTS[kind]
    files_before = stored_files()

    response = editor_client.post(
        DOCUMENT_ADD, {"title": "Document", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk}
    )

    form_errors(response)
    assert not get_document_model().objects.exists()
    assert stored_files() == files_before


def test_oversized_document_is_refused_in_french(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    response = editor_client.post(
        DOCUMENT_ADD, {"title": "Gros", "file": SimpleUploadedFile("gros.txt", b"texte " * 400), "collection": root_collection().pk}
    )
    assert "trop lourd" in form_errors(response)
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("extension", ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"])
def test_real_document_is_accepted_and_served_safely(editor_client, client, extension):
    response = editor_client.post(
        DOCUMENT_ADD,
        {
            "title": "Pièce",
            "file": SimpleUploadedFile(f"pièce jointe \u202e.{extension}", document_bytes(extension)),
            "collection": root_collection().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get()
    assert document.filename == f"piece-jointe.{extension}"

    served = client.get(document.url)

    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["Content-Type"].split(";")[0] == settings.WAGTAILDOCS_CONTENT_TYPES[extension]
    if extension == "pdf":
        assert served["Content-Disposition"].startswith("inline")  # read in the browser, under default-src 'none'
    else:
        assert served["Content-Disposition"].startswith("attachment;")
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


# --- Renditions ----------------------------------------------------------------------------------

ABSURD_SPECS = [
    "width-100000",
    "height-100000",
    "fill-99999x99999",
    "fill-0x0",
    "fill-100x0",
    "max-100000x100000",
    "min-50000x50000",
    "scale-10000",
    "scale-101",
    "scale-inf",
    "scale-nan",
    "scale-0",
    "width-0",
    "width--5",
    "jpegquality-80|" * 40 + "scale-5000",
    "jpegquality-101",
]


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_no_url_lets_a_visitor_choose_a_filter_spec(client):
    views = {f"{getattr(p.callback, '__module__', '')}.{getattr(p.callback, '__name__', '')}" for p in walk(get_resolver().url_patterns)}
    assert not any(view.startswith("wagtail.images.views.serve") for view in views)
    assert client.get("/images/abc/1/fill-99999x99999/").status_code == 404


@pytest.mark.parametrize("spec", ABSURD_SPECS)
def test_absurd_filter_spec_is_refused(spec):
    with pytest.raises(InvalidFilterSpecError):
        Filter(spec=spec).operations  # noqa: B018 (the property parses the spec)


def test_sizes_used_by_the_templates_stay_allowed():
    from articles import feed_body, selectors

    specs = [*selectors.TEASER_RENDITIONS, *selectors.BODY_RENDITIONS, *selectors.HERO_RENDITIONS.values()]
    specs += [
        feed_body.ENCLOSURE_RENDITION,
        feed_body.BODY_RENDITION,
        "fill-320x320",
        "fill-160x160",
        "fill-96x96",
        "scale-50",
        "max-4000x4000",
    ]
    for spec in specs:
        assert Filter(spec=spec).operations
    assert MAX_RENDITION_SIDE >= 1_600


@pytest.mark.parametrize("spec", ["fill-99999x99999", "width-100000", "fill-0x0", "max-100000x100000", "width-0"])
def test_admin_preview_refuses_absurd_spec_without_rendering(editor_client, spec):
    image = get_image_model().objects.create(
        title="Photo", file=SimpleUploadedFile("photo.jpg", jpeg((64, 48))), collection=root_collection()
    )

    response = editor_client.get(f"/admin/images/{image.pk}/preview/{spec}/")

    assert response.status_code == 400
    assert not image.renditions.exists()


def test_get_rendition_with_absurd_spec_raises_before_decoding():
    image = get_image_model().objects.create(
        title="Photo", file=SimpleUploadedFile("photo.jpg", jpeg((64, 48))), collection=root_collection()
    )

    with pytest.raises(InvalidFilterSpecError):
        image.get_rendition("scale-10000")
    assert not image.renditions.exists()
    assert image.get_rendition("scale-50").width == 32


def test_document_files_are_not_served_from_media(editor_client, client):
    response = editor_client.post(
        DOCUMENT_ADD, {"title": "Note", "file": SimpleUploadedFile("note.txt", document_bytes("txt")), "collection": root_collection().pk}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()

    # Only Wagtail's serve view may hand out a document: it checks private collections and sends
    # Content-Disposition: attachment. nginx refuses /media/documents/ (deploy/); the app must too.
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
