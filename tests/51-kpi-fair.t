#!/bin/sh
# kpi-report is fair and complete: too little planned is "nodata", not a
# penalty (the first day and the first week of a rollout); won amount and
# win rate in every format; a director's report has a line a team and a
# column telling teams from people; a head's own tasks have a line of
# their own; plan-check leaves a head's empty day alone unless the
# regulations say heads plan too.
. "$(dirname "$0")/lib.sh"

department
# These regulations let tasks with no client and no deal fill a day's
# plan (plan.filler): the plan's rules tested here are others; the
# default, that filler does not, is tests/56-review.t's.
CRM_USER=root crm-rules set plan.filler 1
ok $? "department added"
# root 1, petrova 2, sidorov 3, ivanov 4, smirnova 5, kozlov 6, director 7

# The rollout began on Monday 2026-11-02.  On its first day ivanov has
# two tasks, smirnova six; in its first week ivanov has four, smirnova
# twelve.  kozlov has nothing at all.
done_tasks 5 12 6 2026-11-02 '2026-11-01 10:00:00' | dbq
dbq <<'SQL'
INSERT INTO task (assignee_id, author_id, kind, title, due_date, first_due,
 state, created_at, closed_at, closed_by) VALUES
 (4, 4, 'other', 'А', '2026-11-02', '2026-11-02', 'open',
  '2026-11-01 10:00:00', NULL, NULL),
 (4, 4, 'other', 'Б', '2026-11-02', '2026-11-02', 'open',
  '2026-11-01 10:00:00', NULL, NULL),
 (4, 4, 'other', 'В', '2026-11-04', '2026-11-04', 'open',
  '2026-11-01 10:00:00', NULL, NULL),
 (4, 4, 'other', 'Г', '2026-11-05', '2026-11-05', 'open',
  '2026-11-01 10:00:00', NULL, NULL),
-- petrova, a head, plans two tasks of her own that week.
 (2, 2, 'other', 'Планёрка', '2026-11-03', '2026-11-03', 'done',
  '2026-11-01 10:00:00', '2026-11-03 10:00:00', 2),
 (2, 2, 'other', 'Отчёт', '2026-11-04', '2026-11-04', 'done',
  '2026-11-01 10:00:00', '2026-11-05 10:00:00', 2);
INSERT INTO client (id, name, name_key, manager_id, created_at, created_by)
 VALUES (1, 'ООО Ромашка', 'ооо ромашка', 4, '2026-09-01 10:00:00', 4);
-- Sales in the first week: ivanov wins 1 000,00 and 2 500,00 and loses
-- one (2 of 3: 66.7%); kozlov wins 400,00 and loses none.
INSERT INTO deal (client_id, manager_id, title, amount, profit, stage_id,
 opened_at, closed_at, created_by) VALUES
 (1, 4, 'Один', 100000, 1000, 5, '2026-10-01', '2026-11-03 10:00:00', 4),
 (1, 4, 'Два', 250000, 2000, 5, '2026-10-01', '2026-11-04 10:00:00', 4),
 (1, 4, 'Три', 999900, 0, 6, '2026-10-01', '2026-11-05 10:00:00', 4),
 (1, 4, 'Открыта', 700000, 0, 1, '2026-10-01', NULL, 4),
 (1, 6, 'Козлов', 40000, 500, 5, '2026-10-01', '2026-11-06 10:00:00', 6);
SQL
ok $? "a rollout's first week loaded"
run root crm-rules set rollout.launch 2026-11-02
ok $rc "rollout launched on 2026-11-02"

# col NAME: column NAME of the line of LOGIN in $out (TSV with -H).
col() {
	printf '%s\n' "$out" | awk -F '\t' -v k="$1" -v who="$2" \
	    -v row="${3:-}" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
	     next } $c["login"] == who && (row == "" || $c["row"] == row) {
	     print $c[k] }'
}

# The first day: nobody planned five tasks but smirnova.
run director kpi-report -H -t -a -d 2026-11-02
is "$(col verdict ivanov)" nodata "first day: ivanov's 2 tasks are no data"
is "$(col reason ivanov)" \
    "insufficient data: 2 of the 5 planned tasks the regulations need to judge" \
    "first day: the reason says how many and how many are needed"
is "$(col verdict kozlov)" nodata "first day: nothing planned is no data"
is "$(col verdict smirnova)" reward "first day: smirnova's 6 are judged"
# Not a penalty even though the score would be one.
is "$(col score ivanov)" "40.0" "first day: ivanov's score is still shown"

# The first week.
run director kpi-report -H -t -a -d 2026-W45
is "$(col verdict ivanov)" nodata "first week: ivanov's 4 tasks are too few"
is "$(col verdict smirnova)" reward "first week: smirnova judged"
is "$(col verdict kozlov)" nodata "first week: kozlov, nothing planned"
# The regulations set the minimum.
run root crm-rules set kpi.min_tasks 4
run director kpi-report -H -t -a -d 2026-W45
is "$(col verdict ivanov)" penalty "kpi.min_tasks 4: ivanov is judged"
run root crm-rules set kpi.min_tasks 5

# Won amount and win rate, per person and per team, in every format.
run director kpi-report -H -t -a -d 2026-W45
is "$(col won ivanov) $(col won_amount ivanov) $(col lost ivanov)" \
    "2 350000 1" "TSV: ivanov won 2 deals for 3 500,00 and lost 1"
is "$(col win_pct ivanov)" "66.7" "TSV: win rate won / (won + lost)"
is "$(col win_pct kozlov) $(col won_amount kozlov)" "100.0 40000" \
    "TSV: kozlov won all he closed"
is "$(col win_pct smirnova)" "0.0" "TSV: no deal closed, win rate 0"
want=$(dbq "SELECT sum(d.amount) FROM deal d JOIN stage s
    ON s.id = d.stage_id JOIN person p ON p.id = d.manager_id
    WHERE s.outcome = 'won' AND p.head_id = 2
    AND d.closed_at BETWEEN '2026-11-02' AND '2026-11-09'")
is "$(col won_amount petrova team)" "$want" \
    "TSV: the team's won amount is the plain SQL sum"
is "$(col win_pct sidorov team)" "100.0" "TSV: team win rate"
run director kpi-report -j -a -d 2026-W45
is "$(printf '%s\n' "$out" | jq -r 'select(.login == "ivanov") |
    "\(.won_amount) \(.win_pct) \(.row) \(.team)"')" \
    "350000 66.7 person petrova" "JSON: won_amount, win_pct, row, team"
is "$(printf '%s\n' "$out" | jq -r 'select(.row == "team") | .login' |
    tr '\n' ' ')" "petrova sidorov " "JSON: a line a team"
run director kpi-report -p -a -d 2026-W45
like "$out" "^ivanov .* 2 +3 500,00 +66\.7 " "table: won amount and win%"
like "$(printf '%s\n' "$out" | head -2 | tail -1)" "^team petrova " \
    "table: the teams come first"
run director kpi-report -a -d 2026-W45 -o "$T/r.html"
like "$(tr -d '\n' < "$T/r.html")" \
    '<td class="login">ivanov</td>.*<td class="money">3 500,00</td>' \
    "HTML: won amount on ivanov's line"
like "$(cat "$T/r.html")" "66\.7 ?%" "HTML: the win rate"

# Teams and people: the director sees a line a team first, then the
# people, with the row column telling them apart.
run director kpi-report -H -t -a -d 2026-W45
is "$(printf '%s\n' "$out" | awk -F '\t' 'NR == 1 {
    for (i = 1; i <= NF; i++) c[$i] = i; next }
    { printf "%s:%s ", $c["row"], $c["login"] }')" \
    "team:petrova team:sidorov person:ivanov person:kozlov head:petrova person:smirnova " \
    "director: teams, then people and the head's own line"
is "$(col planned petrova head) $(col ontime petrova head)" "2 1" \
    "a head's own tasks on a line of their own"
is "$(col planned petrova team)" "$((4 + 12 + 2))" \
    "the team's totals include the head's own"
# sidorov has no tasks of his own: no line for him as a person.
is "$(col login sidorov head)" "" "a head with no tasks has no line"
run petrova kpi-report -H -t -a -d 2026-W45
is "$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 { print $2 }' |
    tr '\n' ' ')" "ivanov petrova smirnova " \
    "a head's -a: her team and her own line, no team lines"
run director kpi-report -H -t -h petrova -d 2026-W45
like "$out" "	petrova	.*	head	petrova	" "-T: the head's own line"

# The week-by-week chart: a week cut by the period is partial, marked so
# and drawn as a hollow point; a week with nothing planned is a gap, not
# a zero.  Wednesday 4 to Thursday 12 November: the week of the 2nd holds
# ivanov's tasks of the 4th and 5th, the week of the 9th none.
run ivanov kpi-report -d 2026-11-04..2026-11-12 -o "$T/weeks.html"
awk -v f="$T/trend.svg" '/<svg class="chart"/ { on = 1 }
    on { print > f } /<\/svg>/ { on = 0 }' "$T/weeks.html"
is "$(grep -o 'class="tick"[^>]*>11-[0-9]*\*\{0,1\}<' "$T/trend.svg" |
    sed 's/.*>\(.*\)</\1/' | tr '\n' ' ')" "11-02* 11-09* " \
    "both weeks are partial and their ticks say so"
is "$(xmllint --xpath 'count(//*[local-name()="circle"][@fill="#fff"])' \
    "$T/trend.svg")" 2 "a hollow point for the partial week (and the legend's)"
is "$(xmllint --xpath 'string(//*[local-name()="path"][@class="series"]/@d)' \
    "$T/trend.svg" | tr -cd 'ML')" "M" \
    "the empty week is a gap: one point, no line down to 0"

# plan-check: a head's empty day is no finding unless heads plan too.
run petrova plan-check -t -u petrova -d 2026-11-26
is "$rc $out" "0 " "plan-check: a head's empty day is not flagged"
run petrova plan-check -t -u ivanov -d 2026-11-26
like "$out" "^ivanov	2026-11-26	empty	" "a manager's empty day still is"
run director plan-check -t -a -d 2026-11-26
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" \
    "ivanov kozlov smirnova " "plan-check -a: managers only"
run root crm-rules set plan.heads 1
run petrova plan-check -t -u petrova -d 2026-11-26
like "$out" "^petrova	2026-11-26	empty	" \
    "plan.heads 1: a head's empty day is flagged"
run director plan-check -t -a -d 2026-11-26
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" \
    "ivanov kozlov petrova sidorov smirnova " "plan.heads 1: -a checks heads"

done_testing
