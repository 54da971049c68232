#!/bin/sh
# The table view on a terminal: colours (overdue red, today bold, done
# dim, kpi verdicts green and red) and the width of the terminal (the
# title wrapped to a second line, then the title and client columns
# narrowed with …, by display width), at 60, 80 and 120 columns in a pseudo-terminal (script(1))
# against golden files, and in a real terminal emulator (tmux) as a
# person sees it.  Never an escape into a pipe, a file, -t or -j, under
# NO_COLOR or TERM=dumb, nor one from stored text.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"
TERM=xterm
export TERM
# A long title in Cyrillic and one of wide (CJK) characters.
CRM_USER=ivanov task-add -T 16:00 -c Ромашка \
    'Разобрать почту и ответить всем клиентам по поводу новых цен' >/dev/null
CRM_USER=ivanov task-add -T 17:00 '会議の準備をする、資料を印刷して配る' >/dev/null
CRM_USER=ivanov task-done -r 'отправил' 4

# tty COLS CMD: CMD's output on a terminal COLS wide (no window size:
# the tools fall back to $COLUMNS), as user ivanov.
tty() {
	_c=$1
	shift
	COLUMNS=$_c CRM_USER=${AS:-ivanov} script -qec "$*" /dev/null \
	    < /dev/null | tr -d '\r'
}
ESC=$(printf '\033')
# width: the widest line's display width (Python's East Asian widths).
width() {
	/usr/bin/python3 -c '
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
        2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max([w(l.rstrip("\n")) for l in sys.stdin] or [0]))'
}

for c in 60 80 120; do
	out=$(NO_COLOR=1 tty $c task-today)
	golden "task-today-$c.txt" "$out"
	[ "$(printf '%s\n' "$out" | width)" -le $c ]
	ok $? "task-today at $c columns: no line wider"
	out=$(NO_COLOR=1 AS=petrova tty $c task-today -a)
	golden "task-today-a-$c.txt" "$out"
	[ "$(printf '%s\n' "$out" | width)" -le $c ]
	ok $? "task-today -a at $c columns: no line wider"
done
out=$(NO_COLOR=1 tty 60 task-today)
# after LINE: the line after the one that ends with LINE, blanks cut.
after() {
	printf '%s\n' "$out" | grep -A1 -- "$1\$" | sed -n '2s/^ *//p'
}
is "$(after '  Разобрать почту и')" "ответить всем клиентам п…" \
    "a Cyrillic title wrapped at a blank, its second line cut with …"
is "$(after '  会議の準備をする、資料を')" "印刷して配る" \
    "a wide title wrapped at a character"
# one's own login, the same in every row, is always left out
is "$(printf '%s\n' "$out" | grep -c ivanov)" 0 \
    "at 60 columns one's own login is left out"
is "$(NO_COLOR=1 tty 200 task-today | grep -c ivanov)" 0 \
    "at 200 columns too"
is "$(NO_COLOR=1 tty 200 task-today | grep -c '…')" 0 \
    "wide enough: nothing cut"

# Colour: the rows by their state; the escapes are ours only.
out=$(tty 120 task-today)
like "$out" "^${ESC}\[31m 1         call .*Позвонить в Ромашку.*${ESC}\[0m$" \
    "overdue red"
like "$out" "^${ESC}\[1m 5  09:30 .*${ESC}\[0m$" \
    "today bold"
like "$out" "^${ESC}\[2m 4  15:00  meeting .*${ESC}\[0m$" \
    "done dim"
# (the lines under a task, its result and the head's words, have none)
is "$(printf '%s\n' "$out" | grep -c "$ESC")" \
    "$(NO_COLOR=1 tty 120 task-today | grep -E '^ *[0-9]+  |^   ' |
    grep -Evc '^    (result|note|review): ')" \
    "an escape on the task rows (and a title's second line) only"
out=$(AS=kozlov tty 120 task-today)
like "$out" 'Красный\\033\[31m текст' "a stored escape is shown escaped"
is "$(printf '%s\n' "$out" | grep -o "$ESC" | wc -l)" 2 \
    "only the row's own escapes (start and reset)"
is "$(NO_COLOR=1 tty 120 task-today | grep -c "$ESC")" 0 "NO_COLOR: none"
is "$(TERM=dumb tty 120 task-today | grep -c "$ESC")" 0 "TERM=dumb: none"
is "$(tty 120 task-today -t | grep -c "$ESC")" 0 "-t on a terminal: none"
is "$(tty 120 task-today -j | grep -c "$ESC")" 0 "-j on a terminal: none"
out=$(COLUMNS=60 CRM_USER=ivanov task-today -p)
is "$(printf '%s\n' "$out" | grep -c "$ESC")" 0 "-p into a pipe: no colour"
[ "$(printf '%s\n' "$out" | width)" -gt 60 ]
ok $? "-p into a pipe keeps its full width"
like "$out" "Звонок по поставке бумаги: обсудить объёмы, цены, сроки поставки и условия оплаты$" \
    "-p into a pipe: nothing cut"
CRM_USER=ivanov task-today -p > "$T/file"
is "$(grep -c "$ESC" "$T/file")" 0 "-p into a file: no colour"

# kpi-report: the verdicts.
CRM_USER=root crm-rules set kpi.min_tasks 0	# judge even an empty period
CRM_USER=root crm-rules set kpi.penalty 101
like "$(AS=petrova tty 120 kpi-report -p)" "^${ESC}\[31mpetrova .*penalty" \
    "kpi-report: a penalty red"
CRM_USER=root crm-rules set kpi.penalty 0
CRM_USER=root crm-rules set kpi.reward 0
like "$(AS=petrova tty 120 kpi-report -p)" "^${ESC}\[32mpetrova .*reward" \
    "kpi-report: a reward green"

# A real terminal: tmux at 60, 80 and 120 columns.  The screen as the
# golden view (the terminal wraps nothing of its own), the colours as
# the terminal keeps them.
if ! tmux_start 60 40 CRM_USER=ivanov NO_COLOR= TERM=tmux-256color; then
	skip_one "no tmux (Debian package tmux)"
	done_testing
	exit
fi
for c in 60 80 120; do
	tmux -S "$SOCK" resize-window -t $S -x $c -y 40
	sleep 0.5	# tmux sizes the pane's terminal a moment later
	tmux -S "$SOCK" send-keys -t $S "clear; task-today; echo END$c" Enter
	i=0
	while ! tmux -S "$SOCK" capture-pane -t $S -p | grep -q "^END$c\$" &&
	    [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tmux -S "$SOCK" capture-pane -t $S -p > "$T/plain.$c"
	tmux -S "$SOCK" capture-pane -t $S -p -e > "$T/color.$c"
	sed -n '/^id  /,/ today, [0-9]* done$/p' "$T/plain.$c" > "$T/screen.$c"
	is "$(cat "$T/screen.$c")" "$(NO_COLOR=1 tty $c task-today)" \
	    "tmux at $c columns: the screen shows the golden view, no row wrapped"
	like "$(cat "$T/color.$c")" "${ESC}\[31m 1  " \
	    "tmux at $c columns: the overdue row red on the screen"
	like "$(cat "$T/color.$c")" "${ESC}\[1m 5  09:30" \
	    "tmux at $c columns: today's rows bold"
	like "$(cat "$T/color.$c")" "${ESC}\[2m 4  15:00" \
	    "tmux at $c columns: the done row dim"
done
mkdir -p "$TOP/tests/tmp"; cp "$T"/plain.* "$T"/color.* "$TOP/tests/tmp/"

done_testing
