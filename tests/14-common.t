#!/bin/sh
# What every tool shares: -f file chooses the database; an unknown
# option exits 2 with the usage; the usage is the man page's SYNOPSIS;
# the options getopt takes are those the usage shows, with an argument
# where it shows one.  Every binary of cmd/ must be covered here.
. "$(dirname "$0")/lib.sh"

# (crm-shell opens no database and takes no option: tests/92)
TOOLS=$(cd "$TOP/cmd" && ls *.c | grep -v -e '^crm-shell\.c$' |
    sed 's/\.c$//')

# -f with a path: a department in a database of its own, at a path with
# a space and Cyrillic in it; $CRM_DB, pointing elsewhere, stays unmade.
DB2="$T/другая папка/crm.db"
CRM_DB=$DB2 department
ok $? "a department in a database at another path"
covered=

# f TOOL RC PATTERN AS CMD...: CMD (which gives -f "$DB2") exits RC and
# writes what matches PATTERN, which only that database can give.
f() {
	_t=$1 _w=$2 _p=$3
	shift 3
	run "$@"
	is "$rc" "$_w" "$_t -f: exit $_w"
	like "$out" "$_p" "$_t -f: the database given"
	[ -z "$errout" ] || [ "$_t" = crm-import ] ||
	    printf '# %s\n' "$errout"
	covered="$covered $_t "
}

f crm-user 0 '	petrova	Петрова' petrova crm-user list -t -f "$DB2"
f crm-rules 0 '^$' root crm-rules set -f "$DB2" plan.min 1
run root crm-rules list -t -f "$DB2"
like "$out" '^plan\.min	1	5	1	' \
    "crm-rules -f: the value set is there"
f client-add 0 '^1$' petrova client-add -f "$DB2" -u ivanov 'ООО' 'Ромашка'
f client-edit 0 '^$' petrova client-edit -f "$DB2" 1 phone '+7 495 1234567'
f client-add 0 '^2$' petrova client-add -f "$DB2" -u ivanov 'Ромашка дубль'
f client-merge 0 '^$' petrova client-merge -f "$DB2" 1 2
f client-list 0 \
    '^1	ООО Ромашка		\+7 495 1234567		ivanov	' \
    petrova client-list -t -f "$DB2"
f deal-add 0 '^1$' petrova deal-add -f "$DB2" -A 1000 1 'Поставка'
f deal-stage 0 '^$' petrova deal-stage -f "$DB2" 1 negotiation
f deal-edit 0 '^$' petrova deal-edit -f "$DB2" 1 profit 100
f deal-list 0 '^1	.*Поставка.*negotiation' petrova deal-list -t -f "$DB2"
f doc-add 0 '^1$' petrova doc-add -f "$DB2" -k invoice 1 'СЧ-1' 1000
f doc-edit 0 '^$' petrova doc-edit -f "$DB2" 1 amount 1000
f doc-pay 0 '^$' petrova doc-pay -f "$DB2" 1
f doc-list 0 '^1	invoice	СЧ-1	' petrova doc-list -t -f "$DB2"
f task-add 0 '^1$' petrova task-add -f "$DB2" -u ivanov -c 1 'Позвонить'
CRM_USER=ivanov task-add -f "$DB2" 'Второе' 'Третье' > /dev/null &&
    CRM_USER=ivanov task-add -f "$DB2" 'Третье' > /dev/null
ok $? "two tasks more"
f task-today 0 '^1	.*Позвонить' ivanov task-today -t -f "$DB2"
f task-move 0 '^$' ivanov task-move -f "$DB2" 2 2026-11-30
f task-cancel 0 '^$' ivanov task-cancel -f "$DB2" -r 'не нужно' 3
f task-done 0 '^$' ivanov task-done -f "$DB2" -r 'Дозвонился' 1
f task-reopen 0 '^$' ivanov task-reopen -f "$DB2" -r 'рано закрыл' 3
f task-edit 0 '^$' ivanov task-edit -f "$DB2" -n 'с отчётом' 2
f task-accept 0 '^$' petrova task-accept -f "$DB2" 1
f task-return 0 '^$' petrova task-return -f "$DB2" -r 'подробнее' 1 tomorrow
f crm-undo 0 '^$' ivanov crm-undo -f "$DB2"
is "$(dbq -f "$DB2" "SELECT CAST(note IS NULL AS INTEGER) FROM task WHERE id = 2")" 1 \
    "crm-undo -f: the edit taken back in that database"
f task-list 0 '^2	ivanov	2026-11-30	' ivanov task-list -t -f "$DB2"
f crm-export 0 '^1,ООО Ромашка,' petrova crm-export -f "$DB2" -k clients
printf 'name,manager\nООО Лютик,smirnova\n' > "$T/clients.csv"
f crm-import 0 '^$' petrova crm-import -v -f "$DB2" -k clients \
    "$T/clients.csv"
is "$errout" "crm-import: 1 clients imported" "crm-import -f: one record"
# (id 3: client 2 was merged away, and an id is never given twice)
is "$(dbq -f "$DB2" "SELECT name FROM client WHERE id = 3")" \
    "ООО Лютик" "crm-import -f: the record is in that database"
f crm-log 0 '	petrova	client	3	import	' petrova crm-log -t -f "$DB2" \
    -k client
f plan-check 1 '^smirnova	2026-11-27	empty' \
    petrova plan-check -t -f "$DB2" -d 2026-11-27 -u smirnova
f crm-control 0 '^$' petrova crm-control record -r 0 -f "$DB2" smirnova
run petrova crm-control list -t -f "$DB2"
like "$out" '^1	2026-11-26	[a-z]*	smirnova	petrova	' \
    "crm-control -f: the control recorded is there"
# (3 tasks: 1 planned, 2 with no client and no deal left out as filler)
f kpi-report 0 '^[0-9]*	ivanov	Иванов Пётр	1	.*	2	0$' \
    petrova kpi-report -t -f "$DB2" -u ivanov
f crm-backup 0 '^$' root crm-backup -f "$DB2" "$T/copy.db"
is "$(dbq -f "$T/copy.db" "SELECT login FROM person WHERE id = 2")" \
    petrova "crm-backup -f: the copy is of that database"
CRM_USER=root crm-user set -f "$DB2" petrova email petrova@example.ru
f crm-digest 0 'Петрова Анна Сергеевна' petrova crm-digest -f "$DB2" -m
f crm-verify 0 '^audit: [0-9]+ [0-9a-f]{64}$' root crm-verify -v -f "$DB2"
f crm-erase 0 '^$' root crm-erase -f "$DB2" 1
is "$(dbq -f "$DB2" "SELECT detail FROM audit WHERE id = 1")" \
    '{"erased":true}' "crm-erase -f: the entry erased is in that database"
f task-remind 0 '^$' root task-remind -f "$DB2"
ok "$(test ! -e "$CRM_DB"; echo $?)" "\$CRM_DB was not made"
run root crm-user add -f "$T/новая/crm.db" -g admin root 'Админ'
is "$rc$(dbq -f "$T/новая/crm.db" 'SELECT login FROM person')" "0root" \
    "-f makes a fresh database at that path"
for t in $TOOLS; do
	case $covered in
	*" $t "*)	;;
	*)		ok 1 "$t: no -f case in 14-common.t";;
	esac
done

# usage TOOL: the tool's usage text, joined into one line.
usage() {
	"$TOP/cmd/$1" -9 2>&1 >/dev/null | sed -n '/^usage: /,$p' |
	    sed 's/^usage: //' | tr -s ' \n' '  ' | sed 's/ $//'
}

# synopsis TOOL: the man page's SYNOPSIS as mandoc sets it, one line.
synopsis() {
	mandoc -Tascii -Owidth=200 "$TOP/man/$1.1" | sed 's/.\x08//g' |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# options TOOL: from the usage, one line per verb ("-" for none): the
# verb, the letters without an argument, the letters with one.
options() {
	usage "$1" | awk -v tool="$1" '
	function flush() {
		if (n == 0)
			return
		v = verb == "" ? "-" : verb
		order[v] = 1
		plain[v] = plain[v] p
		witharg[v] = witharg[v] a
	}
	{
		for (i = 1; i <= NF; i++) {
			w = $i
			if (w == tool) {
				flush()
				n = 1; verb = ""; p = ""; a = ""; first = 1
				continue
			}
			if (first && w ~ /^\[?[a-z]+\]?$/) {
				verb = w
				gsub(/[][]/, "", verb)
			}
			first = 0
			if (w !~ /^\[?-[A-Za-z0-9]/)
				continue
			sub(/^\[?-/, "", w)
			if (w ~ /\]$/ || length(w) > 1) {
				gsub(/\]/, "", w)
				p = p w
				continue
			}
			nx = i < NF ? $(i + 1) : ""
			if (nx != "" && nx !~ /^[-[|]/)
				a = a w
			else
				p = p w
		}
	}
	END {
		flush()
		for (v in order)
			print v, (plain[v] == "" ? "." : plain[v]),
			    (witharg[v] == "" ? "." : witharg[v])
	}'
}

# optstrings TOOL: the getopt option strings of TOOL, one line per verb
# ("-" for none): from a table of verbs { "verb", "optstring", ... }
# when the tool has one, else every getopt(argc, argv, "...") call in
# its sources (tool_srcs).
optstrings() {
	_c="$TOP/cmd/$1.c"
	if grep -q 'verbs\[\] = {' "$_c"; then
		sed -n 's/^	{ "\([a-z-]*\)", "\([^"]*\)",.*/\1 \2/p' "$_c"
	else
		printf -- '- %s\n' "$(grep -ho 'getopt(argc, argv, "[^"]*")' \
		    $(tool_srcs "$1") | sed 's/.*"\(.*\)".*/\1/' | tr -d '\n')"
	fi
}

# letters STRING: its letters, sorted, each once ("." when none).
letters() {
	_l=$(printf '%s' "$1" | tr -d '.:' | fold -w1 | sort -u | tr -d '\n')
	echo "${_l:-.}"
}

# Ids on stdin for every tool that takes ids (its usage says "id ...",
# "[deal ...]" and the like): "echo ID | TOOL" acts on that record, as
# the operand would.  p TOOL AS ID CMD...: the database changes (or, for
# a question, the answer names the record) and the exit is 0.
piped=
p() {
	_t=$1 _as=$2 _id=$3
	shift 3
	_before=$(dbdump -f "$DB2" | md5sum)
	run "$_as" sh -c "echo '$_id	piped' | \"\$@\"" sh "$@"
	is "$rc" 0 "$_t: the id piped in: exit 0"
	if [ "$_t" = crm-log ]; then
		like "$out" "	task	$_id	" "$_t: the record piped in"
	else
		isnt "$(dbdump -f "$DB2" | md5sum)" "$_before" \
		    "$_t: the record piped in is changed"
	fi
	piped="$piped $_t "
}
CRM_USER=ivanov task-add -f "$DB2" 'Четвёртое' > /dev/null
CRM_USER=petrova doc-add -f "$DB2" -k invoice 1 'СЧ-2' 500 > /dev/null
p task-move ivanov 4 task-move -f "$DB2" 2026-12-01
p task-edit ivanov 4 task-edit -f "$DB2" -n 'из канала'
p task-done ivanov 4 task-done -f "$DB2"
p task-reopen ivanov 4 task-reopen -f "$DB2" -r 'не закончено'
CRM_USER=ivanov task-done -f "$DB2" 4
p task-accept petrova 4 task-accept -f "$DB2"
p task-return petrova 4 task-return -f "$DB2" -r 'ещё раз' tomorrow
p task-cancel ivanov 4 task-cancel -f "$DB2" -r 'не нужно'
p deal-stage petrova 1 deal-stage -f "$DB2" contract
p deal-edit petrova 1 deal-edit -f "$DB2" profit 200
p client-edit petrova 1 client-edit -f "$DB2" phone '+7 495 7654321'
p doc-pay petrova 2 doc-pay -f "$DB2"
p doc-edit petrova 2 doc-edit -f "$DB2" amount 600
p crm-erase root 3 crm-erase -f "$DB2"
p crm-log ivanov 4 crm-log -t -f "$DB2" -k task -
for t in $TOOLS; do
	"$TOP/cmd/$t" -9 2>&1 | sed -n '/^usage: /,$p' |
	    grep -Eq '(id|client|deal|doc|invoice|entry) \.\.\.' || continue
	case $piped in
	*" $t "*)	ok 0 "$t takes ids: a case of ids on stdin";;
	*)		ok 1 "$t takes ids: no case of ids on stdin in 14-common.t";;
	esac
done

export CRM_DB="$T/nowhere.db"
for t in $TOOLS; do
	run nobody "$t" -9
	is "$rc" 2 "$t -9: exit 2"
	like "$errout" "^usage: $t " "$t -9: the usage on standard error"
	is "$out" "" "$t -9: nothing on standard output"
	same "$(usage "$t")" "$(synopsis "$t")" "$t: usage is the SYNOPSIS"
	like "$(usage "$t")" "(^|[] ])\[-f file\]( |$)" \
	    "$t: -f file in the usage"
	options "$t" | sort > "$T/usage"
	optstrings "$t" | sort | while read -r verb o; do
		# a letter followed by ':' takes an argument
		printf '%s %s %s\n' "$verb" \
		    "$(letters "$(printf '%s' "$o" | sed 's/.://g')")" \
		    "$(letters "$(printf '%s' "$o" | grep -o '.:')")"
	done > "$T/getopt"
	[ -s "$T/usage" ] && [ -s "$T/getopt" ]
	ok $? "$t: options read from the usage and from getopt"
	while read -r verb plain witharg; do
		printf '%s %s %s\n' "$verb" "$(letters "$plain")" \
		    "$(letters "$witharg")"
	done < "$T/usage" > "$T/usage2"
	is "$(cat "$T/getopt")" "$(cat "$T/usage2")" \
	    "$t: getopt takes the options of the usage, arguments alike"
done

done_testing
