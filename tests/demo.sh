#!/bin/sh
# demo.sh [database [day]]: a sales department with four weeks of history,
# made through the tools themselves, a day at a time; then the morning
# view, the head's view, the plan check and the KPI report, as they are
# on the morning of the demo's day.
#
# The demo's day is the last working day before today, by the production
# calendar (data/calendar-ru.tsv), so that the first screen has a day's
# work on any date; or the day given (make demo DAY=2026-11-26), or the
# last working day before it when it is a day off.
#
# It acts as each person through CRM_USER and replays the four weeks
# through CRM_NOW, which the tools honour for root only: run it as root.
# The views run at 09:00 of the demo's day, through CRM_NOW too.
set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH="$TOP/cmd:$PATH"
CRM_DB=${1:-$TOP/demo/crm.db}
# The person's language when they chose one (LANG=ru_RU.UTF-8 make demo
# reads Russian), else English.
if [ -z "${LC_ALL:-}${LC_MESSAGES:-}${LANG:-}" ]; then
	LC_ALL=C.UTF-8
	export LC_ALL
fi
export PATH CRM_DB
unset CRM_NOW CRM_USER XDG_DATA_HOME

if [ "$(id -u)" -ne 0 ]; then
	echo "demo.sh: run as root: it acts as each person (CRM_USER)" >&2
	exit 2
fi
# A file is made anew; a PostgreSQL database (a URI or a conninfo) is
# taken as it is, new and empty.
case $CRM_DB in
postgresql://* | postgres://* | postgres:* | host=* | dbname=*) ;;
*)	mkdir -p "$(dirname "$CRM_DB")"
	rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm" ;;
esac

day() { date -d "$today $1 days" +%F; }		# day OFFSET
wday() { date -d "$1" +%u; }			# 1 Monday .. 7 Sunday
# working DAY: true if DAY is a working day of the production calendar.
working() {
	case $(awk -v d="$1" '$1 == d { k = $2 } END { print k }' \
	    "$TOP/data/calendar-ru.tsv") in
	off)	return 1;;
	work)	return 0;;
	esac
	[ "$(wday "$1")" -le 5 ]
}
if [ -n "${2:-}" ]; then
	today=$(date -d "$2" +%F 2>/dev/null) &&
	    [ "$(printf '%s' "$2" | tr -d 0-9)" = -- ] || {
		echo "demo.sh: invalid day '$2': YYYY-MM-DD" >&2
		exit 2
	}
else
	today=$(date -d "$(date +%F) -1 day" +%F)
fi
while ! working "$today"; do
	today=$(day -1)
done
as() { _u=$1; shift; CRM_USER=$_u "$@"; }	# as LOGIN CMD...
at() { CRM_NOW="$1"; export CRM_NOW; }		# at "YYYY-MM-DD HH:MM:SS"
# say ENGLISH RUSSIAN: the demo's own headings, in the reader's language.
say() {
	case ${LC_ALL:-${LC_MESSAGES:-${LANG:-}}} in
	ru_*)	printf '%s\n' "$2";;
	*)	printf '%s\n' "$1";;
	esac
}

# A repeatable stream of numbers, so every run tells the same story.
seed=20261126
rnd() {	# rnd N: sets r to 0..N-1
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 ))
}
pick() {	# pick WORD...: sets w to one of them
	rnd $#
	shift $r
	w=$1
}

start=$(day -28)
at "$(day -29) 10:00:00"
as root crm-user add -g admin root 'Администратор Системы'
as root crm-user add -g head -e petrova@example.ru petrova \
    'Петрова Анна Сергеевна'
as root crm-user add -g director -e orlov@example.ru orlov 'Орлов Виктор'
as petrova crm-user add -g manager -e ivanov@example.ru ivanov 'Иванов Пётр'
as petrova crm-user add -g manager -e smirnova@example.ru smirnova \
    'Смирнова Ольга'
as petrova crm-user add -g manager -e kuznetsov@example.ru kuznetsov \
    'Кузнецов Алексей'
as petrova crm-user add -g manager -e volkova@example.ru volkova \
    'Волкова Мария'
as root crm-rules set rollout.launch "$start"
as petrova crm-rules set plan.min 4
as petrova crm-rules set plan.min@volkova 3
MANAGERS="ivanov smirnova kuznetsov volkova"

# Two clients each, with real check digits in their INNs.
set -- 7760181590 7730166139 7760913902 7760308246 7781948215 \
    7735181902 7778657978 7732319486
for m in $MANAGERS; do
	for n in 1 2; do
		pick 'ООО «Ромашка»' 'АО «Вектор»' 'ООО «Северный ветер»' \
		    'ИП Соколов' 'ООО «ТехноСнаб»' 'ЗАО «Альфа-Трейд»' \
		    'ООО «Уральские окна»' 'АО «СтройМир»'
		as "$m" client-add -I "$1" -P "+7 495 $((r + 100))-00-0$n" \
		    "$w $m-$n" >/dev/null
		shift
	done
done

# A deal per client, opened in the first week.
for m in $MANAGERS; do
	for c in $(as "$m" client-list -t | cut -f1); do
		rnd 40
		as "$m" deal-add -A "$(( (r + 10) * 25000 )),00" \
		    -G "$(( (r + 10) * 5000 )),00" -d "$(day 14)" "$c" \
		    'Поставка оборудования' >/dev/null
	done
done

# How each manager works: tasks a day, share done on time (in 10ths),
# and what they write.
habits() {
	case $1 in
	ivanov)		per=7 good=10 ;;
	smirnova)	per=5 good=8 ;;
	volkova)	per=3 good=7 ;;
	kuznetsov)	per=1 good=4 ;;
	esac
}

# plan LOGIN DAY: the evening before, plan the day.
plan() {
	habits "$1"
	clients=$(as "$1" client-list -t | cut -f1)
	i=0
	while [ "$i" -lt "$per" ]; do
		pick call call call email meeting letter
		kind=$w
		rnd 2
		c=$(echo "$clients" | sed -n "$((r + 1))p")
		pick 'Обсудить условия поставки' 'Уточнить объём заказа' \
		    'Отправить коммерческое предложение' 'Согласовать сроки' \
		    'Напомнить об оплате счёта' 'Презентация новой линейки'
		title=$w
		if [ "$1" = kuznetsov ]; then
			pick 'ааааа' '.' 'asdf'
			note=$w
		else
			pick 'Клиент просил позвонить после обеда' \
			    'Подготовить расчёт со скидкой' \
			    'Взять реквизиты для договора' ''
			note=$w
		fi
		hh=$((10 + i))
		as "$1" task-add -k "$kind" -c "$c" -d "$2" -T "$hh:00" \
		    ${note:+-n "$note"} "$title" >/dev/null
		i=$((i + 1))
	done
}

# result LOGIN DAY: what came of a task.  A good manager writes what
# was agreed, its figures and the next step, each result its own (the
# junk rules would take a result pasted again and again for none);
# kuznetsov writes a word, the same words over and over.  A result takes
# one draw of the story's stream, as it always did, and its details from
# a stream of their own: the rest of the story (the plans, what is done
# when) stays the one it was.
rseed=20261127
rrnd() {	# rrnd N: sets r to 0..N-1, from the results' stream
	rseed=$(( (rseed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (rseed / 65536) % $1 ))
}
result() {
	rnd 4
	if [ "$1" = kuznetsov ]; then
		set -- ок Сделано . +
		shift $r
		w=$1
		return
	fi
	k=$r
	rrnd 5
	next=$(date -d "$2 +$((r + 1)) days" +%d.%m)
	rrnd 40
	n=$((r + 2))
	rrnd 2
	case $((2 * k + r)) in
	0)	w="Договорились о поставке, комплектов: $n, жду заявку до $next" ;;
	1)	w="Клиент подтвердил объём $((n * 10)) шт., счёт выставлю $next" ;;
	2)	w="Отправил КП на $((n * 25)) 000 руб., перезвонить $next" ;;
	3)	w="Встреча прошла: просят скидку $((n % 7 + 3)) %, ответ до $next" ;;
	4)	w="Согласовали отгрузку на $next, паллет: $n, доставка наша" ;;
	5)	w="Оплату $((n * 12)) 500 руб. подтвердили, закрывающие $next" ;;
	6)	w="Главный инженер просит образец, отправлю $next, листов: $n" ;;
	7)	w="Директор в отъезде до $next, созвонимся в $((n % 8 + 10)):00" ;;
	esac
}

# work LOGIN DAY: at the end of the day, close what was done.
work() {
	habits "$1"
	for id in $(as "$1" task-today -t | awk -F '\t' '$5 != "done" { print $1 }'); do
		rnd 10
		if [ "$r" -lt "$good" ]; then
			result "$1" "$2"
			as "$1" task-done -r "$w" "$id"
		elif [ "$r" -eq 9 ] && [ "$1" != kuznetsov ]; then
			as "$1" task-move -r 'Клиент в отпуске' "$id" \
			    "$(date -d "$2 +3 days" +%F)"
		fi
	done
}

off=-28
prev=""
while [ "$off" -le 0 ]; do
	d=$(day "$off")
	if working "$d"; then
		at "${prev:-$d} 18:30:00"
		[ -z "$prev" ] && at "$d 08:30:00"
		for m in $MANAGERS; do
			plan "$m" "$d"
		done
		if [ "$off" -lt 0 ]; then
			at "$d 17:45:00"
			for m in $MANAGERS; do
				work "$m" "$d"
			done
		fi
		prev=$d
	fi
	off=$((off + 1))
done

# Deals move on; contracts are signed, invoices issued and paid.
at "$(day -14) 12:00:00"
for m in ivanov smirnova volkova; do
	deal=$(as "$m" deal-list -t | head -1 | cut -f1)
	as "$m" deal-stage "$deal" contract
	as "$m" doc-add -k contract -d "$(day -14)" "$deal" "Д-$deal" \
	    "$(as "$m" deal-list -t | head -1 | cut -f6)" >/dev/null
	as "$m" deal-stage "$deal" invoiced
	inv=$(as "$m" doc-add -k invoice -d "$(day -14)" -D "$(day -4)" \
	    "$deal" "С-$deal" 250000)
	at "$(day -7) 12:00:00"
	as "$m" doc-pay -d "$(day -7)" "$inv"
	[ "$m" = volkova ] || as "$m" deal-stage "$deal" won
	at "$(day -14) 12:00:00"
done
deal=$(as kuznetsov deal-list -t | head -1 | cut -f1)
as kuznetsov deal-stage -r 'Выбрали конкурента' "$deal" lost
at "$today 09:00:00"

say "== The demo's day: $(wday "$today" | sed 's/1/Monday/;s/2/Tuesday/;s/3/Wednesday/;s/4/Thursday/;s/5/Friday/;s/6/Saturday/;s/7/Sunday/') $today, 09:00 (the last working day before today, or the day given)" \
    "== День демонстрации: $(wday "$today" | sed 's/1/понедельник/;s/2/вторник/;s/3/среда/;s/4/четверг/;s/5/пятница/;s/6/суббота/;s/7/воскресенье/') $today, 09:00 (последний рабочий день перед сегодняшним или заданный день)"
echo

say "== The morning of a manager: CRM_USER=ivanov task-today" \
    "== Утро менеджера: CRM_USER=ivanov task-today"
as ivanov task-today -p
echo
say "== The head looks at the whole team: CRM_USER=petrova task-today -a" \
    "== Руководитель смотрит на всю команду: CRM_USER=petrova task-today -a"
as petrova task-today -a -p
echo
say "== Tomorrow's plans checked against the regulations: plan-check -a" \
    "== Планы на завтра против регламента: plan-check -a"
as petrova plan-check -a -p || true
echo
say "== What the rollout schedule says is due today: crm-control" \
    "== Что сегодня по графику внедрения: crm-control"
as petrova crm-control -p
echo
say "== CRM use next to sales over the four weeks: kpi-report -a" \
    "== Использование CRM рядом с продажами за четыре недели: kpi-report -a"
as petrova kpi-report -a -p -d "$start..$today"
echo
say "The demo database is $CRM_DB; try: CRM_DB=$CRM_DB CRM_USER=petrova task-list -a" \
    "База демонстрации: $CRM_DB; попробуйте: CRM_DB=$CRM_DB CRM_USER=petrova task-list -a"
