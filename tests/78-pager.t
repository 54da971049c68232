#!/bin/sh
# A table longer than the terminal goes through a pager, as git's output
# does (issue 31): CRM_PAGER, else PAGER, else less; never into a pipe,
# which still gets TSV.  In a real terminal (tmux) 80 by 20.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"
i=0
while [ $i -lt 30 ]; do
	CRM_USER=ivanov task-add "Задача номер $i" > /dev/null || break
	i=$((i + 1))
done
is "$i" 30 "ivanov has 30 tasks today"

unset CRM_PAGER		# lib.sh's; the shell in tmux has none either
if ! tmux_start 80 20 CRM_USER=ivanov NO_COLOR=1 TERM=tmux-256color; then
	skip_one "no tmux (Debian package tmux)"
	done_testing
	exit
fi
screen() {
	tmux_screen 80 20 "$1"
}
rows() {
	printf '%s\n' "$1" | grep -Ec '^ *[0-9]+  '
}

s=$(screen "env -u PAGER CRM_PAGER='cat > $T/paged' task-today; echo rc=\$?")
like "$s" '^rc=0$' "task-today through a pager: exit 0"
is "$(rows "$s")" 0 "the screen shows no row: they went to the pager"
is "$(grep -Ec '^ *[0-9]+  ' "$T/paged")" 30 "the pager got the 30 rows"
is "$(cat "$T/paged")" "$(COLUMNS=80 NO_COLOR=1 CRM_PAGER=cat CRM_USER=ivanov \
    script -qec task-today /dev/null < /dev/null | tr -d '\r')" \
    "as the table on a terminal 80 wide"

s=$(screen "PAGER='cat > $T/by-pager' task-today")
test -s "$T/by-pager"
ok $? "PAGER when CRM_PAGER is not set"
s=$(screen "CRM_PAGER='cat > $T/crm' PAGER='cat > $T/not' task-today")
test -s "$T/crm" && ! test -e "$T/not"
ok $? "CRM_PAGER before PAGER"

s=$(screen "CRM_PAGER='cat > $T/short' task-today -d 2026-11-01")
! test -e "$T/short"
ok $? "a table that fits the screen is not paged"
like "$s" 'nothing planned' "it is on the screen"

s=$(screen "CRM_PAGER='cat > $T/pipe-pager' task-today | cat > $T/pipe")
! test -e "$T/pipe-pager"
ok $? "into a pipe: no pager"
is "$(grep -c '	' "$T/pipe")" 30 "into a pipe: TSV"
s=$(screen "CRM_PAGER='cat > $T/p-pager' task-today -p | cat > $T/p")
! test -e "$T/p-pager" && grep -q '^ *[0-9]*  .*Задача номер 29$' "$T/p"
ok $? "-p into a pipe: the table, no pager"

s=$(screen "CRM_PAGER='head -1 > /dev/null' task-today; echo rc=\$?")
like "$s" '^rc=0$' "the pager quitting early is no error"
s=$(screen "CRM_PAGER=cat task-today | wc -l")
is "$(printf '%s' "$s" | tr -d ' ')" 30 "CRM_PAGER=cat: none (and into wc, TSV)"
s=$(screen "CRM_PAGER=cat task-today")
is "$(rows "$s")" 30 "CRM_PAGER=cat on the terminal: the table, unpaged"
s=$(screen "CRM_PAGER=no-such-pager task-today 2> /dev/null")
is "$(rows "$s")" 30 "a pager that cannot run: the table still goes out"

# less itself, as a person has it: LESS unset, so FRX.
if command -v less > /dev/null; then
	tmux -S "$SOCK" send-keys -t "$S" \
	    "clear; env -u PAGER -u LESS task-today; echo DONE" Enter
	sleep 1.5
	s=$(tmux -S "$SOCK" capture-pane -t "$S" -p)
	like "$s" '^id  kind +title$' "less shows the table's head"
	like "$(printf '%s\n' "$s" | sed '/^$/d' | tail -1)" '^:' \
	    "and waits at its prompt"
	tmux -S "$SOCK" send-keys -t "$S" q
	sleep 0.5
	like "$(tmux -S "$SOCK" capture-pane -t "$S" -p)" '^DONE$' \
	    "q quits it and the shell goes on"
else
	skip_one "no less"
fi

done_testing
