"""The MDN HTTP Observatory's own scanner, run against the site on loopback.

The scanner (npm @mdn/mdn-http-observatory, pinned in package.json) grades the response headers
of a home page the way https://developer.mozilla.org/observatory does. On loopback there is no TLS,
so two of its ten tests cannot pass whatever the site does: « redirection to HTTPS » and « HSTS »
(production.py sets both; tests/newsroom/test_settings.py checks them). The test records the raw
score and the score the same scan earns without those two transport tests, regraded with the
scanner's own rule (extra credit only once the uncurved score reaches 90), and requires every
other test to pass.
"""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from demo import factories

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
SCANNER = ROOT / "node_modules" / ".bin" / "mdn-http-observatory-scan"
TRANSPORT_TESTS = {"redirection", "strict-transport-security"}
EXTRA_CREDIT_FROM = 90  # MINIMUM_SCORE_FOR_EXTRA_CREDIT in the scanner's grader/charts.js


def regrade(tests: dict, leave_out: set[str]) -> int:
    """The scanner's scoring rule applied to its own per-test modifiers, without ``leave_out``."""
    modifiers = [test["scoreModifier"] for name, test in tests.items() if name not in leave_out]
    uncurved = 100 + sum(m for m in modifiers if m < 0)
    return 100 + sum(modifiers) if uncurved >= EXTRA_CREDIT_FROM else uncurved


def scan(host: str) -> dict:
    # The install hooks that download the HSTS preload list are skipped (closed network, see the
    # Makefile); a loopback address is on no preload list, so an empty one is the truth here.
    preload = PACKAGE / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    completed = subprocess.run([str(SCANNER), host], capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert not result.get("error"), result
    return result


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_headers_earn_the_top_grade_apart_from_transport(live_server, section, author):
    factories.make_article(section=section, authors=[author], tags=["IA"])
    result = scan(urlsplit(live_server.url).netloc)
    tests = result["tests"]

    failing = {name: test["result"] for name, test in tests.items() if not test["pass"]}
    assert set(failing) <= TRANSPORT_TESTS, failing
    assert tests["content-security-policy"]["result"] == "csp-implemented-with-no-unsafe"
    assert tests["x-frame-options"]["result"] == "x-frame-options-implemented-via-csp"
    assert tests["referrer-policy"]["pass"] and tests["x-content-type-options"]["pass"]

    raw = result["scan"]["score"]
    without_transport = regrade(tests, TRANSPORT_TESTS)
    assert raw == regrade(tests, set())  # the regrading rule is the scanner's own
    assert without_transport >= 100
    print(
        f"MDN HTTP Observatory on loopback: {raw} ({result['scan']['grade']}) over plain HTTP, {without_transport} without the transport tests"
    )
