#!/bin/sh
# Sales dates a reviewer can trust: a document's date and a payment's
# date fall in the window of the regulations (not before the deal was
# opened, not in the future, not in a closed period, kpi.closed); the
# head records earlier dates for the team and the log says so; the same
# window in a head's crm-import, while an admin's history keeps the
# source's dates.  The KPI's sums are checked against what the test
# itself let through.
. "$(dirname "$0")/lib.sh"

department
# The clock: 2026-11-26.  Deal 1 opened today, deal 2 (ivanov) and
# deal 3 (kozlov) in the admin's history import on 2026-09-01.
CRM_USER=ivanov client-add -I 7707083893 Ромашка >/dev/null &&
CRM_USER=kozlov client-add Лютик >/dev/null &&
CRM_USER=ivanov deal-add ромашка Новая >/dev/null &&
printf 'client,title,manager,opened_at\nРомашка,Старая,ivanov,2026-09-01\nЛютик,Старая,kozlov,2026-09-01 10:00\n' \
    >"$T/deals.csv" &&
CRM_USER=root crm-import -k deals "$T/deals.csv"
ok $? "department, a new deal and two old ones"

# Kopecks: October's invoiced sum of ivanov as the test lets it in,
# and his sum paid in November.
oct=0
paidnov=0

# The window, for a manager.
fails ivanov 1 "invalid date '2026-10-05': before deal 1 was opened on 2026-11-26 \(only your head records an earlier date\)" \
    "an invoice before the deal" doc-add -k invoice -d 2026-10-05 1 С-1 5000000
fails ivanov 1 "invalid date '2030-01-01': in the future" \
    "an invoice in the future" doc-add -k invoice -d 2030-01-01 2 С-1 10
fails ivanov 1 "invalid date '2026-11-27': in the future" \
    "a contract dated tomorrow" doc-add -k contract -d tomorrow 1 Д-1 10
run ivanov doc-add -k invoice -d 2026-10-05 2 С-1 1000
is "$rc.$out" "0.1" "an invoice dated after the deal was opened"
oct=$((oct + 100000))
fails ivanov 1 "invalid paid date '2030-01-01': in the future" \
    "a payment in the future" doc-pay -d 2030-01-01 1
run ivanov doc-add -k invoice 1 С-2 300
is "$rc.$out" "0.2" "an invoice today"
run ivanov doc-pay 2
is "$rc" 0 "paid today"
paidnov=$((paidnov + 30000))
fails ivanov 1 "invalid date '2026-10-01': before deal 1 was opened" \
    "doc-edit moves a date before the deal" doc-edit 2 date 2026-10-01

# A closed month: the head closes October for the team.
fails ivanov 1 "only a head or an admin changes the regulations" \
    "a manager closes a month" crm-rules set kpi.closed 2026-10
fails petrova 1 "invalid value '2026-13' for rule 'kpi.closed'" \
    "a month that is none" crm-rules set kpi.closed 2026-13
run petrova crm-rules set kpi.closed 2026-10
is "$rc" 0 "the head closes October"
is "$(dbq "SELECT value FROM rule WHERE key = 'kpi.closed/petrova'")" \
    2026-10 "as the team's rule"
fails ivanov 1 "date '2026-10-20' is in the closed period \(up to 2026-10\): only your head records it" \
    "an invoice in the closed month" doc-add -k invoice -d 2026-10-20 2 С-3 2000
fails ivanov 1 "paid date '2026-10-31' is in the closed period" \
    "a payment in the closed month" doc-pay -d 2026-10-31 1
fails ivanov 1 "date '2026-10-05' is in the closed period" \
    "the amount of a closed month's invoice" doc-edit 1 amount 9000
fails ivanov 1 "date '2026-10-05' is in the closed period" \
    "a closed month's invoice moved out" doc-edit 1 date 2026-11-02
fails ivanov 1 "date '2026-10-30' is in the closed period" \
    "an invoice moved into the closed month" doc-edit 2 date 2026-10-30
run ivanov doc-pay -d 2026-11-02 1
is "$rc" 0 "a payment after the closed month"
paidnov=$((paidnov + 100000))
run smirnova crm-rules list -t
like "$out" "^kpi.closed	2026-10	" "the team sees its closed month"
run kozlov doc-add -k invoice -d 2026-10-20 3 К-1 700
is "$rc.$out" "0.3" "another team's October stays open"

# The head records earlier dates for the team, and the log says so.
run petrova doc-add -k invoice -d 2026-10-20 2 С-3 2000
is "$rc.$out" "0.4" "the head issues in the closed month"
oct=$((oct + 200000))
run petrova doc-add -k contract -d 2026-11-02 1 Д-1 2000
is "$rc.$out" "0.5" "the head dates a contract before the deal"
fails petrova 1 "invalid date '2030-01-01': in the future" \
    "the head dates in the future" doc-add -k invoice -d 2030-01-01 2 С-9 1
fails ivanov 1 "paid date '2026-10-25' is in the closed period" \
    "a manager pays in the closed month" doc-pay -d 2026-10-25 4
run petrova doc-pay -d 2026-10-25 4
is "$rc.$(dbq "SELECT paid_date FROM doc WHERE id = 4")" "0.2026-10-25" \
    "the head records a payment in the closed month"
is "$(dbq "SELECT count(*) FROM audit WHERE entity_id = 4 AND action = 'pay'
    AND detail LIKE '%\"backdated\":\"closed period\"%'")" 1 \
    "and the log says so"
run petrova doc-edit 1 amount 1500
is "$rc" 0 "the head corrects a closed month's invoice"
oct=$((oct + 50000)) paidnov=$((paidnov + 50000))	# paid: the sum now
is "$(dbq "SELECT entity_id || ' ' || action || ' ' || actor FROM audit
    WHERE detail LIKE '%\"backdated\":\"closed period\"%' ORDER BY id")" \
    "4 issue petrova
4 pay petrova
1 update petrova" "the log says when the head records in a closed month"
is "$(dbq "SELECT entity_id FROM audit
    WHERE detail LIKE '%\"backdated\":\"before the deal\"%'")" 5 \
    "and before the deal"
is "$(dbq "SELECT count(*) FROM audit WHERE detail LIKE '%backdated%'
    AND actor = 'ivanov'")" 0 \
    "a manager's dates in the window are not marked"

# The department's closed month binds every team; a team may close
# later, never earlier.
run root crm-rules set kpi.closed 2026-09
is "$rc" 0 "the admin closes September for the department"
run sidorov crm-rules set kpi.closed 2026-08
is "$rc" 0 "a head sets an earlier month for the team"
fails kozlov 1 "date '2026-09-30' is in the closed period \(up to 2026-09\)" \
    "the department's month holds over the team's earlier one" \
    doc-add -k invoice -d 2026-09-30 3 К-2 1
fails ivanov 1 "closed period \(up to 2026-10\)" \
    "the team's later month holds over the department's" \
    doc-add -k invoice -d 2026-10-30 2 С-4 1

# crm-import: a head's dates in the same window; an admin's history
# keeps the source's.
printf 'deal,kind,number,doc_date,amount\n2,invoice,И-1,2030-01-01,10\n' \
    >"$T/future.csv"
fails petrova 1 "line 2: column 'doc_date': invalid date '2030-01-01': in the future" \
    "a head imports a document in the future" \
    crm-import -k docs "$T/future.csv"
printf 'deal,kind,number,doc_date,amount\n2,invoice,И-1,2026-10-10,400\n' \
    >"$T/closed.csv"
run petrova crm-import -k docs "$T/closed.csv"
is "$rc" 0 "a head imports a document of the closed month"
oct=$((oct + 40000))
is "$(dbq "SELECT count(*) FROM audit WHERE action = 'import'
    AND entity = 'doc' AND detail LIKE '%\"backdated\":\"closed period\"%'")" \
    1 "and the import's log entry says so"
printf 'deal,kind,number,doc_date,amount,paid_date\n2,invoice,И-2,2026-08-15,600,2026-10-15\n' \
    >"$T/hist.csv"
run root crm-import -k docs "$T/hist.csv"
is "$rc" 0 "an admin's history import keeps dates before the deal"
is "$(dbq "SELECT doc_date || ' ' || paid_date FROM doc
    WHERE number = 'И-2'")" "2026-08-15 2026-10-15" "as the source has them"
is "$(dbq "SELECT count(*) FROM audit WHERE detail LIKE '%И-2%'
    AND detail LIKE '%backdated%'")" 0 "and are history, not backdated"

# The KPI counts what the window let in.  October: ivanov's invoices,
# issued by him or recorded by his head (the card is his).
run petrova kpi-report -t -d 2026-10 -u ivanov
inv=$(printf '%s\n' "$out" | awk -F'\t' '{ print $38 }')
is "$inv" "$oct" "October's invoiced sum is what the window let in"
run petrova kpi-report -t -d 2026-11 -u ivanov
is "$(printf '%s\n' "$out" | awk -F'\t' '{ print $39 }')" \
    "$paidnov" "November's sum paid too"

done_testing
