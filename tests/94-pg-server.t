#!/bin/sh
# A department server (README "A DEPARTMENT SERVER", crm(7)): the
# README's commands, run as they stand on a PostgreSQL server of the
# test's own, with tools built to read a configuration file of the
# test's; then real Unix users, each connecting as their own role by
# peer authentication, through the tools and through their own psql.
# The server enforces the role matrix: a manager reads only their own
# tasks, deals and clients, cannot change or delete the audit log, cannot
# backdate, cannot set the clock; a head sees their team; root acting
# for a manager (CRM_USER) sees what the manager sees.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v useradd > /dev/null ||
    ! command -v runuser > /dev/null || ! pg_have; then
	echo "1..0 # SKIP needs root, useradd, runuser and PostgreSQL"
	exit 0
fi
unset CRM_DB CRM_BUSY_MS

# Names of our own, so that parallel runs and real accounts are safe.
sfx=$$
H=h$sfx M=m$sfx N=n$sfx O=o$sfx
S=$(mktemp -d /tmp/crm94.XXXXXX)
chmod 0755 "$S"
made=
cleanup() {
	pg_stop
	for u in $made; do userdel "$u" > /dev/null 2>&1; done
	rm -rf "$S" "$T"
}
trap cleanup EXIT
scratch_users "$S/home" $H $M $N $O

# The tools, built with the configuration file in the scratch root.
mkdir -p "$S/src" "$S/home" "$S/etc"
chmod 1777 "$S/home"
scratch_src "$S/src"
(cd "$S/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -j2 SYSCONFDIR="$S/etc" all) \
    > "$S/build.log" 2>&1
ok $? "the tools built to read $S/etc/crm.conf"
[ $? -eq 0 ] || sed 's/^/# /' "$S/build.log" | tail -20
B=$S/src/cmd
PATH=$B:$PATH

# A server whose superuser is postgres, as Debian's (a make check-pg run
# has started one for CRM_DB: not this one's).
pg_stop
PGSUPER=postgres pg_start || {
	echo "Bail out! cannot start PostgreSQL"
	exit 1
}

# The README's section, its commands by kind.
readme=$(sed -n '/^A DEPARTMENT SERVER$/,/^BUILDING$/p' "$TOP/README")
cmds() {	# cmds PROMPT: the README's commands after "    PROMPT "
	printf '%s\n' "$readme" | sed -n "s/^    $1 //p"
}
conf() {	# conf FILE: the README's lines marked "# FILE"
	printf '%s\n' "$readme" |
	    sed -n "s/^    \\(.*[^ ]\\)  *# $1\$/\\1/p"
}
is "$(cmds 'postgres\$' | wc -l)" 2 "the README: two commands as postgres"
cmds 'postgres\$' > "$S/postgres.sh"
sh -e "$S/postgres.sh"
ok $? "the README's commands as postgres run"

# The README's pg_hba.conf and pg_ident.conf lines, and postgres's own
# for the harness (as root).
pg_peer "local all postgres peer map=super
$(conf pg_hba.conf)" "$(conf pg_ident.conf)
super root postgres"
ok $? "the README's pg_hba.conf and pg_ident.conf lines, reloaded"
line=$(printf '%s\n' "$readme" | grep '^    database ' | sed 's/^    //')
like "$line" '^database host=/var/run/postgresql dbname=crm user=crm$' \
    "the README's crm.conf line"
printf '%s\n' "$line" | sed "s|/var/run/postgresql|$PGDIR|" > "$S/etc/crm.conf"
chmod 0644 "$S/etc/crm.conf"
DB="host=$PGDIR dbname=crm user=crm"
SU="host=$PGDIR dbname=crm user=postgres"

is "$(cmds 'root#' | wc -l)" 3 "the README: three commands as root"
cmds 'root#' > "$S/root.sh"
(cd "$S/home" && sh -e "$S/root.sh")
ok $? "the README's commands as root run (crm.conf names the server)"
is "$(dbq -f "$SU" "SELECT login || ':' || role FROM person ORDER BY id" |
    tr '\n' ' ')" "root:admin petrova:head ivanov:manager " \
    "the people are in the server's database"
is "$(dbq -f "$SU" "SELECT m.rolname FROM pg_auth_members a
    JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
    WHERE g.rolname = 'crm_manager'")" \
    ivanov "ivanov's role is in crm_manager"
is "$(dbq -f "$SU" "SELECT rolcreaterole, rolsuper FROM pg_roles
    WHERE rolname = 'crm'")" "t|f" \
    "the owner makes roles and is no superuser"
is "$(dbq -f "$SU" "SELECT tableowner FROM pg_tables WHERE
    tablename = 'task'")" crm "the owner owns the tables"

# Our users: a head over two managers, a manager in no team.
crm-user add -g head $H 'Глава' &&
    crm-user add -g manager -h $H $M 'Первый' &&
    crm-user add -g manager -h $H $N 'Второй' &&
    crm-user add -g manager $O 'Третий'
ok $? "root adds a head, two managers in the team, one in none"

# (as: the plain environment names no database; crm.conf does)
# psql_as USER SQL: the user's own psql on the department's database.
psql_as() {
	as "$1" "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 \
	    -h "$PGDIR" -d crm -c "$2"
}

as $M task-add -k other 'Задача первого'
is "$rc:$out" "0:1" "a manager adds a task as themselves"
[ "$rc" -eq 0 ] || echo "# $errout"
as $N task-add -k other 'Задача второго'
is "$rc" 0 "the second manager too"
as $O task-add -k other 'Задача третьего'
is "$rc" 0 "the manager in no team too"
as $H task-add -k other -u $M 'От главы'
is "$rc" 0 "the head gives the first a task"
is "$(dbq -f "$SU" "SELECT string_agg(author_id || '>' || assignee_id,
    ' ' ORDER BY id) FROM task")" "5>5 6>6 7>7 4>5" \
    "the four tasks, written by the people's own roles"

# A manager's own psql.
psql_as $M "SELECT current_user"
is "$out" "$M" "psql as the manager: peer authentication, their role"
psql_as $M "SELECT title FROM task ORDER BY id"
is "$out" "Задача первого
От главы" "SELECT on task: their own tasks only"
echo "# psql as $M: SELECT title FROM task: $(echo $out)"
psql_as $M "SELECT count(*) FROM task WHERE assignee_id <> 5"
is "$out" 0 "another's tasks: no rows, even asked by id"
psql_as $M "UPDATE task SET title = 'Взлом' WHERE id = 2"
is "$rc:$(dbq -f "$SU" "SELECT title FROM task WHERE id = 2")" \
    "0:Задача второго" "UPDATE of another's task changes nothing"
psql_as $M "DELETE FROM task WHERE id = 3"
is "$(dbq -f "$SU" "SELECT count(*) FROM task")" 4 \
    "DELETE of another's task deletes nothing"
psql_as $M "INSERT INTO task (assignee_id, author_id, kind, title,
    due_date, first_due, created_at) VALUES (6, 5, 'other', 'Подлог',
    '2026-11-26', '2026-11-26', '2026-11-26 09:00:00')"
is "$rc" 1 "INSERT of a task for another manager: refused"
like "$errout" "row-level security" "psql says: row-level security"
echo "# psql as $M: $errout"

psql_as $M "UPDATE audit SET actor = 'x' WHERE id = 1"
is "$rc" 1 "UPDATE of the audit log: refused"
like "$errout" "permission denied for table audit" \
    "psql says: permission denied"
echo "# psql as $M: $errout"
psql_as $M "DELETE FROM audit"
is "$rc" 1 "DELETE of the audit log: refused"
like "$errout" "permission denied for table audit" \
    "psql says: permission denied"
is "$(dbq -f "$SU" "SELECT count(*) FROM audit WHERE actor = 'x'")" 0 \
    "the log is as it was"

# The clock: the server's.  A year read from it, as late as possible, is
# what each time of record below is compared with (under make sweep the
# server runs on the moved clock; at New Year the year may turn during
# the test).
srvyear() { dbq -f "$SU" "SELECT substr(crm_now(), 1, 4)"; }
today=$(dbq -f "$SU" "SELECT crm_now()")
like "$today" '^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9:]{8}$' \
    "crm_now(): the server's time"
psql_as $M "SET crm.now = '2020-01-01 09:00:00'; SELECT crm_now()"
isnt "$out" "2020-01-01 09:00:00" "a manager cannot set the clock"
like "$out" "^$(srvyear)-" "crm_now() stays the server's"
psql_as $M "INSERT INTO task (assignee_id, author_id, kind, title,
    due_date, first_due, created_at) VALUES (5, 5, 'other', 'Задним',
    '2020-01-01', '2020-01-01', '2020-01-01 09:00:00') RETURNING created_at"
is "$rc" 0 "the manager inserts a task of their own with an old time"
like "$out" "^$(srvyear)-" "created_at is the server's time, not 2020"
psql_as $M "UPDATE task SET recorded_at = '2020-01-01 09:00:00',
    created_at = '2020-01-01 09:00:00' WHERE id = 1
    RETURNING recorded_at, created_at"
like "$out" "^$(srvyear)-.*\\|$(srvyear)-" \
    "an UPDATE to an old time: the server's time instead"
psql_as $M "UPDATE task SET state = 'done', closed_at = '2020-01-01 09:00:00'
    WHERE id = 1 RETURNING closed_at"
like "$out" "^$(srvyear)-" "closing their own task at an old time: the server's"
psql_as $H "UPDATE task SET state = 'done', closed_at = '2026-01-02 09:00:00'
    WHERE id = 4 RETURNING closed_at"
is "$out" "2026-01-02 09:00:00" "a head records an earlier time for the team"
as $M env CRM_NOW='2020-01-01 09:00:00' task-add -k other 'Вчерашнее'
is "$(dbq -f "$SU" "SELECT substr(created_at, 1, 4) FROM task
    WHERE id = $out")" "$(srvyear)" "CRM_NOW is ignored for a manager"
psql_as $M "INSERT INTO audit (id, at, actor, entity, entity_id, action)
    SELECT max(id) + 1, '2020-01-01 09:00:00', '$M', 'task', 1, 'forged'
    FROM audit RETURNING at"
like "$out" "^$(srvyear)-" "an audit entry of theirs: the server's time"
echo "# psql as $M: INSERT INTO audit ... '2020-01-01 09:00:00' RETURNING at: $out"

# The head: their team, not another.
psql_as $H "SELECT string_agg(title, ',' ORDER BY id) FROM task"
is "$out" "Задача первого,Задача второго,От главы,Задним,Вчерашнее" \
    "the head sees their team's tasks, not the other manager's"
psql_as $O "SELECT string_agg(title, ',' ORDER BY id) FROM task"
is "$out" "Задача третьего" "the manager in no team: their own"

# Root acting for a manager: the manager's role, what they see.
as $M task-list -a -t
mine=$out
out=$(CRM_USER=$M env -u CRM_NOW task-list -a -t 2>&1)
is "$out" "$mine" "root with CRM_USER=manager: the manager's list"
out=$(cd "$S/home" && "$PGBIN/psql" -X -q -A -t -d "$DB" -c \
    "SET ROLE $M; SELECT string_agg(title, ',' ORDER BY id) FROM task")
is "$out" "Задача первого,От главы,Задним,Вчерашнее" \
    "the owner with SET ROLE manager: the manager's rows"
CRM_USER=$M task-add -k other 'За первого' > /dev/null
is "$(dbq -f "$SU" "SELECT p.login || ' ' || t.created_at FROM task t
    JOIN person p ON p.id = t.author_id ORDER BY t.id DESC LIMIT 1")" \
    "$M $CRM_NOW" "root's CRM_NOW is the time of record (the owner's knob)"

# A password in the database's name never shows in a message.
out=$(CRM_DB="host=$PGDIR dbname=nosuch user=crm password=s3cret" \
    task-list 2>&1)
like "$out" "dbname=nosuch user=crm password=\*\*\*" \
    "a conninfo's password shows as ***"
ok "$(printf '%s\n' "$out" | grep -q s3cret; [ $? -eq 1 ]; echo $?)" \
    "and nowhere in the message"
out=$(CRM_DB="postgresql://crm:s3cret@localhost:1/crm" task-list 2>&1)
like "$out" "postgresql://crm:\*\*\*@localhost:1/crm" \
    "a URI's password shows as ***"

# The KPI's stored figures are the owner's: a manager's psql can neither
# forge nor clear them; a manager's own command leaves its day stale
# (the report counts it from the tasks), and the owner's next command
# sums it.  An admin's own connection cannot rebuild them either.
# The month is the server's: a manager's own command is dated by it.
kpi() {	# kpi LOGIN: LOGIN's KPI of the server's month, as root sees it
	CRM_USER=root kpi-report -u "$1" -j -d "$(dbq -f "$SU" \
	    "SELECT substr(crm_now(), 1, 7)")" 2>&1
}
CRM_USER=root crm-rules rebuild > /dev/null 2>&1
ok $? "root rebuilds the stored figures"
before=$(kpi $M)
psql_as $M "UPDATE kpi_day SET planned = planned + 9, won = won + 9"
is "$rc" 1 "a manager's psql: UPDATE of kpi_day refused"
like "$errout" "permission denied for table kpi_day" \
    "psql says: permission denied"
echo "# psql as $M: UPDATE kpi_day: $errout"
psql_as $M "INSERT INTO kpi_day (day, person_id, won)
    SELECT '${today%-*}-02', id, 50 FROM person WHERE login = '$M'"
is "$rc" 1 "a manager's psql: INSERT into kpi_day refused"
psql_as $M "DELETE FROM kpi_stale"
is "$rc" 1 "a manager's psql: DELETE of kpi_stale refused"
is "$(kpi $M)" "$before" "the manager's KPI as it was"
as $M task-add -k other 'Ещё одна'
is "$rc" 0 "the manager's own command"
is "$(dbq -f "$SU" "SELECT count(*) FROM kpi_stale s JOIN person p
    ON p.id = s.person_id WHERE p.login = '$M'")" 1 \
    "its day left stale: the manager may not write the figures"
isnt "$(kpi $M)" "$before" "the report counts it from the tasks"
after=$(kpi $M)
CRM_USER=root task-add -k other 'Своя задача' > /dev/null
is "$(dbq -f "$SU" "SELECT count(*) FROM kpi_stale")" 0 \
    "the owner's next command sums it"
is "$(kpi $M)" "$after" "the same figures, stored"
as root crm-rules rebuild
is "$rc" 0 "root rebuilds"
CRM_USER=root crm-user set $O role admin
as $O crm-rules rebuild
is "$rc" 1 "an admin's own connection cannot rebuild them"
like "$errout" "rebuilt by its owner: run crm-rules rebuild as root" \
    "the message says who can"

# Busy: a person's own transaction holding the lock.
(cd "$S/home" && $UNFAKE runuser -u $O -- env -i "$PGBIN/psql" -X -q \
    -h "$PGDIR" -d crm -c \
    "SELECT pg_advisory_lock(7468322); SELECT pg_sleep(3)" \
    > "$S/lock.log" 2>&1 &)
# Until the lock is held (a loaded machine may take a while to connect).
_i=0
while [ "$(dbq -f "$SU" "SELECT count(*) FROM pg_locks
    WHERE locktype = 'advisory' AND objid = 7468322 AND granted")" != 1 ] &&
    [ "$_i" -lt 100 ]; do
	sleep 0.1
	_i=$((_i + 1))
done
sed 's/^/# lock: /' "$S/lock.log"
as $M env CRM_BUSY_MS=200 task-add -k other 'Занято'
is "$rc" 75 "a writer that cannot get the lock: busy, exit 75"
like "$errout" "busy" "the message says busy"

done_testing
