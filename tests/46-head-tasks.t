#!/bin/sh
# The KPI cannot be bought with a cancel: a manager's cancel after the
# first due day counts as not done, the head's does not; a task the head
# gave is cancelled, renamed or given another kind only by the head (an
# operand refused with the way to ask, a piped one skipped); moves stay
# the manager's.  The report's figures are checked against counts made
# in the test, and the stored figures against the count from scratch.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=ivanov client-add Ромашка >/dev/null
ok $? "department and a client"
# Cancels and kinds are this file's matter, not filler: here a task with
# no client and no deal is planned work too (tests/57 for filler).
CRM_USER=root crm-rules set plan.filler 1

at() {	# at 'YYYY-MM-DD HH:MM' AS CMD...: run CMD as AS at that time
	_at=$1
	shift
	CRM_NOW="$_at:00" run "$@"
}
# Week 47 (16-22.11.2026); the clock stands on 26.11.
for i in 1 2 3 4 5 6 7 9; do
	at '2026-11-16 09:00' ivanov task-add -k other -d 2026-11-18 "Дело $i"
done
at '2026-11-16 09:00' ivanov task-add -k other -d 2026-11-17 'Дело 8'
at '2026-11-16 09:10' petrova task-add -u ivanov -k call -c 1 \
    -d 2026-11-19 'Звонок от руководителя'
at '2026-11-16 09:10' petrova task-add -u ivanov -k call -c 1 \
    -d 2026-11-17 'Второй звонок от руководителя'
is "$(dbq "SELECT id || ' ' || first_due FROM task WHERE id >= 8")" \
    "8 2026-11-18
9 2026-11-17
10 2026-11-19
11 2026-11-17" "eleven tasks planned ahead: 8 own, 2 the head's"
# Task ids: 1..7 and 8 (the list's "Дело 9") due 18.11, 9 ("Дело 8")
# due 17.11, 10 and 11 the head's.
at '2026-11-18 10:00' ivanov task-done -r 'Договорились о встрече' 1 2 3 4
is "$rc" 0 "four done on time"

# A manager's cancels: before or on the first due day they leave the
# plan; after it they count as not done.
at '2026-11-16 12:00' ivanov task-cancel -r 'Клиент перенёс' 9
is "$rc" 0 "cancelled before its day"
at '2026-11-18 17:00' ivanov task-cancel -r 'Клиент перенёс' 7
is "$rc" 0 "cancelled on its day"
at '2026-11-20 10:00' ivanov task-cancel -r 'Не успел' 5 6
is "$rc" 0 "two cancelled after their day, by the manager"
at '2026-11-20 10:00' petrova task-cancel -r 'Снято руководителем' 8
is "$rc" 0 "one cancelled after its day by the head"

# The head's tasks: refused as an operand, skipped in a batch.
for args in "task-cancel -r Передумал 10" "task-edit -N Другое 10" \
    "task-edit -k other 10"; do
	CRM_NOW="2026-11-18 09:00:00" fails ivanov 1 \
	    "task 10 was given to you by petrova: ask them to cancel it, rename it or change its kind" \
	    "$args: the head's task" $args
done
printf '10\n11\n' >"$T/ids"
CRM_NOW="2026-11-18 09:00:00" CRM_USER=ivanov task-cancel -r x \
    <"$T/ids" >/dev/null 2>"$T/err"
is "$?" 0 "a piped batch of the head's tasks: done"
is "$(cat "$T/err")" \
    "task-cancel: task 10 was given to you by petrova: ask them to cancel it, rename it or change its kind: skipped
task-cancel: task 11 was given to you by petrova: ask them to cancel it, rename it or change its kind: skipped" \
    "each skipped with a line on standard error"
printf '10\n' | CRM_USER=ivanov task-edit -k other >/dev/null 2>"$T/err"
is "$?.$(cat "$T/err")" \
    "0.task-edit: task 10 was given to you by petrova: ask them to cancel it, rename it or change its kind: skipped" \
    "task-edit in a batch skips it too"
is "$(dbq "SELECT state || ' ' || kind || ' ' || title FROM task
    WHERE id IN (10, 11) ORDER BY id")" \
    "open call Звонок от руководителя
open call Второй звонок от руководителя" "the head's tasks unchanged"
at '2026-11-18 09:00' ivanov task-edit -n 'Уточнить условия' 10
is "$rc" 0 "a note on the head's task is the manager's"
at '2026-11-16 12:00' ivanov task-move 11 2026-11-24
is "$rc" 0 "so is a move"
at '2026-11-24 11:00' ivanov task-done -r 'Договорились' 11
is "$rc" 0 "the moved task done late"
at '2026-11-19 18:00' petrova task-cancel -r 'Не нужно' 10
is "$rc" 0 "the head cancels her task"
at '2026-11-16 09:20' petrova task-edit -N 'Новое название' 11
is "$rc" 0 "the head renames her task"

# A series the head gave is the head's to stop, as her tasks are.
run petrova task-add -R mon,thu -u ivanov -d 2026-12-03 -E 2026-12-10 \
    -k other 'Планёрка'
sid=$(dbq "SELECT max(id) FROM task_series")
fails ivanov 1 "series $sid was given to you by petrova: ask them to stop it" \
    "the head's series" task-cancel -R -r Надоело "$sid"
run petrova task-cancel -R -r 'Отменили планёрки' "$sid"
is "$rc.$(dbq "SELECT count(*) FROM task WHERE series_id = $sid
    AND state = 'open'")" "0.0" "the head stops it"

# The report, against a count of the test's own.
planned=11 ontime=4 late=1 notdone=2 cancelled=4
is "$(dbq "SELECT count(*) FROM task WHERE state = 'cancelled'
    AND substr(closed_at, 1, 10) > first_due
    AND closed_by = assignee_id")" "$notdone" \
    "the database holds the manager's late cancels"
run petrova kpi-report -t -d 2026-W47 -u ivanov
is "$(printf '%s\n' "$out" | cut -f4-10)" \
    "$planned	$ontime	$late	0	$notdone	0	$cancelled" \
    "planned, on time, late, by the head, not done, pending, cancelled"
pct=$(awk -v a=$ontime -v b=$((ontime + late + notdone)) \
    'BEGIN { printf "%.1f", 100 * a / b }')
is "$(printf '%s\n' "$out" | cut -f20)" "$pct" \
    "on time $ontime of $((ontime + late + notdone))"
slow=$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -t -d 2026-W47 \
    -u ivanov)
out=$(CRM_USER=petrova ran kpi-report -t -d 2026-W47 -u ivanov)
same "$out" "$slow" "the stored figures are the count from scratch"
run petrova kpi-report -t -d 2026-11 -h petrova
is "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "ivanov" { print $8, $10 }')" \
    "$notdone $cancelled" "the month counts them alike"

# A change of kind is judged by the fields the first kind needed.  Week
# 48: five calls planned on Monday, three without their client (the
# team plans first and fills in later), re-kinded to "other".
CRM_USER=root crm-rules set entry.fields warn
for i in 1 2 3; do
	at '2026-11-23 09:00' ivanov task-add -k call -d 2026-11-25 "Звонок $i"
done
for i in 4 5; do
	at '2026-11-23 09:00' ivanov task-add -k call -c 1 -d 2026-11-25 \
	    "Звонок $i"
done
ids=$(dbq "SELECT id FROM task WHERE title LIKE 'Звонок _' ORDER BY id")
bare=$(dbq "SELECT id FROM task WHERE title LIKE 'Звонок _'
    AND client_id IS NULL ORDER BY id" | tr '\n' ' ')
at '2026-11-23 10:00' ivanov task-edit -k other $bare
is "$rc" 0 "three calls without a client re-kinded to other"
is "$(dbq "SELECT count(*) FROM task WHERE kind = 'other'
    AND first_kind = 'call'")" 3 "each keeps the kind it had"
# The count of the test's own: a call needs a client (crm-rules kinds).
complete=$(dbq "SELECT count(*) FROM task WHERE title LIKE 'Звонок _'
    AND client_id IS NOT NULL")
run petrova kpi-report -t -d 2026-W48 -u ivanov
is "$(printf '%s\n' "$out" | cut -f4,15)" "5	$complete" \
    "five planned, $complete with every field the first kind needed"
is "$(printf '%s\n' "$out" | cut -f23)" \
    "$(awk -v a="$complete" 'BEGIN { printf "%.1f", 100 * a / 5 }')" \
    "the fields score as if the kind had not changed"
slow=$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -t -d 2026-W48 \
    -u ivanov)
same "$rc.$out" "0.$slow" "stored and counted from scratch alike"
run root crm-rules kind call
is "$rc" 0 "the department's call needs no client any more"
run petrova kpi-report -t -d 2026-W48 -u ivanov
is "$(printf '%s\n' "$out" | cut -f15)" 5 "so every one is complete"
slow=$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -t -d 2026-W48 \
    -u ivanov)
same "$rc.$out" "0.$slow" "the first kind's fields moved the stored figures too"
run root crm-rules kind call client
run petrova crm-rules set fields.call client,note
is "$rc" 0 "the team's call needs a client and a note"
run petrova kpi-report -t -d 2026-W48 -u ivanov
is "$(printf '%s\n' "$out" | cut -f15)" 0 \
    "the team's fields of the first kind count, none has a note"
slow=$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -t -d 2026-W48 \
    -u ivanov)
same "$rc.$out" "0.$slow" "stored and counted from scratch alike"

done_testing
