#!/bin/sh
# Views that read at 80 columns (issue 31), in a real terminal (tmux) at
# 80, 100 and 120 columns: the tasks grouped under a heading per day and
# state, one's own login never shown, a title wrapped to a second line
# before anything is cut, so that no client of up to 24 characters and
# no title of up to 40 is cut in task-today and task-today -a; the id
# reader passes over a title's second line; the KPI table keeps login,
# score, verdict, won and paid on the person's line, the rest under it,
# and its reasons whole.  TSV and JSON stay as they were.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"
TERM=xterm
export TERM

C24='АО «Уральские Станки 24»'
T40='Согласовать график поставок на декабрь!!'
H40='Позвонить-уточнить-объёмы-по-договору-42'
is "$(printf '%s' "$C24" | wc -m).$(printf '%s' "$T40" | wc -m).$(printf '%s' \
    "$H40" | wc -m)" "24.40.40" "a client of 24 characters, titles of 40"
K=$(CRM_USER=ivanov client-add "$C24")
at "2026-11-20 09:00:00" ivanov task-add -d 2026-11-24 -T 10:00 -k meeting \
    -c "$K" "$T40" > /dev/null
CRM_USER=ivanov task-add -T 11:00 -k meeting -c "$K" "$T40" > /dev/null
CRM_USER=ivanov task-add -k call -c "$K" "$H40" > /dev/null
CRM_USER=smirnova task-add -T 12:00 "$T40" > /dev/null
# The widest stock kind's Russian title ("письмо почтой") beside the
# client of 24 and the overdue tasks: the days late go in the heading,
# not in a column (at 80 it would cut the client).
CRM_USER=ivanov task-add -T 13:00 -k letter -c "$K" 'Письмо' > /dev/null
# Task 5's 81 characters may be cut; the test's own are at most 40.
dbq "UPDATE task SET title = 'Звонок по поставке бумаги' WHERE id = 5"
ok $? "ivanov and smirnova have work at Уральские Станки"


# tty COLS CMD: CMD's output on a terminal COLS wide (script(1)).
tty() {
	_c=$1
	shift
	COLUMNS=$_c NO_COLOR=1 CRM_USER=${AS:-ivanov} script -qec "$*" \
	    /dev/null < /dev/null | tr -d '\r'
}

# The grouping and the login, with or without a terminal.
out=$(tty 200 task-today)
like "$out" '^2026-11-24, overdue, late 2$' \
    "a heading per day and state, with the days late, the same for each row"
is "$(printf '%s\n' "$out" | grep -c '^2026-11-26, today$')" 1 \
    "today's rows under one heading"
is "$(printf '%s\n' "$out" | grep -c 'overdue  \|today  \|2026-11-26  ')" 0 \
    "no row repeats the date or the state"
is "$(printf '%s\n' "$out" | grep -c ivanov)" 0 \
    "one's own login is left out, even at 200 columns"
like "$(LC_ALL=ru_RU.UTF-8 tty 200 task-today)" \
    '^вт 24\.11\.2026, просрочено, опоздание 2$' \
    "in Russian, the heading as people read the day and the state"
out=$(CRM_USER=petrova task-list -a -p 2026-11-26)
is "$(printf '%s\n' "$out" | grep -c 'ivanov  \|smirnova  ')" 7 \
    "task-list -a of two people keeps who did what"
is "$(CRM_USER=petrova task-today -a -p | grep -c ' ivanov  \| smirnova  ')" 0 \
    "task-today -a: the login is in each person's heading, not the rows"

# The id reader: a second line of a title starts with blanks past the id
# above, whatever its first word.
printf ' 5  11:00  call  X  Title wrapped\n                     6\n' |
    CRM_USER=ivanov task-done -r ok 2> /dev/null
is "$(dbq "SELECT id, state FROM task WHERE id IN (5, 6) ORDER BY id" |
    tr '\n' ' ')" "5|done 6|open " \
    "a continuation line that is a number is no id"
CRM_USER=ivanov task-reopen -r 'проверка' 5 > /dev/null
out=$(tty 80 task-today)
printf '%s\n' "$out" | CRM_USER=ivanov task-cancel -r 'проверка' \
    > /dev/null 2>&1
is "$(dbq "SELECT id FROM task WHERE state = 'cancelled' ORDER BY id" |
    tr '\n' ' ')" "$(printf '%s\n' "$out" | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' |
    sort -n | tr '\n' ' ')" \
    "task-today at 80 columns piped to task-cancel: the rows' ids, no more"
dbq "UPDATE task SET state = 'open', closed_at = NULL, closed_by = NULL,
    recorded_at = NULL, cancel_reason = NULL WHERE state = 'cancelled'"
TSV=$(CRM_USER=petrova ran task-today -a -t | md5sum)
JSON=$(CRM_USER=petrova ran task-today -a -j | md5sum)

if ! tmux_start 80 70 CRM_USER=ivanov NO_COLOR=1 TERM=tmux-256color; then
	skip_one "no tmux (Debian package tmux)"
	done_testing
	exit
fi
# screen COLS CMD: what CMD shows in tmux, COLS wide.
screen() {
	tmux_screen "$1" 70 "$2"
}
# titles: the titles of a task view as read off the screen: the title
# column of each row (by its heading's place) and of the line under it
# that goes on with it, joined by a blank and, if broken in a word, not.
titles() {
	/usr/bin/python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
at = end = None
for i, l in enumerate(lines):
    m = re.match(r" *(id|№) .*?(title|название) *(late|опоздание)?", l)
    if m:
        at, end = m.start(2), m.start(3) if m.group(3) else None
        continue
    if at is None or not re.match(r" *[0-9]+  ", l):
        continue
    t = l[at:end].rstrip()
    n = lines[i + 1] if i + 1 < len(lines) else ""
    if n.startswith(" " * at) and n.strip():
        print(t + " " + n.strip())
        print(t + n.strip())
    else:
        print(t)'
}
# whole OUT WHAT N: nothing cut in OUT, the client and the titles whole
# (the one with blanks N times).
whole() {
	is "$(printf '%s\n' "$1" | grep -c '…')" 0 "$2: nothing cut"
	like "$1" "  $C24  " "$2: the client of 24 characters whole"
	_t=$(printf '%s\n' "$1" | titles)
	is "$(printf '%s\n' "$_t" | grep -cx -- "$T40")" "$3" \
	    "$2: the title of 40 whole, $3 times"
	is "$(printf '%s\n' "$_t" | grep -cx -- "$H40")" 1 \
	    "$2: the title of 40 without a blank whole"
}
mkdir -p "$TOP/tests/tmp"
for c in 80 100 120; do
	s=$(screen $c task-today)
	printf '%s\n' "$s" > "$TOP/tests/tmp/narrow-today.$c"
	is "$s" "$(tty $c task-today)" \
	    "tmux at $c: task-today as on any terminal, no line wrapped by it"
	golden "task-today-narrow-$c.txt" "$s"
	whole "$s" "tmux at $c: task-today" 2
	like "$(printf '%s\n' "$s" | titles)" "^Позвонить в Ромашку$" \
	    "tmux at $c: the titles are read off the screen"
	s=$(screen $c "CRM_USER=petrova task-today -a")
	printf '%s\n' "$s" > "$TOP/tests/tmp/narrow-today-a.$c"
	is "$s" "$(AS=petrova tty $c task-today -a)" \
	    "tmux at $c: task-today -a as on any terminal"
	whole "$s" "tmux at $c: task-today -a" 3
	s=$(screen $c "CRM_USER=petrova kpi-report -a -d 2026-11-16..2026-11-26")
	printf '%s\n' "$s" > "$TOP/tests/tmp/narrow-kpi.$c"
	is "$s" "$(AS=petrova tty $c kpi-report -a -d 2026-11-16..2026-11-26)" \
	    "tmux at $c: kpi-report -a as on any terminal"
	is "$(printf '%s\n' "$s" | grep -c '…')" 0 \
	    "tmux at $c: kpi-report -a, nothing cut, its reasons whole"
	like "$s" '^login +score +verdict +won +paid$|^login +planned .* paid$' \
	    "tmux at $c: login, score, verdict, won and paid in the heading"
	like "$s" '^ivanov +.*[0-9]\.[0-9]  .*(penalty|nothing|reward|insufficient data)  .*[0-9],[0-9][0-9]$' \
	    "tmux at $c: ivanov's line has them all"
done
s=$(cat "$TOP/tests/tmp/narrow-kpi.80")
like "$s" '^  planned [0-9]+  ontime [0-9]+  late [0-9]+' \
    "at 80 the other figures go under each person"
is "$(printf '%s\n' "$s" | grep -c '^ivanov  \|^smirnova  \|^team ')" 3 \
    "a line a person and the team"
s=$(screen 80 "LC_ALL=ru_RU.UTF-8 CRM_USER=petrova kpi-report -a -d 2026-11-16..2026-11-26")
printf '%s\n' "$s" > "$TOP/tests/tmp/narrow-kpi-ru.80"
like "$s" '^логин +балл +вердикт +выиграно +оплачено$' \
    "in Russian at 80 too: login, score, verdict, won and paid"
is "$(printf '%s\n' "$s" | grep -c '…')" 0 "in Russian, nothing cut"
s=$(screen 80 "LC_ALL=ru_RU.UTF-8 CRM_USER=petrova task-today -a")
printf '%s\n' "$s" > "$TOP/tests/tmp/narrow-today-a-ru.80"
whole "$s" "tmux at 80 in Russian: task-today -a" 3
s=$(screen 120 "kpi-report -p -d 2026-11-16..2026-11-26 | head -1")
like "$s" '^login +planned +ontime' "into a pipe, -p keeps the full row"

same "$(CRM_USER=petrova ran task-today -a -t | md5sum)" "$TSV" \
    "the TSV as before the terminals" 
same "$(CRM_USER=petrova ran task-today -a -j | md5sum)" "$JSON" \
    "the JSON too"

done_testing
