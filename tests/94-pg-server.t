#!/bin/sh
# A department server (README "A DEPARTMENT SERVER", crm(7) SECURITY):
# the README's commands, run as they stand on a PostgreSQL server of the
# test's own into a scratch root (make install-shared, the secret, the
# service role, pg_hba.conf, crm.conf, the people); then real Unix
# users through the setgid tools.  One trust boundary, as on SQLite: the
# tools connect as the service role with the secret people cannot read,
# give up the group once connected, and take nothing from the caller's
# PG* variables; no person can connect to the database; crm.conf's
# limits hold; root's CRM_NOW is the time of record, no one else's.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

pg_scratch H M N O
is "$(stat -c '%a %U %G' "$B/task-add")" "2755 root $G" \
    "the tools are setgid to the group"
is "$(stat -c '%a %U %G' "$S/etc/crm.secret")" "640 root $G" \
    "the secret is root's, readable by the group only"
like "$(cat "$S/etc/crm.secret")" '^[0-9a-f]{48}$' "48 hex digits of secret"
is "$(grep -c . "$S/etc/crm.conf")" 2 "crm.conf: the database and the secret"
is "$(dbq -f "$SU" "SELECT login || ':' || role FROM person ORDER BY id" |
    tr '\n' ' ')" "root:admin petrova:head ivanov:manager " \
    "the README's people are in the server's database"
is "$(dbq -f "$SU" "SELECT rolsuper, rolcreaterole, rolcreatedb
    FROM pg_roles WHERE rolname = 'crm'")" "f|f|f" \
    "the service role makes no roles and no databases, and is no superuser"
is "$(dbq -f "$SU" "SELECT tableowner FROM pg_tables WHERE
    tablename = 'task'")" crm "the service role owns the tables"
is "$(dbq -f "$SU" "SELECT count(*) FROM pg_roles
    WHERE rolname LIKE 'crm\\_%'")" 0 "no people's groups in the cluster"
is "$(dbq -f "$SU" "SELECT count(*) FROM pg_policies")" 0 \
    "no row-level security: the rules are the library's"
is "$(dbq -f "$SU" "SELECT count(*) FROM pg_proc p JOIN pg_namespace n
    ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    AND has_function_privilege('public', p.oid, 'EXECUTE')")" 0 \
    "no function of the schema is PUBLIC's to call"
is "$(dbq -f "$SU" "SELECT count(*) FROM pg_proc p JOIN pg_namespace n
    ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef
    AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c
    WHERE c LIKE 'search\\_path=%')")" 0 \
    "every function with the owner's rights has a fixed search_path"

# Our users: a head over two managers, a manager in no team.
crm-user add -g head $H 'Глава' &&
    crm-user add -g manager -h $H $M 'Первый' &&
    crm-user add -g manager -h $H $N 'Второй' &&
    crm-user add -g manager $O 'Третий'
ok $? "root adds a head, two managers in the team, one in none"

as $M task-add -k other 'Задача первого'
is "$rc:$out" "0:1" "a manager adds a task through the setgid tool"
[ "$rc" -eq 0 ] || echo "# $errout"
as $N task-add -k other 'Задача второго'
is "$rc" 0 "the second manager too"
as $O task-add -k other 'Задача третьего'
is "$rc" 0 "the manager in no team too"
as $H task-add -k other -u $M 'От главы'
is "$rc" 0 "the head gives the first a task"
is "$(dbq -f "$SU" "SELECT string_agg(author_id || '>' || assignee_id,
    ' ' ORDER BY id) FROM task")" "5>5 6>6 7>7 4>5" \
    "the four tasks, each by its author, as the real user ids say"
as $M task-list -t
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 4 " \
    "a manager lists their own tasks"
as $H task-list -a -t
is "$(printf '%s\n' "$out" | cut -f1 | sort -n | tr '\n' ' ')" "1 2 4 " \
    "the head their team's"
as $M task-edit -N 'Взлом' 2
is "$rc" 1 "a manager's tool refuses another's task"
like "$errout" "you may not change the work of '$N'" \
    "the library's rule, as on SQLite"

# The secret is out of people's reach, and so is the database.
as $M cat "$S/etc/crm.secret"
like "$rc:$errout" "^1:.*Permission denied" "a manager cannot read the secret"
as $M "$PGBIN/psql" -X -w -h "$PGDIR" -d crm -c 'SELECT 1'
like "$rc:$errout" "^2:.*(rejects connection|no pg_hba.conf entry)" \
    "a manager's own psql: the server lets them not in"
as $M "$PGBIN/psql" -X -w -h "$PGDIR" -U crm -d crm -c 'SELECT 1'
like "$rc:$errout" "^2:.*(no password supplied|password authentication)" \
    "as the service role without its secret: refused"
echo "# psql as $M: $errout"

# The group, given up for good once connected: the tool's ids, read
# from /proc while it waits for its standard input.
as $M sh -c '(sleep 2; echo "x	other	Позже") | task-add & sleep 1;
    grep "^Gid:" /proc/$!/status; wait'
gid=$(id -g $M)
like "$out" "^Gid:	$gid	$gid	$gid	$gid\$" \
    "a connected tool holds the caller's group only (real, effective, saved)"
echo "# $out"

# The server's year, read as late as possible: the time of record of a
# person's tool is the server's (under make sweep the server runs on the
# moved clock, a setgid tool on the real one; at New Year the year may
# turn during the test).
srvyear() { dbq -f "$SU" "SELECT substr(crm_now(), 1, 4)"; }

# The caller's environment does not steer libpq in a setgid tool.
as $M env PGHOST=/nonexistent PGPORT=1 PGSERVICEFILE=/nonexistent \
    task-list -t
is "$rc" 0 "PGHOST, PGPORT, PGSERVICEFILE of the caller: ignored"
as $M env PGOPTIONS='-c crm.now=2020-01-01_09:00:00' \
    task-add -k other 'Задним числом'
is "$(dbq -f "$SU" "SELECT substr(created_at, 1, 4) FROM task
    WHERE id = ${out:-0}")" "$(srvyear)" \
    "PGOPTIONS cannot set the clock"
as $M env CRM_NOW='2020-01-01 09:00:00' task-add -k other 'Вчерашнее'
is "$(dbq -f "$SU" "SELECT substr(created_at, 1, 4) FROM task
    WHERE id = ${out:-0}")" "$(srvyear)" "CRM_NOW is ignored for a manager"
CRM_USER=$M task-add -k other 'За первого' > /dev/null
is "$(dbq -f "$SU" "SELECT p.login || ' ' || t.created_at FROM task t
    JOIN person p ON p.id = t.author_id ORDER BY t.id DESC LIMIT 1")" \
    "$M $CRM_NOW" "root's CRM_NOW is the time of record"

# The secret file must be the department's: not for others to read.
chmod 0644 "$S/etc/crm.secret"
as $M task-list -t
like "$rc:$errout" "^1:.*crm.secret: refused: the secret must be a file owned by root" \
    "a secret others may read: refused"
chmod 0640 "$S/etc/crm.secret"

# A password in the database's name never shows in a message (the
# build tree's tools, not setgid, take CRM_DB).
PATH=$TOP/cmd:$PATH
out=$(CRM_DB="host=$PGDIR dbname=nosuch user=crm password=s3cret" \
    task-list 2>&1)
like "$out" "dbname=nosuch user=crm password=\*\*\*" \
    "a conninfo's password shows as ***"
ok "$(printf '%s\n' "$out" | grep -q s3cret; [ $? -eq 1 ]; echo $?)" \
    "and nowhere in the message"
out=$(CRM_DB="postgresql://crm:s3cret@localhost:1/crm" task-list 2>&1)
like "$out" "postgresql://crm:\*\*\*@localhost:1/crm" \
    "a URI's password shows as ***"

# The limits of crm.conf (crm(5)): a writer that cannot have the write
# lock waits lock-timeout; a statement stops at statement-timeout.
locked() {	# locked SECONDS: the tools' write lock held that long
	(cd "$S/home" && "$PGBIN/psql" -X -q -d "$SU" -c \
	    "SELECT pg_advisory_lock(7468322); SELECT pg_sleep($1)" \
	    > /dev/null 2>&1 &)
	_i=0
	while [ "$(dbq -f "$SU" "SELECT count(*) FROM pg_locks
	    WHERE locktype = 'advisory' AND granted")" != 1 ] &&
	    [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
cp "$S/etc/crm.conf" "$S/crm.conf.readme"
timed() {	# timed CMD...: as $M; $ms the milliseconds it took
	_t0=$(date +%s%N)
	as $M "$@"
	ms=$(( ($(date +%s%N) - _t0) / 1000000 ))
}
if [ -n "$FAKETIME" ]; then
	# The server's timers do not fire under libfaketime (make sweep):
	# what they time is the same on any day, and passed over there.
	for _d in "the lock held: busy, exit 75" "the message says busy" \
	    "lock-timeout 300" "statement-timeout 300"; do
		skip_one "$_d: the server's timers under the moved clock"
	done
else
locked 7
timed task-add -k other 'Занято'
is "$rc" 75 "the lock held: busy, exit 75 (the default wait, 5 s)"
like "$errout" "busy or cannot be reached .*try again later" \
    "the message says busy, try again"
echo "# waited $ms ms"
sleep 3
# limited KEY: with crm.conf's KEY 300, a writer locked out is busy soon
limited() {
	cp "$S/crm.conf.readme" "$S/etc/crm.conf"
	printf '%s 300\n' "$1" >> "$S/etc/crm.conf"
	locked 3
	timed task-add -k other 'Занято'
	ok $([ "$rc" -eq 75 ] && [ "$ms" -lt 2500 ]; echo $?) \
	    "$1 300: a writer locked out is busy within it ($ms ms)"
	sleep 3
}
limited lock-timeout
limited statement-timeout
fi
printf 'idle-timeout soon\n' >> "$S/etc/crm.conf"
as $M task-list -t
like "$rc:$errout" "^1:.*invalid idle-timeout 'soon'" \
    "a limit that is no number of milliseconds: refused"
cp "$S/crm.conf.readme" "$S/etc/crm.conf"

done_testing
