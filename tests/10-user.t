#!/bin/sh
# crm-user: the first person, who may add whom, changes, deactivation,
# and what each role may see.
. "$(dirname "$0")/lib.sh"

run root crm-user add -g manager root 'Кто-то'
is "$rc" 1 "first person a manager: refused"
like "$errout" "first person must be an admin or a head" \
    "first person a manager: message"
is "$(dbq 'SELECT count(*) FROM person')" 0 \
    "first person a manager: nobody added"
run root crm-user add -g admin root 'Администратор'
is "$rc" 0 "first person, an admin, added"
is "$out" "" "adding is silent"
fails root 1 "already exists" "same login twice" \
    crm-user add -g head root 'Снова'
fails nobody 1 "not a person" "a stranger cannot add" \
    crm-user add -g manager x 'X'
fails root 1 "invalid login" "login with capitals" \
    crm-user add -g manager Ivanov 'Иванов'
fails root 1 "invalid e-mail" "bad e-mail" \
    crm-user add -g manager -e 'a b@c' ivanov 'Иванов'
fails root 1 "no such head" "unknown head" \
    crm-user add -g manager -h nohead ivanov 'Иванов'
fails root 2 "usage" "no role" crm-user add ivanov 'Иванов'
fails root 2 "invalid role" "bad role" crm-user add -g boss ivanov 'И'

department_rest() {
	CRM_USER=root crm-user add -g head -e petrova@example.ru petrova \
	    'Петрова Анна Сергеевна' &&
	CRM_USER=root crm-user add -g head sidorov 'Сидоров Игорь' &&
	CRM_USER=root crm-user add -g manager -h petrova \
	    -e ivanov@example.ru ivanov 'Иванов Пётр' &&
	CRM_USER=root crm-user add -g director director 'Орлов Директор'
}
department_rest
ok $? "department added"

# A head adds a manager to their own team, and only that.
run petrova crm-user add -g manager smirnova 'Смирнова Ольга'
is "$rc" 0 "a head adds a manager to their team"
run root crm-user list -t
like "$out" "smirnova	Смирнова Ольга	manager	petrova" \
    "the new manager is in the head's team"
fails petrova 1 "only an admin adds people" "a head adds to another team" \
    crm-user add -g manager -h sidorov kozlov 'Козлов'
fails petrova 1 "only an admin adds people" "a head adds a head" \
    crm-user add -g head h2 'Голова'
fails ivanov 1 "only an admin adds people" "a manager adds" \
    crm-user add -g manager x 'X'
fails director 1 "only an admin adds people" "a director adds" \
    crm-user add -g manager x 'X'
CRM_USER=root crm-user add -g manager -h sidorov kozlov 'Козлов Дмитрий'

# Who sees whom.
run ivanov crm-user list -t
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" "ivanov " \
    "a manager sees themselves"
run petrova crm-user list -t
is "$(printf '%s\n' "$out" | cut -f2 | tr '\n' ' ')" \
    "ivanov petrova smirnova " "a head sees their team"
run director crm-user list -t
is "$(printf '%s\n' "$out" | wc -l)" 7 "a director sees everyone"

# Changes.
run ivanov crm-user set ivanov email 'pyotr@example.ru'
is "$rc" 0 "a manager changes their own e-mail"
fails ivanov 1 "may not change the role" "a manager changes their role" \
    crm-user set ivanov role head
fails ivanov 1 "may not change" "a manager renames a colleague" \
    crm-user set smirnova name 'X'
fails petrova 1 "may not change" "a head renames another team" \
    crm-user set kozlov name 'X'
fails director 1 "director" "a director changes anything" \
    crm-user set ivanov name 'X'
fails root 1 "unknown field" "unknown field" crm-user set ivanov age 3
fails root 1 "still heads a team" "a head with a team stays head" \
    crm-user set sidorov role manager
run root crm-user set kozlov head petrova
is "$rc" 0 "an admin moves a manager to another team"
run root crm-user set sidorov role director
is "$rc" 0 "an empty team's head can become a director"

# Deactivation keeps the person and their history.
run petrova crm-user deactivate smirnova
is "$rc" 0 "a head deactivates a team member"
run root crm-user list -t
ok "$(printf '%s\n' "$out" | grep -c smirnova)" "inactive hidden by default"
run root crm-user list -a -t
like "$out" "smirnova	.*	0	" "inactive shown with -a"
fails smirnova 1 "deactivated" "a deactivated person cannot act" \
    crm-user list

# The audit log holds each change, with old and new values.
run root crm-log -t -k person
is "$(printf '%s\n' "$out" | wc -l)" 11 "one log entry per change"
run root crm-log -t -u ivanov
like "$out" 'email":\["ivanov@example.ru","pyotr@example.ru"\]' \
    "the log keeps the old and the new value"
run ivanov crm-log -t
is "$(printf '%s\n' "$out" | cut -f4,5 | sort -u | tr '\n' ' ')" \
    "person	4 " "a manager sees only the log of their own record"

# Table view lines Cyrillic up by display width.
run root crm-user list -p
golden user-list.txt "$out"
run root crm-user list -H -t
like "$(printf '%s\n' "$out" | head -1)" \
    "^id	login	name	role	head	email	active	created_at$" "-H header"
run root crm-user list -j
printf '%s\n' "$out" | jq -e . >/dev/null 2>&1
ok $? "JSON Lines parse with jq"
is "$(printf '%s\n' "$out" | jq -r 'select(.login=="ivanov") | .name')" \
    "Иванов Пётр" "JSON keeps Cyrillic"

done_testing
