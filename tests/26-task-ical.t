#!/bin/sh
# task-list -i and task-today -i: tasks as iCalendar (RFC 5545), read
# back with a real parser (Debian's python3-icalendar) and checked against
# the database; the line format (CRLF, folding at 75 octets between whole
# UTF-8 characters) checked byte by byte; one small calendar golden.
. "$(dirname "$0")/lib.sh"

# Debian's python, not one of a version manager earlier in PATH.
PY=/usr/bin/python3
if ! $PY -c 'import icalendar' 2>/dev/null; then
	echo "# python3-icalendar is missing: apt-get install python3-icalendar"
	ok 1 "python3-icalendar is installed"
	done_testing
	exit 1
fi
# The department works in Moscow time; the caller's TZ changes nothing.
TZ=Asia/Tokyo
export TZ

department
CRM_USER=root crm-rules zone Europe/Moscow || exit 1
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО \"Ромашка\", филиал; Юг',
    'ооо \"ромашка\", филиал; юг', '$CRM_NOW', 2),
    (2, 'ИП Лютик', 'ип лютик', '$CRM_NOW', 3)"
q() { dbq "$1"; }
add() { _u=$1; shift; CRM_USER=$_u task-add "$@" >/dev/null; }

LONG='Подготовить коммерческое предложение для Ромашки по поставке'
LONG="$LONG оборудования на 1 квартал 2027"
CRM_NOW="2026-11-20 09:00:00" add ivanov -d 2026-11-24 'Старый звонок' # 1
add ivanov -k call -c 1 -T 10:30 -n 'Спросить про объём, цену; сроки' \
    'Позвонить Ромашке, уточнить; объём'			# 2
add ivanov -d 2026-11-30 "$LONG"				# 3
add ivanov -d 2026-12-03 -k meeting -c 1 -T 15:00 'Встреча в декабре'	# 4
add ivanov -d 2026-12-10 'Отменённая'				# 5
add smirnova 'Задача Смирновой'					# 6
add kozlov -d 2026-11-27 -k call -c 2 -T 11:00 -n 'Тел. 8-800' 'Звонок, Лютик' # 7
add kozlov -d 2026-11-30 'Отчёт \ за ноябрь'			# 8
# A note over several lines (as an import may bring), with a backslash.
dbq "UPDATE task SET note = 'первая строка
вторая \\ строка' WHERE id = 3"
CRM_NOW="2026-11-26 17:45:00" CRM_USER=ivanov task-done \
    -r 'Договорились, отправлю КП' 2
CRM_USER=ivanov task-cancel -r 'клиент закрылся; всё' 5
CRM_USER=kozlov task-cancel -r 'не нужно' 8

# Calendars to read, each in $T/NAME.ics.
ics() {
	_name=$1
	shift
	run "$@"
	is "$rc" 0 "$_name: $2 runs"
	printf '%s\n' "$out" > "$T/$_name.ics"
}
ics ivanov ivanov task-list -i
ics today ivanov task-today -i
ics team petrova task-today -a -i
ics cancelled director task-list -a -i -s cancelled
ics empty ivanov task-list -j -i 2026-12-20 2026-12-31
# EXAMPLES from the manuals, run where they write.
(cd "$T" && CRM_USER=petrova task-list -i -u ivanov 2026-12-01 2026-12-31 \
    > ex-list.ics && CRM_USER=ivanov task-today -i > ex-today.ics)
is "$?" 0 "the examples run"

# The parser reads them all in one run: for each NAME.ics, lines
# "NAME.ics:" then its properties, then one line a VTODO in file order.
cat > "$T/read.py" <<'EOF'
import sys
import icalendar

def lines(data):
    cal = icalendar.Calendar.from_ical(data)
    out = []
    for k in ('VERSION', 'PRODID', 'CALSCALE', 'METHOD'):
        out.append('%s=%s' % (k, cal.get(k)))
    todos = [c for c in cal.subcomponents if c.name == 'VTODO']
    out.append('components=%d todos=%d' %
        (len(cal.subcomponents), len(todos)))
    for t in todos:
        due = t['DUE'].dt
        floating = getattr(due, 'tzinfo', None) is None
        done = t.get('COMPLETED')
        out.append('|'.join([
            str(t['UID']), str(t['SUMMARY']), str(t['STATUS']),
            str(due), 'floating' if floating else 'zoned',
            t['CATEGORIES'].to_ical().decode(),
            done.dt.strftime('%Y-%m-%d %H:%M:%S %Z') if done else '',
            t['DTSTAMP'].dt.strftime('%Y-%m-%d %H:%M:%S %Z'),
            str(t['DESCRIPTION']).replace('\n', '/')]))
    return out

out = []
for name in sys.argv[1:]:
    with open(name, 'rb') as f:
        out += [name + ':' + l for l in lines(f.read())]
sys.stdout.buffer.write(('\n'.join(out) + '\n').encode('utf-8'))
EOF
(cd "$T" && $PY read.py ivanov.ics today.ics team.ics cancelled.ics \
    empty.ics ex-list.ics ex-today.ics) > "$T/parsed"
is "$?" 0 "python3-icalendar reads every calendar"
cal() { sed -n "s/^$1.ics://p" "$T/parsed"; }
todos() { cal "$1" | sed 1,5d; }
uids() { todos "$1" | cut -d'|' -f1 | sort | tr '\n' ' '; }
# The same fields from the database.
want() {
	q "SELECT 'task-' || t.id || '@crm.local', t.title,
	    CASE t.state WHEN 'done' THEN 'COMPLETED'
	    WHEN 'cancelled' THEN 'CANCELLED' ELSE 'NEEDS-ACTION' END,
	    t.due_date || coalesce(' ' || t.due_time || ':00', ''),
	    'floating', t.kind
	    FROM task t JOIN person p ON p.id = t.assignee_id
	    WHERE $1 ORDER BY p.login, t.due_date, t.due_time IS NULL,
	    t.due_time, t.id"
}

is "$(cal ivanov | sed -n 1,4p | tr '\n' ' ')" \
    "VERSION=2.0 PRODID=-//crm//task-list//EN CALSCALE=GREGORIAN METHOD=PUBLISH " \
    "VERSION, PRODID, CALSCALE, METHOD"
is "$(cal ivanov | sed -n 5p)" \
    "components=$(q "SELECT count(*) FROM task WHERE assignee_id = 4") todos=5" \
    "one VTODO a task, counted by SQL"
is "$(todos ivanov | cut -d'|' -f1-6)" "$(want "p.login = 'ivanov'")" \
    "UID, SUMMARY (Cyrillic, commas, semicolons), STATUS, DUE as in the DB"
field() { todos ivanov | grep "^task-$1@" | cut -d'|' -f"$2"; }
is "$(field 3 2)" "$LONG" "the long title comes back whole"
is "$(field 2 7)" "2026-11-26 14:45:00 UTC" \
    "COMPLETED: done at 17:45 MSK, in UTC"
is "$(field 2 8)" "2026-11-26 06:00:00 UTC" "DTSTAMP: now (09:00 MSK) in UTC"
is "$(field 1 7)$(field 5 7)" "" "no COMPLETED unless done"
is "$(field 2 9)" "Спросить про объём, цену; сроки//who: Иванов Пётр (ivanov)/kind: call/client: ООО \"Ромашка\", филиал; Юг/result: Договорились, отправлю КП" \
    "DESCRIPTION: note, who, kind, client, result"
is "$(field 3 9)" "первая строка/вторая \\ строка//who: Иванов Пётр (ivanov)/kind: other" \
    "a note of two lines and a backslash comes back"
is "$(field 5 9)" "who: Иванов Пётр (ivanov)/kind: other/cancelled: клиент закрылся; всё" \
    "the reason a task was cancelled"
like "$(grep -a '^UID:task-4@' "$T/ivanov.ics" -A8 | grep '^DUE')" \
    '^DUE:20261203T150000.$' "a due time: DUE as floating local time"
like "$(grep -a '^UID:task-1@' "$T/ivanov.ics" -A8 | grep '^DUE')" \
    '^DUE;VALUE=DATE:20261124.$' "no due time: DUE as a date"

# The lines themselves.
is "$(LC_ALL=C awk '!/\r$/' "$T/ivanov.ics" | wc -l)" 0 "every line ends CRLF"
is "$(LC_ALL=C awk '{ sub(/\r$/, "") } length > 75' "$T/ivanov.ics" |
    wc -l)" 0 "no line over 75 octets"
is "$(LC_ALL=C awk '{ sub(/\r$/, "") } /\r/' "$T/ivanov.ics" | wc -l)" 0 \
    "no bare CR"
n=$(grep -c '^ ' "$T/ivanov.ics")
ok "$([ "$n" -ge 3 ] && echo 0 || echo 1)" "long lines are folded ($n)"
is "$(LC_ALL=C.UTF-8 grep -v -a -c -x '.*' "$T/ivanov.ics")" 0 \
    "each physical line is whole UTF-8"
is "$(perl -0pe 's/\r\n //g' "$T/ivanov.ics" | grep -a '^SUMMARY:Подг' |
    tr -d '\r')" "SUMMARY:$LONG" "unfolded, the long SUMMARY line"
is "$(perl -0pe 's/\r\n //g' "$T/ivanov.ics" | grep -a '^SUMMARY:Позв' |
    tr -d '\r')" 'SUMMARY:Позвонить Ромашке\, уточнить\; объём' \
    "commas and semicolons escaped"

# A small calendar, byte for byte.
run kozlov task-list -i
golden task-list.ics "$out"

# task-today -i: the day's view, each task once; filters and -a.
same "$(uids today)" "$(CRM_USER=ivanov ran task-today | cut -f1 |
    sed 's/^/task-/; s/$/@crm.local/' | sort | tr '\n' ' ')" \
    "task-today -i: the tasks of the day view"
like "$(cal today | sed -n 2p)" "PRODID=-//crm//task-today//EN" \
    "task-today's PRODID"
same "$(uids team)" "$(CRM_USER=petrova ran task-today -a -t | cut -f1 | grep . |
    sed 's/^/task-/; s/$/@crm.local/' | sort | tr '\n' ' ')" \
    "task-today -a -i: the team's day, no 'none' rows"
is "$(todos cancelled | cut -d'|' -f1,3 | tr '\n' ' ')" \
    "task-5@crm.local|CANCELLED task-8@crm.local|CANCELLED " \
    "filters apply: everyone's cancelled tasks"
is "$(cal empty | sed -n 5p)" "components=0 todos=0" \
    "-i wins over -j; an empty selection is an empty calendar"
is "$(uids ex-list)" "task-4@crm.local task-5@crm.local " \
    "example: task-list -i -u ivanov 2026-12-01 2026-12-31 > ivanov.ics"
is "$(uids ex-today)" "task-1@crm.local task-2@crm.local " \
    "example: task-today -i > today.ics"

fails ivanov 1 "may not see the work of 'smirnova'" "a colleague's calendar" \
    task-list -i -u smirnova
fails ivanov 1 "may not see the work of 'kozlov'" "a colleague's day" \
    task-today -i -u kozlov
fails ivanov 2 'usage: task-list \[-aHijpt\]' "usage names -i" task-list -x
fails ivanov 2 'usage: task-today \[-aHijpt\]' "usage names -i" task-today -x

done_testing
