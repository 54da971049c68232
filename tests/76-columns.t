#!/bin/sh
# One table of columns per record (issue 13): each listing tool and
# crm-export write the same keys in the same order, in TSV headers, CSV
# and JSON; crm-import reads what crm-export writes, byte for byte on
# the way back, passes over the columns that are only written, and still
# reads the previous export format.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"
R=$(CRM_USER=ivanov client-add -I 7707083893 'ООО Ромашка')
D=$(CRM_USER=ivanov deal-add -A 1500 "$R" 'Поставка станков')
CRM_USER=ivanov doc-add -k invoice "$D" 'СЧ-1' 1500 > /dev/null
CRM_USER=ivanov task-add -c "$R" -l "$D" -d 2026-11-20 'Просроченный звонок' \
    > /dev/null
CRM_USER=ivanov task-add -d 2026-12-01 -R mon 'Планёрка' > /dev/null
ok $? "a client, a deal, an invoice, an overdue task and a series"

# header TOOL...: the -H header of a listing tool, comma-separated.
header() {
	CRM_USER=root ran "$@" -H -t | head -1 | tr '\t' ,
}
# export KIND: the header crm-export writes for KIND.
xhead() {
	CRM_USER=root ran crm-export -k "$1" | head -1 | tr -d '\r'
}
same "$(header crm-user list)" "$(xhead people)" \
    "people: crm-user list -H and crm-export, one header"
same "$(header client-list)" "$(xhead clients)" \
    "clients: client-list -H and crm-export, one header"
same "$(header deal-list -a)" "$(xhead deals)" \
    "deals: deal-list -H and crm-export, one header"
same "$(header doc-list)" "$(xhead docs)" \
    "docs: doc-list -H and crm-export, one header"
like "$(xhead tasks)," "^$(header task-list -a 2026-11-01 2026-12-31 |
    sed 's/,series,result,note,review$//')," \
    "tasks: crm-export begins with task-list -H's header, but series"
like "$(xhead tasks)," ",note,.*,result," \
    "tasks: crm-export has the result and the note the views end with"

# jkeys TOOL...: the keys of the first JSON line.
jkeys() {
	CRM_USER=root ran "$@" -j | head -1 | jq -r 'keys_unsorted | join(",")'
}
same "$(jkeys deal-list -a)" "$(jkeys crm-export -k deals)" \
    "deals: the same JSON keys in deal-list and crm-export"
same "$(jkeys doc-list)" "$(jkeys crm-export -k docs)" \
    "docs: the same JSON keys in doc-list and crm-export"
is "$(CRM_USER=root crm-export -j -k deals | jq -r '"\(.client_id) \(.client)"')" \
    "$R ООО Ромашка" "client_id is the id, client the name, in crm-export"
is "$(CRM_USER=root crm-export -j -k docs | jq -r '"\(.deal_id) \(.client) \(.manager)"')" \
    "$D ООО Ромашка ivanov" "a document: deal_id, the client's and manager's names"

is "$(CRM_USER=ivanov deal-stage history -j "$D" | head -1 | jq -r '.deal_id|type')" \
    number "deal-stage history: deal_id is the deal's id"
is "$(CRM_USER=root crm-log -j -k deal "$D" | head -1 | jq -r '.entity_id')" \
    "$D" "crm-log: entity_id is the record's id"

is "$(CRM_USER=root crm-rules kinds -H -t | head -1)" \
    "$(printf 'kind\tneed_client\tneed_deal\tneed_time\tneed_note')" \
    "crm-rules kinds: need_client, not client, for whether a kind needs one"

# The task as task-list says it, and as crm-export does.
run ivanov task-list -j -s overdue 2026-11-01 2026-11-30
tl=$(printf '%s\n' "$out" | jq -c '{id, state, late_days, client}')
run root crm-export -j -k tasks
is "$(printf '%s\n' "$out" | jq -c "select(.id == $(printf '%s' "$tl" | jq .id)) | {id, state, late_days, client}")" \
    "$tl" "an overdue task: the same state, late_days and client in both"
is "$(printf '%s\n' "$out" | jq -r 'has("series")' | sort -u)" false \
    "crm-export leaves out a task's series, which no import could make"

# The round trip, every kind, CSV and JSON: the same bytes back.
for k in people clients deals docs tasks; do
	CRM_USER=root crm-export -k $k > "$T/$k.csv"
done
grep -v '^[0-9]*,root,' "$T/people.csv" > "$T/p" && mv "$T/p" "$T/people.csv"
NEW="$T/new.db"
CRM_DB=$NEW CRM_USER=root crm-user add -g admin root 'Администратор'
for k in people clients deals docs tasks; do
	run root crm-import -f "$NEW" -k $k "$T/$k.csv"
	is "$rc.$errout" "0." "crm-import reads crm-export's $k"
done
for k in clients deals docs tasks; do
	same "$(CRM_DB=$NEW CRM_USER=root ran crm-export -k $k | md5sum)" \
	    "$(CRM_USER=root ran crm-export -k $k | md5sum)" \
	    "$k: export, import, export gives the same bytes"
	same "$(CRM_DB=$NEW CRM_USER=root ran crm-export -j -k $k | md5sum)" \
	    "$(CRM_USER=root ran crm-export -j -k $k | md5sum)" \
	    "$k: the same JSON"
done
is "$(dbq -f "$NEW" "SELECT state FROM task WHERE title = 'Просроченный звонок'")" \
    open "an overdue task comes back open"

# Written-only columns are passed over, whatever they say.
printf 'id,kind,number,doc_date,amount,deal_id,client,manager\n,contract,Д-9,2026-11-02,100,%s,Не тот клиент,nobody\n' \
    "$D" > "$T/in.csv"
run petrova crm-import -k docs "$T/in.csv"
is "$rc" 0 "docs: client and manager are passed over"
printf 'assignee,kind,title,due_date,late_days,series\nivanov,other,Новая,2026-12-02,99,7\n' \
    > "$T/in.csv"
run petrova crm-import -k tasks "$T/in.csv"
is "$rc.$(dbq "SELECT CAST(series_id IS NULL AS INTEGER) FROM task WHERE title = 'Новая'")" \
    "0.1" "tasks: late_days and series are passed over"
printf 'id,login,name,role\n77,sokolov,Соколов,manager\n' > "$T/in.csv"
run root crm-import -k people "$T/in.csv"
is "$rc.$(dbq "SELECT CAST(id <> 77 AS INTEGER) FROM person WHERE login = 'sokolov'")" \
    "0.1" "people: the id is passed over"

# client_id goes first; client alone, or client_id alone, will do.
L=$(CRM_USER=ivanov client-add 'ООО Лютик')
printf 'client,title,client_id\nООО Ромашка,По номеру,%s\n' "$L" > "$T/in.csv"
run petrova crm-import -k deals "$T/in.csv"
is "$rc.$(dbq "SELECT client_id FROM deal WHERE title = 'По номеру'")" \
    "0.$L" "deals: client_id before client"
printf 'client_id,title\n%s,Только номер\n' "$L" > "$T/in.csv"
run petrova crm-import -k deals "$T/in.csv"
is "$rc" 0 "deals: client_id alone is the client"
printf 'title\nНикакого клиента\n' > "$T/in.csv"
fails petrova 1 "line 1: missing column 'client' for deals" \
    "deals: neither client nor client_id" crm-import -k deals "$T/in.csv"
printf 'client,client_id,title\n,,Пусто\n' > "$T/in.csv"
fails petrova 1 "line 2: column 'client': missing value" \
    "deals: both empty" crm-import -k deals "$T/in.csv"

# The previous export format still imports, with its column names.
NEW2="$T/old.db"
CRM_DB=$NEW2 department
cat > "$T/deals-old.csv" <<CSV
id,client,manager,title,amount,profit,close_date,stage,opened_at,closed_at,lost_reason
1,$R,ivanov,Старая сделка,100.00,0.00,,negotiation,2026-11-01 10:00:00,,
CSV
cat > "$T/docs-old.csv" <<'CSV'
id,deal,kind,number,doc_date,amount,due_date,paid_date,created_at
1,1,invoice,С-1,2026-11-02,100.00,,,2026-11-02 10:00:00
CSV
cat > "$T/tasks-old.csv" <<'CSV'
id,login,author,kind,title,note,client,deal,due_date,due_time,first_due,created_at,state,closed_at,result,cancel_reason
1,ivanov,ivanov,call,Старая задача,,1,1,2026-11-03,,,2026-11-01 10:00:00,open,,,
CSV
CRM_DB=$NEW2 CRM_USER=ivanov client-add -I 7707083893 'ООО Ромашка' > /dev/null
for k in deals docs tasks; do
	run root crm-import -f "$NEW2" -k $k "$T/$k-old.csv"
	is "$rc.$errout" "0." "the previous format of $k imports"
done
is "$(dbq -f "$NEW2" "SELECT d.client_id, o.deal_id, t.client_id, t.deal_id,
    p.login FROM deal d, doc o, task t JOIN person p ON p.id = t.assignee_id")" \
    "1|1|1|1|ivanov" "its client, deal and login columns read as before"
printf 'login,kind,title,deal,due_date\nivanov,call,Ошибка,99,2026-12-02\n' \
    > "$T/in.csv"
fails root 1 "^crm-import: line 2: column 'deal': no such deal '99'\$" \
    "a message names the column as the file does" \
    crm-import -f "$NEW2" -k tasks "$T/in.csv"

# The limit of a column is its table's: a 201-byte name of a person.
L201=$(printf '%201s' '' | tr ' ' a)
printf 'login,name,role,head\nkuznetsov,%s,manager,petrova\n' "$L201" > "$T/in.csv"
fails root 1 "column 'name': invalid name 'a{40}[.]{3}': 201 bytes, at most 200" \
    "people: the name's limit" crm-import -k people "$T/in.csv"

done_testing
