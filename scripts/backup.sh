#!/usr/bin/env bash
# Back up the site: the PostgreSQL database (pg_dump, custom format) and the uploaded media, into a
# timestamped folder with a manifest and SHA-256 checksums. Restore with scripts/restore.sh.
#
#   DATABASE_URL=postgres://… DJANGO_MEDIA_ROOT=/srv/newsroom/media scripts/backup.sh [DESTINATION]
#
# DESTINATION defaults to var/backups. Prints the path of the new backup on stdout.
# See docs/backup-and-restore.md.
set -euo pipefail

DEST_ROOT=${1:-var/backups}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-var/media}
PG_DUMP=${PG_BIN:+$PG_BIN/}pg_dump

case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL (SQLite is for development only)" >&2; exit 2 ;;
esac
if [ ! -d "$MEDIA_ROOT" ]; then
  echo "backup.sh: media folder $MEDIA_ROOT does not exist (set DJANGO_MEDIA_ROOT)" >&2
  exit 2
fi

# Dumps hold password hashes and unpublished articles: readable by the owner only.
umask 077
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DEST="$DEST_ROOT/newsroom-$STAMP"
mkdir -p "$DEST"
PARTIAL=1
cleanup() { if [ "$PARTIAL" = 1 ]; then rm -rf "$DEST"; fi; }
trap cleanup EXIT

# The database first, then the media: every file the dump refers to was on disk before the media
# archive was started (uploads are never rewritten in place, only added or deleted).
"$PG_DUMP" --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$DEST/database.dump"
tar --create --file="$DEST/media.tar" --directory="$MEDIA_ROOT" --numeric-owner .

# The manifest never repeats the password of DATABASE_URL.
{
  echo "format=newsroom-backup-1"
  echo "created_at=$STAMP"
  echo "host=$(hostname)"
  echo "database=$(printf '%s' "$DATABASE_URL" | sed -E 's#^([a-z]+://)[^@/]*@#\1#')"
  echo "pg_dump=$("$PG_DUMP" --version)"
  echo "git_commit=$(git -C "$(dirname "$0")/.." rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "media_files=$(find "$MEDIA_ROOT" -type f | wc -l)"
  echo "database_bytes=$(stat -c %s "$DEST/database.dump")"
  echo "media_bytes=$(stat -c %s "$DEST/media.tar")"
} >"$DEST/MANIFEST"
(cd "$DEST" && sha256sum database.dump media.tar MANIFEST >SHA256SUMS)

PARTIAL=0
echo "$DEST"
