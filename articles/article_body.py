"""An article body whose images and « Lire aussi » targets were loaded with the rest of the page.

Left to itself, a StreamField body costs one query per block type that points at the database
(images, linked articles), then each image looks up its renditions. The article page instead
reads the ids from the stored JSON, loads the linked articles in its related-articles query and
the images in one query, gives every image of the page its renditions in one lookup, and builds
the body from those objects with Wagtail's own value classes.
"""

from collections import defaultdict

from wagtail.blocks import StreamValue
from wagtail.images import get_image_model

IMAGE_BLOCK = "image"
READ_ALSO_BLOCK = "read_also"


def body_references(body) -> tuple[list[int], list[int]]:
    """(image ids, « Lire aussi » article ids) of a body, from its stored JSON (no query)."""
    image_ids, article_ids = [], []
    for item in body.raw_data:
        value = item.get("value") or {}
        if item["type"] == IMAGE_BLOCK and value.get("image"):
            image_ids.append(value["image"])
        elif item["type"] == READ_ALSO_BLOCK and value.get("article"):
            article_ids.append(value["article"])
    return image_ids, article_ids


def load_images(image_ids) -> dict:
    """The images of `image_ids` by id, in one query (none for no id)."""
    return get_image_model().objects.in_bulk(set(image_ids)) if image_ids else {}


def _struct(block, raw: dict, objects: dict):
    """A StructBlock value with some children given as already-loaded objects."""
    items = []
    for name, child in block.child_blocks.items():
        if name in objects:
            items.append((name, objects[name]))
        elif name in raw:
            items.append((name, child.to_python(raw[name])))
        else:
            items.append((name, child.get_default()))
    return block.meta.value_class(block, items)


def prepared_body(body, *, images: dict, articles: dict, leave_out=()) -> StreamValue:
    """`body` with its image and « Lire aussi » blocks bound to `images` and `articles` (by id).

    A missing image or article (deleted, or a linked article that is not live and public) becomes
    None, which the block templates leave out. Other block types are converted by Wagtail, in bulk;
    the types in `leave_out` are dropped before any conversion (a feed leaves out the partner strip,
    whose chooser would cost a query per article).
    """
    stream_block = body.stream_block
    raw_items = [item for item in body.raw_data if item["type"] not in leave_out]
    values = [None] * len(raw_items)
    indexes_by_type = defaultdict(list)
    for index, item in enumerate(raw_items):
        indexes_by_type[item["type"]].append(index)
    for type_name, indexes in indexes_by_type.items():
        block = stream_block.child_blocks[type_name]
        raws = [raw_items[index]["value"] for index in indexes]
        if type_name == IMAGE_BLOCK:
            converted = [_struct(block, raw, {"image": images.get(raw.get("image"))}) for raw in raws]
        elif type_name == READ_ALSO_BLOCK:
            converted = [_struct(block, raw, {"article": articles.get(raw.get("article"))}) for raw in raws]
        else:
            converted = block.bulk_to_python(raws)
        for index, value in zip(indexes, converted, strict=True):
            values[index] = value
    return StreamValue(
        stream_block,
        [(item["type"], value, item.get("id")) for item, value in zip(raw_items, values, strict=True)],
        is_lazy=False,
    )
