#!/usr/bin/env bash
# Install the Debian programs the tests and the benchmark drive for real when any is missing:
# chromium (Playwright drives it through executable_path: it cannot download a browser of its own
# here), redis-server (shared cache between app processes), varnish (edge cache), nginx-light (the
# static-file ceiling of the benchmark) and wrk (load generator).
set -euo pipefail
declare -A PACKAGE_OF=(
  [chromium]=chromium
  [redis-server]=redis-server
  [varnishd]=varnish
  [nginx]=nginx-light
  [wrk]=wrk
  [msgfmt]=gettext
)
missing=()
for program in "${!PACKAGE_OF[@]}"; do
  if ! command -v "$program" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$program" ]; then
    missing+=("${PACKAGE_OF[$program]}")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]} (apt-get)…" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
# The packages' own services are not wanted: the tests start their own servers on private ports.
for service in redis-server varnish nginx; do
  $SUDO systemctl disable --now "$service" >/dev/null 2>&1 || $SUDO service "$service" stop >/dev/null 2>&1 || true
done
