#!/bin/sh
# client-add, client-list, client-edit: validation, search in any case,
# who sees and changes whose clients, and the man pages' examples.
. "$(dirname "$0")/lib.sh"

department
ok $? "department added"

# client-add(1) EXAMPLES.
run ivanov client-add -I 7707083893 -P '+7 495 123-45-67' ООО «Ромашка»
is "$rc.$out" "0.1" "client-add prints the new id"
run petrova client-add -u smirnova -e info@lutik.ru ЗАО Лютик
is "$rc.$out" "0.2" "a head adds a client for a manager of the team"
is "$(dbq "SELECT m.login FROM client c JOIN person m
    ON m.id = c.manager_id WHERE c.id = 2")" smirnova \
    "the client is the manager's work"

# Validation: nothing written, the field and the value named.
fails ivanov 1 "invalid INN '7707083890'" "wrong INN check digit" \
    client-add -I 7707083890 Фирма
fails ivanov 1 "invalid INN '77070838'" "INN of 8 digits" \
    client-add -I 77070838 Фирма
fails ivanov 1 "invalid INN '500100732258'" "wrong 12-digit INN" \
    client-add -I 500100732258 ИП Петров
fails ivanov 1 "INN '7707083893' already exists" "INN used twice" \
    client-add -I 7707083893 Другая
# Another team's INN: one answer wherever it is typed, not whose it is.
hid="INN '7707083893' is taken by a client you may not see: ask your head"
fails kozlov 1 "^client-add: $hid\$" "another team's INN: refused" \
    client-add -I 7707083893 Другая
# (the same on PostgreSQL: the tools' rules, no row-level security)
fails kozlov 1 "^deal-add: $hid\$" "the same answer from a lookup" \
    deal-add 7707083893 Сделка
fails ivanov 1 "invalid phone '12'" "phone with two digits" \
    client-add -P 12 Фирма
fails ivanov 1 "invalid e-mail 'a@'" "bad e-mail" \
    client-add -e a@ Фирма
fails ivanov 1 "invalid name" "a name with a control character" \
    client-add "$(printf 'A\033B')"
fails ivanov 1 "201 bytes, at most 200" "a name too long" \
    client-add "$(printf '%0201d' 0)"
fails ivanov 1 "invalid note" "a note too long" \
    client-add -n "$(printf '%02001d' 0)" Фирма
fails ivanov 1 "may not change the work of 'kozlov'" \
    "a manager adds a client for another" client-add -u kozlov Фирма
fails petrova 1 "may not change the work of 'kozlov'" \
    "a head adds a client for another team" client-add -u kozlov Фирма
fails director 1 "director" "a director adds a client" client-add Фирма
fails ivanov 1 "no such person 'nobody'" "unknown manager" \
    client-add -u nobody Фирма
fails ivanov 2 "usage" "no name" client-add -I 7707083893
run ivanov client-add -I 500100732259 ИП Ёлкин Пётр
is "$rc.$out" "0.3" "a 12-digit INN"
run kozlov client-add 'Rose & Co 50%_off'
is "$rc.$out" "0.4" "a Latin name with LIKE characters"

# Search: any case, Cyrillic and Latin, ё as е, by INN; only one's own.
run ivanov client-list ромашка
golden client-list-romashka.txt "$out"
is "$out" "1	ООО «Ромашка»	7707083893	+7 495 123-45-67		ivanov		2026-11-26 09:00:00" \
    "client-list(1) example: lower case finds «Ромашка»"
run ivanov client-list РОМАШ
is "$(printf '%s\n' "$out" | cut -f1)" 1 "upper case finds it too"
run ivanov client-list елкин
is "$(printf '%s\n' "$out" | cut -f1)" 3 "е finds Ёлкин"
run ivanov client-list 500100732259
is "$(printf '%s\n' "$out" | cut -f1)" 3 "found by INN"
run kozlov client-list rose
is "$(printf '%s\n' "$out" | cut -f1)" 4 "Latin in any case"
run kozlov client-list '50%_'
is "$(printf '%s\n' "$out" | cut -f1)" 4 "% and _ match themselves"
run kozlov client-list '5%f'
is "$out" "" "% is not a wildcard"
run ivanov client-list лютик
is "$out" "" "a manager does not find a colleague's client"
run ivanov client-list
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "3 1 " \
    "a manager lists their own clients, by name"
run petrova client-list
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "2 3 1 " \
    "a head lists the team's, by name"
run director client-list -t
is "$(printf '%s\n' "$out" | wc -l)" 4 "a director lists all"
is "$(dbq 'SELECT count(*) FROM client')" 4 \
    "as many as the database counts"
run petrova client-list -j -u smirnova
is "$(printf '%s\n' "$out" | jq -r '.name + " " + .email')" \
    "ЗАО Лютик info@lutik.ru" "client-list(1) example: JSON with jq"
run petrova client-list -H -t -u smirnova
like "$(printf '%s\n' "$out" | head -1)" \
    "^id	name	inn	phone	email	manager	note	created_at$" "-H header"
run petrova client-list -p
golden client-list-table.txt "$out"

# client-edit(1) EXAMPLES and its checks.
run ivanov client-edit ромашка phone '8 800 555-35-35'
is "$rc" 0 "client-edit(1) example: a new phone"
is "$(dbq 'SELECT phone FROM client WHERE id = 1')" \
    "8 800 555-35-35" "the phone is changed"
run root crm-log -t -k client 1
like "$out" 'update	\{"phone":\["\+7 495 123-45-67","8 800 555-35-35"\]\}' \
    "the log keeps the old and the new phone"
fails ivanov 1 "invalid INN '1234567890'" "edit: a wrong INN" \
    client-edit 1 inn 1234567890
fails ivanov 1 "INN '500100732259' already exists" "edit: a used INN" \
    client-edit 1 inn 500100732259
fails ivanov 1 "unknown field 'age'" "edit: unknown field" \
    client-edit 1 age 3
fails ivanov 1 "no such client '2'" "edit: a colleague's client" \
    client-edit 2 note x
fails ivanov 1 "no such client 'лютик'" "edit: a colleague's client by name" \
    client-edit лютик note x
fails petrova 1 "several clients match 'о'" "edit: ambiguous name" \
    client-edit о note x
fails ivanov 1 "may not change the work of 'smirnova'" \
    "a manager hands a client to a colleague" client-edit 1 manager smirnova
fails director 1 "director" "a director edits" client-edit 1 note x
run petrova client-edit 7707083893 manager smirnova
is "$rc" 0 "client-edit(1) example: a head hands a client over"
run smirnova client-list ромашка
is "$(printf '%s\n' "$out" | cut -f6)" smirnova "the client moved"
run smirnova client-edit ромашка name 'АО «Ромашка-Плюс»'
run smirnova client-list плюс
is "$(printf '%s\n' "$out" | cut -f1)" 1 "a renamed client is found by the new name"
run smirnova client-edit 1 email ''
is "$(dbq 'SELECT CAST(email IS NULL AS INTEGER) FROM client WHERE id = 1')" 1 \
    "an empty value clears"

done_testing
