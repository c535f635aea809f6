"""Serializer fields of the read API: computed from the object and what the view loaded in bulk.

Each field reads attributes the viewset attached to the objects of the page (`_api_*`), so a list
of 20 articles costs the same queries as a list of 1.
"""

from rest_framework.fields import Field

HERO_RENDITIONS = {"teaser": "fill-480x270", "teaser_large": "fill-960x540"}


def absolute(request, url: str) -> str:
    """An absolute URL for a media or page path."""
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url


class ComputedField(Field):
    """A read-only field whose value is `function(obj, request)`."""

    def __init__(self, function, **kwargs):
        self.function = function
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return self.function(instance, self.context.get("request"))


def rendition_data(rendition, request) -> dict:
    """url, width and height of one rendition."""
    return {"url": absolute(request, rendition.url), "width": rendition.width, "height": rendition.height}


def image_data(image, request, *, specs: dict, alt: str = "", caption: str = "", credit: str = "") -> dict | None:
    """An image with its text and renditions (from its prefetched renditions: no query)."""
    if image is None:
        return None
    renditions = image.get_renditions(*specs.values())
    return {
        "id": image.pk,
        "alt": alt,
        "caption": caption,
        "credit": credit,
        "width": image.width,
        "height": image.height,
        "renditions": {name: rendition_data(renditions[spec], request) for name, spec in specs.items()},
    }
