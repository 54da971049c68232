#!/bin/sh
# The words on screen work as input (crm(7), Language): a state, a kind
# of task or of document, a stage is typed as the code, as the word the
# reader's language shows for it, or as the department's title, in any
# case; TSV keeps the codes; a title that is another code's word is
# refused when set; a rule that is a date takes the person's form.
. "$(dirname "$0")/lib.sh"

records
ok $? "department and records"
RU=ru_RU.UTF-8
ru() {	# ru AS CMD...: run under the Russian locale
	_u=$1
	shift
	out=$(LC_ALL=$RU CRM_USER=$_u "$@" 2>"$T/stderr")
	rc=$?
	errout=$(cat "$T/stderr")
}
ids() { printf '%s\n' "$1" | cut -f1 | tr '\n' ' '; }

CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -k call -c "$CID" \
    -d 2026-11-23 'Старый звонок' > /dev/null
CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -k meeting \
    -c "$CID" -d 2026-11-24 -T 15:00 'Старая встреча' > /dev/null
run ivanov task-list -s overdue
want=$(ids "$out")
is "$want" "2 3 " "two overdue tasks, by the code"

# States: the Russian word, any case; TSV keeps the code.
ru ivanov task-list -s просрочено
is "$rc.$(ids "$out")" "0.$want" "task-list -s просрочено is -s overdue"
is "$(printf '%s\n' "$out" | cut -f5 | sort -u)" "overdue" \
    "... and the TSV says overdue, the code"
ru ivanov task-list -s ПРОСРОЧЕНО
is "$rc.$(ids "$out")" "0.$want" "in any case"
ru ivanov task-list -s выполнено
is "$rc.$out" "0." "выполнено is done: none yet"

# Under C the Russian word is no state, and the message lists the codes.
run ivanov task-list -s просрочено
is "$rc" 1 "under C, просрочено is refused"
is "$errout" "task-list: invalid status 'просрочено': open, upcoming, overdue, done, cancelled, returned, accepted or pending" \
    "... naming what was typed, with English forms only"

# The README's pipe: what the screen shows, typed back.
LC_ALL=$RU CRM_USER=ivanov task-list -s просрочено |
    LC_ALL=$RU CRM_USER=ivanov task-move сегодня
is "$?.$(dbq "SELECT id, due_date FROM task WHERE id IN (2, 3) ORDER BY id")" \
    "0.2|2026-11-26
3|2026-11-26" "task-list -s просрочено | task-move сегодня moves them"

# Kinds of task: the word, in any case (ё as е too), for every tool.
ru ivanov task-list -k Встреча
is "$rc.$(ids "$out")" "0.3 " "task-list -k Встреча is -k meeting"
ru ivanov task-add -k встреча -c "$CID" -d завтра -T 10:00 'Новая встреча'
is "$rc.$(dbq "SELECT kind FROM task WHERE id = $out")" "0.meeting" \
    "task-add -k встреча adds a meeting"
ru ivanov task-edit -k звонок "$out"
is "$rc.$(dbq "SELECT kind FROM task WHERE id = 4")" "0.call" \
    "task-edit -k звонок"
ru ivanov task-list -k 'письмо почтой'
is "$rc.$out" "0." "a word of two words"

# Stages and documents.
DID2=$(CRM_USER=ivanov deal-add -A 5000 "$CID" 'Сервис')
ru ivanov deal-list -s Лид
is "$rc.$(ids "$out")" "0.$DID $DID2 " "deal-list -s Лид is -s lead"
ru ivanov doc-add -k счёт "$DID2" 'С-7' 5000
is "$rc.$(dbq "SELECT kind FROM doc WHERE number = 'С-7'")" "0.invoice" \
    "doc-add -k счёт issues an invoice"
ru ivanov doc-list -k СЧЕТ
is "$rc.$(printf '%s\n' "$out" | cut -f2 | sort -u)" "0.invoice" \
    "doc-list -k СЧЕТ: ё as е, any case"
ru ivanov deal-stage "$DID2" проиграна
is "$rc.$errout" "1.deal-stage: для перевода сделки $DID2 на этап «проиграна» нужна причина" \
    "the refusal names the stage by its word"
ru ivanov deal-stage -r 'дорого' "$DID2" проиграна
is "$rc.$(dbq "SELECT s.name FROM deal d JOIN stage s ON s.id = d.stage_id
    WHERE d.id = $DID2")" "0.lost" "deal-stage 7 проиграна"
fails ivanov 1 "no such stage 'пропала'" "a word that is no stage" \
    deal-stage "$DID" пропала

# The department's titles: input too, under every locale; one that is
# another code's word is refused.
ru root crm-rules kind встреча client
is "$rc.$(dbq "SELECT need_client FROM task_kind WHERE name = 'meeting'")" \
    "0.1" "crm-rules kind встреча sets the meeting's fields"
run root crm-rules title kind call Созвон
is "$rc" 0 "a title set"
run ivanov task-list -k созвон
is "$rc.$(ids "$out")" "0.1 2 4 " "the title is input, any case, under C"
ru ivanov task-list -k созвон
is "$rc.$(ids "$out")" "0.1 2 4 " "... and under ru"
fails root 1 "title 'meeting' is the word of 'meeting' already" \
    "a title that is another code" crm-rules title kind call meeting
LC_ALL=$RU fails root 1 "название «Встреча» — уже слово для «meeting»" \
    "a title that is another code's word in the reader's language" \
    crm-rules title kind call Встреча
fails root 1 "title 'созвон' is the word of 'call' already" \
    "a title that is another code's title" crm-rules title kind meeting созвон
run root crm-rules title kind созвон 'Звонок клиенту'
is "$rc.$(dbq "SELECT title FROM title WHERE code = 'call'")" \
    "0.Звонок клиенту" "crm-rules title takes the code by its title"
run root crm-rules title kind call
is "$rc.$(dbq "SELECT count(*) FROM title")" "0.0" "a title reset"

# A rule that is a date takes the person's form; a refusal is Russian.
ru root crm-rules set rollout.launch 23.11.2026
is "$rc.$(dbq "SELECT value FROM rule WHERE key = 'rollout.launch'")" \
    "0.2026-11-23" "crm-rules set rollout.launch 23.11.2026"
ru root crm-rules set rollout.launch 31.02.2026
is "$rc.$errout" "1.crm-rules: недопустимое значение «31.02.2026» для правила «rollout.launch» (день запуска CRM (пусто: внедрения нет))" \
    "a bad date, refused in Russian all through"

done_testing
