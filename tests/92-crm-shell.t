#!/bin/sh
# From another machine, over ssh (crm-shell(1)): a real sshd of the
# test's own on a localhost port, real Unix users with their own keys,
# each key forced to crm-shell, which runs only the department's tools
# (installed setgid with make install-shared, as tests/85 does) with the
# words given and no shell.  Standard input, standard output, standard
# error and the exit status pass through, a question is asked on the
# terminal of ssh -t, and what would run a command or reach a file of
# the server is refused, each a row below.
. "$(dirname "$0")/lib.sh"

SSHD=/usr/sbin/sshd
if [ "$(id -u)" -ne 0 ] || ! command -v useradd > /dev/null ||
    ! command -v runuser > /dev/null || [ ! -x "$SSHD" ] ||
    ! command -v ssh > /dev/null; then
	echo "1..0 # SKIP needs root, useradd, runuser and openssh-server"
	exit 0
fi
unset CRM_NOW CRM_BUSY_MS

scratch_root 92
A=a$sfx H=h$sfx M=m$sfx X=x$sfx
# the users' connections kept for their next commands, and the sshd
scratch_stop() {
	for u in $made; do
		[ -S "$S/ssh/cm/$u" ] && $UNFAKE runuser -u "$u" -- ssh \
		    -o ControlPath="$S/ssh/cm/$u" -O exit x > /dev/null 2>&1
	done
	[ -f "$S/ssh/sshd.pid" ] && kill "$(cat "$S/ssh/sshd.pid")" 2>/dev/null
}
scratch_users "$S/home" $A $H $M $X
# (sshd lets no locked account in: '*' is no password, and no lock)
for u in $made; do usermod -p '*' "$u"; done

# The tools a row runs, installed setgid from a copy of the sources.
mkdir -p "$S/home" "$S/ssh/keys" "$S/etc"
chmod 1777 "$S/home"
if [ "$CRM_TEST_PG" = 1 ]; then
	# the test's server, which the users reach through its socket
	chmod 0711 "$PGDIR"
	printf 'database %s\n' "$CRM_DB" > "$S/etc/crm.conf"
fi
scratch_install "$S" "$G" crm-user task-add task-today task-done \
    task-cancel kpi-report crm-digest task-remind crm-import crm-rules \
    crm-backup
ok $? "make install-shared into a scratch root, crm-shell with the tools"
[ $? -eq 0 ] || sed 's/^/# /' "$S/build.log" | tail -20
B=$S/usr/bin
is "$(stat -c '%a %U' "$B/crm-shell")" "755 root" \
    "crm-shell is installed without the group"
[ "$CRM_TEST_PG" = 1 ] || CRM_DB=$S/var/lib/crm/crm.db
# the same database a department of a holding too (crm(5))
printf 'department main %s\n' "$CRM_DB" >> "$S/etc/crm.conf"

# The department: root adds the people (CRM_USER is root's; the
# database is the one crm.conf names).
adm() { env -u CRM_DB CRM_USER=$A "$B/crm-user" "$@"; }
adm add -g admin $A 'Админ' && adm add -g head $H 'Петрова' &&
    adm add -g manager -h $H $M 'Иванов' &&
    adm add -g manager -h $H $X 'Уволенный'
ok $? "root adds an admin, a head and two managers"

# An sshd of the test's own: its host key, its config, a free port on
# the loopback; each user's key forced to crm-shell.
ssh-keygen -q -t ed25519 -N '' -f "$S/ssh/host" &&
    printf '127.0.0.1 %s\n' "$(cat "$S/ssh/host.pub")" > "$S/ssh/known"
for u in $A $H $M $X; do
	ssh-keygen -q -t ed25519 -N '' -C "$u" -f "$S/ssh/id.$u" &&
	    chown "$u" "$S/ssh/id.$u" &&
	    printf 'command="%s",no-port-forwarding,no-X11-forwarding,no-agent-forwarding %s\n' \
	    "$B/crm-shell" "$(cat "$S/ssh/id.$u.pub")" > "$S/ssh/keys/$u"
done
# a key that no authorized_keys holds
ssh-keygen -q -t ed25519 -N '' -f "$S/ssh/id.stranger" &&
    chown $M "$S/ssh/id.stranger"
mkdir -p /run/sshd "$S/ssh/cm"
chmod 1777 "$S/ssh/cm"
port=
for try in 1 2 3 4 5; do
	p=$((20000 + ($$ * 7 + try * 131) % 30000))
	cat > "$S/ssh/config" <<EOF
Port $p
ListenAddress 127.0.0.1
HostKey $S/ssh/host
PidFile $S/ssh/sshd.pid
AuthorizedKeysFile $S/ssh/keys/%u
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin no
AcceptEnv LANG LC_* CRM_*
PrintMotd no
LogLevel ERROR
EOF
	if $UNFAKE "$SSHD" -f "$S/ssh/config" -E "$S/ssh/log" &&
	    sleep 0.3 && [ -s "$S/ssh/sshd.pid" ]; then
		port=$p
		break
	fi
done
ok "$([ -n "$port" ]; echo $?)" "an sshd of our own on 127.0.0.1:$port"
[ -n "$port" ] || sed 's/^/# /' "$S/ssh/log"

# on USER [-k KEY] [SSH-OPTION...] -- COMMAND: ssh to our sshd as USER
# with their key (or KEY), COMMAND as ssh sends it; sets $out, $errout,
# $rc (as).  Standard input is the caller's.  One connection a user,
# kept for their next commands (each still a session of its own, forced
# to crm-shell): the test's time goes to the rows, not to handshakes.
on() {
	_u=$1 _k=$S/ssh/id.$1
	shift
	[ "$1" = -k ] && { _k=$2; shift 2; }
	_o=
	while [ "$1" != -- ]; do _o="$_o $1"; shift; done
	shift
	# (ssh takes an option's first value: the caller's come first)
	as "$_u" ssh -F /dev/null $_o -p "$port" -i "$_k" -o IdentitiesOnly=yes \
	    -o BatchMode=yes -o UserKnownHostsFile="$S/ssh/known" \
	    -o StrictHostKeyChecking=yes -o LogLevel=ERROR \
	    -o ControlMaster=auto -o ControlPersist=120 \
	    -o ControlPath="$S/ssh/cm/%r" \
	    "$_u@127.0.0.1" "$@"
}

# Normal use: the tools, as the person, over ssh.
on $M -- "task-add -k other 'Позвонить в Ромашку'" < /dev/null
is "$rc:$out" "0:1" "a manager adds a task over ssh"
[ "$rc" -eq 0 ] || printf '# %s\n' "$errout"
on $M -- task-add 'Отчёт' "'по Ромашке'" < /dev/null
is "$rc:$out" "0:2" "the words as sh splits them: quotes kept together"
is "$(dbq "SELECT title FROM task WHERE id = 2")" "Отчёт по Ромашке" \
    "one title of two words"
on $M -- "task-add -- 'Счёт; оплата & \$100 | \"срочно\"'" < /dev/null
is "$rc:$(dbq "SELECT title FROM task WHERE id = 3")" \
    '0:Счёт; оплата & $100 | "срочно"' "shell characters in quotes are text"
is "$(dbq "SELECT p.login FROM task t JOIN person p ON p.id = t.author_id
    WHERE t.id = 1")" $M "the author is the person of the Unix account"

# The README's pipe, across machines: stdout and stdin pass through.
on $M -- task-today -t < /dev/null
like "$out" '^1	.*Позвонить в Ромашку' "task-today's rows on our stdout"
today=$out
printf '%s\n' "$today" | grep 'Позвонить' > "$S/home/picked"
on $M -- task-done -r "'Созвонились'" < "$S/home/picked"
is "$rc" 0 "task-done reads the ids from ssh's standard input"
is "$(dbq "SELECT state || ' ' || coalesce(result, '') FROM task
    WHERE id = 1")" "done Созвонились" "the task piped in is done"
is "$(dbq "SELECT state FROM task WHERE id = 2")" open \
    "the task not piped stays open"

# The exit status and standard error pass through.
on $M -- task-done -r x 999 < /dev/null
is "$rc" 1 "a refusal of the tool: exit 1 through ssh"
like "$errout" "task-done: .*999" "its message on our standard error"
on $M -- task-add -T 25 x < /dev/null
is "$rc" 2 "a usage error of the tool: exit 2 through ssh"

# A question on the terminal that ssh -t gives: no, then yes.
echo n > "$S/home/answer"
on $M -tt -- task-cancel -r "'не нужно'" 2 3 < "$S/home/answer"
like "$out" "cancel these 2 tasks\\?" "ssh -t: the question on the terminal"
is "$(dbjoin , "SELECT state FROM task WHERE id IN (2, 3) ORDER BY id")" \
    "open,open" "answered no: nothing cancelled"
echo y > "$S/home/answer"
on $M -tt -- task-cancel -r "'не нужно'" 2 3 < "$S/home/answer"
is "$rc:$(dbjoin , "SELECT state FROM task WHERE id IN (2, 3)
    ORDER BY id")" "0:cancelled,cancelled" "answered yes: both cancelled"

# kpi-report -o - writes the report to our standard output.
on $H -- kpi-report -a -o - < /dev/null
like "$(printf '%s\n' "$out" | head -1)" '^<!DOCTYPE html>' \
    "kpi-report -o -: the HTML on our standard output"
printf 'name,manager\nООО Лютик,%s\n' $M > "$S/home/clients.csv"
on $H -- crm-import -k clients < "$S/home/clients.csv"
is "$rc:$(dbq "SELECT name FROM client")" "0:ООО Лютик" \
    "crm-import reads the CSV from ssh's standard input"

# The environment is the server's: what ssh sends (AcceptEnv CRM_*; a
# connection of its own, which sends it) names no database and no other
# person (a setgid tool that saw CRM_DB would refuse it).
on $M -o SetEnv=CRM_DB="$S/home/mine.db" -o ControlPath=none -- \
    task-today -t < /dev/null
is "$rc" 0 "CRM_DB sent by ssh: the tool runs on the department"
ok "$([ ! -e "$S/home/mine.db" ]; echo $?)" "and no database is made there"
on $M -o SetEnv=CRM_USER=$A -o ControlPath=none -- crm-user add -g manager y$sfx 'Никто' \
    < /dev/null
is "$rc" 1 "CRM_USER=admin sent by ssh: the manager stays a manager"

# The department of a holding, by its name: a word CRM_DEPT=NAME first,
# as sh would take it, or the variable ssh sends.
on $M -- task-today -t < /dev/null
today=$out
on $M -- CRM_DEPT=main task-today -t < /dev/null
is "$rc:$out" "0:$today" "CRM_DEPT=main first: that department's tasks"
on $M -o SetEnv=CRM_DEPT=nowhere -o ControlPath=none -- task-today \
    < /dev/null
like "$rc:$errout" "^1:.*no department 'nowhere'" \
    "CRM_DEPT sent by ssh reaches the tool: no such department"

# Each refusal: who%exit%message (grep -E)%the command ssh sends (@S@
# the scratch root).  The
# database stays as it was and no file of the server is touched.
touch "$S/home/victim"
chmod 0666 "$S/home/victim"
before=$(dbdump | md5sum)
while IFS='%' read -r who st pat cmd; do
	case $who in ''|'#'*) continue;; esac
	eval "who=$who"
	cmd=$(printf '%s\n' "$cmd" | sed "s|@S@|$S|g")
	pat=$(printf '%s\n' "$pat" | sed "s|@S@|$S|g")
	on "$who" -- "$cmd" < /dev/null
	is "$rc" "$st" "$cmd: exit $st"
	like "$errout" "$pat" "$cmd: message"
done <<'EOF'
# options that reach a file or run a command on the server
$M%1%-f is refused over ssh%task-today -f @S@/home/mine.db
$M%1%-f is refused over ssh%task-today -tf@S@/home/mine.db
$M%1%-f is refused over ssh%task-add -k other x -f @S@/home/mine.db
$H%1%-S is refused over ssh%crm-digest -a -S 'tee @S@/home/victim'
$H%1%-S is refused over ssh%task-remind -S 'tee @S@/home/victim'
$H%1%-o '@S@/home/victim' is refused over ssh%kpi-report -a -o @S@/home/victim
$A%1%the file '/etc/passwd' is refused%crm-import -k people /etc/passwd
$A%1%the file '@S@/home/victim' is refused%crm-rules import @S@/home/victim
$A%1%the file '@S@/home/victim' is refused%crm-rules calendar load @S@/home/victim
$A%1%the file '@S@/home/victim' is refused%crm-backup @S@/home/victim
# what is not a crm tool
$M%1%'sh' is not a crm tool%sh -c id
$M%1%'/bin/sh' is not a crm tool%/bin/sh
$M%1%'@S@/usr/bin/task-today' is not a crm tool%@S@/usr/bin/task-today
$M%1%'crm-shell' is not a crm tool%crm-shell
$M%1%'cat' is not a crm tool%cat @S@/var/lib/crm/crm.db
$M%1%'CRM_DB=@S@/home/mine.db' is not a crm tool%CRM_DB=@S@/home/mine.db task-today
# shell metacharacters
$M%1%';' is refused%task-today; id
$M%1%'\|' is refused%task-today | tee @S@/home/victim
$M%1%'&' is refused%task-today && id
$M%1%'\$' is refused%task-add $(id)
$M%1%'\$' is refused%task-add "$HOME"
$M%1%'`' is refused%task-add `id`
$M%1%'>' is refused%task-today >@S@/home/victim
$M%1%'<' is refused%task-done -r x <@S@/home/victim
$M%1%'\*' is refused%task-add *
$M%1%'~' is refused%task-add ~/x
$M%2%a quote is not closed%task-add 'x
$M%2%a command is required%
EOF
is "$(dbdump | md5sum)" "$before" "the refusals left the database as it was"

# A person deactivated: their key still opens, the tool refuses them.
adm deactivate $X
before=$(dbdump | md5sum)
on $X -- task-today < /dev/null
is "$rc" 1 "a deactivated person: exit 1"
like "$errout" "$X" "a deactivated person: the message names them"
is "$(stat -c %s "$S/home/victim")" 0 "no refusal wrote the file"
ok "$([ ! -e "$S/home/mine.db" ]; echo $?)" "no refusal made a database"

# A key that no authorized_keys holds: ssh itself refuses.
on $M -k "$S/ssh/id.stranger" -o ControlPath=none -- task-today < /dev/null
is "$rc" 255 "an unknown key: ssh exits 255"
like "$errout" "Permission denied" "an unknown key: permission denied"
is "$(dbdump | md5sum)" "$before" "the database is as it was"

# crm-shell's table of tools is cmd/'s, each with the letters its
# getopt reads (a letter and its argument alike): a word is read as
# the tool will read it.
norm() {	# the letters of a getopt string: "plain with-argument"
	printf '%s %s\n' \
	    "$(printf '%s' "$1" | sed 's/.://g' | fold -w1 | sort -u | tr -d '\n')" \
	    "$(printf '%s' "$1" | grep -o '.:' | tr -d : | sort -u | tr -d '\n')"
}
sed -n 's/^	{ "\([a-z-]*\)",	*"\([^"]*\)",.*/\1 \2/p' \
    "$TOP/cmd/crm-shell.c" | while read -r t o; do
	printf '%s %s\n' "$t" "$(norm "$o")"
done > "$S/table"
for t in $(cd "$TOP/cmd" && ls *.c | grep -v -e '^crm-shell\.c$' |
    sed 's/\.c$//'); do
	c=$TOP/cmd/$t.c
	if grep -q 'verbs\[\] = {' "$c"; then
		o=$(sed -n 's/^	{ "[a-z-]*", "\([^"]*\)",.*/\1/p' "$c" |
		    tr -d '\n')
	else
		o=$(grep -ho 'getopt(argc, argv, "[^"]*")' $(tool_srcs "$t") |
		    sed 's/.*"\(.*\)".*/\1/' | tr -d '\n')
	fi
	printf '%s %s\n' "$t" "$(norm "$o")"
done > "$S/cmd"
same "$(cat "$S/table")" "$(cat "$S/cmd")" \
    "crm-shell's tools and their letters are cmd/'s"

done_testing
