"""The external checks as functions: the Nu HTML Checker, feedparser, JSON-LD and date rules.

Each returns readable problems (an empty list when all is well), so a test can report every page
at once. vnu-jar checks any number of files in ONE Java start (the start costs seconds).
"""

import datetime
import email.utils
import json
import re
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations of the page in Chromium, as readable lines."""
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm ci"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_RULES)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# W3C date, or date-time to the second: what <time datetime>, sitemaps and schema.org all accept.
W3C = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")
JSON_LD_DATE_KEYS = re.compile(r"^date|Date$|^(uploadDate|startDate|endDate|foundingDate|birthDate|expires)$")
FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def vnu_errors(files: list[Path], *, timeout: int = 600) -> list[str]:
    """Errors of the Nu HTML Checker over every file, in one Java run."""
    assert VNU.exists(), "vnu-jar is missing: `make test` installs it with npm ci"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java"
    command = [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603 - our own files
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message.get('message')} «{message.get('extract', '').strip()[:80]}»"
        for message in messages
        if message.get("type") in ("error", "non-document-error")
    ]


def machine_date_problem(value: str) -> str | None:
    """Why `value` is not a W3C date or a date-time to the second at Paris's offset (None if it is)."""
    if not isinstance(value, str) or not W3C.match(value):
        return f"{value!r} is not a date or a date-time to the second"
    if "T" in value:
        moment = datetime.datetime.fromisoformat(value)
        if moment.utcoffset() != moment.astimezone(PARIS).utcoffset():
            return f"{value!r} is not at Paris's offset"
    return None


def rfc822_date_problem(value: str) -> str | None:
    moment = email.utils.parsedate_to_datetime(value)
    if moment.utcoffset() != moment.astimezone(PARIS).utcoffset():
        return f"{value!r} is not at Paris's offset"
    return None


def json_ld_dates(node, path="$"):
    """Every (path, value) of a JSON-LD tree whose key names a date."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and JSON_LD_DATE_KEYS.search(key):
                yield f"{path}.{key}", value
            else:
                yield from json_ld_dates(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from json_ld_dates(value, f"{path}[{index}]")


def html_machine_dates(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Every machine-readable date of a page: <time datetime>, date meta tags, JSON-LD dates."""
    found = [("<time>", tag["datetime"]) for tag in soup.find_all("time") if tag.has_attr("datetime")]
    for meta in soup.find_all("meta"):
        name = meta.get("property") or meta.get("name") or ""
        if name.endswith(("_time", ":published", ":modified")):
            found.append((f"meta {name}", meta.get("content", "")))
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            found += [(f"JSON-LD {path}", value) for path, value in json_ld_dates(json.loads(script.string or ""))]
        except ValueError:
            continue  # reported by json_ld_problems
    return found


def _absolute(url) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def _json_ld_node_problems(node: dict, where: str) -> list[str]:
    """The structured-data rules the project holds to (tests/articles/test_structured_data.py and
    tests/entities/test_knowledge_base.py), for any node."""
    problems = []
    kind = node.get("@type")
    if not kind:
        return [f"{where}: no @type"]
    if kind == "NewsArticle":
        for key in ("headline", "datePublished", "dateModified", "author", "publisher", "url", "inLanguage"):
            if not node.get(key):
                problems.append(f"{where}: NewsArticle without {key}")
        if node.get("inLanguage") != "fr":
            problems.append(f"{where}: inLanguage is {node.get('inLanguage')!r}")
        for author in node.get("author") or []:
            if not author.get("name") or not _absolute(author.get("url")):
                problems.append(f"{where}: author without name or absolute url: {author}")
        publisher = node.get("publisher") or {}
        if not publisher.get("name") or not _absolute((publisher.get("logo") or {}).get("url")):
            problems.append(f"{where}: publisher without name or logo")
        for image in node.get("image") or []:
            if not _absolute(image):
                problems.append(f"{where}: image {image!r} is not absolute")
        for group in ("about", "mentions"):
            for entity in node.get(group) or []:
                if entity.get("@type") not in ("Organization", "Person") or not entity.get("name") or not _absolute(entity.get("url")):
                    problems.append(f"{where}: {group} entry {entity}")
    elif kind == "BreadcrumbList":
        items = node.get("itemListElement") or []
        if [item.get("position") for item in items] != list(range(1, len(items) + 1)):
            problems.append(f"{where}: breadcrumb positions are not 1..n")
        for item in items:
            if not item.get("name") or not _absolute(item.get("item")):
                problems.append(f"{where}: breadcrumb item {item}")
    elif kind in ("Organization", "Person"):
        if not node.get("name") or not _absolute(node.get("url")):
            problems.append(f"{where}: {kind} without name or absolute url")
        for same_as in node.get("sameAs") or []:
            if not _absolute(same_as):
                problems.append(f"{where}: sameAs {same_as!r}")
    elif kind == "WebSite":
        target = ((node.get("potentialAction") or {}).get("target") or {}).get("urlTemplate", "")
        if node.get("inLanguage") != "fr" or "{search_term_string}" not in target:
            problems.append(f"{where}: WebSite without language or search action")
    if node.get("url") is not None and not _absolute(node["url"]):
        problems.append(f"{where}: url {node['url']!r} is not absolute")
    return problems


def json_ld_problems(soup: BeautifulSoup, where: str) -> list[str]:
    """Every JSON-LD block of the page parses, says @context schema.org, follows the rules above,
    and its dates are machine dates."""
    problems = []
    for number, script in enumerate(soup.find_all("script", type="application/ld+json")):
        label = f"{where} JSON-LD #{number}"
        try:
            node = json.loads(script.string or "")
        except ValueError as error:
            problems.append(f"{label}: does not parse ({error})")
            continue
        nodes = node if isinstance(node, list) else [node]
        for item in nodes:
            if item.get("@context") != "https://schema.org":
                problems.append(f"{label}: @context is {item.get('@context')!r}")
            problems += _json_ld_node_problems(item, label)
    return problems


def page_problems(html: str, where: str) -> list[str]:
    """JSON-LD and machine-date problems of one HTML page."""
    soup = BeautifulSoup(html, "html.parser")
    problems = json_ld_problems(soup, where)
    for label, value in html_machine_dates(soup):
        problem = machine_date_problem(value)
        if problem:
            problems.append(f"{where} {label}: {problem}")
    return problems


def feed_problems(content: bytes, where: str) -> list[str]:
    """feedparser reads the feed without bozo, with entries, and its dates are machine dates."""
    parsed = feedparser.parse(content)
    problems = []
    if parsed.bozo:
        problems.append(f"{where}: bozo ({parsed.bozo_exception!r})")
    if parsed.version not in ("rss20", "atom10"):
        problems.append(f"{where}: version {parsed.version!r}")
    for entry in parsed.entries:
        if not entry.get("title") or not entry.get("link"):
            problems.append(f"{where}: entry without title or link")
    for name, value in _xml_texts(content, ("pubDate", "lastBuildDate")):
        problem = rfc822_date_problem(value)
        if problem:
            problems.append(f"{where} <{name}>: {problem}")
    for name, value in _xml_texts(content, ("updated", "published")):
        problem = machine_date_problem(value)
        if problem:
            problems.append(f"{where} <{name}>: {problem}")
    return problems


def _xml_texts(content: bytes, names) -> list[tuple[str, str]]:
    """(local name, text) of every element of `content` whose local name is in `names`."""
    root = ElementTree.fromstring(content)
    return [(element.tag.rsplit("}", 1)[-1], element.text or "") for element in root.iter() if element.tag.rsplit("}", 1)[-1] in names]


def sitemap_problems(content: bytes, where: str) -> list[str]:
    """The sitemap parses as XML and its dates are machine dates."""
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        return [f"{where}: does not parse ({error})"]
    if root.tag.rsplit("}", 1)[-1] not in ("urlset", "sitemapindex"):
        return [f"{where}: not a sitemap"]
    problems = []
    for name, value in _xml_texts(content, ("lastmod", "publication_date")):
        problem = machine_date_problem(value)
        if problem:
            problems.append(f"{where} <{name}>: {problem}")
    return problems
