#!/bin/sh
# Who may do what, through the binaries: one table of (who, exit,
# message, command).  A manager neither sees nor changes another
# manager's work, nor backdates their own, nor changes the regulations; a
# director changes nothing; a head acts only within their team.  Every
# refusal leaves the database unchanged.  (CRM_USER for a real
# unprivileged user: tests/13-identity.t.)
. "$(dirname "$0")/lib.sh"

department
CI=$(CRM_USER=ivanov client-add 'ООО Иванова')
CK=$(CRM_USER=kozlov client-add 'ООО Козлова')
DI=$(CRM_USER=ivanov deal-add -A 1000 "$CI" 'Сделка Иванова')
DK=$(CRM_USER=kozlov deal-add -A 1000 "$CK" 'Сделка Козлова')
OK=$(CRM_USER=kozlov doc-add -k invoice "$DK" 'К-1' 100)
OI=$(CRM_USER=ivanov doc-add -k invoice "$DI" 'И-1' 100)
TI=$(CRM_USER=ivanov task-add 'Задача Иванова')
TS=$(CRM_USER=smirnova task-add 'Задача Смирновой')
TK=$(CRM_USER=kozlov task-add 'Задача Козлова')
TP=$(CRM_USER=petrova task-add 'Задача Петровой')
export CI CK DI DK OK OI TI TS TK TP

# who|exit|message (grep -E)|command
while IFS='|' read -r who st pat cmd; do
	case $who in ''|'#'*) continue;; esac
	# On PostgreSQL another's task is hidden (tests/lib.sh: hidden).
	case $pat in *"you may not change the work of"*)
		case $cmd in task-done*|task-move*|task-cancel*)
			pat=$(hidden '[0-9]+' "$pat") ;;
		esac ;;
	esac
	fails "$who" "$st" "$pat" "$who: $cmd" sh -c "$cmd"
done <<'TABLE'
# A manager and a colleague's (smirnova) or another team's (kozlov) work.
ivanov|1|task 2: you may not change the work of 'smirnova'|task-done $TS
ivanov|1|task 3: you may not change the work of 'kozlov'|task-done $TK
ivanov|1|you may not change the work of 'smirnova'|task-move $TS 2026-11-30
ivanov|1|you may not change the work of 'smirnova'|task-cancel -r x $TS
ivanov|1|you may not give tasks to 'smirnova'|task-add -u smirnova x
ivanov|1|you may not give tasks to 'kozlov'|printf 'kozlov\t2026-11-27\t\t\tx\n' | task-add
ivanov|1|you may not see the work of 'smirnova'|task-today -u smirnova
ivanov|1|you may not see the work of 'smirnova'|task-list -u smirnova
ivanov|2|you may not see the work of 'smirnova'|plan-check -u smirnova
ivanov|1|you may not see the work of 'smirnova'|kpi-report -u smirnova
ivanov|1|you may not see the work of 'smirnova'|crm-digest -O -u smirnova
ivanov|1|no such client '2'|task-add -c $CK x
ivanov|1|no such client 'Козлов'|task-add -c Козлов x
ivanov|1|no such deal '2'|task-add -l $DK x
ivanov|1|no such client|task-list -c $CK
ivanov|1|no such client '2'|client-edit $CK phone 1234567
ivanov|1|you may not change the work of 'kozlov'|client-add -u kozlov x
ivanov|1|no such client '2'|deal-add $CK x
ivanov|1|no such deal '2'|deal-stage $DK 2
ivanov|1|no such deal '2'|doc-add -k invoice $DK И-2 100
ivanov|1|no such document '1'|doc-pay $OK
# Nor backdate their own work, nor change the regulations or people.
ivanov|1|task 1: you may not backdate your own work|task-done -d 08:00 $TI
ivanov|1|only a head or an admin changes the regulations|crm-rules set plan.min 1
ivanov|1|only a head or an admin changes the regulations|crm-rules reset plan.min
ivanov|1|only a head or an admin changes the regulations|crm-rules day 2026-12-31 off
ivanov|1|only a head or an admin changes the regulations|crm-rules kind call time
ivanov|1|only a head or an admin changes the regulations|printf '2026-12-31 off\n' | crm-rules import
ivanov|1|only an admin adds people|crm-user add -g manager -h petrova x Икс
ivanov|1|you may not change the name of 'smirnova'|crm-user set smirnova name Икс
ivanov|1|role|crm-user set ivanov role head
ivanov|1|only a head or an admin records a control|crm-control record smirnova
ivanov|1|only an admin or a head imports|crm-import -k tasks /dev/null
# A director reads and changes nothing.
director|1|a director reads and does not change|task-add x
director|1|a director reads and does not change|task-add -u ivanov x
director|1|a director reads and does not change|printf 'ivanov\t2026-11-27\t\t\tx\n' | task-add
director|1|task 1: a director reads and does not change|task-done $TI
director|1|task 1: a director reads and does not change|task-move $TI 2026-11-30
director|1|task 1: a director reads and does not change|task-cancel -r x $TI
director|1|a director reads and does not change|client-add x
director|1|a director reads and does not change|client-edit $CI phone 1234567
director|1|a director reads and does not change|deal-add $CI x
director|1|a director reads and does not change|deal-stage $DI 2
director|1|a director reads and does not change|doc-add -k invoice $DI Д-1 100
director|1|a director reads and does not change|doc-pay $OI
director|1|only a head or an admin changes the regulations|crm-rules set plan.min 1
director|1|only a head or an admin changes the regulations|crm-rules day 2026-12-31 off
director|1|only an admin adds people|crm-user add -g manager -h petrova x Икс
director|1|a director reads and does not change|crm-user set ivanov name Икс
director|1|only a head or an admin records a control|crm-control record ivanov
director|1|only an admin or a head imports|crm-import -k tasks /dev/null
# A head within their team only.
petrova|1|task 3: you may not change the work of 'kozlov'|task-done $TK
petrova|1|you may not change the work of 'kozlov'|task-move $TK 2026-11-30
petrova|1|you may not change the work of 'kozlov'|task-cancel -r x $TK
petrova|1|you may not give tasks to 'kozlov'|task-add -u kozlov x
petrova|1|you may not see the work of 'kozlov'|task-today -u kozlov
petrova|1|you may not see the work of 'kozlov'|task-list -u kozlov
petrova|2|you may not see the work of 'kozlov'|plan-check -u kozlov
petrova|1|you may not see the work of 'kozlov'|kpi-report -u kozlov
petrova|1|task 4: you may not backdate your own work|task-done -d 08:00 $TP
petrova|1|no such client '2'|client-edit $CK phone 1234567
petrova|1|no such deal '2'|deal-stage $DK 2
petrova|1|no such document '1'|doc-pay $OK
petrova|1|no such client '2'|task-add -u smirnova -c $CK x
petrova|1|you may not change the name of 'kozlov'|crm-user set kozlov name Икс
petrova|1|only an admin adds people|crm-user add -g head y Игрек
petrova|1|you may not change the work of 'kozlov'|crm-control record kozlov
petrova|1|kozlov|printf 'login,kind,title,due_date\nkozlov,call,x,2026-12-01\n' | crm-import -k tasks
sidorov|1|task 1: you may not change the work of 'ivanov'|task-done $TI
sidorov|1|you may not give tasks to 'ivanov'|task-add -u ivanov x
sidorov|1|no such client '1'|client-edit $CI phone 1234567
TABLE


# What is allowed, so that the refusals above mean something.
CRM_NOW="2026-11-26 12:00:00"
fails petrova 1 "before task $TS was made" "a head backdates before the task" \
    task-done -d 08:30 "$TS"
fails petrova 1 "future" "a head records work in the future" \
    task-done -d 12:30 "$TS"
run petrova task-done -d 10:30 "$TS"
is "$rc" 0 "a head records a team member's work done earlier"
is "$(dbq "SELECT closed_at, recorded_at FROM task
    WHERE id = $TS")" "2026-11-26 10:30:00|2026-11-26 12:00:00" \
    "done at the time given, recorded now"
like "$(dbq "SELECT actor || ' ' || at FROM audit
    WHERE entity = 'task' AND entity_id = $TS ORDER BY id DESC LIMIT 1")" \
    "^petrova 2026-11-26 12:00:00" "the log shows who recorded it, and when"
CRM_NOW="2026-11-26 09:00:00"
run petrova task-add -u smirnova -c "$CI" 'Клиент коллеги'
is "$rc" 0 "a head uses a team member's client"
run root crm-rules set plan.min 4
is "$rc" 0 "an admin changes the regulations"

# Nothing of another's work shows in what a manager lists.
for cmd in 'task-list -t' 'task-list -a -t' 'task-today -a -t' \
    'client-list -t' 'deal-list -a -t' 'doc-list -t' 'crm-log -t' \
    'crm-export -k tasks' 'crm-export -k clients' 'crm-export -k deals' \
    'crm-export -k docs' 'kpi-report -t' 'crm-user list -t'; do
	run ivanov $cmd
	is "$rc" 0 "ivanov: $cmd runs"
	ok "$(printf '%s\n' "$out" |
	    grep -Eq 'Козлов|Смирнов|Петров|kozlov|smirnova'; [ $? -eq 1 ]
	    echo $?)" "ivanov: $cmd shows none of the others' work"
done
run petrova task-list -a -t
like "$out" "Задача Смирновой" "a head sees the team's tasks"
ok "$(printf '%s\n' "$out" | grep -q 'Козлов'; [ $? -eq 1 ]; echo $?)" \
    "but not another team's"
run director task-list -a -t
like "$out" "Задача Козлова" "a director sees everyone's tasks"

done_testing
