#!/bin/sh
# task-reopen: done and cancelled tasks open again, by id and from a
# pipe, all or nothing, who may; the log keeps what closed them; the KPI
# counts the task as the record shows it after the reopen.
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

# Made on Monday the 23rd: 1 due Tuesday, 2 due Wednesday, 3 due Friday
# the 27th, 4 smirnova's, 5 kozlov's.
export CRM_NOW="2026-11-23 09:00:00"
add ivanov -d 2026-11-24 -- 'Звонок вторник'	# 1
add ivanov -d 2026-11-25 -- 'Звонок среда'		# 2
add ivanov -d 2026-11-27 -- 'Звонок пятница'	# 3
add smirnova -d 2026-11-27 'Смирнова'		# 4
add kozlov -d 2026-11-27 'Козлов'		# 5
CRM_NOW="2026-11-24 10:00:00" CRM_USER=ivanov task-done -r 'дозвонился' 1 2 3
CRM_NOW="2026-11-24 10:00:00" CRM_USER=smirnova task-cancel -r 'не нужно' 4
CRM_NOW="2026-11-24 10:00:00" CRM_USER=kozlov task-done 5
export CRM_NOW="2026-11-26 09:00:00"

run ivanov kpi-report -H -t -d 2026-W48
is "$(field ontime)" 3 "before: three done on time"

run ivanov task-reopen -r 'ещё не звонил' 1
is "$rc$out$errout" 0 "a manager reopens their own task, silently"
is "$(q 'SELECT state, CAST(closed_at IS NULL AS INTEGER), CAST(closed_by IS NULL AS INTEGER),
    CAST(recorded_at IS NULL AS INTEGER), CAST(result IS NULL AS INTEGER) FROM task WHERE id = 1')" \
    "open|1|1|1|1" "open again; what closed it is gone from the task"
is "$(q "SELECT actor, action, detail FROM audit WHERE entity = 'task'
    AND entity_id = 1 ORDER BY id DESC LIMIT 1")" \
    'ivanov|reopen|{"state":["done","open"],"closed_at":["2026-11-24 10:00:00",null],"closed_by":["ivanov",null],"recorded_at":["2026-11-24 10:00:00",null],"result":["дозвонился",null],"reason":"ещё не звонил"}' \
    "the log keeps what closed it, and why it was reopened"

fails ivanov 1 "task 1 is open" "an open task" task-reopen -r x 1
fails ivanov 1 "no such task '99'" "unknown id, nothing changes" \
    task-reopen -r x 2 99
fails ivanov 1 "$(hidden 4 "task 4: you may not change the work of 'smirnova'")" \
    "a colleague's task" task-reopen -r x 4
fails petrova 1 "$(hidden 5 "task 5: you may not change the work of 'kozlov'")" \
    "another team's task" task-reopen -r x 5
fails director 1 "director" "a director reopens" task-reopen -r x 2
fails ivanov 1 "task 2 is given twice" "an id twice" task-reopen -r x 2 2
fails ivanov 2 "usage" "no reason" task-reopen 2
fails ivanov 1 "reason" "an empty reason" task-reopen -r '' 2
fails ivanov 2 "invalid id 'x'" "bad id" task-reopen -r x x

run petrova task-reopen -r 'клиент передумал' 4
is "$rc" 0 "the head reopens a cancelled task of the team"
is "$(q 'SELECT state, CAST(cancel_reason IS NULL AS INTEGER) FROM task WHERE id = 4')" \
    "open|1" "cancelled -> open, the reason gone"
is "$(q "SELECT actor, detail FROM audit WHERE entity_id = 4
    ORDER BY id DESC LIMIT 1")" \
    'petrova|{"state":["cancelled","open"],"closed_at":["2026-11-24 10:00:00",null],"closed_by":["smirnova",null],"recorded_at":["2026-11-24 10:00:00",null],"cancel_reason":["не нужно",null],"reason":"клиент передумал"}' \
    "the cancel reason is kept in the log"

# From a pipe: the first field of each line; all or nothing.
printf '2\tivanov\n\n3\n' >"$T/in"
run ivanov task-reopen -r 'рано' <"$T/in"
is "$rc" 0 "ids from standard input"
is "$(dbjoin , "SELECT id FROM task WHERE state = 'open'
    AND assignee_id = 4")" "1,2,3" "2 and 3 open"
printf '5\n' >"$T/in"
fails petrova 1 "$(hidden 5 "task 5")" "from a pipe, all or nothing" \
    task-reopen -r x <"$T/in"
printf '2\nabc\n' >"$T/in"
run ivanov task-reopen -r x <"$T/in"
is "$rc.$errout" "0.task-reopen: task 2 is open: skipped" \
    "an open task piped in is skipped, a line with no id passed over"

# The KPI on Thursday the 26th: 1 (due Tuesday) and 2 (due Wednesday) are
# open and overdue, so not done; 3 (due Friday) is still to come.
run ivanov kpi-report -H -t -d 2026-W48
is "$(field ontime)" 0 "after: the earlier done does not count"
is "$(field notdone)" 2 "the reopened overdue tasks count as not done"
is "$(field pending)" 1 "the reopened task not yet due is pending"
# Done again today, after its due day: late.
CRM_USER=ivanov task-done -r 'дозвонился наконец' 1
run ivanov kpi-report -H -t -d 2026-W48
is "$(field late)" 1 "done again after the due day: late"
is "$(field notdone)" 1 "one still not done"
is "$(field late)" "$(q "SELECT count(*) FROM task WHERE assignee_id = 4
    AND state = 'done' AND substr(closed_at, 1, 10) > first_due")" "late by SQL"

done_testing
