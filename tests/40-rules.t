#!/bin/sh
# crm-rules: defaults, set and reset, per-person and per-kind values,
# task kinds, the calendar and its import, who may change what, audit.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"

# Every key the library knows is in crm-rules(1), in both languages,
# and the page lists no key the library does not know: the keys of a
# new database's listing, and those that take a kind after them
# (lib/rulereg.c's "plan.min." and "fields.", "KEY Ns Ar kind" on the page).
keys=$(CRM_USER=ivanov crm-rules list -t | cut -f1)
sfx=$(sed -n 's/^	{ "\([a-z_.]*\.\)", R_.*/\1/p' "$TOP/lib/rulereg.c")
isnt "$sfx" "" "the keys that take a kind read from lib/rulereg.c"
printf '%s\n' $keys $sfx | sort -u > "$T/keys"
for page in man/crm-rules.1 man/ru/crm-rules.1; do
	# the items of the list of keys, one key a line
	sed -n '/^\.Bl -tag -width "junk.paste.days"/,/^\.El/p' "$TOP/$page" |
	    sed -n 's/^\.It Cm //p' | sed 's/ Ns Ar kind$//' | tr -d ',' |
	    tr ' ' '\n' | grep . | sort > "$T/items"
	is "$(comm -23 "$T/keys" "$T/items" | tr '\n' ' ')" "" \
	    "$page lists every key of the library"
	is "$(comm -13 "$T/keys" "$T/items" | tr '\n' ' ')" "" \
	    "$page lists no key the library does not know"
done

# A new database works with defaults.
run ivanov crm-rules list -t
is "$rc" 0 "anyone reads the regulations"
like "$out" "^plan.min	5	5	0	" "plan.min defaults to 5"
like "$out" "^rollout.steady	weekly	weekly	0	" "steady regime defaults"
run ivanov crm-rules
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" \
    "plan.min week.days junk.short junk.repeat junk.keyboard \
junk.noletters junk.title junk.paste junk.paste.days rollout.launch \
rollout.spot rollout.steady kpi.closed kpi.w.ontime kpi.w.advance kpi.w.fullplan \
kpi.w.fields kpi.w.junk kpi.reward kpi.penalty kpi.min_tasks kpi.return plan.filler \
review.all plan.heads \
remind.minutes remind.overdue entry.fields " \
    "no verb lists the registry"

# Set, per person, per kind, reset; each audited.
run petrova crm-rules set plan.min 4
is "$rc.$out" "0." "a head sets a rule, silently"
run root crm-rules set plan.min@smirnova 2
is "$rc" 0 "an admin sets a per-person value"
run root crm-rules set plan.min.call 3
is "$rc" 0 "a per-kind minimum"
run root crm-rules set plan.min.meeting@ivanov 1
is "$rc" 0 "a per-kind minimum for one person"
run ivanov crm-rules list -t
like "$out" "^plan.min	4	5	1	" "the value in effect and the default"
is "$(printf '%s\n' "$out" | grep -c '@\|plan.min.call')" 3 \
    "overrides are listed after the registry"
is "$(dbq "SELECT count(*) FROM audit WHERE entity = 'rule'")" 4 \
    "each change is in the audit log"
run root crm-log -t -k rule
like "$out" 'petrova	rule	0	set	\{"plan.min/petrova":\["5","4"\]\}' \
    "the audit entry says old and new (a head's value is their team's)"
run root crm-rules reset plan.min
is "$(dbq "SELECT count(*) FROM rule WHERE key = 'plan.min'")" 0 \
    "reset removes the stored value"
run root crm-rules list -t
like "$out" "^plan.min	5	5	0	" "back to the default"

fails ivanov 1 "only a head or an admin" "a manager changes a rule" \
    crm-rules set plan.min 1
fails director 1 "only a head or an admin" "a director changes a rule" \
    crm-rules set plan.min 1
fails root 1 "unknown rule 'plan.max'" "unknown key" \
    crm-rules set plan.max 1
fails root 1 "invalid value 'many' for rule 'plan.min'" "not a number" \
    crm-rules set plan.min many
fails root 1 "invalid value '2026-02-30'" "not a date" \
    crm-rules set rollout.launch 2026-02-30
fails root 1 "invalid value 'monthly'" "unknown regime" \
    crm-rules set rollout.steady monthly
fails root 1 "invalid value '1235z'" "bad working week" \
    crm-rules set week.days 1235z
fails root 1 "no per-person value for 'ivanov'" "junk rules are shared" \
    crm-rules set junk.short@ivanov 3
fails root 1 "no per-person value for 'nobody'" "unknown person" \
    crm-rules set plan.min@nobody 3
fails root 1 "unknown task kind 'visit'" "unknown kind" \
    crm-rules set plan.min.visit 1
fails root 2 "usage" "set without a value" crm-rules set plan.min

# Task kinds: required fields, and new kinds.
run ivanov crm-rules kinds -t
like "$out" "^call	1	0	0	0$" "a call needs a client"
like "$out" "^contract	1	1	0	0$" "a contract task needs a deal"
run root crm-rules kind visit client time note
is "$rc" 0 "a new kind"
run root crm-rules kind call client note
run ivanov crm-rules kinds -t
like "$out" "^call	1	0	0	1$" "a call now needs a note too"
is "$(printf '%s\n' "$out" | tail -1)" "visit	1	0	1	1" \
    "the new kind comes last"
is "$(dbq "SELECT action FROM audit WHERE entity = 'task_kind' ORDER BY id" | tr '\n' ' ')" \
    "add set " "kinds are audited"
run root crm-rules set plan.min.visit 1
is "$rc" 0 "a new kind may have a minimum"
fails root 1 "invalid task kind 'Визит'" "kind names are Latin" \
    crm-rules kind 'Визит' client
fails root 2 "invalid field 'phone'" "unknown field" \
    crm-rules kind call phone
fails ivanov 1 "only a head or an admin" "a manager adds a kind" \
    crm-rules kind x

# The calendar: holidays and working Saturdays.
run root crm-rules day 2026-11-04 off 'День народного единства'
is "$rc" 0 "mark a holiday"
run root crm-rules day 2026-11-28 work
is "$rc" 0 "mark a working Saturday"
run ivanov crm-rules days -a -t 2026-11-02..2026-11-08
is "$out" "2026-11-02	mon	1		
2026-11-03	tue	1		
2026-11-04	wed	0	День народного единства	hand
2026-11-05	thu	1		
2026-11-06	fri	1		
2026-11-07	sat	0		
2026-11-08	sun	0		" "every day of a week with the holiday"
run ivanov crm-rules days -t 2026-11
is "$out" "2026-11-04	wed	0	День народного единства	hand
2026-11-28	sat	1		hand" "only the calendar's entries"
run root crm-rules day 2026-11-28 reset
run ivanov crm-rules days -t 2026-11
is "$(printf '%s\n' "$out" | wc -l)" 1 "reset removes an entry"
is "$(dbq "SELECT action FROM audit WHERE entity = 'calendar' ORDER BY id" | tr '\n' ' ')" \
    "set set reset " "calendar changes are audited"
fails root 2 "invalid date '2026-11-31'" "bad date" \
    crm-rules day 2026-11-31 off
fails root 2 "usage" "bad day kind" crm-rules day 2026-11-30 holiday
fails root 1 "invalid calendar note" "control characters in a note" \
    crm-rules day 2026-11-30 off "$(printf 'a\033b')"

# Import: a year's production calendar, all or nothing.
cat > "$T/cal" <<'CAL'
# production calendar 2027 (part)
2026-12-31 off Новогодние каникулы
2027-01-01 off Новогодние каникулы
2027-01-08 off Новогодние каникулы

2027-01-09 work   перенос с 3 января
CAL
run root crm-rules import "$T/cal"
is "$rc.$out" "0." "import a file, silently"
is "$(dbq "SELECT day || ' ' || working || ' ' || coalesce(note, '') FROM calendar WHERE day >= '2026-12-01' ORDER BY day")" \
"2026-12-31 0 Новогодние каникулы
2027-01-01 0 Новогодние каникулы
2027-01-08 0 Новогодние каникулы
2027-01-09 1 перенос с 3 января" "the entries imported"
printf '2026-11-30 off\n2026-11-31 off\n' > "$T/bad"
fails root 1 "line 2: invalid date '2026-11-31'" "a bad line: nothing" \
    crm-rules import "$T/bad"
printf '2026-11-30 off\n2026-12-01 holiday\n' > "$T/bad"
fails root 1 "line 2: invalid day kind 'holiday'" "a bad kind: nothing" \
    crm-rules import "$T/bad"
printf '2026-12-30 off Предпраздничный\n' |
    CRM_USER=root crm-rules import
is "$(dbq "SELECT working FROM calendar WHERE day = '2026-12-30'")" \
    0 "import from standard input"
fails ivanov 1 "only a head or an admin" "a manager imports" \
    crm-rules import "$T/cal"

# The EXAMPLES of crm-rules(1).
run root crm-rules set plan.min@smirnova 3
is "$rc" 0 "example: a part-timer"
run root crm-rules set plan.min.call 5
is "$rc" 0 "example: five calls a day"
run root crm-rules kind contract client deal
is "$rc" 0 "example: a contract task needs a deal"
printf '2027-02-23 off День защитника Отечества\n' |
    CRM_USER=root crm-rules import -
is "$?" 0 "example: import from a pipe"
run root crm-rules days -a 2027-W08
is "$(printf '%s\n' "$out" | grep -c '	0	')" 3 \
    "example: the week has three days off"
run petrova crm-rules -p
golden rules-list.txt "$out"

done_testing
