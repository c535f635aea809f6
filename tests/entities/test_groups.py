"""Group structure: parent and subsidiaries with dates, on the entity page, in JSON-LD, and the
« Tout le groupe Meta » listing."""

import datetime
import json
import re

from django.core.exceptions import ValidationError

import pytest

from demo import factories
from entities.models import GroupLink
from entities.public_paths import entity_path, entity_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(section, author):
    group = factories.make_meta_group()
    meta, instagram, oculus = group.meta, group.instagram, group.oculus
    about_instagram = factories.make_article(
        section=section, authors=[author], title="Instagram teste un fil chronologique", entities=[instagram]
    )
    about_oculus = factories.make_article(section=section, authors=[author], title="Oculus change de nom", entities=[oculus])
    return meta, instagram, about_instagram, about_oculus


def _json_ld(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_the_group_page_lists_its_members_and_offers_the_whole_group(client, group):
    _meta, _, about_instagram, about_oculus = group

    page = client.get("/entites/meta/").content.decode()
    whole = client.get("/entites/meta/?groupe=tout").content.decode()

    assert 'href="/entites/instagram/"' in page and "depuis avril 2012" in page and "jusqu’en octobre 2020" in page
    assert "Tout le groupe Meta" in page and about_instagram.title not in page
    assert "Nos articles sur le groupe Meta" in whole and about_instagram.title in whole
    assert about_oculus.title not in whole  # a former subsidiary is not the group any more


def test_json_ld_names_parent_and_current_subsidiaries(client, group):
    page = client.get("/entites/meta/").content.decode()
    member = client.get("/entites/instagram/").content.decode()

    (meta_node,) = [node for node in _json_ld(page) if node.get("name") == "Meta"]
    (instagram_node,) = [node for node in _json_ld(member) if node.get("name") == "Instagram"]
    assert [node["name"] for node in meta_node["subOrganization"]] == ["Instagram", "WhatsApp"]
    assert instagram_node["parentOrganization"]["name"] == "Meta"
    assert "Filiale de" in member and 'href="/entites/meta/"' in member


def test_a_group_change_purges_both_pages_and_bad_links_are_refused(group):
    meta, instagram, *_ = group

    assert entity_path("meta") in entity_paths(instagram) and entity_path("instagram") in entity_paths(meta)
    with pytest.raises(ValidationError):
        GroupLink(parent=meta, child=meta).full_clean()
    with pytest.raises(ValidationError):
        GroupLink(parent=meta, child=instagram, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 1, 1)).full_clean()


# --- The shared reading of groups (entities.groups): entity page, search and alerts -----------


def test_current_subsidiaries_and_groups_read_current_links_between_live_entities(group, django_assert_num_queries):
    from entities.groups import current_groups, current_subsidiaries

    meta, instagram, *_ = group
    hidden = factories.make_entity(name="Projet caché", slug="projet-cache", live=False)
    GroupLink.objects.create(parent=meta, child=hidden)
    whatsapp = factories.make_entity(name="WhatsApp Business", slug="whatsapp-business")
    GroupLink.objects.create(parent=instagram, child=whatsapp)

    with django_assert_num_queries(1):
        members = current_subsidiaries([meta.pk, instagram.pk, hidden.pk])
    with django_assert_num_queries(1):
        groups = current_groups([instagram.pk, whatsapp.pk, hidden.pk, meta.pk])
    with django_assert_num_queries(0):
        assert current_subsidiaries([]) == {} and current_groups([]) == {}

    # Oculus left in 2020 and the unpublished entity is no one's business: neither counts.
    assert [entity.name for entity in members[meta.pk]] == ["Instagram", "WhatsApp"]
    assert [entity.name for entity in members[instagram.pk]] == ["WhatsApp Business"]
    assert hidden.pk not in members
    assert groups == {instagram.pk: [meta.pk], whatsapp.pk: [instagram.pk]}


def test_the_whole_group_link_needs_a_current_subsidiary(client, section):
    former = factories.make_entity(name="Ancien groupe", slug="ancien-groupe")
    gone = factories.make_entity(name="Ancienne filiale", slug="ancienne-filiale")
    GroupLink.objects.create(parent=former, child=gone, end_date=datetime.date(2020, 1, 1))

    page = client.get("/entites/ancien-groupe/").content.decode()

    assert "Ancienne filiale" in page and "Tout le groupe Ancien groupe" not in page
    assert 'name="filiales"' not in page, "no « et ses filiales » to follow without a current subsidiary"


def test_the_follow_form_of_a_group_offers_its_subsidiaries_unticked(client, group):
    page = client.get("/entites/meta/").content.decode()
    member = client.get("/entites/instagram/").content.decode()

    box = re.search(r'<input type="checkbox" name="filiales"[^>]*>', page).group(0)
    assert 'value="meta"' in box and "checked" not in box
    assert "et ses filiales (Instagram, WhatsApp)" in page
    assert 'name="filiales"' not in member
