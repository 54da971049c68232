#!/bin/sh
# The demo (make demo, the README's first command) on whatever day it
# runs: its day is the last working day before today by the production
# calendar, so that the morning view has that day's plan and the head's
# view the whole team, on a weekend and a holiday too.  The demo day is
# counted here another way (data/calendar-ru.tsv read by this test), from
# the clock the test reads: date(1), which make sweep moves.  A day given
# is the demo's day, or the working day before it.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP the demo runs as root"; exit 0; }

# offday DAY: true if DAY is a day off by the calendar file.
offday() {
	_k=$(grep "^$1	" "$TOP/data/calendar-ru.tsv" | cut -f2 | tail -1)
	[ "$_k" = off ] && return 0
	[ "$_k" = work ] && return 1
	[ "$(date -d "$1" +%u)" -gt 5 ]
}
want=$(date -d "$(date +%F) -1 day" +%F)
while offday "$want"; do
	want=$(date -d "$want -1 day" +%F)
done

sh "$TOP/tests/demo.sh" "$CRM_DB" > "$T/demo.out" 2> "$T/demo.err"
ok $? "the demo runs on $(date '+%a %F %T %Z')"
[ -s "$T/demo.err" ] && sed 's/^/# /' "$T/demo.err"
like "$(head -1 "$T/demo.out")" "^== The demo's day: [A-Za-z]+ $want, 09:00 " \
    "its day: the last working day before today, $want"
morning=$(sed -n '/^== The morning of a manager/,/^$/p' "$T/demo.out")
like "$morning" "^$want, today" "the morning view is of the demo's day"
like "$morning" "[1-9][0-9]* today" "and has the day's tasks"
ok "$(printf '%s\n' "$morning" | grep -q 'nothing planned'; [ $? -eq 1 ];
    echo $?)" "and does not say that nothing is planned"
team=$(sed -n '/^== The head looks at the whole team/,/^== Tomorrow/p' \
    "$T/demo.out")
for m in ivanov smirnova kuznetsov volkova; do
	like "$team" "$m" "the head's view: $m"
done
kpi=$(sed -n '/^== CRM use next to sales/,$p' "$T/demo.out")
like "$kpi" "ivanov.*[0-9]" "the KPI report has figures"
# The good managers write real results, each its own: none of their
# comments is junk; kuznetsov's words ("ок", ".") mostly are; and so the
# KPI shows a good manager and a bad one.
start=$(date -d "$want -28 days" +%F)
CRM_NOW="$want 09:00:00" CRM_USER=petrova kpi-report -a -t -H \
    -d "$start..$want" > "$T/kpi.tsv"
f() { awk -F'\t' -v l="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++)
	h[$i] = i; next } $2 == l { print $h[c] }' "$T/kpi.tsv"; }
for m in ivanov smirnova volkova; do
	is "$(f $m junk)" 0 "$m: no junk among $(f $m comments) comments"
done
ok "$(awk -v j="$(f kuznetsov junk)" -v c="$(f kuznetsov comments)" \
    'BEGIN { print (c > 0 && 2 * j > c) ? 0 : 1 }')" \
    "kuznetsov: most of his comments are junk ($(f kuznetsov junk) of $(f kuznetsov comments))"
is "$(f ivanov verdict)" reward "the diligent ivanov earns the reward"
isnt "$(f kuznetsov verdict)" reward "kuznetsov does not"
CRM_NOW="$want 09:00:00"
open=$(CRM_USER=ivanov ran task-today -t | awk -F '\t' '$5 != "done"' | wc -l)
[ "$open" -gt 0 ]
ok $? "the morning has open tasks ($open)"
same "$open" \
    "$(CRM_USER=ivanov ran task-list -t "$want" "$want" |
    awk -F '\t' '$5 != "done"' | wc -l)" \
    "the morning's open tasks are the day's plan"

# A day given: that day, or the working day before it (a Sunday: Friday);
# in a file of SQLite's on either backend, the choice of the day the same.
# Not the clock's: the calendar sweep (CRM_TEST_AT) passes it over.
if [ -n "$CRM_TEST_AT" ]; then
	skip_one "a day given: the clock plays no part"
	skip_one "a Sunday given: the clock plays no part"
else
	sh "$TOP/tests/demo.sh" "$T/demo2.db" 2026-11-29 > "$T/demo2.out" 2>&1
	ok $? "the demo of a day given"
	like "$(head -1 "$T/demo2.out")" \
	    "^== The demo's day: Friday 2026-11-27, " \
	    "a Sunday given: the Friday before"
fi
sh "$TOP/tests/demo.sh" "$T/demo3.db" 2026-13-01 > "$T/demo3.out" 2>&1
is "$?" 2 "an impossible day: exit 2"
like "$(cat "$T/demo3.out")" "invalid day '2026-13-01'" "and says so"

done_testing
