#!/bin/sh
# crm-undo: each kind of change taken back, as a new logged change that
# deletes nothing; the KPI counts the record as it is after the undo; a
# task touched since, or a command crm-undo does not take back, is
# refused with what changed; a second undo goes one command further back.
. "$(dirname "$0")/lib.sh"

department
# Here a task with no client and no deal is planned work too: filler is
# tests/57's matter (kpi-report(1), plan.filler).
CRM_USER=root crm-rules set plan.filler 1
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@" >/dev/null; }
field() {
	printf '%s\n' "$out" | awk -F '\t' -v k="$1" \
	    'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	     { print $c[k] }'
}
kpi() { run ivanov kpi-report -H -t -d 2026-W48; field "$1"; }
lastlog() {
	q "SELECT actor, action, detail FROM audit WHERE entity = 'task'
	    AND entity_id = $1 ORDER BY id DESC LIMIT 1"
}
CRM_USER=ivanov client-add 'ООО Ромашка' >/dev/null

fails kozlov 1 "nothing to undo" "nothing of kozlov's to undo" crm-undo

export CRM_NOW="2026-11-20 09:00:00"
add ivanov -k call -c Ромашка -d 2026-11-23 -T 10:00 'Ромашка: утро'	# 1
add ivanov -k call -c Ромашка -d 2026-11-23 -T 13:00 'Ромашка: час'	# 2
add ivanov -k call -c Ромашка -d 2026-11-23 -T 14:00 'Ромашка: два'	# 3
add ivanov -d 2026-11-25 'Отчёт'					# 4

# A task made: cancelled with the reason "undo".
add ivanov -d 2026-11-24 'Лишняя'					# 5
entries=$(q 'SELECT count(*) FROM audit')
run ivanov crm-undo -v
is "$rc" 0 "task-add undone"
like "$errout" "command [0-9]+ undone" "-v says which command"
is "$(q 'SELECT state, cancel_reason FROM task WHERE id = 5')" \
    "cancelled|undo" "the task made is cancelled, reason undo"
cmd5=$(q "SELECT cmd FROM audit WHERE entity = 'task' AND entity_id = 5
    AND action = 'create'")
like "$(lastlog 5)" "^ivanov\\|undo\\|\\{\"state\":\\[\"open\",\"cancelled\"\\].*\"undo\":$cmd5\\}$" \
    "logged as an undo of that command"
is "$(q 'SELECT count(*) FROM audit')" "$((entries + 1))" \
    "nothing deleted from the log, one entry added"

# The README's pipe at 11:20 closes all three: one undo opens them again.
export CRM_NOW="2026-11-23 11:20:00"
CRM_USER=ivanov sh -c "task-today | grep Ромашка | task-done -r 'Созвонились'"
is "$(q "SELECT count(*) FROM task WHERE state = 'done'")" 3 "the pipe closed 3"
is "$(CRM_NOW="2026-11-26 09:00:00" kpi ontime)" 3 \
    "the KPI counts them done"
run ivanov crm-undo
is "$rc" 0 "the pipe undone"
is "$(dbjoin , "SELECT state FROM task WHERE id <= 3")" \
    "open,open,open" "all three open again"
is "$(q 'SELECT count(*) FROM task WHERE id <= 3 AND (closed_at IS NOT NULL
    OR result IS NOT NULL)')" 0 "what closed them is gone from the tasks"
is "$(q "SELECT count(*) FROM audit WHERE action = 'done'")" 3 \
    "the closes stay in the log"
export CRM_NOW="2026-11-26 09:00:00"
is "$(kpi ontime)" 0 "KPI after the undo: nothing on time"
is "$(kpi notdone)" 4 "KPI: the three overdue and the report"

# A move: the date back, and no longer a move.
run ivanov task-move 4 2026-11-27
is "$(kpi moves)" 1 "a move counts"
run ivanov crm-undo
is "$rc" 0 "the move undone"
is "$(q 'SELECT due_date, moves FROM task WHERE id = 4')" "2026-11-25|0" \
    "the due date back, the move no longer counted"
is "$(q 'SELECT to_date, undone_at FROM task_move WHERE task_id = 4')" \
    "2026-11-27|$CRM_NOW" "the move kept, marked undone"
is "$(kpi moves)" 0 "the KPI counts no move"

# An edit, and a head's reassignment: the values before.
run ivanov task-edit -N 'Отчёт за месяц' -k email -c Ромашка -T 16:00 4
run ivanov crm-undo
is "$(q 'SELECT title, kind, CAST(client_id IS NULL AS INTEGER), CAST(due_time IS NULL AS INTEGER)
    FROM task WHERE id = 4')" "Отчёт|other|1|1" "an edit undone"
like "$(lastlog 4)" '"title":\["Отчёт за месяц","Отчёт"\]' \
    "logged with the values turned"
# The turn is the library's own (C, on every database): byte for byte
# what SQLite's JSON functions made of the edit's detail, quotes,
# backslashes, slashes and characters past the BMP included.
run ivanov task-edit -N 'Он сказал "да" \ 50/50 😀' -T 10:00 4
edit=$(q "SELECT detail FROM audit WHERE entity = 'task' AND entity_id = 4
    ORDER BY id DESC LIMIT 1")
run ivanov crm-undo
turned=$(q "SELECT detail FROM audit WHERE entity = 'task' AND entity_id = 4
    ORDER BY id DESC LIMIT 1")
undone=$(q "SELECT max(coalesce(cmd, id)) FROM audit WHERE action = 'edit'")
if sqlite_only "SQLite's json_group_object() is the turn's reference"; then
	want=$(sqlite3 :memory: "SELECT json_set(json_group_object(key,
	    CASE WHEN type = 'array' THEN json_array(json_extract(value,
	    '\$[1]'), json_extract(value, '\$[0]')) ELSE value END),
	    '\$.undo', $undone) FROM json_each('$(printf '%s' "$edit" |
	    sed "s/'/''/g")')")
	is "$turned" "$want" "the turn as SQLite's JSON functions make it"
fi
like "$turned" '^\{"title":\["Он сказал \\"да\\" \\\\ 50/50 😀","Отчёт"\],"time":\["10:00",null\],"undo":[0-9]+\}$' \
    "the turn: each change's values swapped, the command undone last"
run petrova task-edit -u smirnova 4
run petrova crm-undo
is "$(q 'SELECT assignee_id FROM task WHERE id = 4')" 4 \
    "a reassignment undone by the head who made it"
is "$(q "SELECT owner_id FROM audit WHERE action = 'undo' ORDER BY id DESC
    LIMIT 1")" 4 "logged as the work of whose the task is after the undo"

# task-done, then task-reopen, then undo the reopen: done as it was.
run ivanov task-done -r 'сдал' 4
run ivanov task-reopen -r 'не принят' 4
run ivanov crm-undo
is "$(q 'SELECT state, result, closed_at, closed_by, recorded_at
    FROM task WHERE id = 4')" "done|сдал|$CRM_NOW|4|$CRM_NOW" \
    "a reopen undone: done as before"
is "$(kpi late)" 1 "the KPI counts it done (late) again"
# A second undo goes one command further back, past the reopen and its
# undo, which left the task as the done did.
run ivanov crm-undo
is "$(q 'SELECT state FROM task WHERE id = 4')" open \
    "a second undo takes back the command before"

# task-cancel undone; a follow-up made by task-done undone with it.
run ivanov task-cancel -r 'не нужно' 4
run ivanov crm-undo
is "$(q 'SELECT state, CAST(cancel_reason IS NULL AS INTEGER) FROM task WHERE id = 4')" \
    "open|1" "a cancel undone"
run ivanov task-done -r 'да' -N 'Перезвонить' 1
fu=$out
run ivanov crm-undo
is "$(q "SELECT state FROM task WHERE id = 1")|$(q "SELECT state,
    cancel_reason FROM task WHERE id = $fu")" "open|cancelled|undo" \
    "task-done with its follow-up: reopened, the follow-up cancelled"

# Refused when someone else has touched the task since.
run ivanov task-done -r 'готово' 2
run petrova task-edit -n 'проверено' 2
fails ivanov 1 "task 2 has changed since your last command, task-done: edit by petrova at $CRM_NOW; nothing undone" \
    "touched since: refused, saying what changed" crm-undo
# Refused for a command crm-undo does not take back (tests/35-undo-sales.t
# has the sales it does).
run smirnova client-add 'ЗАО Лютик'
run smirnova deal-add 'ЗАО Лютик' 'Поставка'
fails smirnova 1 "your last command, deal-add, cannot be undone \\(deal 1: create\\)" \
    "a deal made is not undone" crm-undo

done_testing
