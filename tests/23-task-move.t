#!/bin/sh
# task-move and task-cancel: every move kept, first_due kept, reasons,
# who may move or cancel what.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@"; }

add ivanov -T 10:00 'Звонок' >/dev/null	# 1
add ivanov 'Отчёт' >/dev/null		# 2
add kozlov 'Козлов' >/dev/null		# 3

run ivanov task-move -r 'клиент в отпуске' 1 2026-11-30
is "$rc" 0 "a manager moves their task"
is "$out" "" "silent"
is "$(q 'SELECT due_date, due_time, first_due, moves FROM task WHERE id = 1')" \
    "2026-11-30|10:00|2026-11-26|1" "moved, time kept, first_due kept"
CRM_NOW="2026-11-27 10:00:00" CRM_USER=petrova task-move 1 пн 14:00
is "$(q 'SELECT due_date, due_time, first_due, moves FROM task WHERE id = 1')" \
    "2026-11-30|14:00|2026-11-26|2" "a head moves it again, new time"
is "$(q "SELECT task_id, from_date, from_time, to_date, to_time, at, by_id,
    coalesce(reason, '-') FROM task_move ORDER BY id" | tr '\n' ';')" \
    "1|2026-11-26|10:00|2026-11-30|10:00|2026-11-26 09:00:00|4|клиент в отпуске;1|2026-11-30|10:00|2026-11-30|14:00|2026-11-27 10:00:00|2|-;" \
    "every move kept: from, to, when, who, reason"
run ivanov task-move 1 2026-12-01 -
is "$(q 'SELECT CAST(due_time IS NULL AS INTEGER) FROM task WHERE id = 1')" 1 "'-' drops the time"
fails ivanov 1 "already due then" "a move to the same day" \
    task-move 1 2026-12-01
fails ivanov 1 "into the past" "a move into the past" task-move 1 yesterday
fails ivanov 1 "$(hidden 3 "may not change the work of 'kozlov'")" "another's task" \
    task-move 3 tomorrow
fails director 1 "director" "a director moves" task-move 1 tomorrow
fails ivanov 1 "no such task '9'" "unknown task" task-move 9 tomorrow
fails ivanov 2 "usage" "no date" task-move 1
fails ivanov 2 "invalid time '7:5': try 10, 10:30" "bad time, the forms shown" \
    task-move 1 tomorrow 7:5
run ivanov crm-log -t -k task 1
like "$out" '"due":\["2026-11-26","2026-11-30"\],"time":\["10:00","10:00"\],"reason":"клиент в отпуске"' \
    "the log keeps the move"

# Cancel: a reason, all or nothing.
fails ivanov 2 "usage" "no reason" task-cancel 2
fails ivanov 1 "$(hidden 3 "may not change the work of 'kozlov'")" \
    "cancel with another's task changes nothing" task-cancel -r x 2 3
run ivanov task-cancel -r 'клиент отказался' 2
is "$rc" 0 "cancelled"
is "$(q 'SELECT state, cancel_reason, closed_by FROM task WHERE id = 2')" \
    "cancelled|клиент отказался|4" "state, reason and who"
fails ivanov 1 "task 2 is already cancelled" "cancel twice" \
    task-cancel -r x 2
fails ivanov 1 "task 2 is already cancelled" "done after cancel" \
    task-done 2
fails ivanov 1 "task 2 is already cancelled" "move after cancel" \
    task-move 2 tomorrow

# EXAMPLES from the manual.
id=$(add ivanov 'Пример')
run ivanov task-move -r 'клиент просил перенести' "$id" пн 15:00
is "$rc" 0 "example: task-move"
run ivanov task-cancel -r 'дубль' "$id"
is "$rc" 0 "example: task-cancel"

# The date and time as words: the ids come before the first date word,
# and every number after it belongs to the date or the time.
a=$(add ivanov 'Слова 1') b=$(add ivanov 'Слова 2')
run ivanov task-move "$a" на завтра
is "$rc.$(q "SELECT due_date FROM task WHERE id = $a")" "0.2026-11-27" \
    "task-move ID на завтра"
run ivanov task-move "$a" завтра в 15
is "$rc.$(q "SELECT due_date, due_time FROM task WHERE id = $a")" \
    "0.2026-11-27|15:00" "task-move ID завтра в 15"
run ivanov task-move "$a" "$b" 15 декабря в 10 утра
is "$rc.$(q "SELECT due_date || ' ' || due_time FROM task
    WHERE id IN ($a, $b) ORDER BY id" | tr '\n' ';')" \
    "0.2026-12-15 10:00;2026-12-15 10:00;" \
    "two ids, then 15 декабря: 15 is the day, not an id"
fails ivanov 2 "invalid date 'через секретаря'" \
    "words that are no date are refused" task-move "$a" через секретаря

done_testing
