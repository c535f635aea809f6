"""/rubriques.css: the colours the rédaction gave its rubriques, as a stylesheet (strict CSP: no inline style).

Built from the cached site chrome (no query when it is warm), served and kept by the shared page
cache like any public page (ETag, 304), and purged with every public path when a rubrique or the
site identity changes (articles/public_paths.py lists this path among the site's paths).
"""

from django.http import HttpResponse
from django.urls import path

from articles.chrome import load_chrome

STYLESHEET_PATH = "/rubriques.css"


def section_colours_css(sections) -> str:
    """The rules giving each coloured rubrique's elements (class `rubrique-<id>`) its tone per theme.

    They come after static/css/site.css: the light rule overrides `.tone-N`, the dark rules are
    more specific, as the theme rules of site.css are (system preference unless light is chosen,
    or dark chosen with the toggle)."""
    rules = ["/* Couleurs des rubriques, choisies dans l’administration (contraste AA vérifié). */"]
    for section in sections:
        if not (section.colour_light and section.colour_dark):
            continue
        selector = f".rubrique-{section.pk}"
        rules.append(f"{selector} {{ --tone: {section.colour_light}; }}")
        rules.append(
            f'@media (prefers-color-scheme: dark) {{ :root:not([data-theme="light"]) {selector} {{ --tone: {section.colour_dark}; }} }}'
        )
        rules.append(f':root[data-theme="dark"] {selector} {{ --tone: {section.colour_dark}; }}')
    return "\n".join(rules) + "\n"


def section_colours_view(request):
    """The stylesheet of the request's site (the page cache adds the ETag and answers 304s)."""
    css = section_colours_css(load_chrome(request).sections)
    return HttpResponse(css, content_type="text/css; charset=utf-8")


urlpatterns = [path(STYLESHEET_PATH.lstrip("/"), section_colours_view, name="section-colours")]
