"""Helpers to walk the admin as each role: discover its URLs, classify the answers, fingerprint the database.

Shared by tests/security/test_admin_authorisation.py (every admin URL, GET and POST) and
tests/partners/test_partner_permission_matrix.py (the partner areas, GET).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve

ROLES = ("anonymous", "journalist", "editor", "sales", "superuser")

# The answers a cell may give, one letter each so a URL's row reads at a glance.
ALLOWED = "Y"  # 2xx, or a redirect somewhere other than the login page or the dashboard
DENIED = "N"  # 403, or a redirect to the login page or to the dashboard (Wagtail's « permission denied »)
NOT_FOUND = "4"
NOT_ALLOWED = "M"  # 405: the view takes the other method only
BAD_REQUEST = "B"  # 400: a forged or incomplete form, refused before any processing
EXCEPTION = "E"  # the view raised: a 500 for the user (Wagtail's own error test page, and known upstream bugs)
WROTE = "W"  # allowed, and it added, changed or deleted rows of the fingerprinted tables
LEAKED = "L"  # allowed, but the answer shows something the role must not read (a draft's title…)

# Tables a request may write without changing anything anyone sees: the session, the editor's
# presence and subscriptions, the login throttle's log, thumbnails.
BOOKKEEPING_TABLES = {
    "django_session",
    "wagtailadmin_editingsession",
    "wagtailcore_pagesubscription",
    "wagtailusers_userprofile",
    "wagtailimages_rendition",
    "axes_accesslog",
    "axes_accessattempt",
    "axes_accessfailurelog",
}

LOGIN_PATH = "/admin/login/"
DASHBOARD_PATH = "/admin/"

# Tables whose content must not move when a request is denied: pages and their revisions, the
# workflow, the knowledge base, partners, media, people and what they may do, the planning, preview
# links and live updates.
FINGERPRINTED_TABLES = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_workflowstate",
    "wagtailcore_taskstate",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_grouppagepermission",
    "wagtailcore_groupcollectionpermission",
    "wagtailcore_collection",
    "wagtailcore_site",
    "wagtailcore_workflow",
    "wagtailcore_task",
    "wagtailcore_pageviewrestriction",
    "articles_articlepage",
    "articles_author",
    "entities_entity",
    "partners_partner",
    "wagtailimages_image",
    "wagtaildocs_document",
    "wagtailredirects_redirect",
    "newsroom_siteidentity",
    "auth_user",
    "auth_group",
    "auth_user_groups",
    "auth_group_permissions",
    "taggit_tag",
    "webhooks_webhookendpoint",
    "webhooks_webhookdelivery",
    "planning_plannedstory",
    "planning_newsroomevent",
    "planning_calendarfeed",
    "previews_previewlink",
    "live_liveupdate",
)


@dataclass(frozen=True)
class AdminRoute:
    """One URL pattern under /admin/, as Django's resolver knows it."""

    route: str
    name: str


def admin_routes(prefix: str = "admin/") -> list[AdminRoute]:
    """Every URL pattern mounted under `prefix`, found by walking the project's resolver.

    The route string is joined the way Django joins `ResolverMatch.route`, so a sample URL can be matched back to the pattern it exercises.
    """
    found = []

    def walk(patterns, route, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace or namespace
                walk(pattern.url_patterns, URLResolver._join_route(route, str(pattern.pattern)), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
                found.append(AdminRoute(URLResolver._join_route(route, str(pattern.pattern)), name))

    walk(get_resolver().url_patterns, "", "")
    return [route for route in found if route.route.startswith(prefix)]


def route_of(url: str) -> str:
    """The route string of the pattern that serves `url`."""
    return resolve(urlsplit(url).path).route


def answer(response) -> str:
    """One letter for a response: allowed, denied, not found, method not allowed, bad request, or the status."""
    status = response.status_code
    if status in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        return DENIED if target in (LOGIN_PATH, DASHBOARD_PATH) else ALLOWED
    if 200 <= status < 300:
        return ALLOWED
    return {403: DENIED, 404: NOT_FOUND, 405: NOT_ALLOWED, 400: BAD_REQUEST}.get(status, str(status))


def fingerprint(tables=FINGERPRINTED_TABLES) -> dict[str, str]:
    """Row count, highest primary key and an md5 of every row of each table, in one query.

    Comparing two fingerprints tells whether anything was added, removed or edited in between.
    """
    parts = []
    for table in tables:
        key = _primary_key(table)
        # Table and column names come from this module and the catalogue, never from input.
        parts.append(f"(SELECT row(count(*), max({key}), md5(coalesce(string_agg(t::text, '|' ORDER BY {key}), '')))::text FROM {table} t)")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return dict(zip(tables, cursor.fetchone(), strict=True))


@cache
def _primary_key(table: str) -> str:
    with connection.cursor() as cursor:
        return connection.introspection.get_primary_key_column(cursor, table)


def written_tables() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this transaction, per table (PostgreSQL's own
    counters, rolled-back savepoints included): a cheap check that covers every table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return dict(cursor.fetchall())


def changed_tables(before: dict, after: dict) -> list[str]:
    """The tables whose fingerprint differs."""
    return [table for table in before if before[table] != after[table]]


@dataclass
class Cell:
    """One request of the walk and what came of it."""

    role: str
    method: str
    url: str
    expected: str
    seen: str
    changed: tuple = ()
    error: str = ""
    template: str = ""

    @property
    def failed(self) -> bool:
        return self.seen != self.expected or bool(self.changed)


def leaked(response, secrets) -> str:
    """The first of `secrets` (ASCII markers) found in the body of `response`, or ""."""
    if not secrets:
        return ""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return next((secret for secret in secrets if secret.encode() in body), "")


def try_request(
    client, method: str, url: str, expected: str, role: str, baseline: dict, template: str = "", secrets: tuple[str, ...] = ()
) -> Cell:
    """Send one request in a savepoint that is rolled back afterwards, so every cell sees the same
    database (`baseline`, the fingerprint taken before the walk) whatever an allowed request did.

    A request that is not allowed must write nothing at all (PostgreSQL's per-transaction write
    counters, every table but BOOKKEEPING_TABLES) and, if it wrote anything, leave the
    fingerprint equal to the baseline. An allowed request that writes to the fingerprinted tables reads « W », so an
    expectation says which allowed requests may change data. An allowed answer whose body holds one
    of `secrets` (what the role may not read: titles of pages it could not see on the public site)
    reads « L », whatever was expected.
    """
    with transaction.atomic():
        writes_before = written_tables()
        error = ""
        try:
            response = client.generic(method, url, data="", content_type="application/x-www-form-urlencoded")
            seen = answer(response)
            if seen == ALLOWED and (secret := leaked(response, secrets)):
                seen, error = LEAKED, f"shows {secret!r}"
        except Exception as exc:  # noqa: BLE001 - an exception is what a 500 would have been
            seen, error = EXCEPTION, f"{type(exc).__name__}: {exc}"[:300]
        changed: tuple = ()
        # After an exception the savepoint may be unusable; the cell reads « E » anyway.
        if not error:
            written = {table for table, count in written_tables().items() if count != writes_before.get(table, 0)}
            if seen == ALLOWED:
                if written & set(baseline):
                    seen = WROTE
            elif written:
                # Without a counted write the fingerprint cannot have moved: it is only worth its
                # checksums when PostgreSQL saw one (bookkeeping tables included).
                changed = tuple(sorted((written - BOOKKEEPING_TABLES) | set(changed_tables(baseline, fingerprint()))))
        transaction.set_rollback(True)
    return Cell(role, method, url, expected, seen, changed, error, template or url)
