#!/bin/sh
# Ids on stdin (issue 13): every tool that acts on records by id takes
# them as operands or, with none, from standard input through one
# reader; lines with no id are passed over; a record already in the
# state the action gives is skipped with a line on standard error when
# piped in, and an error when typed; the rest is all or nothing.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"
R=$(CRM_USER=ivanov client-add 'ООО Ромашка')
L=$(CRM_USER=ivanov client-add 'ООО Лютик')
t1=$(CRM_USER=ivanov task-add -c "$R" -d 2026-11-26 'Позвонить в Ромашку')
t2=$(CRM_USER=ivanov task-add -c "$R" -d 2026-11-26 'Отправить КП Ромашке')
t3=$(CRM_USER=ivanov task-add -c "$L" -d 2026-11-26 'Позвонить в Лютик')
CRM_USER=ivanov task-done "$t1"
ok $? "three tasks for today, one of Ромашка's done"

# The README's headline pipe, with a done row among the matched ones.
run ivanov sh -c "task-today -t | grep Ромашка | task-done -r 'Договорились'"
is "$rc" 0 "task-today | grep Ромашка | task-done: exit 0 with a done row"
is "$errout" "task-done: task $t1 is already done: skipped" \
    "the done row is skipped with a line on stderr"
is "$(dbq "SELECT state FROM task WHERE id = $t2")" done \
    "the open Ромашка task is done"
is "$(dbq "SELECT state FROM task WHERE id = $t3")" open \
    "the other client's task is not"
# The aligned view passes over its heading and summary.
run ivanov sh -c "task-today -p | task-done"
is "$rc" 0 "the aligned view piped in: exit 0"
is "$(dbq "SELECT state FROM task WHERE id = $t3")" done \
    "the open task in the aligned view is done"
is "$(printf '%s\n' "$errout" | grep -vc 'already done: skipped')" 0 \
    "the heading and the summary are passed over silently"
printf '1 overdue, 0 today, 0 done\n' > "$T/in"
fails ivanov 1 "no task given" "a summary starting with a number is prose" \
    task-done < "$T/in"
# A done task given to task-cancel is not in the state it gives: refused.
fails ivanov 1 "task $t1 is already done" \
    "task-cancel: a done task piped in is refused" \
    sh -c "echo $t1 | task-cancel -r x"
t5=$(CRM_USER=ivanov task-add -c "$L" -d 2026-11-27 'Отменить')
run ivanov sh -c "echo $t5 | task-cancel -r 'отмена'"
is "$rc" 0 "task-cancel from stdin"
run ivanov sh -c "task-list -H -t -s cancelled 2026-11-01 2026-12-31 | task-cancel -r 'ещё раз'"
is "$rc.$errout" "0.task-cancel: task $t5 is already cancelled: skipped" \
    "task-cancel: a cancelled task piped in is skipped, the -H header passed over"
fails ivanov 1 "task $t5 is already cancelled" "typed, it is an error" \
    task-cancel -r x "$t5"
run ivanov sh -c "echo $t2 | task-reopen -r 'ошибка'"
is "$rc" 0 "task-reopen from stdin"
run ivanov sh -c "echo $t2 | task-reopen -r 'ошибка'"
is "$rc.$errout" "0.task-reopen: task $t2 is open: skipped" \
    "task-reopen: an open task piped in is skipped"
run ivanov sh -c "echo $t2 | task-edit -N 'Новое название'"
is "$rc.$(dbq "SELECT title FROM task WHERE id = $t2")" \
    "0.Новое название" "task-edit from stdin"

# All or nothing: one refusal changes nothing, exit 1.
t4=$(CRM_USER=smirnova task-add -d 2026-11-26 'Чужая')
printf '%s\n%s\n' "$t2" "$t4" > "$T/in"
fails ivanov 1 "$(hidden "$t4" "task $t4")" \
    "a colleague's task in the pipe: nothing done" \
    task-done < "$T/in"

# task-move: no id operand (or "-") reads stdin.
run ivanov sh -c "echo $t2 | task-move 2026-12-01"
is "$rc.$(dbq "SELECT due_date FROM task WHERE id = $t2")" \
    "0.2026-12-01" "task-move date: the ids from stdin"
run ivanov sh -c "echo $t2 | task-move 2026-12-01"
is "$rc.$errout" "0.task-move: task $t2 is already due then: skipped" \
    "task-move: a task already due then is skipped"
run ivanov sh -c "echo $t2 | task-move - 2026-12-02 10:00"
is "$rc.$errout" "0." "task-move - date time: '-' is standard input too"
is "$(dbq "SELECT due_date || ' ' || due_time FROM task WHERE id = $t2")" \
    "2026-12-02 10:00" "moved"
run ivanov task-move "$t2" 2026-12-03 10:00
is "$rc.$(dbq "SELECT due_date || ' ' || due_time FROM task WHERE id = $t2")" \
    "0.2026-12-03 10:00" "task-move id date time, as before"

# Deals: deal-stage and deal-edit.
d1=$(CRM_USER=ivanov deal-add -A 100 "$R" 'Поставка')
d2=$(CRM_USER=ivanov deal-add -A 200 "$L" 'Монтаж')
run ivanov sh -c "deal-list -t | deal-stage contract"
is "$rc" 0 "deal-list | deal-stage contract"
is "$(dbq "SELECT count(*) FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.name = 'contract'")" \
    2 "both deals at contract"
run ivanov sh -c "echo $d1 | deal-stage contract"
is "$rc.$errout" "0.deal-stage: deal $d1 is already at stage 'contract': skipped" \
    "deal-stage: a deal already at the stage piped in is skipped"
fails ivanov 1 "deal $d1 is already at stage 'contract'" \
    "deal-stage: typed, it is an error" deal-stage "$d1" contract
run ivanov sh -c "deal-list -H -t | deal-edit amount 500"
is "$rc.$(dbjoin , "SELECT amount FROM deal")" \
    "0.50000,50000" "deal-edit field value: the deals from stdin"
run ivanov deal-edit Поставка amount 600
is "$(dbq "SELECT amount FROM deal WHERE id = $d1")" 60000 \
    "deal-edit: a deal by its title"

# Clients: client-edit.
run ivanov sh -c "client-list -t | client-edit phone '+7 495 000-00-00'"
is "$rc.$(dbq "SELECT count(*) FROM client WHERE phone IS NOT NULL")" \
    "0.2" "client-list | client-edit phone: both clients"

# Documents: doc-pay, doc-edit.
o1=$(CRM_USER=ivanov doc-add -k invoice "$d1" 'С-1' 100)
o2=$(CRM_USER=ivanov doc-add -k invoice "$d2" 'С-2' 200)
CRM_USER=ivanov doc-pay "$o1"
run ivanov sh -c "doc-list -t | doc-pay"
is "$rc.$errout" "0.doc-pay: invoice $o1 was paid on 2026-11-26: skipped" \
    "doc-list | doc-pay: the paid invoice is skipped"
is "$(dbq "SELECT paid_date FROM doc WHERE id = $o2")" \
    2026-11-26 "the unpaid one is paid"
fails ivanov 1 "invoice $o1 was paid on 2026-11-26" \
    "doc-pay: typed, a paid invoice is an error" doc-pay "$o1"
run ivanov sh -c "doc-list -t | doc-edit amount 300"
is "$rc.$(dbq "SELECT count(*) FROM doc WHERE amount = 30000")" \
    "0.2" "doc-list | doc-edit: both documents"

# crm-erase: audit entries from stdin; an erased one is skipped.
run root sh -c "crm-log -t -k client | crm-erase"
is "$rc" 0 "crm-log | crm-erase"
e=$(dbq "SELECT min(id) FROM audit WHERE entity = 'client'")
run root sh -c "echo $e | crm-erase"
is "$rc.$errout" "0.crm-erase: entry $e is already erased: skipped" \
    "crm-erase: an erased entry piped in is skipped"
fails root 1 "entry $e is already erased" "crm-erase: typed, an error" \
    crm-erase "$e"

# crm-log: records as operands, or with "-" piped in; with no operand,
# the whole log, stdin unread.
hist() {	# hist: the record ids of crm-log -t's output, sorted, once
	printf '%s\n' "$out" | cut -f5 | sort -nu | tr '\n' ' '
}
run ivanov crm-log -t -k task "$t1" "$t2"
is "$rc.$(hist)" "0.$(printf '%s\n' "$t1" "$t2" | sort -n | tr '\n' ' ')" \
    "crm-log -k task ID ID: the entries of both tasks"
is "$(printf '%s\n' "$out" | cut -f5 | uniq | tr '\n' ' ')" "$t1 $t2 " \
    "one record after another, in the order given"
run ivanov sh -c "task-list -H -t -s done 2026-11-01 2026-12-31 | crm-log -t -k task -"
want=$(dbq "SELECT id FROM task WHERE state = 'done' ORDER BY id" | tr '\n' ' ')
is "$rc.$(hist)" "0.$want" \
    "task-list | crm-log -k task -: the history of the tasks listed, -H header passed over"
run root sh -c "echo $t3 | crm-log -t -k task"
is "$rc.$(printf '%s\n' "$out" | cut -f5 | sort -u | wc -l | tr -d ' ')" "0.$(dbq "SELECT count(DISTINCT entity_id) FROM audit WHERE entity = 'task'")" \
    "crm-log -k task with no operand: every task's entries, stdin unread"
fails ivanov 2 "invalid id 'x'" "crm-log: an operand that is no id" \
    crm-log -k task "$t1" x
fails ivanov 2 "an id needs -k kind" "crm-log: ids need -k" crm-log -

done_testing
