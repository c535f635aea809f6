"""What a partner's change makes stale: the pages showing its « Ils nous font confiance » block.

Partners know no page type: the home page is the site root `/`, its rubriques are the pages it
chose, site-wide means every page (newsroom.cache_purge.all_public_paths). The articles app adds
the article pages (placement « sur les pages article », partner strips, sponsored articles).
"""

from newsroom.cache_purge import all_public_paths, live_public_pages, page_paths, register_object_paths


def placement_paths(partner) -> set[str]:
    """The pages where the partner's block shows today: every page for a site-wide partner, else
    the home page, the chosen and the sponsored rubriques (none for an archived or out-of-dates
    partner), every page for a sponsored tag."""
    if partner.pk is None or not partner.is_active():
        return set()
    # Sponsored tags: their pages are the article side's routes, which partners do not know.
    if partner.on_site or partner.sponsored_tags.exists():
        return all_public_paths(html_only=True)
    paths = {"/"} if partner.on_home else set()
    section_ids = [section.pk for section in partner.sections.all()] + [section.pk for section in partner.sponsored_sections.all()]
    if section_ids:
        paths |= page_paths(live_public_pages().filter(pk__in=section_ids))
    return paths


def connect() -> None:
    """Wire this app's public paths into the page-cache purge (named in its app config's `connects`)."""
    from partners.models import Partner

    register_object_paths(Partner, placement_paths)
