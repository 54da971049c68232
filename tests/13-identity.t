#!/bin/sh
# Who you are is your Unix login: CRM_USER and CRM_NOW are honoured for
# root alone.  Run as a real unprivileged user (CI runs as root and
# makes one).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null; then
	echo "1..0 # SKIP needs root and useradd to make an unprivileged user"
	exit 0
fi
U=crmtest$$
useradd -M -d /nonexistent -s /bin/sh "$U" || exit 1
trap 'userdel "$U" 2>/dev/null; rm -rf "$T"' EXIT
chmod 0777 "$T"

as_user() {	# as_user CMD...: run CMD as $U with the test's environment
	out=$($UNFAKE su -s /bin/sh "$U" -c "cd '$T' && \
	    PATH='$PATH' CRM_DB='$CRM_DB' CRM_USER='$CRM_USER_TRY' \
	    CRM_NOW='$CRM_NOW' $*" 2>"$T/stderr")
	rc=$?
	errout=$(cat "$T/stderr")
}

CRM_USER=root crm-user add -g admin root 'Администратор'
CRM_USER=root crm-user add -g head petrova 'Петрова Анна'
CRM_USER=root crm-user add -g manager -h petrova "$U" 'Тестов Тест'
# The user reaches the database: the file's mode, or the server's socket
# (as the service role its conninfo names, as every tool connects).
if _dbpg "$CRM_DB"; then
	chmod 0711 "$PGDIR"
else
	chmod 0666 "$CRM_DB"*
fi

CRM_NOW="2020-01-01 09:00:00"
CRM_USER_TRY=root
as_user crm-user list -t
is "$(printf '%s\n' "$out" | cut -f2)" "$U" \
    "CRM_USER=root ignored for a non-root user: sees only themselves"
as_user crm-user add -g admin intruder "'Взломщик'"
is "$rc" 1 "CRM_USER=root ignored: cannot add people"
like "$errout" "only an admin adds people" "refused as the manager they are"
is "$(dbq "SELECT count(*) FROM person WHERE login='intruder'")" \
    0 "nobody added"
CRM_USER_TRY=petrova
as_user crm-user set "$U" name "'Другое Имя'"
is "$rc" 0 "CRM_USER=petrova ignored: acting as themselves"
[ "$rc" -eq 0 ] || printf '%s\n' "$errout" | sed 's/^/# /'
is "$(dbq "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" \
    "$U" "the log names the real user"
at=$(dbq "SELECT at FROM audit ORDER BY id DESC LIMIT 1")
clock_near "$at" "" usersclock
ok $? "CRM_NOW ignored: the system clock is used ($at)"

done_testing
