#!/bin/sh
# crm-export -x: the CSV Russian Excel opens (a BOM, ';', CRLF, a decimal
# comma), read by a reader that is not ours (Python's csv module, Excel
# dialect); crm-import recognises it by itself, also as Python's csv
# writes it; the round trip export -x -> import -> export gives the same
# data.
. "$(dirname "$0")/lib.sh"

department
PY=/usr/bin/python3
cat > "$T/clients.csv" <<'CSV'
name,inn,manager,phone,note
"ООО ""Ромашка""",7707083893,ivanov,+7 495 123-45-67,"первая строка;
вторая, с запятой"
ЗАО Лютик; филиал,,smirnova,,
CSV
CRM_USER=root crm-import -k clients "$T/clients.csv"
cat > "$T/deals.csv" <<'CSV'
client,title,amount,profit,stage,opened_at,closed_at
1,Станки,"1 234 567,89",200000.50,won,2025-01-10,2025-03-01
2,Лицензии,5000,,negotiation,2025-02-01,
CSV
CRM_USER=root crm-import -k deals "$T/deals.csv"
CRM_USER=ivanov task-add -c 1 -k call 'Позвонить; уточнить' > /dev/null

run root crm-export -x -k clients
is "$rc" 0 "crm-export -x"
CRM_USER=root crm-export -x -k clients > "$T/x.csv"
is "$(head -c 3 "$T/x.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" \
    "a UTF-8 byte-order mark first"
CR=$(printf '\r')
is "$(head -1 "$T/x.csv" | tail -c +4)" \
    "id;name;inn;phone;email;manager;note;created_at$CR" \
    "a header separated by ';', ended by CRLF"
is "$(grep -c "$CR\$" "$T/x.csv")" 3 \
    "the header and each record end in CRLF"

# rows KIND: each record as Python's csv reads the Excel form, one line
# of fields joined by |, and the RFC 4180 form the same way with its
# money turned to a decimal comma; the two must agree.
rows() {
	CRM_USER=root crm-export -x -k "$1" > "$T/$1.x"
	CRM_USER=root crm-export -k "$1" > "$T/$1.c"
	$PY -c '
import csv, sys
def load(path, **kw):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f, **kw))
x = load(sys.argv[1], dialect="excel", delimiter=";")
c = load(sys.argv[2], dialect="excel")
money = [i for i, n in enumerate(c[0]) if n in ("amount", "profit")]
for r in c[1:]:
    for i in money:
        r[i] = r[i].replace(".", ",")
print("same" if x == c else "differ: %r\n%r" % (x, c))
print(len(x) - 1)
for r in x[1:]:
    print("|".join(r).replace("\n", "\\n"))
' "$T/$1.x" "$T/$1.c"
}
out=$(rows clients)
is "$(printf '%s\n' "$out" | sed -n 1,2p | tr '\n' ' ')" "same 2 " \
    "clients: Python's Excel dialect reads the records crm-export writes"
like "$out" '^1\|ООО "Ромашка"\|7707083893\|\+7 495 123-45-67\|\|ivanov\|первая строка;\\nвторая, с запятой\|' \
    "a name with quotes, a note with ';' and a line break"
like "$out" '^2\|ЗАО Лютик; филиал\|' "a name with ';'"
out=$(rows deals)
is "$(printf '%s\n' "$out" | sed -n 1,2p | tr '\n' ' ')" "same 2 " \
    "deals: the same records"
like "$out" '^1\|ООО "Ромашка"\|Станки\|won\|1234567,89\|200000,50\|' \
    "money with a decimal comma"
out=$(rows tasks)
like "$out" '^same' "tasks: the same records"

# The round trip: export -x, import into a new database, export again.
CRM_USER=root crm-user add -f "$T/new.db" -g admin root 'Администратор'
for k in people clients deals docs tasks; do
	CRM_USER=root crm-export -x -k $k > "$T/$k.xl"
done
grep -v '^[0-9]*;root;' "$T/people.xl" > "$T/people-new.xl"
ok $? "the people but root"
CRM_USER=root crm-import -f "$T/new.db" -k people "$T/people-new.xl"
is "$?" 0 "crm-import reads the Excel form of people"
for k in clients deals docs tasks; do
	CRM_USER=root crm-import -f "$T/new.db" -k $k "$T/$k.xl"
	is "$?" 0 "crm-import reads the Excel form of $k"
done
for k in people clients deals docs tasks; do
	same "$(CRM_USER=root ran crm-export -f "$T/new.db" -k $k)" \
	    "$(CRM_USER=root ran crm-export -k $k)" "round trip: the same $k"
done

# What Excel itself writes (here Python's csv, Excel dialect, ';', BOM).
$PY -c '
import csv, sys
with open(sys.argv[1], "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, dialect="excel", delimiter=";")
    w.writerow(["name", "manager", "note"])
    w.writerow(["ИП \"Кавычкин\"; и сыновья", "kozlov", "a;b\nc"])
' "$T/py.csv"
run root crm-import -k clients "$T/py.csv"
is "$rc.$errout" "0." "crm-import reads Python's Excel-dialect file"
is "$(dbq "SELECT name || '|' || note FROM client
    WHERE id = 3")" 'ИП "Кавычкин"; и сыновья|a;b
c' "its fields as written"
printf 'client;title;amount\n1;Без BOM;12,5\n' > "$T/nobom.csv"
run root crm-import -k deals "$T/nobom.csv"
is "$rc.$(dbq "SELECT amount FROM deal WHERE title = 'Без BOM'")" \
    "0.1250" "a ';' header without a BOM, a decimal comma"
printf 'name,manager\nООО Точка;Запятая,kozlov\n' > "$T/comma.csv"
run root crm-import -k clients "$T/comma.csv"
is "$rc.$(dbq "SELECT count(*) FROM client
    WHERE name = 'ООО Точка;Запятая'")" "0.1" \
    "a ',' header: a ';' in a field is text"

# EXAMPLES from the manual.
run root crm-export -x -k clients
is "$rc" 0 "crm-export(1) example: for the head's spreadsheet"

done_testing
