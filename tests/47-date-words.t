#!/bin/sh
# One grammar for every date a person types (task-add(1) DATES AND
# TIMES): the same words mean the same day in every tool that takes a
# date, as an option's value or as operands ("task-move 7 15 декабря",
# "task-return -r … 7 завтра 10:00"); a tool that keeps a time takes the
# one said with the date, a tool that keeps none refuses it.  The days
# are computed here from the pinned clock (a Thursday).
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
today=${CRM_NOW%% *}
# dec15: the next 15 December from today; fri: the next Friday, never
# today (crm_date_parse); tomorrow.
y=$(date -d "$today" +%Y)
[ "$y-12-15" \< "$today" ] && y=$((y + 1))
dec15=$y-12-15
d=$(date -d "$today +1 day" +%F)
while [ "$(date -d "$d" +%u)" != 5 ]; do d=$(date -d "$d +1 day" +%F); done
fri=$d
tomorrow=$(date -d "$today +1 day" +%F)

# PHRASE|WORDS AS OPERANDS|DAY|TIME: each phrase, its day and time.
phrases="15 декабря|$dec15|
завтра 10:00|$tomorrow|10:00
пт|$fri|"

due() { q "SELECT due_date || '|' || coalesce(due_time, '') FROM task
    WHERE id = $1"; }
printf '%s\n' "$phrases" > "$T/phrases"
while IFS='|' read -r p day tm; do
	# task-add -d: the option's value.
	run ivanov task-add -d "$p" Звонок
	is "$rc|$(due "$out")" "0|$day|$tm" "task-add -d '$p': $day $tm"
	id=$(CRM_USER=ivanov task-add -d 2027-02-01 Задача)
	# task-move: the words as operands, one a word.
	run ivanov task-move "$id" $p
	is "$rc|$(due "$id")" "0|$day|$tm" "task-move ID $p: $day $tm"
	# task-done -D: the follow-up's date.
	CRM_USER=ivanov task-move "$id" 2027-02-01 -
	run ivanov task-done -r "Договорились о встрече" -N Следующая -D "$p" \
	    "$id"
	is "$rc|$(due "$out")" "0|$day|$tm" "task-done -D '$p': $day $tm"
	# task-return: the head's words as operands, as task-move's.
	run petrova task-return -r 'нет суммы' "$id" $p
	is "$rc|$(due "$id")" "0|$day|$tm" "task-return -r … ID $p: $day $tm"
	# and as one operand
	CRM_USER=ivanov task-done -r "Договорились снова" "$id"
	run petrova task-return -r 'нет суммы' "$id" "$p"
	is "$rc|$(due "$id")" "0|$day|$tm" "task-return -r … ID '$p': $day $tm"
done < "$T/phrases"
# The id before a day number is still an id: "task-move 3 15 декабря".
id=$(CRM_USER=ivanov task-add -d 2027-02-01 Задача)
run ivanov task-move "$id" 15 декабря 11:30
is "$rc|$(due "$id")" "0|$dec15|11:30" "task-move ID 15 декабря 11:30"
fails petrova 2 "^task-return: invalid date 'когда-нибудь': try " \
    "task-return: words that are no date refused, with the forms" \
    task-return -r 'нет суммы' "$id" когда-нибудь

# The tools that keep a day and no time: the day the same words say.
# Dates of record may not be in the future: the refusal names the day
# read.
CRM_USER=ivanov client-add 'ООО Ромашка' >/dev/null
for p in "15 декабря" пт; do
	[ "$p" = пт ] && day=$fri || day=$dec15
	run ivanov deal-add -d "$p" Ромашка "Сделка $p"
	is "$rc|$(q "SELECT close_date FROM deal WHERE id = $out")" "0|$day" \
	    "deal-add -d '$p': closes $day"
	did=$out
	run ivanov doc-add -k invoice -D "$p" "$did" "С-$day" 1000
	is "$rc|$(q "SELECT due_date FROM doc WHERE id = $out")" "0|$day" \
	    "doc-add -D '$p': due $day"
	fails ivanov 1 "^doc-add: invalid date '$day': in the future" \
	    "doc-add -d '$p': $day, in the future" \
	    doc-add -k invoice -d "$p" "$did" "Д-$day" 1000
	run root crm-rules day "$p" off
	is "$rc|$(CRM_USER=root crm-rules days -t "$day..$day" | cut -f1,3)" \
	    "0|$day	0" "crm-rules day '$p' off: $day"
	CRM_USER=root crm-rules day "$p" reset
	for t in "task-today -t -d" "plan-check -t -d" "task-list -t -d" \
	    "kpi-report -t -d"; do
		run ivanov $t "$p"
		ok "$([ "$rc" -le 1 ] && [ -z "$errout" ]; echo $?)" \
		    "${t%% -*} -d '$p' read"
	done
done
# A time where no time is kept is no date.
for t in "task-today -d" "plan-check -d" "crm-digest -d"; do
	fails ivanov 2 "^${t%% *}: invalid date 'завтра 10:00': try " \
	    "${t%% *}: a time with the day refused" $t 'завтра 10:00'
done

done_testing
