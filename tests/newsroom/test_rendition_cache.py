"""The renditions cache (newsroom/rendition_cache.py): Wagtail's cache of image renditions, without
the write Wagtail makes every time it uses a rendition it has just read."""

from wagtail.images import get_image_model
from wagtail.images.models import Filter, Rendition

import pytest

from demo import factories
from newsroom.rendition_cache import FileRenditionCache


@pytest.fixture
def renditions_in_files(settings, tmp_path):
    """The shared folder cache (the default without Redis) for renditions, in a folder of its own."""
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "newsroom.rendition_cache.FileRenditionCache", "LOCATION": str(tmp_path)},
    }
    return tmp_path


def entries(folder):
    """{file name: inode} of the cache entries: a rewrite renames a new file over the old one."""
    return {path.name: path.stat().st_ino for path in folder.glob("*.djcache")}


@pytest.mark.django_db
def test_a_rendition_read_from_the_cache_is_not_written_again(renditions_in_files):
    image = factories.make_image()
    first = image.get_rendition("fill-480x270")
    written = entries(renditions_in_files)
    assert len(written) == 1

    # A fresh instance has no prefetched renditions: the lookup reads the shared entry.
    again = get_image_model().objects.get(pk=image.pk).get_rendition("fill-480x270")
    assert again.file.name == first.file.name
    assert entries(renditions_in_files) == written


@pytest.mark.django_db
def test_another_process_reads_the_entry_and_a_deleted_rendition_is_replaced(renditions_in_files, django_assert_num_queries):
    image = factories.make_image()
    old = image.get_rendition("fill-480x270")
    old_entry = entries(renditions_in_files)

    # Another process: a backend of its own (empty memo) on the same folder finds the rendition
    # there without asking the database.
    other = FileRenditionCache(str(renditions_in_files), {})
    spec = Filter("fill-480x270")
    key = Rendition.construct_cache_key(image, spec.get_cache_key(image), spec.spec)
    with django_assert_num_queries(0):
        found = other.get(key)
    assert found is not None
    assert found.file.name == old.file.name

    # Deleting the rendition purges its entry (Wagtail's signal); the next use makes a new one and
    # stores it, although this process had seen the old one under the same key.
    Rendition.objects.filter(pk=old.pk).get().delete()
    assert entries(renditions_in_files) == {}
    new = get_image_model().objects.get(pk=image.pk).get_rendition("fill-480x270")
    assert new.pk != old.pk
    assert set(entries(renditions_in_files)) == set(old_entry)
    assert other.get(key).pk == new.pk


@pytest.mark.django_db
def test_a_page_read_at_once_does_not_write_its_renditions_again(renditions_in_files):
    image = factories.make_image()
    image.get_rendition("fill-480x270")
    written = entries(renditions_in_files)

    # Another process reads the page's renditions in one lookup (articles/renditions.py), then
    # Wagtail's template tag stores the same rendition again: nothing is rewritten.
    other = FileRenditionCache(str(renditions_in_files), {})
    spec = Filter("fill-480x270")
    key = Rendition.construct_cache_key(image, spec.get_cache_key(image), spec.spec)
    found = other.get_many([key])[key]
    other.set(key, found)
    assert entries(renditions_in_files) == written
