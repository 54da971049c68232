#!/bin/sh
# task-done: by id and from a pipe, all or nothing, who may close what,
# a head recording an earlier time, and the follow-up in the same call.
. "$(dirname "$0")/lib.sh"

department
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО Ромашка', 'ооо ромашка', '$CRM_NOW', 2)"
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@"; }

CRM_NOW="2026-11-25 08:00:00" CRM_USER=ivanov task-add -k call \
    -c Ромашка 'Позвонить в Ромашку' >/dev/null	# 1
add ivanov 'Отчёт' >/dev/null				# 2
add ivanov -k call -c Ромашка 'Ромашка: счёт' >/dev/null	# 3
add smirnova 'Смирнова' >/dev/null			# 4
add kozlov 'Козлов' >/dev/null				# 5

run ivanov task-done -r 'дозвонился' 2
is "$rc" 0 "a manager closes their task"
is "$out" "" "silent"
is "$(q 'SELECT state, closed_at, recorded_at, closed_by, result
    FROM task WHERE id = 2')" \
    "done|$CRM_NOW|$CRM_NOW|4|дозвонился" "done now, by whom, with result"
fails ivanov 1 "task 2 is already done" "already done" task-done 2
fails ivanov 1 "no such task '99'" "unknown id, nothing changes" \
    task-done 1 99
fails ivanov 1 "$(hidden 4 "task 4: you may not change the work of 'smirnova'")" \
    "a colleague's task" task-done 1 4
fails petrova 1 "$(hidden 5 "task 5: you may not change the work of 'kozlov'")" \
    "another team's task" task-done 5
fails director 1 "director" "a director closes" task-done 1
fails ivanov 1 "task 1 is given twice" "an id twice" task-done 1 1
fails ivanov 2 "invalid id 'x'" "bad id" task-done x

# From a pipe: the first field of each line.
run ivanov sh -c 'task-today | grep Ромашка | task-done'
is "$rc" 0 "task-today | grep | task-done"
is "$(q "SELECT id FROM task WHERE state = 'done' ORDER BY id" |
    tr '\n' ' ')" "1 2 3 " "both Ромашка tasks done"
printf '5\tkozlov\n' >"$T/in"
fails petrova 1 "$(hidden 5 "task 5")" "from a pipe, all or nothing" task-done <"$T/in"
printf 'id\tassignee\n\nabc\n' >"$T/in"
fails petrova 1 "no task given" "lines with no id are passed over" \
    task-done <"$T/in"

# A head records an earlier time for a team member; never for oneself.
add smirnova -c Ромашка 'Звонок' >/dev/null			# 6
add petrova 'Своё' >/dev/null				# 7
fails smirnova 1 "you may not backdate your own work" \
    "a manager backdates" task-done -d 08:30 6
fails petrova 1 "you may not backdate your own work" \
    "a head backdates their own" task-done -d 08:30 7
fails petrova 1 "is before task 6 was made" "before it was made" \
    task-done -d 08:30 6
fails petrova 1 "in the future" "in the future" task-done -d 10:00 6
fails petrova 2 "invalid done time 'вчера 25:00'" "bad time" \
    task-done -d 'вчера 25:00' 6
run petrova task-done -d 'today 09:00' -r 'звонил с мобильного' 4
is "$rc" 0 "a head records a manager's earlier time"
CRM_NOW="2026-11-26 18:00:00" CRM_USER=petrova task-done -d 12:15 6
is "$(q 'SELECT closed_at, recorded_at, closed_by FROM task WHERE id = 6')" \
    "2026-11-26 12:15:00|2026-11-26 18:00:00|2" \
    "closed_at the earlier time, recorded_at now, closed_by the head"
run petrova crm-log -t -k task 6
like "$out" "	petrova	task	6	done	.*\"closed_at\":\"2026-11-26 12:15:00\",\"recorded_at\":\"2026-11-26 18:00:00\"" \
    "the log shows who recorded it and when"

# The follow-up: the next step in the same call.
add ivanov -k call -c Ромашка -l '' 'Звонок Ромашке' >/dev/null 2>&1
id=$(add ivanov -k call -c Ромашка 'Звонок Ромашке')
run ivanov task-done -r 'договорились' -N 'Отправить КП' -k email \
    -D 2026-11-30 -T 11:00 "$id"
is "$rc" 0 "done with a follow-up"
like "$out" '^[0-9]+$' "the follow-up's id is printed"
is "$(q "SELECT state FROM task WHERE id = $id")" done "the task is done"
is "$(q "SELECT kind, title, client_id, due_date, due_time, assignee_id
    FROM task WHERE id = $out")" "email|Отправить КП|1|2026-11-30|11:00|4" \
    "the follow-up keeps the client and assignee"
id=$(add ivanov 'Ещё')
run ivanov task-done -N 'Дальше' "$id"
is "$(q "SELECT due_date, kind FROM task WHERE id = $out")" \
    "2026-11-27|other" "follow-up default: next working day, same kind"
id=$(add ivanov 'И ещё')
fails ivanov 1 "follow-up: unknown kind 'visit'" \
    "a bad follow-up undoes the done" task-done -N X -k visit "$id"
fails ivanov 1 "exactly one task" "a follow-up for two tasks" \
    task-done -N X "$id" 1
fails ivanov 2 "give -N title" "-D without -N" task-done -D tomorrow "$id"

# EXAMPLES from the manual.
id=$(add smirnova -c Ромашка 'Ромашка: пример')
run smirnova sh -c 'task-today | grep Ромашка | task-done'
is "$(q "SELECT state FROM task WHERE id = $id")" done \
    "example: task-today | grep Ромашка | task-done"
id=$(add ivanov -k call -c Ромашка 'Звонок для примера')
run ivanov task-done -r 'договорились о встрече' -N 'Встреча' -k meeting \
    -D пт -T 11:00 "$id"
is "$rc" 0 "example: done with a follow-up"
id=$(CRM_NOW="2026-11-26 08:00:00" add smirnova 'Пример')
run petrova task-done -d 08:30 "$id"
is "$rc" 0 "example: a head records an earlier time"

# The follow-up is a sentence too: its date, time, kind and client.
id=$(add ivanov -k call -c Ромашка 'Звонок для предложения')
run ivanov task-done -y -r 'договорились' \
    -N 'в пятницу в 11 встреча с Ромашкой' "$id"
is "$rc.$(q "SELECT due_date, due_time, kind, client_id, title FROM task
    WHERE id = ${out:-0}")" \
    "0.2026-11-27|11:00|meeting|$(q "SELECT client_id FROM task
    WHERE id = $id")|Встреча с Ромашкой" \
    "-N 'в пятницу в 11 встреча с Ромашкой': Friday 11:00, a meeting"
id=$(add ivanov -k call -c Ромашка 'Звонок ещё раз')
fails ivanov 2 "'через' looks like a date" "a follow-up's odd word refused" \
    task-done -y -r x -N 'позвонить через' "$id"

done_testing
