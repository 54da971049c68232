#!/bin/sh
# The archetype month: five managers of one head scripted through the
# tools over November 2026 (launch Monday 2.11, today Thursday 26.11):
# a diligent one who plans the day before with a client and writes real
# results; a filler gamer with a repeating series, pasted "Сделано" and
# junk; a late closer; a new hire who starts on Monday 16.11; a manager
# whose results the head returns twice.  The KPI must rank the diligent
# first, give the gamer no reward, judge the new hire from the day he
# came and count the returns; each figure against a count made here.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
at() { _t=$1 _u=$2; shift 2; CRM_NOW="$_t" CRM_USER=$_u "$@"; }
for u in gamer late newbie back; do
	CRM_NOW="2026-10-30 10:00:00" CRM_USER=root crm-user add -g manager \
	    -h petrova "$u" "Менеджер $u" || exit 1
done
CRM_NOW="2026-10-30 10:00:00" CRM_USER=root crm-rules set rollout.launch \
    2026-11-02
CRM_NOW="2026-10-30 10:00:00" CRM_USER=root crm-rules set plan.min 2
# Each manager's own client (a client is its manager's).
for u in ivanov late back; do
	eval "c_$u=\$(CRM_NOW='2026-10-30 10:00:00' CRM_USER=$u client-add \
	    \"ООО Клиент $u\")"
done

# The working days of November up to yesterday, as the test counts them:
# Monday to Friday, less 4.11 (the production calendar's holiday).
days() {	# days FROM [TO]: the working days from FROM to TO (25.11)
	d=$1
	while [ "$d" -le "${2:-25}" ]; do
		dd=$(printf '2026-11-%02d' "$d")
		w=$(date -d "$dd" +%u)
		[ "$w" -le 5 ] && [ "$dd" != 2026-11-04 ] && echo "$dd"
		d=$((d + 1))
	done
}
prev() { date -d "$1 -1 day" +%F; }
ALL=$(days 2)
NALL=$(printf '%s\n' "$ALL" | wc -l)
# The report counts working days up to today, the 26th, with no task.
WALL=$(days 2 26 | wc -l)
# The new hire's first entry is on Monday 16.11: he plans from 17.11.
NEW=$(days 17)
NNEW=$(printf '%s\n' "$NEW" | wc -l)
WNEW=$(days 16 26 | wc -l)

for d in $ALL; do
	p=$(prev "$d")
	# diligent: two calls with the client, planned the evening before,
	# done on time with what came of them.
	for n in 1 2; do
		id=$(at "$p 17:00:00" ivanov task-add -k call -c $c_ivanov -T 1$n:00 \
		    -d "$d" -n "по заказу $n на $d" "Звонок $n по заказу")
		at "$d 1$n:30:00" ivanov task-done \
		    -r "Договорились о поставке $n на $d" "$id"
	done
	# late closer: two calls planned ahead, each closed the day after.
	for n in 1 2; do
		id=$(at "$p 17:00:00" late task-add -k call -c $c_late -T 1$n:00 \
		    -d "$d" "Звонок $n")
		at "$(date -d "$d +1 day" +%F) 10:00:00" late task-done \
		    -r "Созвонились, счёт $n за $d выставлен" "$id"
	done
	# returned twice: plans and closes on time.
	for n in 1 2; do
		id=$(at "$p 17:00:00" back task-add -k call -c $c_back -T 1$n:00 \
		    -d "$d" "Звонок $n")
		at "$d 1$n:30:00" back task-done \
		    -r "Обсудили условия $n на $d" "$id"
	done
	# gamer: the series' task of the day closed with the pasted
	# "Сделано", and a same-day task closed with junk.
	id=$(at "$d 18:00:00" gamer task-add 'Отметка')
	at "$d 18:01:00" gamer task-done -r '.' "$id"
done
# gamer's filler: a repeating task with no client, from the launch.
at "2026-10-30 10:00:00" gamer task-add -R workday -d 2026-11-02 \
    'Обзвон базы' >/dev/null
for d in $ALL; do
	id=$(q "SELECT id FROM task WHERE assignee_id = (SELECT id FROM person
	    WHERE login = 'gamer') AND title = 'Обзвон базы'
	    AND due_date = '$d'")
	at "$d 17:00:00" gamer task-done -r 'Сделано' "$id"
done
# the new hire: from Monday 16.11 as diligent as ivanov.
c_newbie=$(at "2026-11-16 08:00:00" newbie client-add 'ООО Клиент newbie')
for d in $NEW; do
	p=$(prev "$d")
	for n in 1 2; do
		id=$(at "$p 08:00:00" newbie task-add -k call -c $c_newbie -T 1$n:00 \
		    -d "$d" "Звонок $n")
		at "$d 1$n:30:00" newbie task-done \
		    -r "Клиент заказал $n на $d" "$id"
	done
done
# The head returns two of back's results, and he does them again.
for d in 2026-11-10 2026-11-17; do
	id=$(q "SELECT min(id) FROM task WHERE assignee_id = (SELECT id
	    FROM person WHERE login = 'back') AND first_due = '$d'")
	at "$d 18:00:00" petrova task-return -r 'нет суммы' "$id" \
	    "$(date -d "$d +1 day" +%F)"
	at "$(date -d "$d +1 day" +%F) 11:00:00" back task-done \
	    -r "Обсудили условия, сумма 100 000" "$id"
done
ok 0 "the month scripted: $NALL days of work, the new hire's $NNEW"

run petrova kpi-report -a -d 2026-11 -t -H
printf '%s\n' "$out" > "$T/kpi.tsv"
# f LOGIN COLUMN: one figure of the report.
f() { awk -F'\t' -v l="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++)
	h[$i] = i; next } $2 == l { print $h[c] }' "$T/kpi.tsv"; }

# diligent: 2 tasks a day, all on time, every day full.
is "$(f ivanov planned)" $((2 * NALL)) "diligent: planned, 2 a day"
is "$(f ivanov ontime)" $((2 * NALL)) "diligent: all on time"
is "$(f ivanov workdays)" "$WALL" "diligent: the working days to today"
is "$(f ivanov fulldays)" "$NALL" "diligent: every day full"
is "$(f ivanov junk)" 0 "diligent: no junk"
# late closer: every task late, real results.
is "$(f late late)" $((2 * NALL)) "late closer: all late"
is "$(f late ontime)" 0 "late closer: none on time"
is "$(f late junk)" 0 "late closer: no junk"
# gamer: the series fills no plan (no client), its pasted "Сделано" and
# the same-day "." are junk.
is "$(f gamer fulldays)" 0 "gamer: the filler series fills no day"
is "$(f gamer selfmade)" "$NALL" "gamer: the same-day tasks left out"
# (the paste rule, junk.paste 5, flags "Сделано" from its 5th task on)
is "$(f gamer junk)" $((NALL + NALL - 4)) \
    "gamer: every . and the pasted Сделано are junk"
is "$(f gamer comments)" $((2 * NALL)) "gamer: all his comments judged"
# The series' tasks have no client and no deal: they fill no plan, and
# so are no planned work either (plan.filler 0): none of them buys the
# points of on time, ahead or fields.  Its occurrences of November: each
# working day from 2.11 to 30.11.
FILL=$(days 2 30 | wc -l)
is "$(f gamer filler)" "$FILL" "gamer: the series' $FILL tasks left out as filler"
is "$(f gamer planned).$(f gamer ontime)" "0.0" "gamer: no planned work"
isnt "$(f gamer verdict)" reward "gamer: no reward"
like "$(f gamer reason)" "left out of the plan, their comments judged all the same: $NALL tasks made and done the same day, $FILL tasks with no client and no deal" \
    "gamer: the reason says what was left out, and why"
CRM_USER=petrova kpi-report -a -d 2026-11 -o "$T/kpi.html"
like "$(cat "$T/kpi.html")" "planned 0 of the 5 tasks the regulations need to judge; left out of the plan, their comments judged all the same: $NALL tasks made and done the same day, $FILL tasks with no client and no deal</p>" \
    "gamer: and so does his card in the HTML report"
# Each part of every card: its numbers "N of M" and its share agree
# (N/M rounded), the gamer's comments not junk too, though he planned
# nothing; and the share is the TSV's.
parts=$(sed -n 's|^<tr><td>\([a-z ]*\)</td><td class="num">[0-9]*</td><td class="num">\([0-9]*\) of \([0-9]*\)</td><td class="num">\([0-9]*\)%</td>.*|\1:\2:\3:\4|p' \
    "$T/kpi.html")
isnt "$parts" "" "the cards' parts read"
is "$(printf '%s\n' "$parts" | awk -F: '$3 > 0 &&
    int(100 * $2 / $3 + 0.5) != $4' | head -3)" "" \
    "every part's share is its numbers' (N of M, N/M)"
g=$(awk -v c="$(f gamer comments)" -v j="$(f gamer junk)" \
    'BEGIN { printf "%d of %d, %.1f", c - j, c, 100 * (c - j) / c }')
is "$g" "4 of 34, 11.8" "gamer: 4 of his 34 comments are no junk"
is "$(f gamer clean_pct)" "${g##*, }" "and the TSV's clean_pct is their share"
like "$(cat "$T/kpi.html")" "<td>comments not junk</td><td class=\"num\">10</td><td class=\"num\">${g%%,*}</td><td class=\"num\">12%</td><td class=\"num\">1.2</td>" \
    "his card: comments not junk ${g%%,*}, 12 %, 1.2 points"
# The weekly chart starts at the launch's week (Monday 2.11): the week
# before it, cut to Sunday 1.11 by the period, is counted nowhere.  Its
# ticks: each Monday from the launch's to today's.
H=$(cat "$T/kpi.html")
trend=${H#*<figcaption>CRM-use score week by week}
trend=${trend%%</figure>*}
ticks=$(printf '%s\n' "$trend" | sed -n 's|.*text-anchor="middle">\([0-9][0-9]-[0-9][0-9]\)\**</text>|\1|p' |
    tr '\n' ' ')
want=
d=2026-11-02
while [ "$d" \< 2026-11-27 ]; do
	want="$want${d#2026-} "
	d=$(date -d "$d +7 days" +%F)
done
is "$ticks" "$want" "the weekly chart: from the launch's week to today's"
# The new hire's line begins at his first week, the 16.11 tick's place.
x16=$(printf '%s\n' "$trend" | sed -n 's|.* x="\([0-9.]*\)" .*>11-16</text>|\1|p')
like "$trend" "d=\"M$x16 [0-9.]+ L[0-9.]+ [0-9.]+ \"><title>newbie<" \
    "the new hire's line from his own start, 16.11"
# Nothing was paid in November: the scatter's axis is the 0 line and a
# note, not 0 to 1 rouble.
scat=${H#*<figcaption>CRM-use score and sum paid}
scat=${scat%%</figure>*}
is "$(printf '%s\n' "$scat" | grep -c 'text-anchor="end"')" 1 \
    "nothing paid: one tick up the side, 0"
like "$scat" '>nothing paid in the period yet</text>' "and a note saying so"
LC_ALL=ru_RU.UTF-8 CRM_USER=petrova kpi-report -a -d 2026-11 -o "$T/ru.html"
like "$(cat "$T/ru.html")" '>в периоде пока ничего не оплачено</text>' \
    "in Russian too"
# the new hire: judged from 16.11.
is "$(f newbie workdays)" "$WNEW" "new hire: working days from 16.11"
is "$(f newbie planned)" $((2 * NNEW)) "new hire: planned from 16.11"
like "$(f newbie reason)" "^from 16\.11: " "new hire: the reason says so"
# returned twice.
is "$(f back returns)" 2 "returned: two returns"
is "$(f back pts_returns)" "-4.0" "returned: 2 points each"
# A return is counted once, by its points: the two tasks done again the
# day after their first due date are not late as well.
is "$(f back late).$(f back ontime)" "0.$((2 * NALL - 2))" \
    "returned: the redone tasks are not also late"
bscore=$(awk -v w=$NALL -v wd="$(f back workdays)" 'BEGIN {
	printf "%.1f", 40 * 1 + 15 * 1 + 20 * w / wd + 15 * 1 + 10 * 1 - 4 }')
is "$(f back score)" "$bscore" "returned: $bscore, the weights less 2 a return"
# The ranking.
# rank: login and score of each manager's line, best first
rank() { awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["row"] == "person" { print $h["score"] "\t" $h["login"] "\t" \
	$h["verdict"] }' "$T/kpi.tsv" | sort -rn; }
is "$(rank | head -1 | cut -f2)" ivanov "the diligent manager ranks first"
# The late closer's score, counted here by the weights (crm-rules: 40
# on time, 15 ahead, 20 full plan, 15 fields, 10 clean): nothing on
# time, everything ahead and filled, every day but one full, no junk.
lscore=$(awk -v w=$NALL -v wd="$(f late workdays)" 'BEGIN {
	printf "%.1f", 40 * 0 + 15 * 1 + 20 * w / wd + 15 * 1 + 10 * 1 }')
is "$(f late score)" "$lscore" "late closer: $lscore, by the weights"
ok "$(awk -v a="$(f late score)" -v b="$(f gamer score)" \
    'BEGIN { print (a > b) ? 0 : 1 }')" \
    "the late closer, who does the work, ranks above the gamer"
ok "$(awk -F'\t' -v a="$(f back score)" -v b="$(f ivanov score)" \
    'BEGIN { print (a < b) ? 0 : 1 }')" "returns cost the returned one"
same "$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -a -d 2026-11 \
    -t)" "$(CRM_USER=petrova ran kpi-report -a -d 2026-11 -t)" \
    "the stored figures equal a count from scratch"
rank | sed 's/^/# /'

# The aligned view is for people: the gamer's verdict in words, in both
# languages; its code stays in the TSV.
is "$(f gamer verdict)" nodata "the TSV keeps the verdict's code"
run petrova kpi-report -a -d 2026-11 -p
like "$out" '^gamer +.* insufficient data +0 ' \
    "the table says 'insufficient data' where the TSV says nodata"
like "$out" '^gamer: insufficient data: from 02\.11: ' \
    "and so does the gamer's verdict line"
is "$(printf '%s\n' "$out" | grep -c nodata)" 0 "no code in the table view"
ru=$(LC_ALL=ru_RU.UTF-8 CRM_USER=petrova kpi-report -a -d 2026-11 -p)
like "$ru" '^gamer +.* мало данных +0 ' "in Russian: «мало данных»"
like "$ru" '^gamer: мало данных: с 02\.11: ' "its verdict line too"

# ---- the HTML report in a browser, as the head sees it ----
# Headless Chromium (one start) renders the report; the checks read the
# page as laid out (tests/data/kpi-page.py), not the file's text.  The
# whole page is kept as tests/tmp/kpi-archetypes.png to look at.
NB=10	# the browser's checks
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] ||
    ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	i=0
	while [ $i -lt $NB ]; do
		skip_one "chromium, chromium-driver or python3-selenium missing"
		i=$((i + 1))
	done
else
	mkdir -p "$TOP/tests/tmp"
	SHOT=$TOP/tests/tmp/kpi-archetypes.png
	rm -f "$SHOT"
	# (the browser without the moved clock's library, as tests/52)
	page=$($UNFAKE /usr/bin/python3 "$TOP/tests/data/kpi-page.py" \
	    "$T/kpi.html" "$SHOT" 2>"$T/py.err")
	ok $? "the browser opened the archetype month's report"
	[ -s "$T/py.err" ] && sed 's/^/# /' "$T/py.err"
	pg() { printf '%s\n' "$page" | jq -r "$1"; }
	# The team's thresholds, as crm-rules gives them to its head.
	rule() { CRM_USER=petrova crm-rules | awk -F'\t' -v r="$1" \
	    '$1 == r { print $2 }'; }
	R=$(rule kpi.reward) P=$(rule kpi.penalty)
	like "$(pg '.legend[0]')" \
	    "^Verdicts: reward at a score of $R or more; penalty below $P;" \
	    "the legend: the team's thresholds (reward at $R, penalty below $P)"
	is "$(pg '.legend | map(select(contains("by the team"))) | length')" \
	    0 "no other team's thresholds for anyone"
	like "$(pg '.cards.back.reason')" "score [0-9.]+ >= $R: " \
	    "a card's verdict line reads the same threshold"
	is "$(pg '.rows.gamer.badge + ", " + .cards.gamer.badge')" \
	    "v v-nodata, v v-nodata" \
	    "the gamer has no reward badge, in the summary nor on his card"
	is "$(pg '.rows.newbie.name')" "Менеджер newbie (from 16.11)" \
	    "the new hire's name says from when he is judged"
	like "$(pg '.cards.gamer.reason')" "; left out of the plan, their comments judged all the same: $NALL tasks made and done the same day, $FILL tasks with no client and no deal\$" \
	    "the gamer's card ends with what was left out of the plan, and why"
	is "$(pg '.cards.back.rows[] | select(startswith("returned"))')" \
	    "returned by the head||2 times||-4.0" \
	    "the returned manager's card: the row returned by the head"
	is "$(pg '.cards.ivanov.rows[] | select(startswith("returned"))')" "" \
	    "and none on the card of one never returned"
	[ -s "$SHOT" ]
	ok $? "the screenshot kept: tests/tmp/kpi-archetypes.png"
fi

# A return not yet done again waits (pending): not undone as well.
id=$(q "SELECT min(id) FROM task WHERE assignee_id = (SELECT id FROM person
    WHERE login = 'back') AND first_due = '2026-11-20'")
at "2026-11-25 18:00:00" petrova task-return -r 'нет суммы' "$id" 2026-11-27
run petrova kpi-report -a -d 2026-11 -t -H
printf '%s\n' "$out" > "$T/kpi.tsv"
is "$(f back returns).$(f back notdone).$(f back pending)" "3.0.1" \
    "a return waiting to be done again: pending, not undone"
is "$(f back ontime).$(f back late)" "$((2 * NALL - 3)).0" \
    "and in neither on time nor late"
same "$(CRM_KPI_SCRATCH=1 CRM_USER=petrova ran kpi-report -a -d 2026-11 \
    -t)" "$(CRM_USER=petrova ran kpi-report -a -d 2026-11 -t)" \
    "the stored figures equal a count from scratch, returns and all"


done_testing
