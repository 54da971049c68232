#!/bin/sh
# task-add: one task, the batch from standard input, who may give whom
# work, kinds, dates, clients and deals.
. "$(dirname "$0")/lib.sh"

department
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО Ромашка', 'ооо ромашка', '$CRM_NOW', 2),
    (2, 'ИП Лютик', 'ип лютик', '$CRM_NOW', 2),
    (3, 'ООО Ромашка-Юг', 'ооо ромашка-юг', '$CRM_NOW', 2);
    INSERT INTO deal (id, client_id, manager_id, title, stage_id,
    opened_at, created_by) VALUES (7, 2, 4, 'Поставка', 1, '$CRM_NOW', 4)"
q() { dbq "$1"; }

run ivanov task-add -c 'ромашка-ю' -k call -T 10:00 -d tomorrow \
    Позвонить по договору
is "$rc" 0 "a manager adds a task"
is "$out" 1 "only the id is printed"
is "$(q 'SELECT assignee_id, author_id, kind, title, client_id, due_date,
    due_time, first_due, created_at, state FROM task WHERE id = 1')" \
    "4|4|call|Позвонить по договору|3|2026-11-27|10:00|2026-11-27|$CRM_NOW|open" \
    "the task as stored"
id=$(CRM_USER=ivanov task-add Подготовить отчёт)
is "$(q "SELECT kind, due_date, CAST(due_time IS NULL AS INTEGER) FROM task WHERE id = $id")" \
    "other|2026-11-26|1" "defaults: kind other, due today, no time"
run ivanov task-add -l 7 -k invoice -d пт 'Счёт'
is "$(q 'SELECT client_id, deal_id, due_date FROM task WHERE id = 3')" \
    "2|7|2026-11-27" "a deal brings its client; Russian weekday"
run ivanov task-add -d +2w -n 'заметка' 'Через две недели'
is "$(q 'SELECT due_date, note FROM task WHERE id = 4')" \
    "2026-12-10|заметка" "+2w and a note"

# Who may give whom work; the author is kept.
run petrova task-add -u smirnova -k meeting -c 2 -T 15:30 'Встреча с Лютиком'
is "$rc" 0 "a head gives a task to their manager"
is "$(q "SELECT assignee_id, author_id FROM task WHERE id = $out")" "5|2" \
    "the head is the author, the manager the assignee"
fails ivanov 1 "may not give tasks to 'smirnova'" "a manager to a colleague" \
    task-add -u smirnova X
fails petrova 1 "may not give tasks to 'kozlov'" "a head to another team" \
    task-add -u kozlov X
fails director 1 "director" "a director gives work" task-add -u ivanov X
fails ivanov 1 "no such person 'nobody'" "unknown assignee" \
    task-add -u nobody X
fails ivanov 1 "unknown kind 'visit': call, meeting, email, letter, contract, invoice, other" \
    "unknown kind names the known" task-add -k visit X
dbq "INSERT INTO task_kind (name, pos) VALUES ('visit', 8)"
run ivanov task-add -k visit 'Визит'
is "$rc" 0 "a kind the regulations add"

# Bad values.
fails ivanov 2 "invalid due date '2026-13-01'" "bad date" \
    task-add -d 2026-13-01 X
fails ivanov 2 "invalid time '25:00'" "bad time" task-add -T 25:00 X
fails ivanov 1 "no such client 'Нет такого'" "unknown client" \
    task-add -c 'Нет такого' X
fails ivanov 1 "several clients match 'ромаш': 1 ООО Ромашка, 3 ООО Ромашка-Юг" "ambiguous client" \
    task-add -c ромаш X
# A name as typed, legal form aside, beats a part of a longer name.
run ivanov task-add -c ромашка X
is "$rc.$(dbq "SELECT client_id FROM task WHERE id = ${out:-0}")" "0.1" \
    "-c ромашка: ООО Ромашка, beside ООО Ромашка-Юг"
fails ivanov 1 "no such deal '99'" "unknown deal" task-add -l 99 X
fails ivanov 1 "deal 7 is not with client '1'" "deal of another client" \
    task-add -l 7 -c 1 X
fails ivanov 1 "invalid title .*: 201 bytes, at most 200" "long title" \
    task-add "$(printf '%0201d' 0)"
fails ivanov 1 "invalid title" "control characters in a title" \
    task-add "$(printf 'a\033[31mb')"
fails ivanov 2 "usage" "no title on a terminal-less empty stdin" \
    task-add -R workday </dev/null

# The batch: one transaction, one id a line.
n0=$(q 'SELECT count(*) FROM task')
printf 'ivanov\t2026-11-30\t09:30\tcall\tПозвонить Лютику\tпро счёт\t2\n\ttomorrow\t\t\tСебе без логина\n\nsmirnova\t+1d\t\temail\tПисьмо\t\t2\n' \
    >"$T/batch"
run petrova task-add <"$T/batch"
is "$rc" 0 "batch added"
is "$(printf '%s\n' "$out" | tr '\n' ' ')" "$((n0 + 1)) $((n0 + 2)) $((n0 + 3)) " \
    "one id a line, in order"
is "$(q "SELECT p.login, t.due_date, coalesce(t.due_time, '-'), t.kind,
    t.title, coalesce(t.note, '-'), t.author_id FROM task t
    JOIN person p ON p.id = t.assignee_id WHERE t.id > $n0 ORDER BY t.id" |
    tr '\n' ';')" \
    "ivanov|2026-11-30|09:30|call|Позвонить Лютику|про счёт|2;petrova|2026-11-27|-|other|Себе без логина|-|2;smirnova|2026-11-27|-|email|Письмо|-|2;" \
    "batch fields stored; empty login is the actor"
printf 'ivanov\ttoday\t\tother\tOK\nivanov\t2026-02-30\t\tcall\tBad\n' >"$T/bad"
fails petrova 1 "^task-add: line 2: invalid due date '2026-02-30'$" \
    "bad date on line 2 adds nothing" task-add <"$T/bad"
printf 'ivanov\ttoday\t\tother\tOK\n\nkozlov\ttoday\t\tcall\tX\n' >"$T/bad"
fails petrova 1 "^task-add: line 3: you may not give tasks to 'kozlov'" \
    "another team on line 3 adds nothing" task-add <"$T/bad"
printf 'ivanov\ttoday\t9:5\tcall\tX\n' >"$T/bad"
fails petrova 1 "line 1: invalid time '9:5'" "bad time" task-add <"$T/bad"
printf 'ivanov\ttoday\t\tbogus\tX\n' >"$T/bad"
fails petrova 1 "line 1: unknown kind 'bogus'" "bad kind" task-add <"$T/bad"
printf 'ivanov\ttoday\t\tcall\n' >"$T/bad"
fails petrova 1 "line 1: missing title" "missing title" task-add <"$T/bad"
printf 'ivanov\ttoday\t\tcall\tX\tn\t\t\textra\n' >"$T/bad"
fails petrova 1 "line 1: too many fields" "extra field" task-add <"$T/bad"

# The client and deal columns, appended: the old six still work.
printf 'ivanov\ttoday\t\tcall\tС клиентом\t\tромашка-юг\nivanov\ttoday\t\tinvoice\tСчёт\t\t\t7\nivanov\ttoday\t\tother\tБез\n' >"$T/in"
run petrova task-add <"$T/in"
is "$rc" 0 "the batch with client and deal columns"
is "$(dbq "SELECT title, client_id,
    deal_id FROM task WHERE id IN ($(echo $out | tr ' ' ,))
    ORDER BY id" | tr '\n' ' ')" "С клиентом|3| Счёт|2|7 Без|| " \
    "the client by name, the deal bringing its client, old lines as before"
printf 'ivanov\ttoday\t\tcall\tX\t\tнет такого\n' >"$T/bad"
fails petrova 1 "line 1: no such client" "an unknown client" \
    task-add <"$T/bad"
printf 'ivanov\ttoday\t\tcall\tX\t\t\tx\n' >"$T/bad"
fails petrova 1 "line 1: no such deal 'x'" "a bad deal" task-add <"$T/bad"
# The deal by its title, as the library's one lookup finds it.
printf 'ivanov\ttoday\t\tinvoice\tПо названию\t\t\tпоставк\n' >"$T/in"
run petrova task-add <"$T/in"
is "$rc.$(q "SELECT client_id, deal_id FROM task WHERE id = ${out:-0}")" \
    "0.2|7" "the deal column: a part of the title, as crm_deal_find takes it"

# The log: one entry per task, owned by the assignee, naming the author.
is "$(q "SELECT a.actor, a.owner_id, a.action FROM audit a
    WHERE a.entity = 'task' AND a.entity_id = $((n0 + 1))")" \
    "petrova|4|create" "audit: actor, owner, action"
is "$(q "SELECT count(*) FROM audit WHERE entity = 'task'")" \
    "$(q 'SELECT count(*) FROM task')" "one audit entry per task"

# A large batch is one transaction and quick.
awk 'BEGIN { for (i = 0; i < 20000; i++)
    printf "%s\t2026-12-%02d\t10:00\tcall\tЗвонок %d\t\t2\n",
    (i % 2 ? "ivanov" : "smirnova"), i % 28 + 1, i }' >"$T/big"
run petrova task-add <"$T/big"
is "$(printf '%s\n' "$out" | wc -l)" 20000 "20000 tasks in one batch"

# EXAMPLES from the manual.
id=$(CRM_USER=ivanov task-add -c Лютик -k call -d tomorrow -T 11:00 \
    'Позвонить насчёт счёта')
like "$id" '^[0-9]+$' "example: id=\$(task-add ...)"
run petrova task-add -u smirnova -c Лютик -k meeting -d пт -T 15:00 \
    'Встреча в офисе'
is "$rc" 0 "example: a head plans for a manager"
printf 'ivanov\tmon\t10:00\tcall\tПозвонить Ромашке\t\tООО Ромашка\nsmirnova\t+1d\t\temail\tОтправить прайс\t\tЛютик\n' |
    CRM_USER=petrova task-add >"$T/ids"
is "$(wc -l <"$T/ids")" 2 "example: the batch"

done_testing
