#!/bin/sh
# crm-undo takes back the sales commands (issue 30): deal-stage (the
# deal back at the stage it left, a won deal reopened as the head's
# reopen is logged, the KPI's and the director's won figures follow),
# deal-edit (the values before), doc-add (the document removed, its id
# never given again, the log keeping both entries), doc-pay (the payment
# unrecorded) and client-add (the client removed unless something
# refers to it).  Only the caller's own commands, with the rights the
# command itself needs now, a record dated in the closed period
# (kpi.closed) by the head only; the latest first, a record someone
# else changed since refused; on a terminal it says what it takes back
# and asks; in Russian every word is Russian.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
# col LOGIN NAME: the column NAME of LOGIN's row in $out (TSV with -H).
col() {
	printf '%s\n' "$out" | awk -F '\t' -v u="$1" -v k="$2" \
	    'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	     $c["login"] == u { print $c[k] }'
}
# won AS: ivanov's won deals and their profit in November, as AS reads
# the KPI report (ivanov his own card, the director everyone's).
won() {
	run "$1" kpi-report -a -H -t -d 2026-11
	echo "$(col ivanov won) $(col ivanov profit)"
}
paid() { run ivanov kpi-report -H -t -d 2026-11; col ivanov "$1"; }
lastlog() {
	q "SELECT actor || ' ' || action || ' ' || detail FROM audit
	    WHERE entity = '$1' AND entity_id = $2 ORDER BY id DESC LIMIT 1"
}

# The deal opened on 1 October, so that a document may be dated then.
CRM_NOW="2026-10-01 10:00:00" CRM_USER=ivanov client-add 'ООО Ромашка' \
    >/dev/null							# client 1
CRM_NOW="2026-10-01 10:00:00" CRM_USER=ivanov deal-add -A 270000 -G 50000 \
    'ООО Ромашка' 'Поставка станков' >/dev/null			# deal 1

# ---- deal-stage: a won deal typed by mistake ----
is "$(won director)" "0 0" "before: the director's report has no win"
run ivanov deal-stage 1 won
is "$(won director)|$(won ivanov)" "1 5000000|1 5000000" \
    "deal-stage won: the director and the KPI count the win"
fails smirnova 1 "nothing to undo" \
    "another manager's crm-undo does not reach ivanov's command" crm-undo
out=$(printf 'n\n' | CRM_USER=ivanov script -eqc "crm-undo" /dev/null)
like "$out" "your last command, deal-stage, takes back:" \
    "on a terminal: the command first"
like "$out" "deal 1 \\(stage\\): Поставка станков" \
    "then the record, what was done to it and its title"
like "$out" "take it back\\? \\[y/N\\]" "then the question"
is "$(q "SELECT stage_id FROM deal WHERE id = 1")" 5 "no: the deal stays won"
run ivanov crm-undo -v
is "$rc" 0 "crm-undo of deal-stage: exit 0"
like "$errout" "deal 1 \\(stage\\): Поставка станков" "-v says what it took back"
is "$(q "SELECT s.name, CAST(d.closed_at IS NULL AS INTEGER) FROM deal d
    JOIN stage s ON s.id = d.stage_id WHERE d.id = 1")" "lead|1" \
    "the deal back at the stage it left, open"
cmd=$(q "SELECT cmd FROM audit WHERE entity = 'deal' AND action = 'stage'")
is "$(lastlog deal 1)" \
    "ivanov undo {\"stage\":[\"won\",\"lead\"],\"reason\":\"undo\",\"undo\":$cmd}" \
    "logged as the head's reopen is, with the reason undo"
is "$(q "SELECT f.name || '>' || t.name || ' ' || l.reason FROM deal_stage_log l
    JOIN stage f ON f.id = l.from_stage JOIN stage t ON t.id = l.to_stage
    ORDER BY l.id DESC LIMIT 1")" "won>lead undo" \
    "the deal's history keeps the win and the way back"
is "$(q "SELECT count(*) FROM audit WHERE entity = 'deal'")" 3 \
    "the log keeps the deal-stage and its undo"
is "$(won director)|$(won ivanov)" "0 0|0 0" \
    "after the undo: neither the director nor the KPI counts the win"

# A deal moved to lost, taken back: open again, no lost reason.
run ivanov deal-stage -r 'дорого' 1 lost
run ivanov crm-undo
is "$(q "SELECT stage_id || ' ' || coalesce(lost_reason, '-') FROM deal
    WHERE id = 1")" "1 -" "a lost deal taken back: open, no lost reason"

# The head's reopen of a won deal, taken back by the head: won again,
# as it was won (closed_at) before.
CRM_NOW="2026-11-20 12:00:00" CRM_USER=ivanov deal-stage 1 won
run petrova deal-stage -r 'ошибся этапом' 1 negotiation
is "$(won director)" "0 0" "the head's reopen: no win"
run petrova crm-undo
is "$rc" 0 "the head takes her reopen back"
is "$(q "SELECT stage_id || ' ' || closed_at FROM deal WHERE id = 1")" \
    "5 2026-11-20 12:00:00" "won again, closed when it was won"
is "$(won director)" "1 5000000" "the win counts again"
is "$(q "SELECT actor || ' ' || owner_id FROM audit ORDER BY id DESC LIMIT 1")" \
    "petrova 4" "the head's undo logged as ivanov's work"
run petrova deal-stage -r 'ошибся этапом' 1 negotiation
CRM_USER=petrova crm-rules set kpi.closed 2026-09	# her last: a rule
fails petrova 1 "your last command, crm-rules, cannot be undone \\(rule 0: set\\): crm-undo takes back changes to tasks, deal-stage, deal-edit, doc-add, doc-pay and client-add" \
    "the regulations are not taken back, and the message says what is" crm-undo

# ---- deal-edit: the values before ----
CRM_USER=ivanov deal-add -A 1000 'ООО Ромашка' 'Запчасти' >/dev/null	# 2
before=$(q "SELECT title, amount, profit, coalesce(close_date, '-')
    FROM deal ORDER BY id")
run ivanov deal-edit 1 2 amount 99000
run ivanov crm-undo
is "$(q "SELECT title, amount, profit, coalesce(close_date, '-')
    FROM deal ORDER BY id")" "$before" \
    "deal-edit of two deals taken back: both amounts as before"
run ivanov deal-edit 2 close 2026-12-15
run ivanov crm-undo
is "$(q "SELECT coalesce(close_date, '-') FROM deal WHERE id = 2")" "-" \
    "a close date set is none again"
like "$(lastlog deal 2)" '^ivanov undo \{"close":\["2026-12-15",null\],"undo":[0-9]+\}$' \
    "logged with the values turned"

# ---- doc-add and doc-pay: the latest first ----
paid0=$(paid paid) inv0=$(paid invoices)
run ivanov doc-add -k invoice -d 2026-11-25 1 С-1 50000		# doc 1
run ivanov doc-pay -d 2026-11-26 1
is "$(paid paid)" "$((paid0 + 5000000))" "doc-pay: the KPI counts it paid"
run ivanov crm-undo -v
like "$errout" "your last command, doc-pay, takes back:" "-v: doc-pay named"
like "$errout" "doc 1 \\(pay\\): С-1" "-v: the invoice by its number"
is "$(q "SELECT coalesce(paid_date, '-') FROM doc WHERE id = 1")" "-" \
    "the latest first: the payment unrecorded, the invoice stays"
is "$(paid paid) $(paid invoices)" "$paid0 $((inv0 + 1))" \
    "the KPI: not paid, still issued"
run ivanov crm-undo
is "$(q "SELECT count(*) FROM doc")" 0 "then doc-add: the invoice removed"
is "$(paid invoices)" "$inv0" "the KPI counts no invoice"
is "$(q "SELECT action FROM audit WHERE entity = 'doc' AND entity_id = 1
    ORDER BY id" | tr '\n' ' ')" "issue pay undo undo " \
    "the log keeps the issue, the payment and both undos"
like "$(lastlog doc 1)" '^ivanov undo \{"number":\["С-1",null\],"undo":[0-9]+\}$' \
    "the removal logged with the number"
run ivanov doc-add -k invoice -d 2026-11-25 1 С-1 50000
is "$rc" 0 "the number is free again"
is "$(q "SELECT id FROM doc")" 2 "the id of the removed document is never given again"

# Someone else's later change: refused until its author takes it back.
run petrova doc-pay -d 2026-11-26 2
fails ivanov 1 "doc 2 has changed since your last command, doc-add: pay by petrova at .*; nothing undone" \
    "a document paid since by the head: refused, saying by whom" crm-undo
run petrova crm-undo
is "$(q "SELECT coalesce(paid_date, '-') FROM doc WHERE id = 2")" "-" \
    "the head takes her payment back"
run ivanov crm-undo
is "$errout" "" "nothing in the way now"
is "$rc|$(q "SELECT count(*) FROM doc")" "0|0" "then ivanov's doc-add goes"

# ---- client-add: removed only when nothing refers to it ----
run ivanov client-add 'ЗАО Лютик'					# client 2
run ivanov crm-undo -v
like "$errout" "client 2 \\(create\\): ЗАО Лютик" "-v: the client by its name"
is "$(q "SELECT count(*) FROM client WHERE id = 2")" 0 "the client removed"
like "$(lastlog client 2)" '^ivanov undo \{"name":\["ЗАО Лютик",null\],"undo":[0-9]+\}$' \
    "the removal logged with the name"
run ivanov client-add 'ИП Сидоренко'
is "$(q "SELECT id FROM client WHERE name = 'ИП Сидоренко'")" 3 \
    "the removed client's id is never given again"
run petrova task-add -u ivanov -c 'ИП Сидоренко' 'Позвонить Сидоренко'
fails ivanov 1 "your last command, client-add, cannot be undone: client 3 is referred to by task $out \\(Позвонить Сидоренко\\)" \
    "a client a task refers to stays, the message names the task" crm-undo
run petrova task-cancel -r 'не тот' "$out"
fails ivanov 1 "client 3 is referred to by task" \
    "a cancelled task still refers to it" crm-undo
run ivanov client-add 'ООО Берёза'
run petrova deal-add 'ООО Берёза' 'Берёзы'
fails ivanov 1 "your last command, client-add, cannot be undone: client [0-9]+ is referred to by deal $out \\(Берёзы\\)" \
    "a client a deal refers to stays" crm-undo

# ---- rights: the command's own, now ----
run ivanov deal-stage 2 negotiation
CRM_USER=root crm-user set ivanov head ''
CRM_USER=root crm-user set ivanov role director
fails ivanov 1 "your last command, deal-stage, cannot be undone: a director reads and does not change" \
    "a manager who may no longer do the command may not take it back" crm-undo
CRM_USER=root crm-user set ivanov role manager
CRM_USER=root crm-user set ivanov head petrova
run ivanov crm-undo
is "$rc|$(q "SELECT stage_id FROM deal WHERE id = 2")" "0|1" \
    "a manager again: taken back"
run petrova deal-stage 1 contract
CRM_USER=root crm-user set ivanov head sidorov
fails petrova 1 "your last command, deal-stage, cannot be undone: no such deal '1'" \
    "a head who no longer heads the manager may not take it back" crm-undo
CRM_USER=root crm-user set ivanov head petrova
run petrova crm-undo
is "$rc|$(q "SELECT stage_id FROM deal WHERE id = 1")" "0|2" \
    "the head again: her deal-stage taken back for the team"
fails root 1 "your last command, crm-user, cannot be undone \\(person 4: update\\)" \
    "an admin manages people, not work: nothing of it is undone" crm-undo

# ---- the closed period: the head's ----
CRM_NOW="2026-10-20 10:00:00" CRM_USER=ivanov doc-add -k contract \
    -d 2026-10-20 1 Д-1 270000 >/dev/null
CRM_USER=petrova crm-rules set kpi.closed 2026-10
fails ivanov 1 "your last command, doc-add, cannot be undone: doc [0-9]+ is dated 2026-10-20, in the closed period \\(up to 2026-10\\): only your head changes it" \
    "a document dated in the closed month: the manager may not" crm-undo
run petrova doc-add -k contract -d 2026-10-21 1 Д-2 1000
like "$(lastlog doc "$(q "SELECT max(id) FROM doc")")" '"backdated":"closed period"' \
    "the head records a date in the closed month"
run petrova crm-undo
is "$rc|$(q "SELECT count(*) FROM doc WHERE number = 'Д-2'")" "0|0" \
    "and takes it back"
CRM_NOW="2026-10-30 10:00:00" CRM_USER=smirnova client-add 'ООО Заря' >/dev/null
CRM_NOW="2026-10-30 10:00:00" CRM_USER=smirnova deal-add 'ООО Заря' 'Заря' \
    >/dev/null
zarya=$(q "SELECT max(id) FROM deal")
CRM_NOW="2026-10-30 10:00:00" CRM_USER=smirnova deal-stage "$zarya" won
fails smirnova 1 "deal $zarya is dated 2026-10-30, in the closed period" \
    "a deal won in the closed month: the manager may not" crm-undo

# ---- in Russian ----
export LANG=ru_RU.UTF-8
unset LC_ALL
run ivanov client-add 'ООО Восход'
out=$(printf 'n\n' | CRM_USER=ivanov script -eqc "crm-undo" /dev/null)
like "$out" "ваша последняя команда, client-add, будет взята назад:" \
    "ru: the command"
like "$out" "клиент [0-9]+ \\(создание\\): ООО Восход" "ru: the record in words"
like "$out" "взять назад\\? \\[y/N\\]" "ru: the question"
fails smirnova 1 "вашу последнюю команду, deal-stage, отменить нельзя: сделка $zarya: дата 2026-10-30 в закрытом периоде \\(по 2026-10\\), изменить это может только ваш руководитель" \
    "ru: the closed period" crm-undo
run ivanov crm-undo -v
like "$errout" "crm-undo: команда [0-9]+ отменена" "ru: -v"
is "$(printf '%s\n' "$errout" | grep -oE '[A-Za-z][A-Za-z]+' |
    grep -Ev '^(crm|undo|client|add)$' | sort -u | tr '\n' ' ')" "" \
    "ru: no word in Latin but the commands' names"
fails ivanov 1 "вашу последнюю команду, doc-add, отменить нельзя: документ [0-9]+: дата 2026-10-20" \
    "ru: the manager's document in the closed period" crm-undo -y

# ---- the screen a person sees: tmux, in Russian, answered "д" ----
# wait_for PATTERN: until the pane shows it (5 s at most).
wait_for() {
	_i=0
	while ! tmux -S "$SOCK" capture-pane -t "$S" -p | grep -q "$1" &&
	    [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
run ivanov deal-stage 2 won
if ! tmux_start 80 12 CRM_USER=ivanov LANG=ru_RU.UTF-8 LC_ALL=; then
	skip_one "no tmux (Debian package tmux)"
else
	tmux -S "$SOCK" send-keys -t "$S" "clear; crm-undo; echo EN\D\$?" Enter
	wait_for 'y/N'
	tmux -S "$SOCK" capture-pane -t "$S" -p | sed '/^$/d' > "$T/asked"
	tmux -S "$SOCK" send-keys -t "$S" "д" Enter
	wait_for '^END'
	tmux -S "$SOCK" capture-pane -t "$S" -p | sed '/^$/d' > "$T/answered"
	is "$(cat "$T/asked")" "crm-undo: ваша последняя команда, deal-stage, будет взята назад:
  сделка 2 (смена этапа): Запчасти
взять назад? [y/N]" "tmux: the command, the deal by its title, the question"
	is "$(grep '^END' "$T/answered")" "END0" "tmux: д takes it back, exit 0"
	is "$(q "SELECT stage_id FROM deal WHERE id = 2")" 1 \
	    "the deal back at the stage it left"
fi

done_testing
