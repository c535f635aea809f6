"""Colours the rédaction chooses (rubriques): hex syntax and WCAG 2.2 AA contrast on our backgrounds.

One colour cannot serve both themes: reaching 4.5:1 on white and on the dark paper (#111318) would
need a relative luminance both below 0.184 and above 0.205. So each rubrique takes a colour per
theme, each checked against every background of its theme (static/css/site.css).
"""

import re

from django.core.exceptions import ValidationError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_CONTRAST = 4.5
# Text backgrounds of each theme: white, --paper and --paper-alt (light); --paper, --paper-alt (dark).
LIGHT_BACKGROUNDS = ("#ffffff", "#fbfaf7", "#f0eee8")
DARK_BACKGROUNDS = ("#111318", "#1c1f27")


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a « #rrggbb » colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two « #rrggbb » colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _validate(colour: str, backgrounds, theme: str) -> None:
    if not HEX_COLOUR.match(colour or ""):
        raise ValidationError("Saisissez une couleur au format hexadécimal « #rrvvbb », par exemple « #b0202d ».")
    worst = min(contrast_ratio(colour, background) for background in backgrounds)
    if worst < AA_CONTRAST:
        ratio = f"{worst:.2f}".replace(".", ",")
        raise ValidationError(f"Contraste insuffisant sur le fond du thème {theme} : {ratio}:1 ; il faut au moins 4,5:1 (WCAG AA).")


def validate_light_theme_colour(colour: str) -> None:
    """A colour readable as text on the light theme's backgrounds (AA, 4.5:1)."""
    _validate(colour, LIGHT_BACKGROUNDS, "clair")


def validate_dark_theme_colour(colour: str) -> None:
    """A colour readable as text on the dark theme's backgrounds (AA, 4.5:1)."""
    _validate(colour, DARK_BACKGROUNDS, "sombre")
