#!/bin/sh
# Repeating tasks: each occurrence a task of its own, made four weeks
# ahead and extended as days pass; working days from the calendar.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
# 2026-11-26 is a Thursday; 1 December a day off in the calendar.
dbq "INSERT INTO calendar (day, working, note)
    VALUES ('2026-12-01', 0, 'test holiday')"
# A call needs its client (tests/39-entry.t).
CRM_USER=ivanov client-add 'ООО Ромашка' >/dev/null
CRM_USER=smirnova client-add 'ЗАО Лютик' >/dev/null

# sid_of OUT: the series of the first task id task-add printed.
sid_of() { q "SELECT series_id FROM task WHERE id = $(printf '%s\n' "$1" |
    head -1)"; }
run ivanov task-add -R workday -k call -c Ромашка -T 09:00 'Обзвон базы'
is "$rc" 0 "a daily series"
sid=$(sid_of "$out")
is "$sid" 1 "the series made"
is "$out" "$(q "SELECT id FROM task WHERE series_id = $sid
    ORDER BY due_date, id")" "its task ids are printed, one a line"
is "$(q "SELECT count(*), min(due_date), max(due_date) FROM task
    WHERE series_id = $sid")" "20|2026-11-26|2026-12-24" \
    "every working day for four weeks (21 weekdays less the holiday)"
is "$(q "SELECT count(*) FROM task WHERE series_id = $sid
    AND due_date = '2026-12-01'")" 0 "the day off is skipped"
is "$(q "SELECT DISTINCT kind || ' ' || due_time || ' ' || author_id
    FROM task WHERE series_id = $sid")" "call 09:00 4" \
    "each occurrence a task with the series' fields"

run petrova task-add -R mon,thu -u smirnova -d 2026-11-30 -E 2026-12-10 \
    'Планёрка'
is "$(dbjoin ' ' "SELECT due_date FROM task
    WHERE series_id = $(sid_of "$out") ORDER BY due_date")" \
    "2026-11-30 2026-12-03 2026-12-07 2026-12-10" \
    "weekly on given days, up to the end date"
is "$(q "SELECT DISTINCT assignee_id || ' ' || author_id FROM task
    WHERE series_id = $(sid_of "$out")")" "5 2" \
    "a head's series for a manager"

run ivanov task-add -R monthly:31 'Отчёт за месяц'
is "$(dbjoin ' ' "SELECT due_date FROM task
    WHERE series_id = $(sid_of "$out")")" "2026-11-30" \
    "monthly on the 31st: the month's last day"
run ivanov task-add -R monthly:5 -d 2026-12-01 'Сверка'
m5=$(sid_of "$out")
is "$(dbjoin ' ' "SELECT due_date FROM task
    WHERE series_id = $m5")" "2026-12-07" \
    "monthly on a Saturday: the next working day"

fails ivanov 1 "may not give tasks to 'smirnova'" "a colleague's series" \
    task-add -R workday -u smirnova X
fails ivanov 1 "invalid repeat 'daily'" "bad rule" task-add -R daily X
fails ivanov 1 "invalid repeat 'monthly:32'" "bad day" \
    task-add -R monthly:32 X
fails ivanov 1 "ends before it starts" "end before start" \
    task-add -R workday -E yesterday X
fails ivanov 2 "needs -R" "-e without -R" task-add -E tomorrow X

# A week on, the view extends the series (31 December 2026 is a day off
# in the shipped production calendar).
CRM_NOW="2026-12-03 09:00:00" CRM_USER=ivanov task-today >/dev/null
is "$(q "SELECT max(due_date) FROM task WHERE series_id = $sid")" \
    "2026-12-30" "task-today made the next occurrences"
is "$(q "SELECT made_until FROM task_series WHERE id = $m5")" \
    "2026-12-31" "made_until kept"
run ivanov task-today -d 2026-11-27 -t
is "$(printf '%s\n' "$out" | cut -f5,10 | grep -c "	$sid\$")" 2 \
    "the series shows in its own column (yesterday's overdue, today's)"
# A missed Monday stays missed.
CRM_NOW="2026-12-01 09:00:00" CRM_USER=ivanov task-today -t >"$T/v"
is "$(grep '	overdue	.*Обзвон базы' "$T/v" | cut -f3,9 | tr '\n' ' ')" \
    "2026-11-26	5 2026-11-27	4 2026-11-30	1 " \
    "each missed occurrence, Monday's too, is overdue on its own"

# Stop a series: the open occurrences after today are cancelled.
fails smirnova 1 "$(hidden "$sid" "may not change the work of 'ivanov'" series)" \
    "stopping another's series" task-cancel -R -r x "$sid"
run ivanov task-cancel -R -r 'кампания закончилась' "$sid"
is "$rc" 0 "series stopped"
is "$(q "SELECT count(*) FROM task WHERE series_id = $sid
    AND state = 'open' AND due_date > '2026-11-26'")" 0 \
    "no open occurrence left after today"
is "$(q "SELECT count(*) FROM task WHERE series_id = $sid
    AND state = 'open'")" 1 "today's stays"
CRM_NOW="2026-12-20 09:00:00" CRM_USER=ivanov task-today >/dev/null
is "$(q "SELECT count(*) FROM task WHERE series_id = $sid
    AND due_date > '2026-12-31'")" 0 "a stopped series makes no more"
fails ivanov 1 "already stopped" "stop twice" task-cancel -R -r x "$sid"

# EXAMPLES from the manual.
run ivanov task-add -R workday -T 09:00 'Разобрать почту'
is "$rc" 0 "example: every working day"
run petrova task-add -R mon,wed -u smirnova -E 2026-12-31 -k call \
    -c Лютик 'Обзвон'
is "$rc" 0 "example: weekly"
run ivanov task-add -R monthly:25 -k other 'Сдать отчёт'
is "$rc" 0 "example: monthly"

# A series made after its time of day starts on the next working day:
# at 17:10 on Thursday, "-T 09:00" begins on Friday, not overdue today.
CRM_NOW="2026-11-26 17:10:00" run ivanov task-add -R workday -T 09:00 \
    'Планёрка утром'
is "$(q "SELECT min(due_date) FROM task WHERE series_id = $(sid_of "$out")")" \
    "2026-11-27" "made at 17:10 with -T 09:00: from the next working day"
CRM_NOW="2026-11-26 08:00:00" run ivanov task-add -R workday -T 09:00 \
    'Планёрка с утра'
is "$(q "SELECT min(due_date) FROM task WHERE series_id = $(sid_of "$out")")" \
    "2026-11-26" "made at 08:00 with -T 09:00: from today"

done_testing
