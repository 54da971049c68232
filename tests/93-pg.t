#!/bin/sh
# PostgreSQL (issue 19): a server of the test's own (tests/pg.sh), the
# driver's unit test against it (tests/unit/t-pg), the tools choosing the
# driver from CRM_DB, and what they say when the server is not there.
# What the tools do on PostgreSQL so far, and what not: PG-STATUS.md.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

pg_need

# Under make check-pg lib.sh has started one already: this test times its own.
pg_stop
trap 'pg_stop; rm -rf "$T"' EXIT
t0=$(date +%s%N)
pg_start
ok $? "a server started in a directory of its own"
t1=$(date +%s%N)
echo "# initdb and start: $(( (t1 - t0) / 1000000 )) ms"
[ -S "$PGDIR/.s.PGSQL.5432" ]
ok $? "listening on a Unix socket in that directory"
! "$PGBIN/psql" -X -h 127.0.0.1 -U crm -d postgres -c 'SELECT 1' \
    >/dev/null 2>&1
ok $? "no TCP"
db=$(pg_db t93)
ok $? "a database made: $db"

tests="$TOP/tests/unit/t-pg"
CRM_TEST_PGDB=$db "$tests" > "$T/unit" 2>&1
ok $? "tests/unit/t-pg passes against the server"
like "$(tail -1 "$T/unit")" '^1\.\.[0-9]+$' "it ran to its end"
grep -q "server's part skipped" "$T/unit"
ok $((! $?)) "its server's part ran"
grep '^not ok' "$T/unit" | sed 's/^/# /'

# A tool reaches the server through the PostgreSQL driver: its message
# is the server's, not SQLite's.
db0=$(pg_db empty)
CRM_DB=$db0 run root crm-user list
is "$rc" 1 "crm-user list on an empty database: exit 1"
like "$errout" "you \('root'\) are not a person in host=$PGDIR dbname=empty" \
    "the database named in the message"

# No server there: cannot open, with libpq's reason; nothing made.
CRM_DB="host=$T/none dbname=x" run root crm-user add -g admin root Root
is "$rc" 1 "no server: exit 1"
like "$errout" "cannot open the database: .*connect" \
    "no server: libpq's reason"
[ ! -e "$T/none" ] && [ ! -e "host=$T" ]
ok $? "no file made for a conninfo"
CRM_DB="postgresql:///x?host=$T/none" run root task-today
is "$rc" 1 "a postgresql:// URI: the PostgreSQL driver too"
like "$errout" "connect" "its message libpq's"

# The first tools give on PostgreSQL what they give on SQLite, with the
# same fixed clock: each command's output and exit status, in order.
tools() {
	crm-user add -g head root "Анна Корнева"
	echo "rc $?"
	crm-user add -g manager -h root ivan "Иван Петров"
	echo "rc $?"
	CRM_USER=root crm-user list
	echo "rc $?"
	CRM_USER=ivan task-add -k other "Написать отчёт"
	echo "rc $?"
	CRM_USER=ivan task-add -k other -d 2026-11-27 -T 10:30 -n "ask Ёлкин" \
	    "Call the bank"
	echo "rc $?"
	CRM_USER=root task-add -u ivan -d 2026-11-25 "Overdue one"
	echo "rc $?"
	CRM_USER=ivan task-today
	echo "rc $?"
	CRM_USER=ivan task-done 1
	echo "rc $?"
	CRM_USER=ivan task-list -a
	echo "rc $?"
	CRM_USER=ivan task-list -q ОТЧЕТ 2026-11-01 2026-12-31
	echo "rc $?"
	CRM_USER=ivan task-list -q ёлкин 2026-11-01 2026-12-31
	echo "rc $?"
	CRM_USER=ivan task-list -s done
	echo "rc $?"
	CRM_USER=ivan task-done 1
	echo "rc $?"
	CRM_USER=root crm-log
	echo "rc $?"
	CRM_USER=root crm-log -k task -u ivan
	echo "rc $?"
}
(unset CRM_USER; CRM_DB="$T/same.db" tools) > "$T/sqlite.out" 2>&1
db2=$(pg_db tools)
(unset CRM_USER; CRM_DB=$db2 tools) 2>&1 |
    sed "s|$db2|$T/same.db|g" > "$T/pg.out"
is "$(grep -c '^rc 0' "$T/sqlite.out")" 14 "the tools ran on SQLite"
is "$(cat "$T/pg.out")" "$(cat "$T/sqlite.out")" \
    "the same on PostgreSQL: crm-user add and list, task-add, task-today," \
    " task-done, task-list, crm-log"
diff "$T/sqlite.out" "$T/pg.out" | sed 's/^/# /'

# The audit log: the same entries, chained, and append-only on the
# server too, for anyone writing SQL by hand.
q() {
	"$PGBIN/psql" -X -At -v ON_ERROR_STOP=1 -d "$db2" -c "$1" 2>&1
}
is "$(q "SELECT count(*), count(hash) FROM audit")" \
    "$(dbq -f "$T/same.db" "SELECT count(*), count(hash) FROM audit")" \
    "as many audit entries as on SQLite, each with its link"
like "$(q "UPDATE audit SET actor = 'x' WHERE id = 1")" "append-only" \
    "an entry's actor changed by hand: refused"
like "$(q "DELETE FROM audit WHERE id = 1")" "append-only" \
    "an entry deleted by hand: refused"
like "$(q "INSERT INTO audit (id, at, actor, entity, entity_id, action)
    VALUES (1000, 'x', 'x', 'x', 1, 'x')")" "append-only" \
    "an entry inserted past the end: refused"
is "$(q "SELECT count(*) FROM audit WHERE actor = 'x'")" 0 \
    "nothing changed"

t2=$(date +%s%N)
pg_stop
t3=$(date +%s%N)
echo "# stop: $(( (t3 - t2) / 1000000 )) ms"
[ ! -e "$PGDIR" ]
ok $? "stopped and removed"

done_testing
