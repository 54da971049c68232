#!/bin/sh
# Bash completion (completion/crm.bash), driven as bash drives it:
# COMP_WORDS and COMP_CWORD set, the function registered by complete
# called.  Options (each tool's getopt letters), logins and clients as
# the person sees them, kinds, stages, date words, task ids with titles;
# and make install puts it where bash-completion looks.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=ivanov client-add 'ООО Ромашка' > /dev/null
CRM_USER=smirnova client-add 'ЗАО Лютик' > /dev/null
CRM_USER=ivanov task-add -T 10:00 'Позвонить в банк' > /dev/null	# 1
CRM_USER=ivanov task-add -d 2026-11-20 'Разобрать почту' > /dev/null	# 2
CRM_USER=ivanov task-add 'Готово' > /dev/null			# 3
CRM_USER=ivanov task-done -r 'сделано' 3
CRM_USER=smirnova task-add 'Чужая' > /dev/null			# 4
CRM_USER=ivanov deal-add -A 100 1 'Поставка' > /dev/null

# comp AS WORD...: the completions bash offers for the words (the last
# one being completed), one a line.
comp() {
	_as=$1
	shift
	CRM_USER=$_as bash --norc --noprofile -c '
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
f=$(complete -p "$1" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
"$f" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf "%s\n" "${COMPREPLY[@]}"' sh "$TOP/completion/crm.bash" "$@"
}
flat() { tr '\n' ' '; }

# Every tool: "-" completes to exactly the letters its getopt takes.
for t in $(make_tools | grep -vx crm-shell); do
	# the tool's own file, or the file of libcmd.a holding its main()
	want=$(sed -n 's/.*getopt(argc, argv, "\([^"]*\)").*/\1/p' \
	    $(tool_srcs "$t") | head -1 | tr -d ':' | fold -w1 | sort | flat)
	# a tool of verbs: the letters of its table of verbs
	[ -n "$want" ] || want=$(sed -n 's/.*{ "[a-z-]*", "\([^"]*\)",.*/\1/p' \
	    "$TOP/cmd/$t.c" | tr -d ':' | fold -w1 | sort -u | flat)
	is "$(comp root "$t" - | sed 's/^-//' | sort | flat)" "$want" \
	    "$t: its options"
done

is "$(comp petrova task-add -u '' | sort | flat)" "ivanov petrova smirnova " \
    "-u: the logins a head sees (her team)"
is "$(comp ivanov task-add -u '' | flat)" "ivanov " "-u: a manager sees himself"
is "$(comp ivanov task-add -c '' | flat)" 'ООО Ромашка ' \
    "-c: the clients the person sees (readline quotes them: below)"
is "$(comp petrova task-list -c З | flat)" 'ЗАО Лютик ' "-c: by prefix"
is "$(comp ivanov task-add -k c | flat)" "call contract " "-k: task kinds"
is "$(comp ivanov crm-export -k d | flat)" "deals docs " \
    "crm-export -k: the kinds of record"
is "$(comp ivanov deal-stage 1 '' | flat)" \
    "lead negotiation contract invoiced won lost " "deal-stage: the stages"
is "$(comp ivanov task-add -d за | flat)" "завтра " "-d: date words"
is "$(comp ivanov kpi-report -d w | flat)" "week " "-p: period words"
is "$(comp ivanov task-done '' | sort)" "1  2026-11-26 10:00 Позвонить в банк
2  2026-11-20 Разобрать почту" "task-done: open task ids with their titles"
is "$(comp ivanov task-done 2)" "2" "one match: the id alone"
is "$(comp ivanov task-move 1 '' | head -1)" "today" \
    "task-move: a date after the id"
is "$(comp ivanov crm-rules '' | flat)" \
    "list set reset kinds kind days day import calendar " "crm-rules: verbs"
is "$(comp root crm-rules calendar '' | flat)" "load " "crm-rules calendar load"
is "$(comp root crm-rules set remind. | flat)" \
    "remind.minutes remind.overdue " "crm-rules set: the keys"
is "$(comp ivanov deal-stage '' | flat)" "1 " \
    "deal-stage: the deal (one: its id alone)"

# A real bash in a real terminal (tmux): readline quotes what it inserts,
# under ru_RU.UTF-8 and under C.
CRM_USER=ivanov client-add "ИП О'Брайен & Co" > /dev/null
CRM_USER=ivanov client-add 'ТОО "Звезда" $HOME' > /dev/null
if TMUX_SHELL="bash --norc --noprofile" tmux_start 100 30 CRM_USER=ivanov \
    TERM=tmux-256color; then
	# keys TEXT...: type each TEXT literally (Enter after each).
	keys() {
		for _k in "$@"; do
			tmux -S "$SOCK" send-keys -t "$S" -l "$_k"
			tmux -S "$SOCK" send-keys -t "$S" Enter
		done
		sleep 0.5
	}
	# tab TEXT: the command line after typing TEXT, a Tab and a "#"
	# (which shows the blank a whole word gets after it).
	tab() {
		tmux -S "$SOCK" send-keys -t "$S" C-u
		tmux -S "$SOCK" send-keys -t "$S" -l "$1"
		tmux -S "$SOCK" send-keys -t "$S" Tab
		tmux -S "$SOCK" send-keys -t "$S" -l "#"
		_i=0
		while [ $_i -lt 100 ]; do
			sleep 0.1
			_l=$(tmux -S "$SOCK" capture-pane -t "$S" -p |
			    sed '/^$/d' | tail -1)
			case $_l in *"#") break;; esac
			_i=$((_i + 1))
		done
		tmux -S "$SOCK" send-keys -t "$S" BSpace
		printf '%s\n' "$_l"
	}
	# run_as_title TITLE: end the command line completed with TITLE, run
	# it, and give the client of the task it made.
	run_as_title() {
		tmux -S "$SOCK" send-keys -t "$S" -l "$1"
		keys ""
		dbq "SELECT c.name FROM task t JOIN client c ON
		    c.id = t.client_id WHERE t.title = '$1'"
	}
	keys "PS1='> '" ". '$TOP/completion/crm.bash'" \
	    "export LC_ALL=ru_RU.UTF-8" clear
	is "$(tab 'task-add -c ООО')" '> task-add -c ООО\ Ромашка #' \
	    "ru_RU, real bash: -c inserts the client, its space escaped"
	is "$(tab 'task-add -c ИП')" "> task-add -c ИП\\ О\\'Брайен\\ \\&\\ Co #" \
	    "a quote and an ampersand escaped"
	is "$(run_as_title Первая)" "ИП О'Брайен & Co" \
	    "and the command run gets that client"
	is "$(tab 'task-add -c "ТОО')" '> task-add -c "ТОО \"Звезда\" \$HOME" #' \
	    "after an opening quote: closed, its quote and \$ escaped"
	is "$(run_as_title Вторая)" 'ТОО "Звезда" $HOME' \
	    "and that one runs as the client too, nothing expanded"
	is "$(tab 'task-add -d за')" '> task-add -d завтра #' \
	    "ru_RU, real bash: -d, a date word"
	is "$(tab 'task-add -k mee')" '> task-add -k meeting #' \
	    "ru_RU, real bash: -k, a kind"
	is "$(tab 'task-add -u iv')" '> task-add -u ivanov #' \
	    "ru_RU, real bash: -u, a login"
	is "$(tab 'kpi-report -d кв')" '> kpi-report -d квартал #' \
	    "ru_RU, real bash: kpi-report -d, a period"
	is "$(tab 'kpi-report -d w')" '> kpi-report -d week #' \
	    "kpi-report -d: week, no weekday (wed)"
	tmux -S "$SOCK" send-keys -t "$S" C-u
	keys "export LC_ALL=C" clear
	is "$(tab 'task-add -c 3')" '> task-add -c 3 #' \
	    "C, real bash: -c completes to a client's id"
	is "$(tab 'task-add -d to')" '> task-add -d to#' \
	    "C: today or tomorrow, no word inserted yet"
	is "$(tab 'task-add -d tom')" '> task-add -d tomorrow #' \
	    "C, real bash: -d, a date word"
	is "$(tab 'kpi-report -d q')" '> kpi-report -d quarter #' \
	    "C, real bash: kpi-report -d, a period"
	tmux -S "$SOCK" send-keys -t "$S" C-u
else
	skip_one "no tmux (Debian package tmux)"
fi
is "$(LC_ALL=C comp ivanov task-add -d '' | grep -c '[^ -~]')" 0 \
    "C: no word that is not ASCII among the date words"
is "$(LC_ALL=C comp ivanov task-add -c '' | sort | head -1)" "1  ?????? ??????????????" \
    "C: clients as ids, a name shown in its ASCII only"
is "$(comp ivanov kpi-report -d '' | grep -c '^mon$\|^пн$')" 0 \
    "kpi-report -d: no weekday"
is "$(LC_ALL=ru_RU.UTF-8 comp ivanov task-add -k c | flat)" "call contract " \
    "ru_RU: -k read off the Russian usage too"

# Installed as bash-completion looks for it: one name per tool.
P="$T/prefix"
make -s -C "$TOP" install PREFIX="$P" > /dev/null 2>&1
for t in task-add crm-rules task-remind; do
	is "$(bash --norc -c ". '$P/share/bash-completion/completions/$t' &&
	    complete -p $t")" "complete -F _crm $t" \
	    "share/bash-completion/completions/$t registers the completion"
done
make -s -C "$TOP" uninstall PREFIX="$P" > /dev/null 2>&1
is "$(ls "$P/share/bash-completion/completions" | wc -l)" 0 \
    "make uninstall removes them"

done_testing
