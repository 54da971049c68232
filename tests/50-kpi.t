#!/bin/sh
# kpi-report: every metric on a small department whose right answers are
# counted by hand below and counted again by plain SQL; the anti-gaming
# rules; who may see whom; the correlations; each output format.
. "$(dirname "$0")/lib.sh"

department
# These regulations let tasks with no client and no deal fill a day's
# plan (plan.filler): the plan's rules tested here are others; the
# default, that filler does not, is tests/56-review.t's.
CRM_USER=root crm-rules set plan.filler 1
ok $? "department added"
# root 1, petrova 2, sidorov 3, ivanov 4, smirnova 5, kozlov 6, director 7

# The week 2026-W41: Monday 5 to Sunday 11 October, 5 working days; the
# week before it is the previous period.  A full day's plan: 2 tasks.
dbq <<'EOF'
INSERT INTO rule (key, value, changed_at, changed_by)
 VALUES ('plan.min', '2', '2026-01-01 00:00:00', 1);
INSERT INTO client (id, name, name_key, manager_id, created_at, created_by)
 VALUES (1, 'ООО Ромашка', 'ооо ромашка', 4, '2026-09-01 10:00:00', 4);
INSERT INTO task (id, assignee_id, author_id, kind, title, note, result,
 client_id, due_date, due_time, first_due, state, created_at, closed_at,
 closed_by, moves) VALUES
-- ivanov (4).  t1 on time, in advance, all fields, two real comments.
 (1, 4, 4, 'call', 'Позвонить Ромашке', 'Договорились о встрече',
  'Отправил КП', 1, '2026-10-05', NULL, '2026-10-05', 'done',
  '2026-10-02 10:00:00', '2026-10-05 11:00:00', 4, 0),
-- t2 done two days late; a call with no client lacks a field.
 (2, 4, 4, 'call', 'Позвонить', NULL, NULL, NULL, '2026-10-05', NULL,
  '2026-10-05', 'done', '2026-10-02 10:00:00', '2026-10-07 12:00:00', 4, 0),
-- t3 first due on the 6th, moved to the 9th and done then: still late.
 (3, 4, 4, 'other', 'Подготовить КП', NULL, NULL, NULL, '2026-10-09', NULL,
  '2026-10-06', 'done', '2026-10-01 10:00:00', '2026-10-09 16:00:00', 4, 1),
-- t4 made and closed the same day for himself: not planned work at all,
-- but its junk comment is judged and counted (plan-check sees it too).
 (4, 4, 4, 'other', 'Сделал звонок', 'фывапролд', NULL, NULL, '2026-10-06',
  NULL, '2026-10-06', 'done', '2026-10-06 10:00:00', '2026-10-06 15:00:00',
  4, 0),
-- t5 assigned by the head and closed by her on his behalf: hers.
 (5, 4, 2, 'other', 'Отчёт', NULL, NULL, NULL, '2026-10-06', NULL,
  '2026-10-06', 'done', '2026-10-02 09:00:00', '2026-10-06 18:00:00', 2, 0),
-- t6 assigned by the head, still open: not done; a junk comment.
 (6, 4, 2, 'other', 'Сверка', 'ааааа', NULL, NULL, '2026-10-07', NULL,
  '2026-10-07', 'open', '2026-10-05 09:00:00', NULL, NULL, 0),
-- t7 cancelled.
 (7, 4, 4, 'other', 'Встреча', NULL, NULL, NULL, '2026-10-08', NULL,
  '2026-10-08', 'cancelled', '2026-10-05 09:00:00', '2026-10-06 09:00:00',
  4, 0),
-- t8 made on its due day, done the next: late, not in advance.
 (8, 4, 4, 'other', 'Письмо', NULL, NULL, NULL, '2026-10-07', NULL,
  '2026-10-07', 'done', '2026-10-07 09:00:00', '2026-10-08 10:00:00', 4, 0),
-- t9 on time; a meeting with no time lacks a field; a junk result.
 (9, 4, 4, 'meeting', 'Встреча в офисе', NULL, '...', 1, '2026-10-07',
  NULL, '2026-10-07', 'done', '2026-10-06 09:00:00', '2026-10-07 17:00:00',
  4, 0),
-- t10 on time, a short real comment.
 (10, 4, 4, 'other', 'Договор', 'ок', NULL, NULL, '2026-10-09', NULL,
  '2026-10-09', 'done', '2026-10-08 09:00:00', '2026-10-09 10:00:00', 4, 0),
-- t11 first due before the week, moved into it: not this week's plan.
 (11, 4, 4, 'other', 'Старое', NULL, NULL, NULL, '2026-10-06', NULL,
  '2026-10-02', 'done', '2026-10-01 09:00:00', '2026-10-06 09:00:00', 4, 1),
-- t12 the previous week: on time.
 (12, 4, 4, 'other', 'Раньше', NULL, NULL, NULL, '2026-10-01', NULL,
  '2026-10-01', 'done', '2026-09-30 09:00:00', '2026-10-01 09:00:00', 4, 0);
INSERT INTO task_move (task_id, from_date, to_date, at, by_id) VALUES
 (3, '2026-10-06', '2026-10-09', '2026-10-06 18:00:00', 4),
 (11, '2026-10-02', '2026-10-06', '2026-10-02 18:00:00', 4);
EOF
# smirnova (5): two tasks a day planned on the 2nd, each done on its day.
done_tasks 5 10 2 2026-10-05 '2026-10-02 10:00:00' \
    'Позвонила, всё в порядке' | dbq
dbq <<'EOF'
-- kozlov (6): three tasks made and closed on the spot, nothing planned.
INSERT INTO task (assignee_id, author_id, kind, title, due_date, first_due,
 state, created_at, closed_at, closed_by) VALUES
 (6, 6, 'other', 'Звонок', '2026-10-05', '2026-10-05', 'done',
  '2026-10-05 10:00:00', '2026-10-05 10:05:00', 6),
 (6, 6, 'other', 'Звонок', '2026-10-06', '2026-10-06', 'done',
  '2026-10-06 10:00:00', '2026-10-06 10:05:00', 6),
 (6, 6, 'other', 'Звонок', '2026-10-07', '2026-10-07', 'done',
  '2026-10-07 10:00:00', '2026-10-07 10:05:00', 6);
-- Sales.  Stages: 1 lead, 5 won, 6 lost.
INSERT INTO deal (id, client_id, manager_id, title, amount, profit,
 stage_id, opened_at, closed_at, created_by) VALUES
 (1, 1, 4, 'Поставка', 500000, 100000, 5, '2026-10-05 10:00:00',
  '2026-10-08 10:00:00', 4),
 (2, 1, 4, 'Сервис', 0, 0, 6, '2026-09-20 10:00:00',
  '2026-10-06 10:00:00', 4),
 (3, 1, 4, 'Расширение', 0, 0, 1, '2026-10-07 10:00:00', NULL, 4),
 (4, 1, 4, 'Старая', 300000, 5000, 5, '2026-09-01 10:00:00',
  '2026-09-30 10:00:00', 4),
 (5, 1, 6, 'Козлов', 100000, 20000, 5, '2026-09-01 10:00:00',
  '2026-10-09 10:00:00', 6);
INSERT INTO doc (deal_id, kind, number, doc_date, amount, paid_date,
 created_at, created_by) VALUES
 (1, 'contract', 'Д-1', '2026-10-06', 500000, NULL, '2026-10-06', 4),
 (1, 'invoice', 'С-1', '2026-10-07', 500000, '2026-10-09', '2026-10-07', 4),
 (1, 'invoice', 'С-2', '2026-10-08', 250000, NULL, '2026-10-08', 4),
 (4, 'invoice', 'С-3', '2026-09-29', 300000, '2026-10-05', '2026-09-29', 4),
 (4, 'invoice', 'С-4', '2026-09-25', 70000, '2026-09-30', '2026-09-25', 4),
 (5, 'invoice', 'С-5', '2026-10-09', 100000, '2026-10-10', '2026-10-09', 6);
EOF
ok $? "data set loaded"

# field NAME: the value of column NAME in $out (TSV with a header, one
# person).
field() {
	printf '%s\n' "$out" | awk -F '\t' -v k="$1" \
	    'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	     { print $c[k] }'
}

# q SQL: one number from the database.
q() {
	dbq "$1"
}

W="first_due BETWEEN '2026-10-05' AND '2026-10-11'"
SELF="(author_id = assignee_id AND state = 'done'
    AND substr(created_at, 1, 10) = substr(closed_at, 1, 10))"

run ivanov kpi-report -H -t -d 2026-W41
is "$rc" 0 "a manager's own report"
# Hand count of ivanov's week (t1..t10 first due in it, t4 left out):
#   planned 9: t1 t2 t3 t5 t6 t7 t8 t9 t10
#   on time 3: t1 t9 t10; late 3: t2 t3 (moved, still late) t8;
#   closed by the head 1: t5; not done 1: t6; cancelled 1: t7
#   moves 1 (t3; t11's move is another week's); self-made 1: t4
#   assigned by the head 2: t5 t6
#   in advance 8: all but t8; all fields 7: not t2 (no client), t9 (no time)
#   comments 6 (t1 twice, t4, t6, t9, t10), junk 3 ('фывапролд' of t4,
#   'ааааа', '...'): a same-day task's note is judged all the same
#   plan per day (made before it, not cancelled): Mon t1 t2, Tue t3 t5,
#   Wed t6 t9, Thu none (t7 cancelled), Fri t10: full 3 of 5.
for kv in planned=9 ontime=3 late=3 byhead=1 notdone=1 pending=0 \
    cancelled=1 moves=1 selfmade=1 assigned=2 advance=8 complete=7 \
    comments=6 junk=3 workdays=5 fulldays=3; do
	is "$(field "${kv%=*}")" "${kv#*=}" "ivanov: ${kv%=*} by hand"
done
# Points: on time 40*3/8 = 15.0; advance 15*8/9 = 13.3; full plan
# 20*3/5 = 12.0; fields 15*7/9 = 11.7; clean 10*(1-3/6) = 5.0; 57.0.
for kv in ontime_pct=37.5 advance_pct=88.9 fullplan_pct=60.0 \
    fields_pct=77.8 clean_pct=50.0 pts_ontime=15.0 pts_advance=13.3 \
    pts_fullplan=12.0 pts_fields=11.7 pts_clean=5.0 score=57.0 \
    verdict=nothing; do
	is "$(field "${kv%=*}")" "${kv#*=}" "ivanov: ${kv%=*} by hand"
done
is "$(field reason)" "score 57.0 between 50 and 85: on time 3 of 8 (late 3,\
 not done 1, closed by a head 1); full plan 3 of 5 working days; planned\
 ahead 8 of 9; all fields 7 of 9; junk 3 of 6 comments; left out of the plan,\
 their comments judged all the same: 1 task made and done the same day" \
    "ivanov: reason, with what was left out and why"
# Sales: opened d1 d3; won d1 (profit 1000,00); lost d2; contract Д-1;
# invoices С-1 С-2 (7500,00); paid С-1 and С-3 (8000,00).  The week
# before: on time 1 of 1 (t12), nothing else planned; paid С-4 (700,00).
for kv in opened=2 won=1 lost=1 contracts=1 invoices=2 invoiced=750000 \
    paid=800000 profit=100000 prev_paid=70000 paid_change=730000; do
	is "$(field "${kv%=*}")" "${kv#*=}" "ivanov: ${kv%=*} by hand"
done
# The week before: t12 on time, t11 (first due on the 2nd) late, both
# ahead, all fields, no comments; no day of 5 had 2 tasks:
# 40/2 + 15 + 0 + 15 + 10 = 60.
is "$(field prev_score)" "60.0" "ivanov: previous week's score"
is "$(field score_change)" "-3.0" "ivanov: score change"

# The same numbers by plain SQL.
for kv in \
    "planned=AND NOT $SELF" \
    "selfmade=AND $SELF" \
    "ontime=AND state = 'done' AND closed_by = assignee_id
	AND substr(closed_at, 1, 10) <= first_due AND NOT $SELF" \
    "late=AND state = 'done' AND closed_by = assignee_id
	AND substr(closed_at, 1, 10) > first_due" \
    "byhead=AND state = 'done' AND closed_by <> assignee_id" \
    "notdone=AND state = 'open'" \
    "cancelled=AND state = 'cancelled'" \
    "advance=AND substr(created_at, 1, 10) < first_due AND NOT $SELF" \
    "assigned=AND author_id <> assignee_id"; do
	is "$(field "${kv%%=*}")" \
	    "$(q "SELECT count(*) FROM task WHERE assignee_id = 4
	    AND $W ${kv#*=}")" "ivanov: ${kv%%=*} by SQL"
done
is "$(field moves)" "$(q "SELECT count(*) FROM task_move m JOIN task t
    ON t.id = m.task_id WHERE t.assignee_id = 4 AND t.$W")" \
    "ivanov: moves by SQL"
is "$(field complete)" "$(q "SELECT count(*) FROM task t JOIN task_kind k
    ON k.name = t.kind WHERE assignee_id = 4 AND $W AND NOT $SELF
    AND (client_id IS NOT NULL OR need_client = 0)
    AND (due_time IS NOT NULL OR need_time = 0)")" "ivanov: complete by SQL"
is "$(field fulldays)" "$(q "SELECT count(*) FROM (SELECT first_due
    FROM task WHERE assignee_id = 4 AND $W AND state <> 'cancelled'
    AND substr(created_at, 1, 10) < first_due GROUP BY first_due
    HAVING count(*) >= 2) AS full_day")" "ivanov: full days by SQL"
is "$(field paid)" "$(q "SELECT sum(c.amount) FROM doc c JOIN deal d
    ON d.id = c.deal_id WHERE d.manager_id = 4 AND c.kind = 'invoice'
    AND c.paid_date BETWEEN '2026-10-05' AND '2026-10-11'")" \
    "ivanov: paid by SQL"
is "$(field won)" "$(q "SELECT count(*) FROM deal WHERE manager_id = 4
    AND stage_id = 5 AND substr(closed_at, 1, 10) BETWEEN '2026-10-05'
    AND '2026-10-11'")" "ivanov: won by SQL"

# The anti-gaming rules, each on its own.
is "$(field ontime)" "3" "a task moved after falling due stays late (t3)"
run ivanov kpi-report -H -t -d 2026-10-06
is "$(field late)" "1" "t3: first due on the 6th, late though moved"
is "$(field ontime)" "0" "t4 closed on the spot does not count as on time"
is "$(field selfmade)" "1" "t4 is counted apart as self-made"
is "$(field byhead)" "1" "t5 closed by the head is hers, not his"
run ivanov kpi-report -H -t -d 2026-10-09
is "$(field planned) $(field late) $(field ontime)" "1 0 1" \
    "a day's report: t10 only (t3 belongs to the day first planned)"
run kozlov kpi-report -H -t -d 2026-W41
is "$(field planned) $(field selfmade) $(field score)" "0 3 0.0" \
    "kozlov's tasks made and closed on the spot are no plan"
is "$(field verdict)" "nodata" "kozlov: nothing planned is no data, not a penalty"
is "$(field reason)" \
    "insufficient data: 0 of the 5 planned tasks the regulations need to judge; left out of the plan, their comments judged all the same: 3 tasks made and done the same day" \
    "kozlov: reason, with what was left out and why"
is "$(field won) $(field paid) $(field profit) $(field opened)" \
    "1 100000 20000 0" "kozlov: sales"
run smirnova kpi-report -H -t -d 2026-W41
is "$(field planned) $(field ontime) $(field fulldays) $(field score)" \
    "10 10 5 100.0" "smirnova: all planned ahead and on time"
is "$(field verdict)" "reward" "smirnova: reward"
like "$(field reason)" "^score 100.0 >= 85: on time 10 of 10 " \
    "smirnova: reason"

# Regulations: weights and thresholds come from the rules.
dbq "INSERT INTO rule VALUES ('kpi.w.ontime', '0',
    '2026-01-01 00:00:00', 1), ('kpi.penalty', '60',
    '2026-01-01 00:00:00', 1)"
run ivanov kpi-report -H -t -d 2026-W41
# Without on time: (13.3 + 12.0 + 11.7 + 5.0) * 100 / 60 = 70.0.
is "$(field score) $(field pts_ontime) $(field verdict)" \
    "70.0 0.0 nothing" "weights from the regulations"
dbq "DELETE FROM rule WHERE key = 'kpi.w.ontime'"
run ivanov kpi-report -H -t -d 2026-W41
is "$(field verdict)" "penalty" "penalty threshold from the regulations"
like "$(field reason)" "^score 57.0 < 60: " "the reason names the threshold"
dbq "DELETE FROM rule WHERE key = 'kpi.penalty'"

# Who sees whom.
run petrova kpi-report -t -a -d 2026-W41
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" "ivanov smirnova " \
    "a head's -a: her managers"
run director kpi-report -t -h petrova -d 2026-W41
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" "ivanov smirnova " \
    "-T: a head's team"
run ivanov kpi-report -t -a -d 2026-W41
is "$(printf '%s\n' "$out" | cut -f2)" "ivanov" "a manager's -a: himself"
fails ivanov 1 "may not see the work of 'smirnova'" "a manager on a colleague" \
    kpi-report -u smirnova
fails petrova 1 "may not see the work of 'sidorov'" "a head on another team" \
    kpi-report -h sidorov
fails petrova 1 "no such person|nobody" "an unknown login" \
    kpi-report -u nobody
fails ivanov 2 "invalid period 'someday'" "a bad period" \
    kpi-report -d someday
fails ivanov 2 "usage" "-u and -T together" kpi-report -u ivanov -h petrova
fails ivanov 2 "usage" "an operand" kpi-report ivanov

# Correlation: three people are too few.
run director kpi-report -C -t -a -d 2026-W41
is "$out" "team	score	paid	3			n too small
team	score	won	3			n too small" "n < 5: no number"

# Two more managers make five; the numbers agree with a separate count.
CRM_USER=root crm-user add -g manager -h sidorov orlova 'Орлова Мария' &&
CRM_USER=root crm-user add -g manager -h sidorov belov 'Белов Иван'
ok $? "two more managers"
dbq <<'EOF'
INSERT INTO task (assignee_id, author_id, kind, title, due_date, first_due,
 state, created_at, closed_at, closed_by) VALUES
 (8, 8, 'other', 'А', '2026-10-05', '2026-10-05', 'done',
  '2026-10-01 10:00:00', '2026-10-05 10:00:00', 8),
 (8, 8, 'other', 'Б', '2026-10-06', '2026-10-06', 'done',
  '2026-10-01 10:00:00', '2026-10-08 10:00:00', 8),
 (9, 9, 'other', 'В', '2026-10-05', '2026-10-05', 'open',
  '2026-10-05 10:00:00', NULL, NULL);
INSERT INTO deal (id, client_id, manager_id, title, amount, profit,
 stage_id, opened_at, closed_at, created_by) VALUES
 (6, 1, 8, 'Орлова', 900000, 0, 5, '2026-09-01', '2026-10-07', 8);
INSERT INTO doc (deal_id, kind, number, doc_date, amount, paid_date,
 created_at, created_by) VALUES
 (6, 'invoice', 'С-6', '2026-10-07', 900000, '2026-10-08', '2026-10-07', 8);
EOF
run director kpi-report -H -t -a -d 2026-W41
pairs=$(printf '%s\n' "$out" | awk -F '\t' 'NR == 1 {
    for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["row"] == "person" { print $c["score"], $c["paid"], $c["won"] }')
is "$(printf '%s\n' "$pairs" | wc -l)" 5 "five managers"
want=$(printf '%s\n' "$pairs" | python3 -c '
import sys
rows = [list(map(float, l.split())) for l in sys.stdin]
def pearson(x, y):
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x); syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5
def ranks(v):
    s = sorted(v)
    return [(2 * s.index(a) + 1 + s.count(a)) / 2 for a in v]
x = [r[0] for r in rows]
for k in (1, 2):
    y = [r[k] for r in rows]
    print("team\tscore\t%s\t5\t%.2f\t%.2f\t" % ("paid" if k == 1 else "won",
        pearson(x, y), pearson(ranks(x), ranks(y))))
')
run director kpi-report -C -t -a -d 2026-W41
is "$out" "$want" "team Pearson and Spearman agree with Python"

# One person across the weeks: five whole weeks, each week's score as
# its own one-week report gives it.
P=2026-09-28..2026-11-01
run ivanov kpi-report -C -t -d $P
is "$(printf '%s\n' "$out" | cut -f1-4 | head -1)" "ivanov	score	paid	5" \
    "one person: n is the number of weeks"
got=$out
pairs=
for w in 40 41 42 43 44; do
	run ivanov kpi-report -H -t -d 2026-W$w
	pairs="$pairs$(field score) $(field paid) $(field won)
"
done
want=$(printf '%s' "$pairs" | python3 -c '
import sys
rows = [list(map(float, l.split())) for l in sys.stdin]
def pearson(x, y):
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x); syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5
def ranks(v):
    s = sorted(v)
    return [(2 * s.index(a) + 1 + s.count(a)) / 2 for a in v]
x = [r[0] for r in rows]
for k in (1, 2):
    y = [r[k] for r in rows]
    print("ivanov\tscore\t%s\t5\t%.2f\t%.2f\t" % ("paid" if k == 1 else "won",
        pearson(x, y), pearson(ranks(x), ranks(y))))
')
is "$got" "$want" "weekly Pearson and Spearman agree with one-week reports"
run ivanov kpi-report -C -t -d 2026-W41
is "$out" "ivanov	score	paid	1			n too small
ivanov	score	won	1			n too small" "one week: n too small"

# Output formats.
run director kpi-report -H -t -a -d 2026-W41
golden kpi-w41.tsv "$out"
run director kpi-report -j -a -d 2026-W41
golden kpi-w41.jsonl "$out"
printf '%s\n' "$out" | jq -e . >/dev/null 2>&1
ok $? "JSON Lines parse with jq"
is "$(printf '%s\n' "$out" | jq -r 'select(.login == "ivanov") |
    "\(.paid) \(.score) \(.verdict)"')" "800000 57 nothing" \
    "JSON: money in kopecks, numbers as numbers"
run director kpi-report -p -a -d 2026-W41
golden kpi-w41.txt "$out"
like "$out" "^team " "the table has a team line"
like "$out" "smirnova .* 100.0  ██████████ " "a bar by score"
run ivanov kpi-report -p -d $P
golden kpi-ivanov-weeks.txt "$out"
like "$out" "ivanov .*  [▁▂▃▄▅▆▇█]{5} " "a sparkline of the weeks"

# HTML: one file, no scripts, no network, SVG that parses as XML.
run director kpi-report -a -d 2026-W41 -o "$T/report.html"
is "$rc $out" "0 " "-o writes the page and nothing else"
golden kpi-w41.html "$(cat "$T/report.html")"
ok "$(sed 's/xmlns="[^"]*"//' "$T/report.html" |
    grep -ciE '<script|https?:|src=|@import|url\(')" \
    "no scripts and nothing from the network"
is "$(grep -c '<svg class="chart"' "$T/report.html")" 2 "two charts"
is "$(grep -c '<svg class="spark"' "$T/report.html")" 5 "a sparkline a person"
awk -v dir="$T" '/<svg class="chart"/ { n++; on = 1 }
    on { print > (dir "/svg" n ".xml") }
    /<\/svg>/ { on = 0 }' "$T/report.html"
xmllint --noout "$T/svg1.xml" "$T/svg2.xml" 2>"$T/xml.err"
ok $? "the SVG charts are well-formed XML (xmllint)"
is "$(xmllint --xpath 'count(//*[local-name()="path"][@class="series"])' \
    "$T/svg1.xml")" 5 "the trend has a line a person"
is "$(xmllint --xpath 'count(//*[local-name()="circle"])' "$T/svg2.xml")" \
    5 "the scatter has a point a person"
is "$(xmllint --xpath 'count(//*[local-name()="g"][@class="legend"]/*[local-name()="text"])' \
    "$T/svg2.xml")" 5 "the scatter's legend names everyone"
like "$(cat "$T/report.html")" '<html lang="en">' \
    "lang says the language the labels are in"
like "$(cat "$T/report.html")" \
    '<h1>KPI review: Department, <span class="nowrap">2026-10-05 – 2026-10-11</span></h1>' \
    "the title names the department and the period"
like "$(cat "$T/report.html")" '<p class="made">Made on 2026-11-26\.' \
    "and the day it was made"
like "$(cat "$T/report.html")" '@page\{size:A4 landscape' "A4 landscape"
like "$(tr -d '\n' < "$T/report.html")" \
    '<td class="login">ivanov</td><td>[^<]*</td><td><span class="v v-nothing">nothing</span></td><td class="num"><b>57.0</b></td><td class="num muted"[^>]*>–</td>' \
    "ivanov: a named badge, his score, no change: one task the week before"
CRM_USER=root crm-rules set kpi.min_tasks 1
run director kpi-report -a -d 2026-W41 -o "$T/min1.html"
like "$(tr -d '\n' < "$T/min1.html")" \
    '<td class="login">ivanov</td><td>[^<]*</td><td><span class="v v-nothing">nothing</span></td><td class="num"><b>57.0</b></td><td class="num">-3.0</td>' \
    "the change when the period before has data"
CRM_USER=root crm-rules reset kpi.min_tasks
like "$(cat "$T/report.html")" \
    '<tr><td>done on time</td><td class="num">40</td><td class="num">3 of 8</td><td class="num">38%</td><td class="num">15.0</td></tr>' \
    "ivanov's reasons: the part, its weight, the numbers, the points"

# The EXAMPLES of the manual page.
run director kpi-report -p -h petrova -d 2026-W41
is "$rc" 0 "example: a head's team as a table"
like "$out" "^ivanov " "example: the team's rows"
run director sh -c "kpi-report -a -j -d 2026-10 |
    jq -r 'select(.verdict == \"penalty\") | .login' | tr '\n' ' '"
# orlova: 40/2 + 15 + 0 + 15 + 10 = 60, not a penalty; belov (1 task)
# and kozlov (none) planned too little to be judged at all.  ivanov's
# October: 40*4/10 + 15*10/11 + 20*3/22 + 15*9/11 + 10*(1-3/6) = 16.0 +
# 13.6 + 2.7 + 12.3 + 5.0 = 49.6 < 50, now that t4's junk note counts.
is "$out" "ivanov " "example: October's penalties through jq"
run director sh -c "kpi-report -a -j -d 2026-10 |
    jq -r 'select(.row != \"team\" and .verdict == \"nodata\") | .login' | tr '\n' ' '"
is "$out" "belov kozlov orlova " "example: too little to judge, through jq"
run director kpi-report -a -C -d quarter
is "$(printf '%s\n' "$out" | cut -f1-4 | tr '\n' ' ')" \
    "team	score	paid	5 team	score	won	5 " "example: this quarter's relation"
run director sh -c "cd '$T' && kpi-report -a -d 2026-Q4 -o report.html"
is "$rc" 0 "example: the page to mail"
like "$(cat "$T/report.html")" "<h1>KPI review: Department, <span class=\"nowrap\">2026-10-01 – 2026-12-31</span></h1>" \
    "example: the page covers the quarter"

# Eight people or more are counted in one scan of the tasks, not one
# query each: the same numbers either way.
run director kpi-report -t -a -d 2026-W41
few=$out
CRM_USER=root crm-user add -g manager -h sidorov m1 'М1' &&
CRM_USER=root crm-user add -g manager -h sidorov m2 'М2' &&
CRM_USER=root crm-user add -g manager -h sidorov m3 'М3'
run director kpi-report -t -a -d 2026-W41
is "$(printf '%s\n' "$out" | grep -c '	person	')" 8 "eight managers"
is "$(printf '%s\n' "$out" | grep -v -e '	М[123]	' -e '	team	')" \
    "$(printf '%s\n' "$few" | grep -v '	team	')" \
    "one scan gives what a query a person gives"

done_testing
