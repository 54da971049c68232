#!/bin/sh
# Every EXAMPLES line of every man/*.1 and man/ru/*.1 page runs, as the reader would type
# it, against a small department; one generic runner for all the pages.
#
# The format of an EXAMPLES section (ПРИМЕРЫ in a Russian page, whose
# headings are Russian but NAME, which mdoc needs as it is):
#
#   A command is a line of the page as printed (mandoc -Tutf8) whose text
#   begins with "$ ": in the source a line "$ command" inside
#   ".Bd -literal -offset indent" ... ".Ed", or a line ".Dl $ command".
#   A command goes on over the next lines while a line ends with a
#   backslash (\e in the source), "|", "&&" or "||", as in sh(1).  Other
#   lines of a display are the output the command shows; they are not
#   run.  Every .Dl and the first line of every literal display must be
#   a command, so that no example can be forgotten by the runner.
#
#   Roff comments in the section are annotations, invisible to readers.
#   Each holds from where it stands to the end of the page, so that one
#   right after ".Sh EXAMPLES" holds for the whole page:
#
#     .\" examples: as LOGIN        run what follows as LOGIN
#                                   (default petrova, the head)
#     .\" examples: status N ...    the exit statuses allowed for what
#                                   follows (default 0)
#     .\" examples: files FILE ...  copy tests/data/examples/FILE into the
#                                   working directory before the first
#                                   command of the page
#     .\" examples: empty           run the page on the department's
#                                   people only: no clients, deals,
#                                   documents, tasks or rules
#
#   Two annotations hold for the next command only, and say what it
#   does, for an example whose words promise a selection or a change:
#
#     .\" examples: selects ID ...  the first fields of its output, one
#                                   a line, are these ids, in this order
#                                   ("-" for none)
#     .\" examples: check SQL => ROWS  after it, SQL on the page's
#                                   database gives these rows (one a
#                                   line, joined by spaces; "-" for none)
#
#   A command that pipes records into a tool (task-today | task-done)
#   must have a check: what such a pipe selects is the kind of thing a
#   page can promise wrong.
#
#   Any other comment beginning "examples:" is an error.
#
# Each page runs on a fresh copy of the database, its commands in order,
# each by a shell of its own in a scratch directory (so that "id=$(...)" in
# one command is gone in the next, as in a fresh shell: write a block
# that needs it as one command), stdin from /dev/null (a pipe within the
# command feeds its own stages), CRM_NOW Thursday 2026-11-26 09:00, and
# a sendmail(8) on PATH that keeps each message in the scratch directory
# and refuses one without a To: header.  A command passes when its exit
# status is allowed, below 128 (no crash), and its standard error says
# nothing of "usage:".  EXAMPLES_PAGES="PAGE ..." runs those pages only.
. "$(dirname "$0")/lib.sh"

EX=$TOP/tests/data/examples

# The department of tests/lib.sh with its work, made on Friday
# 2026-11-20: clients, deals, documents, tasks (ids 1 to 14, then three
# repeating series), the rollout launched on Monday 2026-11-23.
fixture() {
	CRM_NOW="2026-11-20 10:00:00"
	department &&
	for u in sidorov smirnova kozlov; do
		CRM_USER=root crm-user set $u email $u@example.ru || return 1
	done &&
	as root crm-rules set rollout.launch 2026-11-23 &&
	as ivanov client-add -I 7707083893 -P '+7 495 123-45-67' \
	    ООО «Ромашка» &&
	as petrova client-add -u smirnova -e info@lutik.ru ЗАО Лютик &&
	as kozlov client-add -I 7730166139 АО Вектор &&
	as ivanov client-add ООО Альфа &&
	as ivanov deal-add -A '1 234 567,89' -G 200000.50 -d 2026-12-20 \
	    ромашка Поставка станков &&
	as smirnova deal-add -A 450000 -d 2026-12-15 лютик \
	    Лицензии &&
	as kozlov deal-add -A '75 000' вектор Сервисный договор &&
	as kozlov deal-stage 3 won &&
	as ivanov doc-add -k contract 1 Д-2026/101 '1 234 567,89' &&
	as ivanov doc-add -k invoice -D +5d 1 1001 617283.95 &&
	# The work of the week stands for work planned before the entry
	# check (tests/39-entry.t): some calls still wait for their client,
	# as plan-check's examples show.  The pages then run under the
	# default, refuse.
	as root crm-rules set entry.fields warn &&
	tasks 2>"$T/fixture-warnings" &&
	as root crm-rules reset entry.fields
}

# Tasks 1..14: each manager's week, two done, some overdue; among them
# 12, ivanov's call today, and 14, smirnova's call at 08:00 today.  Then
# the series 1, ivanov's mail every working day, 2, his monthly report,
# and 3, smirnova's calls.
tasks() {
	as ivanov task-add -c ромашка -k call -d 2026-11-23 -T 10:00 \
	    'Обсудить условия поставки' &&
	as ivanov task-add -c ромашка -k email -d 2026-11-24 \
	    'Отправить коммерческое предложение' &&
	as smirnova task-add -c лютик -k call -d 2026-11-24 -T 11:00 \
	    'Уточнить объём заказа' &&
	as smirnova task-add -c лютик -k meeting -d 2026-11-25 -T 15:00 \
	    'Презентация новой линейки' &&
	as kozlov task-add -c вектор -k call -d 2026-11-25 \
	    'Согласовать сроки' &&
	as petrova task-add -k meeting -d 2026-11-26 -T 17:00 \
	    'Планёрка отдела' &&
	as ivanov task-add -c ромашка -k call -d 2026-11-26 -T 11:00 \
	    'Ромашка: напомнить об оплате счёта' &&
	as ivanov task-add -l 1 -k contract -d 2026-11-27 \
	    'Подписать договор на станки' &&
	as smirnova task-add -c лютик -k email -d 2026-11-26 \
	    'Отправить прайс' &&
	as smirnova task-add -k call -d 2026-11-27 -T 10:00 \
	    'Позвонить новому клиенту' &&
	as kozlov task-add -k call -d 2026-11-26 'Обзвон старых клиентов' &&
	as ivanov task-add -c альфа -k call -d 2026-11-26 -T 12:00 \
	    'Звонок: условия отгрузки' &&
	as ivanov task-add -k letter -d 2026-11-30 'Письмо в бухгалтерию' &&
	as smirnova task-add -k call -d 2026-11-26 -T 08:00 \
	    'Утренний звонок клиенту' &&
	as ivanov task-add -R workday -d 2026-11-23 -T 09:00 \
	    'Разобрать почту' &&
	as ivanov task-add -R monthly:25 -k other 'Сдать отчёт' &&
	as petrova task-add -R mon,wed -u smirnova -E 2026-12-31 -k call \
	    'Обзвон' &&
	CRM_NOW="2026-11-23 18:00:00" &&
	as ivanov task-done -r 'Клиент подтвердил' 1 &&
	CRM_NOW="2026-11-24 17:00:00" &&
	as smirnova task-done -r 'Объём согласован' 3 &&
	# A call smirnova closed this morning, before the pages' 09:00.
	CRM_NOW="2026-11-26 08:00:00" &&
	as smirnova task-add -c лютик -k call -d 2026-11-26 -T 08:15 \
	    'Звонок до планёрки' &&
	CRM_NOW="2026-11-26 08:40:00" &&
	as smirnova task-done -r 'Дозвонилась' \
	    "$(dbq "SELECT max(id) FROM task")"
}

as() {	# as LOGIN CMD...: quietly, as LOGIN
	_u=$1
	shift
	CRM_USER=$_u "$@" > /dev/null
}

# pages: the pages, with their source's annotations and commands.
# commands PAGE DIR: write DIR/N.sh (the command) and DIR/N.meta
# ("LOGIN STATUS..."), and DIR/files and DIR/empty from the annotations.
commands() {
	sed -n '/^\.Sh \(EXAMPLES\|ПРИМЕРЫ\)$/,/^\.Sh /p' "$1" | awk -v d="$2" '
	function fail(m) { print m > (d "/errors"); err = 1 }
	BEGIN { as = "petrova"; st = "0"; n = 0 }
	/^\.\\" *examples:/ {
		sub(/^\.\\" *examples: */, "")
		k = $1
		$1 = ""
		sub(/^ */, "")
		if (k == "as" && $0 ~ /^[a-z0-9._-]+$/) as = $0
		else if (k == "status" && $0 ~ /^[0-9 ]+$/) st = $0
		else if (k == "files" && $0 != "")
			print $0 >> (d "/files")
		else if (k == "empty" && $0 == "") print "" > (d "/empty")
		else if (k == "selects" && $0 ~ /^(-|[0-9]+( [0-9]+)*)$/)
			sel = $0
		else if (k == "check" && $0 ~ / => /) chk = $0
		else fail("bad annotation: " k " " $0)
		next
	}
	/^\.Bd -literal/ { first = 1; next }
	/^\.Ed/ { first = 0; next }
	function meta() {
		# A pipe into a tool that changes records says what it changes.
		if ($0 ~ /\| *[a-z]+-[a-z]+/ && $0 !~ /\| *[a-z]+-list/ &&
		    chk == "")
			fail("a pipe into a tool without a check: " $0)
		print as " " st > (d "/" ++n ".meta")
		if (sel != "") print sel > (d "/" n ".selects")
		if (chk != "") print chk > (d "/" n ".check")
		sel = chk = ""
	}
	/^\.Dl / {
		if ($0 !~ /^\.Dl \$ /) fail("not a command: " $0)
		meta()
		next
	}
	first {
		first = 0
		if ($0 !~ /^\$ /) fail("display without a command: " $0)
	}
	/^\$ / { meta() }
	END { print n > (d "/n") }'
	mandoc -Tutf8 -O width=300 "$1" | sed 's/.\x08//g' |
	    sed -n '/^\(EXAMPLES\|ПРИМЕРЫ\)$/,/^[^ ]/p' | awk -v d="$2" '
	cont {
		sub(/^ */, "")
		print > f
		cont = $0 ~ /(\\|\||&&|\|\|)$/
		next
	}
	/^ *\$ / {
		sub(/^ *\$ /, "")
		f = d "/" ++n ".sh"
		print > f
		cont = $0 ~ /(\\|\||&&|\|\|)$/
		gsub(/\\/, "&&")
		print > (d "/" n ".desc")
	}
	END { print n > (d "/m") }'
}

# A sendmail that keeps the message: the mail of the examples goes
# nowhere but must be a message with a recipient.
mkdir -p "$T/bin"
cat > "$T/bin/sendmail" <<'STUB'
#!/bin/sh
n=$(ls -d mail.* 2>/dev/null | wc -l)
cat > "mail.$n"
grep -q '^To: ' "mail.$n" || { echo "sendmail: no recipient" >&2; exit 1; }
STUB
chmod +x "$T/bin/sendmail"

# says DIR N DB DESC: what command N selects (its output's ids) or
# changes (SQL on DB after it), when its annotations say.
says() {
	if [ -f "$1/$2.selects" ]; then
		_got=$(cut -f1 "$1/$2.out" | tr '\n' ' ' | sed 's/ $//')
		is "${_got:--}" "$(cat "$1/$2.selects")" "$4: selects what it says"
	fi
	if [ -f "$1/$2.check" ]; then
		_sql=$(sed 's/ => .*//' "$1/$2.check")
		_got=$(dbq -f "$3" "$_sql" | tr '\n' ' ' | sed 's/ $//')
		is "${_got:--}" "$(sed 's/.* => //' "$1/$2.check")" \
		    "$4: changes what it says"
	fi
}

CRM_NOW="2026-11-20 10:00:00" department
ok $? "the department (people only)"
CRM_NOW="2026-11-20 10:00:00"
EMPTY=$(dbcopy "$CRM_DB" "$T/empty.db")
CRM_DB=$(dbnew "$T/work.db")
fixture
ok $? "the department with its work"
# The ids the pages name: tasks 12 and 14 open today, series 3, deal 1
# open at its first stage, invoice 2 unpaid, person 4 ivanov.
is "$(dbq "SELECT CAST(t.id AS TEXT), p.login, t.kind, t.due_date, t.state
    FROM task t JOIN person p ON p.id = t.assignee_id WHERE t.id IN (12, 14)
    UNION ALL SELECT CAST(s.id AS TEXT), p.login, s.kind, s.rule, ''
    FROM task_series s JOIN person p ON p.id = s.assignee_id WHERE s.id = 3
    UNION ALL SELECT 'deal', CAST(d.id AS TEXT), CAST(d.stage_id AS TEXT),
    '', '' FROM deal d WHERE d.id = 1 UNION ALL SELECT 'doc',
    CAST(id AS TEXT), kind, number,
    CAST(CAST(paid_date IS NULL AS INTEGER) AS TEXT) FROM doc WHERE id = 2
    UNION ALL SELECT 'person', CAST(id AS TEXT), login, '', '' FROM person
    WHERE id = 4 ORDER BY 1, 2")" \
    "12|ivanov|call|2026-11-26|open
14|smirnova|call|2026-11-26|open
3|smirnova|call|mon,wed|
deal|1|1||
doc|2|invoice|1001|1
person|4|ivanov||" "the fixture has what the pages name"
FULL=$(dbcopy "$CRM_DB" "$T/full.db")

is "$(for p in "$TOP"/man/*.1; do
	[ -f "$TOP/man/ru/${p##*/}" ] || echo "${p##*/}"
done)" "" "every tool has a Russian page"
is "$(for p in "$TOP"/man/ru/*.1; do
	grep -q "man/ru/${p##*/}" "$TOP/Makefile" || echo "${p##*/}"
done)" "" "and make install-man installs each (MANRU1)"
for page in ${EXAMPLES_PAGES:-"$TOP"/man/*.1 "$TOP"/man/ru/*.1}; do
	name=$(basename "$page" .1)
	case $page in */man/ru/*) name=ru/$name;; esac
	case $name in
	crm-backup | ru/crm-backup)
		sqlite_only "$name: crm-backup copies a SQLite file" ||
		    continue ;;
	esac
	d=$T/ex/$name
	mkdir -p "$d" "$d/wd"
	case $name in
	ru/*)	# Russian headings, as Debian's Russian pages have them
		is "$(sed -n 's/^\.Sh //p' "$page" | grep -c '[A-Z]')" 1 \
		    "$name: every heading Russian, but NAME" ;;
	esac
	commands "$page" "$d"
	if [ -s "$d/errors" ]; then
		ok 1 "$name: the EXAMPLES are in the format"
		sed 's/^/# /' "$d/errors"
		continue
	fi
	n=$(cat "$d/n")
	[ "$n" -gt 0 ] && [ "$n" -eq "$(cat "$d/m")" ]
	ok $? "$name: $n commands, as many as printed"
	db=$FULL
	[ -f "$d/empty" ] && db=$EMPTY
	pdb=$(dbcopy "$db" "$d/crm.db")
	for f in $(cat "$d/files" 2>/dev/null); do
		cp "$EX/$f" "$d/wd/" || ok 1 "$name: fixture file $f"
	done
	cd "$d/wd" || exit 1
	i=1
	while [ "$i" -le "$n" ]; do
		read -r login allowed < "$d/$i.meta"
		read -r desc < "$d/$i.desc"
		PATH="$T/bin:$PATH" CRM_DB="$pdb" CRM_USER=$login \
		    CRM_NOW="2026-11-26 09:00:00" \
		    sh "$d/$i.sh" < /dev/null > "$d/$i.out" 2> "$d/$i.err"
		rc=$?
		good=1
		for s in $allowed; do
			[ "$rc" -eq "$s" ] && good=0
		done
		[ "$rc" -lt 128 ] || good=1
		! grep -q 'usage:' "$d/$i.err" || good=1
		ok $good "$name as $login: $desc"
		if [ "$good" -ne 0 ]; then
			echo "#   exit $rc, allowed $allowed"
			sed 's/^/#   /' "$d/$i.err"
		fi
		says "$d" "$i" "$pdb" "$name as $login: $desc"
		i=$((i + 1))
	done
	cd "$T" || exit 1
done

done_testing
