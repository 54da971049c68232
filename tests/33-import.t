#!/bin/sh
# crm-import and crm-export: RFC 4180 input, kept dates, one audit entry
# per record, each import error (line, column, value named; nothing
# written), who may import, and the round trip import -> export ->
# import -> export.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"
imp() {	# imp AS KIND CSV: import the CSV text (printf format)
	printf "$3" > "$T/in.csv"
	run "$1" crm-import -k "$2" "$T/in.csv"
}

# crm-import(1) EXAMPLES: quotes, a BOM, CRLF, kept dates.
printf '\357\273\277name,inn,manager,phone,created_at\r\n"ООО ""Ромашка""",7707083893,ivanov,+7 495 123-45-67,2024-03-01\r\nЗАО Лютик,,smirnova,,2024-05-17 10:30\r\n' \
    > "$T/clients.csv"
run root crm-import -v -k clients "$T/clients.csv"
is "$rc.$errout" "0.crm-import: 2 clients imported" \
    "crm-import(1) example: -v counts"
is "$(dbq 'SELECT id, name, inn, created_at FROM client')" \
    '1|ООО "Ромашка"|7707083893|2024-03-01 00:00:00
2|ЗАО Лютик||2024-05-17 10:30:00' "quotes, BOM, CRLF; dates kept"
run ivanov client-list ромашка
is "$(printf '%s\n' "$out" | cut -f1)" 1 "an imported client is found by name"
is "$(dbjoin '; ' "SELECT actor || ' ' || entity || ' '
    || entity_id || ' ' || action || ' ' || detail FROM audit
    WHERE action = 'import'")" \
    'root client 1 import {"line":2,"id":null,"name":"ООО \"Ромашка\"","inn":"7707083893","phone":"+7 495 123-45-67","email":null,"manager":"ivanov","note":null,"created_at":"2024-03-01"}; root client 2 import {"line":3,"id":null,"name":"ЗАО Лютик","inn":null,"phone":null,"email":null,"manager":"smirnova","note":null,"created_at":"2024-05-17 10:30"}' \
    "one audit entry per record: import, by whom, the line, the record"

imp root clients \
    'name,manager,note\nИП Сидоров,kozlov,"две строки,\r\nс запятой и ""кавычками"""\n'
is "$rc" 0 "a quoted field with a comma, quotes and a line break"
is "$(dbq 'SELECT note FROM client WHERE id = 3')" \
    'две строки,
с запятой и "кавычками"' "the line break is one newline"

cat > "$T/deals.csv" <<'CSV'
id,client,title,amount,profit,stage,opened_at,closed_at,lost_reason,close_date
10,7707083893,Станки,"1 234 567,89",200000.50,won,2025-01-10,2025-03-01 12:00,,2025-03-01
11,ЗАО Лютик,Лицензии,5000,,lost,2025-02-01,2025-02-20,дорого,
12,1,Сервис,100,,negotiation,2025-04-01 09:15:00,,,
CSV
run root crm-import -k deals "$T/deals.csv"
is "$rc" 0 "crm-import(1) example: deals"
is "$(dbq "SELECT d.id, d.client_id, p.login, d.amount,
    d.profit, s.name, d.opened_at, d.closed_at, d.lost_reason FROM deal d
    JOIN stage s ON s.id = d.stage_id JOIN person p ON p.id = d.manager_id")" \
    "10|1|ivanov|123456789|20000050|won|2025-01-10 00:00:00|2025-03-01 12:00:00|
11|2|smirnova|500000|0|lost|2025-02-01 00:00:00|2025-02-20 00:00:00|дорого
12|1|ivanov|10000|0|negotiation|2025-04-01 09:15:00||" \
    "deals with their ids, final stages and dates; client by INN, name, id"
is "$(dbq 'SELECT deal_id, to_stage, at FROM deal_stage_log')" \
    "10|5|2025-03-01 12:00:00
11|6|2025-02-20 00:00:00
12|2|2025-04-01 09:15:00" "the stage log starts at the imported stage"

imp root docs \
    'id,deal,kind,number,doc_date,amount,due_date,paid_date\n5,10,contract,Д-1,2025-01-20,1234567.89,,\n6,10,invoice,С-1,2025-02-01,1234567.89,2025-02-10,2025-02-09\n'
is "$rc" 0 "documents"
imp root tasks \
    'login,author,kind,title,client,deal,due_date,due_time,first_due,created_at,state,closed_at,result,cancel_reason\nivanov,petrova,call,Позвонить,,12,2025-04-02,10:30,2025-04-01,2025-04-01 09:00,done,2025-04-02 10:40,договорились,\nsmirnova,,meeting,Встреча,ЗАО Лютик,,2025-02-05,,,2025-02-01,cancelled,2025-02-04,,клиент отказался\nivanov,,call,Перезвонить,,12,2026-12-01,,,,,,,\n'
is "$rc" 0 "tasks with their history"
is "$(dbq "SELECT a.login, u.login, t.client_id, t.deal_id,
    t.due_date, t.due_time, t.first_due, t.created_at, t.state, t.closed_at,
    c.login, t.recorded_at, t.imported FROM task t JOIN person a ON
    a.id = t.assignee_id JOIN person u ON u.id = t.author_id LEFT JOIN
    person c ON c.id = t.closed_by ORDER BY t.id")" \
    "ivanov|petrova|1|12|2025-04-02|10:30|2025-04-01|2025-04-01 09:00:00|done|2025-04-02 10:40:00|ivanov|2026-11-26 09:00:00|1
smirnova|root|2||2025-02-05||2025-02-05|2025-02-01 00:00:00|cancelled|2025-02-04 00:00:00|smirnova|2026-11-26 09:00:00|1
ivanov|root|1|12|2026-12-01||2026-12-01|2026-11-26 09:00:00|open||||1" \
    "tasks keep created, due, first due and closed, recorded now; a deal brings its client"
is "$(dbq "SELECT coalesce(result, '-'), coalesce(cancel_reason, '-')
    FROM task ORDER BY id")" "договорились|-
-|клиент отказался
-|-" "a task's result and cancel reason stored as given"
run petrova deal-list -w
is "$(printf '%s\n' "$out" | cut -f1)" "" "deal 12 has an imported open task"

# Each error: the line, the column and the value; nothing written.
bad() {	# bad KIND PATTERN DESCRIPTION CSV: the CSV text (printf format)
	printf "$4" > "$T/bad.csv"
	fails root 1 "$2" "$3" crm-import -k "$1" "$T/bad.csv"
}
bad clients "^crm-import: line 3: column 'inn': invalid INN '7707083890'$" \
    "a wrong INN on line 3 (line 2 was good)" \
    'name,inn,manager\nА,,ivanov\nБ,7707083890,ivanov\n'
bad clients "line 2: column 'inn': a client already has INN '7707083893'" \
    "an INN used" \
    'name,inn,manager\nА,7707083893,ivanov\n'
bad clients "line 1: unknown column 'city'" "an unknown column" \
    'name,manager,city\nА,ivanov,Москва\n'
bad clients "line 1: column 'name' twice" "a column twice" \
    'name,manager,name\nА,ivanov,Б\n'
bad clients "line 1: missing column 'name'" "a missing column" \
    'inn,manager\n7707083893,ivanov\n'
bad clients "line 2: column 'name': missing value" "an empty required field" \
    'name,manager\n,ivanov\n'
bad clients "line 2: 3 fields, the header has 2" "too many fields" \
    'name,manager\nА,ivanov,лишнее\n'
bad clients "line 2: column 'manager': no such person 'nobody'" \
    "an unknown manager" \
    'name,manager\nА,nobody\n'
bad clients "line 2: column 'phone': invalid phone '12'" "a bad phone" \
    'name,manager,phone\nА,ivanov,12\n'
bad clients "line 2: column 'created_at': invalid time '2025-02-30'" \
    "a bad date" \
    'name,manager,created_at\nА,ivanov,2025-02-30\n'
bad clients "line 2: column 'id': id already used '1'" "an id used" \
    'id,name,manager\n1,А,ivanov\n'
bad clients "line 2: unterminated quote" "an unterminated quote" \
    'name,manager\n"А,ivanov\n'
bad deals "line 2: column 'amount': invalid amount '12.345'" "a bad amount" \
    'client,title,amount\n1,Х,12.345\n'
bad deals "line 2: column 'client': no such client 'Нет такого'" \
    "an unknown client" \
    'client,title\nНет такого,Х\n'
bad deals "line 2: column 'stage': no such stage 'closed'" "an unknown stage" \
    'client,title,stage\n1,Х,closed\n'
bad deals "line 2: column 'closed_at': a won or lost deal needs its closing time" \
    "won without closed_at" \
    'client,title,stage\n1,Х,won\n'
bad deals "line 2: column 'closed_at': an open deal has no closing time" \
    "an open deal closed" \
    'client,title,closed_at\n1,Х,2025-01-01\n'
bad deals "line 2: column 'closed_at': closed before it was opened" \
    "closed before opened" \
    'client,title,stage,opened_at,closed_at\n1,Х,won,2025-02-01,2025-01-01\n'
bad docs "line 2: column 'deal': no such deal '99'" "an unknown deal" \
    'deal,kind,number,doc_date,amount\n99,invoice,1,2025-01-01,10\n'
bad docs "line 2: column 'kind': invalid kind \(contract or invoice\) 'act'" \
    "an unknown kind" \
    'deal,kind,number,doc_date,amount\n10,act,1,2025-01-01,10\n'
bad docs "line 2: column 'number': invoice 'С-1' already exists" \
    "a number used" \
    'deal,kind,number,doc_date,amount\n10,invoice,С-1,2025-01-01,10\n'
bad docs "line 2: column 'due_date': a contract has no due date" \
    "a contract with a due date" \
    'deal,kind,number,doc_date,amount,due_date\n10,contract,Д-2,2025-01-01,10,2025-01-05\n'
bad docs "line 2: column 'paid_date': paid before the document's date: '2025-01-05'" \
    "paid before issued" \
    'deal,kind,number,doc_date,amount,paid_date\n10,invoice,С-2,2025-01-10,10,2025-01-05\n'
bad tasks "line 2: column 'state': invalid state \(open, done or cancelled\) 'closed'" \
    "a bad state" \
    'login,kind,title,due_date,state\nivanov,call,Х,2025-01-01,closed\n'
bad tasks "line 2: column 'kind': no such task kind 'visit'" "a bad kind" \
    'login,kind,title,due_date\nivanov,visit,Х,2025-01-01\n'
bad tasks "line 2: column 'due_time': invalid due time '25:00'" "a bad time" \
    'login,kind,title,due_date,due_time\nivanov,call,Х,2025-01-01,25:00\n'
bad tasks "line 2: column 'closed_at': a closed task needs its closing time" \
    "done without closed_at" \
    'login,kind,title,due_date,state\nivanov,call,Х,2025-01-01,done\n'
bad tasks "line 2: column 'deal': the deal is not with the task's client: '10'" \
    "a deal of another client" \
    'login,kind,title,due_date,client,deal\nivanov,call,Х,2025-01-01,2,10\n'
imp root tasks 'login,kind,title,due_date\n'
is "$rc" 0 "a header alone imports nothing, and is not an error"
fails root 1 "unknown kind 'orders'" "an unknown kind" \
    crm-import -k orders "$T/in.csv"
fails root 2 "usage" "no kind" crm-import "$T/in.csv"

# Who may import.
printf 'name,manager\nА,ivanov\n' > "$T/one.csv"
fails ivanov 1 "only an admin or a head imports" "a manager imports" \
    crm-import -k clients "$T/one.csv"
fails director 1 "only an admin or a head imports" "a director imports" \
    crm-import -k clients "$T/one.csv"
printf 'name,manager\nА,ivanov\nБ,kozlov\n' > "$T/two.csv"
fails petrova 1 "line 3: column 'manager': you may not change the work of 'kozlov'" \
    "a head imports for another team" crm-import -k clients "$T/two.csv"
run petrova crm-import -k clients "$T/one.csv"
is "$rc" 0 "a head imports for the team"
printf 'login,name,role\nvolkova,Волкова Мария,manager\n' > "$T/p.csv"
run petrova crm-import -k people "$T/p.csv"
is "$(dbq "SELECT h.login FROM person p JOIN person h
    ON h.id = p.head_id WHERE p.login = 'volkova'")" petrova \
    "a head imports a manager into the team"
printf 'login,name,role\nboss,Босс,head\n' > "$T/p.csv"
fails petrova 1 "line 2: column 'role': a head imports only managers of their team, not 'head'" \
    "a head imports a head" crm-import -k people "$T/p.csv"
printf 'login,name,role,head,email,active,created_at\nvolkov,Волков,manager,sidorov,v@example.ru,0,2020-01-01\nivanov,Иванов,manager,,,,\n' > "$T/p.csv"
fails root 1 "line 3: column 'login': person already exists 'ivanov'" \
    "a login used" crm-import -k people "$T/p.csv"

# crm-import(1) example of an error, line 17.
{ echo 'name,inn,manager'; i=2; while [ $i -lt 17 ]; do
    echo "Фирма $i,,ivanov"; i=$((i + 1)); done; echo 'Последняя,7707083890,ivanov'; } \
    > "$T/bad.csv"
fails root 1 "^crm-import: line 17: column 'inn': invalid INN '7707083890'$" \
    "crm-import(1) example: line 17" crm-import -k clients "$T/bad.csv"

# The round trip: export, import into a new database, export again.
cd "$T" || exit 1
for k in people clients deals docs tasks; do
	CRM_USER=root crm-export -k $k > $k.csv && [ -s $k.csv ]
	ok $? "crm-export -k $k: exit 0, not empty"
done
grep -v '^[0-9]*,root,' people.csv > people-new.csv
CRM_USER=root crm-user add -f new.db -g admin root 'Администратор'
run root crm-import -f new.db -k people people-new.csv
is "$rc.$errout" "0." "crm-export(1) example: people into a new database"
for k in clients deals docs tasks; do
	run root crm-import -f new.db -k $k $k.csv
	is "$rc.$errout" "0." "round trip: import $k"
	CRM_USER=root crm-export -f new.db -k $k > $k-2.csv &&
	    cmp -s $k.csv $k-2.csv
	ok $? "round trip: $k exported again are the same"
done
CRM_USER=root crm-export -f new.db -k people > people-2.csv &&
    cmp -s people.csv people-2.csv
ok $? "round trip: people the same"
is "$(wc -l < tasks.csv)" 4 "round trip: not empty"
is "$(dbq -f new.db "SELECT count(*) FROM audit WHERE action = 'import'")" \
    "$(dbq -f new.db "SELECT (SELECT count(*) - 1 FROM person) +
    (SELECT count(*) FROM client) + (SELECT count(*) FROM deal) +
    (SELECT count(*) FROM doc) + (SELECT count(*) FROM task)")" \
    "one audit entry per imported record"

# JSON Lines: the same keys; money in kopecks.
run root crm-export -j -k deals
is "$(printf '%s\n' "$out" | jq -s 'map(select(.stage == "won").amount) | add')" \
    "$(dbq "SELECT sum(amount) FROM deal WHERE stage_id = 5")" \
    "crm-export(1) example: won sum with jq"
is "$(printf '%s\n' "$out" | head -1 | jq -r 'keys_unsorted | join(",")')" \
    "$(head -1 deals.csv | tr -d '\r')" "JSON keys are the CSV columns"
run ivanov crm-export -k clients
is "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')" \
    "1 4 " "a manager exports only their own"

done_testing
