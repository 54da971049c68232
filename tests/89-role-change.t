#!/bin/sh
# Rights follow the role at once (issue 12, part 4): a head who is no
# longer a head loses the team's work in every listing tool, crm-export
# and crm-log, and may no longer change the team's people; and a head
# with a team, deactivated members included, cannot stop being a head.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"
CK=$(CRM_USER=kozlov client-add 'ООО Козлова')
DK=$(CRM_USER=kozlov deal-add -A 1000 "$CK" 'Сделка Козлова')
OK=$(CRM_USER=kozlov doc-add -k invoice "$DK" 'К-1' 100)
TK=$(CRM_USER=kozlov task-add -c "$CK" -d 2026-11-27 'Позвонить Козлову')
ok $? "kozlov's client, deal, document and task"

# While sidorov heads kozlov, sidorov sees kozlov's work.
run sidorov client-list -t
like "$out" "ООО Козлова" "a head lists the team's clients"

# The repro: deactivate the member, change the role, reactivate.
run root crm-user set kozlov active 0
is "$rc" 0 "the member deactivated"
fails root 1 "'sidorov' still heads a team" \
    "a head with only deactivated members stays a head" \
    crm-user set sidorov role manager
run root crm-user set kozlov active 1
is "$rc" 0 "the member reactivated"
is "$(dbq "SELECT role FROM person WHERE login = 'sidorov'")" \
    head "sidorov is still a head"

# Moving the team first lets the head go, as crm-user(1) says.
run root crm-user set kozlov active 0
run root crm-user set kozlov head petrova
is "$rc" 0 "a deactivated member moves to another head"
run root crm-user set sidorov role manager
is "$rc" 0 "a head without a team becomes a manager"
run root crm-user set kozlov head sidorov
is "$rc" 1 "a manager heads nobody"
run root crm-user set kozlov active 1

# A database that reached the state before this fix: sidorov a manager
# who is still kozlov's head in the person table.
dbq "UPDATE person SET head_id = (SELECT id FROM person
    WHERE login = 'sidorov') WHERE login = 'kozlov'"
is "$(dbq "SELECT p.role FROM person p JOIN person k
    ON k.head_id = p.id WHERE k.login = 'kozlov'")" manager \
    "kozlov's head_id names a manager"
run sidorov client-list -t
is "$rc.$out" "0." "client-list: a manager does not list the old team's"
run sidorov deal-list -a -t
is "$rc.$out" "0." "deal-list: nor deals"
run sidorov doc-list -t
is "$rc.$out" "0." "doc-list: nor documents"
run sidorov task-list -a -t
is "$rc.$out" "0." "task-list -a: nor tasks"
run sidorov task-today -a -t
is "$rc.$(printf '%s\n' "$out$errout" | grep -c kozlov)" "0.0" \
    "task-today -a: nor the day"
run sidorov plan-check -a -t -d 2026-11-27
is "$(printf '%s\n' "$out$errout" | grep -c kozlov)" 0 \
    "plan-check -a: nor plans"
run sidorov crm-user list -t
is "$(printf '%s\n' "$out" | cut -f2)" sidorov "crm-user list: only self"
for k in people clients deals docs tasks; do
	run sidorov crm-export -k "$k"
	n=$(printf '%s\n' "$out" | grep -c kozlov)
	is "$rc.$n" "0.0" "crm-export -k $k: nothing of kozlov's"
done
run sidorov crm-export -k clients
is "$(printf '%s\n' "$out" | grep -c 'Козлова')" 0 \
    "crm-export -k clients: not the client's name"
run sidorov crm-log -t
is "$(printf '%s\n' "$out" | grep -c kozlov)" 0 \
    "crm-log: none of kozlov's entries"
run sidorov crm-log -k client -t "$CK"
is "$out" "" "crm-log of kozlov's client: nothing"
fails sidorov 1 "you may not change the name of 'kozlov'" \
    "a manager may not rename the old team's member" \
    crm-user set kozlov name 'Козлов Иван'
fails sidorov 1 "no such client" "nor edit its client" \
    client-edit "$CK" name 'ООО Чужое'
fails sidorov 1 "you may not" "nor deactivate its member" \
    crm-user set kozlov active 0
fails sidorov 1 "no such deal" "nor move its deal" \
    deal-stage "$DK" negotiation
fails sidorov 1 "you may not|no such task" "nor close its task" \
    task-done "$TK"

# The same people, seen by an active head of theirs, are visible again.
dbq "UPDATE person SET role = 'head' WHERE login = 'sidorov'"
run sidorov client-list -t
like "$out" "ООО Козлова" "back as head: the team's clients again"
run sidorov task-list -a -t
like "$out" "Позвонить Козлову" "back as head: the team's tasks again"

done_testing
