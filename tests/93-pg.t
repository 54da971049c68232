#!/bin/sh
# PostgreSQL (issue 19): a server of the test's own (tests/pg.sh), the
# driver's unit test against it (tests/unit/t-pg), the tools choosing the
# driver from CRM_DB, and what they say when the server is not there.
# What may differ between the backends: the list at the top of tests/lib.sh.
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
if [ -n "$FAKETIME" ]; then
	# Its limits are the server's timers, which do not fire under the
	# moved clock of CRM_TEST_AT (tests/lib.sh): the driver's units are
	# the same on any day.
	for _d in "tests/unit/t-pg passes" "it ran to its end" \
	    "its server's part ran"; do
		skip_one "$_d: the server's timers under the moved clock"
	done
else
CRM_TEST_PGDB=$db "$tests" > "$T/unit" 2>&1
ok $? "tests/unit/t-pg passes against the server"
like "$(tail -1 "$T/unit")" '^1\.\.[0-9]+$' "it ran to its end"
grep -q "server's part skipped" "$T/unit"
ok $((! $?)) "its server's part ran"
grep '^not ok' "$T/unit" | sed 's/^/# /'
fi

# A tool reaches the server through the PostgreSQL driver: its message
# is the server's, not SQLite's.
db0=$(pg_db empty)
CRM_DB=$db0 run root crm-user list
is "$rc" 1 "crm-user list on an empty database: exit 1"
like "$errout" "you \('root'\) are not a person in host=$PGDIR dbname=empty" \
    "the database named in the message"

# libpq is loaded when a PostgreSQL database is opened (store_pg.c),
# in ld.so's own account of the files it maps.
CRM_DB=$db0 LD_DEBUG=files crm-user list > /dev/null 2> "$T/ld"
grep -q 'file=libpq\.so\.5 .*dynamically loaded' "$T/ld"
ok $? "a tool on PostgreSQL loads libpq when it opens the database"

# No server there: busy or unreachable, exit 75, with libpq's reason on
# one line; nothing made.
CRM_DB="host=$T/none dbname=x" run root crm-user add -g admin root Root
is "$rc" 75 "no server: exit 75, try again"
like "$errout" "cannot reach the database server: .*connect.*try again" \
    "no server: libpq's reason"
is "$(printf '%s\n' "$errout" | wc -l)" 1 "on one line"
case $errout in
*'\n'* | *'\t'* | *"	"*) ok 1 "no literal backslash-n or backslash-t in it" ;;
*) ok 0 "no literal backslash-n or backslash-t in it" ;;
esac
[ ! -e "$T/none" ] && [ ! -e "host=$T" ]
ok $? "no file made for a conninfo"
CRM_DB="postgresql:///x?host=$T/none" run root task-today
is "$rc" 75 "a postgresql:// URI: the PostgreSQL driver too"
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

# Another database on the same server: root is a person of the first
# (a server role of that name exists), but no one in this one, so root
# stays the owner there and is told so, as in any new department.
db4=$(pg_db second)
CRM_DB=$db4 run root crm-user list
is "$rc" 1 "root in another database of the server: exit 1"
like "$errout" "you \('root'\) are not a person in" \
    "not a person there (not refused as the first one's root)"
CRM_DB=$db4 run root crm-user add -g admin root Root
is "$rc" 0 "root makes the first person there, as the owner"

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

# The KPI (kpi_day, kpi_stale: the triggers of lib/schema.c, SQLite's
# and PostgreSQL's from one text): a month of a department's work, by
# the tools and by hand, on both backends with the same clock.  At each
# stage kpi-report (TSV and JSON; a department, a team, a person, a day)
# and the rows of kpi_day and kpi_stale are the same on both, and each
# report equals its count from scratch (CRM_KPI_SCRATCH=1).
by() {	# by LOGIN CMD...: run a tool dated $day, say so if it failed
	_by=$1
	shift
	CRM_USER=$_by "$@" >/dev/null 2>"$T/kpierr" ||
	    echo "failed: $_by $* ($(cat "$T/kpierr"))"
}
at() {	# at DAY [TIME]: the clock
	CRM_NOW="$1 ${2:-10:00}:00"
	export CRM_NOW
}
kpi_reports() {
	CRM_USER=director kpi-report -t -H -a -d 2026-11
	CRM_USER=director kpi-report -j -a -d 2026-11
	CRM_USER=director kpi-report -t -h petrova -d 2026-W45
	CRM_USER=director kpi-report -t -u ivanov -d 2026-11-03
	CRM_USER=director kpi-report -t -a -d 2026-11-26
}
kpi_stage() {	# kpi_stage NAME: the reports and the stored rows
	echo "== $1"
	at 2026-11-26 09:00
	kpi_reports 2>&1
	echo "-- scratch"
	CRM_KPI_SCRATCH=1 kpi_reports 2>&1
	echo "-- kpi_day"
	dbq "SELECT * FROM kpi_day ORDER BY day, person_id"
	echo "-- kpi_stale"
	dbq "SELECT person_id, day FROM kpi_stale ORDER BY person_id, day"
}
kpi_month() {
	at 2026-11-01
	department | grep -v '^[0-9]*$'
	by ivanov client-add 'ООО Ромашка'
	by smirnova client-add 'ИП Лютиков'
	by kozlov client-add 'АО Василёк'
	# tasks of several people and days; a head's for a manager
	for d in 02 03 04 05 06; do
		by ivanov task-add -d 2026-11-$d "Отчёт $d"
		by ivanov task-add -k call -c Ромашка -n 'о поставке' \
		    -d 2026-11-$d "Звонок $d"
		by smirnova task-add -d 2026-11-$d "Смета $d"
		by kozlov task-add -k meeting -c Василёк -T 11:00 \
		    -d 2026-11-$d "Встреча $d"
		by petrova task-add -u ivanov -d 2026-11-$d "Поручение $d"
	done
	# done on time, late, by the head, the same day (selfmade), junk
	at 2026-11-02 17:00
	by ivanov task-done -r 'Отправил отчёт клиенту' 1
	by ivanov task-done -r asdf 2
	by smirnova task-done -r . 3
	by ivanov task-add -d 2026-11-02 'Сделал сразу'
	by ivanov task-done -r 'Сделано без задержек' 26
	at 2026-11-04 12:00
	by ivanov task-done -r 'Позже, но сделал' 6 5
	by petrova task-done -r 'Закрыла за него' 7
	by kozlov task-done -r 'Встретились, договорились' 4 9
	by smirnova task-cancel -y -r 'Клиент отказался' 8
	by ivanov task-move -r 'Перенесли' 10 2026-11-09
	by ivanov task-edit -n 'Подробная записка' 11
	by petrova task-edit -u smirnova 15
	by ivanov task-reopen -y -r 'Ещё не всё' 1
	by ivanov task-done -r 'Теперь всё' 1
	# rules: the junk, a team's fields, a kind's fields; a team change
	by root crm-rules set junk.short 12
	by petrova crm-rules set fields.call/petrova note
	by root crm-rules kind other note
	by root crm-user set kozlov head petrova
	# deals through stages, won and lost; contracts; invoices issued, paid
	at 2026-11-05
	by ivanov deal-add -A 100000 -G 20000 Ромашка 'Поставка бумаги'
	by ivanov deal-add -A 5000 Ромашка 'Картриджи'
	by smirnova deal-add -A 300000 -G 90000 -s contract Лютиков 'Мебель'
	by kozlov deal-add -A 70000 -G 7000 Василёк 'Стулья'
	by ivanov deal-stage 1 negotiation
	# documents dated up to the day they are recorded (the sales window)
	at 2026-11-07
	by ivanov doc-add -k contract -d 2026-11-05 1 'Д-1' 100000
	by ivanov doc-add -k invoice -d 2026-11-06 -D 2026-11-20 1 'С-1' \
	    60000
	by smirnova doc-add -k invoice -d 2026-11-06 3 'С-2' 300000
	by kozlov doc-add -k contract -d 2026-11-07 4 'Д-2' 70000
	by kozlov doc-add -k invoice -d 2026-11-07 4 'С-3' 70000
	at 2026-11-10
	by ivanov doc-pay -d 2026-11-10 2
	by smirnova doc-pay 3
	by ivanov deal-stage 1 won
	by ivanov deal-stage -r 'Дорого' 2 lost
	by kozlov deal-stage 4 won
	# edits of each: a deal's sums, a document's amount and date
	at 2026-11-12
	by ivanov deal-edit 1 amount 120000
	by ivanov deal-edit 1 profit 25000
	by kozlov doc-edit 5 amount 65000
	by smirnova doc-edit 3 date 2026-11-08
	kpi_stage "the tools"
	# by hand, past the library: the triggers see it (the sales kept,
	# the tasks' days stale and counted from their tasks by a report)
	dbq "UPDATE task SET first_due = '2026-11-05', due_date = '2026-11-05'
	    WHERE id = 12"
	dbq "DELETE FROM task WHERE id = 13"
	dbq "UPDATE task_kind SET need_time = 1 WHERE name = 'call'"
	dbq "INSERT INTO rule (key, value, changed_at, changed_by)
	    VALUES ('junk.title', '0', '2026-11-12 10:00:00', 1)"
	dbq "UPDATE person SET head_id = (SELECT id FROM person
	    WHERE login = 'sidorov') WHERE login = 'smirnova'"
	dbq "UPDATE deal SET manager_id = (SELECT id FROM person
	    WHERE login = 'smirnova') WHERE id = 1"
	dbq "UPDATE doc SET paid_date = '2026-11-11' WHERE id = 5"
	dbq "DELETE FROM doc WHERE id = 4"
	dbq "UPDATE stage SET outcome = 'lost' WHERE name = 'won'"
	dbq "INSERT INTO stage (name, pos, outcome)
	    VALUES ('signed', 7, 'won')"
	dbq "UPDATE deal SET stage_id = (SELECT id FROM stage
	    WHERE name = 'signed'), closed_at = '2026-11-13 10:00:00'
	    WHERE id = 3"
	dbq "DELETE FROM deal_stage_log WHERE deal_id = 2;
	    DELETE FROM deal WHERE id = 2"
	dbq "UPDATE stage SET outcome = 'won' WHERE name = 'won'"
	kpi_stage "by hand"
	# the next command of the tools sums the stale days again
	at 2026-11-13
	by ivanov task-add -n 'Сверка' -d 2026-11-13 'После правки'
	kpi_stage "the next command"
	by root crm-rules rebuild
	kpi_stage "crm-rules rebuild"
}
(unset CRM_USER; CRM_DB="$T/kpi.db" kpi_month) > "$T/kpi.sqlite" 2>&1
# a server of its own: a person's server role is the cluster's, and
# this department's root is an admin, not the head it is above
pg_stop
pg_start
db3=$(pg_db kpi)
(unset CRM_USER; CRM_DB=$db3 kpi_month) > "$T/kpi.pg" 2>&1
is "$(grep -c failed "$T/kpi.sqlite")" 0 "the KPI's month: every command ran"
grep failed "$T/kpi.sqlite" | sed 's/^/# /'
cmp -s "$T/kpi.sqlite" "$T/kpi.pg"
ok $? "the KPI on PostgreSQL: kpi-report and kpi_day the same as on SQLite"
diff "$T/kpi.sqlite" "$T/kpi.pg" | head -40 | sed 's/^/# /'
# each stage's reports, stored against counted from scratch
for b in sqlite pg; do
	awk -v f="$T/kpi.$b." '/^== /{ n++ } /^(== |-- )/{ part = $2; next }
	    part != "kpi_day" && part != "kpi_stale" {
		print > (f n "." (part == "scratch" ? "slow" : "fast")) }' \
	    "$T/kpi.$b"
	for n in 1 2 3 4; do
		cmp -s "$T/kpi.$b.$n.fast" "$T/kpi.$b.$n.slow"
		ok $? "$b, stage $n: the stored figures as counted from scratch"
	done
done
# the rebuild's kpi_day the one kept (where the triggers took out all
# there was, a row of zeros stays)
rows() {	# rows STAGE: PostgreSQL's kpi_day and kpi_stale at a stage
	awk -v s="== $1" '$0 == s { p = 1; next } /^== / { p = 0 }
	    p && /^-- kpi_day/ { r = 1 } p && r' "$T/kpi.pg" |
	    grep -Ev '^[^|]+[|][0-9]+([|]0)+$'
}
rows 'the next command' > "$T/kpi.kept"
rows 'crm-rules rebuild' > "$T/kpi.rebuilt"
[ "$(wc -l < "$T/kpi.kept")" -gt 10 ] &&
    cmp -s "$T/kpi.kept" "$T/kpi.rebuilt"
ok $? "PostgreSQL's kpi_day: kept, and rebuilt, the same"

# Every trigger SQLite has, PostgreSQL has under the same name.
dbq -f "$T/kpi.db" "SELECT name FROM sqlite_master WHERE type = 'trigger'
    ORDER BY name" > "$T/trig.sqlite"
dbq -f "$db3" "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
    ORDER BY tgname" > "$T/trig.pg"
is "$(comm -23 "$T/trig.sqlite" "$T/trig.pg")" "" \
    "SQLite's $(wc -l < "$T/trig.sqlite") triggers on PostgreSQL too"

# A change by hand takes the tools' write lock in its first trigger of
# the KPI's: a command waits for it (busy, when the wait is over), and
# then sums what it changed.
dbq -f "$db3" "BEGIN; UPDATE task SET first_due = '2026-11-03' WHERE id = 2;
    SELECT pg_sleep(4); COMMIT" >/dev/null 2>&1 &
i=0
while [ "$(dbq -f "$db3" "SELECT count(*) FROM pg_locks
    WHERE locktype = 'advisory' AND granted")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$FAKETIME" ]; then
	# (the server's lock timer does not fire under the moved clock)
	wait
	skip_one "a command while a change by hand is open: the server's timers under the moved clock"
	skip_one "the change by hand made two days stale: the same"
else
CRM_DB=$db3 CRM_BUSY_MS=200 run ivanov task-add -n 'Сверка' 'Во время правки'
is "$rc" 75 "a command while a change by hand is open: busy (exit 75)"
wait
is "$(dbq -f "$db3" "SELECT count(*) FROM kpi_stale")" 2 \
    "the change by hand made two days stale"
fi
CRM_DB=$db3 run ivanov task-add -n 'Сверка' 'После правки'
is "$rc.$(dbq -f "$db3" "SELECT count(*) FROM kpi_stale")" 0.0 \
    "the next command sums them"
CRM_DB=$db3 CRM_USER=director kpi-report -t -a -d 2026-11 > "$T/kpi.fast" &&
CRM_KPI_SCRATCH=1 CRM_DB=$db3 CRM_USER=director kpi-report -t -a \
    -d 2026-11 > "$T/kpi.slow" && [ -s "$T/kpi.fast" ] &&
    cmp -s "$T/kpi.fast" "$T/kpi.slow"
ok $? "and the stored figures are as counted from scratch"

# A database of the setup before issue 28 (migration 9 as released):
# people's roles in their groups, the groups' grants, PUBLIC's, row-level
# security, the clock's triggers, made here by hand in their essentials.
# The next tool's migration (trust) takes every piece out.
db5=$(pg_db older)
CRM_DB=$db5 CRM_USER=root crm-user add -g admin root Root &&
    CRM_DB=$db5 CRM_USER=root crm-user add -g manager ivanov 'Иванов'
ok $? "a department"
dbq -f "$db5" "SET client_min_messages = warning;
    CREATE ROLE crm_person NOLOGIN;
    CREATE ROLE crm_manager NOLOGIN IN ROLE crm_person;
    CREATE ROLE ivanov LOGIN IN ROLE crm_manager;
    GRANT USAGE ON SCHEMA public TO crm_person;
    GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO crm_person;
    GRANT UPDATE (name) ON person TO crm_person;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crm_person;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT ON TABLES TO crm_person;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;
    GRANT CONNECT, TEMPORARY ON DATABASE older TO PUBLIC;
    GRANT USAGE ON SCHEMA public TO PUBLIC;
    CREATE FUNCTION crm_sees(p bigint) RETURNS boolean LANGUAGE sql
    STABLE AS 'SELECT true';
    ALTER TABLE task ENABLE ROW LEVEL SECURITY;
    CREATE POLICY crm_sees ON task FOR SELECT USING (crm_sees(assignee_id));
    CREATE FUNCTION crm_clock() RETURNS trigger LANGUAGE plpgsql
    AS 'BEGIN RETURN NEW; END';
    CREATE TRIGGER crm_clock BEFORE INSERT OR UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION crm_clock();
    DROP FUNCTION kpi_task_first_kind() CASCADE;
    DROP FUNCTION kpi_kind_first() CASCADE;
    ALTER TABLE task DROP COLUMN first_kind;
    DROP FUNCTION kpi_task_update() CASCADE;
    ALTER TABLE task DROP COLUMN review;
    ALTER TABLE task DROP COLUMN review_note;
    ALTER TABLE task DROP COLUMN reviewed_by;
    ALTER TABLE task DROP COLUMN reviewed_at;
    ALTER TABLE task DROP COLUMN returns;
    ALTER TABLE kpi_day DROP COLUMN returns;
    ALTER TABLE kpi_day DROP COLUMN linked" &&
    dbversion -f "$db5" 9
ok $? "made as before issue 28: roles, grants, policies, triggers; version 9"
older() {
	dbjoin ' ' -f "$db5" "SELECT count(*) FROM pg_policies
	    UNION ALL SELECT count(*) FROM pg_class WHERE relrowsecurity
	    UNION ALL SELECT count(*) FROM pg_trigger WHERE tgname = 'crm_clock'
	    UNION ALL SELECT count(*) FROM pg_proc
	    WHERE proname IN ('crm_sees', 'crm_clock')
	    UNION ALL SELECT count(*) FROM pg_roles
	    WHERE rolname IN ('crm_person', 'crm_manager', 'ivanov')
	    UNION ALL SELECT count(*) FROM pg_proc p JOIN pg_namespace n
	    ON n.oid = p.pronamespace WHERE n.nspname = 'public'
	    AND has_function_privilege('public', p.oid, 'EXECUTE')
	    UNION ALL SELECT CAST(has_database_privilege('public', 'older',
	    'CONNECT') OR has_database_privilege('public', 'older', 'TEMP')
	    OR has_schema_privilege('public', 'public', 'USAGE') AS integer)"
}
like "$(older)" "^1 1 1 2 3 [1-9][0-9]* 1\$" "every piece is there"
CRM_DB=$db5 run ivanov task-add -k other 'После миграции'
is "$rc.$errout" "0." "the next tool migrates"
# The schema version: how many migrations lib/schema.c lists.
V=$(tr '\n' ' ' < "$TOP/lib/schema.c" |
    sed -n 's/.*crmi_migrations\[\] = {\([^}]*\)NULL *};.*/\1/p' |
    tr -cd ',' | wc -c)
is "$(dbversion -f "$db5")" "$V" "to the last version, $V"
is "$(older)" "0 0 0 0 0 0 0" \
    "no policy, row-level security, clock trigger or their functions; the \
people's roles and groups dropped; PUBLIC has no function, connection, \
temporary object or schema"
is "$(dbq -f "$db5" "SELECT title FROM task")" "После миграции" \
    "the task is there"

t2=$(date +%s%N)
pg_stop
t3=$(date +%s%N)
echo "# stop: $(( (t3 - t2) / 1000000 )) ms"
[ ! -e "$PGDIR" ]
ok $? "stopped and removed"

done_testing
