"""Demo illustrations drawn with Pillow: nothing is downloaded, and the same seed gives the same image."""

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Pairs of colours for the abstract illustrations (palette 0-5 in demo_data).
PALETTES = [
    ((29, 58, 138), (124, 58, 237)),
    ((15, 118, 110), (56, 189, 248)),
    ((153, 27, 27), (251, 146, 60)),
    ((30, 41, 59), (148, 163, 184)),
    ((88, 28, 135), (236, 72, 153)),
    ((20, 83, 45), (190, 242, 100)),
]


def _gradient(size, start, end):
    width, height = size
    base = Image.new("RGB", size, start)
    top = Image.new("RGB", size, end)
    # A diagonal gradient: the mean of a vertical and a horizontal ramp.
    vertical = Image.linear_gradient("L").resize(size)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    mask = Image.blend(vertical, horizontal, 0.5)
    base.paste(top, (0, 0), mask)
    return base, width, height


# Drawing and encoding one takes about 0.1 s; `load_demo` (run by `make run` and a dozen tests) and
# the factories ask for the same ones again, so each process draws one only once.
@functools.lru_cache(maxsize=128)
def illustration(palette: int, seed: int, size=(1600, 900)) -> bytes:
    """An abstract JPEG illustration: a two-colour gradient with translucent circles and lines."""
    start, end = PALETTES[palette % len(PALETTES)]
    image, width, height = _gradient(size, start, end)
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(9):
        radius = rng.randint(height // 12, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        alpha = rng.randint(25, 70)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, alpha))
    for _ in range(4):
        points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(3)]
        draw.line(points, fill=(255, 255, 255, 140), width=rng.randint(2, 6))
    overlay = overlay.filter(ImageFilter.GaussianBlur(1.2))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def portrait(initials: str, palette: int, size=400) -> bytes:
    """A round-friendly square portrait placeholder with the author's initials."""
    start, end = PALETTES[palette % len(PALETTES)]
    image, _, _ = _gradient((size, size), start, end)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.42)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
