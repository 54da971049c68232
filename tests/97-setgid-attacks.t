#!/bin/sh
# The department's setgid setup against the people it judges (issue 27;
# crm(7) SECURITY): each attack run by real Unix users against the tools
# installed with make install-shared into a scratch root, and shown to
# do no harm.
. "$(dirname "$0")/lib.sh"

sqlite_only_file "the setgid tools guard a SQLite file and its -wal"
A=a$$ H=h$$ M=m$$ M2=k$$ D=d$$
setgid_install u $A $H $M $M2 $D
# root's own tools (root is no person; CRM_USER is honoured for root)
root() { CRM_USER=$A "$B/$@"; }

root crm-user add -g admin -e a@example.ru $A 'Админ' &&
    root crm-user add -g director -e d@example.ru $D 'Директор' &&
    root crm-user add -g head -e h@example.ru $H 'Петрова' &&
    root crm-user add -g manager -h $H -e m@example.ru $M 'Иванов' &&
    root crm-user add -g manager -h $H -e k@example.ru $M2 'Козлов'
ok $? "root adds an admin, a director, a head and two managers"

# --- 1. Nothing a person names reaches the database's files ------------
is "$(stat -c '%U %G %a' "$DB-wal" "$DB-shm" | sort -u)" "root $G 660" \
    "the -wal and -shm are root's, made at the first open"
# m1 opens first and keeps the database open ...
(cd "$S/home" && $UNFAKE runuser -u $M -- env -i PATH="$B:/usr/bin:/bin" \
    HOME="$S/home" sh -c 'sleep 4 | task-done -r x' > /dev/null 2>&1 &)
sleep 0.3
as $H task-add -k other -u $M 'Позвонить Ромашке'
t1=$out
as $H task-add -k other -u $M2 'Счёт Ромашке'
as $M2 task-done -r 'Готово' "$out"
is "$rc" 0 "the head assigns, another manager closes a task"
[ "$rc" -eq 0 ] || echo "# $errout"
is "$(stat -c '%U' "$DB-wal" "$DB-shm" | sort -u)" root \
    "the -wal and -shm stay root's whoever opened first"
before=$(as $D crm-log -t; printf '%s' "$out" | wc -l)
# ... and names every descriptor the tool may hold.
bad=
for n in 0 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	as $M kpi-report -o /proc/self/fd/$n
	[ $n -eq 0 ] || [ "$rc" -eq 1 ] || bad="$bad kpi-report:$n:$rc"
	as $M crm-import -k tasks /proc/self/fd/$n < /dev/null
	[ "$rc" -eq 1 ] || bad="$bad import:$n:$rc"
	as $A crm-backup /proc/self/fd/$n
	[ $n -eq 0 ] || [ "$rc" -eq 1 ] || bad="$bad backup:$n:$rc"
done
is "$bad" "" "kpi-report -o, crm-import, crm-backup of /proc/self/fd/N: refused"
ok "$(! grep -q DOCTYPE "$DB-wal"; echo $?)" "no report was written into the -wal"
sleep 4
as $D crm-verify
is "$rc" 0 "the log is whole"
as $D task-list -t -u $M2 -s done
like "$out" 'Счёт Ромашке' "the other manager's work is there"
as $D crm-log -t
is "$(printf '%s' "$out" | wc -l)" "$before" "no entry of the log is lost"
# An install from before: a person owns the -wal.  Refused until root
# runs a tool.
chown $M "$DB-wal"
as $M2 task-list
like "$rc:$errout" "^1:.*crm.db-wal: missing, or not the database owner" \
    "a -wal a person owns is refused"
root task-list > /dev/null
is "$(stat -c '%U' "$DB-wal")" root "root's run gives it back to root"

# --- 6. crm-verify is no oracle ----------------------------------------
as $M crm-verify -v 2 "$(printf '%064d' 0)"
is "$rc:$(printf '%s%s' "$out" "$errout" | grep -c '[0-9a-f]\{64\}')" 1:0 \
    "a manager's crm-verify -v 2 000...0: does not match, no hash"
like "$errout" "entry 2 does not match the hash given" "says only that"

# --- A lost tail is noticed --------------------------------------------
is "$(stat -c '%U %G' "$DB-head")" "root $G" "the anchor is root's"
root crm-verify > /dev/null	# (the last writer closed: all checkpointed)
cp -p "$DB" "$S/old.db"
cp -p "$DB-wal" "$S/old.db-wal"
as $H task-add -k other -u $M 'После копии'
as $M2 task-done -r 'Сделано' "$(as $H task-add -k other -u $M2 'Ещё'
    echo "$out")"
is "$rc" 0 "work goes on after the copy"
cp "$S/old.db" "$DB"
cp "$S/old.db-wal" "$DB-wal"
as $M task-list
like "$rc:$errout" "^1:.*behind its anchor: entry [0-9]+ is missing" \
    "the old file put back: a tool refuses to open it"
as $D crm-verify
like "$rc:$errout" "^1:.*entry [0-9]+ is missing or differs from the anchor" \
    "crm-verify reports the lost work"
as $D crm-verify -B
like "$rc:$errout" "^1:.*only root may accept" "only root accepts"
root crm-verify -B
as $M task-list
is "$rc" 0 "once root accepted it, work goes on"

# --- 11. Ids are never given twice, and no import moves the sequence -----
as $M client-add 'ООО Ромашка'
as $M client-add 'ООО Ромашка (дубль)'
c2=$out
as $H client-merge 1 "$c2"
is "$rc" 0 "the head merges the highest client away"
printf 'id,name,manager\n%s,ООО Чужой,%s\n' "$c2" $M > "$S/home/ids.csv"
printf 'id,name,manager\n999999,ООО Скачок,%s\n' $M > "$S/home/jump.csv"
chmod 644 "$S/home/ids.csv" "$S/home/jump.csv"
as $H crm-import -k clients ids.csv
like "$rc:$errout" "^1:.*column 'id': id already used '$c2'" \
    "11a: the head's import may not take the merged client's id"
as $H crm-import -k clients jump.csv
like "$rc:$errout" "^1:.*column 'id': ids are kept only in an admin's import" \
    "11b: nor carry in an id of 999999"
as $M client-add 'ООО Лютик'
is "$rc:$out" "0:$((c2 + 1))" "the next client gets a new id, the sequence unmoved"

# --- 12. The build follows the install's paths ---------------------------
# (the tree built for $S/usr above; one tool installed again elsewhere)
(cd "$S/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make install-shared ALLBINS=cmd/crm-verify PREFIX="$S/opt" \
    SYSCONFDIR="$S/opt/etc" LOCALSTATEDIR="$S/opt/var" CRMGROUP="$G") \
    > "$S/build2.log" 2>&1
ok $? "make install-shared PREFIX=elsewhere after a build"
"$S/opt/bin/crm-verify" 2> "$S/verify.err"
like "$(cat "$S/verify.err")" "$S/opt/var/lib/crm/crm.db" \
    "the tool reads the new PREFIX's crm.conf"
like "$(strings "$S/opt/bin/crm-verify" | grep 'crm.conf$')" \
    "^$S/opt/etc/crm.conf" "and has its path compiled in"

done_testing
