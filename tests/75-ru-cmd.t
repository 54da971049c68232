#!/bin/sh
# The tools' own words under LANG=ru_RU.UTF-8 (issue 14): --help and the
# usage of every tool, every refusal of tests/15's table (one or more a
# tool), the summaries and the demo have no Latin word but what the
# allow-list below names; under LANG=C the same words are English.
# xgettext finds only marked strings: this catches the unmarked ones.
. "$(dirname "$0")/lib.sh"

TOOLS=$(make_tools)
unset LC_ALL LC_MESSAGES
LANG=ru_RU.UTF-8
export LANG
records

# What may be Latin, and why:
# - logins, tool names, option letters (-aHjpt), e-mail addresses and
#   paths: names, not words (taken out before the scan);
# - the value a person gave, quoted «so» in a message, references to
#   manual pages, crm(7), and variables set, CRM_USER=ivanov (taken out);
# - names of formats and programs: CRM KPI INN TSV JSON Lines CSV
#   iCalendar Excel sendmail ssh;
# - what a person types as it is: the verbs of crm-user, crm-rules,
#   deal-stage and crm-control, crm-rules day's off and work, crm-control
#   record's team, and the codes messages offer as choices (roles,
#   fields, kinds of record) -- crm(7): codes never change with the
#   locale.
# The forms a date may be typed in are listed in the reader's language
# only, and crm-undo's refusal names the record and the change in words
# (сделка 1: смена этапа), so neither is exempt.
cat > "$T/allowed" <<'EOF'
CRM
KPI
INN
TSV
JSON
Lines
CSV
iCalendar
Excel
sendmail
ssh
add
list
set
reset
kinds
kind
days
day
import
zone
calendar
load
title
rebuild
history
rename
deactivate
record
off
work
team
manager
head
director
admin
client
deal
time
note
task
doc
person
rule
EOF
dbq "SELECT login FROM person" >> "$T/allowed"
printf '%s\n' $TOOLS | sed 's/[.[\*^$]/\\&/g' > "$T/tools"

# latin FILE: the Latin words of FILE that nothing allows, one a line.
latin() {
	sed -E 's/«[^»]*»//g; s/[^ ]+@[^ ]+//g; s|[^ ]*/[^ ]*||g' "$1" |
	    sed -E 's/[a-z-]+\([1-9]\)//g; s/[A-Z_]+=[^ ]*//g' |
	    sed -E "s/(^|[^A-Za-z-])($(paste -sd'|' "$T/tools"))/\1 /g" |
	    sed -E 's/(^|[ [|(])-[A-Za-z]+/\1/g' |
	    grep -oE '[A-Za-z][A-Za-z]+' | sort -u | grep -vxiF -f "$T/allowed"
}

# nolatin FILE WHAT: no Latin word in FILE; the lines with one shown.
nolatin() {
	_w=$(latin "$1")
	is "$_w" "" "no Latin word in $2"
	[ -z "$_w" ] || grep -wF "$_w" "$1" | sed 's/^/# /'
}

# --help and a usage error of every tool.
: > "$T/help"
for t in $TOOLS; do
	CRM_USER=ivanov $t --help >> "$T/help" 2>&1
	CRM_USER=ivanov $t -Z >> "$T/help" 2>&1
	is "$?" 2 "$t -Z: exit 2 under a Russian locale"
done
like "$(cat "$T/help")" '^вызов: task-today \[-aHijpt\] \[-d дата\]' \
    "the usage is Russian"
like "$(cat "$T/help")" '^  -u логин +человек, по логину' \
    "--help's options are Russian, aligned"
like "$(cat "$T/help")" '^См\. task-add\(1\) и crm\(7\)\.$' "and its last line"
nolatin "$T/help" "--help and the usage errors"

# The refusals: tests/15-exit.t's table, every tool, run in Russian.
: > "$T/refusals"
n=0
sed -n "/<<'EOF2'/,/^EOF2/p" "$TOP/tests/15-exit.t" | sed '1d;$d' |
    while IFS='|' read -r who st pat cmd; do
	case $who in ''|'#'*) continue;; esac
	CRM_USER=$who sh -c "$cmd" < /dev/null > /dev/null 2>> "$T/refusals"
done
[ "$(wc -l < "$T/refusals")" -gt 60 ]
ok $? "the refusals: $(wc -l < "$T/refusals") lines"
like "$(cat "$T/refusals")" '^task-done: нет задачи «999»$' \
    "a refusal from the library"
like "$(cat "$T/refusals")" '^crm-user: нужна роль: -g роль$' \
    "a refusal from the tool"
nolatin "$T/refusals" "the refusals"

# The tools' summaries: task-today's in Russian's plural forms.
dbq "DELETE FROM task"
for n in 1 2 5 11 21 22 25; do
	dbq "DELETE FROM task"
	i=0
	while [ $i -lt $n ]; do
		CRM_USER=ivanov task-add -d 2026-11-20 "Позвонить $i" \
		    > /dev/null
		i=$((i + 1))
	done
	CRM_USER=ivanov task-today -p > "$T/sum$n"
	printf '%s\n' "$(tail -1 "$T/sum$n")" >> "$T/sums"
done
is "$(cat "$T/sums")" \
"1 задача просрочена, на чт 26.11.2026 ничего не запланировано
2 задачи просрочены, на чт 26.11.2026 ничего не запланировано
5 задач просрочено, на чт 26.11.2026 ничего не запланировано
11 задач просрочено, на чт 26.11.2026 ничего не запланировано
21 задача просрочена, на чт 26.11.2026 ничего не запланировано
22 задачи просрочены, на чт 26.11.2026 ничего не запланировано
25 задач просрочено, на чт 26.11.2026 ничего не запланировано" \
    "task-today: the summary in the three plural forms"
CRM_USER=ivanov task-add -d 2026-11-26 'Сегодня' > /dev/null
like "$(CRM_USER=ivanov task-today -p)" '^пт 20\.11\.2026, просрочено, опоздание 6$' \
    "task-today: the heading of the overdue, with their day"
like "$(CRM_USER=ivanov task-today -p)" '^чт 26\.11\.2026, сегодня$' \
    "task-today: the heading of the day"
like "$(CRM_USER=ivanov task-today -p | tail -1)" \
    '^25 задач просрочено, на сегодня: 1, выполнено: 0$' \
    "task-today: the summary of a day with work"
like "$(CRM_USER=petrova plan-check -p -d 2026-11-27 -u smirnova)" \
    'пт 27\.11\.2026: 1 находка у менеджеров: 1$' "plan-check: the summary"

# The question before closing several, answered in Russian.
out=$(printf 'да\n' | CRM_USER=ivanov script -eqc \
    "task-today -t | head -3 | task-done" /dev/null)
like "$out" 'закрыть эти 3 задачи\? \[д/Н\]' "task-done asks in Russian"
is "$(CRM_USER=ivanov task-today -t | cut -f5 | grep -c done)" 3 \
    "and да is yes"

# The same under LANG=C and C.UTF-8: English, as the other tests hold it.
is "$(LANG=C CRM_USER=ivanov task-done 999 2>&1)" \
    "task-done: no such task '999'" "LANG=C: English"
like "$(LANG=C.UTF-8 task-today --help)" '^See task-today\(1\) and crm' \
    "C.UTF-8: --help in English"
like "$(LANG=C CRM_USER=ivanov task-today -p | tail -1)" \
    '^22 overdue, 1 today, 3 done$' "LANG=C: the summary in English"
like "$(CRM_USER=ivanov crm-undo -v 2>&1)" \
    '^crm-undo: команда [0-9]+ отменена$' "crm-undo -v"
# TSV stays codes under a Russian locale.
like "$(CRM_USER=ivanov task-today -t -H | head -1)" '^id	' \
    "the -H header stays a code"

# The demo, what it prints itself and what the tools print in it.
if [ "$(id -u)" -eq 0 ]; then
	sh "$TOP/tests/demo.sh" "$T/demo.db" "${CRM_NOW%% *}" \
	    > "$T/demo.out" 2>&1
	ok $? "the demo runs under LANG=ru_RU.UTF-8"
	CRM_DB=$T/demo.db
	dbq "SELECT login FROM person" >> "$T/allowed"
	# The audit line is for crm-verify, a machine's.
	grep -Ev '^audit: [0-9]+ [0-9a-f]+$' "$T/demo.out" > "$T/demo.txt"
	nolatin "$T/demo.txt" "the demo"
fi

# The Russian manual pages, installed where man(1) looks under a
# Russian locale: share/man/ru.
make -s -C "$TOP" install-man DESTDIR="$T/root" PREFIX=/usr > /dev/null
ok $? "make install-man"
# Installed as man(7) with Russian headings, as Russian pages in Debian
# have them (man/ru-man.sh): each lint-clean, ИМЯ first, no heading with
# a Latin letter.
for p in $(cd "$TOP/man/ru" && ls *.1 *.7 2>/dev/null); do
	s=${p##*.}
	i=$T/root/usr/share/man/ru/man$s/$p
	mandoc -Tlint -Wwarning -man "$i" > "$T/lint" 2>&1
	ok $? "installed: share/man/ru/man$s/$p, lint-clean"
	sed 's/^/# /' "$T/lint"
	is "$(sed -n 's/^\.SH //p' "$i" | tr -d '"' | head -1)" "ИМЯ" \
	    "$p: the name section is ИМЯ"
	is "$(sed -n 's/^\.SH //p' "$i" | grep '[A-Za-z]')" "" \
	    "$p: every heading Russian"
done
if command -v man > /dev/null; then
	# mandb(8) (through lexgrog(1)) reads the name section under its
	# Russian heading: whatis and apropos find the page and its line.
	M=$T/root/usr/share/man
	$UNFAKE mandb -u -q "$M" > "$T/mandb.err" 2>&1
	ok $? "mandb indexes the installed pages"
	sed 's/^/# /' "$T/mandb.err"
	is "$(MANPATH=$M $UNFAKE whatis -L ru task-today 2>&1)" \
	    "task-today (1)       - утренний вид: задачи на день" \
	    "whatis -L ru task-today: the Russian name line"
	like "$(MANPATH=$M $UNFAKE apropos -L ru 'задачи на день' 2>&1)" \
	    '^task-today \(1\) +- утренний вид' "apropos finds it by its words"
	is "$(MANPATH=$M $UNFAKE whatis -l -s 7 -L ru crm 2>&1)" \
	    "$(sed -n 's/^\.Nd /crm (7)              - /p' "$TOP/man/ru/crm.7")" \
	    "whatis -L ru crm: the overview's line"
	page=$(MANPATH=$M MANPAGER=cat MANWIDTH=80 $UNFAKE man -L ru \
	    task-today 2> /dev/null)
	like "$page" '^ИМЯ$' "man -L ru task-today: ИМЯ"
	like "$page" '^СИНТАКСИС$' "СИНТАКСИС"
	like "$page" '^ОПИСАНИЕ$' "ОПИСАНИЕ"
	like "$page" 'Пользовательские команды' "the header line in Russian"
	# man-db looks in MANPATH's ru/ (not -M's) for a Russian locale.
	# (man-db becomes its own user: without the moved clock's library)
	page=$(MANPATH=$T/root/usr/share/man MANPAGER=cat MANWIDTH=80 \
	    $UNFAKE man task-today 2> /dev/null)
	like "$page" 'утренний вид' "man task-today under ru_RU.UTF-8: Russian"
	page=$(LANG=C MANPATH=$T/root/usr/share/man MANPAGER=cat \
	    MANWIDTH=80 $UNFAKE man task-today 2> /dev/null)
	like "$page" 'the morning view' "and under LANG=C: English"
else
	like "$(mandoc -Tutf8 "$T/root/usr/share/man/ru/man1/task-today.1")" \
	    'утренний вид' "mandoc renders the installed Russian page"
fi

done_testing
