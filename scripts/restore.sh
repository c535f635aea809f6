#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a fresh, empty database and a fresh media folder.
#
#   createdb newsroom_restored        # (or any empty database the app's user owns)
#   DATABASE_URL=postgres://…/newsroom_restored DJANGO_MEDIA_ROOT=/srv/newsroom/media-restored \
#     scripts/restore.sh var/backups/newsroom-20260127T030000Z
#
# Refuses to touch a database that already has tables or a media folder that is not empty: a
# restore never merges into, or overwrites, a live site. See docs/backup-and-restore.md.
set -euo pipefail

BACKUP=${1:?usage: scripts/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the fresh, empty database to restore into}"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:?DJANGO_MEDIA_ROOT must name the fresh media folder to restore into}
PG_RESTORE=${PG_BIN:+$PG_BIN/}pg_restore
PSQL=${PG_BIN:+$PG_BIN/}psql

fail() { echo "restore.sh: $*" >&2; exit 2; }

[ -f "$BACKUP/SHA256SUMS" ] || fail "$BACKUP is not a backup folder (no SHA256SUMS)"
grep -qx "format=newsroom-backup-1" "$BACKUP/MANIFEST" || fail "unknown backup format in $BACKUP/MANIFEST"
# A corrupted or truncated copy stops here, before anything is written.
(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS) || fail "checksums do not match: the backup is damaged"

tables=$("$PSQL" --dbname="$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
[ "$tables" = "0" ] || fail "the target database already has $tables tables: restore into a fresh database"
if [ -e "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  fail "the media folder $MEDIA_ROOT is not empty: restore into a fresh folder"
fi

"$PG_RESTORE" --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$BACKUP/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --file="$BACKUP/media.tar" --directory="$MEDIA_ROOT" --no-same-owner

echo "restored $(grep '^created_at=' "$BACKUP/MANIFEST" | cut -d= -f2) into $MEDIA_ROOT and the database of DATABASE_URL"
echo "next: python manage.py migrate (a no-op for a backup of the same version), then start the app"
