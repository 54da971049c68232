# tests/lib.sh: TAP helpers for the shell tests, sourced by tests/*.t.
#
# Each test gets a private directory and database, runs the tools from
# the build tree, and acts as a given person through CRM_USER (the tests
# run as root, the one user CRM_USER is honoured for).
#
# A test reads or changes the database only through the db* helpers
# below (dbq, dbjoin, dbdump, dbversion, dbcheckpoint, dbsound), never
# through sqlite3 itself, so that another backend has to teach those
# helpers and nothing else (rows print as sqlite3's list mode does; a
# truth value is selected as CAST(... AS INTEGER), 1 or 0).  What is
# about SQLite itself stays SQLite's: a file that calls
# `sqlite_only_file REASON`, or a block `if sqlite_only REASON; then
# ... fi`, may call sqlite3.  tests/16-readme.t checks that every sqlite3
# left in tests/*.t is so marked, and that each such file is in this list:
#
#   11-db.t             WAL; the schema 1 file tests/data/v1.db; a write
#                       lock held on the file by BEGIN IMMEDIATE
#   17-examples.t       crm-backup's examples: it copies a SQLite file
#                       (PostgreSQL's copy is pg_dump's)
#   19-store-seam.t     only the SQLite driver in lib/ names sqlite3
#   35-undo.t           SQLite's own JSON functions as the reference for
#                       the turn of a change (sqlite3 :memory:)
#   63-calendar.t       migrating the schema 1 file tests/data/v1.db
#   80-concurrency.t    a write lock held on the file by BEGIN IMMEDIATE
#   82-bad-input.t      files that are no database or a newer one; a
#                       file-size limit on the file and its WAL; the
#                       modes of the file and its directory
#   85-setgid.t         the file's group and mode keep sqlite3 out
#   86-db-holes.t       the file and its WAL in a read-only directory
#   88-audit-chain.t    tampering behind the tools' back: triggers
#                       dropped, rows rewritten, an old schema
#   90-bulk.t           bench/ref-insert.c writes a SQLite file
#   91-output.t         invalid UTF-8 stored as text, which PostgreSQL
#                       refuses
#   97-setgid-attacks.t  the setgid tools guard a SQLite file, its
#                       -wal, -shm and -head (crm(7) SECURITY)
#
# Another person's task that the actor may not change is refused on
# both backends alike, by the library ("you may not change the work of
# 'LOGIN'"): on PostgreSQL too the tools are the one way in (crm(7)
# SECURITY).  `hidden ID MESSAGE [NOUN]` (22, 23, 25, 27, 28, 38, 84)
# names that refusal, MESSAGE, on both.

# The clock.  What a test sets up as root runs at the pinned CRM_NOW
# below, which the tools honour for root only.  Everything else reads a
# clock: the tools run as real Unix users (as, su), the PostgreSQL
# server (crm_now() for anyone but the owner), and the test's own date(1).
# A test that meets one of those computes its dates from the clock it
# reads itself, never from a date written out in the test.  File by file:
#
#   11-db          root without CRM_NOW: the time of record lies between
#                  two readings of date(1) taken around the command
#   13-identity    a real user through su: the log's time is the clock the
#                  user's tool records by (usersclock: the machine's real
#                  one, or the server's)
#   58-demo        the demo's day from date(1) and data/calendar-ru.tsv
#   82-bad-input   a real user through su moves a task to "tomorrow" of
#                  the user's own clock, never to a date written out
#   85-setgid      a setgid tool (no libfaketime): its time of record is
#                  the machine's real clock, read by sysclock
#   86-db-holes    real users through runuser; no time is compared
#   87-zone        a real user through setpriv in many TZs: each time of
#                  record is usersclock's now in the department's zone
#   94-pg-server   the server's clock: crm_now() read from the server,
#                  which starts under the moved clock (pg.sh)
#   94-pg-pooler   date(1) for how long a busy command waited; the
#                  tools through PgBouncer compare no time
#   52, 73, 75, 96 the demo at the pinned day (demo.sh DAY), then root's
#                  pinned clock: nothing read
#   54, 64, 93     date(1) for arithmetic on fixed dates, a unique file
#                  name and timings: no today
#
# CRM_TEST_AT (tests/sweep.sh, make sweep): the machine's clock moved, for
# this file, to that instant, a wall time in $TZ ("2027-01-01 00:00:30"):
# libfaketime is preloaded with the offset from now, taken when the file
# starts, so that the clock goes on from there for the tools, the
# server the test starts, date(1) and every child that keeps the
# environment (as passes it on).  The dynamic loader drops it for setuid
# and setgid programs (su, the tools of make install-shared): they read
# the machine's real clock, which sysclock reads too.
if [ -n "$CRM_TEST_AT" ] && [ -z "$FAKETIME" ]; then
	_at=$(date -d "$CRM_TEST_AT" +%s) || {
		echo "Bail out! CRM_TEST_AT '$CRM_TEST_AT' is not a time"
		exit 1
	}
	_off=$((_at - $(date +%s)))
	[ "$_off" -ge 0 ] && _off=+$_off
	for _lib in /usr/lib/*/faketime/libfaketime.so.1 \
	    /usr/lib/faketime/libfaketime.so.1; do
		[ -f "$_lib" ] && break
	done
	[ -f "$_lib" ] || {
		echo "Bail out! CRM_TEST_AT needs libfaketime (Debian: faketime)"
		exit 1
	}
	FAKETIME=$_off
	FAKETIME_DONT_FAKE_MONOTONIC=1
	LD_PRELOAD=$_lib${LD_PRELOAD:+:$LD_PRELOAD}
	export FAKETIME FAKETIME_DONT_FAKE_MONOTONIC LD_PRELOAD
fi

# sysclock [date(1) ARGS]: the machine's real clock, as a setuid or setgid
# program reads it (libfaketime is not loaded into them).
sysclock() {
	env -u LD_PRELOAD -u FAKETIME date "$@"
}

# libfaketime keeps a semaphore and shared memory named after the process
# that loaded it, in /dev/shm, left behind when that process execs: a
# later process of another user with the same pid cannot make its own.
# So the moved clock stays with root's processes: a command that becomes
# another user starts without it ($UNFAKE runuser ..., su, setpriv), and
# a real user's tool reads the machine's real clock (usersclock below).
# The PostgreSQL server that a test starts keeps it, with a /dev/shm of
# its own ($FAKESERVER, tests/pg.sh): its clock is the time of record of
# everyone's tools on PostgreSQL.
UNFAKE=
FAKESERVER=
if [ -n "$FAKETIME" ]; then
	UNFAKE="env -u LD_PRELOAD -u FAKETIME_SHARED"
	FAKESERVER="env FAKETIME=$FAKETIME FAKETIME_DONT_FAKE_MONOTONIC=1"
	FAKESERVER="$FAKESERVER LD_PRELOAD=$LD_PRELOAD"
fi

# usersclock [date(1) ARGS]: the clock a real user's tool records by: the
# server's on PostgreSQL (moved with the test's), else the machine's real
# one.
usersclock() {
	if _dbpg "$CRM_DB"; then
		date "$@"
	else
		sysclock "$@"
	fi
}

# clock_near TIME [ZONE [DATE]]: true if TIME, a wall time in ZONE (default
# $TZ or the machine's zone), is the clock of date(1) DATE (default date)
# now, give or take ten seconds.
clock_near() {
	if [ -n "$2" ]; then
		_s=$(TZ=$2 date -d "$1" +%s)
	else
		_s=$(date -d "$1" +%s)
	fi || return 1
	_d=$(( $(${3:-date} +%s) - _s ))
	[ "$_d" -ge -10 ] && [ "$_d" -le 10 ]
}

# Each test runs without a controlling terminal, so that the tools that
# ask before changing many tasks never ask the person running the suite;
# tests/29-confirm.t gives them a terminal of its own.
if [ -z "$CRM_TEST_NOTTY" ] && command -v setsid >/dev/null; then
	CRM_TEST_NOTTY=1 exec setsid -w sh "$0" "$@"
fi

TOP=$(cd "$(dirname "$0")/.." && pwd)
# CRM_TEST_BIN: a directory of wrappers to run first (make valgrind).
PATH="${CRM_TEST_BIN:+$CRM_TEST_BIN:}$TOP/cmd:$PATH"
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
CRM_DB="$T/crm.db"
# CRM_TEST_PG=1 (make check-pg): the test's database on a PostgreSQL
# server of its own (tests/pg.sh), stopped when the test ends.
if [ "$CRM_TEST_PG" = 1 ]; then
	. "$TOP/tests/pg.sh"
	trap 'pg_stop; rm -rf "$T"' EXIT
	pg_start && CRM_DB=$(pg_db crm) || {
		echo "Bail out! cannot start PostgreSQL"
		exit 1
	}
fi
CRM_NOW="2026-11-26 09:00:00"
CRM_BUSY_MS=2000
LC_ALL=C.UTF-8
# No test touches the real home: HOME is the test's own, and so are the
# XDG directories (XDG_DATA_HOME is left to default to HOME's
# .local/share, which tests/11 checks).  A test that needs the home of
# the password database makes a user of its own for it.
HOME=$T/home
XDG_CONFIG_HOME=$HOME/.config
XDG_CACHE_HOME=$HOME/.cache
XDG_STATE_HOME=$HOME/.local/state
mkdir -p "$HOME"
# No pager on the terminals the tests make, unless one asks (tests/78).
CRM_PAGER=cat
export PATH CRM_DB CRM_NOW CRM_BUSY_MS LC_ALL HOME XDG_CONFIG_HOME \
    XDG_CACHE_HOME XDG_STATE_HOME CRM_PAGER
unset XDG_DATA_HOME XDG_RUNTIME_DIR CRM_USER LANGUAGE

_n=0
_fail=0

ok() {	# ok STATUS DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_fail=$((_fail + 1))
	fi
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "#   got:  '$1'" "#   want: '$2'"
	fi
}

isnt() {	# isnt GOT UNWANTED DESCRIPTION
	if [ "$1" != "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "#   got:  '$1'" "#   want anything else"
	fi
}

like() {	# like GOT PATTERN DESCRIPTION (grep -E)
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "#   got:  '$1'" "#   want match: '$2'"
	fi
}

# Two runs compared: ran and same.  `is "$(a)" "$(b)"` passes when a
# and b both fail or both print nothing; the pair below does not.
#
# ran CMD...: run CMD, its standard output and error as they are (inside
# $(...) or a pipe); a non-zero exit is noted in $T/ran.failed for the
# next `same`, and returned.
ran() {
	"$@"
	_ranrc=$?
	[ "$_ranrc" -eq 0 ] || echo "$* exited $_ranrc" >> "$T/ran.failed"
	return "$_ranrc"
}

# same GOT WANT DESCRIPTION: `is`, but it fails too when a command run
# through `ran` since the last `same` failed, or when GOT is empty (or
# the md5sum of nothing: the two sides printed nothing).
same() {
	if [ -s "$T/ran.failed" ]; then
		ok 1 "$3"
		sed 's/^/#   failed: /' "$T/ran.failed"
	elif [ -z "$1" ] ||
	    [ "$1" = "d41d8cd98f00b204e9800998ecf8427e  -" ]; then
		ok 1 "$3"
		echo "#   got nothing on either side"
	else
		is "$1" "$2" "$3"
	fi
	rm -f "$T/ran.failed"
}

# run AS CMD...: run a tool as person AS; sets $out, $errout, $rc.
run() {
	_as=$1
	shift
	out=$(CRM_USER=$_as "$@" 2>"$T/stderr")
	rc=$?
	errout=$(cat "$T/stderr")
}

# fails AS STATUS PATTERN DESCRIPTION CMD...: the tool must exit with
# STATUS, say something matching PATTERN, and leave the database as it
# was, byte for byte in its dump.
fails() {
	_as=$1 _want=$2 _pat=$3 _d=$4
	shift 4
	_before=$(dbdump | md5sum)
	run "$_as" "$@"
	is "$rc" "$_want" "$_d: exit $_want"
	like "$errout" "$_pat" "$_d: message"
	is "$(dbdump | md5sum)" "$_before" \
	    "$_d: database unchanged"
}

# dbq [-f FILE] [SQL]: run SQL (or standard input) on $CRM_DB or FILE;
# rows one a line, '|' between columns; non-zero exit on an error.
# With DBQ_KEEPWAL=1 (the setgid installs: scratch_root, setgid_install)
# SQLite's shell keeps the -wal and -shm files when it closes, as the
# tools there do (persist_wal): the setgid tools refuse a database whose
# -wal root's shell removed (crm(7) SECURITY).  Elsewhere it removes
# them, so that a file copied over the database is read as it is.
#
# A database named by a conninfo (CRM_TEST_PG=1: "host=DIR dbname=NAME
# user=crm") is read with psql, unaligned and without headers, NULL as
# empty, as sqlite3's list mode prints; a path is SQLite's.  SQL that
# inserts leaves the ids as SQLite does: each table's next id after its
# highest, rows given explicit ids included (PostgreSQL's sequences are
# set so after it, as the driver does after a rollback).
dbq() {
	_db=$CRM_DB
	[ "$1" = -f ] && { _db=$2; shift 2; }
	if _dbpg "$_db"; then
		if [ $# -gt 0 ]; then
			_sql=$1
		else
			_sql=$(cat)
		fi
		case $_sql in
		*INSERT*)
			printf '%s\n;\n%s\n' "$_sql" "$_ids_reset" |
			    _psql "$_db" -f - ;;
		*)
			printf '%s\n' "$_sql" | _psql "$_db" -f - ;;
		esac
	else
		sqlite3 -cmd '.timeout 10000' -cmd '.output /dev/null' \
		    -cmd ".filectrl persist_wal ${DBQ_KEEPWAL:-0}" \
		    -cmd '.output' "$_db" "$@"
	fi
}

# Each identity column's sequence set to follow its table's highest id.
_ids_reset="DO \$\$DECLARE r record; BEGIN FOR r IN SELECT c.relname AS t,
    a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attidentity <> '' AND n.nspname = current_schema() LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L),
    coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
    r.t, r.col, r.col, r.t); END LOOP; END\$\$;"

# _dbpg DB: true if DB names a PostgreSQL database (what lib/db.c's
# crmi_driver_for takes as one: a URI, "postgres:", or a conninfo).
_dbpg() {
	case $1 in
	postgresql://* | postgres://* | postgres:* | host=* | dbname=*)
		return 0 ;;
	esac
	return 1
}

# _psql DB ARGS...: psql on DB, rows as sqlite3's list mode prints them.
_psql() {
	_pdb=${1#postgres:}
	shift
	"${PGBIN:+$PGBIN/}psql" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 \
	    -d "$_pdb" "$@"
}

# dbjoin SEP [-f FILE] SQL: the rows on one line, SEP between them.
dbjoin() {
	_sep=$1
	shift
	dbq "$@" | awk -v s="$_sep" '{ printf "%s%s", (NR > 1 ? s : ""), $0 }
	    END { if (NR) print "" }'
}

# dbdump [-f FILE]: every table's every row, to compare before and after.
# On PostgreSQL: each table's rows, the table's name first, sorted.
dbdump() {
	_db=$CRM_DB
	[ "$1" = -f ] && _db=$2
	if _dbpg "$_db"; then
		echo "SELECT format('SELECT %L, t.* FROM %I t
		    ORDER BY t::text', tablename, tablename) FROM pg_tables
		    WHERE schemaname = 'public' ORDER BY tablename \gexec" |
		    _psql "$_db" -f -
	else
		dbq "$@" .dump
	fi
}

# dbversion [-f FILE] [N]: print the schema version, or set it to N.
dbversion() {
	if [ "$1" = -f ]; then
		_vdb=$2
		shift 2
	else
		_vdb=$CRM_DB
	fi
	if ! _dbpg "$_vdb"; then
		dbq -f "$_vdb" "PRAGMA user_version${1:+ = $1}"
	elif [ -n "$1" ]; then
		dbq -f "$_vdb" "SET client_min_messages = warning;
		    CREATE TABLE IF NOT EXISTS crm_schema
		    (version integer NOT NULL); DELETE FROM crm_schema;
		    INSERT INTO crm_schema (version) VALUES ($1)"
	elif [ "$(dbq -f "$_vdb" \
	    "SELECT to_regclass('crm_schema') IS NULL")" = t ]; then
		echo 0
	else
		dbq -f "$_vdb" 'SELECT version FROM crm_schema'
	fi
}

# dbcheckpoint [-f FILE]: put everything written into the file itself.
# PostgreSQL has no file of ours to write into: nothing to do.
dbcheckpoint() {
	_db=$CRM_DB
	[ "$1" = -f ] && _db=$2
	_dbpg "$_db" && return 0
	dbq "$@" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
}

# dbcopy DB PATH: a copy of the database DB as it stands, named after
# PATH; prints the copy's name (for CRM_DB).  On SQLite the file PATH; on
# PostgreSQL a database made with DB as its template (no one may be
# connected to DB then).
dbcopy() {
	if _dbpg "$1"; then
		_src=$(printf '%s\n' "$1" | sed -n 's/.*dbname=\([^ ]*\).*/\1/p')
		"$PGBIN/createdb" -h "$PGDIR" -U crm -T "$_src" "$(_dbname "$2")" &&
		    printf 'host=%s dbname=%s user=crm\n' "$PGDIR" "$(_dbname "$2")"
	else
		dbcheckpoint -f "$1" && cp "$1" "$2" && printf '%s\n' "$2"
	fi
}

# dbnew PATH: a new database, empty, named after PATH; prints its name.
dbnew() {
	if [ "$CRM_TEST_PG" = 1 ]; then
		pg_db "$(_dbname "$1")"
	else
		printf '%s\n' "$1"
	fi
}

# _dbname PATH: a PostgreSQL database's name for PATH, a file's name.
_dbname() {
	printf '%s' "${1#"$T"/}" | tr -c 'a-zA-Z0-9' _ | cut -c1-60
}

# dbsound [-f FILE]: print "ok" if the database is sound, else what is wrong.
# On PostgreSQL: "ok" if every table reads to its end.
dbsound() {
	_db=$CRM_DB
	[ "$1" = -f ] && _db=$2
	if _dbpg "$_db"; then
		echo "SELECT format('SELECT count(*) FROM %I', tablename)
		    FROM pg_tables WHERE schemaname = 'public' \gexec" |
		    _psql "$_db" -o /dev/null -f - && echo ok
	else
		dbq "$@" 'PRAGMA integrity_check'
	fi
}

# sqlite_only_file REASON: the rest of this file is about SQLite itself
# (REASON recorded; on another backend the file is to be skipped).
# On PostgreSQL (CRM_TEST_PG=1) the rest of the file is skipped: the
# whole file ("1..0 # SKIP REASON") if nothing ran before it.
sqlite_only_file() {
	_sqlite_only="$_sqlite_only$1
"
	[ "$CRM_TEST_PG" = 1 ] || return 0
	if [ "$_n" -eq 0 ]; then
		echo "1..0 # SKIP $1"
		exit 0
	fi
	_n=$((_n + 1))
	echo "ok $_n # SKIP $1"
	done_testing
	exit
}

# lock_wait: wait until another process, started before, holds SQLite's
# write lock on $CRM_DB (BEGIN IMMEDIATE in a sqlite3 shell that keeps
# it).  The probe takes the lock for a moment itself, so the holder must
# wait for it (sqlite3 -cmd '.timeout 30000'), or its BEGIN fails and
# nobody ever holds it.  A minute without it bails out: never a hang.
lock_wait() {
	_lw=0
	until ! sqlite3 -cmd '.timeout 0' "$CRM_DB" \
	    'BEGIN IMMEDIATE; ROLLBACK' 2>/dev/null; do
		_lw=$((_lw + 1))
		[ $_lw -lt 1200 ] || {
			echo "Bail out! nobody took the write lock on $CRM_DB"
			exit 1
		}
		sleep 0.05
	done
}

# if sqlite_only REASON; then ... fi: a block about SQLite itself (true
# on SQLite; on PostgreSQL false, the block skipped as one TAP test
# "# SKIP REASON").
sqlite_only() {
	_sqlite_only="$_sqlite_only$1
"
	[ "$CRM_TEST_PG" = 1 ] || return 0
	_n=$((_n + 1))
	echo "ok $_n # SKIP $1"
	return 1
}

# hidden ID MESSAGE [NOUN]: the refusal of another's task (or NOUN) ID:
# MESSAGE, the library's, on both backends.
hidden() {
	echo "$2"
}

# useradd, userdel, groupadd, groupdel: the system's, tried again while
# another test file holds the lock of the password or group database
# (make check runs two files at once).
useradd() {
	_retry_lock useradd "$@"
}
userdel() {
	_retry_lock userdel "$@"
}
groupadd() {
	_retry_lock groupadd "$@"
}
groupdel() {
	_retry_lock groupdel "$@"
}
_retry_lock() {
	_i=0
	_e=$T/.users.err
	[ -d "$T" ] || _e=/dev/null
	while ! command "$@" 2>"$_e"; do
		_i=$((_i + 1))
		if [ "$_i" -ge 100 ] || ! grep -q lock "$_e"; then
			cat "$_e" >&2
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# scratch_users HOME LOGIN...: real Unix users for a test (HOME their
# home, not made), added to $made for the test's cleanup to userdel.
scratch_users() {
	_h=$1
	shift
	for _u in "$@"; do
		useradd -M -d "$_h" -s /bin/sh "$_u" || {
			echo "Bail out! useradd $_u failed"
			exit 1
		}
		made="$made $_u"
	done
}

# scratch_root NAME: a scratch root $S (/tmp/crmNAME.XXXXXX) and names
# of the test's own ($sfx, the group $G), so that parallel runs and real
# accounts are safe; when the test ends, the function scratch_stop if
# the test has one, then the users made (scratch_users), the group, the
# test's server and the directories go.
scratch_root() {
	DBQ_KEEPWAL=1
	sfx=$$
	G=crmt$sfx
	S=$(mktemp -d "/tmp/crm$1.XXXXXX")
	chmod 0755 "$S"
	made=
	trap _scratch_cleanup EXIT
}
_scratch_cleanup() {
	command -v scratch_stop > /dev/null && scratch_stop
	for _u in $made; do userdel "$_u" > /dev/null 2>&1; done
	groupdel "$G" > /dev/null 2>&1
	[ "$CRM_TEST_PG" = 1 ] && pg_stop
	rm -rf "$S" "$T"
}

# as USER CMD...: run CMD as the Unix user USER in a plain environment:
# the tools of $B first on PATH, $S/home the home and working directory,
# the machine's real clock (usersclock); sets $out, $errout, $rc.
as() {
	_u=$1
	shift
	out=$(cd "$S/home" && $UNFAKE runuser -u "$_u" -- env -i \
	    PATH="$B:/usr/bin:/bin" LC_ALL=C.UTF-8 HOME="$S/home" \
	    "$@" 2>"$S/home/stderr.$$")
	rc=$?
	errout=$(cat "$S/home/stderr.$$")
}

# setgid_install TAG LOGIN...: the tools installed setgid (make
# install-shared) into a scratch root, with real Unix users LOGIN...;
# skips the whole file unless root may make users.  Sets S (the scratch
# root; $S/home the users' home), B (the tools), DB, G (the group).
setgid_install() {
	DBQ_KEEPWAL=1
	if [ "$(id -u)" -ne 0 ] || ! command -v useradd > /dev/null ||
	    ! command -v runuser > /dev/null; then
		echo "1..0 # SKIP needs root, useradd and runuser to make users"
		exit 0
	fi
	unset CRM_DB CRM_NOW CRM_BUSY_MS
	G=crm$1$$
	shift
	S=$(mktemp -d /tmp/crm-setgid.XXXXXX)
	chmod 0755 "$S"
	made=
	trap 'for _u in $made; do userdel "$_u" > /dev/null 2>&1; done
	    groupdel "$G" > /dev/null 2>&1; rm -rf "$S" "$T"' EXIT
	scratch_users "$S/home" "$@"
	mkdir -p "$S/src" "$S/home"
	chmod 1777 "$S/home"
	# (the sources, not the build tree's objects, which lack the
	# scratch configuration; plain flags: make sanitize's would reach
	# this make through MAKEFLAGS, and ASan does not run setgid)
	scratch_src "$S/src"
	(cd "$S/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    make -j2 install-shared PREFIX="$S/usr" \
	    SYSCONFDIR="$S/etc" LOCALSTATEDIR="$S/var" CRMGROUP="$G") \
	    > "$S/build.log" 2>&1
	_rc=$?
	ok $_rc "make install-shared into a scratch root"
	[ $_rc -eq 0 ] || sed 's/^/# /' "$S/build.log" | tail -20
	B=$S/usr/bin
	DB=$S/var/lib/crm/crm.db
}

# make_tools: the tools the Makefile builds (ALLBINS, SHELLBIN), one a
# line, without cmd/: read from it, not listed by hand.
make_tools() {
	printf 'print-tools:\n\t@echo $(ALLBINS) $(SHELLBIN)\n' |
	    make -s --no-print-directory -C "$TOP" -f Makefile -f - print-tools |
	    tr ' ' '\n' | sed 's|^cmd/||'
}

# tool_srcs TOOL: cmd/TOOL.c and the files of cmd/libcmd/libcmd.a
# (cmd/libcmd/common_*.c) whose functions it calls, where a main() or the
# options shared by several tools live (common_edit.c).
tool_srcs() {
	echo "$TOP/cmd/$1.c"
	for _s in "$TOP"/cmd/libcmd/common_*.c; do
		sed -n 's/^\(cmd_[a-z_]*\)(.*/\1(/p' "$_s" |
		    grep -qFf - "$TOP/cmd/$1.c" && echo "$_s"
	done
}

# scratch_src DIR: the sources as git knows them (tracked, or new and not
# ignored) copied into DIR to build there: no object of the build tree.
scratch_src() {
	(cd "$TOP" && git ls-files -co --exclude-standard -z -- Makefile lib \
	    cmd man data completion po | xargs -0 tar cf -) |
	    (cd "$1" && tar xf -)
}

# scratch_install DIR GROUP TOOL...: make install-shared of the sources
# (scratch_src) into the scratch root DIR (DIR/usr, DIR/etc, DIR/var),
# setgid to GROUP: only the tools named, and crm-shell.  The build
# tree's objects are used, but the two that name installed paths, when
# they are plain (ASan does not run setgid).  DIR/build.log keeps what
# make said.
scratch_install() {
	_d=$1 _g=$2
	shift 2
	mkdir -p "$_d/src" "$_d/etc" && scratch_src "$_d/src" || return 1
	if ! nm "$TOP/lib/db.o" 2>/dev/null | grep -q __asan; then
		cp -p "$TOP"/lib/*.o "$TOP/lib/calendar_ru.c" "$_d/src/lib/" \
		    2>/dev/null
		rm -f "$_d/src/lib/conf.o" "$_d/src/lib/locale.o"
	fi
	(cd "$_d/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    make -j2 install-shared PREFIX="$_d/usr" SYSCONFDIR="$_d/etc" \
	    LOCALSTATEDIR="$_d/var" CRMGROUP="$_g" \
	    ALLBINS="$(printf 'cmd/%s ' "$@")") > "$_d/build.log" 2>&1
}

# golden NAME GOT: compare with tests/golden/NAME (CRM_REGOLD=1 rewrites).
golden() {
	_g="$TOP/tests/golden/$1"
	if [ -n "$CRM_REGOLD" ]; then
		printf '%s\n' "$2" > "$_g"
	fi
	if [ -f "$_g" ] && [ "$(cat "$_g")" = "$2" ]; then
		ok 0 "golden $1"
	else
		ok 1 "golden $1"
		printf '%s\n' "$2" | diff -u "$_g" - | sed 's/^/# /'
	fi
}

# done_tasks WHO N PER FIRST CREATED [NOTE]: an INSERT of N tasks of the
# person with id WHO, "Задача 0" to "Задача N-1", PER a day from the day
# FIRST on (within FIRST's month), made at CREATED, each done at noon of
# its day, the first with the note NOTE.  The dates are made here, not
# by SQLite's date(): one SQL for both databases.
done_tasks() {
	awk -v who="$1" -v n="$2" -v per="$3" -v first="$4" -v made="$5" \
	    -v note="$6" -v q="'" 'BEGIN {
		print "INSERT INTO task (assignee_id, author_id, kind, title,"
		print " note, due_date, first_due, state, created_at,"
		print " closed_at, closed_by) VALUES"
		for (i = 0; i < n; i++) {
			d = sprintf("%s%02d", substr(first, 1, 8),
			    substr(first, 9, 2) + int(i / per))
			printf " (%d, %d, %sother%s, %sЗадача %d%s, %s,", who,
			    who, q, q, q, i, q,
			    i == 0 && note != "" ? q note q : "NULL"
			printf " %s%s%s, %s%s%s, %sdone%s, %s%s%s,", q, d, q,
			    q, d, q, q, q, q, made, q
			printf " %s%s 12:00:00%s, %d)%s\n", q, d, q, who,
			    i < n - 1 ? "," : ";"
		}
	}'
}

# department: a department: admin root, head Петрова (petrova) with two
# managers, head Сидоров (sidorov) with one, and a director.
department() {
	CRM_USER=root crm-user add -g admin root 'Администратор' &&
	CRM_USER=root crm-user add -g head -e petrova@example.ru petrova \
	    'Петрова Анна Сергеевна' &&
	CRM_USER=root crm-user add -g head sidorov 'Сидоров Игорь' &&
	CRM_USER=root crm-user add -g manager -h petrova \
	    -e ivanov@example.ru ivanov 'Иванов Пётр' &&
	CRM_USER=root crm-user add -g manager -h petrova smirnova \
	    'Смирнова Ольга' &&
	CRM_USER=root crm-user add -g manager -h sidorov kozlov \
	    'Козлов Дмитрий' &&
	CRM_USER=root crm-user add -g director director 'Орлов Директор'
}

# The department and one record of each kind, ivanov's, for the tables of
# refusals (tests/15, tests/75): $CID client, $DID deal, $TID task, $DOC
# invoice, exported.
records() {
	department
	CID=$(CRM_USER=ivanov client-add 'ООО Ромашка')
	DID=$(CRM_USER=ivanov deal-add -A 1000 "$CID" 'Поставка')
	TID=$(CRM_USER=ivanov task-add -k call -c "$CID" 'Позвонить')
	DOC=$(CRM_USER=ivanov doc-add -k invoice "$DID" 'С-1' 500)
	export CID DID TID DOC
}

# kpi_older: the database made older by hand, as before the KPI's stored
# figures: m_kpifast and m_kpisales, the 7th and 8th migrations in
# lib/schema.c, undone, and m_honest's column and triggers with them
# (their tables, indexes and triggers dropped, in
# each backend's own DDL; on PostgreSQL a trigger goes with its
# function), so that the next tool migrates it again from the 7th, and
# any later migration too (PostgreSQL's make their functions with CREATE
# OR REPLACE and drop only what exists, so they run twice).
kpi_older() {
	dbq "DROP TABLE kpi_day; DROP TABLE kpi_stale;
	    DROP INDEX deal_opened_day; DROP INDEX deal_closed_day;
	    DROP INDEX doc_kind_day; DROP INDEX doc_kind_paid" || return 1
	for _t in kpi_task_insert kpi_task_delete kpi_task_update \
	    kpi_kind_update kpi_rule_insert kpi_rule_update kpi_rule_delete \
	    kpi_person_update kpi_sale_deal_insert kpi_sale_deal_delete \
	    kpi_sale_deal_update kpi_sale_doc_insert kpi_sale_doc_delete \
	    kpi_sale_doc_update kpi_sale_stage_insert kpi_sale_stage_delete \
	    kpi_sale_stage_update kpi_task_first_kind kpi_kind_first; do
		if _dbpg "$CRM_DB"; then
			dbq "SET client_min_messages = warning;
			    DROP FUNCTION $_t() CASCADE"
		else
			dbq "DROP TRIGGER $_t"
		fi || return 1
	done
	dbq "ALTER TABLE task DROP COLUMN first_kind" || return 1
	# m_review, a later migration, is made again too: its columns go
	# (after the triggers that name them)
	dbq "ALTER TABLE task DROP COLUMN review;
	    ALTER TABLE task DROP COLUMN review_note;
	    ALTER TABLE task DROP COLUMN reviewed_by;
	    ALTER TABLE task DROP COLUMN reviewed_at;
	    ALTER TABLE task DROP COLUMN returns" || return 1
	dbversion 6
}

# skip_one REASON: one TAP test skipped, for REASON.
skip_one() {
	_n=$((_n + 1))
	echo "ok $_n # SKIP $1"
}

# tmux_start COLS ROWS NAME=VALUE...: a shell ($TMUX_SHELL, else sh) in
# a real terminal emulator, tmux, COLS by ROWS, with the variables given
# set and COLUMNS unset, on the socket $SOCK, session $S; 1 when there
# is no tmux.
tmux_start() {
	command -v tmux > /dev/null || return 1
	S=crm-test-$$
	SOCK="$T/tmux.sock"
	trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
	_x=$1 _y=$2
	shift 2
	tmux -S "$SOCK" -f /dev/null new-session -d -s "$S" -x "$_x" \
	    -y "$_y" "env -u COLUMNS $* ${TMUX_SHELL:-sh}"
	sleep 0.3
}

# tmux_screen COLS ROWS KEYS: the screen (and what scrolled off it)
# between typing KEYS (a command line, Enter added) into tmux_start's
# shell, COLS by ROWS, and the shell's next prompt; each call marks it
# with a number of its own, so that it also works in a subshell.
tmux_screen() {
	_m=$(date +%s%N)
	tmux -S "$SOCK" resize-window -t "$S" -x "$1" -y "$2"
	sleep 0.3	# tmux sizes the pane's terminal a moment later
	# The markers as the shell prints them, never as typed.
	tmux -S "$SOCK" send-keys -t "$S" \
	    "clear; printf '%s%s\\n' BEG IN$_m; $3; printf '%s%s\\n' EN D$_m" \
	    Enter
	_i=0
	while ! tmux -S "$SOCK" capture-pane -t "$S" -p |
	    grep -q "^END$_m\$" && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	tmux -S "$SOCK" capture-pane -t "$S" -p -S -1000 |
	    sed -n "/^BEGIN$_m\$/,/^END$_m\$/p" | sed '1d;$d'
}

done_testing() {
	echo "1..$_n"
	[ "$_fail" -eq 0 ]
}
