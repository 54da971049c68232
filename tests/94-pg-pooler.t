#!/bin/sh
# A pooler (README "A POOLER"): the README's commands for PgBouncer, run
# as they stand against the department server of tests/94 (pg_scratch),
# then real Unix users through the setgid tools and PgBouncer.  The
# server's processes are kept from one command to the next; a session
# is reset before the next command gets it (a session left read-only
# does not make the next writer read-only; without the README's reset
# the next tool finds the last one's statements, and fails); who acts is still the real user id; a person gets no further
# through PgBouncer than to the server itself; thirty commands at once
# share the pool; a full queue, a server PgBouncer cannot reach, and
# PgBouncer itself gone, are busy (exit 75).
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

[ -x "$PGBOUNCER" ] || {
	echo "1..0 # SKIP PgBouncer (Debian's pgbouncer) is not installed"
	exit 0
}
pg_scratch H M N
crm-user add -g head $H 'Глава' &&
    crm-user add -g manager -h $H $M 'Первый' &&
    crm-user add -g manager -h $H $N 'Второй'
ok $? "root adds a head and two managers, straight to the server"

# The README's section: root's commands (not the install), its
# pgbouncer.ini lines by section, its crm.conf line.  The server's
# socket directory is the test's; PgBouncer runs as the server's user,
# nobody here, postgres on Debian.
P=$S/etc/pgbouncer
mkdir -p "$P"
sec=$(sed -n '/^A POOLER$/,/^FROM ANOTHER MACHINE: SSH$/p' "$TOP/README")
printf '%s\n' "$sec" | sed -n 's/^    root# //p' | grep -v '^apt-get ' |
    sed -e "s|/etc/pgbouncer|$P|g" \
    -e 's|chown postgres:postgres|chown nobody:nogroup|' > "$S/pooler.sh"
ini() {	# ini SECTION: the README's lines of pgbouncer.ini's SECTION
	printf '%s\n' "$sec" | pg_marked "pgbouncer.ini \\[$1\\]"
}
{
	echo '[databases]'
	ini databases
	echo '[pgbouncer]'
	printf '%s\n' "logfile = $PGDIR/pgbouncer.log" \
	    "pidfile = $PGDIR/pgbouncer.pid" "listen_port = 6432" \
	    "unix_socket_dir = $PGDIR" "auth_file = $P/userlist.txt"
	ini pgbouncer
} > "$P/pgbouncer.ini"
pooled=$(printf '%s\n' "$sec" | pg_marked 'crm.conf, pooled')
(cd "$S/home" && $UNFAKE sh -e "$S/pooler.sh") > "$S/pooler.log" 2>&1
ok $? "the README's commands for the pooler"
sed 's/^/# /' "$S/pooler.log"
is "$(grep -c 'pgbouncer.ini \[' "$P/pgbouncer.ini"; ini databases |
    wc -l; ini pgbouncer | wc -l)" "0
1
7" "pgbouncer.ini: the README's database and seven settings"
is "$(stat -c '%a %U' "$P/userlist.txt")" "600 nobody" \
    "the userlist is the pooler's alone"
like "$(cat "$P/userlist.txt")" '^"crm" "SCRAM-SHA-256\$4096:' \
    "it holds the service role's scram-sha-256 hash, not the secret"

pg_bouncer "$P/pgbouncer.ini"
ok $? "PgBouncer starts on the README's settings"
sed -i "s|^database .*|$pooled|" "$S/etc/crm.conf"
like "$(grep '^database' "$S/etc/crm.conf")" "port=6432 dbname=crm user=crm\$" \
    "crm.conf names PgBouncer's port"

logins() { grep -c 'login attempt: db=crm user=crm' "$PGDIR/pgbouncer.log"; }
backends() {	# the server's processes of the service role
	dbq -f "$SU" "SELECT string_agg(pid::text, ' ' ORDER BY pid)
	    FROM pg_stat_activity WHERE usename = 'crm' AND datname = 'crm'"
}
l0=$(logins)
as $M task-add -k other 'Через пул'
is "$rc:$out" "0:1" "a manager adds a task through PgBouncer"
[ "$rc" -eq 0 ] || echo "# $errout"
is "$(( $(logins) - l0 ))" 1 "PgBouncer logged the tool's login"
is "$(dbq -f "$SU" "SELECT p.login FROM task t JOIN person p
    ON p.id = t.author_id WHERE t.id = 1")" "$M" \
    "its author is the real user id, as without a pooler"
b1=$(backends)
like "$b1" '^[0-9]+$' "one server process serves the service role"
for i in 1 2 3; do
	as $M task-today
	[ "$rc" -eq 0 ] || break
	as $H task-list -a -t
	[ "$rc" -eq 0 ] || break
done
is "$rc" 0 "six more commands, one after the other"
is "$(backends)" "$b1" "and the same server process served them all"

# A writer after a reader, on the same server process.
as $M task-today
as $N task-add -k other 'После чтения'
is "$rc" 0 "a writer after a reader on the same server process"
[ "$rc" -eq 0 ] || echo "# $errout"
crm-verify > /dev/null
is "$?" 0 "root's crm-verify through PgBouncer: the chain holds"

# The holder of the secret leaves their session read-only: the next
# command on that server process writes all the same.
secret() {	# secret CMD...: CMD with the service role's password
	PGPASSWORD=$(cat "$S/etc/crm.secret") "$@"
}
(cd "$S/home" && secret "$PGBIN/psql" -X -q -h "$PGDIR" -p 6432 -U crm \
    -d crm -c 'SET default_transaction_read_only = on')
ok $? "the holder of the secret connects through PgBouncer"
as $N task-add -k other 'После чужой сессии'
is "$rc" 0 "a writer after a session left read-only: reset, it writes"

# Without the README's reset one command's session reaches the next:
# the next tool finds the last one's prepared statements, and is
# refused, with nothing written.  (What the reset line is for.)
pg_bouncer_stop
grep -v '^server_reset_query' "$P/pgbouncer.ini" > "$P/noreset.ini"
echo 'server_reset_query =' >> "$P/noreset.ini"
pg_bouncer "$P/noreset.ini"
as $N task-add -k other 'Перед'
n0=$(dbq -f "$SU" "SELECT count(*) FROM task")
as $N task-add -k other 'Без сброса'
like "$rc:$errout" '^1:.*prepared statement "crm[0-9]+" already exists' \
    "without the reset the next tool gets the last one's session: refused"
is "$(dbq -f "$SU" "SELECT count(*) FROM task")" "$n0" "and nothing written"
pg_bouncer_stop
pg_bouncer "$P/pgbouncer.ini"
ok $? "PgBouncer again, on the README's settings"

# A person gets no further than to the server itself.
as $M cat "$P/userlist.txt"
like "$rc:$errout" "^1:.*Permission denied" "a manager cannot read the userlist"
as $M "$PGBIN/psql" -X -w -h "$PGDIR" -p 6432 -U crm -d crm -c 'SELECT 1'
like "$rc:$errout" "^2:.*(password|SASL)" \
    "a manager's psql to PgBouncer as the service role, no secret: refused"
as $M env PGPASSWORD=guess "$PGBIN/psql" -X -w -h "$PGDIR" -p 6432 -U crm \
    -d crm -c 'SELECT 1'
like "$rc:$errout" "^2:.*(password|SASL) authentication failed" \
    "a guessed password: refused"
as $M "$PGBIN/psql" -X -w -h "$PGDIR" -p 6432 -d crm -c 'SELECT 1'
is "$rc" 2 "as themselves: refused"
as $M "$PGBIN/psql" -X -w -h "$PGDIR" -p 6432 -d pgbouncer -c 'SHOW POOLS'
is "$rc" 2 "PgBouncer's console: refused"
as $M env PGHOST=/nonexistent PGPORT=1 task-list -t
is "$rc" 0 "the caller's PGHOST and PGPORT steer no setgid tool"

# Thirty at once: all served, by no more than the pool's processes.
mkdir "$S/rush"
chmod 0777 "$S/rush"
for i in $(seq 30); do
	if [ $((i % 3)) -eq 0 ]; then
		(as $N task-add -k other "Разом $i"; echo "$rc" > "$S/rush/$i") &
	else
		(as $M task-today; echo "$rc" > "$S/rush/$i") &
	fi
done
wait
is "$(cat "$S"/rush/* | sort | uniq -c | awk '{ print $2 ":" $1 }')" "0:30" \
    "thirty commands at once (ten writers): every one exits 0"
is "$(dbq -f "$SU" "SELECT count(*) FROM task WHERE title LIKE 'Разом %'")" \
    10 "the ten tasks are there"
n=$(backends | wc -w)
ok $([ "$n" -ge 1 ] && [ "$n" -le 20 ]; echo $?) \
    "at most the pool's twenty server processes ($n)"
crm-verify > /dev/null
is "$?" 0 "the chain holds after them"

# A full queue is busy too: PgBouncer let one client in at most, held
# by the holder of the secret.
pg_bouncer_stop
sed 's/^max_client_conn = .*/max_client_conn = 1/' "$P/pgbouncer.ini" \
    > "$P/full.ini"
pg_bouncer "$P/full.ini"
(cd "$S/home" && secret "$PGBIN/psql" -X -q -h "$PGDIR" -p 6432 -U crm \
    -d crm -c 'SELECT pg_sleep(4)' > /dev/null 2>&1) &
sleeping() {
	[ "$(dbq -f "$SU" "SELECT count(*) FROM pg_stat_activity
	    WHERE query LIKE 'SELECT pg_sleep(4)%'")" = 1 ]
}
pg_until sleeping
as $M task-today
like "$rc:$errout" "^75:.*no more connections allowed.*try again later\$" \
    "PgBouncer's clients all taken: busy, exit 75, try again"
wait
pg_bouncer_stop
pg_bouncer "$P/pgbouncer.ini"

# Busy, not broken: the server gone behind PgBouncer (exit 75 within
# the README's query_wait_timeout, not PgBouncer's two minutes), back
# again, then PgBouncer gone.
_pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop > /dev/null 2>&1
t0=$(date +%s)
as $M task-today
t1=$(date +%s)
is "$rc" 75 "the server stopped behind PgBouncer: busy, exit 75"
like "$errout" "(busy or cannot be reached|cannot reach the database server).*try again later\$" \
    "the message says so (PgBouncer ends the wait in the login or after it)"
is "$(printf '%s\n' "$errout" | wc -l)" 1 "on one line"
ok $([ $((t1 - t0)) -lt 60 ]; echo $?) \
    "within the README's wait, not PgBouncer's own ($((t1 - t0)) s)"
_pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$PGDIR'" \
    start > "$S/restart.log" 2>&1
ok $? "the server starts again"
# PgBouncer tries the server again each second (server_login_retry);
# a command before then is busy, as the message says: try again.
i=0
while :; do
	as $M task-today
	[ "$rc" -eq 75 ] && [ $i -lt 10 ] || break
	i=$((i + 1))
	sleep 1
done
is "$rc" 0 "the server back: a command works again ($i tries busy first)"
[ "$rc" -eq 0 ] || echo "# $errout"
pg_bouncer_stop
as $M task-today
is "$rc" 75 "PgBouncer gone: exit 75"

done_testing
