#!/bin/sh
# Tasks typed as people say them: every line of tests/data/phrases.tsv
# read by task-add -Q (which makes nothing) against the clock the table
# pins, under LANG=C and in Russian; each gives its date, time, kind,
# client and title, or the refusal that names its word.  Then what
# quick add says and refuses when it does make tasks.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
for c in 'ООО «Ромашка»' 'Ромашка-Сервис' 'Бета' 'Альфа-Банк' 'Север' \
    'АО Вектор' 'ЗАО Лютик' 'Лютик-Сервис' 'ИП Вектор' 'ООО "Гамма"' \
    'Дельта Плюс' 'Омега'; do
	CRM_USER=ivanov client-add "$c" >/dev/null
done
TAB=$(printf '\t')
table="$TOP/tests/data/phrases.tsv"

# The table itself: big enough, written by hand, no pattern over ten.
rows=$(grep -v '^[#@]' "$table")
is "$(printf '%s\n' "$rows" | wc -l | tr -d ' ')" \
    "$(printf '%s\n' "$rows" | awk -F '\t' 'NF == 8' | wc -l | tr -d ' ')" \
    "every line of the table has its eight columns"
[ "$(printf '%s\n' "$rows" | wc -l)" -ge 300 ]
ok $? "at least 300 phrasings"
[ "$(printf '%s\n' "$rows" | cut -f1 | grep -c '^free$')" -ge 100 ]
ok $? "at least 100 written free-form"
is "$(printf '%s\n' "$rows" | cut -f1 | grep -v '^free$' | sort | uniq -c |
    awk '$1 > 10' | wc -l | tr -d ' ')" 0 "no pattern over ten lines"

# One run of task-add -Q per clock and locale: "section N" is the lines
# after the Nth "@" line.
sections=$(grep -c '^@' "$table")
section() {
	awk -F '\t' -v n="$1" '/^@/ { s++; next } /^#/ { next }
	    s == n' "$table"
}
clock() {
	grep '^@' "$table" | sed -n "$1p" | cut -f2
}
i=1
while [ "$i" -le "$sections" ]; do
	section "$i" > "$T/in.$i"
	cut -f2 "$T/in.$i" > "$T/words.$i"
	for lang in C.UTF-8 ru_RU.UTF-8; do
		CRM_NOW=$(clock "$i") LC_ALL=$lang CRM_USER=ivanov \
		    task-add -Q < "$T/words.$i" > "$T/got.$i.$lang" \
		    2> "$T/err.$i.$lang"
	done
	# Line by line, so that a failure names its phrase.
	bad=$(paste "$T/in.$i" "$T/got.$i.C.UTF-8" | awk -F '\t' '{
	    w = $3 "|" $4 "|" $5 "|" $6 "|" $7 "|" $8
	    g = $9 "|" $10 "|" $11 "|" $12 "|" $13 "|" $14
	    if (w != g) print $2 ": want " w ", got " g }')
	is "$bad" "" "clock $(clock "$i"): $(wc -l < "$T/in.$i" |
	    tr -d ' ') phrases read as the table says"
	is "$(cmp "$T/got.$i.C.UTF-8" "$T/got.$i.ru_RU.UTF-8" &&
	    echo same)" same "clock $(clock "$i"): the same in Russian"
	i=$((i + 1))
done

# Refusals: one line each on standard error, the word named; the forms
# in English under LANG=C, in Russian in Russian.
cat "$T"/got.*.C.UTF-8 | awk -F '\t' '$1 == 2' > "$T/refused"
cat "$T"/err.*.C.UTF-8 | grep "looks like a date" > "$T/said.C"
cat "$T"/err.*.ru_RU.UTF-8 | grep "похоже на дату" > "$T/said.ru"
[ "$(wc -l < "$T/refused")" -ge 30 ]
ok $? "the table refuses a word in 30 lines at least"
is "$(wc -l < "$T/said.C")" "$(wc -l < "$T/refused")" \
    "LANG=C: one message a refused word"
is "$(wc -l < "$T/said.ru")" "$(wc -l < "$T/refused")" \
    "Russian: one message a refused word"
like "$(head -1 "$T/said.C")" "^task-add: '.*' looks like a date or a time but is not read: try 15 December, .*by Friday.*in 2 days.*at 3 pm.*after -- or within «»$" \
    "LANG=C: the English forms"
! grep -qE "через 2 дня|в 3 часа дня" "$T/said.C"
ok $? "LANG=C: no Russian forms"
like "$(head -1 "$T/said.ru")" "^task-add: «.*» похоже на дату или время, но не прочитано: попробуйте 15 декабря, .*до пятницы.*через 2 дня.*в 3 часа дня" \
    "Russian: the Russian forms"
is "$(cut -f6 "$T/refused" | while read -r w; do
	grep -c "'$w' looks like" "$T/said.C" >/dev/null || echo "$w"
    done)" "" "each refusal names its word"

# ---- making tasks ----
n=$(q 'SELECT count(*) FROM task')
fails ivanov 2 "^task-add: 'секретаря' looks like a date" \
    "a refused word makes nothing" task-add позвонить через секретаря
fails ivanov 1 "several clients match 'Вектор': 6 АО Вектор, 9 ИП Вектор" \
    "a name of two clients makes nothing, listing both" \
    task-add -u ivanov завтра в 12 позвонить в Вектор
is "$(q 'SELECT count(*) FROM task')" "$n" "nothing made so far"
run ivanov task-add уточнить у Беты -- через секретаря
is "$rc.$(q "SELECT kind, client_id, title FROM task WHERE id = ${out:-0}")" \
    "0.other|3|уточнить у Беты через секретаря" \
    "the words after -- kept as typed"

# -T and the sentence: the time from the option, the rest from the words.
run ivanov task-add -T 15 в пятницу встреча с Севером
is "$rc.$(q "SELECT due_date, due_time, kind, client_id, title FROM task
    WHERE id = ${out:-0}")" "0.2026-11-27|15:00|meeting|5|Встреча с Севером" \
    "-T 15 в пятницу встреча с Севером"
fails ivanov 2 "the words say 11:00, -T says 15:00" \
    "words that contradict -T" task-add -T 15 в пятницу в 11 встреча с Севером
fails ivanov 2 "the words name the client 'Север', -c another" \
    "words that contradict -c" task-add -c Бета завтра встреча с Севером в 11

# A day off: made, with a warning; -O silences it.
run ivanov task-add в субботу разобрать почту
is "$rc.$(q "SELECT due_date FROM task WHERE id = ${out:-0}")" \
    "0.2026-11-28" "a task on a day off is made"
like "$errout" "2026-11-28 is a day off" "with a warning"
run ivanov task-add -O в субботу разобрать почту
is "$rc.$errout" "0." "-O: no warning"

# -v: what was understood, on standard error even into a pipe.
run ivanov task-add -v завтра в 3 часа дня позвонить в Ромашку
like "$errout" "^task [0-9]+: Fri 27.11 15:00, call, ООО «Ромашка»$" \
    "-v: the line of what was understood, in a pipe"
run ivanov task-add завтра в 3 часа дня позвонить в Ромашку
is "$errout" "" "without -v, nothing in a pipe"

done_testing
