#!/bin/sh
# The morning rush (issue 28): 50 people's task-today and 10 writers'
# task-add, all started at the same moment.  No command exits 75 (busy),
# each view is what the same person's view was on a quiet database (the
# writers write to their own tasks, so that every view has one right
# answer), every write is stored once and logged once, the chain holds
# and nothing is left stale.  How long the slowest view takes is
# bench/rush's to measure, never asserted here.
. "$(dirname "$0")/lib.sh"

NREAD=50
NWRITE=10
NADD=3		# task-add calls a writer makes, one after the other
today=${CRM_NOW%% *}
tomorrow=$(date -u -d "$today +1 day" +%F)

department
ok $? "department added"
# the readers in petrova's team, the writers in sidorov's
{
	echo 'login,name,role,head'
	for i in $(seq -w $NREAD); do
		echo "r$i,Читатель $i,manager,petrova"
	done
	for i in $(seq -w $NWRITE); do
		echo "w$i,Писатель $i,manager,sidorov"
	done
} > "$T/people.csv"
run root crm-import -k people "$T/people.csv"
is "$rc" 0 "$NREAD readers and $NWRITE writers imported"

# Each reader's morning: two tasks today (one at a time of day), one
# tomorrow, given by the head in one batch; every fifth done already.
for i in $(seq -w $NREAD); do
	printf 'r%s\t%s\t10:30\tother\tВстреча %s\n' "$i" "$today" "$i"
	printf 'r%s\t%s\t\tother\tОтчёт %s\n' "$i" "$today" "$i"
	printf 'r%s\t%s\t\tother\tЗавтра %s\n' "$i" "$tomorrow" "$i"
done > "$T/plan.tsv"
CRM_USER=petrova task-add < "$T/plan.tsv" > "$T/plan.ids"
is "$?" 0 "the head's batch of $((NREAD * 3)) tasks"
for i in $(seq -w 5 5 $NREAD); do
	id=$(dbq "SELECT t.id FROM task t JOIN person p ON p.id = t.assignee_id
	    WHERE p.login = 'r$i' AND t.title = 'Отчёт $i'")
	CRM_USER=r$i task-done -r 'Готово' "$id" > /dev/null ||
	    echo "# task-done of r$i failed"
done

# Each view on the quiet database: the answer the rush must give.
bad=0
for i in $(seq -w $NREAD); do
	CRM_USER=r$i task-today > "$T/want.$i" 2> "$T/want.$i.err" ||
	    bad=$((bad + 1))
done
is "$bad" 0 "each reader's view on a quiet database"
like "$(cat "$T/want.05")" "Встреча 05" "a view holds its reader's tasks"

# All of them at once: each waits for the start, then runs.
rm -f "$T/go"
wait_go() {
	until [ -e "$T/go" ]; do
		sleep 0.01
	done
}
reader() {	# reader I
	wait_go
	CRM_USER=r$1 task-today > "$T/got.$1" 2> "$T/got.$1.err"
	echo $? > "$T/rc.r$1"
}
writer() {	# writer I: NADD task-add calls
	wait_go
	: > "$T/rc.w$1"
	for _j in $(seq $NADD); do
		CRM_USER=w$1 task-add -k other -d "$today" "Утро w$1 #$_j" \
		    >> "$T/w.$1.ids" 2>> "$T/w.$1.err"
		echo $? >> "$T/rc.w$1"
	done
}
pids=
for i in $(seq -w $NREAD); do
	reader "$i" &
	pids="$pids $!"
done
for i in $(seq -w $NWRITE); do
	writer "$i" &
	pids="$pids $!"
done
touch "$T/go"
for p in $pids; do
	wait "$p"
done

is "$(cat "$T"/rc.r* | grep -c '^75$')" 0 "no view exited 75 (busy)"
is "$(cat "$T"/rc.w* | grep -c '^75$')" 0 "no write exited 75 (busy)"
is "$(cat "$T"/rc.r* | grep -vc '^0$')" 0 "every view exited 0"
is "$(cat "$T"/rc.w* | grep -vc '^0$')" 0 "every write exited 0"
cat "$T"/got.*.err "$T"/w.*.err 2> /dev/null | head -5 | sed 's/^/# /'
wrong=0
for i in $(seq -w $NREAD); do
	cmp -s "$T/want.$i" "$T/got.$i" || {
		wrong=$((wrong + 1))
		diff "$T/want.$i" "$T/got.$i" | head -4 | sed 's/^/# /'
	}
done
is "$wrong" 0 "each of the $NREAD views is its quiet view, byte for byte"

n=$((NWRITE * NADD))
is "$(cat "$T"/w.*.ids | sort -u | wc -l)" "$n" "$n different ids printed"
is "$(dbq "SELECT count(*) FROM task t JOIN person p ON p.id = t.assignee_id
    WHERE t.title LIKE ('Утро ' || p.login || ' #%')")" "$n" \
    "$n tasks, each its writer's own"
is "$(dbq "SELECT id FROM task t WHERE t.title LIKE 'Утро %' ORDER BY id" |
    md5sum)" "$(cat "$T"/w.*.ids | sort -n | md5sum)" \
    "the printed ids are the writers' tasks"
is "$(dbq "SELECT count(*) FROM audit a JOIN task t ON t.id = a.entity_id
    WHERE a.entity = 'task' AND a.action = 'create'
    AND t.title LIKE 'Утро %'")" "$n" "each logged once"
run root crm-verify
is "$rc" 0 "the chain holds after the rush"
is "$(dbq 'SELECT count(*) FROM kpi_stale')" 0 "nothing stale"

done_testing
