#!/bin/sh
# The head's review through the system: the results of done tasks in
# every view that lists them (TSV and JSON columns, a line under the task
# in the table view, the digests), task-list -d for a day's results.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"

# Yesterday ivanov also closed task 7 early, with a note and a result
# that holds a backslash; smirnova closed one with no result.
dbq "UPDATE task SET note = 'спросить про НДС' WHERE id = 7"
at "2026-11-25 17:30:00" ivanov task-done \
    -r 'выслал счёт\договор' 7
at "2026-11-25 09:00:00" smirnova task-add 'Смирнова вчера' >/dev/null	# 9
at "2026-11-25 11:00:00" smirnova task-done 9
# A note on an open task: no result, so no line under it in the table.
dbq "UPDATE task SET note = 'взять образцы' WHERE id = 4"

# ---- the columns: result and note, appended ----
run ivanov task-list -H -t 2026-11-25 2026-11-27
is "$(printf '%s\n' "$out" | head -1)" \
    "id	assignee	due_date	due_time	state	kind	client	title	late_days	series	result	note" \
    "task-list -H: result and note appended after series"
is "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 3 { print $11 }')" \
    "договорились о встрече" "task-list: the result of a done task"
is "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 7 { print $11 "|" $12 }')" \
    'выслал счёт\\договор|спросить про НДС' \
    "task-list: the result escaped, and the note"
is "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 4 { print NF "|" $11 }')" \
    "12|" "an open task: 12 columns, no result"
run ivanov task-list -j -q Лютиков
is "$(printf '%s\n' "$out" | jq -r 'select(.id == 3) | .result')" \
    "договорились о встрече" "task-list -j -q: the result is there"
run ivanov task-list -j
is "$(printf '%s\n' "$out" | jq -r 'select(.id == 4) | .result')" "null" \
    "task-list -j: no result is null"
is "$(printf '%s\n' "$out" | jq -r 'select(.id == 4) | .note')" \
    "взять образцы" "task-list -j: the note"
is "$(dbq "SELECT result FROM task WHERE id = 3")" \
    "договорились о встрече" "the same result in the database"

# ---- task-today: the done part ----
run ivanov task-today -d 2026-11-25 -t
is "$(printf '%s\n' "$out" | awk -F'\t' '$5 == "done" { print $1 ":" $11 }' |
    tr '\n' ' ')" "3:договорились о встрече 7:выслал счёт\\\\договор " \
    "task-today: the done part carries the results"
run ivanov task-today -d 2026-11-25 -p
like "$out" "^ *3  .*Звонок Лютикову" "task-today -p: the done task"
is "$(printf '%s\n' "$out" | sed -n '/Звонок Лютикову/{n;p;}')" \
    "    result: договорились о встрече" \
    "task-today -p: the result on the line under the task"
is "$(printf '%s\n' "$out" | sed -n '/ Завтра/{n;p;n;p;}')" \
    "$(printf '    result: выслал счёт\\\\договор\n    note: спросить про НДС')" \
    "task-today -p: then the note, on a line of its own"
run ivanov task-today -p
is "$(printf '%s\n' "$out" | grep -c 'взять образцы')" 0 \
    "the table: no note line under an open task"
run ivanov env LC_ALL=ru_RU.UTF-8 task-today -d 2026-11-25 -p
like "$out" "^    итог: договорились о встрече$" "the table in Russian: итог"

# ---- task-list -d: the head's look at a day ----
run petrova task-list -d yesterday -u ivanov
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "3 7 " \
    "-d yesterday: the tasks closed yesterday, in the order closed"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" \
    "$(dbq "SELECT id FROM task WHERE assignee_id = 4 AND state = 'done'
    AND closed_at >= '2026-11-25' AND closed_at < '2026-11-26'
    ORDER BY closed_at" | tr '\n' ' ')" "-d: the same as SQL counts"
run petrova task-list -d today -u ivanov
is "$out" "" "-d today: none yet"
run petrova task-list -d 2026-11-25 -a
is "$(printf '%s\n' "$out" | cut -f1,2 | tr '\n' ' ')" \
    "3	ivanov 7	ivanov 9	smirnova " "-d -a: the team's, by person"
run petrova task-list -d 2026-11-25 -u ivanov -p
is "$(printf '%s\n' "$out" | grep -c '^    result: ')" 2 \
    "-d -p: a result line under each"
run ivanov task-list -d yesterday -u kozlov
is "$rc" 1 "-d: another team's person is refused"
run petrova task-list -d today -s done
is "$rc" 2 "-d with -s: a usage error"
run petrova task-list -d today 2026-11-01
is "$rc" 2 "-d with dates: a usage error"

# ---- the digests: yesterday's results ----
run ivanov crm-digest -u ivanov
is "$(printf '%s\n' "$out" | sed -n '/#3 call/{n;p;}')" \
    "      → договорились о встрече" "manager's digest: the result under"
like "$out" "^      note: спросить про НДС$" "manager's digest: the note"
run ivanov crm-digest -m -u ivanov
printf '%s\n' "$out" > "$T/mail"
python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
    policy=email.policy.default)
print(m.get_content())' "$T/mail" > "$T/body"
like "$(cat "$T/body")" "→ договорились о встрече" \
    "the mail, as a mail parser reads it: the result"
run petrova crm-digest -u petrova
is "$(printf '%s\n' "$out" | sed -n '/^Results /,/^Due today/p' |
    grep -c '→')" 2 "head's digest: each of ivanov's results"
like "$(printf '%s\n' "$out" | sed -n '/^Results /,/^Due today/p')" \
    "Смирнова Ольга \(1\)" "head's digest: smirnova's done task too"

done_testing
