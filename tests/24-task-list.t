#!/bin/sh
# task-list: selections by person, client, kind, deal, status and dates,
# in the columns of task-today; who sees what.
. "$(dirname "$0")/lib.sh"

department
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО Ромашка', 'ооо ромашка', '$CRM_NOW', 2),
    (2, 'ИП Лютик', 'ип лютик', '$CRM_NOW', 2);
    INSERT INTO deal (id, client_id, manager_id, title, stage_id,
    opened_at, created_by) VALUES (7, 2, 4, 'Поставка', 1, '$CRM_NOW', 4)"
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@"; }

CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -d 2026-11-24 \
    -k call -c Ромашка 'Старый звонок' >/dev/null		# 1
add ivanov -k invoice -l 7 -d 2026-11-30 'Счёт Лютику' >/dev/null	# 2
add ivanov -k call -c Лютик -T 12:00 'Звонок Лютику' >/dev/null	# 3
add ivanov -d 2026-12-15 'Декабрь' >/dev/null			# 4
add smirnova -k call -c 1 'Смирнова звонит' >/dev/null			# 5
add kozlov -k call -c 1 'Козлов звонит' >/dev/null			# 6
CRM_USER=ivanov task-done 3
CRM_USER=ivanov task-cancel -r 'не нужно' 4

run ivanov task-list
golden task-list.tsv "$out"
is "$(printf '%s\n' "$out" | cut -f1,5 | tr '\n' ' ')" \
    "1	overdue 3	done 2	open 4	cancelled " \
    "by due date, states open/overdue/done/cancelled"
run ivanov task-list -p
golden task-list.txt "$out"
run ivanov task-list -s overdue
is "$(printf '%s\n' "$out" | cut -f1,9)" "1	2" "-s overdue, with days late"
run ivanov task-list -s upcoming
is "$(printf '%s\n' "$out" | cut -f1)" "2" "-s upcoming: open, not overdue"
# -q: a substring of the title, note or result; any case, ё as е.
CRM_USER=ivanov task-add -d 2026-12-01 -n 'Спросить про СКИДКУ' 'Звонок' \
    >/dev/null
CRM_USER=ivanov task-add -d 2026-12-01 'Ёлка для офиса' >/dev/null
CRM_USER=ivanov task-add -d 2026-12-01 'Счёт' >/dev/null
CRM_USER=ivanov task-done -r 'дал скидку 5%' "$(dbq \
    "SELECT max(id) FROM task")"
run ivanov task-list -t -q скидку
is "$(printf '%s\n' "$out" | cut -f8 | tr '\n' '|')" "Звонок|Счёт|" \
    "-q finds the note and the result, in any case"
# The table shows the note under a task found, open ones too, so that
# one found by its note shows why; without -q only under a result.
run ivanov task-list -p -q скидку
like "$out" "^ +note: Спросить про СКИДКУ$" \
    "-q: the note of an open task found by it is shown"
run ivanov task-list -p 2026-12-01
is "$(printf '%s\n' "$out" | grep -c Спросить)" 0 \
    "without -q: no note under an open task"
run ivanov task-list -t -q ЕЛКА
is "$(printf '%s\n' "$out" | cut -f8)" "Ёлка для офиса" "-q: ё is е, any case"
run ivanov task-list -t -q 'счет' 2026-12-01
is "$(printf '%s\n' "$out" | cut -f8)" "Счёт" "-q with a period"
run ivanov task-list -t -q 'нет такого'
is "$rc:$out" "0:" "-q that matches nothing"
# -q's characters are the text's own on both backends: on PostgreSQL
# the key becomes a pattern (lib/schema.c's m_search), where none of
# them may mean more; the other Cyrillic letters fold as on SQLite.
CRM_USER=ivanov task-add -d 2026-12-01 \
    'Счёт №5 (срочно) [v1.2] *50%* a+b? $x^y \d|z {2}' >/dev/null
m=$(dbq "SELECT max(id) FROM task")
CRM_USER=ivanov task-add -d 2026-12-01 'ЇЖАК и ЂАК, ABC Corp.' >/dev/null
j=$(dbq "SELECT max(id) FROM task")
s=$(dbq "SELECT id FROM task WHERE title = 'Счёт'")
for k in '(срочно)' '[v1.2]' '*50%*' 'a+b?' '$x^y' '\d|z' '{2}' '№5 ('; do
	run ivanov task-list -t -q "$k"
	is "$rc:$(printf '%s\n' "$out" | cut -f1)" "0:$m" \
	    "-q '$k' is its own characters"
done
for k in 'їжак' 'ЂАК' 'abc CORP' 'ёлка'; do
	run ivanov task-list -t -q "$k"
	is "$rc:$(printf '%s\n' "$out" | cut -f1)" \
	    "0:$(case $k in ёлка) dbq "SELECT id FROM task WHERE title LIKE \
	    'Ёлка%'";; *) echo "$j";; esac)" "-q '$k': any case"
done
run ivanov task-list -t -q .
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$m $j " \
    "-q .: a dot is a dot"
run ivanov task-list -t -q %
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$s $m " \
    "-q %: the result's and the title's"
for k in '5.' 'a.b' '\w' '^Счёт' 'z$' 'ЇЖАК|Ёлка'; do
	run ivanov task-list -t -q "$k"
	is "$rc:$out" "0:" "-q '$k' means no pattern"
done
dbq "DELETE FROM task WHERE due_date = '2026-12-01'"
run ivanov task-list -s open
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " \
    "-s open: every open task, overdue included"
run ivanov task-list -k call
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 3 " "-k call"
run ivanov task-list -c лютик
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "3 2 " \
    "-c by part of the name, any case"
run ivanov task-list -l 7
is "$(printf '%s\n' "$out" | cut -f1)" "2" "-l deal"
run ivanov task-list 2026-11
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 3 2 " "a month"
run ivanov task-list 2026-11-25 2026-12-31
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "3 2 4 " "from to"
run ivanov task-list today
is "$(printf '%s\n' "$out" | cut -f1)" "3" "one day"
is "$(CRM_USER=ivanov task-list | wc -l)" \
    "$(q 'SELECT count(*) FROM task WHERE assignee_id = 4')" \
    "all of a person's tasks, counted by SQL"

# Who sees what.
run petrova task-list -a
is "$(printf '%s\n' "$out" | cut -f2 | sort -u | tr '\n' ' ')" \
    "ivanov smirnova " "a head: their team"
run director task-list -a -k call
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 3 6 5 " \
    "a director: everyone, by login"
fails ivanov 1 "may not see the work of 'smirnova'" "a manager, a colleague" \
    task-list -u smirnova
fails ivanov 1 "invalid status 'late'" "bad status" task-list -s late
fails ivanov 1 "unknown kind 'visit'" "bad kind" task-list -k visit
fails ivanov 2 "invalid period" "bad period" task-list 2026-13
fails ivanov 2 "usage" "three dates" task-list a b c

# EXAMPLES from the manual.
run petrova task-list -a -s overdue
is "$rc" 0 "example: task-list -a -s overdue"
run ivanov task-list -c Ромашка 2026-11
is "$(printf '%s\n' "$out" | cut -f1)" 1 "example: a client's tasks in a month"
run ivanov task-list -k call -s done week
is "$(printf '%s\n' "$out" | cut -f1)" 3 "example: calls done this week"

# Done or cancelled in a period: closed in it, whenever due.
late=$(CRM_NOW="2026-11-20 09:00:00" CRM_USER=kozlov task-add -k other \
    -d 2026-11-20 'Старое дело')
early=$(CRM_NOW="2026-11-20 09:00:00" CRM_USER=kozlov task-add -k other \
    -d 2026-11-26 'Сделано заранее')
CRM_NOW="2026-11-25 12:00:00" CRM_USER=kozlov task-done "$early"
CRM_USER=kozlov task-done "$late"
run kozlov task-list -s done today
is "$rc.$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "0.$late " \
    "-s done today: closed today, though due before; not due today, closed before"
run kozlov task-list -s done 2026-11-25
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$early " \
    "-s done with a date: closed that day"
run kozlov task-list 2026-11-20
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$late " \
    "no state: due in the period, as before"

done_testing
