#!/bin/sh
# What people read, in both languages, against golden files: the task
# views, the deal list, plan-check, the digest and the KPI report's
# table and HTML.  Russian: dates "чт 26.11.2026", money "1 500,00 ₽",
# the state words and the headings; English as it always was.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"
TZ=UTC
export TZ

# views LANG-SUFFIX: every view, named, for one locale.
views() {
	for v in "task-today -p" "task-today -a -p" "task-list -a -p" \
	    "deal-list -a -p" "plan-check -a -p" "crm-digest -u ivanov" \
	    "crm-digest -u petrova" "kpi-report -a -p -d 2026-11-16..2026-11-26"
	do
		printf '== %s\n' "$v"
		# shellcheck disable=SC2086
		CRM_USER=petrova $v 2>&1
	done
}
CRM_USER=petrova plan-check -a -p > /dev/null
en=$(LC_ALL=C.UTF-8 views)
ru=$(LC_ALL=ru_RU.UTF-8 views)
golden views-en.txt "$en"
golden views-ru.txt "$ru"
is "$(LC_ALL=C.UTF-8 views)" "$(views)" "C.UTF-8 is English"
is "$(unset LC_ALL; LANG=C views)" "$en" "LANG=C is English"
is "$(unset LC_ALL; LANG=ru_RU.UTF-8 views)" "$ru" \
    "LANG=ru_RU.UTF-8 is Russian"

is "$(printf '%s\n' "$ru" | grep -c 'ivanov    пт 27.11.2026')" 6 \
    "plan-check's rows: the date of people"
# The people's formats, checked apart from the golden files.
like "$ru" '^пн 23\.11\.2026, просрочено, опоздание 3$' \
    "a Russian date: weekday dd.mm.yyyy, heading the rows of the day"
like "$ru" ' 150 000,00 ₽' "Russian money: groups, comma, rouble sign"
like "$en" ' 150 000,00  ' "English money as it was"
like "$en" '^2026-11-23, overdue, late 3$' "an English date stays ISO"
like "$ru" 'просрочено' "the state word overdue"
like "$ru" 'сегодня' "the state word today"
like "$ru" '^№ +время +вид +клиент +название' "the headings"
like "$ru" 'На сегодня \(3\):' "the digest's sections"
like "$ru" 'просрочено на 3 дня #1' "the digest's plural"
like "$ru" 'мало: запланированы 3 задачи, а по плану нужно 5' \
    "plan-check's details in the digest"
like "$en" 'thin: 3 planned, the plan needs 5' "and in English"

# The KPI's verdict lines (issue 30): ivanov wrote 1 comment, no junk;
# the count is the junk, and says so in both languages, as the HTML
# card's "junk comments: 0 of 1" does.
like "$ru" '; мусорных комментариев: 0 из 1$' \
    "the verdict line counts the junk comments, and says so"
like "$en" '; junk 0 of 1 comments$' "and in English"
# The verdict word, then the reason: the word is not said twice.
like "$ru" '^smirnova: мало данных: с 23\.11: запланировано 0 из 5 задач, нужных регламенту для оценки$' \
    "insufficient data: the reason says how many, not the verdict again"
is "$(printf '%s\n' "$ru" | grep -c 'мало данных: .*мало данных')" 0 \
    "no line says мало данных twice"
like "$en" '^smirnova: insufficient data: from 23\.11: planned 0 of the 5 tasks the regulations need to judge$' \
    "and in English"

# The HTML report: labels and its lang attribute follow the catalogue.
LC_ALL=ru_RU.UTF-8 CRM_USER=petrova kpi-report -a -d 2026-11-16..2026-11-26 \
    -o "$T/ru.html"
LC_ALL=C.UTF-8 CRM_USER=petrova kpi-report -a -d 2026-11-16..2026-11-26 \
    -o "$T/en.html"
golden kpi-ru.html "$(cat "$T/ru.html")"
golden kpi-en.html "$(cat "$T/en.html")"
like "$(cat "$T/ru.html")" '<html lang="ru"' "the Russian report says lang=ru"
like "$(cat "$T/en.html")" '<html lang="en"' "the English one lang=en"
like "$(cat "$T/ru.html")" 'Обзор KPI' "a Russian heading"
like "$(cat "$T/ru.html")" 'Составлено чт 26\.11\.2026\.' "a Russian date in it"
like "$(cat "$T/ru.html")" '<td class="money">0,00 ₽</td>' "Russian money in it"
like "$(cat "$T/en.html")" 'Made on 2026-11-26\.' "an English date as it was"
xmllint --noout --html "$T/ru.html" 2>/dev/null
ok $? "the Russian report parses"

done_testing
