#!/bin/sh
# The audit log is a hash chain: crm-verify names the first entry changed
# behind the tools' back (sqlite3 with the triggers dropped, a REPLACE, a
# deleted row, a row whose own hash was recomputed); a rewrite of the
# whole chain passes the walk but not crm-verify N H with the hash the
# head's digest mailed; an admin can erase a detail and the chain still
# verifies; an insert can only append.
. "$(dirname "$0")/lib.sh"

sqlite_only_file "tampering behind the tools' back: triggers dropped, rows rewritten, an old schema in SQLite's DDL; chain.py reads the file"
department || exit 1
T1=$(CRM_USER=ivanov task-add -k other 'Позвонить клиенту')
CRM_USER=ivanov task-done "$T1"
ok $? "a task made and closed, so the log has entries to check"

sq() { dbq "$@" 2>&1; }
n=$(sq "SELECT max(id) FROM audit")

run root crm-verify
is "$rc" 0 "an untouched log verifies"
is "$out$errout" "" "silent when it verifies"
run director crm-verify -v
is "$rc" 0 "a director may walk the log"
H=$(sq "SELECT hash FROM audit WHERE id = $n")
is "$out" "audit: $n $H" "-v: the last entry and its hash"
like "$H" '^[0-9a-f]{64}$' "the hash is SHA-256 in hex"
is "$(sq "SELECT count(*) FROM audit WHERE hash IS NULL OR detail_hash IS NULL")" \
    0 "every entry carries its hashes"

# The hash is what the documented recipe gives, computed another way:
# SHA-256 of the previous hash, the detail's hash, then each column.
python3 "$TOP/tests/data/chain.py" "$CRM_DB"
ok $? "each hash is SHA-256 over the previous hash, the detail's hash, the columns"

# Who may check.
run ivanov crm-verify
is "$rc" 2 "a manager may not walk the whole log"
like "$errout" "only a director or an admin" "the refusal says who may"
run ivanov crm-verify "$n" "$H"
is "$rc" 0 "anyone may check up to the entry the digest gave"
run petrova crm-verify 1 "$H"
is "$rc" 1 "the wrong hash for an entry: found"
is "$errout" "crm-verify: entry 1 does not match the hash given" \
    "names the entry, not its hash, to a head (no oracle)"
run ivanov crm-verify -v 1 "$(printf '%064d' 0)"
is "$rc:$(printf '%s%s' "$out" "$errout" | grep -c '[0-9a-f]\{64\}')" 1:0 \
    "a manager's crm-verify -v N 000...0 prints no hash"
run director crm-verify 1 "$H"
like "$errout" "entry 1 has hash [0-9a-f]{64}, not $H" \
    "a director, who reads every entry, is told its hash"
run root crm-verify 1 abc
is "$rc" 2 "a hash that is no hash: exit 2"
run root crm-verify 01 "$H"
is "$rc" 2 "an entry number as ids are: 01 refused"
run root crm-verify $((n + 5)) "$H"
is "$rc" 1 "an entry past the end is missing"
like "$errout" "entry $((n + 5)) is missing" "says so"

# The triggers: no update, no delete, no insert but at the end.
cp "$CRM_DB" "$T/clean.db"
like "$(sq "UPDATE audit SET actor = 'x' WHERE id = 3")" "append-only" \
    "an update is refused"
like "$(sq "DELETE FROM audit WHERE id = 3")" "append-only" \
    "a delete is refused"
like "$(sq "INSERT OR REPLACE INTO audit (id, at, actor, entity, entity_id,
    action) VALUES (3, '2026-11-26 09:00:00', 'root', 'task', 1, 'create')")" \
    "append-only" "INSERT OR REPLACE of an old id is refused"
like "$(sq "INSERT INTO audit (id, at, actor, entity, entity_id, action)
    VALUES ($((n + 7)), 'x', 'root', 'task', 1, 'x')")" "append-only" \
    "an insert that leaves a gap is refused"
like "$(sq "INSERT INTO audit (at, actor, entity, entity_id, action)
    VALUES ('x', 'root', 'task', 1, 'x')")" "append-only" \
    "an insert without its id is refused"
like "$(sq "UPDATE audit SET detail = '{\"erased\":true}', hash = 'x'
    WHERE id = 3")" "append-only" "an erase that changes the hash is refused"
is "$(sq "SELECT count(*), max(id) FROM audit")" "$n|$n" "the log as it was"
run root crm-verify
is "$rc" 0 "still verifies"

# rehash.py DB FROM TO: change entry FROM's time, then recompute the
# hashes of entries FROM to TO as the library would.
cat > "$T/rehash.py" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
frm, to = int(sys.argv[2]), int(sys.argv[3])
db.execute("DROP TRIGGER audit_no_update")
db.execute("UPDATE audit SET at = '2026-11-20 09:00:00' WHERE id = ?", (frm,))
prev = db.execute("SELECT hash FROM audit WHERE id = ?", (frm - 1,)).fetchone()[0]
for row in db.execute("SELECT detail, detail_hash, id, at, actor, entity,"
                      " entity_id, owner_id, action, cmd FROM audit"
                      " WHERE id BETWEEN ? AND ? ORDER BY id",
                      (frm, to)).fetchall():
    m = hashlib.sha256((prev + row[1]).encode())
    for i, v in enumerate(row[2:]):
        if v is None:
            continue
        t, b = (1, str(v).encode()) if isinstance(v, int) else (3, v.encode())
        m.update(b"%d:%d:%d:" % (i, t, len(b)) + b)
    prev = m.hexdigest()
    db.execute("UPDATE audit SET hash = ? WHERE id = ?", (prev, row[2]))
db.commit()
PY

# Tampering, each on a fresh copy: crm-verify names the first bad entry.
tamper() {	# tamper DESCRIPTION ENTRY PATTERN SQL
	cp "$T/clean.db" "$CRM_DB"
	sq "$4" > /dev/null
	run root crm-verify
	is "$rc" 1 "$1: found"
	like "$errout" "^crm-verify: entry $2$3" "$1: names entry $2"
	# The work goes on, and the finding stays.
	run ivanov task-add 'После подделки'
	is "$rc" 0 "$1: the tools still write"
	run root crm-verify
	like "$errout" "^crm-verify: entry $2$3" "$1: still found after"
}
tamper "an update with the triggers dropped" 5 " does not match its hash" \
    "DROP TRIGGER audit_no_update;
     UPDATE audit SET at = '2026-11-20 09:00:00' WHERE id = 5"
tamper "a detail changed" 4 ": its detail does not match its hash" \
    "DROP TRIGGER audit_no_update;
     UPDATE audit SET detail = '{\"login\":\"x\"}' WHERE id = 4"
tamper "an unlogged erase" 4 ": its detail does not match its hash" \
    "DROP TRIGGER audit_no_update;
     UPDATE audit SET detail = '{\"erased\":true}' WHERE id = 4"
tamper "a REPLACE with the triggers dropped" 3 " does not match its hash" \
    "DROP TRIGGER audit_append_only;
     INSERT OR REPLACE INTO audit SELECT id, at, 'petrova', entity,
     entity_id, owner_id, action, detail, detail_hash, hash, cmd FROM audit
     WHERE id = 3"
tamper "a deleted row" 6 " is missing" \
    "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 6"

# A row whose own hash is recomputed: the next one breaks.
cp "$T/clean.db" "$CRM_DB"
python3 "$T/rehash.py" "$CRM_DB" 5 5
run root crm-verify
is "$rc" 1 "a row's own hash recomputed: found"
like "$errout" "entry 6 does not match its hash" "names the next entry"

# The whole chain recomputed from the changed entry: the walk passes,
# the mailed N and H do not.
cp "$T/clean.db" "$CRM_DB"
python3 "$T/rehash.py" "$CRM_DB" 5 999999
run root crm-verify
is "$rc" 0 "a rewrite of the whole chain passes the walk"
run root crm-verify "$n" "$H"
is "$rc" 1 "but not the hash mailed for entry $n"
like "$errout" "entry $n has hash" "which names it"

# The head's digest carries the last entry and its hash.
cp "$T/clean.db" "$CRM_DB"
run root crm-digest -u petrova
like "$out" "^audit: $n $H$" "the head's digest: audit: N H"
run root crm-digest -u ivanov
is "$(printf '%s\n' "$out" | grep -c '^audit:')" 0 \
    "a manager's digest has no audit line"

# Erase: an admin's, logged, and the chain still verifies.
run petrova crm-erase 4
is "$rc" 1 "a head may not erase"
like "$errout" "only an admin" "the refusal says who may"
run root crm-erase 4
is "$rc" 0 "an admin erases entry 4's detail"
is "$(sq "SELECT detail FROM audit WHERE id = 4")" '{"erased":true}' \
    "the detail is gone"
is "$(sq "SELECT entity, entity_id, action FROM audit
    WHERE id = (SELECT max(id) FROM audit)")" "audit|4|erase" \
    "the erase is logged"
run root crm-verify
is "$rc" 0 "the chain verifies after an erase"
run root crm-verify "$n" "$H"
is "$rc" 0 "and the mailed hash still matches"
run root crm-erase 99999
is "$rc" 1 "no such entry"
run root crm-erase +4
is "$rc" 2 "an entry number as ids are: +4 refused"
sq "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'x' WHERE id = 4" \
    > /dev/null
run root crm-verify
is "$rc" 1 "a tamper after an erase is still found"
like "$errout" "entry 4 does not match" "and named"

# Migration: a database of schema 2 (before the chain), with thousands
# of entries, is chained from its first entry on its first open.
cp "$T/clean.db" "$CRM_DB"
sq "DROP TRIGGER audit_append_only; DROP TRIGGER audit_no_update;
    ALTER TABLE audit DROP COLUMN hash;
    ALTER TABLE audit DROP COLUMN detail_hash;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
     WHERE i < 5000)
    INSERT INTO audit (at, actor, entity, entity_id, owner_id, action,
     detail) SELECT '2026-11-25 10:00:00', 'ivanov', 'task', i, 4,
     'create', '{\"title\":\"' || i || '\"}' FROM k;
    DELETE FROM meta WHERE key = 'zone';
    DROP TABLE reminder; ALTER TABLE calendar DROP COLUMN source;
    DROP INDEX audit_actor_cmd; ALTER TABLE audit DROP COLUMN cmd;
    ALTER TABLE task_move DROP COLUMN undone_at;
    DROP TRIGGER kpi_task_first_kind; DROP TRIGGER kpi_kind_first;
    ALTER TABLE task DROP COLUMN first_kind;
    ALTER TABLE task DROP COLUMN review;
    ALTER TABLE task DROP COLUMN review_note;
    ALTER TABLE task DROP COLUMN reviewed_by;
    ALTER TABLE task DROP COLUMN reviewed_at;
    ALTER TABLE task DROP COLUMN returns;
    ALTER TABLE kpi_day DROP COLUMN returns;
    ALTER TABLE kpi_day DROP COLUMN linked;
    PRAGMA user_version = 2" > /dev/null
is "$(sq "SELECT count(*) FROM audit")" $((n + 5000)) "an old log of $((n + 5000))"
run root crm-verify -v
is "$rc" 0 "migrated: the whole old log is chained and verifies"
is "$(sq "SELECT count(*) FROM audit WHERE hash IS NULL")" 0 \
    "no entry left without its hash"
python3 "$TOP/tests/data/chain.py" "$CRM_DB"
ok $? "the old entries get the hashes the recipe gives"
is "$(sq "SELECT count(*) FROM meta WHERE key = 'zone'")" 1 \
    "migrated: the department's zone is the machine's"
CRM_USER=ivanov task-add 'После миграции' > /dev/null
run root crm-verify
is "$rc" 0 "a new entry chains onto the migrated log"

done_testing
