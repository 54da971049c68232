#!/bin/sh
# plan-check: every rule, holidays and working Saturdays, who is
# covered, the exit statuses.  Today is Thursday 2026-11-26.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"

# q TEXT: an SQL literal, NULL when empty.
q() {
	if [ -z "$1" ]; then
		printf 'NULL'
	else
		printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
	fi
}

# add_task LOGIN DUE KIND TITLE [NOTE [CLIENT [DEAL [TIME [STATE [RESULT]]]]]]
add_task() {
	dbq "INSERT INTO task (assignee_id, author_id, kind,
	    title, note, client_id, deal_id, due_date, due_time, first_due,
	    state, created_at, result) VALUES ((SELECT id FROM person WHERE
	    login = '$1'), (SELECT id FROM person WHERE login = '$1'),
	    '$3', $(q "$4"), $(q "$5"), $(q "$6"), $(q "$7"), '$2',
	    $(q "$8"), '$2', '${9:-open}', '2026-11-20 10:00:00',
	    $(q "${10}")) RETURNING id"
}

dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО Ромашка', 'ооо ромашка', '2026-11-01', 1);
    INSERT INTO deal (id, client_id, manager_id, title, stage_id,
    opened_at, created_by) VALUES (1, 1, 4, 'Поставка', 1, '2026-11-01', 1)"

# Nothing planned: the default day is the next working day, Friday.
run ivanov plan-check
is "$rc" 1 "nothing planned: exit 1"
is "$out" "ivanov	2026-11-27	empty		nothing planned on a working day, the plan needs 5" \
    "empty: the default day is tomorrow"
run ivanov plan-check -d today
like "$out" "^ivanov	2026-11-26	empty	" "-d today checks today"

# A good plan: five calls with clients and real notes.
for n in 'Перезвонить в пн' 'ok, договор у юриста' 'Уточнить объём' \
    'КП отправлено' 'ок'; do
	add_task ivanov 2026-11-27 call 'Позвонить в Ромашку' "$n" 1 >/dev/null
done
run ivanov plan-check
is "$rc.$out" "0." "a good plan: nothing found, exit 0"
run ivanov plan-check -p
is "$out" "2026-11-27: nothing found for 1 manager(s)" \
    "the readable view says so"

# thin: fewer tasks than plan.min, per person, per kind.
run root crm-rules set plan.min 6
run ivanov plan-check
is "$out" "ivanov	2026-11-27	thin		5 planned, the plan needs 6" "thin"
is "$(dbq "SELECT count(*) FROM task t JOIN person p ON p.id = t.assignee_id WHERE p.login = 'ivanov' AND due_date = '2026-11-27' AND state <> 'cancelled'")" \
    5 "thin: the count agrees with SQL"
run root crm-rules set plan.min@ivanov 5
run root crm-rules set plan.min.meeting 1
run ivanov plan-check
is "$out" "ivanov	2026-11-27	thin		meeting: 0 planned, the plan needs 1" \
    "thin: a per-kind minimum, with a per-person total"
run root crm-rules set plan.min.meeting@ivanov 0
run ivanov plan-check
is "$rc" 0 "a per-person per-kind override"
add_task ivanov 2026-11-27 call 'Звонок' 'Отменён' 1 '' '' cancelled \
    >/dev/null
run root crm-rules set plan.min@ivanov 6
run ivanov plan-check
is "$out" "ivanov	2026-11-27	thin		5 planned, the plan needs 6" \
    "cancelled tasks are not planned"
run root crm-rules reset plan.min@ivanov
run root crm-rules reset plan.min
run root crm-rules set plan.min.meeting 0

# field: required fields per kind.
run root crm-rules kind visit client time note
t1=$(add_task smirnova 2026-11-27 call 'Позвонить' 'Про оплату')
t2=$(add_task smirnova 2026-11-27 contract 'Договор' 'Согласовать' 1)
t3=$(add_task smirnova 2026-11-27 meeting 'Встреча' 'В офисе' 1)
t4=$(add_task smirnova 2026-11-27 visit 'Визит' '' 1 '' '10:00')
t5=$(add_task smirnova 2026-11-27 meeting 'Встреча 2' 'Обед' 1 '' '13:00')
t6=$(add_task smirnova 2026-11-27 contract 'Договор 2' 'Счёт' 1 1)
run petrova plan-check -u smirnova
is "$out" "smirnova	2026-11-27	field	$t1	call needs a client
smirnova	2026-11-27	field	$t2	contract needs a deal
smirnova	2026-11-27	field	$t3	meeting needs a time
smirnova	2026-11-27	field	$t4	visit needs a note" "field: one finding a field"
is "$rc" 1 "field: exit 1"

# junk: each rule on notes and results, Russian and English.
d=2026-12-01
for n in 'ааааа' 'asdf' 'фыва' 'йцукен' 'qwerty' '...' '???' '111' 'х' \
    'Позвонить Ромашке' 'Перезвонить в пн' 'ok, договор у юриста' 'ок' \
    'КП' 'Договорились на вторник' 'ООО' 'Call back on Monday'; do
	add_task kozlov $d call 'Позвонить Ромашке' "$n" 1 >/dev/null
done
add_task kozlov $d call 'Счёт' 'Выставить' 1 '' '' done 'ыыыыы' >/dev/null
add_task kozlov $d call 'Счёт' 'Выставить счёт' 1 '' '' done \
    'Оплатят в пятницу' >/dev/null
run sidorov plan-check -t -u kozlov -d $d
is "$(printf '%s\n' "$out" | cut -f3,5)" "junk	note (repeat): ааааа
junk	note (keyboard): asdf
junk	note (keyboard): фыва
junk	note (keyboard): йцукен
junk	note (keyboard): qwerty
junk	note (noletters): ...
junk	note (noletters): ???
junk	note (noletters): 111
junk	note (short): х
junk	note (title): Позвонить Ромашке
junk	result (repeat): ыыыыы" "junk: every rule, and real short comments pass"
golden plan-check-junk.tsv "$out"
run root crm-rules set junk.keyboard 0
run root crm-rules set junk.noletters 0
run sidorov plan-check -u kozlov -d $d
is "$(printf '%s\n' "$out" | grep -c 'keyboard\|noletters')" 0 \
    "junk: rules switched off"
like "$out" "note \(short\): \.\.\." "junk: '...' is still short"
run root crm-rules set junk.short 0
run root crm-rules set junk.title 0
run root crm-rules set junk.repeat 0
run sidorov plan-check -u kozlov -d $d
is "$rc.$out" "0." "junk: all switched off, nothing"
for k in keyboard noletters short title repeat; do
	CRM_USER=root crm-rules reset junk.$k
done

# paste: the same result in five tasks of a person within 30 days.
for d in 2026-10-20 2026-11-02 2026-11-10 2026-11-16; do
	add_task sidorov $d other 'Звонок' '' '' '' '' done 'Клиент думает.' \
	    >/dev/null
done
p1=$(add_task sidorov 2026-11-27 other 'Звонок' '' '' '' '' done \
    'клиент  ДУМАЕТ')
run sidorov plan-check
# sidorov is a head: his thin day is no finding (plan.heads is 0).
is "$out" "" "paste: four in the window are not yet five"
add_task sidorov 2026-11-21 email 'Письмо' 'Ждём' 1 '' '' done \
    'Клиент, думает!' >/dev/null
run sidorov plan-check
like "$out" "sidorov	2026-11-27	paste	$p1	result in 5 tasks since 2026-10-28: клиент  ДУМАЕТ" \
    "paste: five; case, spaces and punctuation do not matter"
# A note is the plan of a task, which a series copies into each
# occurrence: the same note is no pasted result, nor counts towards one.
add_task sidorov 2026-11-20 other 'Звонок' 'Клиент думает' >/dev/null
for d in 2026-11-23 2026-11-24 2026-11-25 2026-11-26 2026-11-27; do
	add_task sidorov $d other 'Обзвон' 'Звонить после обеда' >/dev/null
done
run sidorov plan-check
like "$out" "paste	$p1	result in 5 tasks since" \
    "paste: the same note does not count towards a result"
is "$(printf '%s\n' "$out" | grep -c paste)" 1 \
    "paste: a note in five tasks is not pasted"
add_task sidorov 2026-11-20 other 'Звонок' '' '' '' '' done 'Клиент думает' \
    >/dev/null
run sidorov plan-check
like "$out" "paste	$p1	result in 6 tasks since 2026-10-28" "paste: six"
add_task sidorov 2026-11-27 other 'Звонок' '' '' '' '' done \
    'Тоже о другом' >/dev/null
run sidorov plan-check
is "$(printf '%s\n' "$out" | grep -c paste)" 1 "paste: only the pasted one"
run root crm-rules set junk.paste.days 40
run sidorov plan-check
like "$out" "paste	$p1	result in 7 tasks since 2026-10-18" \
    "paste: a longer window"
run root crm-rules set junk.paste 0
run sidorov plan-check
is "$(printf '%s\n' "$out" | grep -c paste)" 0 "paste: switched off"

# overdue: open tasks due before the day, not done, moved or cancelled.
o1=$(add_task ivanov 2026-11-20 call 'Старый звонок' 'Договор' 1)
o2=$(add_task ivanov 2026-11-25 call 'Вчерашний' 'Счёт' 1)
add_task ivanov 2026-11-19 call 'Сделано' 'ок' 1 '' '' done 'ок' >/dev/null
add_task ivanov 2026-11-19 call 'Отменено' 'ок' 1 '' '' cancelled >/dev/null
run ivanov plan-check
is "$out" "ivanov	2026-11-27	overdue	$o1	due 2026-11-20: Старый звонок
ivanov	2026-11-27	overdue	$o2	due 2026-11-25: Вчерашний" "overdue"
dbq "UPDATE task SET due_date = '2026-11-30', moves = 1 WHERE id = $o2"
run ivanov plan-check
is "$(printf '%s\n' "$out" | grep -c overdue)" 1 "a moved task is not overdue"

# Days off: weekends, holidays, working Saturdays.
dbq "UPDATE task SET state = 'done' WHERE due_date = '2026-11-27'"
run ivanov plan-check -d 2026-11-28
is "$out" "ivanov	2026-11-28	overdue	$o1	due 2026-11-20: Старый звонок" \
    "a Saturday needs no plan; overdue still counts"
run root crm-rules day 2026-11-28 work 'перенос'
run ivanov plan-check -d 2026-11-28
like "$out" "ivanov	2026-11-28	empty	" "a working Saturday needs a plan"
run root crm-rules day 2026-11-27 off 'перенос'
run ivanov plan-check
like "$out" "^ivanov	2026-11-28	" "the next working day skips a holiday"
run root crm-rules day 2026-11-27 reset
run root crm-rules day 2026-11-28 reset
add_task smirnova 2026-11-29 call 'Воскресенье' 'asdf' 1 >/dev/null
run smirnova plan-check -d 2026-11-29
is "$(printf '%s\n' "$out" | cut -f3 | tr '\n' ' ')" "junk " \
    "a task planned on a Sunday is still checked"
printf '2026-12-31 off\n2027-01-01 off\n2027-01-04 off\n2027-01-05 off\n' |
    CRM_USER=root crm-rules import
CRM_NOW="2026-12-30 18:00:00" run ivanov plan-check -t
like "$out" "^ivanov	2027-01-06	empty	" "new year holidays are skipped"

# Who is covered.
run petrova plan-check -a -d 2026-11-30
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" \
    "ivanov smirnova " "-a: a head covers their managers"
run root plan-check -a -d 2026-11-30
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" \
    "ivanov kozlov smirnova " "-a: an admin covers every manager"
run ivanov plan-check -a -d 2026-11-30
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" \
    "ivanov " "-a: a manager covers themselves"
run director plan-check -j -u ivanov -d 2026-12-02
like "$out" '^\{"login":"ivanov","date":"2026-12-02","rule":"empty","task":null,' \
    "JSON Lines"

# Exit statuses: 2 when the check cannot run.
fails ivanov 2 "usage" "unknown option" plan-check -x
fails ivanov 2 "usage" "-a with -u" plan-check -a -u ivanov
fails ivanov 2 "usage" "an operand" plan-check ivanov
fails ivanov 2 "invalid date '2026-13-01'" "bad date" plan-check -d 2026-13-01
fails ivanov 2 "may not see the work of 'smirnova'" "another's plan" \
    plan-check -u smirnova
fails petrova 2 "may not see the work of 'kozlov'" "another team" \
    plan-check -u kozlov
fails ivanov 2 "nobody" "unknown person" plan-check -u nobody
fails nobody 2 "not a person" "a stranger" plan-check

# The EXAMPLES of plan-check(1).
run petrova plan-check -a -p -d 2026-11-30
golden plan-check-team.txt "$out"
is "$rc" 1 "example: the team view"
run petrova sh -c 'plan-check -a -d 2026-11-30 >/dev/null || echo mail'
is "$out" "mail" "example: plan-check -a || mail"
run ivanov plan-check -d today
is "$rc" 1 "example: -d today"

done_testing
