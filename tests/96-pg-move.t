#!/bin/sh
# Moving a department (issue 19): the demo's four weeks, with more
# history on top (moves, edits, an undo, stage changes, an erased
# detail, a series, a control, a title, reminders), written whole by
# crm-export -k department from SQLite, read by crm-import -k department
# into PostgreSQL, written again and read back into SQLite.  Each file
# is the first byte for byte, the audit log verifies on each side,
# kpi-report says the same, and the next ids follow those carried in.
# A changed file, a cut one, one of another version, or a database that
# is not new is refused with nothing written.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/pg.sh"

pg_need
# Under make check-pg lib.sh has started one already.
if [ -z "$PGDIR" ]; then
	trap 'pg_stop; rm -rf "$T"' EXIT
	pg_start || { echo "Bail out! cannot start PostgreSQL"; exit 1; }
fi

A=$T/a.db
C=$T/c.db
# The demo's day is the pinned clock's, so that the history is the same
# on any date.
today=${CRM_NOW%% *}
sh "$TOP/tests/demo.sh" "$A" "$today" > "$T/demo.out" 2>&1
ok $? "the demo made in SQLite"

# More history on top of the demo's, in the evening of its day.
CRM_NOW="$today 19:00:00"
export CRM_NOW
as() {	# as LOGIN TOOL ARGS...: the tool on the source, its failure said
	_u=$1
	shift
	CRM_USER=$_u "$@" -f "$A" > /dev/null 2> "$T/as.err" ||
	    { sed 's/^/# /' "$T/as.err"; return 1; }
}
t1=$(dbq -f "$A" "SELECT min(id) FROM task WHERE state = 'open'
    AND assignee_id = (SELECT id FROM person WHERE login = 'ivanov')")
t2=$(dbq -f "$A" "SELECT max(id) FROM task WHERE state = 'open'
    AND assignee_id = (SELECT id FROM person WHERE login = 'ivanov')")
deal=$(dbq -f "$A" "SELECT min(d.id) FROM deal d JOIN stage s
    ON s.id = d.stage_id WHERE s.outcome = 'open'
    AND d.manager_id = (SELECT id FROM person WHERE login = 'kuznetsov')")
client=$(dbq -f "$A" "SELECT min(id) FROM client")
moves=$(dbq -f "$A" "SELECT count(*) FROM task_move")
ok=0
as ivanov task-move -r 'Перенос: клиент попросил' "$t1" \
    "$(date -d "$today 2 days" +%F)" || ok=1
as ivanov task-edit -n 'Заметка с \N, \t и "кавычками"' "$t2" ||
    ok=1
as ivanov task-edit -N 'Исправленное название' "$t1" || ok=1
as ivanov crm-undo || ok=1
as petrova task-cancel -r 'Не нужна' "$t2" || ok=1
as petrova task-reopen -r 'Всё же нужна' "$t2" || ok=1
as kuznetsov deal-stage -r 'Договорились' "$deal" negotiation || ok=1
as kuznetsov deal-edit "$deal" amount 123456.78 || ok=1
as petrova client-edit "$client" note 'Постоянный клиент' || ok=1
as ivanov task-add -R mon,thu -E "$(date -d "$today 21 days" +%F)" \
    -d "$(date -d "$today 1 day" +%F)" 'Еженедельный отчёт' || ok=1
as petrova crm-control record -n 'Проверено' ivanov || ok=1
as root crm-rules title kind call 'Звонок клиенту' || ok=1
as ivanov task-add -T 19:10 -d "$today" 'Скоро' || ok=1
as root task-remind -S 'cat' || ok=1
entry=$(dbq -f "$A" "SELECT min(id) FROM audit WHERE entity = 'client'")
as root crm-erase "$entry" || ok=1
ok $ok "more history: a move, edits, an undo, a cancel and a reopen,\
 stage changes, a series, a control, a title, reminders, an erasure"
is "$(dbjoin ' ' -f "$A" "SELECT count(*) FROM task_move
    UNION ALL SELECT count(*) FROM task_move WHERE undone_at IS NULL
    UNION ALL SELECT count(*) FROM deal_stage_log
    UNION ALL SELECT count(*) FROM task_series
    UNION ALL SELECT count(*) FROM control
    UNION ALL SELECT count(*) FROM title
    UNION ALL SELECT CAST(count(*) > 0 AS INTEGER) FROM reminder
    UNION ALL SELECT count(*) FROM audit WHERE action = 'erase'")" \
    "$((moves + 1)) $((moves + 1)) 18 1 1 1 1 1" \
    "that history is in the source (the demo's $moves moves and one more)"

# A (SQLite) -> file a; PostgreSQL B from it -> file b; SQLite C from it
# -> file c.
run root crm-export -k department -f "$A"
is "$rc" 0 "crm-export -k department from SQLite: exit 0"
printf '%s\n' "$out" > "$T/a.dep"

# Refused, nothing written, on either backend: a changed detail, a
# changed time of an entry, a cut file, another version.  (Before the
# move below: with pg-roles, the people moved in get roles of the whole
# cluster, and root acting as "root" would take that role on in the
# next new database of the cluster too.)
new() { rm -f "$T/new.db"; echo "$T/new.db"; }
empty() { dbjoin ' ' -f "$1" "SELECT count(*) FROM person UNION ALL
    SELECT count(*) FROM audit UNION ALL SELECT count(*) FROM task"; }
sed 's/^\(3	[^	]*	root	person	3	.*\)Орлов Виктор/\1Орлов Иван/' \
    "$T/a.dep" > "$T/bad.dep"
! cmp -s "$T/a.dep" "$T/bad.dep"
ok $? "a tampered file: an entry's detail changed"
for db in "$(pg_db bad)" "$(new)"; do
	run root crm-import -k department -f "$db" "$T/bad.dep"
	is "$rc" 1 "tampered: exit 1 ($db)"
	like "$errout" "the audit log does not verify: entry 3: its detail \
does not match its hash; nothing was imported" "tampered: the entry named"
	is "$(empty "$db")" "0 0 0" "tampered: nothing written"
done
awk -F '\t' '$1 == "table" && $2 == "audit" { a = 1; print; next }
    $1 == "table" { a = 0 } a && !done { $2 = "2026-01-01 00:00:00";
    done = 1 } { print }' OFS='\t' "$T/a.dep" > "$T/bad2.dep"
run root crm-import -k department -f "$(new)" "$T/bad2.dep"
like "$rc.$errout" "^1\..*entry 1 does not match its hash" \
    "an entry's time changed: refused"
head -n 300 "$T/a.dep" > "$T/cut.dep"
db=$(pg_db cut)
run root crm-import -k department -f "$db" "$T/cut.dep"
like "$rc.$errout" "^1\..*the file ends before its end line" \
    "a cut file: refused"
is "$(empty "$db")" "0 0 0" "a cut file: nothing written"
sed '1s/	1	[0-9]*$/	1	999/' "$T/a.dep" > "$T/ver.dep"
run root crm-import -k department -f "$(new)" "$T/ver.dep"
like "$rc.$errout" "^1\..*line 1: .*999': a department of another version \
of crm" "another schema: refused"

# A task of nobody (its assignee's id 999999): the foreign keys refuse
# it; on PostgreSQL they are dropped for the COPY and added again at
# its end, when the server checks them over the whole table.
awk -F '\t' '$1 == "table" { t = $2; print; next }
    t == "task" && !done { $2 = 999999; done = 1 } { print }' OFS='\t' \
    "$T/a.dep" > "$T/fk.dep"
! cmp -s "$T/a.dep" "$T/fk.dep"
ok $? "a task of nobody: the file changed"
for db in "$(pg_db fk)" "$(new)"; do
	run root crm-import -k department -f "$db" "$T/fk.dep"
	like "$rc.$errout" "^1\..*([Ff]oreign key|FOREIGN KEY)" \
	    "a task of nobody: refused by its foreign key ($db)"
	is "$(empty "$db")" "0 0 0" "a task of nobody: nothing written"
done

# The move: B on PostgreSQL from file a, C on SQLite from B's file b.
B=$(pg_db move)
run root crm-import -v -k department -f "$B" "$T/a.dep"
is "$rc" 0 "crm-import -k department into PostgreSQL: exit 0"
# The foreign keys dropped for the COPY are all there again.
fks="SELECT conrelid::regclass || ' ' || conname || ' ' ||
    pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'
    ORDER BY 1"
D0=$(pg_db fresh)
CRM_USER=root crm-user add -f "$D0" -g admin root Root > /dev/null
is "$(dbq -f "$B" "$fks")" "$(dbq -f "$D0" "$fks")" \
    "the foreign keys of a new database, every one, after the import"
like "$(dbq -f "$B" "SELECT count(*) FROM pg_constraint
    WHERE contype = 'f'")" "^[1-9][0-9]+$" "...and there are some"
like "$errout" "^crm-import: a department of [0-9]+ rows imported$" \
    "-v: the rows counted"
run root crm-export -k department -f "$B"
printf '%s\n' "$out" > "$T/b.dep"
cmp -s "$T/a.dep" "$T/b.dep"
ok $? "PostgreSQL's export is SQLite's, byte for byte"
run root crm-import -k department -f "$C" "$T/b.dep"
is "$rc.$errout" "0." "crm-import -k department back into a new SQLite file"
run root crm-export -k department -f "$C"
printf '%s\n' "$out" > "$T/c.dep"
cmp -s "$T/a.dep" "$T/c.dep"
ok $? "and its export too: SQLite -> PostgreSQL -> SQLite changes nothing"

# What the file carries: every table but the KPI's stored figures, every
# column of each (a column added to the schema and not here fails).
dbq -f "$C" "SELECT m.name || ' ' || p.name FROM sqlite_master m,
    pragma_table_info(m.name) p WHERE m.type = 'table'
    AND m.name NOT LIKE 'kpi_%' ORDER BY 1" > "$T/schema"
awk -F '\t' '$1 == "table" { for (i = 3; i <= NF; i++) print $2, $i }' \
    "$T/a.dep" | sort > "$T/carried"
is "$(sort "$T/schema" | diff - "$T/carried")" "" \
    "every column of every table is carried"
grep -q "^table	task_move	" "$T/a.dep" &&
    grep -q "^table	deal_stage_log	" "$T/a.dep" &&
    grep -q "^table	audit	" "$T/a.dep"
ok $? "the task moves, the stage history and the audit log among them"

# The log verifies on every side, to the same last entry and hash.
for db in "$A" "$B" "$C"; do
	run root crm-verify -v -f "$db"
	echo "$rc $errout$out"
done > "$T/verify"
is "$(sort -u "$T/verify" | wc -l)" 1 "crm-verify: the same on all three"
like "$(head -1 "$T/verify")" "^0 audit: [0-9]+ [0-9a-f]{64}$" \
    "and it passes"

# The KPI is summed again on arrival: the same report on all three.
for db in "$A" "$B" "$C"; do
	CRM_USER=petrova ran kpi-report -a -t -f "$db" \
	    -d "$(date -d "$today -28 days" +%F)..$today" | md5sum
done > "$T/kpi"
same "$(sort -u "$T/kpi" | wc -l)" 1 "kpi-report: the same on all three"
n=$(CRM_USER=petrova ran kpi-report -a -t -f "$A" | wc -l)
[ "$n" -gt 0 ]
ok $? "kpi-report on the first: $n lines"
same "$(CRM_USER=petrova ran kpi-report -a -t -f "$B" | wc -l)" "$n" \
    "with its lines"
same "$(CRM_USER=petrova ran task-list -a -t -f "$B" | md5sum)" \
    "$(CRM_USER=petrova ran task-list -a -t -f "$A" | md5sum)" \
    "task-list -a: the same"

# The next ids follow the largest carried in, on both backends.
for db in "$B" "$C"; do
	CRM_USER=ivanov client-add -f "$db" 'ООО «Новый клиент»'
	CRM_USER=ivanov task-add -f "$db" -k call -c 'Новый клиент' \
	    'Первый звонок'
	CRM_USER=petrova crm-user add -f "$db" -g manager novikov 'Новиков'
	CRM_USER=petrova crm-user list -t -f "$db" | grep novikov | cut -f1
done > "$T/ids" 2>&1
want="$(($(dbq -f "$A" "SELECT max(id) FROM client") + 1))
$(($(dbq -f "$A" "SELECT max(id) FROM task") + 1))
$(($(dbq -f "$A" "SELECT max(id) FROM person") + 1))"
is "$(cat "$T/ids")" "$want
$want" "new ids after the carried ones, the same on PostgreSQL and SQLite"
run root crm-verify -f "$B"
is "$rc" 0 "the log goes on from the carried chain on PostgreSQL"

# A database that is not new.
run root crm-import -k department -f "$C" "$T/a.dep"
like "$rc.$errout" "^1\..*the database is not new" \
    "into a database with people: refused"

# Only an admin takes the whole department out.
run orlov crm-export -k department -f "$A"
like "$rc.$errout" "^1\..*only an admin may export the whole department" \
    "a director may not"
run root crm-export -k department -j -f "$A"
is "$rc" 2 "-k department with -j: a usage error"
run root crm-export -k department -x -f "$A"
is "$rc" 2 "-k department with -x: a usage error"
run root crm-export -k departments -f "$A"
like "$rc.$errout" "^1\..*unknown kind 'departments': .* tasks or department$" \
    "an unknown kind: the kinds named, department among them"

done_testing
