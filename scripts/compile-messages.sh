#!/usr/bin/env bash
# Compile the project's French catalogue (locale/fr/LC_MESSAGES/django.po, our overrides of
# Wagtail's and Django's wording) into django.mo. msgfmt comes from Debian's gettext, installed
# with apt-get when missing, as scripts/ensure-system-packages.sh does for the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v msgfmt >/dev/null 2>&1; then
  echo "Installing Debian package: gettext (apt-get)…" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends gettext >/dev/null
fi
for po in locale/*/LC_MESSAGES/*.po; do
  msgfmt --check -o "${po%.po}.mo" "$po"
done
