#!/bin/sh
# Kinds of task and deal stages are the department's data: the views
# show the name the department gives them (crm-rules title), else the
# catalogue's default in the reader's language, while TSV and JSON keep
# the code.
. "$(dirname "$0")/lib.sh"
department
CRM_USER=ivanov task-add -k other 'Отчёт' > /dev/null
# The kind in the view: the word before the title.
kind() { CRM_USER=ivanov task-list -p | sed -n 's/^.*  \([^ ].*[^ ]\)  *Отчёт$/\1/p'; }

is "$(LC_ALL=ru_RU.UTF-8 kind)" "другое" "the default in Russian"
is "$(kind)" "other" "the default in English"

run root crm-rules title kind other 'Прочее'
is "$rc" 0 "an admin names a kind"
is "$(LC_ALL=ru_RU.UTF-8 kind)" "Прочее" "the department's name in a view"
is "$(kind)" "Прочее" "whatever the reader's locale: it is data"
is "$(CRM_USER=ivanov task-list -t | cut -f6)" "other" "TSV keeps the code"
is "$(CRM_USER=ivanov task-list -j | jq -r .kind)" "other" "JSON too"
is "$(dbq "SELECT action || ' ' || detail FROM audit
    WHERE entity = 'task_kind' ORDER BY id DESC LIMIT 1")" \
    'title {"name":"other","title":"Прочее"}' "the audit log has it"

run root crm-rules title kind other
is "$rc" 0 "no title: back to the default"
is "$(LC_ALL=ru_RU.UTF-8 kind)" "другое" "the default again"

# A stage, in the digest and in the deal list; a renamed stage keeps it.
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО «Ромашка»', 'ооо «ромашка»', '$CRM_NOW', 2);
    INSERT INTO deal (id, client_id, manager_id, title, amount, stage_id,
    opened_at, created_by) VALUES (1, 1, 4, 'Бумага', 100, 1, '$CRM_NOW', 4)"
run root crm-rules title stage lead 'Первый контакт'
is "$rc" 0 "an admin names a stage"
like "$(CRM_USER=ivanov crm-digest)" '#1 Первый контакт, 1,00: Бумага' \
    "the digest shows the stage's name"
like "$(CRM_USER=ivanov deal-list -p)" 'Первый контакт' "so does deal-list"
is "$(CRM_USER=ivanov deal-list -t | cut -f4)" lead "TSV keeps the code"

fails petrova 1 "only an admin names" "a head may not" \
    crm-rules title kind call 'Звонок'
fails root 1 "unknown task kind 'visit'" "an unknown kind" \
    crm-rules title kind visit 'Визит'
fails root 1 "no such stage 'nope'" "an unknown stage" \
    crm-rules title stage nope 'Нет'
fails root 1 "unknown kind of title 'client'" "neither kind nor stage" \
    crm-rules title client x 'Икс'
fails root 1 "invalid title" "a title with a control character" \
    crm-rules title kind call "$(printf 'a\tb')"
fails root 2 "usage" "no code" crm-rules title kind

# The stock titles of the two letters, as a Russian sales manager says
# them: an e-mail is «эл. письмо», a paper one «письмо почтой»; typed
# back with -k, each is its code.
c=$(CRM_USER=ivanov client-add 'ООО Адресат')
for k in email letter; do
	CRM_USER=ivanov task-add -k $k -c "$c" "Письмо $k" > /dev/null
done
for kt in 'email:эл. письмо' 'letter:письмо почтой'; do
	k=${kt%%:*} t=${kt#*:}
	like "$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov task-list -p -k $k)" \
	    "  $t  +ООО Адресат  +Письмо $k\$" "$k: «$t» in a Russian view"
	is "$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov task-list -t -k "$t" |
	    cut -f6,8 | tr '\t' ' ')" "$k Письмо $k" "-k '$t' is $k"
done
# «письмо» alone names neither: the refusal lists each kind by the word
# people read, with the code either may be typed as.
LC_ALL=ru_RU.UTF-8 run ivanov task-add -k письмо -c "$c" 'Письмо'
is "$rc" 1 "-k письмо: refused"
like "$errout" "«письмо»: звонок \(call\), .*эл\. письмо \(email\), письмо почтой \(letter\)," \
    "the refusal names the kinds in Russian, with their codes"
run ivanov task-add -k nosuch 'Письмо'
like "$errout" "unknown kind 'nosuch': call, meeting, email, letter," \
    "in English the words are the codes: each once"

done_testing
