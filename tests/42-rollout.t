#!/bin/sh
# crm-control: the rollout schedule, the draw, recording controls and
# the record of them.  Launch Monday 2026-11-02; today 2026-11-26.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=root crm-user add -g manager -h petrova m3 'Морозов' &&
CRM_USER=root crm-user add -g manager -h petrova m4 'Михайлова'
ok $? "department added, four managers in Петрова's team"

# logins KIND DAY [AS]: the logins due of a kind on a day.
logins() {
	CRM_USER=${3:-root} crm-control -d "$2" |
	    awk -F '\t' -v k="$1" '$2 == k { print $3 "@" $4 }' | tr '\n' ' '
}

# No launch date: the steady regime, weekly on Mondays.
run root crm-control
is "$rc.$(printf '%s\n' "$out" | cut -f1,2,6 | sort -u)" \
    "0.2026-11-23	steady	missed" \
    "no launch: nothing due on a Thursday; Monday's team checks missed"
is "$(logins steady 2026-11-30)" "@petrova @sidorov " \
    "no launch: a steady check of each team on Monday"

run root crm-rules set rollout.launch 2026-11-02
run root crm-rules day 2026-11-04 off 'День народного единства'
is "$(CRM_USER=root crm-control -d 2026-11-01)" "" "nothing before the launch"

# Week 1: every manager, every working day.
run root crm-control -d 2026-11-02
is "$out" "2026-11-02	daily	ivanov	petrova	0	missed
2026-11-02	daily	m3	petrova	0	missed
2026-11-02	daily	m4	petrova	0	missed
2026-11-02	daily	smirnova	petrova	0	missed
2026-11-02	daily	kozlov	sidorov	0	missed" \
    "week 1: a daily check of each manager; none held, so missed"
is "$(logins daily 2026-11-06 | wc -w)" 5 "week 1: Friday too"
is "$(CRM_USER=root crm-control -d 2026-11-04)" "" "week 1: not on a holiday"
is "$(CRM_USER=root crm-control -d 2026-11-07)" "" "week 1: not on Saturday"
run root crm-rules day 2026-11-07 work
is "$(logins daily 2026-11-07 | wc -w)" 5 "week 1: a working Saturday"
run root crm-rules day 2026-11-07 reset

# Weeks 2-4: a team check on the first working day, plus spot checks.
w2=$(logins spot 2026-11-09)
w3=$(logins spot 2026-11-16)
w4=$(logins spot 2026-11-23)
is "$(logins weekly 2026-11-09)" "@petrova @sidorov " "week 2: each team"
is "$(printf '%s\n' $w2 | grep -c @petrova)" 2 "week 2: two of Петрова's"
is "$(printf '%s\n' $w2 | grep -c @sidorov)" 1 "week 2: Сидоров's only one"
is "$(CRM_USER=root crm-control -d 2026-11-10)" "" "week 2: nothing on Tuesday"
is "$(logins spot 2026-11-09)" "$w2" "the draw is reproducible"
is "$(logins spot 2026-11-09 petrova)" \
    "$(printf '%s\n' $w2 | grep @petrova | tr '\n' ' ')" \
    "a head gets the same draw for their team"
ok "$([ "$w2" != "$w3" ] && [ "$w3" != "$w4" ]; echo $?)" \
    "not the same people two weeks running"
is "$(printf '%s\n' $w2 $w3 | grep @petrova | sort -u | wc -l)" 4 \
    "everyone of the team drawn once in weeks 2 and 3"
run root crm-rules day 2026-11-16 off
is "$(logins weekly 2026-11-17)" "@petrova @sidorov " \
    "a holiday Monday moves the weekly check to Tuesday"
is "$(logins spot 2026-11-17)" "$w3" "and the same people are drawn"
run root crm-rules day 2026-11-16 reset
run root crm-rules set rollout.spot 3
is "$(printf '%s\n' $(logins spot 2026-11-09) | grep -c @petrova)" 3 \
    "rollout.spot sets the sample"
run root crm-rules reset rollout.spot

# After week 4: the steady regime.
is "$(logins steady 2026-11-30)" "@petrova @sidorov " "steady: weekly"
is "$(CRM_USER=root crm-control -d 2026-12-01)" "" "steady: not on Tuesday"
run root crm-rules set rollout.steady daily
is "$(logins steady 2026-12-01)" "@petrova @sidorov " "steady: daily"
run root crm-rules set rollout.steady none
is "$(CRM_USER=root crm-control -d 2026-11-30)" "" "steady: none"
run root crm-rules reset rollout.steady

# Who sees what.
is "$(logins daily 2026-11-02 ivanov)" "ivanov@petrova " \
    "a manager sees their own checks"
is "$(logins weekly 2026-11-09 ivanov)" "" "and not the team's"
is "$(logins daily 2026-11-02 sidorov)" "kozlov@sidorov " \
    "a head sees their team's"

# Recording a control: kind from the week, findings from plan-check.
dbq "INSERT INTO task (assignee_id, author_id, kind, title,
    note, due_date, first_due, created_at) SELECT id, id, 'call', 'Звонок',
    'asdf', '2026-11-02', '2026-11-02', '2026-11-01' FROM person
    WHERE login = 'ivanov'"
want=$(CRM_USER=petrova plan-check -u ivanov -d 2026-11-02 | wc -l)
run petrova crm-control record -d 2026-11-02 ivanov
is "$rc.$out" "0." "record a check, silently"
is "$(dbq "SELECT kind, findings FROM control")" \
    "daily|$want" "week 1: daily, findings counted by plan-check"
is "$(logins daily 2026-11-02 petrova | wc -w)" 4 "still four due"
is "$(CRM_USER=petrova crm-control -d 2026-11-02 | grep ivanov | cut -f5,6)" \
    "1	done" "and ivanov's is done"
run petrova crm-control record -d 2026-11-09 -n 'план в порядке' team
want=$(CRM_USER=petrova plan-check -a -d 2026-11-09 | wc -l)
is "$(dbq "SELECT kind || ' ' || findings || ' ' || note FROM control WHERE id = 2")" \
    "weekly $want план в порядке" "weeks 2-4: a team check"
run petrova crm-control record -d 2026-11-09 -r 0 m3
is "$(dbq "SELECT kind || ' ' || findings FROM control WHERE id = 3")" \
    "spot 0" "weeks 2-4: a spot check, findings given"
run root crm-control record -d 2026-11-30 sidorov
is "$(dbq "SELECT kind FROM control WHERE id = 4")" \
    "steady" "an admin records a steady check of a team"
is "$(dbq "SELECT count(*) FROM audit WHERE entity = 'control'")" \
    4 "each control is audited"

fails ivanov 1 "only a head or an admin" "a manager records" \
    crm-control record ivanov
fails director 1 "only a head or an admin" "a director records" \
    crm-control record ivanov
fails petrova 1 "may not change the work of 'kozlov'" "another team" \
    crm-control record kozlov
fails petrova 1 "neither a manager nor a head" "the director" \
    crm-control record director
fails petrova 1 "nobody" "unknown person" crm-control record nobody
fails petrova 2 "usage" "no operand" crm-control record
fails petrova 2 "too many operands" "list takes no operand" crm-control list ivanov
fails petrova 2 "usage" "-n without -r" crm-control -n x
fails petrova 2 "invalid findings 'x'" "bad findings" \
    crm-control record -r x ivanov
fails petrova 2 "invalid date" "bad date" crm-control -d 2026-02-30

# The record of controls done.
run petrova crm-control list -t
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 3 " \
    "a head lists their team's controls"
run ivanov crm-control list -t
is "$(printf '%s\n' "$out" | cut -f1,3,4)" "1	daily	ivanov" \
    "a manager lists controls of themselves"
run director crm-control list -p
golden control-list.txt "$out"
run director crm-control list -t -d 2026-11-09
is "$(printf '%s\n' "$out" | wc -l)" 2 "-l with a period"

# The EXAMPLES of crm-control(1).
CRM_NOW="2026-11-09 09:00:00" run petrova crm-control -p
golden control-due.txt "$out"
CRM_NOW="2026-11-09 18:00:00" run petrova crm-control record -n 'ок' team
is "$rc" 0 "example: record the team check"
run petrova crm-control list -d 2026-11
is "$(printf '%s\n' "$out" | wc -l)" 4 "example: the month's record"

# Missed checks: in crm-control's view of today, the days of the week
# before, and in the head's digest; what is held is not missed.
CRM_NOW="2026-11-10 09:00:00" run petrova crm-control
spots=$(printf '%s\n' $w2 | grep @petrova | grep -v '^m3@' | sed 's/@.*//' |
    sort | tr '\n' ' ')
is "$rc.$(printf '%s\n' "$out" | cut -f1-3,6 | grep -v spot | tr '\t\n' ' |')" \
    "0.2026-11-03 daily ivanov missed|2026-11-03 daily m3 missed|2026-11-03 daily m4 missed|2026-11-03 daily smirnova missed|2026-11-05 daily ivanov missed|2026-11-05 daily m3 missed|2026-11-05 daily m4 missed|2026-11-05 daily smirnova missed|2026-11-06 daily ivanov missed|2026-11-06 daily m3 missed|2026-11-06 daily m4 missed|2026-11-06 daily smirnova missed|" \
    "crm-control: the week's missed checks before today's"
is "$(printf '%s\n' "$out" | awk -F '\t' '$2 == "spot" { print $3 "." $6 }' |
    sort | tr '\n' ' ')" "$(for m in $spots; do printf '%s.missed ' $m; done)" \
    "... the spot checks not held; the one held (m3's) and the team's not"
CRM_NOW="2026-11-10 09:00:00" run petrova crm-digest
like "$out" "Controls missed \(2\):
  2026-11-09, spot: " "the head's digest: the checks missed since the last"
CRM_NOW="2026-11-10 09:00:00" LC_ALL=ru_RU.UTF-8 CRM_USER=petrova \
    crm-digest > "$T/ru" 2>&1
like "$(cat "$T/ru")" "Пропущенные проверки \(2\):
  пн 09.11.2026, выборочно: " "... in Russian too"
CRM_NOW="2026-11-10 09:00:00" run kozlov crm-control -d 2026-11-09
is "$out" "2026-11-09	spot	kozlov	sidorov	0	missed" \
    "a manager sees his own spot check missed, not the team's"

# A spot check drawn for tomorrow is the head's to see, not the drawn
# manager's; on its day the manager sees it.
drawn=$(printf '%s\n' $w3 | grep @petrova | head -1 | sed 's/@.*//')
CRM_NOW="2026-11-15 09:00:00" run "$drawn" crm-control -p -d 2026-11-16
is "$rc.$(printf '%s\n' "$out" | grep -c spot)" "0.0" \
    "the drawn manager does not see tomorrow's spot check"
CRM_NOW="2026-11-15 09:00:00" run "$drawn" crm-control -t -d 2026-11-16
is "$out" "" "... nor in TSV"
CRM_NOW="2026-11-15 09:00:00" run petrova crm-control -t -d 2026-11-16
like "$out" "2026-11-16	spot	$drawn	petrova	0	due" \
    "the head sees it, due"
CRM_NOW="2026-11-16 09:00:00" run "$drawn" crm-control -t
like "$out" "2026-11-16	spot	$drawn	petrova	0	due" \
    "on its day, the manager sees it"

done_testing
