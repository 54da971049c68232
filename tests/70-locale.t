#!/bin/sh
# The library's words in the person's language (issue 14): the catalogue
# is complete, Russian applies under a Russian locale (LANG, LC_ALL,
# LC_MESSAGES, with LANGUAGE honoured) and English otherwise, plurals
# take Russian's three forms, and numbers stay "C" for machines.
. "$(dirname "$0")/lib.sh"

# The catalogue: every message translated, nothing fuzzy, formats right.
stats=$(msgfmt -c --statistics -o /dev/null "$TOP/po/ru.po" 2>&1)
is "$?" 0 "msgfmt -c accepts po/ru.po"
like "$stats" '^[0-9]+ translated messages\.$' \
    "no untranslated or fuzzy message ($stats)"
# Every message the library marks is in it: a new string unmarked in
# ru.po would fall back to English.
(cd "$TOP" && xgettext --from-code=UTF-8 --language=C \
    --keyword=_ --keyword=N_ --keyword=L --keyword=crmi_err:3 --keyword=crmi_already:3 \
    --keyword=NC_:1c,2 --keyword=TR:2 --keyword=crmi_ntr:1,2 \
    --keyword=dgettext:2 --keyword=dngettext:2,3 --keyword=n_:1,2 \
    -o "$T/crm.pot" lib/*.c cmd/*.c cmd/libcmd/*.c cmd/libcmd/*.h)
msgcmp "$TOP/po/ru.po" "$T/crm.pot" 2> "$T/msgcmp"
ok $? "every marked message of lib/ and cmd/ is translated"
sed 's/^/# /' "$T/msgcmp"
is "$(grep -c '^msgid' "$T/crm.pot")" "$(grep -c '^msgid' \
    "$TOP/po/crm.pot")" "po/crm.pot is up to date (make pot)"
make -s -C "$TOP" install-mo DESTDIR="$T/root" PREFIX=/usr > /dev/null &&
    msgunfmt "$T/root/usr/share/locale/ru/LC_MESSAGES/crm.mo" |
    grep -q 'нет задачи'
ok $? "make install puts the catalogue in share/locale/ru/LC_MESSAGES"
locale -a | grep -qix 'ru_RU.utf8'
ok $? "the ru_RU.UTF-8 locale is installed (.ci/deps)"

department
# An error message, left in the handle by the library.
msg() { CRM_USER=ivanov "$@" task-done 999 2>&1 >/dev/null; }
en="task-done: no such task '999'"
ru="task-done: нет задачи «999»"
is "$(msg env LC_ALL=ru_RU.UTF-8)" "$ru" "LC_ALL=ru_RU.UTF-8: Russian"
is "$(msg env -u LC_ALL LANG=ru_RU.UTF-8)" "$ru" "LANG=ru_RU.UTF-8: Russian"
is "$(msg env -u LC_ALL LANG=C LC_MESSAGES=ru_RU.UTF-8)" "$ru" \
    "LC_MESSAGES=ru_RU.UTF-8: Russian"
is "$(msg env -u LC_ALL LANG=ru_RU.UTF-8 LANGUAGE=en)" "$en" \
    "LANGUAGE=en before a Russian LANG: English"
is "$(msg env -u LC_ALL LANG=C LANGUAGE=ru)" "$en" \
    "LANGUAGE alone does not make the C locale Russian"
is "$(msg env -u LC_ALL LANG=C)" "$en" "LANG=C: English"
is "$(msg env LC_ALL=C.UTF-8)" "$en" "C.UTF-8: English"
is "$(msg env -u LC_ALL -u LANG -u LC_MESSAGES)" "$en" "no locale: English"

# A code inside a message is the word people read for it.
T1=$(CRM_USER=ivanov task-add -d 2026-11-26 'Сделать')
CRM_USER=ivanov task-done "$T1"
is "$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov task-done "$T1" 2>&1)" \
    "task-done: задача $T1 уже в состоянии «выполнено»" "a state in a message"
is "$(CRM_USER=ivanov task-done "$T1" 2>&1)" "task-done: task $T1 is already done" \
    "and in English, the code"
dbq "DELETE FROM task"

# Plurals: "the plan needs N" on an empty working day, N of Russian's
# three forms.
for n in 1 2 5 11 21 22 25; do
	CRM_USER=petrova crm-rules set plan.min@ivanov $n
	got=$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov plan-check -d 2026-11-27 -t |
	    cut -f5)
	case $n in
	1|21)	w="нужна $n задача";;
	2|22)	w="нужны $n задачи";;
	*)	w="нужно $n задач";;
	esac
	is "$got" "в рабочий день ничего не запланировано, а по плану $w" \
	    "plural: $n"
	is "$(CRM_USER=ivanov plan-check -d 2026-11-27 -t | cut -f5)" \
	    "nothing planned on a working day, the plan needs $n" \
	    "plural: $n in English"
done

# Numbers: a Russian LC_NUMERIC would write 97,8; the tools keep "C".
at() { CRM_NOW="$1" CRM_USER=ivanov task-add -d "$2" -k other "$3"; }
T1=$(at "2026-11-20 09:00:00" 2026-11-23 'Первая')
at "2026-11-20 09:00:00" 2026-11-24 'Вторая' >/dev/null
at "2026-11-20 09:00:00" 2026-11-25 'Третья' >/dev/null
CRM_NOW="2026-11-23 10:00:00" CRM_USER=ivanov task-done "$T1"
ok $? "the first of three closed on the 23rd"
score=$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov kpi-report -H -t -d 2026-11 |
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "score") c = i }
    NR == 2 { print $c }')
like "$score" '^[0-9]+\.[0-9]$' "a score under ru_RU.UTF-8 is $score, not 0,0"
is "$(LC_ALL=ru_RU.UTF-8 CRM_USER=ivanov kpi-report -j -d 2026-11 |
    jq -r '.score | type')" number "JSON keeps the score a number"

# One pipeline, both locales: TSV, JSON and -H give the same bytes.
pipe() {
	CRM_USER=petrova ran task-list -a -H -t
	CRM_USER=petrova ran task-list -a -j
	CRM_USER=petrova ran kpi-report -a -H -t -d 2026-11
	CRM_USER=petrova ran kpi-report -a -j -d 2026-11 |
	    jq -c '[.login, .verdict]'
	# plan-check exits 1 on findings: its header shows it ran
	CRM_USER=petrova plan-check -a -d 2026-11-27 -H -t | cut -f1-4
	CRM_USER=petrova ran deal-list -a -H -t
	CRM_USER=root ran crm-rules kinds -H -t
}
en=$(LC_ALL=C.UTF-8 pipe | md5sum)
ru=$(LC_ALL=ru_RU.UTF-8 pipe | md5sum)
same "$ru" "$en" "TSV and JSON: the same bytes under ru_RU.UTF-8 and C.UTF-8"
like "$(LC_ALL=ru_RU.UTF-8 pipe | head -1)" '^id	assignee	due_date' \
    "the -H header stays the codes"

done_testing
