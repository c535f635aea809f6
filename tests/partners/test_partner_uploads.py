"""Image uploads through the real admin view: bad files are refused in French, and nothing is stored."""

import io
import os
import struct
import zlib

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from demo.logos import wordmark
from demo.partner_factories import partner_collection

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/add/"


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def gif_bytes():
    buffer = io.BytesIO()
    PILImage.new("P", (40, 20)).save(buffer, format="GIF")
    return buffer.getvalue()


def png_bomb(width=20_000, height=20_000):
    """A tiny file that claims 400 megapixels: a valid header and a little compressed zeros."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width // 8)
    data = zlib.compress(row * 200, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script><image href="https://evil.example/x.png"/></svg>'

BAD_UPLOADS = {
    "svg with script": ("logo.svg", SVG),
    "svg renamed png": ("logo.png", SVG),
    "empty file": ("logo.png", b""),
    "text named png": ("logo.png", b"ceci n'est pas une image"),
    "png named jpg": ("logo.jpg", png_bytes()),
    "jpeg named webp": ("logo.webp", jpeg_bytes()),
    "decompression bomb": ("bombe.png", png_bomb()),
    "truncated png": ("logo.png", png_bytes((400, 400))[:120]),
    "html named webp": ("logo.webp", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "png with html appended": ("logo.png", png_bytes() + b"<html><script>alert(1)</script></html>"),
    "zip named jpeg": ("logo.jpeg", b"PK\x03\x04" + b"\x00" * 200),
    "no extension": ("logo", png_bytes()),
    "double extension html": ("logo.png.html", png_bytes()),
    "php in jpeg": ("logo.jpg", jpeg_bytes() + b"<?php system($_GET['c']); ?>"),
}


def stored_files():
    root = settings.MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


def upload(client, name, content, collection=None):
    data = {"title": "Logo", "file": SimpleUploadedFile(name, content), "tags": ""}
    if collection is not None:
        data["collection"] = collection.pk
    return client.post(ADD_URL, data)


@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_bad_upload_is_refused_in_french_and_nothing_is_stored(client, sales, kind):
    name, content = BAD_UPLOADS[kind]
    client.force_login(sales)
    images_before, files_before = get_image_model().objects.count(), stored_files()

    response = upload(client, name, content, partner_collection())

    assert response.status_code == 200  # the form again, with its error
    errors = response.context["form"].errors["file"]
    assert errors, kind
    # French, and not Django's or Wagtail's English wording.
    assert not any(word in " ".join(errors) for word in ("Upload", "Not a", "The submitted", "This file")), errors
    assert get_image_model().objects.count() == images_before
    assert stored_files() == files_before


def test_oversized_file_is_refused_and_nothing_is_stored(client, sales, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    client.force_login(sales)
    files_before = stored_files()
    big = wordmark("un très long logo de partenaire " * 3, height=400)
    assert len(big) > 10_000

    response = upload(client, "gros.png", big, partner_collection())

    assert "trop lourd" in " ".join(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()
    assert stored_files() == files_before


def test_gif_is_refused_for_partner_logos_only(client, sales, editor):
    client.force_login(sales)
    response = upload(client, "logo.gif", gif_bytes(), partner_collection())
    assert "PNG, JPEG ou WebP" in " ".join(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()

    # Journalists' illustrations elsewhere may still be GIFs.
    client.force_login(editor)
    from wagtail.models import Collection

    response = upload(client, "anim.gif", gif_bytes(), Collection.get_first_root_node())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize("image_format, extension", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_good_logo_is_accepted_into_partenaires(client, sales, image_format, extension):
    client.force_login(sales)

    response = upload(client, f"logo.{extension}", wordmark("stereance.com", image_format=image_format), partner_collection())

    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get()
    assert image.collection == partner_collection()


@pytest.mark.parametrize("kind", ["svg renamed png", "truncated png", "png with html appended"])
def test_multiple_uploader_applies_the_same_checks(client, sales, kind):
    name, content = BAD_UPLOADS[kind]
    client.force_login(sales)
    files_before = stored_files()

    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert not get_image_model().objects.exists()
    assert stored_files() == files_before
