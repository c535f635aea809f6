"""Wordmark logos drawn with Pillow, for the demo and the tests: no logo file is shipped or downloaded."""

import io

from PIL import Image, ImageDraw, ImageFont

COLOURS = [(30, 41, 59), (124, 45, 18), (20, 83, 45), (88, 28, 135), (29, 78, 216), (159, 18, 57)]


def wordmark(text: str, *, colour_index: int = 0, height: int = 120, image_format: str = "PNG") -> bytes:
    """`text` in a bold colour on a transparent background (white for JPEG), cropped to the text."""
    font = ImageFont.load_default(size=int(height * 0.55))
    left, top, right, bottom = font.getbbox(text)
    padding = height // 6
    size = (right - left + 2 * padding, height)
    mode, background = ("RGBA", (255, 255, 255, 0)) if image_format != "JPEG" else ("RGB", (255, 255, 255))
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    draw.text((padding - left, (height - (bottom - top)) // 2 - top), text, font=font, fill=COLOURS[colour_index % len(COLOURS)])
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()
