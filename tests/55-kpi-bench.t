#!/bin/sh
# The benchmark's department at 10,000 tasks (bench/gen.c, the data
# bench/run loads): kpi-report's stored figures against the count from
# scratch (CRM_KPI_SCRATCH=1), byte for byte on -t, for the department,
# a team and a person over a month, a quarter and a year, after the load
# and after each kind of change: add, done, move, cancel, reopen, edit,
# import, a change of the regulations, and deals and documents.
. "$(dirname "$0")/lib.sh"

command -v cc >/dev/null || { echo "1..0 # SKIP no cc"; exit 0; }
cc -O2 -o "$T/gen" "$TOP/bench/gen.c" || exit 1
"$T/gen" 10000 "$T" >/dev/null
ok $? "bench/gen.c: 10,000 tasks"
CRM_USER=root crm-user add -g admin root 'Админ'
for k in people clients deals docs tasks; do
	f=$k
	[ $k = tasks ] && f=history
	CRM_USER=root crm-import -k $k "$T/$f.csv" || echo "# import $k failed"
done
for h in 1 2 3 4 5 6 7 8; do
	CRM_USER=head$h task-add <"$T/open.head$h.tsv" >/dev/null
done
n=$(dbq 'SELECT count(*) FROM task')
[ "$n" -ge 9000 ]
ok $? "the department loaded ($n tasks)"
is "$(dbq 'SELECT count(*) FROM kpi_stale')" 0 \
    "nothing stale after the load"

same() {	# same DESC: every scope and period, stored and counted
	for per in 2026-10 2026-Q4 2025 2026-11; do
		for who in -a '-h head1' '-u ivanov1'; do
			printf '== %s %s\n' "$who" "$per"
			CRM_USER=director kpi-report -t -H $who -d "$per" \
			    2>>"$T/err" || echo "exit $?"
		done
	done >"$T/fast"
	CRM_KPI_SCRATCH=1 CRM_USER=director kpi-report -t -H -a -d 2026-10 \
	    >/dev/null 2>&1
	for per in 2026-10 2026-Q4 2025 2026-11; do
		for who in -a '-h head1' '-u ivanov1'; do
			printf '== %s %s\n' "$who" "$per"
			CRM_KPI_SCRATCH=1 CRM_USER=director kpi-report -t -H \
			    $who -d "$per" 2>>"$T/err" || echo "exit $?"
		done
	done >"$T/slow"
	# Standard output alone, each run's status in it: two failures with
	# the same message must not pass as the same report.
	if grep -q '^exit ' "$T/fast" "$T/slow" || [ -s "$T/err" ]; then
		ok 1 "$1: every report ran"
		sed 's/^/# /' "$T/err" | head -4
		: > "$T/err"
	elif cmp -s "$T/fast" "$T/slow"; then
		ok 0 "$1: stored and counted the same"
	else
		ok 1 "$1: stored and counted the same"
		diff "$T/slow" "$T/fast" | head -6 | sed 's/^/# /'
	fi
}
q() {
	dbq "$1"
}
me=ivanov1
open1() {	# an open task of ivanov1
	q "SELECT t.id FROM task t JOIN person p ON p.id = t.assignee_id
	    WHERE p.login = '$me' AND t.state = 'open' ORDER BY t.id LIMIT 1"
}

same "the loaded department"
run $me task-add -k other -d 2026-11-20 -n '.' 'Отчёт'
is "$rc" 0 "add"
same "after task-add"
run $me task-done -y -r 'asdf' "$(open1)"
is "$rc" 0 "done"
same "after task-done"
run $me task-move "$(open1)" 2026-12-01
is "$rc" 0 "move"
same "after task-move"
# A task of the manager's own: one the head gave is the head's to cancel.
id=$(q "SELECT t.id FROM task t JOIN person p ON p.id = t.assignee_id
    WHERE p.login = '$me' AND t.author_id = p.id AND t.state = 'open'
    ORDER BY t.id LIMIT 1")
run $me task-cancel -y -r 'Клиент отказался' "$id"
is "$rc" 0 "cancel"
same "after task-cancel"
run $me task-reopen -y -r 'Ошибка' "$id"
is "$rc" 0 "reopen"
same "after task-reopen"
run head1 task-edit -y -u "$(q "SELECT login FROM person WHERE head_id =
    (SELECT id FROM person WHERE login = 'head1') AND login <> '$me'
    ORDER BY id LIMIT 1")" "$(open1)"
is "$rc" 0 "edit: another assignee"
same "after task-edit"
printf '%s\n' 'login,kind,title,due_date,created_at,state,closed_at,result' \
    "$me,other,Импорт,2026-10-05,2026-10-01,done,2026-10-07 10:00,ааааа" \
    >"$T/in.csv"
run root crm-import -k tasks "$T/in.csv"
is "$rc" 0 "import"
same "after crm-import"
run root crm-rules set junk.short 6
is "$rc" 0 "a regulation"
same "after crm-rules set junk.short"
run head1 crm-rules set fields.other/head1 note
is "$rc" 0 "a team's regulation"
same "after crm-rules set fields.other/head1"
# The sales: a deal of ivanov1's through its stages, its documents.
deal1() {	# an open deal of ivanov1
	q "SELECT d.id FROM deal d JOIN person p ON p.id = d.manager_id
	    JOIN stage s ON s.id = d.stage_id WHERE p.login = '$me'
	    AND s.outcome = 'open' ORDER BY d.id LIMIT 1"
}
client1=$(q "SELECT c.id FROM client c JOIN person p ON p.id = c.manager_id
    WHERE p.login = '$me' ORDER BY c.id LIMIT 1")
run $me deal-add -A 150000 -G 30000 "$client1" 'Поставка станков'
is "$rc" 0 "a deal"
same "after deal-add"
did=$out
# The documents on the day the deal was opened, or later (the sales window).
run $me doc-add -k contract -d 2026-11-26 "$did" 'Д-Б-1' 150000
is "$rc" 0 "a contract"
run $me doc-add -k invoice -d 2026-11-26 "$did" 'С-Б-1' 150000
is "$rc" 0 "an invoice"
inv=$out
same "after doc-add"
run $me doc-pay -d 2026-11-26 "$inv"
is "$rc" 0 "a payment"
same "after doc-pay"
run $me deal-edit "$did" amount 160000
is "$rc" 0 "a deal's amount"
run $me deal-stage "$did" won
is "$rc" 0 "won"
same "after deal-stage won"
run $me deal-stage -r 'Дорого' "$(deal1)" lost
is "$rc" 0 "lost"
same "after deal-stage lost"
run $me doc-edit "$inv" amount 140000
is "$rc" 0 "a document's amount"
same "after doc-edit"
is "$(q 'SELECT count(*) FROM kpi_stale')" 0 "nothing stale at the end"
done_testing
