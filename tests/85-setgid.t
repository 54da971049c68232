#!/bin/sh
# The department's database enforced without root (crm(7) SECURITY):
# the tools installed setgid into a scratch root with make
# install-shared, run by unprivileged Unix users, who can reach the
# database only through the tools and everything else only with their
# own rights.
. "$(dirname "$0")/lib.sh"

sqlite_only_file "the setgid tools and the file's group and mode keep sqlite3 out"
# (names of our own, so that parallel runs and real accounts are safe)
A=a$$ H=h$$ M=m$$ N=n$$
setgid_install t $A $H $M $N
is "$(stat -c '%a %U %G' "$B/task-add")" "2755 root $G" \
    "the tools are setgid to the group"
is "$(stat -c '%a %U %G' "$S/var/lib/crm")" "2770 root $G" \
    "the database directory is the group's alone"
is "$(cat "$S/etc/crm.conf" | grep -v '^#')" "database $DB" \
    "the configuration names the database"

# Root makes the department: CRM_USER is root's.
CRM_USER=$A "$B/crm-user" add -g admin -e a@example.ru $A 'Админ' &&
    CRM_USER=$A "$B/crm-user" add -g head -e h@example.ru $H 'Петрова' &&
    CRM_USER=$A "$B/crm-user" add -g manager -h $H -e m@example.ru $M \
    'Иванов'
ok $? "root adds the admin, a head and a manager"
is "$(stat -c '%a %U %G' "$DB")" "660 root $G" "the database is 0660"


# Normal use.
as $M task-add -k other 'Позвонить в Ромашку'
is "$rc:$out" "0:1" "a manager adds a task"
[ "$rc" -eq 0 ] || echo "# $errout"
as $M task-list -t
like "$out" '^1	.*Позвонить в Ромашку' "and lists it"
as $H task-list -t -u $M
like "$out" '^1	.*Позвонить в Ромашку' "the head sees the team's task"

# The file itself is out of reach.
as $M sqlite3 "$DB" 'SELECT count(*) FROM task'
ok "$([ "$rc" -ne 0 ]; echo $?)" "sqlite3 on the database fails"
like "$errout" 'unable to open|ermission denied' "sqlite3: not allowed"
as $M cat "$DB"
like "$errout" 'Permission denied' "cat of the database: EACCES"

# The person is the real uid; the environment cannot change it.
as $M env CRM_USER=$A crm-user add -g manager x85 'Никто'
is "$rc" 1 "CRM_USER=admin is ignored for a manager"
as $M env CRM_NOW='2020-01-01 09:00:00' task-add 'Задним числом'
is "$rc" 0 "CRM_NOW: the task is added"
# A setgid tool reads the machine's real clock (sysclock): libfaketime
# (make sweep) is not loaded into it.
at=$(dbq -f "$DB" "SELECT created_at FROM task WHERE id = $out")
clock_near "$at" "" sysclock
ok $? "CRM_NOW is ignored: the time of record is now ($at)"
# root's sqlite3, without persist_wal (dbq keeps them), removes the -wal
# and -shm files on closing: a person may not make them (crm(7) SECURITY)
sqlite3 "$DB" 'SELECT count(*) FROM task' > /dev/null
as $M task-list
like "$rc:$errout" '^1:.*crm.db-wal: missing, or not the database owner' \
    "without root's -wal a person is refused"
CRM_USER=$A "$B/task-list" > /dev/null
is "$(stat -c '%U %G' "$DB-wal" "$DB-shm" | sort -u)" "root $G" \
    "root's tool made them again, root's"
as $N task-list
is "$rc" 1 "a Unix user who is no person is refused"
like "$errout" "$N" "the message names them"
as $N crm-user add -g admin $N 'Я'
is "$rc" 1 "and cannot make themselves the first admin"

# -f and CRM_DB are refused.
as $M task-list -f "$S/home/mine.db"
is "$rc" 1 "-f is refused"
like "$errout" 'setgid.*not -f or CRM_DB' "-f: the message says why"
as $M env CRM_DB="$S/home/mine.db" task-list
is "$rc" 1 "CRM_DB is refused"
ok "$([ ! -e "$S/home/mine.db" ]; echo $?)" "no database was made there"

# What the caller names is opened with the caller's rights only.
touch "$S/rootfile"
chmod 0644 "$S/rootfile"
as $M kpi-report -o "$S/rootfile"
is "$rc" 1 "kpi-report -o into a root-owned file fails"
like "$errout" 'Permission denied' "the kernel refused it"
is "$(stat -c %s "$S/rootfile")" 0 "the file is untouched"
as $M kpi-report -o "$S/var/lib/crm/evil.html"
like "$rc:$errout" '^1:.*Permission denied' \
    "kpi-report -o into the group's directory fails"
as $M kpi-report -o "$S/home/kpi.html"
is "$rc:$(stat -c '%U %G' "$S/home/kpi.html")" \
    "0:$M $(id -gn $M)" "kpi-report -o writes the caller's own file"
as $M crm-import -k tasks /etc/shadow
is "$rc" 1 "crm-import of /etc/shadow fails"
like "$errout" 'Permission denied' "permission denied"
ok "$(printf '%s%s' "$out" "$errout" | grep -q 'root:'; [ $? -ne 0 ]
    echo $?)" "nothing of /etc/shadow is printed"
as $M crm-import -k tasks "$DB"
like "$rc:$errout" '^1:.*Permission denied' \
    "crm-import of the database file itself fails"
as $A crm-rules import "$DB"
like "$rc:$errout" '^1:.*Permission denied' \
    "crm-rules import of the database fails"

# A command the tool starts runs as the caller, without the group.
as $H crm-digest -O -S "id -g > $S/home/digest.gid; id -G >> \
$S/home/digest.gid; cat > /dev/null"
is "$rc" 0 "crm-digest -S runs"
is "$(head -1 "$S/home/digest.gid")" "$(id -g $H)" \
    "the command runs with the caller's group"
ok "$(grep -qw "$(getent group $G | cut -d: -f3)" "$S/home/digest.gid"
    [ $? -ne 0 ]; echo $?)" "the command has not the tool's group at all"

# Backups: the admin's, refused to a manager.
as $A crm-backup "$S/home/backup.db"
is "$rc" 0 "crm-backup works for the admin"
is "$(stat -c '%a %U' "$S/home/backup.db")" "600 $A" \
    "the copy is the admin's, mode 0600"
as $A sqlite3 "$S/home/backup.db" 'SELECT count(*) FROM task'
is "$out" 2 "the copy holds the tasks"
as $M crm-backup "$S/home/m.db"
is "$rc" 1 "crm-backup is refused for a manager"
like "$errout" 'only root or an admin' "crm-backup: the message"
ok "$([ ! -s "$S/home/m.db" ]; echo $?)" "the manager got no copy"
"$B/crm-backup" "$S/root-backup.db"
is "$?" 0 "root's cron backs up without being a person"

# Many runs, each opening and closing: the database stays whole.
i=0
while [ $i -lt 20 ]; do
	as $M task-add "Задача $i" > /dev/null
	as $H task-list -t -u $M > /dev/null
	i=$((i + 1))
done
is "$(dbsound -f "$DB")" ok \
    "after many runs the database is healthy"
is "$(dbq -f "$DB" 'SELECT count(*) FROM task')" 22 "and holds every task"
CRM_USER=$A "$B/task-list" > /dev/null	# (after root's sqlite3, as above)
as $M task-list -t
is "$rc:$(printf '%s\n' "$out" | wc -l)" "0:22" "the manager still uses it"
rm -f "$S/home/stderr.$$"

# The setgid tools read the installed catalogue, never one beside them.
[ -f "$S/usr/share/locale/ru/LC_MESSAGES/crm.mo" ]
ok $? "install-shared installs the Russian catalogue"
out=$(cd "$S/home" && $UNFAKE runuser -u "$M" -- env -i PATH="$B:/usr/bin:/bin" \
    LC_ALL=ru_RU.UTF-8 HOME="$S/home" task-done 999 2>&1)
is "$out" "task-done: нет задачи «999»" "a setgid tool speaks Russian"

done_testing
