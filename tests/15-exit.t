#!/bin/sh
# The exit status (crm(7), Exit status), one rule over every tool.  Tools
# that act: 0 done; 1 a well-formed request refused or failed; 2 the
# command line cannot be parsed (an unknown option, a missing operand, a
# value that is not a date, time, id, amount or period).  Tools that
# answer a question (plan-check, crm-verify): 0 nothing found, 1 found,
# 2 could not check.  A usage error names what is missing.
. "$(dirname "$0")/lib.sh"

TOOLS=$(cd "$TOP/cmd" && ls *.c | sed 's/\.c$//')
records
covered=

# who|exit|message (grep -E)|command (sh)
while IFS='|' read -r who st pat cmd; do
	case $who in ''|'#'*) continue;; esac
	# (no terminal and nothing on standard input, as under cron)
	fails "$who" "$st" "$pat" "$who: $cmd" sh -c "$cmd" < /dev/null
	covered="$covered ${cmd%% *}:$st "
done <<'EOF2'
# 2: the command line cannot be parsed; what is missing is named.
ivanov|2|usage: client-add|client-add
ivanov|2|a field and a value are needed|client-edit $CID phone
ivanov|2|requires an argument|client-list -u
root|2|usage: client-merge|client-merge $CID
root|2|usage: crm-backup|crm-backup
ivanov|2|a command is required: ssh|crm-shell
petrova|2|invalid date '2026-02-30'|crm-control -d 2026-02-30
petrova|2|record: an operand is missing|crm-control record
petrova|2|list: too many operands|crm-control list ivanov
ivanov|2|invalid date '2026-02-30'|crm-digest -d 2026-02-30
root|2|invalid id 'x'|crm-erase x
ivanov|2|a kind is required: -k kind|crm-export
petrova|2|a kind is required: -k kind|crm-import
ivanov|2|invalid id 'x'|crm-log -k task x
root|2|invalid period '2026-W60'|crm-rules days 2026-W60
root|2|set: an operand is missing|crm-rules set plan.min
ivanov|2|usage: crm-undo|crm-undo x
root|2|a role is required: -g role|crm-user add smirnov 'Смирнов'
root|2|a command is required|crm-user
root|2|unknown command 'remove'|crm-user remove ivanov
root|2|invalid entry 'x'|crm-verify x y
ivanov|2|invalid amount '1e6'|deal-add -A 1e6 $CID x
ivanov|2|invalid close date|deal-add -d 2026-02-30 $CID x
ivanov|2|a field and a value are needed|deal-edit $DID amount
ivanov|2|requires an argument|deal-list -s
ivanov|2|history: an operand is missing|deal-stage history
root|2|invalid position 'x'|deal-stage add pilot x open
ivanov|2|a deal, a number and an amount are required|doc-add -k invoice $DID С-2
ivanov|2|a kind is required: -k kind|doc-add $DID С-2 100
ivanov|2|invalid amount '1,2,3'|doc-add -k invoice $DID С-2 1,2,3
ivanov|2|a field and a value are needed|doc-edit $DOC amount
ivanov|2|requires an argument|doc-list -l
ivanov|2|invalid paid date '2026-02-30'|doc-pay -d 2026-02-30 $DOC
ivanov|2|invalid period 'someday'|kpi-report -d someday
ivanov|2|invalid date '2026-02-30'|plan-check -d 2026-02-30
ivanov|2|invalid time '25'|task-add -T 25 x
ivanov|2|a reason is required: -r reason|task-cancel $TID
ivanov|2|a reason is required: -r reason|task-cancel $TID
ivanov|2|invalid time '25'|task-done -T 25 -N x $TID
ivanov|2|invalid done time 'x'|task-done -d x $TID
ivanov|2|invalid time '25'|task-edit -T 25 $TID
ivanov|2|invalid period '2026-02-30'|task-list 2026-02-30
ivanov|2|invalid date '2026-02-30'|task-move $TID 2026-02-30
ivanov|2|invalid id 'x'|task-move x tomorrow
root|2|usage: task-remind|task-remind x
ivanov|2|a reason is required: -r reason|task-reopen $TID
petrova|2|a comment is required: -r comment|task-return $TID tomorrow
petrova|2|usage: task-accept|task-accept -d today $TID
ivanov|2|invalid date '2026-02-30'|task-today -d 2026-02-30
# 1: a well-formed request refused or failed.
ivanov|1|no such client|client-edit 999 phone 1
ivanov|1|no such client|deal-add 999 x
ivanov|1|no such deal|deal-stage 999 won
ivanov|1|no such deal|doc-add -k invoice 999 С-2 100
ivanov|1|no such|doc-pay 999
ivanov|1|no such task|task-cancel -r x 999
ivanov|1|no task given|task-cancel -r x
ivanov|1|no such deal 'x'|deal-stage x lost
ivanov|1|no such deal 'x'|doc-list -l x
ivanov|1|no such task|task-move 999 tomorrow
ivanov|1|no such task|task-done 999
ivanov|1|no such task|task-edit -N x 999
ivanov|1|no such task|task-reopen -r x 999
petrova|1|no such task|task-accept 999
petrova|1|no such task|task-return -r x 999 tomorrow
root|1|cannot be undone|crm-undo
ivanov|1|nobody|task-today -u nobody
ivanov|1|nobody|task-list -u nobody
ivanov|1|nobody|kpi-report -u nobody
root|1|no such person|crm-user set nobody name x
root|1|unknown|crm-rules set no.such 1
ivanov|1|.|deal-stage add pilot 3 open
# The questions: 2 when they cannot check.
ivanov|2|nobody|plan-check -u nobody
ivanov|2|.|crm-verify
EOF2

# Every tool has its usage error in the table above.
for t in $TOOLS; do
	case $covered in
	*" $t:2 "*)	ok 0 "$t: a usage error exits 2";;
	*)		ok 1 "$t: no usage case in 15-exit.t";;
	esac
done

# The questions find: 1 (plan-check finds the empty plan of a day).
run petrova plan-check -t -d 2026-11-27 -u smirnova
is "$rc" 1 "plan-check: found, exit 1"
run root crm-verify
is "$rc" 0 "crm-verify: nothing found, exit 0"

done_testing
