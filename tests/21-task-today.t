#!/bin/sh
# task-today: the morning view, TSV and table, one person and everyone,
# another day, who may see whose day.
. "$(dirname "$0")/lib.sh"

department
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО Ромашка', 'ооо ромашка', '$CRM_NOW', 2)"
q() { dbq "$1"; }

# Tasks made over the last days, with the clock set back.
at() { _now=$1; shift; CRM_NOW="$_now" CRM_USER=$1 "$@"; }
CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -d 2026-11-23 \
    -k call -c Ромашка 'Позвонить в Ромашку' >/dev/null
CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -d 2026-11-25 \
    'Подготовить КП' >/dev/null
CRM_USER=ivanov task-add -T 15:00 -k meeting -c Ромашка 'Встреча' >/dev/null
CRM_USER=ivanov task-add -T 09:30 -k call -c Ромашка 'Звонок утром' >/dev/null
CRM_USER=ivanov task-add 'Без времени' >/dev/null
CRM_USER=ivanov task-add -d tomorrow 'Завтра' >/dev/null
CRM_USER=petrova task-add -u ivanov -k email -c 1 'Письмо от руководителя' \
    >/dev/null
CRM_USER=ivanov task-done 7
CRM_USER=kozlov task-add -- 'Козлов сегодня' >/dev/null

run ivanov task-today
is "$rc" 0 "task-today runs"
golden task-today.tsv "$out"
is "$(printf '%s\n' "$out" | cut -f5 | tr '\n' ' ')" \
    "overdue overdue today today today done " \
    "sections in order: overdue, today, done"
is "$(printf '%s\n' "$out" | awk -F'\t' '$5 == "overdue"' | cut -f1,9 |
    tr '\n' ' ')" "1	3 2	1 " "overdue oldest first, with days overdue"
is "$(printf '%s\n' "$out" | awk -F'\t' '$5 == "today"' | cut -f4 |
    tr '\n' ',')" "09:30,15:00,," "today by time, untimed last"
# The same counts another way.
is "$(printf '%s\n' "$out" | grep -c '	today	')" \
    "$(q "SELECT count(*) FROM task WHERE assignee_id = 4
    AND due_date = '2026-11-26' AND state = 'open'")" "today count by SQL"
is "$(printf '%s\n' "$out" | grep -c '	overdue	')" \
    "$(q "SELECT count(*) FROM task WHERE assignee_id = 4
    AND due_date < '2026-11-26' AND state = 'open'")" "overdue count by SQL"

run ivanov task-today -p
golden task-today.txt "$out"
like "$out" "2 overdue, 3 today, 1 done" "the summary line"
run ivanov task-today -H -t
like "$(printf '%s\n' "$out" | head -1)" \
    "^id	assignee	due_date	due_time	state	kind	client	title	late_days	series	result	note	review$" \
    "-H: the TSV header"
run ivanov task-today -j
is "$(printf '%s\n' "$out" | jq -r 'select(.id == 1) | .client')" \
    "ООО Ромашка" "JSON keeps Cyrillic"

# Everyone a head may see, grouped, with nothing planned shown.
run petrova task-today -a
golden task-today-a.tsv "$out"
like "$out" "	smirnova	2026-11-26		none	" "nothing planned: a row in TSV"
run petrova task-today -a -p
golden task-today-a.txt "$out"
like "$out" "Смирнова Ольга \(smirnova\)
0 overdue, nothing planned for 2026-11-26" "nothing planned: in the table"
run director task-today -a -t
is "$(printf '%s\n' "$out" | cut -f2 | sort -u | tr '\n' ' ')" \
    "ivanov kozlov petrova sidorov smirnova " \
    "a director sees everyone who plans work"

# Another person; permissions.
run petrova task-today -u ivanov -t
is "$(printf '%s\n' "$out" | wc -l)" 6 "a head sees a team member's day"
run director task-today -u kozlov -t
is "$out" "8	kozlov	2026-11-26		today	other		Козлов сегодня					" \
    "a director sees anyone's day"
fails ivanov 1 "may not see the work of 'smirnova'" "a manager, a colleague" \
    task-today -u smirnova
fails petrova 1 "may not see the work of 'kozlov'" "a head, another team" \
    task-today -u kozlov
fails ivanov 1 "no such person 'nobody'" "unknown person" \
    task-today -u nobody
fails ivanov 2 "invalid date" "bad date" task-today -d 2026-02-30
fails ivanov 2 "usage" "-a with -u" task-today -a -u ivanov

# Another day, read-only: tomorrow and a day in the past.
before=$(dbdump | md5sum)
run ivanov task-today -d tomorrow -t
is "$(printf '%s\n' "$out" | cut -f1,5 | tr '\n' ' ')" \
    "1	overdue 2	overdue 4	overdue 3	overdue 5	overdue 6	today " \
    "tomorrow: today's open tasks become overdue"
run ivanov task-today -d 2026-11-23 -t
is "$(printf '%s\n' "$out" | cut -f1,5 | tr '\n' ' ')" "1	today " \
    "a past day as it was (later tasks not shown)"
is "$(dbdump | md5sum)" "$before" "-d changes nothing"

# EXAMPLES from the manual.
run ivanov task-today
is "$rc" 0 "example: task-today"
run petrova task-today -a -p
is "$rc" 0 "example: task-today -a -p"
run ivanov task-today -d tomorrow
is "$rc" 0 "example: task-today -d tomorrow"

done_testing
