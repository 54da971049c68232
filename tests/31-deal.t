#!/bin/sh
# deal-add, deal-list, deal-stage: money in both spellings, each stage
# rule, the stage log, deals nobody works (-n), the stage list, and the
# man pages' examples.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=ivanov client-add -I 7707083893 ООО «Ромашка» >/dev/null &&
CRM_USER=smirnova client-add ЗАО Лютик >/dev/null &&
CRM_USER=kozlov client-add АО Вектор >/dev/null
ok $? "department and clients added"

# deal-add(1) EXAMPLES.
run ivanov deal-add -A '1 234 567,89' -G 200000.50 -d 2026-12-20 ромашка \
    Поставка станков
is "$rc.$out" "0.1" "deal-add prints the new id"
is "$(dbq 'SELECT amount, profit, close_date, stage_id,
    opened_at FROM deal WHERE id = 1')" \
    "123456789|20000050|2026-12-20|1|2026-11-26 09:00:00" \
    "'1 234 567,89' and '200000.50' kept as kopecks; first stage lead"
run ivanov deal-add -A 1000 -d +1w -s negotiation 1 Сервис
is "$rc.$out" "0.2" "a deal at a named stage, a relative close date"
is "$(dbq 'SELECT amount, close_date, stage_id FROM deal
    WHERE id = 2')" "100000|2026-12-03|2" "1000 rubles; +1w; negotiation"
run petrova deal-add лютик Лютик: лицензии
is "$rc.$out" "0.3" "a head opens a deal for the team"
is "$(dbq 'SELECT manager_id FROM deal WHERE id = 3')" \
    "$(dbq "SELECT id FROM person WHERE login='smirnova'")" \
    "the manager defaults to the client's"

fails ivanov 2 "invalid amount '12,345'" "amount with three decimals" \
    deal-add -A 12,345 1 X
fails ivanov 1 "invalid amount" "negative amount" deal-add -A -5 1 X
fails ivanov 2 "invalid profit '1.2.3'" "bad profit" deal-add -G 1.2.3 1 X
fails ivanov 2 "invalid close date '2026-02-30'" "bad close date" \
    deal-add -d 2026-02-30 1 X
fails ivanov 1 "no such client '3'" "a colleague's client" deal-add 3 X
fails ivanov 1 "no such client 'вектор'" "a colleague's client by name" \
    deal-add вектор X
fails ivanov 1 "no such stage 'won2'" "unknown stage" deal-add -s won2 1 X
fails ivanov 1 "cannot start at the final stage 'won'" "start won" \
    deal-add -s won 1 X
fails ivanov 1 "missing title" "empty title" deal-add 1 ''
fails ivanov 1 "may not change the work of 'smirnova'" \
    "a manager gives a deal to a colleague" deal-add -u smirnova 1 X
fails director 1 "director" "a director opens a deal" deal-add 1 X
fails ivanov 2 "usage" "no title" deal-add 1

# Stage rules, each with the database unchanged on refusal.
run ivanov deal-stage 1 negotiation
is "$rc.$out" "0." "deal-stage(1) example: moves silently"
fails ivanov 1 "already at stage 'negotiation'" "the same stage" \
    deal-stage 1 negotiation
fails ivanov 1 "no such stage 'closed'" "unknown stage" deal-stage 1 closed
fails ivanov 1 "deal 1 to 'lost' needs a reason" "lost without a reason" \
    deal-stage 1 lost
fails ivanov 1 "no such deal '3'" "a colleague's deal" deal-stage 3 contract
fails kozlov 1 "no such deal '1'" "another team's deal" deal-stage 1 contract
fails director 1 "director" "a director moves a deal" deal-stage 1 contract
fails ivanov 1 "no such deal '99'" "no such deal" deal-stage 99 contract
fails ivanov 1 "no such deal 'x'" "a deal by a title that none has" \
    deal-stage x contract
run ivanov deal-stage -r 'выбрали другого поставщика' 1 lost
is "$rc" 0 "deal-stage(1) example: lost with a reason"
is "$(dbq 'SELECT closed_at, lost_reason FROM deal
    WHERE id = 1')" "2026-11-26 09:00:00|выбрали другого поставщика" \
    "a lost deal is closed, with its reason"
fails ivanov 1 "deal 1 is lost: a won or lost deal does not change" \
    "lost is final" deal-stage 1 lead
run petrova deal-stage 3 contract
is "$rc" 0 "a head moves a deal of the team"
CRM_NOW="2026-11-27 10:30:00" run petrova deal-stage 3 won
is "$rc" 0 "won"
fails smirnova 1 "deal 3 is won" "won is final" deal-stage -r x 3 lost
is "$(dbq 'SELECT closed_at FROM deal WHERE id = 3')" \
    "2026-11-27 10:30:00" "won sets closed_at"

# The stage log: one row per stage, with its time and who.
run ivanov deal-stage history 1
is "$out" "1	2026-11-26 09:00:00		lead	ivanov	
1	2026-11-26 09:00:00	lead	negotiation	ivanov	
1	2026-11-26 09:00:00	negotiation	lost	ivanov	выбрали другого поставщика" \
    "deal-stage(1) example: the history"
is "$(dbjoin ' ' "SELECT s.name || '@' || l.at || '@'
    || p.login FROM deal_stage_log l JOIN stage s ON s.id = l.to_stage
    JOIN person p ON p.id = l.by_id WHERE l.deal_id = 3 ORDER BY l.id")" \
    "lead@2026-11-26 09:00:00@petrova contract@2026-11-26 09:00:00@petrova won@2026-11-27 10:30:00@petrova" \
    "the log keeps every stage of deal 3, its time and who"
run root crm-log -t -k deal 1
is "$(printf '%s\n' "$out" | cut -f6 | tr '\n' ' ')" "create stage stage " \
    "one audit entry per change"
like "$out" '"stage":\["negotiation","lost"\],"reason":"выбрали' \
    "the audit entry has the stages and the reason"
fails ivanov 1 "no such deal '3'" "a colleague's history" deal-stage history 3

# Listing.
run ivanov deal-list
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "2 " \
    "open deals only by default"
run ivanov deal-list -a
is "$(printf '%s\n' "$out" | cut -f1,4 | tr '\n' ' ')" "1	lost 2	negotiation " \
    "-a adds won and lost deals"
run petrova deal-list -a -t
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 3 " \
    "a head lists the team's deals"
run kozlov deal-list -a
is "$out" "" "a manager of another team sees none of them"
run director deal-list -a -s won
is "$(printf '%s\n' "$out" | cut -f1,8)" "3	smirnova" "-s: by stage"
run director deal-list -a -c ромашка -H -t
is "$(printf '%s\n' "$out" | head -1)" \
    "id	client	title	stage	amount	profit	close_date	manager	opened_at	closed_at	lost_reason	client_id" \
    "-H header"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1 | tr '\n' ' ')" "1 2 " "-c: by client"
run ivanov deal-add -A 1000 1 Доставка
run ivanov deal-list -j -u ivanov
is "$(printf '%s\n' "$out" | jq -s 'map(.amount) | add')" \
    "$(dbq "SELECT sum(amount) FROM deal d JOIN stage s
    ON s.id = d.stage_id WHERE s.outcome = 'open' AND manager_id =
    (SELECT id FROM person WHERE login = 'ivanov')")" \
    "deal-list(1) example: the sum of open deals, as the database counts it"
run ivanov deal-list -p
golden deal-list-table.txt "$out"

# -n: open deals with no open task (tasks written by hand).
dbq "INSERT INTO task (assignee_id, author_id, kind, title,
    deal_id, due_date, first_due, created_at, state) VALUES
    (4, 4, 'call', 'позвонить', 2, '2026-11-27', '2026-11-27',
    '2026-11-26 09:00:00', 'open'),
    (4, 4, 'call', 'позвонили', 4, '2026-11-25', '2026-11-25',
    '2026-11-20 09:00:00', 'done'),
    (4, 4, 'call', 'по проигранной', 1, '2026-11-25', '2026-11-25',
    '2026-11-20 09:00:00', 'open')"
run petrova deal-list -w
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "4 " \
    "-n: deal 2 has an open task, 4 only a done one, 1 and 3 are closed"
run petrova deal-list -w -p
is "$rc" 0 "deal-list(1) example: -n -p"
is "$(dbjoin , "SELECT d.id FROM deal d JOIN stage s
    ON s.id = d.stage_id WHERE s.outcome = 'open' AND d.id NOT IN
    (SELECT deal_id FROM task WHERE state = 'open' AND deal_id IS NOT NULL)")" \
    "4" "-n agrees with a plain query"

# The stage list: part of the regulations, an admin's to change.
run ivanov deal-stage list 
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" \
    "lead negotiation contract invoiced won lost " "the default stages"
fails petrova 1 "only an admin changes the stages" "a head adds a stage" \
    deal-stage add pilot 3 open
fails root 1 "invalid outcome 'maybe'" "bad outcome" \
    deal-stage add pilot 3 maybe
fails root 1 "stage 'won' already exists" "a stage twice" \
    deal-stage add won 9 won
fails root 1 "invalid stage name 'a b'" "a stage name with a space" \
    deal-stage add 'a b' 9 open
fails root 2 "usage" "-A with two arguments" deal-stage add pilot 3
run root deal-stage add pilot 3 open
is "$rc" 0 "deal-stage(1) example: an admin adds a stage"
run root deal-stage rename lead заявка
is "$rc" 0 "deal-stage(1) example: an admin renames a stage"
run ivanov deal-stage list -t
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" \
    "заявка negotiation contract pilot invoiced won lost " \
    "the stages by position, renamed and extended"
run ivanov deal-stage history 1
like "$out" "	заявка	negotiation	" "history follows a rename"
run ivanov deal-stage 2 pilot
is "$rc" 0 "a deal moves to a new stage"
run root crm-log -t -k stage
is "$(printf '%s\n' "$out" | cut -f6,7 | tr '\n' ' ')" \
    'create	{"name":"pilot"} update	{"name":["lead","заявка"]} ' \
    "stage changes are audited"

done_testing
