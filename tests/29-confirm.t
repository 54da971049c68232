#!/bin/sh
# The question before a change of more than one task, driven through a
# pseudo-terminal (script(1) of util-linux): the README's pipe asks
# first, only yes goes on, end of input is no, -y and a call with no
# terminal (cron, scripts) go on without asking, one task is not asked.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@" >/dev/null; }
CRM_USER=ivanov client-add 'ООО Ромашка' >/dev/null
add ivanov -k call -c Ромашка -T 10:00 'Ромашка: утренний звонок'	# 1
add ivanov -k call -c Ромашка -T 13:00 'Ромашка: звонок в час'	# 2
add ivanov -k call -c Ромашка -T 14:00 'Ромашка: звонок в два'	# 3
add ivanov 'Отчёт'							# 4

# tty ANSWER AS CMD: run CMD as AS on a pseudo-terminal, ANSWER typed
# (- for none: end of input); $out is what the terminal showed, $rc
# the exit status.
tty() {
	_a=$1 _u=$2
	shift 2
	if [ "$_a" = - ]; then
		out=$(CRM_USER=$_u script -eqc "$*" /dev/null </dev/null)
	else
		out=$(printf '%s\n' "$_a" |
		    CRM_USER=$_u script -eqc "$*" /dev/null)
	fi
	rc=$?
}
open() { dbjoin , "SELECT id FROM task
    WHERE state = 'open' ORDER BY id"; }
PIPE="task-today | grep Ромашка | task-done -r 'Созвонились'"

tty n ivanov "$PIPE"
like "$out" "close these 3 tasks\\? \\[y/N\\]" "the README's pipe asks first"
like "$out" "Ромашка: звонок в час" "and lists the tasks"
like "$out" "nothing changed" "no: nothing changed"
is "$rc" 1 "no: exit 1"
is "$(open)" "1,2,3,4" "no: every task still open"

tty - ivanov "$PIPE"
is "$rc$(open)" "11,2,3,4" "end of input counts as no"
tty 'whatever' ivanov "$PIPE"
is "$rc$(open)" "11,2,3,4" "any other answer is no"

tty y ivanov "task-done 1 2"
is "$rc$(open)" "03,4" "y: done"
tty 'да' ivanov "task-reopen -r 'рано' 1 2"
like "$out" "reopen these 2 tasks\\?" "task-reopen asks"
is "$rc$(open)" "01,2,3,4" "да: reopened"

tty n ivanov "task-cancel -r 'дубль' 1 2"
like "$out" "cancel these 2 tasks\\?" "task-cancel asks"
is "$rc$(open)" "11,2,3,4" "task-cancel: no"
tty n ivanov "task-edit -n 'заметка' 1 2"
like "$out" "change these 2 tasks\\?" "task-edit asks"
is "$rc$(q "SELECT count(*) FROM task WHERE note IS NOT NULL")" "10" \
    "task-edit: no"

tty - ivanov "task-done -y 1 2"
is "$rc$(open)" "03,4" "-y: no question"
is "$(printf '%s' "$out" | grep -c 'y/N')" 0 "-y: nothing asked"
tty - ivanov "task-done 3"
is "$rc$(open)" "04" "one task: no question"

# No terminal at all: standard error to a file, as cron runs it.
CRM_USER=ivanov task-reopen -r 'снова' 1 2 3 </dev/null 2>"$T/err"
is "$?$(open)" "01,2,3,4" "without a terminal it goes on"
run ivanov sh -c "$PIPE"
is "$rc$(open)" "04" "the README's pipe from a script goes on"

# A question left unanswered holds no lock (issue 27): another writer
# gets in while it waits, and the answer then closes the tasks.
add ivanov 'Первая из двух'						# 5
add ivanov 'Вторая из двух'						# 6
( (sleep 4; echo y) | CRM_USER=ivanov script -eqc "task-done -r x 5 6" \
    /dev/null > /dev/null 2>&1 ) &
sleep 1
run smirnova task-add -k other 'Пока вопрос ждёт'
is "$rc" 0 "a question left unanswered keeps no other writer out"
wait
is "$(open)" "4,7" "the answer given late still closes both"

done_testing
