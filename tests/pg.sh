# tests/pg.sh: a PostgreSQL server of the test's own, sourced by
# tests/lib.sh when CRM_TEST_PG=1 and by tests that need a server.
#
# pg_start makes a cluster in a new directory owned by nobody (the tests
# run as root, which PostgreSQL refuses to run as), starts it listening
# on a Unix socket in that directory only (no TCP), and sets PGDIR, the
# directory, and PGHOST and PGUSER for psql and createdb.  pg_stop stops
# it and removes the directory; the caller's trap calls it.  pg_db NAME
# makes a database and prints its conninfo, what CRM_DB takes.
# pg_have says whether PostgreSQL's programs are installed.  PGSUPER
# names the cluster's superuser (crm unless set before pg_start).
# pg_peer lets the machine's users in as themselves (peer
# authentication), as on a department's server.  PG_DURABLE=1
# (bench/run -p) keeps fsync and synchronous commits on, as a real
# server has them; the tests keep nothing and run without.

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

pg_have() {
	[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] &&
	    id nobody >/dev/null 2>&1
}

# pg_need: end a test file that needs a server of its own, skipped, when
# it cannot have one.
pg_need() {
	pg_have || {
		echo "1..0 # SKIP PostgreSQL's programs (Debian's postgresql)" \
		    "or the user nobody are missing"
		exit 0
	}
	[ "$(id -u)" -eq 0 ] || {
		echo "1..0 # SKIP the server is started as nobody, which" \
		    "needs root"
		exit 0
	}
}

# As nobody, from a directory nobody may enter.  On the moved clock of
# CRM_TEST_AT (tests/lib.sh) the server keeps it, with a /dev/shm of its
# own, where libfaketime's files of other users' processes are not.
_pg_as() {
	if [ -n "${FAKESERVER:-}" ]; then
		(cd "$PGDIR" && $UNFAKE unshare -m sh -c 'mount -t tmpfs \
		    -o mode=1777 crm-shm /dev/shm && exec "$@"' sh \
		    runuser -u nobody -- $FAKESERVER "$@")
	else
		(cd "$PGDIR" && runuser -u nobody -- "$@")
	fi
}

# _pg_initdb: the cluster in $PGDIR/data.  initdb takes a second or more
# and its cluster is the same each time, so the first one made in a run
# of the suite is kept in tests/tmp (one per PostgreSQL version, superuser
# and TZ, which initdb writes into the cluster's settings) and copied,
# owner and modes kept, by every later test file.  Made in a directory
# of its own and renamed into place, so that two files at once never see
# half of one.
_pg_initdb() {
	_tpl=
	[ -n "${TOP:-}" ] && [ -d "$TOP/tests" ] &&
	    _tpl=$TOP/tests/tmp/pg-template-$(basename "$(dirname "$PGBIN")")-$PGUSER-$(printf '%s' "${TZ:-}" | tr -c 'A-Za-z0-9' _)
	if [ -n "$_tpl" ] && [ -f "$_tpl/PG_VERSION" ]; then
		cp -a "$_tpl" "$PGDIR/data" && return 0
		rm -rf "$PGDIR/data"
	fi
	_pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U "$PGUSER" -A trust -E UTF8 \
	    --locale=C.UTF-8 --no-sync >"$PGDIR/initdb.log" 2>&1 || {
		cat "$PGDIR/initdb.log" >&2
		return 1
	}
	[ -n "$_tpl" ] || return 0
	mkdir -p "$TOP/tests/tmp" &&
	    _new=$(mktemp -d "$TOP/tests/tmp/pg-new.XXXXXX") &&
	    cp -a "$PGDIR/data" "$_new/data" &&
	    mv -T "$_new/data" "$_tpl" 2>/dev/null
	rm -rf "${_new:-/nonexistent}"
	return 0
}

pg_start() {
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/crm-pg.XXXXXX") || return 1
	chown nobody "$PGDIR" || return 1
	PGHOST=$PGDIR
	PGUSER=${PGSUPER:-crm}
	export PGHOST PGUSER
	unset PGDATABASE PGPORT PGPASSWORD
	_pg_initdb || return 1
	# Nothing here is kept after the test: no fsync.
	_pgsync="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[ "${PG_DURABLE:-}" = 1 ] && _pgsync=
	_pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
	    -o "-c listen_addresses='' -c unix_socket_directories='$PGDIR' \
	    $_pgsync" start >/dev/null 2>&1 || {
		cat "$PGDIR/server.log" >&2
		return 1
	}
	# A test that sets a trap of its own drops ours: whatever way the
	# test ends, the server goes with it.  The watcher keeps none of
	# the test's descriptors, or prove would wait for it.
	perl -MPOSIX -e 'POSIX::close($_) for 0 .. 1023; POSIX::setsid();
	    exit 0 if fork; my ($pid, $dir, $bin) = @ARGV;
	    sleep 1 while kill 0, $pid;
	    exit 0 unless -d "$dir/data";
	    if (open(my $f, "<", "$dir/pgbouncer.pid")) {
	        my $b = <$f>; kill "TERM", $b if defined $b && $b =~ /^\d+$/ }
	    delete @ENV{qw(LD_PRELOAD FAKETIME_SHARED)};
	    system("runuser", "-u", "nobody", "--", "$bin/pg_ctl", "-D",
	        "$dir/data", "-m", "immediate", "-w", "-s", "stop");
	    system("rm", "-rf", $dir)' $$ "$PGDIR" "$PGBIN"
}

pg_stop() {
	[ -n "$PGDIR" ] || return 0
	pg_bouncer_stop
	_pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop \
	    >/dev/null 2>&1
	rm -rf "$PGDIR"
	PGDIR=
}

# pg_peer [HBA [IDENT]]: authentication by peer over the socket, which
# every user may now reach: pg_hba.conf's lines HBA (default: everyone as
# themselves, root and nobody as the superuser, through the map crm),
# pg_ident.conf's IDENT; the server reloads them before it returns.
pg_peer() {
	printf '%s\n' "${1:-local all all peer map=crm}" \
	    > "$PGDIR/data/pg_hba.conf"
	printf '%s\n' "${2:-crm root $PGUSER
crm nobody $PGUSER
crm /^(.*)\$ \\1}" > "$PGDIR/data/pg_ident.conf"
	chmod 0711 "$PGDIR"
	_was=$(_pg_loaded)
	_pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -s reload || return 1
	# a reload is a signal: wait until the server has read the files
	_i=0
	while [ "$(_pg_loaded)" = "$_was" ]; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || return 1
		sleep 0.05
	done
}

_pg_loaded() {
	"$PGBIN/psql" -X -A -t -d postgres -c 'SELECT pg_conf_load_time()'
}

pg_db() {
	"$PGBIN/createdb" -h "$PGDIR" -U "$PGUSER" "$1" || return 1
	printf 'host=%s dbname=%s user=%s\n' "$PGDIR" "$1" "$PGUSER"
}

# pg_until CMD...: wait up to five seconds for CMD to succeed; non-zero
# if it never did.
pg_until() {
	_pu=0
	until "$@"; do
		_pu=$((_pu + 1))
		[ $_pu -lt 100 ] || return 1
		sleep 0.05
	done
}

# pg_marked MARKER: of a README section on standard input, the lines of
# an indented block that end in "# MARKER" (a basic regular expression),
# without it, and with the test server's socket directory for Debian's.
pg_marked() {
	sed -n "s/^    \(.*[^ ]\)  *# $1\$/\1/p" |
	    sed "s|/var/run/postgresql|$PGDIR|"
}

# pg_bouncer [INI]: PgBouncer (Debian's pgbouncer) in front of this
# server, as the server's user, its socket in PGDIR on port 6432; INI
# is its settings (by default: the README's pooling, trust, every
# database of the server); its log and pid file are PGDIR's.  Returns
# when the socket is there; pg_bouncer_stop when it is gone.
PGBOUNCER=/usr/sbin/pgbouncer
pg_bouncer() {
	_ini=${1:-$PGDIR/pgbouncer.ini}
	[ -n "${1:-}" ] || printf '%s\n' '[databases]' \
	    "* = host=$PGDIR" '[pgbouncer]' "logfile = $PGDIR/pgbouncer.log" \
	    "pidfile = $PGDIR/pgbouncer.pid" 'listen_port = 6432' \
	    "unix_socket_dir = $PGDIR" 'auth_type = trust' \
	    "auth_file = $PGDIR/pgbouncer.users" 'pool_mode = session' \
	    'server_reset_query = DISCARD ALL' 'max_client_conn = 500' \
	    'default_pool_size = 20' 'query_wait_timeout = 5' \
	    > "$_ini" && printf '"%s" ""\n' "$PGUSER" > "$PGDIR/pgbouncer.users"
	(cd "$PGDIR" && ${UNFAKE:-} runuser -u nobody -- "$PGBOUNCER" -d "$_ini") \
	    > "$PGDIR/pgbouncer.out" 2>&1 || {
		sed 's/^/# /' "$PGDIR/pgbouncer.out" >&2
		return 1
	}
	pg_until test -S "$PGDIR/.s.PGSQL.6432"
}

# (PgBouncer removes its pid file when it ends.)
pg_bouncer_stop() {
	[ -f "$PGDIR/pgbouncer.pid" ] || return 0
	kill "$(cat "$PGDIR/pgbouncer.pid")"
	pg_until test ! -e "$PGDIR/.s.PGSQL.6432"
}

# pg_department S G: the README's "A DEPARTMENT SERVER" as it stands,
# run as root against this server (started with PGSUPER=postgres, as
# Debian's) into the scratch root S, with the scratch group G for crm:
# make install-shared (PREFIX=S/usr, SYSCONFDIR=S/etc,
# LOCALSTATEDIR=S/var, the sources already in S/src), the secret, the
# service role and its database, the README's pg_hba.conf lines (after
# postgres's own for the harness, as root) and crm.conf lines, then the
# README's people.  Sets B (the tools), DB (the service role's conninfo)
# and SU (the superuser's, for the harness); PG_README_OUT names a file
# that gets each step's output.  Non-zero when a step fails.
pg_department() {
	_s=$1 _g=$2
	_readme=$(sed -n '/^A DEPARTMENT SERVER$/,/^A POOLER$/p' "$TOP/README")
	B=$_s/usr/bin
	DB="host=$PGDIR dbname=crm user=crm"
	SU="host=$PGDIR dbname=crm user=postgres"
	_mk="(cd '$_s/src' \&\& env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 install-shared PREFIX='$_s/usr' SYSCONFDIR='$_s/etc' LOCALSTATEDIR='$_s/var' CRMGROUP=$_g)"
	# the commands: before the pg_hba.conf lines, and after crm.conf's
	printf '%s\n' "$_readme" | awk '/# pg_hba.conf$/ { exit }
	    /^    (root#|postgres\$) / { sub(/^    [^ ]+ /, ""); print }' |
	    sed -e "s|^make install-shared\$|$_mk|" -e "s|/usr/local/etc|$_s/etc|g" \
	    -e "s|chgrp crm |chgrp $_g |" > "$_s/setup.sh"
	printf '%s\n' "$_readme" | awk '/# crm.conf$/ { p = 1; next }
	    p && /^    (root#|postgres\$) / { sub(/^    [^ ]+ /, ""); print }' \
	    > "$_s/people.sh"
	(cd "$_s/src" && PATH="$_s/usr/bin:$PATH" $UNFAKE sh -ex "$_s/setup.sh") \
	    > "${PG_README_OUT:-/dev/null}" 2>&1 || return 1
	pg_peer "local all postgres peer map=super
$(printf '%s\n' "$_readme" | pg_marked pg_hba.conf)" \
	    "super root postgres
super postgres postgres" || return 1
	printf '%s\n' "$_readme" | pg_marked crm.conf |
	    sed "s|/usr/local/etc|$_s/etc|g" > "$_s/etc/crm.conf" || return 1
	(cd "$_s/home" && PATH="$B:$PATH" $UNFAKE sh -ex "$_s/people.sh") \
	    >> "${PG_README_OUT:-/dev/null}" 2>&1
}

# pg_scratch LETTER...: a department server for a test file run as root
# (tests/94, tests/95): the file skipped without root, useradd, runuser,
# PostgreSQL or its user; a scratch group G, real Unix users named by the
# letters ($H=h<pid>, ...), a scratch root S with the sources, a server
# whose superuser is postgres, as Debian's (a make check-pg run has
# started one for CRM_DB: not this one's), and the README's department
# on it (pg_department), one TAP test; all removed when the test ends.
pg_scratch() {
	if [ "$(id -u)" -ne 0 ] || ! command -v useradd > /dev/null ||
	    ! command -v runuser > /dev/null || ! pg_have ||
	    ! id postgres > /dev/null 2>&1; then
		echo "1..0 # SKIP needs root, useradd, runuser, PostgreSQL" \
		    "and its user"
		exit 0
	fi
	unset CRM_DB CRM_BUSY_MS
	G=crmt$$
	S=$(mktemp -d /tmp/crm-pgs.XXXXXX)
	chmod 0755 "$S"
	made=
	trap 'pg_stop; for u in $made; do userdel "$u" > /dev/null 2>&1; done
	    groupdel "$G" > /dev/null 2>&1; rm -rf "$S" "$T"' EXIT
	_users=
	for _l in "$@"; do
		eval "$_l=$(printf '%s' "$_l" | tr A-Z a-z)$$"
		eval "_users=\"\$_users \$$_l\""
	done
	scratch_users "$S/home" $_users
	mkdir -p "$S/src" "$S/home" "$S/etc"
	chmod 1777 "$S/home"
	scratch_src "$S/src"
	pg_stop
	PGSUPER=postgres pg_start || {
		echo "Bail out! cannot start PostgreSQL"
		exit 1
	}
	chmod 0711 "$PGDIR"
	PG_README_OUT=$S/readme.log pg_department "$S" "$G"
	_rc=$?
	ok $_rc "the README's department server, as it stands"
	[ $_rc -eq 0 ] || sed 's/^/# /' "$S/readme.log" | tail -30
	PATH=$B:$PATH
}
