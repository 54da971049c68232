#!/bin/sh
# The database: where it lives, migration from the first schema, refusing
# newer and foreign files, the busy lock, and the append-only audit log.
. "$(dirname "$0")/lib.sh"

# Location: -f, then $CRM_DB, then $XDG_DATA_HOME, then ~/.local/share.
mkdir -p "$T/h"
run root env -u CRM_DB HOME="$T/h" crm-user add -g admin root 'А'
is "$rc" 0 "created under HOME"
ok "$(test -f "$T/h/.local/share/crm/crm.db"; echo $?)" \
    "~/.local/share/crm/crm.db, directories made on first use"
run root env -u CRM_DB XDG_DATA_HOME="$T/xdg" crm-user add -g admin root 'А'
ok "$(test -f "$T/xdg/crm/crm.db"; echo $?)" "\$XDG_DATA_HOME/crm/crm.db"
run root crm-user add -f "$T/deep/er/f.db" -g admin root 'А'
ok "$(test -f "$T/deep/er/f.db"; echo $?)" "-f wins over \$CRM_DB"
# Without HOME, the home of the password database: a user of the test's
# own, whose home is nowhere, so that no real home is read or written.
if [ "$(id -u)" -eq 0 ] && command -v useradd > /dev/null; then
	U=crmhome$$
	pwhome=/nonexistent/crm-test-$$
	useradd -M -d "$pwhome" -s /bin/sh "$U" || exit 1
	trap 'userdel "$U" 2>/dev/null; rm -rf "$T"' EXIT
	errout=$($UNFAKE runuser -u "$U" -- env -u CRM_DB -u HOME -u XDG_DATA_HOME \
	    "$TOP/cmd/crm-user" list 2>&1)
	like "$errout" "^crm-user: $pwhome/.local/share/crm/crm.db: no database" \
	    "no HOME: the home directory from the password database"
else
	skip_one "no HOME: a user of the test's own needs root and useradd"
fi
run root crm-user list -f "$T/none.db"
is "$rc" 1 "a reading tool does not create a database"
ok "$(test ! -e "$T/none.db"; echo $?)" "and leaves no file behind"

# The schema version: how many migrations lib/schema.c lists.
V=$(tr '\n' ' ' < "$TOP/lib/schema.c" |
    sed -n 's/.*crmi_migrations\[\] = {\([^}]*\)NULL *};.*/\1/p' |
    tr -cd ',' | wc -c)
AUDIT='SELECT id, at, actor, entity, entity_id, owner_id, action, detail
    FROM audit'

# Every open: WAL, and the schema version.
run root crm-user add -g admin root 'Администратор'
if sqlite_only "WAL is a SQLite journal mode"; then
is "$(sqlite3 "$CRM_DB" 'PRAGMA journal_mode')" wal "WAL journal"
fi
is "$(dbversion)" "$V" "schema version $V"

# Migration from a file made by schema 1, kept in tests/data.
if sqlite_only "tests/data/v1.db is a SQLite file of schema 1"; then
cp "$TOP/tests/data/v1.db" "$T/v1.db"
before=$(dbq -f "$T/v1.db" "SELECT * FROM person; $AUDIT")
run root crm-user list -t -f "$T/v1.db"
is "$rc" 0 "a schema 1 database opens"
is "$(dbversion -f "$T/v1.db")" "$V" "migrated to $V"
is "$(dbq -f "$T/v1.db" "SELECT * FROM person; $AUDIT")" \
    "$before" "people and the audit log kept, unchanged"
is "$(dbq -f "$T/v1.db" "SELECT count(*) FROM stage")" 6 \
    "new tables made, with their defaults"
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" "ivanov petrova root " \
    "the tools read the migrated data"
run root crm-user add -f "$T/v1.db" -g manager -h petrova smirnova 'С'
is "$rc" 0 "and write to it"

# A newer database is refused, with the version of crm it needs.
cp "$TOP/tests/data/v1.db" "$T/new.db"
dbversion -f "$T/new.db" 99
dbq -f "$T/new.db" "UPDATE meta SET value = '7.1.0' WHERE key = 'crm_version';
    INSERT INTO meta VALUES ('crm_version', '7.1.0')
    ON CONFLICT (key) DO UPDATE SET value = '7.1.0'"
sum=$(md5sum < "$T/new.db")
run root crm-user list -f "$T/new.db"
is "$rc" 1 "newer database: exit 1"
like "$errout" "schema 99 is newer .*crm 7.1.0 or later is needed" \
    "newer database: says which crm is needed"
is "$(md5sum < "$T/new.db")" "$sum" "newer database: not touched"
fi

# Not a database.
printf 'this is a spreadsheet, not a database\n%.0s' 1 2 3 4 5 6 7 8 \
    > "$T/junk.db"
sum=$(md5sum < "$T/junk.db")
run root crm-user list -f "$T/junk.db"
is "$rc" 1 "not a database: exit 1"
like "$errout" "junk.db: not a crm database" "not a database: message"
is "$(md5sum < "$T/junk.db")" "$sum" "not a database: not touched"

# A writer blocked past the busy timeout exits 75 and changes nothing.
# The lock is held until the file hold goes, however slow the tool is to
# start (under valgrind, seconds).
if sqlite_only "BEGIN IMMEDIATE holds SQLite's write lock on the file"; then
touch "$T/hold"
(echo 'BEGIN IMMEDIATE;'; while [ -e "$T/hold" ]; do sleep 0.1; done;
    echo 'COMMIT;') | sqlite3 -cmd '.timeout 30000' "$CRM_DB" &
lock_wait
CRM_BUSY_MS=300
fails root 75 "busy" "write lock held elsewhere" \
    crm-user add -g head petrova 'Петрова'
rm -f "$T/hold"
wait
CRM_BUSY_MS=2000
fi
run root crm-user add -g head petrova 'Петрова'
is "$rc" 0 "the same write succeeds once the lock is gone"

# The audit log is append-only, whoever writes to the file.
dbq "UPDATE audit SET actor = 'x'" 2>"$T/e"
like "$(cat "$T/e")" "append-only" "UPDATE on the audit log refused"
dbq "DELETE FROM audit" 2>"$T/e"
like "$(cat "$T/e")" "append-only" "DELETE on the audit log refused"
is "$(dbq 'SELECT count(*) FROM audit')" 2 "log intact"

# CRM_NOW and CRM_USER are honoured for root only (see tests/8x for a
# real unprivileged user); the clock is otherwise the system's.
CRM_NOW="2026-02-30 09:00:00"
fails root 1 "invalid CRM_NOW '2026-02-30 09:00:00'" "an impossible CRM_NOW" \
    crm-user add -g manager -h petrova m0 'М'
CRM_NOW="2020-01-01 09:00:00"
run root crm-user add -g manager -h petrova m0 'М'
is "$(dbq "SELECT created_at FROM person WHERE login='m0'")" \
    "2020-01-01 09:00:00" "root's CRM_NOW replaces the clock"
before=$(date +%s)
run root env -u CRM_NOW crm-user add -g manager -h petrova m1 'М'
after=$(date +%s)
at=$(date -d "$(dbq "SELECT created_at FROM person WHERE login='m1'")" +%s)
ok "$([ "$at" -ge $((before - 1)) ] && [ "$at" -le $((after + 1)) ]; echo $?)" \
    "without CRM_NOW, the system clock"

done_testing
