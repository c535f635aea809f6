"""A middleware that loses the database below the outage middleware, like sessions or auth would."""

from django.db import InterfaceError


class LoseDatabaseInMiddleware:
    """On /essai/middleware-perdu/, fail before the view runs with a closed-connection error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/essai/middleware-perdu/":
            raise InterfaceError("connection already closed")
        return self.get_response(request)
