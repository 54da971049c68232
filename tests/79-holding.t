#!/bin/sh
# A holding: several departments on one host (crm(5) CONFIGURATION,
# crm(7) SECURITY), each its own database named in crm.conf, picked by
# its name through CRM_DEPT, never by a path.  The tools installed
# setgid (make install-shared, as tests/85), run by real Unix users; one
# login a head in one department and a manager in the other sees each
# one's data only there; a person moves from one to the other.  On
# PostgreSQL the departments are two databases of the test's server.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v useradd > /dev/null ||
    ! command -v runuser > /dev/null; then
	echo "1..0 # SKIP needs root, useradd and runuser to make users"
	exit 0
fi
unset CRM_NOW CRM_BUSY_MS

scratch_root 79
A=a$sfx P=p$sfx M=m$sfx K=k$sfx
scratch_users "$S/home" $A $P $M $K
mkdir -p "$S/home" "$S/etc"
chmod 1777 "$S/home"

# Two departments, north and south, and no 'database' line.
if [ "$CRM_TEST_PG" = 1 ]; then
	chmod 0711 "$PGDIR"
	NORTH=$CRM_DB
	SOUTH=$(pg_db south)
else
	NORTH=$S/var/lib/crm/north.db
	SOUTH=$S/var/lib/crm/south.db
fi
printf '# crm(5)\ndepartment north %s\ndepartment south %s\n' \
    "$NORTH" "$SOUTH" > "$S/etc/crm.conf"
scratch_install "$S" "$G" crm-user task-add task-list task-edit
ok $? "make install-shared into a scratch root"
[ $? -eq 0 ] || sed 's/^/# /' "$S/build.log" | tail -20
B=$S/usr/bin
unset CRM_DB

# dept DEPT AS CMD...: CMD as the Unix user AS in the department DEPT
# ("-": no CRM_DEPT); sets $out, $errout, $rc.
dept() {
	_dept=$1
	shift
	_u=$1
	shift
	if [ "$_dept" = - ]; then
		as "$_u" "$@"
	else
		as "$_u" env CRM_DEPT="$_dept" "$@"
	fi
}
# root, in DEPT: crm-user's commands (CRM_USER is root's)
adm() {
	_dept=$1
	shift
	CRM_DEPT=$_dept CRM_USER=$A "$B/crm-user" "$@"
}

adm north add -g admin $A 'Админ' &&
    adm north add -g head $P 'Петрова' &&
    adm north add -g manager -h $P $M 'Иванов'
ok $? "root makes the north department: P its head, M a manager"
adm south add -g admin $A 'Админ' &&
    adm south add -g head $K 'Козлов' &&
    adm south add -g manager -h $K $P 'Петрова'
ok $? "root makes the south department: K its head, P a manager"

# One login, two roles, each department's data only there.
dept north $P crm-user list -t
like "$out" "	$P	Петрова	head	" "P is a head in the north"
dept south $P crm-user list -t
like "$out" "	$P	Петрова	manager	" "P is a manager in the south"
dept north $M task-add 'Север: звонок'
is "$rc:$out" "0:1" "M adds a task in the north"
dept south $K task-add 'Юг: договор'
is "$rc:$out" "0:1" "K adds a task in the south"
dept south $P task-add 'Юг: мой звонок'
is "$rc:$out" "0:2" "P adds a task of their own in the south"
dept north $P task-list -t -a
like "$out" "^1	$M	.*Север: звонок" "as the north's head, P sees M's task"
is "$(printf '%s\n' "$out" | grep -c 'Юг')" 0 \
    "and nothing of the south"
dept south $P task-list -t -a
like "$out" "^2	$P	.*Юг: мой звонок" "as a south manager, P sees their own"
is "$(printf '%s\n' "$out" | grep -c 'Юг: договор\|Север')" 0 \
    "but not the south head's task, nor the north's"
dept south $P task-edit -u $P 1
is "$rc" 1 "P, a manager in the south, cannot take the head's task there"
dept north $P task-edit -n 'проверить' 1
is "$rc" 0 "while in the north, as head, P edits the team's task"
is "$(dbjoin , -f "$NORTH" "SELECT title FROM task ORDER BY id")" \
    "Север: звонок" "the north's database holds the north's tasks"
is "$(dbjoin , -f "$SOUTH" "SELECT title FROM task ORDER BY id")" \
    "Юг: договор,Юг: мой звонок" "the south's the south's"

# A department by its name only, and the setgid tools' rules hold.
dept "$NORTH" $P task-list
like "$rc:$errout" "^1:.*invalid department" "CRM_DEPT a path: refused"
dept ../north $P task-list
like "$rc:$errout" "^1:.*invalid department" "CRM_DEPT ../north: refused"
dept west $P task-list
like "$rc:$errout" "^1:.*no department 'west'" "an unknown department"
dept - $P task-list
like "$rc:$errout" "^1:.*no 'database' line" \
    "no CRM_DEPT, no 'database' line: refused, not guessed"
dept north $P task-list -f "$SOUTH"
like "$rc:$errout" "^1:.*not -f or CRM_DB" "CRM_DEPT and -f: -f refused"
dept north $P env CRM_DB="$S/home/mine.db" task-list
like "$rc:$errout" "^1:.*not -f or CRM_DB" "CRM_DEPT and CRM_DB: refused"
ok "$([ ! -e "$S/home/mine.db" ]; echo $?)" "no database made there"

# M moves from the north to the south: their open task goes to the
# north's head, the north deactivates them, the south adds them.
dept north $P task-edit -u $P 1 &&
    adm north deactivate $M &&
    adm south add -g manager -h $K $M 'Иванов'
ok $? "M moved: the task handed over, deactivated in the north, added in the south"
dept north $M task-list
like "$rc:$errout" "^1:.*$M" "the north refuses M now"
dept south $M task-add 'Юг: первая задача'
is "$rc:$out" "0:3" "M works in the south"
dept south $M task-list -t -a
is "$(printf '%s\n' "$out" | cut -f1,2)" "3	$M" \
    "and sees only their south task there"
dept south $K task-list -t -u $M
like "$out" "^3	$M	" "the south's head sees their new manager's task"
dept north $P task-list -t -a
like "$out" "^1	$P	.*Север: звонок" "the north keeps M's old task, now P's"

done_testing
