"""Renditions for a whole page of images at once: Wagtail's rendition cache first, then one query.

Wagtail's `prefetch_renditions()` always costs a query, and `get_renditions()` without it looks up
the cache then the database image by image. `attach_renditions` does both for every image of a
page in bulk: one `get_many` on the rendition cache, one query for whatever the cache lacked, and
the result set as each image's prefetched renditions, which Wagtail's `get_rendition()` and the
`{% image %}` tags then use. A rendition that does not exist yet is still made by Wagtail on use
(articles/signals.py makes them at publication, so readers should never be the ones paying).
"""

from collections import defaultdict

from wagtail.images import get_image_model
from wagtail.images.models import Filter


def attach_renditions(wanted) -> None:
    """`wanted`: (image or None, specs) pairs. Sets `prefetched_renditions` on every image."""
    rendition_model = get_image_model().get_rendition_model()
    backend = rendition_model.cache_backend
    specs_by_image = defaultdict(set)
    instances = defaultdict(list)
    for image, specs in wanted:
        if image is None:
            continue
        specs_by_image[image.pk].update(specs)
        if all(image is not other for other in instances[image.pk]):
            instances[image.pk].append(image)
    if not specs_by_image:
        return

    keys = {}
    for image_id, specs in specs_by_image.items():
        image = instances[image_id][0]
        for spec in specs:
            filter = image.clean_filter_for_svg(Filter(spec=spec))
            keys[rendition_model.construct_cache_key(image, filter.get_cache_key(image), filter.spec)] = image_id
    found = defaultdict(list)
    for rendition in backend.get_many(list(keys)).values():
        found[rendition.image_id].append(rendition)

    missing = {image_id for image_id, specs in specs_by_image.items() if len(found[image_id]) < len(specs)}
    if missing:
        # The database is the reference for these images: their cache hits are replaced.
        all_specs = {spec for image_id in missing for spec in specs_by_image[image_id]}
        for image_id in missing:
            found[image_id] = []
        from_database = [
            rendition
            for rendition in rendition_model.objects.filter(image_id__in=missing, filter_spec__in=all_specs)
            if rendition.filter_spec in specs_by_image[rendition.image_id]
        ]
        current = {}
        for rendition in from_database:
            image = instances[rendition.image_id][0]
            found[rendition.image_id].append(rendition)
            # Renditions of an older focal point stay in the database; Wagtail skips them when it
            # reads the prefetched list, and only current ones go to the cache, under its own key.
            if rendition.focal_point_key == Filter(spec=rendition.filter_spec).get_cache_key(image):
                current[rendition_model.construct_cache_key(image, rendition.focal_point_key, rendition.filter_spec)] = rendition
        if current:
            backend.set_many(current)

    for image_id, images in instances.items():
        for image in images:
            renditions = []
            for rendition in found[image_id]:
                rendition.image = image
                rendition._from_cache = True
                renditions.append(rendition)
            image.prefetched_renditions = renditions
