#!/bin/sh
# PostgreSQL (issue 19): a server of the test's own (tests/pg.sh), the
# driver's unit test against it (tests/unit/t-pg), the tools choosing the
# driver from CRM_DB, and what they say when the server is not there.
# What the tools do on PostgreSQL so far, and what not: PG-STATUS.md.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

pg_have || {
	echo "1..0 # SKIP PostgreSQL's programs (Debian's postgresql) or" \
	    "the user nobody are missing"
	exit 0
}
[ "$(id -u)" -eq 0 ] || {
	echo "1..0 # SKIP the server is started as nobody, which needs root"
	exit 0
}

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
# is the server's, not SQLite's.  (The schema is not PostgreSQL's yet.)
CRM_DB=$db run root crm-user list
is "$rc" 1 "crm-user list on PostgreSQL: not yet (exit 1)"
like "$errout" "^crm-user: host=$PGDIR dbname=t93 user=crm: " \
    "the database named in the message"
unlike=$(printf '%s\n' "$errout" | grep -ci sqlite)
is "$unlike" 0 "no SQLite in it"

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

t2=$(date +%s%N)
pg_stop
t3=$(date +%s%N)
echo "# stop: $(( (t3 - t2) / 1000000 )) ms"
[ ! -e "$PGDIR" ]
ok $? "stopped and removed"

done_testing
