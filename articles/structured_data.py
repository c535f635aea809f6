"""schema.org descriptions of articles and entities (JSON-LD)."""

from django.templatetags.static import static
from django.utils.html import strip_tags

from newsroom.dates import iso_datetime


def entity_ref(entity, base_url: str) -> dict:
    """A short Organization or Person node, with `sameAs` for search engines' knowledge graphs."""
    node = {
        "@type": "Person" if entity.is_person else "Organization",
        "name": entity.name,
        "url": base_url + entity.get_url_path(),
    }
    same_as = [url for url in (entity.website, f"https://www.wikidata.org/wiki/{entity.wikidata_id}" if entity.wikidata_id else "") if url]
    if same_as:
        node["sameAs"] = same_as
    return node


def entity_json_ld(entity, base_url: str, roles=(), image_url: str | None = None, group=None) -> dict:
    """The full node of an entity page; an organisation's current group links become
    `parentOrganization` and `subOrganization`."""
    node = {"@context": "https://schema.org", **entity_ref(entity, base_url)}
    if entity.description:
        node["description"] = entity.description
    if entity.aliases:
        node["alternateName"] = list(entity.aliases)
    if image_url:
        node["image" if entity.is_person else "logo"] = base_url + image_url
    if entity.is_person:
        affiliations = [role.organisation for role in roles if role.end_date is None]
        if affiliations:
            node["affiliation"] = [entity_ref(org, base_url) for org in affiliations]
    elif group:
        parents = [entity_ref(link.parent, base_url) for link in group["parents"] if link.current]
        members = [entity_ref(link.child, base_url) for link in group["members"] if link.current]
        if parents:
            node["parentOrganization"] = parents[0] if len(parents) == 1 else parents
        if members:
            node["subOrganization"] = members
    return node


def article_json_ld(
    *, article, base_url: str, site_name: str, authors, entity_links, sources, section=None, image_url=None, keywords=()
) -> dict:
    """A NewsArticle node: headline, dates, authors, publisher, subjects, mentions and citations."""
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": strip_tags(article.chapo),
        "url": base_url + article.url,
        "inLanguage": "fr",
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article.last_published_at or article.published_at),
        "author": [{"@type": "Person", "name": author.name, "url": base_url + f"/auteurs/{author.slug}/"} for author in authors],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": base_url + "/",
            "logo": {"@type": "ImageObject", "url": base_url + static("img/logo.png"), "width": 600, "height": 60},
        },
    }
    if keywords:
        node["keywords"] = list(keywords)
    if section is not None:
        node["articleSection"] = section.title
    if article.sponsor_id:
        # schema.org's way of saying « paid for by »: search engines and readers see it alike.
        node["sponsor"] = {"@type": "Organization", "name": article.sponsor.name, "url": article.sponsor.url}
    if image_url:
        node["image"] = [base_url + image_url]
    subjects = [entity_ref(link.entity, base_url) for link in entity_links if link.prominence == "sujet"]
    mentions = [entity_ref(link.entity, base_url) for link in entity_links if link.prominence != "sujet"]
    if subjects:
        node["about"] = subjects
    if mentions:
        node["mentions"] = mentions
    if sources:
        node["citation"] = [
            {
                "@type": "CreativeWork",
                "publisher": entity_ref(source.outlet, base_url),
                **({"url": source.url} if source.url else {}),
                **({"name": source.title} if source.title else {}),
            }
            for source in sources
        ]
    return node


def website_json_ld(*, base_url: str, name: str, description: str) -> dict:
    """The site itself, with the search box search engines may show under its name."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "description": description,
        "url": base_url + "/",
        "inLanguage": "fr",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": base_url + "/recherche/?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_json_ld(*, base_url: str, crumbs) -> dict:
    """A BreadcrumbList from (name, path) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": base_url + path}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }
