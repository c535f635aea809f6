"""Template helpers for article listings and bylines."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def section_of(context, article):
    """The section of an article, from the chrome already loaded for the navigation."""
    return context["chrome"].section_of(article)


@register.simple_tag(takes_context=True)
def author_url(context, author):
    """The public page of an author, served by the home page."""
    home = context["chrome"].home
    return home.get_url(request=context.get("request")) + home.reverse_subpage("author", kwargs={"slug": author.slug}) if home else ""


@register.simple_tag(takes_context=True)
def tag_url(context, tag):
    """The public page of a tag, served by the home page."""
    home = context["chrome"].home
    return home.get_url(request=context.get("request")) + home.reverse_subpage("tag", kwargs={"slug": tag.slug}) if home else ""


@register.simple_tag(takes_context=True)
def nav_current(context, section):
    """`aria-current` for a navigation link: « page » on the section itself, « true » inside it."""
    page = context.get("page")
    if page is None or not getattr(page, "path", None):
        return ""
    if page.pk == section.pk:
        return "page"
    return "true" if page.path.startswith(section.path) else ""


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template, or None."""
    return mapping.get(key) if mapping else None
