#!/bin/sh
# crm-import on a department's first day: the files it has.  Russian
# Excel's default CSV (Windows-1251, semicolons, Russian headers,
# managers by surname, DD.MM.YYYY dates), a Bitrix24 companies export
# and an amoCRM contacts export (tests/data/day-one, made with the
# columns their documentation gives, cited in lib/import_head.c: UTF-8,
# a BOM or none, commas, every field quoted or not); the dry run -K, the
# header map -L, the encoding -b; an unknown column lists what is read;
# all or nothing.
. "$(dirname "$0")/lib.sh"

D=$TOP/tests/data/day-one
department
ok $? "department added"

# The dry run: counts, the columns passed over, the encoding; nothing
# written, exit 0.
before=$(dbdump | md5sum)
run root crm-import -K -k clients "$D/excel-1251.csv"
is "$rc" 0 "Windows-1251: the dry run says it would import (exit 0)"
is "$out" "crm-import: 3 clients would be imported
crm-import: read as WINDOWS-1251" "Windows-1251: the dry run's report"
is "$(dbdump | md5sum)" "$before" "the dry run writes nothing"

run root crm-import -K -k clients "$D/bitrix24-companies.csv"
is "$rc.$out" "0.crm-import: 2 clients would be imported
crm-import: columns passed over: ID, Тип компании, Сфера деятельности, Кем создана, Дата изменения
crm-import: read as UTF-8" "Bitrix24 companies: the dry run"
run root crm-import -K -k clients "$D/amocrm-contacts.csv"
is "$rc.$out" "0.crm-import: 2 clients would be imported
crm-import: columns passed over: Тип, Компания, Создатель, Дата изменения, Автор изменения, Теги, Ближайшая задача, Сделки, Должность, Адрес, Web
crm-import: read as UTF-8" "amoCRM contacts: the dry run; the better of two names read"
is "$(dbdump | md5sum)" "$before" "dry runs write nothing"

# The headers of the exports as their sources give them (cited in
# lib/import_head.c): Bitrix24's companies, contacts and deals (its CRM
# lists' column names, phones and e-mails a column per kind), amoCRM's
# contacts and companies, and deals (its help pages).  Each is read
# whole: no name unknown.
hdr() {	# hdr FILE NAME...: a header-only CSV
	_f=$1
	shift
	(IFS=,; printf '%s\n' "$*") > "$T/$_f"
}
hdr b24-companies.csv ID 'Название компании' Логотип Телефон E-mail Сайт \
    Мессенджер 'Фактический адрес' 'Юридический адрес' \
    'Банковские реквизиты' 'Тип компании' 'Сфера деятельности' \
    'Годовой оборот' Комментарий Валюта 'Кол-во сотрудников' \
    'Кем создана' 'Кем изменена' Ответственный 'Дата создания' \
    'Дата изменения' 'Рабочий телефон' 'Мобильный телефон' 'Номер факса' \
    'Домашний телефон' 'Номер пейджера' 'Телефон для рассылок' \
    'Другой телефон' 'Рабочий e-mail' 'Частный e-mail' \
    'E-mail для рассылок' 'Другой e-mail' 'Корпоративный сайт' \
    'Личная страница' 'Другой сайт' 'Компания продавец' \
    'Создана CRM-формой' Дела
hdr b24-contacts.csv ID Имя Фамилия Фотография Отчество 'Дата рождения' \
    Телефон E-mail Сайт Мессенджер Должность Адрес Комментарий Компания \
    'Тип контакта' Источник 'Дополнительно об источнике' 'Кем изменен' \
    Ответственный 'Дата создания' 'Дата изменения' 'Кем создан' \
    Обращение 'Создан CRM-формой' Дела
hdr b24-deals.csv ID 'Название сделки' Комментарий Сумма Компания Контакт \
    'Стадия сделки' Состояние Валюта Вероятность Товар Тип \
    'Сделка закрыта' 'Предполагаемая дата закрытия' 'Дата начала' \
    'Кем изменена' Ответственный 'Дата создания' 'Дата изменения' \
    'Кем создана' Воронка Источник 'Дополнительно об источнике' \
    'Группа стадий' 'Новая сделка' 'Повторная сделка' \
    'Повторное обращение' 'Статус оплаты' 'Статус доставки' \
    'Создана CRM-формой' Дела
hdr amo-contacts.csv Тип Наименование Компания 'Дата создания' Создатель \
    'Дата изменения' 'Автор изменения' Теги 'Ближайшая задача' \
    Ответственный Сделки Должность Телефон E-mail Адрес Web Mailchimp \
    Примечания
hdr amo-deals.csv 'Название сделки' Компания 'Основной контакт' \
    'Компания контакта' Ответственный 'Статус сделки' Бюджет \
    'Дата создания' 'Кем создано' 'Дата изменения' 'Кем изменено' \
    'Теги сделки' 'Ближайшая задача' 'Дата закрытия' Должность Телефон \
    E-mail Адрес Примечания
for f in b24-companies:clients b24-contacts:clients b24-deals:deals \
    amo-contacts:clients amo-deals:deals; do
	run root crm-import -K -k "${f#*:}" "$T/${f%:*}.csv"
	is "$rc.$errout" "0." "${f%:*}: every documented column known"
done
run root crm-import -K -k clients "$T/b24-companies.csv"
like "$out" 'passed over: ID, Логотип, .*, …$' \
    "a long list of what is passed over ends in … (no name cut)"
is "$(printf '%s\n' "$out" | iconv -f UTF-8 -t UTF-8 > /dev/null; echo $?)" 0 \
    "and stays UTF-8"

# crm-import(1), in both languages, lists every name the table of
# lib/import_head.c reads or passes over, and cites the sources.
names=$(sed -n 's/^	{ [^,]*, [^,]*, "\([^"]*\)" },.*/\1/p' \
    "$TOP/lib/import_head.c" | sort -u)
[ "$(printf '%s\n' "$names" | wc -l)" -gt 150 ]
ok $? "the table of names read: $(printf '%s\n' "$names" | wc -l) names"
for p in crm-import.1:HEADERS ru/crm-import.1:ЗАГОЛОВКИ; do
	sect=$(sed -n "/^\.Sh ${p#*:}\$/,/^\.Sh /p" "$TOP/man/${p%:*}" |
	    tr '\n' ' ')
	is "$(printf '%s\n' "$names" | while read -r n; do
		printf '%s' "$sect" | grep -qF -- "$n" || echo "$n"
	done)" "" "${p%:*}: every name of the table listed"
	like "$sect" 'amocrm\.ru/support/export/export/list .*export/leads' \
	    "${p%:*}: amoCRM's help pages cited"
	like "$sect" 'bitrix24-core-corp/.*/crm\.company\.list/lang/ru/' \
	    "${p%:*}: Bitrix24's column names cited"
done

# The three files import; what they hold is where it belongs.
for f in excel-1251 bitrix24-companies amocrm-contacts; do
	run root crm-import -k clients "$D/$f.csv"
	is "$rc.$errout" "0." "$f imports"
done
is "$(dbq "SELECT c.name, c.inn, c.phone, c.email, p.login, c.note,
    c.created_at FROM client c JOIN person p ON p.id = c.manager_id
    ORDER BY c.id")" \
    'ООО "Ромашка"|7707083893|+7 495 123-45-67|info@romashka.ru|ivanov|Звонить после 10:00; спросить Анну|2024-03-01 00:00:00
ЗАО "Лютик"||||smirnova||2024-05-17 00:00:00
ИП Сидоров||+7 916 000-00-00||kozlov||2026-11-26 09:00:00
ООО "Вектор"||+7 495 111-22-33|sales@vector.ru|ivanov|Крупный клиент|2026-11-02 10:15:00
АО "Север"||||kozlov||2026-11-03 09:00:00
Анна Кузнецова||+7 495 222-33-44|anna@example.ru|smirnova|Просила прайс|2026-11-04 12:00:00
Олег Павлов||||kozlov||2026-11-05 08:30:00' \
    "1251 converted, quotes and ';' kept, people by surname, full name in any order or login, DD.MM.YYYY dates"

# -b names the encoding; a wrong one is refused.
fails root 1 "line 1: invalid UTF-8" "-b utf-8 on a Windows-1251 file" \
    crm-import -K -b utf-8 -k clients "$D/excel-1251.csv"
fails root 1 "unknown encoding 'koi9'" "an encoding iconv does not know" \
    crm-import -b koi9 -k clients "$D/excel-1251.csv"
iconv -f UTF-8 -t KOI8-R > "$T/koi.csv" <<'CSV'
Название;Ответственный
ИП Кои;Козлов
CSV
run root crm-import -K -b koi8-r -k clients "$T/koi.csv"
is "$rc.$(printf '%s\n' "$out" | tail -1)" "0.crm-import: read as koi8-r" \
    "-b koi8-r: what iconv knows"

# An unknown column lists what is read; -L maps it or passes it over.
printf 'Наименование;Город;Ответственный\nООО Дельта;Тула;kozlov\n' \
    > "$T/city.csv"
fails root 1 "line 1: unknown column 'Город' for clients; the columns read: id, name, inn, phone, email, manager, note, created_at, their synonyms" \
    "an unknown column lists the columns read" \
    crm-import -k clients "$T/city.csv"
run root crm-import -K -k clients "$T/city.csv"
is "$rc" 1 "the dry run of an unknown column: exit 1"
like "$errout" "unknown column 'Город'" "... and says why"
LC_ALL=ru_RU.UTF-8 CRM_USER=root crm-import -k clients "$T/city.csv" \
    2> "$T/ru" > /dev/null
like "$(cat "$T/ru")" "строка 1: неизвестный столбец «Город» для clients; читаются столбцы: id, name" \
    "... in Russian too"
run root crm-import -L 'Город=note' -k clients "$T/city.csv"
is "$rc.$(dbq "SELECT note FROM client WHERE name = 'ООО Дельта'")" "0.Тула" \
    "-L HEADER=column reads a header as a column"
printf 'Название;Город;Менеджер\nООО Эпсилон;Тула;kozlov\n' > "$T/city2.csv"
run root crm-import -L 'город=' -k clients "$T/city2.csv"
is "$rc.$(dbq "SELECT count(*) FROM client WHERE name = 'ООО Эпсилон'
    AND note IS NULL")" \
    "0.1" "-L 'HEADER=' passes a header over, in any case"
fails root 1 "the map of 'Город' names no column of clients" \
    "-L to a column the kind has not" \
    crm-import -L 'Город=city' -k clients "$T/city.csv"
fails root 2 "a map is HEADER=column" "-L without '='" \
    crm-import -L 'Город' -k clients "$T/city.csv"
fails root 2 "not a department" "-K with -k department" \
    crm-import -K -k department "$T/city.csv"

# People: a surname two people have is refused, naming them neither.
CRM_USER=root crm-user add -g manager -h petrova ivanova2 'Иванов Олег'
printf 'Название;Ответственный\nООО Зета;Иванов\nООО Эта;Иванов Олег\n' \
    > "$T/two.csv"
fails root 1 "line 2: column 'Ответственный': more than one person has the name 'Иванов'" \
    "a surname two people have" crm-import -k clients "$T/two.csv"

# A dry run of a file with problems: every line checked, the first ten
# problems by line and column, the count, exit 1, nothing written.
{
	printf 'name,inn,manager,created_at\n'
	printf 'ООО Хорошая,,ivanov,01.02.2025\n'
	i=0
	while [ $i -lt 12 ]; do
		printf 'ООО Плохая %d,,nobody,\n' $i
		i=$((i + 1))
	done
	printf 'ООО Ещё,123,ivanov,\n'
	printf 'ООО Дата,,ivanov,31.02.2025\n'
} > "$T/bad.csv"
before=$(dbdump | md5sum)
run root crm-import -K -k clients "$T/bad.csv"
is "$rc" 1 "a dry run of a bad file: exit 1"
is "$(printf '%s\n' "$out" | head -1)" \
    "crm-import: 1 clients would be imported" "... the count of the good"
is "$(printf '%s\n' "$errout" | sed -n '1p;10p;11p')" \
    "crm-import: line 3: column 'manager': no such person 'nobody'
crm-import: line 12: column 'manager': no such person 'nobody'
crm-import: 14 lines would not be imported" \
    "... the first ten problems by line and column, and how many lines"
is "$(dbdump | md5sum)" "$before" "... and writes nothing"
run root crm-import -k clients "$T/bad.csv"
is "$rc.$errout" "1.crm-import: line 3: column 'manager': no such person 'nobody'" \
    "all or nothing stays: the import stops at the first"
is "$(dbdump | md5sum)" "$before" "... and writes nothing"

# Deals with Russian headers, DD.MM.YYYY dates and amounts as Excel
# writes them.
printf '%s\r\n' 'Название сделки;Компания;Сумма;Стадия сделки;Ответственный;Дата создания;Предполагаемая дата закрытия;Валюта' \
    'Поставка;"ООО ""Вектор""";"1 234 567,89";negotiation;Иванов Пётр;02.11.2026;20.12.2026;RUB' \
    | iconv -f UTF-8 -t CP1251 > "$T/deals.csv"
run root crm-import -K -k deals "$T/deals.csv"
is "$rc.$(printf '%s\n' "$out" | sed -n 2p)" \
    "0.crm-import: columns passed over: Валюта" "deals: the dry run"
run root crm-import -k deals "$T/deals.csv"
is "$rc.$(dbq "SELECT d.title, d.amount, s.name, p.login, d.opened_at,
    d.close_date FROM deal d JOIN stage s ON s.id = d.stage_id
    JOIN person p ON p.id = d.manager_id")" \
    "0.Поставка|123456789|negotiation|ivanov|2026-11-02 00:00:00|2026-12-20" \
    "deals: Russian headers, 1251, dates and money as Excel writes them"
# A lost deal with no reason gets one in the language of who imports,
# as a reason they typed would be: Russian under ru_RU.
printf '%s\n' 'Название сделки,Компания,Стадия сделки,Дата начала,Дата закрытия' \
    'Старая,"ООО ""Вектор""",lost,01.10.2026,05.10.2026' > "$T/lost.csv"
LC_ALL=ru_RU.UTF-8 CRM_USER=root crm-import -k deals "$T/lost.csv" 2> "$T/err"
is "$?.$(dbq "SELECT lost_reason FROM deal WHERE title = 'Старая'")" \
    "0.не указана в источнике" \
    "a lost deal without a reason: 'не указана в источнике' under ru_RU"

# Against the header of crm-export: the names it writes are read as
# before (a round trip never meets a synonym).
run root crm-export -k clients
printf '%s\n' "$out" | sed 1q > "$T/head.csv"
run root crm-import -K -k clients "$T/head.csv"
is "$rc.$(printf '%s\n' "$out" | sed -n 2p)" "0.crm-import: read as UTF-8" \
    "crm-export's header: nothing passed over"

done_testing
