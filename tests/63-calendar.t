#!/bin/sh
# The shipped production calendar: dates from the government's decrees
# (data/calendar-ru.tsv cites each), the yearly counts of working days
# published with them, a new database starting with it, crm-rules
# calendar load for an existing one, and hand-made days winning.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
# working SPEC: "1" or "0" for the day from crm-rules days -a.
working() {
	CRM_USER=ivanov crm-rules days -a -t "$1..$1" | cut -f3
}

is "$(q "SELECT count(*) FROM calendar WHERE source = 'decree'")" \
    "$(grep -c '^20[0-9-]*	' "$TOP/data/calendar-ru.tsv")" \
    "a new database starts with every day of the shipped calendar"
is "$(q "SELECT count(*) FROM audit WHERE entity = 'calendar'")" 0 \
    "the calendar of a new database is not an audited change"

# ПП РФ от 10.08.2023 N 1314: working Saturdays 27 April, 2 November and
# 28 December 2024; 6 January (Sat) moved to Friday 10 May.
for d in 2024-04-27 2024-11-02 2024-12-28; do
	is "$(working $d)" 1 "$d, a Saturday, is a working day (N 1314)"
done
for d in 2024-04-29 2024-04-30 2024-05-10 2024-12-30 2024-12-31; do
	is "$(working $d)" 0 "$d is a day off (N 1314)"
done
# ПП РФ от 04.10.2024 N 1335: 4 January 2025 to Friday 2 May, 23
# February to Thursday 8 May, 8 March to Friday 13 June; Saturday 1
# November worked for Monday 3 November.
for d in 2025-05-02 2025-05-08 2025-06-13 2025-11-03 2025-12-31; do
	is "$(working $d)" 0 "$d is a day off (N 1335)"
done
is "$(working 2025-11-01)" 1 "2025-11-01, a Saturday, is worked (N 1335)"
is "$(working 2025-02-24)" 1 "2025-02-24 is worked: 23 February moved to May"
# ПП РФ от 24.09.2025 N 1466: the New Year holidays 1-11 January 2026
# (3 and 4 January moved to 9 January and 31 December); 8 March and
# 9 May fall on a weekend and move to the Monday after (ТК РФ ст. 112).
is "$(CRM_USER=ivanov crm-rules days -a -t 2026-01-01..2026-01-12 |
    cut -f3 | tr -d '\n')" "000000000001" \
    "the New Year holidays of 2026: 1 to 11 January"
for d in 2026-01-09 2026-03-09 2026-05-11 2026-12-31; do
	is "$(working $d)" 0 "$d is a day off (N 1466, art. 112)"
done
is "$(working 2025-12-31)$(working 2026-01-12)" "01" \
    "the year turns: 31 December 2025 off, 12 January 2026 worked"

# The counts of working days in the published production calendars
# (five-day week): 248 in 2024, 247 in 2025 and in 2026.
for y in 2024:248 2025:247 2026:247; do
	is "$(CRM_USER=ivanov crm-rules days -a -t ${y%:*} |
	    awk -F '\t' '$3 == 1' | wc -l)" "${y#*:}" \
	    "${y%:*} has ${y#*:} working days"
done

# The tools follow it: a daily series skips the holidays.
CRM_NOW="2026-12-28 09:00:00" CRM_USER=ivanov task-add -R workday \
    -E 2026-12-31 'Обзвон' >/dev/null
is "$(dbjoin ' ' "SELECT due_date FROM task")" \
    "2026-12-28 2026-12-29 2026-12-30" \
    "a daily series skips 31 December 2026 (N 1466)"

# Hand-made days win over the shipped ones, on every load.
run root crm-rules day 2026-12-31 work 'годовой отчёт'
is "$rc" 0 "an admin makes 31 December a working day"
run root crm-rules calendar load
is "$rc.$errout" "0." "crm-rules calendar load"
is "$(q "SELECT working || '|' || note || '|' || source FROM calendar
    WHERE day = '2026-12-31'")" "1|годовой отчёт|hand" \
    "the load leaves the hand-made day as it was"
run root crm-rules day 2026-12-31 reset
run root crm-rules calendar load
is "$(q "SELECT working || '|' || source FROM calendar
    WHERE day = '2026-12-31'")" "0|decree" \
    "a reset day gets the decree's entry back on the next load"
is "$(q "SELECT action || ' ' || detail FROM audit WHERE entity = 'calendar'
    AND action = 'load' LIMIT 1")" \
    'load {"file":"(built in)","days":60}' "one audit entry a load"

# An existing database (the days deleted as if it predated them) gets
# the calendar with one command; a newer file adds a year as data only.
q "DELETE FROM calendar WHERE source = 'decree'"
is "$(working 2026-01-09)" 1 "without the calendar, 9 January is worked"
run root crm-rules calendar load
is "$(working 2026-01-09)" 0 "crm-rules calendar load brings it back"
{ cat "$TOP/data/calendar-ru.tsv"; printf '2027-01-01\toff\tНовый год\n'; } \
    > "$T/next.tsv"
run root crm-rules calendar load "$T/next.tsv"
is "$rc" 0 "load a newer file"
is "$(q "SELECT source FROM calendar WHERE day = '2027-01-01'")" "decree" \
    "the next year is a line of data"
like "$(q "SELECT detail FROM audit WHERE action = 'load'
    ORDER BY id DESC LIMIT 1")" "next.tsv" "the audit entry names the file"

# A database made before the calendar shipped is upgraded, not filled:
# its days stay as they were (hand-made), until an admin loads it.
if sqlite_only "tests/data/v1.db is a SQLite file of schema 1"; then
cp "$TOP/tests/data/v1.db" "$T/v1.db"
CRM_USER=root crm-user list -f "$T/v1.db" > /dev/null
is "$(dbq -f "$T/v1.db" "SELECT count(*) FROM calendar")" 0 \
    "an upgraded database gets no calendar by itself"
CRM_USER=root crm-rules calendar load -f "$T/v1.db"
is "$(dbq -f "$T/v1.db" "SELECT count(*) FROM calendar
    WHERE source = 'decree'")" 60 "crm-rules calendar load -f fills it"
fi

# Refusals change nothing.
fails ivanov 1 "head" "a manager may not load the calendar" \
    crm-rules calendar load
printf '2027-01-02 off\n2027-13-01 off\n' > "$T/bad.tsv"
fails root 1 "line 2: invalid date '2027-13-01'" "a bad line" \
    crm-rules calendar load "$T/bad.tsv"
fails root 2 "usage" "an unknown calendar verb" crm-rules calendar drop

# EXAMPLES from the manual.
run root crm-rules calendar load
is "$rc" 0 "crm-rules(1) example: load"
run ivanov crm-rules days 2026-01
is "$(printf '%s\n' "$out" | wc -l)" 9 \
    "crm-rules(1) example: the January days of 2026"

done_testing
