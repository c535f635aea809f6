"""`{% request_id %}`: the id of the current request, for error pages a reader can quote."""

from django import template

from newsroom.request_context import current_request_id

register = template.Library()


@register.simple_tag
def request_id():
    """The current request's id, or an empty string outside a request.

    Error pages are rendered without a context (no context processor may touch the database
    while it is down), so the id comes from the request context variable instead.
    """
    return current_request_id() or ""
