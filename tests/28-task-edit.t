#!/bin/sh
# task-edit: each field corrected and logged before and after, by id and
# from a pipe, all or nothing, who may edit and who may give a task to
# another; the work of a person leaving goes to another in one pipe.
# deal-edit: a deal's title, amount, profit and close date corrected;
# doc-edit: a document's number, date and amount; client-merge: two
# records of one client made one, keeping every deal, task and entry.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@" >/dev/null; }
lastlog() {
	q "SELECT actor, action, detail FROM audit WHERE entity = 'task'
	    AND entity_id = $1 ORDER BY id DESC LIMIT 1"
}
CRM_USER=ivanov client-add 'ООО Ромашка' >/dev/null		# client 1
CRM_USER=ivanov client-add 'ЗАО Лютик' >/dev/null		# client 2
CRM_USER=ivanov deal-add 1 'Поставка' >/dev/null		# deal 1
CRM_USER=ivanov deal-add 2 'Лицензии' >/dev/null		# deal 2

add ivanov -d 2026-11-27 'Позвонить'				# 1
add ivanov -d 2026-11-27 -k call -c Ромашка -T 10:00 'Звонок'	# 2
add smirnova -d 2026-11-27 'Смирнова'				# 3
add kozlov -d 2026-11-27 'Козлов'				# 4
add ivanov -d 2026-11-20 'Старое'				# 5, overdue

run ivanov task-edit -k call -c Ромашка -n 'спросить про скидку' \
    -N 'Позвонить в Ромашку' -T 11:30 1
is "$rc$out$errout" 0 "the owner corrects a task, silently"
is "$(q 'SELECT kind, client_id, note, title, due_time, due_date, moves
    FROM task WHERE id = 1')" \
    "call|1|спросить про скидку|Позвонить в Ромашку|11:30|2026-11-27|0" \
    "every field changed; the due date and the moves stay"
is "$(lastlog 1)" 'ivanov|edit|{"title":["Позвонить","Позвонить в Ромашку"],"kind":["other","call"],"note":[null,"спросить про скидку"],"client":[null,"1"],"time":[null,"11:30"]}' \
    "logged with each field before and after"

run ivanov task-edit -l 2 2
is "$rc" 0 "a deal given alone"
is "$(q 'SELECT client_id, deal_id FROM task WHERE id = 2')" "2|2" \
    "the deal brings its client"
fails ivanov 1 "deal 2 is not with client 'Ромашка'" \
    "a deal of another client" task-edit -c Ромашка -l 2 2
fails ivanov 1 "task 2: deal 2 is not with that client" \
    "a client the kept deal is not with" task-edit -c Ромашка 2
run ivanov task-edit -c Ромашка -l - -T - -n - 2
is "$rc" 0 "'-' drops the deal, the time and the note"
is "$(q 'SELECT client_id, CAST(deal_id IS NULL AS INTEGER), CAST(due_time IS NULL AS INTEGER), CAST(note IS NULL AS INTEGER)
    FROM task WHERE id = 2')" "1|1|1|1" "dropped"

before=$(q 'SELECT count(*) FROM audit')
run ivanov task-edit -k call 2
is "$rc" 0 "an edit that changes nothing"
is "$(q 'SELECT count(*) FROM audit')" "$before" "is not logged"

fails ivanov 2 "usage" "nothing to change" task-edit 1
fails ivanov 1 "missing title" "an empty title" task-edit -N '' 1
fails ivanov 1 "kind" "an unknown kind" task-edit -k пирожок 1
fails ivanov 1 "no such task '99'" "unknown id, nothing changes" \
    task-edit -n x 1 99
fails ivanov 1 "$(hidden 3 "task 3: you may not change the work of 'smirnova'")" \
    "a colleague's task" task-edit -n x 3
fails petrova 1 "$(hidden 4 "task 4: you may not change the work of 'kozlov'")" \
    "another team's task" task-edit -n x 4
fails director 1 "director" "a director edits" task-edit -n x 1
fails ivanov 2 "invalid time '25:00'" "a bad time" task-edit -T 25:00 1
fails ivanov 1 "no such deal 'x'" "a bad deal" task-edit -l x 1

# Giving a task to another is the head's, within the team, open only.
fails ivanov 1 "task 1: giving a task to another is the head's" \
    "a manager reassigns" task-edit -u smirnova 1
fails petrova 1 "task 1: you may not change the work of 'kozlov'" \
    "a head gives to another team" task-edit -u kozlov 1
run petrova task-edit -u smirnova 1
is "$rc" 0 "the head gives a task to another manager of the team"
is "$(q 'SELECT p.login FROM task t JOIN person p ON p.id = t.assignee_id
    WHERE t.id = 1')" smirnova "reassigned"
is "$(lastlog 1)" 'petrova|edit|{"assignee":["ivanov","smirnova"]}' \
    "the reassignment logged"
CRM_USER=smirnova task-done 1
fails petrova 1 "task 1 is done: only open work" "a done task is not given" \
    task-edit -u ivanov 1
run petrova task-edit -n 'исправлено' 1
is "$rc" 0 "a done task's fields can still be corrected"

# From a pipe; all or nothing.
printf '2\tivanov\n5\n' >"$T/in"
run ivanov task-edit -n 'из трубы' <"$T/in"
is "$(dbjoin , "SELECT id FROM task WHERE note = 'из трубы'")" "2,5" \
    "ids from standard input"
printf '2\n3\n' >"$T/in"
fails ivanov 1 "$(hidden 3 "task 3")" "from a pipe, all or nothing" task-edit -n y <"$T/in"

# A person leaving: their open work, overdue included, to another; then
# deactivate.
run petrova sh -c 'task-list -u ivanov -s open | task-edit -u smirnova &&
    crm-user set ivanov active 0'
is "$rc" 0 "task-list -s open | task-edit -u, then deactivate"
is "$(q "SELECT count(*) FROM task WHERE assignee_id = 4
    AND state = 'open'")" 0 "ivanov has no open task left"
is "$(dbjoin , "SELECT id FROM task
    WHERE assignee_id = 5 AND state = 'open' ORDER BY id")" "2,3,5" "smirnova has them, the overdue one too"
fails petrova 1 "person 'ivanov' is deactivated" "not to a deactivated one" \
    task-edit -u ivanov 2

# deal-edit: each field, logged before and after; who may.
dlog() {
	q "SELECT actor, action, detail FROM audit WHERE entity = 'deal'
	    AND entity_id = 1 ORDER BY id DESC LIMIT 1"
}
run petrova deal-edit 1 amount '1 234 567,89'
is "$rc$out$errout" 0 "the head corrects a deal's amount, silently"
is "$(dlog)" 'petrova|update|{"amount":["0","123456789"]}' \
    "logged before and after, in kopecks"
run petrova deal-edit -- 1 profit -500
is "$(q 'SELECT profit FROM deal WHERE id = 1')" -50000 "a profit may be negative"
run petrova deal-edit 1 title 'Поставка, вторая очередь'
is "$(q 'SELECT title FROM deal WHERE id = 1')" 'Поставка, вторая очередь' \
    "the title"
run petrova deal-edit 1 close 25.12.2026
is "$(q 'SELECT close_date FROM deal WHERE id = 1')" 2026-12-25 \
    "the close date, as people type it"
run petrova deal-edit 1 close -
is "$(q 'SELECT CAST(close_date IS NULL AS INTEGER) FROM deal WHERE id = 1')" 1 "'-': none"
is "$(dlog)" 'petrova|update|{"close":["2026-12-25",null]}' "logged"
fails petrova 1 "invalid amount '-5'" "a negative amount" \
    deal-edit -- 1 amount -5
fails petrova 1 "unknown field 'stage'" "the stage is deal-stage's" \
    deal-edit 1 stage won
fails petrova 1 "invalid close date '31.02'" "a bad date" \
    deal-edit 1 close 31.02
fails smirnova 1 "no such deal '1'" "a colleague's deal is none of hers" \
    deal-edit 1 amount 5
fails petrova 1 "no such deal '9'" "an unknown deal" deal-edit 9 amount 5
fails petrova 2 "a field and a value are needed: 1 field value" "no value" \
    deal-edit 1 amount

# doc-edit: each field, logged; the number unique, the date not after
# the due or paid date.
CRM_USER=petrova doc-add -k invoice -D 2026-12-10 1 'С-1' 1000 >/dev/null
CRM_USER=petrova doc-add -k invoice 1 'С-2' 2000 >/dev/null
run petrova doc-edit 1 number 'С-1/А'
is "$rc$out$errout" 0 "the head corrects an invoice's number, silently"
is "$(q "SELECT actor, action, detail FROM audit WHERE entity = 'doc'
    AND entity_id = 1 ORDER BY id DESC LIMIT 1")" \
    'petrova|update|{"number":["С-1","С-1/А"]}' "logged before and after"
run petrova doc-edit 1 amount '1 500,50'
is "$(q 'SELECT amount FROM doc WHERE id = 1')" 150050 "the amount"
run petrova doc-edit 1 date 25.11.2026
is "$(q 'SELECT doc_date FROM doc WHERE id = 1')" 2026-11-25 "the date"
fails petrova 1 "number 'С-2' is taken" "a number taken" \
    doc-edit 1 number С-2
fails petrova 1 "invalid date '2026-12-11': after the document's due" \
    "a date after the due date" doc-edit 1 date 2026-12-11
fails petrova 1 "invalid amount '0'" "a zero amount" doc-edit 1 amount 0
fails petrova 1 "unknown field 'paid'" "paying is doc-pay's" \
    doc-edit 1 paid 2026-11-26
fails smirnova 1 "no such document '1'" "a colleague's document" \
    doc-edit 1 amount 5
fails petrova 1 "no such document '9'" "an unknown one" doc-edit 9 amount 5

# client-merge.  Client 3 is Ромашка again, with an INN and a phone, a
# deal and a task of its own.
CRM_USER=smirnova client-add -I 7707083893 -P '+7 495 1' 'Ромашка (дубль)' \
    >/dev/null
CRM_USER=smirnova deal-add 3 'Сервис' >/dev/null			# deal 3
CRM_USER=smirnova task-add -k call -c 3 -d 2026-11-30 'Звонок' >/dev/null
t3=$(q "SELECT max(id) FROM task")
entries=$(q "SELECT count(*) FROM audit WHERE entity = 'client'
    AND entity_id = 3")
CRM_USER=smirnova client-add 'Лютик' >/dev/null			# client 4
fails smirnova 1 "merging clients is for an admin or the managers' head" \
    "a manager merges, even her own clients" client-merge 3 4
fails kozlov 1 "no such client" "another team's clients" client-merge 1 3
fails petrova 1 "not merged with itself" "a client with itself" \
    client-merge 1 1
run petrova client-merge 1 3
is "$rc$out$errout" 0 "the head merges two clients of the team"
is "$(q "SELECT client_id FROM deal WHERE id = 3")|$(q "SELECT client_id
    FROM task WHERE id = $t3")" "1|1" "the deal and the task are the kept one's"
is "$(q 'SELECT inn, phone FROM client WHERE id = 1')" \
    "7707083893|+7 495 1" "the kept client takes the INN and phone it lacked"
is "$(q 'SELECT count(*) FROM client WHERE id = 3')" 0 "the duplicate goes"
is "$(q "SELECT count(*) FROM audit WHERE entity = 'client'
    AND entity_id = 3")" "$((entries + 1))" "its history stays, one entry more"
like "$(q "SELECT detail FROM audit WHERE entity = 'client' AND entity_id = 3
    AND action = 'merge'")" '"name":"Ромашка \(дубль\)","inn":"7707083893".*"into":1,"deals":1,"tasks":1' \
    "the log keeps the duplicate whole, and what moved"
run root crm-user add -g admin adm 'Админ'
run adm client-merge 1 2
is "$rc$(dbjoin , 'SELECT id FROM client ORDER BY id')" "01,4" \
    "an admin merges any two"

done_testing
