#!/bin/sh
# The time of record is when the change is made, and no lock is held
# while the tools wait for their input (crm(7); issue 27, items 2 and
# 4): the clock and the person's rights are read inside the transaction
# that writes, all input before it begins.
. "$(dirname "$0")/lib.sh"

department
secs() { date -d "$1" +%s; }

# A batch that takes its time holds no lock: another writer gets in.
( (sleep 5; printf 'ivanov\t2026-11-27\t\tother\tМедленная\n') | CRM_USER=ivanov task-add > "$T/slow" \
    2> "$T/slow.err"; echo $? > "$T/slow.rc") &
sleep 1
run smirnova task-add -k other 'Быстрая'
is "$rc" 0 "a writer is not kept out by a batch still reading its input"
[ "$rc" -eq 0 ] || echo "# $errout"
wait
is "$(cat "$T/slow.rc")" 0 "and the slow batch is added when its input ends"
[ "$(cat "$T/slow.rc")" -eq 0 ] || echo "# $(cat "$T/slow.err")"

# crm-import too: the file is read before the lock.
( (sleep 5; printf 'title,assignee\nИз файла,ivanov\n') |
    CRM_USER=petrova crm-import -k tasks > /dev/null 2>&1 ) &
sleep 1
run smirnova task-add -k other 'Ещё быстрая'
is "$rc" 0 "crm-import reading a slow file holds no lock"
wait

# And crm-rules import of a calendar.
( (sleep 5; printf '2026-12-31 off Канун\n') |
    CRM_USER=root crm-rules import - > /dev/null 2>&1 ) &
sleep 1
run smirnova task-add -k other 'Третья быстрая'
is "$rc" 0 "crm-rules import reading a slow pipe holds no lock"
wait

# The close is recorded when it is made, not when the command started.
run ivanov task-add -k other 'Первая'
a=$out
run ivanov task-add -k other 'Вторая'
b=$out
CRM_NOW= CRM_USER=ivanov task-done -r 'сразу' "$a"
(sleep 3; echo "$b") | CRM_NOW= CRM_USER=ivanov task-done -r 'позже'
ta=$(dbq "SELECT closed_at FROM task WHERE id = $a")
tb=$(dbq "SELECT closed_at FROM task WHERE id = $b")
ok "$([ $(( $(secs "$tb") - $(secs "$ta") )) -ge 3 ]; echo $?)" \
    "a delayed id from standard input: closed at $tb, not at the start ($ta)"
tr=$(dbq "SELECT max(at) FROM audit WHERE entity = 'task' AND entity_id = $b")
ok "$([ $(( $(secs "$tr") - $(secs "$ta") )) -ge 3 ]; echo $?)" \
    "the log records the same moment"

# A person deactivated while their command waits acts no more.
run ivanov task-add -k other 'Третья'
c=$out
( (sleep 3; echo "$c") | CRM_USER=ivanov task-done -r 'после' \
    2> "$T/late.err"; echo $? > "$T/late.rc") &
sleep 1
run root crm-user deactivate ivanov
is "$rc" 0 "the admin deactivates the manager meanwhile"
wait
is "$(cat "$T/late.rc")" 1 "the command started before is refused"
like "$(cat "$T/late.err")" "ivanov.*deactivated" "the message says why"
is "$(dbq "SELECT state FROM task WHERE id = $c")" open \
    "the task stays open"

done_testing
