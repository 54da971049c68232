#!/bin/sh
# crm-digest: the manager's and the head's digests against golden files
# and against counts made with SQL; width, escaping, days off, who may
# read whose digest, and the man page's examples.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"
TZ=UTC
export TZ

# The widest line, in display columns.
widest() {
	printf '%s\n' "$1" | python3 -c 'import sys, unicodedata as u
print(max(sum(0 if u.combining(c) else 2 if u.east_asian_width(c) in "WF"
    else 1 for c in l.rstrip("\n")) for l in sys.stdin))'
}
# The count in a heading "Title (N):", or 0 for "Title: none".
count() {
	printf '%s\n' "$1" |
	    sed -n "s/^$2 (\([0-9]*\)):\$/\1/p; s/^$2: none\$/0/p"
}

run root crm-digest -u ivanov
is "$rc" 0 "a manager's digest"
golden digest-manager.txt "$out"
is "$(count "$out" 'Today')" "$(q "SELECT count(*) FROM task
    WHERE assignee_id = 4 AND due_date = '2026-11-26'
    AND state <> 'cancelled'")" "today's tasks: the count by SQL"
is "$(count "$out" 'Overdue')" "$(q "SELECT count(*) FROM task
    WHERE assignee_id = 4 AND due_date < '2026-11-26'
    AND state = 'open'")" "overdue: the count by SQL"
is "$(count "$out" 'Done 25.11 (Wed)')" "$(q "SELECT count(*) FROM task
    WHERE assignee_id = 4 AND closed_at LIKE '2026-11-25%'
    AND state = 'done'")" "done yesterday: the count by SQL"
is "$(count "$out" 'Deals with no next step')" "$(q "SELECT count(*)
    FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.manager_id = 4
    AND s.outcome = 'open' AND d.id NOT IN (SELECT deal_id FROM task
    WHERE state = 'open' AND deal_id IS NOT NULL)")" \
    "deals with no next step: the count by SQL"
is "$(printf '%s\n' "$out" | sed -n '/^Today/,/^$/p' | sed 1d |
    cut -c3-7 | tr '\n' ,)" "09:30,15:00,     ,," \
    "today's tasks by time, untimed last"
same "$(printf '%s\n' "$out" | sed -n '/^Plan check/,$p' | tail -n +2)" \
    "$(plan-check -u ivanov -d today -t | awk -F'\t' '$3 != "overdue" {
    printf "  %s%s: %s\n", $3, $4 != "" ? " #" $4 : "", $5 }')" \
    "the plan findings are plan-check's, overdue aside"
like "$out" "пос…$" "a long title is cut with an ellipsis"
is "$(widest "$out")" 78 "no line wider than 78 columns"

run root crm-digest -u petrova
is "$rc" 0 "a head's digest"
golden digest-head.txt "$out"
is "$(printf '%s\n' "$out" | grep '^Иванов Пётр  ' | tr -s ' ' |
    cut -d' ' -f3-5)" "$(q "SELECT (SELECT count(*) FROM task WHERE
    assignee_id = 4 AND due_date = '2026-11-26' AND state <> 'cancelled'),
    (SELECT count(*) FROM task WHERE assignee_id = 4 AND state = 'open'
    AND due_date < '2026-11-26'), (SELECT count(*) FROM task WHERE
    assignee_id = 4 AND state = 'done' AND closed_at LIKE '2026-11-25%')" |
    tr '|' ' ')" "the team line of a manager: the counts by SQL"
is "$(printf '%s\n' "$out" | sed -n '/^Need attention/,/^$/p' | sed -n 2,3p |
    cut -d: -f2 | tr -d ' ')" "empty
overdueby3days#1" "problems worst first: an empty day, the longest overdue"
like "$out" "  daily: Смирнова Ольга" "the rollout's controls due today"
[ "$(widest "$out")" -le 78 ]
ok $? "no line of the head's digest wider than 78"

run root crm-digest -u kozlov
like "$out" 'Красный\\033\[31m текст' "free text is escaped"

# Days off: nothing, unless forced.
CRM_NOW="2026-11-28 08:30:00" run root crm-digest -a
is "$rc.$out" "0." "a Saturday: nothing"
CRM_NOW="2026-11-28 08:30:00" run root crm-digest -O -u ivanov
like "$out" "^Иванов Пётр: Saturday, 28 November 2026" "-f: a digest anyway"
CRM_USER=root crm-rules day 2026-11-26 off 'праздник'
run root crm-digest -a -m
is "$rc.$out" "0." "a holiday of the calendar: nothing"
dbq "DELETE FROM calendar"

# Everyone: managers and heads, each one digest.
run root crm-digest -a
is "$(printf '%s\n' "$out" | grep -c ' 26 November 2026$')" \
    "$(q "SELECT count(*) FROM person WHERE active = 1
    AND role IN ('manager', 'head')")" "-a: one digest each"

# Who may read whose digest.
run ivanov crm-digest
like "$out" "^Иванов Пётр: Thursday" "a manager reads their own"
fails ivanov 1 "may not see the work of 'smirnova'" "another's digest" \
    crm-digest -u smirnova
run petrova crm-digest -u ivanov
is "$rc" 0 "a head reads the team's"
fails petrova 1 "may not see the work of 'kozlov'" "another team" \
    crm-digest -u kozlov
fails root 1 "no digest for 'director': only managers and heads" \
    "a director gets none" crm-digest -u director
fails root 1 "no such person 'nobody'" "an unknown person" \
    crm-digest -u nobody
fails root 2 "usage" "-a with -u" crm-digest -a -u ivanov
fails root 2 "invalid date 'вчерашний'" "a bad date" \
    crm-digest -d вчерашний

# Mail: one message to standard output.
run root crm-digest -m -F 'ЦРМ <crm@example.ru>' -u ivanov
golden digest-ivanov.eml "$out"
like "$out" "^To: =\?UTF-8\?B\?[^ ]*\?= <ivanov@example.ru>$" "To: the e-mail"
# The department's zone gives the offset; the caller's TZ does not.
ZONE=$(CRM_USER=root crm-rules zone)
CRM_USER=root crm-rules zone Europe/Moscow
TZ=Asia/Tokyo run root crm-digest -m -F crm@example.ru -u ivanov
like "$out" "^Date: Thu, 26 Nov 2026 09:00:00 \+0300$" "Date: the zone's offset"
CRM_USER=root crm-rules zone "$ZONE"
fails root 1 "no e-mail address for 'smirnova'" "no e-mail" \
    crm-digest -m -u smirnova
fails root 1 "invalid e-mail address 'crm at example'" "a bad sender" \
    crm-digest -m -F 'crm at example' -u ivanov

# Sending: a stub sendmail keeps each message it is given.
mkdir "$T/bin" "$T/sent"
cat > "$T/bin/sendmail" <<STUB
#!/bin/sh
[ "\$*" = "-t" ] || exit 64
cat > "$T/sent/\$(ls "$T/sent" | wc -l).eml"
STUB
chmod +x "$T/bin/sendmail"
PATH="$T/bin:$PATH" run root crm-digest -a -M -F crm@example.ru
is "$rc" 1 "-s: exit 1 when someone has no e-mail"
is "$(ls "$T/sent" | wc -l)" 2 "-s: one message per person with an e-mail"
like "$errout" "no e-mail address for 'smirnova'" "-s: the others named"
is "$(cat "$T/sent"/*.eml | grep -o '<[a-z]*@example.ru>' | sort |
    tr -d '<>' | tr '\n' ' ')" "ivanov@example.ru petrova@example.ru " \
    "-s: the recipients"
run root crm-digest -S false -u ivanov
is "$rc" 1 "-S: a failing command: exit 1"
like "$errout" "ivanov: 'false' failed" "-S: a failing command is named"

# The examples of the man page, everyone with an e-mail address.
for u in sidorov smirnova kozlov; do
	CRM_USER=root crm-user set $u email $u@example.ru
done
sed -n '/^\.Sh EXAMPLES/,/^\.Sh/p' "$TOP/man/crm-digest.1" |
    sed -n 's/^\.Dl \$ //p' | sed 's/\\-/-/g' > "$T/examples"
is "$(wc -l < "$T/examples")" 4 "the man page has four examples"
while IFS= read -r ex; do
	PATH="$T/bin:$PATH" CRM_USER=root sh -c "$ex" > /dev/null 2>&1
	ok $? "example: $ex"
done < "$T/examples"

done_testing
