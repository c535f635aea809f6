"""Helpers shared by the browser tests."""

import time


class AutosaveWatcher:
    """Follows the page editor's autosave, to submit the form only once it has gone quiet.

    Wagtail autosaves about 1.5 s after the last change (a 500 ms change poll, then two debounces),
    and a pending autosave is not cancelled when the form is submitted: it then races the
    submission (on a new page, both requests would create it).
    """

    QUIET_SECONDS = 2.5

    def __init__(self, page):
        self.page = page
        self.pending = set()
        self.last_activity = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request):
        if request.method == "POST" and request.headers.get("accept") == "application/json" and "/admin/pages/" in request.url:
            self.pending.add(request)
            self.last_activity = time.monotonic()

    def _ended(self, request):
        if request in self.pending:
            self.pending.discard(request)
            self.last_activity = time.monotonic()

    def wait_until_quiet(self, timeout: float = 20.0):
        started = time.monotonic()
        self.last_activity = max(self.last_activity, started)
        while self.pending or time.monotonic() - self.last_activity < self.QUIET_SECONDS:
            assert time.monotonic() - started < timeout, f"the editor's autosave did not go quiet within {timeout} s"
            self.page.wait_for_timeout(100)  # lets Playwright deliver the request events


class BrowserProblems:
    """JavaScript errors, console errors and server errors seen by a page, checked at the end."""

    def __init__(self, page):
        self.problems = []
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status} on {response.request.method} {response.url}")

    def check(self):
        assert not self.problems, "\n".join(self.problems)
