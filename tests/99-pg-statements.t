#!/bin/sh
# PostgreSQL (issue 28): the number of statements a view sends does not
# grow with the days it covers, nor, for the views of everyone
# (task-list -a, task-today -a, plan-check -a, kpi-report -a), with the
# people.  Every statement is a round trip to the server (SQLite's are
# calls within the process), so a view that asks once a day (a year's
# KPI asked the calendar 730 times) or once a person is slow on a
# server however fast each statement is.  The server counts them: the
# test database logs every statement (log_statement = all) and each
# command's share of the server's log is counted.  Each view is counted
# on a small department and on the same department with more days of
# work, and over a short and a long period, then with more people in
# the team: each person's rules, kinds, paste windows and figures are
# read for all of them at once.
#
# PostgreSQL only: under CRM_TEST_PG=1 on lib.sh's server, else on a
# server of the test's own (tests/pg.sh), as tests/93 does.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

pg_need
if [ "$CRM_TEST_PG" != 1 ]; then
	trap 'pg_stop; rm -rf "$T"' EXIT
	pg_start && CRM_DB=$(pg_db crm) || {
		echo "Bail out! cannot start PostgreSQL"
		exit 1
	}
fi

department
dbq "ALTER DATABASE $(printf '%s\n' "$CRM_DB" |
    sed -n 's/.*dbname=\([^ ]*\).*/\1/p') SET log_statement = 'all'"
LOG=$PGDIR/server.log
[ -f "$LOG" ]
ok $? "the server logs to $LOG"

# count AS CMD...: the statements CMD, run as AS, sent (each logged line
# "statement:" or "execute NAME:"), into $n; its exit status into $rc,
# its output into $T/out.
count() {
	_as=$1
	shift
	_at=$(wc -c < "$LOG")
	CRM_USER=$_as "$@" > "$T/out" 2> "$T/err"
	rc=$?
	tail -c +$((_at + 1)) "$LOG" | grep -E 'LOG:  (statement|execute [^:]*):' \
	    > "$T/sent"
	n=$(wc -l < "$T/sent")
}

# views FILE: each view's count, one line "WHAT: N" each, into FILE.
views() {
	: > "$1"
	count petrova task-today -a -t
	echo "task-today -a: $n" >> "$1"
	count petrova plan-check -a -t -d 2026-11-26
	echo "plan-check -a: $n" >> "$1"
	count petrova plan-check -a -t
	echo "plan-check -a, the evening's: $n" >> "$1"
	count director kpi-report -a -t -d 2026-10
	echo "kpi-report -a month: $n" >> "$1"
	_m=$n
	count director kpi-report -a -t -d 2025
	echo "kpi-report -a year: $n" >> "$1"
	is "$n" "$_m" "kpi-report -a: a year sends what a month does ($n)"
	count petrova task-list -a -t 2026-10-01 2026-10-31
	echo "task-list -a month: $n" >> "$1"
	_m=$n
	count petrova task-list -a -t 2025-01-01 2026-12-31
	echo "task-list -a two years: $n" >> "$1"
	is "$n" "$_m" "task-list -a: two years send what a month does ($n)"
	sed 's/^/# /' "$1"
}

# work FROM DAYS [WHO]: each manager's (or WHO's, a login pattern of
# SQL's LIKE) tasks of DAYS days from FROM, one done on its day (with
# the same result each day: pasted, for the KPI's paste rule to read)
# and one open, overdue now, each day (by SQL: the server's
# own generate_series; made by the admin a month before), then the
# stored KPI summed again.
work() {
	dbq "INSERT INTO task (assignee_id, author_id, kind, title, due_date,
	    first_due, state, created_at, closed_at, closed_by, result)
	    SELECT p.id, p.id, 'other', 'Задача ' || d::date, d::date,
	    d::date, s, to_char(d - interval '30 days', 'YYYY-MM-DD') ||
	    ' 08:00:00', CASE s WHEN 'done' THEN to_char(d, 'YYYY-MM-DD') ||
	    ' 12:00:00' END, CASE s WHEN 'done' THEN p.id END,
	    CASE s WHEN 'done' THEN 'Клиент согласился на встречу в офисе' END
	    FROM person p, generate_series(date '$1', date '$1' +
	    $(($2 - 1)), interval '1 day') AS d, (VALUES ('done'), ('open'))
	    AS st(s) WHERE p.role = 'manager' AND p.login LIKE '${3:-%}'"
	CRM_USER=root crm-rules rebuild > /dev/null ||
	    echo "# crm-rules rebuild failed"
}

# A few days, then the same department with many more of them: the
# months of 2025 and 2026 before the pinned today.
work 2026-11-02 3
views "$T/small"
work 2025-01-01 670
like "$(dbq "SELECT count(*) FROM task")" '^[0-9]{3,}$' \
    "the department now holds hundreds of tasks"
views "$T/large"
while read -r what; do
	is "$(grep "^${what%%:*}:" "$T/large")" "$what" \
	    "${what%%:*}: as many statements over many more days"
done < "$T/small"

# Three more managers in petrova's team, with the same work.
for m in 1 2 3; do
	CRM_USER=root crm-user add -g manager -h petrova "new$m" "Новый $m" ||
	    echo "# crm-user add new$m failed"
done
work 2025-01-01 670 'new%'
views "$T/people"
is "$(grep '^task-today -a:' "$T/people")" \
    "$(grep '^task-today -a:' "$T/small")" \
    "task-today -a: as many statements for a team of 5 as of 2"
is "$(grep '^plan-check -a:' "$T/people")" \
    "$(grep '^plan-check -a:' "$T/small")" \
    "plan-check -a: as many statements for a team of 5 as of 2"
is "$(grep '^plan-check -a, the evening' "$T/people")" \
    "$(grep '^plan-check -a, the evening' "$T/small")" \
    "plan-check -a, the evening's: as many statements for 5 as for 2"
is "$(grep '^kpi-report -a month:' "$T/people")" \
    "$(grep '^kpi-report -a month:' "$T/small")" \
    "kpi-report -a, a month: as many statements for a team of 5 as of 2"
is "$(grep '^kpi-report -a year:' "$T/people")" \
    "$(grep '^kpi-report -a year:' "$T/small")" \
    "kpi-report -a, a year: as many statements for a team of 5 as of 2"
is "$(grep '^task-list -a month:' "$T/people")" \
    "$(grep '^task-list -a month:' "$T/small")" \
    "task-list -a: as many statements for a team of 5 as of 2"
is "$(grep '^task-list -a two years:' "$T/people")" \
    "$(grep '^task-list -a two years:' "$T/small")" \
    "task-list -a, two years: as many statements for a team of 5 as of 2"

# The counting counts: the calendar read once a day, as it was, is seen.
count director kpi-report -a -t -d 2025
cal=$(grep -c 'FROM calendar' "$T/sent")
is "$cal" 1 "kpi-report -a year reads the calendar in one statement"
like "$(grep -c 'execute' "$T/sent")" '^[1-9]' \
    "each statement of a tool is logged as it runs"

done_testing
