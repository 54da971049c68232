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
for t in $(sed -n 's/^BINS[A-Z_]* *=//p; s/^		cmd/cmd/p' "$TOP/Makefile" |
    tr ' \\' '\n\n' | grep '^cmd/' | sed 's|^cmd/||'); do
	# the tool's own file, or the header of cmd/ holding its main()
	want=$(sed -n 's/.*getopt(argc, argv, "\([^"]*\)").*/\1/p' \
	    "$TOP/cmd/$t.c" $(sed -n 's|^#include "\(.*cmd\.h\)"|'"$TOP"'/cmd/\1|p' \
	    "$TOP/cmd/$t.c") | head -1 | tr -d ':' | fold -w1 | sort | flat)
	[ -n "$want" ] || want=$(sed -n 's/.*{ "[a-z-]*", "\([^"]*\)",.*/\1/p' \
	    "$TOP/cmd/$t.c" | tr -d ':' | fold -w1 | sort -u | flat)
	is "$(comp root "$t" - | sed 's/^-//' | sort | flat)" "$want" \
	    "$t: its options"
done

is "$(comp petrova task-add -u '' | sort | flat)" "ivanov petrova smirnova " \
    "-u: the logins a head sees (her team)"
is "$(comp ivanov task-add -u '' | flat)" "ivanov " "-u: a manager sees himself"
is "$(comp ivanov task-add -c '' | flat)" 'ООО\ Ромашка ' \
    "-c: the clients the person sees, a space escaped"
is "$(comp petrova task-list -c З | flat)" 'ЗАО\ Лютик ' "-c: by prefix"
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
