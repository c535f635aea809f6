#!/usr/bin/env bash
# Known-vulnerability audit of the pinned runtime dependencies (pip-audit, PyPI advisory data).
# pip-audit reads each release's advisories from PyPI's JSON API. Where that API does not answer
# (a closed network that only mirrors the package index), there is nothing to compare against: the
# audit says so loudly and is skipped rather than reporting every package as "clean".
set -euo pipefail
BIN="${BIN:-.venv/bin}"
probe="https://pypi.org/pypi/django/$(grep -i '^django==' requirements.txt | cut -d= -f3)/json"
status=$("$BIN/python" - "$probe" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as response:
        print(response.status)
except Exception as exc:  # noqa: BLE001 - any failure means "no advisory data"
    print(getattr(exc, "code", "unreachable"))
PY
)
if [ "$status" != "200" ]; then
  echo "pip-audit SKIPPED: PyPI's advisory API answered '$status' for $probe (closed network?)." >&2
  exit 0
fi
"$BIN/pip-audit" --requirement requirements.txt --no-deps --disable-pip --strict --progress-spinner off
