#!/bin/sh
# The fast paths of bulk input keep what the slow ones did: a batch of a
# head's forty managers (more than the batch used to remember) adds each
# task to its person and refuses a stranger on the right line; its audit
# entries, chained from a link the batch keeps in memory, are the
# documented SHA-256 recipe computed another way, and crm-verify agrees;
# an import finds a client and a deal by id through the primary key, and
# by id only what the importer may see; bench/ref-insert, the reference
# the benchmark times, stores the same rows as task-add (the same chain).
. "$(dirname "$0")/lib.sh"

department || exit 1
sq() { dbq "$@" 2>&1; }

# Forty managers in petrova's team.
i=1
while [ $i -le 40 ]; do
	CRM_USER=root crm-user add -g manager -h petrova "m$i" "Менеджер $i" ||
	    exit 1
	i=$((i + 1))
done

# The head's own client, and a deal with it: a call needs its client.
CL=$(CRM_USER=petrova client-add 'ООО Ромашка') || exit 1
DL=$(CRM_USER=petrova deal-add -A 1000 "$CL" 'Поставка') || exit 1

# Three rounds over them all, as a week's plans come: by day, then by
# person, so that each is named again long after the first time.  Every
# third line names the deal as well.
: > "$T/batch.tsv"
for d in 2026-11-27 2026-11-30 2026-12-01; do
	i=1
	while [ $i -le 40 ]; do
		dl=; [ $((i % 3)) -eq 0 ] && dl=$DL
		printf 'm%d\t%s\t10:00\tcall\tПозвонить «Ромашке» %d\tуточнить сроки\t%s\t%s\n' \
		    $i $d $i "$CL" "$dl" >> "$T/batch.tsv"
		i=$((i + 1))
	done
done
run petrova task-add < "$T/batch.tsv"
is "$rc" 0 "a batch of 120 tasks for 40 people"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 120 "120 ids"
is "$out" "$(sq "SELECT id FROM task WHERE title LIKE 'Позвонить%'
    ORDER BY id")" "the ids of the tasks added, each its line's"
is "$(sq "SELECT count(*) FROM task t JOIN audit a ON a.entity = 'task'
    AND a.entity_id = t.id AND a.action = 'create'
    WHERE t.title LIKE 'Позвонить%'
    AND a.detail LIKE '%\"title\":\"' || t.title || '\"%'")" 120 \
    "each entry names its own task, by the id the insert gave"
is "$(sq "SELECT count(*) FROM task t JOIN person p ON p.id = t.assignee_id
    WHERE t.title = 'Позвонить «Ромашке» ' || substr(p.login, 2)")" 120 \
    "each task went to the person its line names"
is "$(sq "SELECT count(DISTINCT assignee_id) FROM task")" 40 \
    "to forty people"
is "$(sq "SELECT count(*) FROM audit WHERE entity = 'task' AND action =
    'create' AND cmd = (SELECT min(id) FROM audit WHERE entity = 'task')")" \
    120 "one audit entry a task, all of one command"

# The chain, recomputed from the rows by the documented recipe.
dbq "SELECT id, at, actor, entity, entity_id, owner_id, action, cmd,
    detail_hash, hash, detail FROM audit ORDER BY id" |
    python3 "$TOP/tests/data/chain.py" -
ok $? "the batch's entries are the recipe's links, each on the one before"
run root crm-verify
is "$rc" 0 "crm-verify walks the chain the batch made"

# A stranger named again and again: refused each time with the reason,
# on the line where they first come (the remembered answer says it).
{ head -n 45 "$T/batch.tsv"; printf 'kozlov\t2026-11-27\t\tcall\tЧужая\n'; } \
    > "$T/bad.tsv"
fails petrova 1 "line 46: you may not give tasks to 'kozlov'" \
    "a stranger on line 46 of a batch" task-add < "$T/bad.tsv"
{ printf 'kozlov\t2026-11-27\t\tcall\tЧужая\n'; cat "$T/batch.tsv"; } \
    > "$T/bad.tsv"
fails petrova 1 "line 1: you may not give tasks to 'kozlov'" \
    "a stranger on line 1" task-add < "$T/bad.tsv"
{ head -n 3 "$T/batch.tsv"; printf 'nobody\t2026-11-27\t\tcall\tНикто\n'; } \
    > "$T/bad.tsv"
fails petrova 1 "line 4: no such person 'nobody'" \
    "nobody on line 4" task-add < "$T/bad.tsv"

# The import finds a client and a deal by id.
run ivanov client-add 'ООО Ромашка'
c1=$out
run kozlov client-add 'ООО Лютик'
c2=$out
run ivanov deal-add "$c1" 'Поставка труб'
d1=$out
cat > "$T/hist.csv" <<EOF
login,kind,title,client,deal,due_date,created_at,state,closed_at,result
ivanov,call,Позвонить,$c1,,2026-11-20,2026-11-19 09:00:00,done,2026-11-20 12:00:00,договорились
ivanov,contract,Договор,,$d1,2026-11-21,2026-11-19 09:00:00,open,,
EOF
run root crm-import -k tasks "$T/hist.csv"
is "$rc" 0 "an import naming a client and a deal by id"
is "$(sq "SELECT client_id, deal_id FROM task WHERE title IN
    ('Позвонить', 'Договор') ORDER BY title DESC")" "$c1|
$c1|$d1" "the client by id; the deal by id, and its client"
sed "s/,$c1,,/,$((d1 + c2 + 100)),,/" "$T/hist.csv" > "$T/bad.csv"
fails root 1 "no such client '$((d1 + c2 + 100))'" "a client id that is not" \
    crm-import -k tasks "$T/bad.csv"
sed "s/,,$d1,/,,$((d1 + 100)),/" "$T/hist.csv" > "$T/bad.csv"
fails root 1 "no such deal '$((d1 + 100))'" "a deal id that is not" \
    crm-import -k tasks "$T/bad.csv"
# By id, still only what the actor may see: kozlov's client is not
# ivanov's to plan with.
fails ivanov 1 "no such client '$c2'" "another team's client by id" \
    task-add -c "$c2" -d 2026-11-27 'Позвонить'
run ivanov task-add -c "$c1" -d 2026-11-27 'Позвонить ещё'
is "$rc" 0 "one's own client by id"

# A task import longer than a part of its COPY (4096 rows): on a server
# the tasks and their entries go by COPY, the first new id the store's
# and the next ones after it; the same rows, chain, ids and KPI as the
# statements a row make (on SQLite, the statements themselves).
before=$(sq "SELECT count(*) FROM task")
awk 'BEGIN { print "login,kind,title,note,due_date,created_at,state," \
    "closed_at,result"
    for (i = 1; i <= 4500; i++)
	printf "m%d,other,Дело %d,%s,2026-11-%02d,2026-11-01 09:00:00," \
	    "%s,%s,%s\n", i % 40 + 1, i, i % 2 ? "заметка" : "",
	    i % 20 + 1, i % 3 ? "done" : "open",
	    i % 3 ? "2026-11-25 10:00:00" : "", i % 3 ? "сделано" : "" }' \
    > "$T/many.csv"
sed '4302s/^m[0-9]*,/nobody,/' "$T/many.csv" > "$T/many-bad.csv"
fails root 1 "line 4302: column 'login': no such person 'nobody'" \
    "a stranger after the first part: refused on its line" \
    crm-import -k tasks "$T/many-bad.csv"
is "$(sq "SELECT count(*) FROM task")" "$before" "...and nothing written"
run root crm-import -k tasks "$T/many.csv"
is "$rc.$errout" "0." "an import of 4500 tasks"
is "$(sq "SELECT count(*), max(id) - min(id) + 1, count(DISTINCT title)
    FROM task WHERE title LIKE 'Дело %'")" "4500|4500|4500" \
    "4500 tasks, one after the other"
is "$(sq "SELECT t.title, p.login, t.state, t.imported FROM task t
    JOIN person p ON p.id = t.assignee_id WHERE t.title LIKE 'Дело %'
    ORDER BY t.id" | md5sum)" "$(awk 'BEGIN { for (i = 1; i <= 4500; i++)
    printf "Дело %d|m%d|%s|1\n", i, i % 40 + 1, i % 3 ? "done" : "open" }' |
    md5sum)" "each to its line's person, in its line's state, in order"
is "$(sq "SELECT count(*) FROM audit a JOIN task t ON t.id = a.entity_id
    WHERE a.entity = 'task' AND a.action = 'import'
    AND t.title LIKE 'Дело %' AND a.owner_id = t.assignee_id")" 4500 \
    "an entry a task, its owner the assignee"
dbq "SELECT id, at, actor, entity, entity_id, owner_id, action, cmd,
    detail_hash, hash, detail FROM audit ORDER BY id" |
    python3 "$TOP/tests/data/chain.py" -
ok $? "the import's entries are the recipe's links, each on the one before"
run root crm-verify
is "$rc" 0 "crm-verify walks the chain the import made"
run petrova task-add -u m1 -d 2026-11-27 'После импорта'
is "$out" "$(($(sq "SELECT max(id) FROM task WHERE title LIKE 'Дело %'") + 1))" \
    "the next task's id follows the import's"
is "$(sq "SELECT count(*) FROM kpi_stale")" 0 "nothing left stale"
run director kpi-report -a -t -d 2026-11
stored=$out
scratch=$(CRM_KPI_SCRATCH=1 CRM_USER=director kpi-report -a -t -d 2026-11)
is "$stored" "$scratch" \
    "kpi-report's stored figures are the count from scratch"
like "$stored" "m40" "...and they name the import's people"

# Ids from the file, into a new database: one named twice after the
# first part is refused on its line, with nothing written.
F=$(dbnew "$T/fresh.db")
CRM_DB=$F CRM_USER=root crm-user add -g admin root 'Админ' &&
CRM_DB=$F CRM_USER=root crm-user add -g head h1 'Глава' &&
CRM_DB=$F CRM_USER=root crm-user add -g manager -h h1 m1 'Менеджер'
ok $? "a new database with a manager"
awk -F, 'NR == 1 { print "id," $0; next }
    { print (NR == 4400 ? 17 : NR - 1) ",m1," substr($0, index($0, ",") + 1) }' \
    "$T/many.csv" > "$T/ids.csv"
run root crm-import -f "$F" -k tasks "$T/ids.csv"
like "$rc.$errout" "^1\..*line 4400: column 'id': id already used '17'" \
    "an id named twice, after the first part: refused on its line"
is "$(dbq -f "$F" "SELECT count(*) FROM task")" 0 "...and nothing written"
sed '4400s/^17,/4399,/' "$T/ids.csv" > "$T/ids2.csv"
run root crm-import -f "$F" -k tasks "$T/ids2.csv"
is "$rc.$errout" "0." "the file's ids kept"
is "$(dbq -f "$F" "SELECT count(*), min(id), max(id) FROM task")" \
    "4500|1|4500" "...every one"
run h1 task-add -f "$F" -u m1 -d 2026-11-27 'Следующее'
is "$out" 4501 "the next task's id follows them"

# The benchmark's reference stores what task-add stores.
if sqlite_only "bench/ref-insert.c writes a SQLite file with libsqlite3"; then
if cc -O2 -o "$T/ref-insert" "$TOP/bench/ref-insert.c" -lsqlite3 -lmd \
    2>"$T/cc.err"; then
	dbcheckpoint
	cp "$CRM_DB" "$T/ref.db"
	head -n 60 "$T/batch.tsv" > "$T/ref.tsv"
	run petrova task-add < "$T/ref.tsv"
	is "$rc" 0 "task-add: a batch"
	want="60 $(sq "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")"
	got=$("$T/ref-insert" "$T/ref.db" petrova "$CRM_NOW" < "$T/ref.tsv")
	is "$got" "$want" "bench/ref-insert: the same entries, the same last hash"
	is "$(sqlite3 "$T/ref.db" "SELECT group_concat(assignee_id || kind ||
	    title || coalesce(note, '') || due_date || due_time || '/' ||
	    client_id || '/' || coalesce(deal_id, ''), ',') FROM
	    (SELECT * FROM task ORDER BY id DESC LIMIT 60)")" \
	    "$(sq "SELECT group_concat(assignee_id || kind || title ||
	    coalesce(note, '') || due_date || due_time || '/' ||
	    client_id || '/' || coalesce(deal_id, ''), ',') FROM
	    (SELECT * FROM task ORDER BY id DESC LIMIT 60)")" \
	    "bench/ref-insert: the same tasks"
else
	ok 1 "bench/ref-insert.c compiles: $(cat "$T/cc.err")"
fi
fi

done_testing
