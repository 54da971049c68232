#!/bin/sh
# Dates, times and periods as people type them reach the tools (the
# forms themselves are pinned in tests/unit/t-typed.c), and a value that
# is none of them is refused with one line showing the forms by example.
. "$(dirname "$0")/lib.sh"

department
q() { sqlite3 -separator '|' "$CRM_DB" "$1"; }

run ivanov task-add -d 'через 3 дня' -t 10 'Позвонить'
is "$rc" 0 "task-add -d 'через 3 дня' -t 10"
is "$(q "SELECT due_date, due_time FROM task WHERE id = $out")" \
    "2026-11-29|10:00" "three days on, at 10:00"
run ivanov task-add -d 5.12.2026 -t 'в 10.30' 'Встреча'
is "$(q "SELECT due_date, due_time FROM task WHERE id = $out")" \
    "2026-12-05|10:30" "5.12.2026 at 'в 10.30'"
run ivanov task-add -d 05.12 -t 10ч 'Отчёт'
is "$(q "SELECT due_date, due_time FROM task WHERE id = $out")" \
    "2026-12-05|10:00" "05.12 at 10ч"
run ivanov task-move 1 'в пятницу' 10am
is "$rc$(q 'SELECT due_date, due_time FROM task WHERE id = 1')" \
    "02026-11-27|10:00" "task-move 'в пятницу' 10am"
run ivanov task-move 1 'next monday'
is "$(q 'SELECT due_date FROM task WHERE id = 1')" "2026-11-30" \
    "task-move 'next monday'"
run ivanov task-list -t ноябрь
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 " \
    "task-list ноябрь"
run ivanov task-list -t 'декабрь 2026'
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "3 2 " \
    "task-list 'декабрь 2026'"
run ivanov kpi-report -t -p 'прошлый месяц'
is "$rc" 0 "kpi-report -p 'прошлый месяц'"
run ivanov kpi-report -t -p 2026-H2
is "$rc" 0 "kpi-report -p 2026-H2"

fails ivanov 2 "^task-add: invalid due date '31.02': try 2026-12-05, 05.12, 5.12.2026, .*через 3 дня.*next monday" \
    "31.02 refused, with the forms" task-add -d 31.02 x
is "$(printf '%s\n' "$errout" | wc -l)" 1 "on one line"
fails ivanov 2 "^task-add: invalid time '25': try 10, 10:30, 10.30, 10ч, в 10, 10am$" \
    "a bad time, with the forms" task-add -t 25 x
fails ivanov 1 "^kpi-report: invalid period 'someday': try .*ноябрь 2026.*1 квартал 2017.*2021-H1" \
    "a bad period, with the forms" kpi-report -p someday

done_testing
