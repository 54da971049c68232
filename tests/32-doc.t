#!/bin/sh
# doc-add, doc-list, doc-pay: each validation, documents follow their
# deal, payments once and not before the invoice, the audit events the
# KPI report counts, and the man pages' examples.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=ivanov client-add -I 7707083893 ООО «Ромашка» >/dev/null &&
CRM_USER=ivanov deal-add -A '1 234 567,89' ромашка Станки >/dev/null &&
CRM_USER=smirnova client-add ЗАО Лютик >/dev/null &&
CRM_USER=smirnova deal-add лютик Лицензии >/dev/null &&
CRM_USER=ivanov deal-add ромашка Проигранная >/dev/null &&
CRM_USER=ivanov deal-stage -r дорого 3 lost
ok $? "department, clients and deals added"

# doc-add(1) EXAMPLES.
run ivanov doc-add -k contract 1 Д-2026/117 '1 234 567,89'
is "$rc.$out" "0.1" "doc-add(1) example: a contract"
run ivanov doc-add -k invoice -D +5d 1 1045 617283.95
is "$rc.$out" "0.2" "doc-add(1) example: an invoice due in five days"
is "$(dbq 'SELECT kind, number, doc_date, amount, due_date,
    CAST(paid_date IS NULL AS INTEGER) FROM doc ORDER BY id')" \
    "contract|Д-2026/117|2026-11-26|123456789||1
invoice|1045|2026-11-26|61728395|2026-12-01|1" "stored as given, in kopecks"

fails ivanov 1 "contract 'Д-2026/117' already exists" "a number twice" \
    doc-add -k contract 1 Д-2026/117 10
fails ivanov 1 "invalid kind 'act'" "unknown kind" doc-add -k act 1 A-1 10
fails ivanov 2 "invalid amount '1,2,3'" "bad amount" \
    doc-add -k invoice 1 1046 1,2,3
fails ivanov 1 "invalid amount: not above zero" "zero amount" \
    doc-add -k invoice 1 1046 0
fails ivanov 2 "invalid date '2026-13-01'" "bad date" \
    doc-add -k invoice -d 2026-13-01 1 1046 10
fails ivanov 1 "invalid due date '2026-11-20': before" "due before the date" \
    doc-add -k invoice -D 2026-11-20 1 1046 10
fails ivanov 1 "a contract has no due or paid date" "a contract with a due date" \
    doc-add -k contract -D +5d 1 Д-2 10
fails ivanov 1 "missing number" "empty number" doc-add -k invoice 1 '' 10
fails ivanov 1 "no such deal '2'" "a colleague's deal" \
    doc-add -k invoice 2 1046 10
fails ivanov 1 "no such deal '99'" "no such deal" doc-add -k invoice 99 1046 10
fails ivanov 1 "deal 3 is lost" "a lost deal" doc-add -k invoice 3 1046 10
fails director 1 "director" "a director issues" doc-add -k invoice 1 1046 10
fails ivanov 2 "usage" "no kind" doc-add 1 1046 10
run petrova doc-add -k invoice -d 2026-11-20 -D 2026-11-25 2 С-7 500
is "$rc.$out" "0.3" "a head issues on a deal of the team"

# doc-pay.
fails ivanov 1 "document 1 is a contract: only an invoice is paid" \
    "a contract is not paid" doc-pay 1
fails ivanov 1 "invalid paid date '2026-11-25': before the invoice's date 2026-11-26" \
    "paid before the invoice" doc-pay -d 2026-11-25 2
fails ivanov 1 "no such document '3'" "a colleague's invoice" doc-pay 3
fails ivanov 1 "no such document '9'" "no such invoice" doc-pay 9
fails director 1 "director" "a director records a payment" doc-pay 2
CRM_NOW="2026-11-28 12:00:00" run ivanov doc-pay -d yesterday 2
is "$rc.$out" "0." "doc-pay(1) example: paid yesterday"
is "$(dbq 'SELECT paid_date FROM doc WHERE id = 2')" \
    "2026-11-27" "the day is kept"
fails ivanov 1 "invoice 2 was paid on 2026-11-27" "paid twice" doc-pay 2

# The events the KPI report counts.
run root crm-log -t -k doc
is "$(printf '%s\n' "$out" | cut -f3,5,6 | tr '\n' ' ')" \
    "ivanov	1	issue ivanov	2	issue petrova	3	issue ivanov	2	pay " \
    "issue and pay are audited, by whom"
like "$out" '"kind":"invoice","number":"1045","date":"2026-11-26","amount":61728395' \
    "the issue entry holds what the KPI counts"
is "$(dbq "SELECT sum(amount) FROM doc WHERE kind = 'invoice'
    AND paid_date IS NOT NULL")" 61728395 "sum paid by a plain query"

# doc-list.
run ivanov doc-list
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " \
    "a manager lists their own documents"
run petrova doc-list -U
is "$(printf '%s\n' "$out" | cut -f1,6,7)" "3	2026-11-25	" \
    "-u: only unpaid invoices"
run director doc-list -k invoice -H -t
is "$(printf '%s\n' "$out" | head -1)" \
    "id	kind	number	doc_date	amount	due_date	paid_date	deal_id	client	manager	created_at" \
    "-H header"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1 | tr '\n' ' ')" "2 3 " "-k invoice"
run director doc-list -l 1 -j
is "$(printf '%s\n' "$out" | jq -s 'map(.amount) | add')" \
    "$(dbq 'SELECT sum(amount) FROM doc WHERE deal_id = 1')" \
    "-d: JSON sums as the database does"
run director doc-list -p
golden doc-list-table.txt "$out"
CRM_USER=ivanov doc-add -k invoice -D 2026-12-10 1 1047 100 >/dev/null
run petrova doc-list -U -t
tab=$(printf '\t')
got=$(printf '%s\n' "$out" | sort -t "$tab" -k6,6 | cut -f1 | tr '\n' ' ')
is "$got" "3 4 " "doc-list(1) example: unpaid by due date"

# A document by its number, when exactly one that one may see has it
# (a contract and an invoice may share one).
mine=$(CRM_USER=ivanov doc-add -k invoice 1 СЧ-101 300)
kc=$(CRM_USER=kozlov client-add 'ООО Козлов и партнёры')
kd=$(CRM_USER=kozlov deal-add -A 100 "$kc" 'Сделка Козлова')
theirs=$(CRM_USER=kozlov doc-add -k contract "$kd" СЧ-101 100)
run ivanov doc-edit СЧ-101 amount 350
is "$rc.$(dbq "SELECT amount FROM doc WHERE id = $mine")" "0.35000" \
    "doc-edit СЧ-101: the one ivanov sees"
run ivanov doc-pay СЧ-101
is "$rc.$(dbq "SELECT paid_date FROM doc WHERE id = $mine")" \
    "0.2026-11-26" "doc-pay СЧ-101: the invoice of that number paid"
is "$(dbq "SELECT amount FROM doc WHERE id = $theirs")" "10000" \
    "and not kozlov's contract of the same number"
fails root 1 "several documents numbered 'СЧ-101': $mine, $theirs" \
    "a number two documents have" doc-edit СЧ-101 amount 1
fails ivanov 1 "no document numbered 'СЧ-999'" "a number none has" \
    doc-pay СЧ-999

done_testing
