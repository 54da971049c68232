#!/bin/sh
# The demo under LANG=ru_RU.UTF-8: what the library writes for people
# (the aligned views, plan-check's findings, crm-control, the KPI
# report's table and HTML, every digest) has no Latin word but logins,
# e-mail addresses, CRM and KPI; the tools' own summaries too (cmd/).
# tests/75 scans the tools' usage, --help and refusals.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP the demo runs as root"; exit 0; }
unset LC_ALL
LANG=ru_RU.UTF-8
export LANG
# The demo's day is the pinned clock's: the same words on any date.
today=${CRM_NOW%% *}
sh "$TOP/tests/demo.sh" "$T/demo.db" "$today" > "$T/demo.out" 2>&1
ok $? "the demo runs under LANG=ru_RU.UTF-8"
CRM_DB=$T/demo.db
start=$(dbq "SELECT value FROM rule WHERE key = 'rollout.launch'")
as() { _u=$1; shift; CRM_USER=$_u "$@" 2>&1; }
{
	as petrova task-today -a -p
	as petrova task-list -a -p
	as petrova plan-check -a -p
	as petrova crm-control -p
	as petrova crm-control list -p
	as petrova deal-list -a -p
	as petrova kpi-report -a -p -d "$start..$today"
	for u in $(dbq "SELECT login FROM person WHERE active
	    AND role IN ('manager', 'head')"); do
		as "$u" crm-digest
	done
} > "$T/people.txt"
as petrova kpi-report -a -d "$start..$today" -o "$T/kpi.html"
# The report's text, without its markup, style and SVG coordinates.
python3 -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    skip = 0
    def handle_starttag(self, t, a):
        if t in ("style", "script"): self.skip += 1
    def handle_endtag(self, t):
        if t in ("style", "script"): self.skip -= 1
    def handle_data(self, d):
        if not self.skip: print(d)
P().feed(open(sys.argv[1]).read())' "$T/kpi.html" >> "$T/people.txt"
# The Russian report in a real browser: it fits, and prints, as the
# English one does (tests/52).
mkdir -p "$TOP/tests/tmp"
out=$(CRM_LANG=ru $UNFAKE /usr/bin/python3 "$TOP/tests/data/kpi-browser.py" \
    "$T/kpi.html" \
    "$TOP/tests/tmp/kpi-demo-ru.png" "$T/kpi.pdf" 2>"$T/py.err")
ok $? "the browser opened the Russian report"
[ -s "$T/py.err" ] && sed 's/^/# /' "$T/py.err"
printf '%s\n' "$out" | grep -q '^not ok'
ok $((! $?)) "the Russian report passes the browser's checks"
printf '%s\n' "$out" | grep '^not ok' | sed 's/^/# /'
is "$(pdfinfo "$T/kpi.pdf" | awk '/^Pages/ { print $2 }')" 3 \
    "printed: a page a section"
[ "$(wc -l < "$T/people.txt")" -gt 100 ]
ok $? "a broad sample: $(wc -l < "$T/people.txt") lines"

# What may be Latin: logins, e-mail addresses, the rule keys crm-rules
# lists as codes, CRM and KPI, the digest's audit line for crm-verify,
# and what people wrote themselves.
dbq "SELECT login FROM person" > "$T/allowed"
printf '%s\n' CRM KPI >> "$T/allowed"
# The people's own words are theirs: the results the views now show
# (the demo's manager writes junk such as "asdf").
dbq "SELECT coalesce(result, '') || ' ' || coalesce(note, '') FROM task" |
    grep -oE '[A-Za-z][A-Za-z]+' >> "$T/allowed"
# The audit line is for crm-verify, a machine's.
cmdlines='^audit: [0-9]+ [0-9a-f]+$'
# A login cut with "…" to fit the digest's width is still a login.
found=$(grep -Ev "$cmdlines" "$T/people.txt" |
    sed -E 's/[^ ]+@[^ ]+//g; s/^[a-z0-9._]+(@[a-z0-9._-]+)? //' |
    grep -oE '[A-Za-z][A-Za-z]+…?' | sort -u | while read -r w; do
	case $w in
	*…)	grep -q "^${w%…}" "$T/allowed" || echo "${w%…}";;
	*)	echo "$w";;
	esac
    done | grep -vxF -f "$T/allowed")
is "$found" "" "no Latin word in what the library writes for people"
like "$(cat "$T/people.txt")" 'просрочено' "and it is Russian"
# The regulations' keys and values are codes; their help is for people.
like "$(as root crm-rules list -p)" \
    '^plan\.min +[0-9]+ +[0-9]+ +[01] +сколько задач минимум' \
    "crm-rules list: the help in Russian, the keys as codes"

# The tools' own words the first days bring, each scanned the same way:
# the calendar (crm-rules days), the audit log's view (crm-log), a
# reminder mail, the head's digest mail, crm-undo's refusal, crm-import's
# dry run and refusals, a rule's refusal, a date's refusal, the words on
# screen typed back.  Exempt, each for its reason:
# - the mail's header lines (From:, MIME-Version: ...): RFC 5322's words,
#   for mail programs, and encoded words (=?UTF-8?B?...?=);
# - crm-log's detail column: the record as JSON, a machine's (crm(7));
# - the headers of the imported file and the name of its encoding, shown
#   as the file and iconv(3) spell them (ID, UTF-8, WINDOWS-1251);
# - what the person typed, quoted back «as typed», and the tools' names
#   (crm-undo:, and the command crm-undo takes back: deal-stage), as
#   tests/75 has them;
# - the kind and the columns crm-import reads, named in its refusal of an
#   unknown column: the codes typed after -k and in a CSV header (crm(7):
#   CSV headers are codes); the kinds crm-export's refusal offers, typed
#   after -k;
# - crm, the suite's name (crm-shell: a tool that is not crm's);
# - logins, e-mail addresses, paths, CRM and KPI, as above.
# The tools, from the Makefile, not by hand.
TOOLS=$(make_tools)
[ "$(echo $TOOLS | wc -w)" -gt 30 ]
ok $? "the tools from the Makefile: $(echo $TOOLS | wc -w)"
# sample TOOL: TOOL as a person meets it, on the demo (99999: no such
# record); 1 for a tool this list does not know.
sample() {
	case $1 in
	crm-user)	as root crm-user list -p ;;
	crm-log)	as petrova crm-log -p -k deal 2 | sed 's/{.*}//' ;;
	crm-backup)	as root crm-backup "$T" ;;
	crm-verify)	as root crm-verify -v ;;
	crm-erase)	as root crm-erase 99999 ;;
	crm-undo)	as kuznetsov crm-undo ;;
	task-add)	as ivanov task-add -c 99999 'Позвонить' ;;
	task-today)	as ivanov task-today -p ;;
	task-done)	as ivanov task-done -r 'готово' 99999 ;;
	task-move)	as ivanov task-move 99999 завтра ;;
	task-cancel)	as ivanov task-cancel -r 'не нужно' 99999 ;;
	task-list)	as ivanov task-list -p -s просрочено ;;
	task-reopen)	as ivanov task-reopen -r 'ещё раз' 99999 ;;
	task-edit)	as ivanov task-edit -N 'Новое' 99999 ;;
	task-accept)	as petrova task-accept 99999 ;;
	task-return)	as petrova task-return -r 'переделать' 99999 завтра ;;
	client-add)	as ivanov client-add -I 7707083890 'ООО Тест' ;;
	client-list)	as petrova client-list -p ;;
	client-edit)	as ivanov client-edit 99999 phone 1 ;;
	client-merge)	as root client-merge 99998 99999 ;;
	deal-add)	as ivanov deal-add 99999 'Поставка' ;;
	deal-list)	as petrova deal-list -a -p ;;
	deal-stage)	as ivanov deal-stage 99999 выиграна ;;
	deal-edit)	as ivanov deal-edit 99999 title Новое ;;
	doc-add)	as ivanov doc-add -k счёт 99999 С-1 100 ;;
	doc-list)	as petrova doc-list -p ;;
	doc-pay)	as ivanov doc-pay 99999 ;;
	doc-edit)	as ivanov doc-edit 99999 number С-2 ;;
	crm-import)	as root crm-import -K -k clients "$T/imp.csv" ;;
	crm-export)	as root crm-export -k сделки ;;
	crm-rules)	as root crm-rules kinds -p ;;
	plan-check)	as petrova plan-check -a -p ;;
	crm-control)	as petrova crm-control list -p ;;
	kpi-report)	as petrova kpi-report -a -p -d "$start..$today" ;;
	crm-digest)	as ivanov crm-digest ;;
	task-remind)	as ivanov task-remind -S cat ;;
	crm-shell)	SSH_ORIGINAL_COMMAND='rm -rf /' as ivanov crm-shell ;;
	*)		return 1 ;;
	esac
	return 0
}
# the demo's day, the pinned clock's (set above): the same on any date
CRM_NOW="$today 10:00:00"
export CRM_NOW
printf 'Название;ИНН;Ответственный;ID\nООО Тест;;Иванов Пётр;12\n' |
    iconv -t CP1251 > "$T/imp.csv"
printf 'Название;Город\nООО Тест;Тула\n' > "$T/city.csv"
{
	as root crm-rules days -p
	as petrova crm-log -p | sed 's/{.*}//'
	as ivanov task-add -k call -c 1 -d "$today" -T 10:20 \
	    'Позвонить клиенту' > /dev/null
	as ivanov task-remind -S cat
	as petrova crm-digest -m
	as ivanov deal-stage -r 'пауза' 2 переговоры > /dev/null
	as ivanov crm-undo -v
	as root crm-import -K -k clients "$T/imp.csv"
	as root crm-import -K -k clients "$T/city.csv"
	as root crm-import -b koi9 -k clients "$T/city.csv"
	as root crm-rules set rollout.launch 31.02.2026
	as ivanov task-add -d 31.02 x
	as ivanov task-add -T 25 x
	as petrova kpi-report -d someday
	as petrova task-list -a -p -s просрочено
	# Every tool the Makefile builds (ALLBINS, SHELLBIN), each run the
	# way a person meets it: a listing on a terminal, or what a tool
	# that changes says when it is given an id that does not exist.
	for t in $TOOLS; do
		sample "$t" || echo "NO-SAMPLE-FOR-$t"
	done
} > "$T/tools.txt"
is "$(grep '^NO-SAMPLE-FOR-' "$T/tools.txt")" "" \
    "every tool of the Makefile ($(echo $TOOLS | wc -w)) has a sample here"
[ "$(wc -l < "$T/tools.txt")" -gt 40 ]
ok $? "the tools' sample: $(wc -l < "$T/tools.txt") lines"
like "$(cat "$T/tools.txt")" 'постановление' "the calendar's source in Russian"
like "$(cat "$T/tools.txt")" '#[0-9]+ звонок: Позвонить клиенту' \
    "the reminder names the kind in Russian"
# The head's mail (issue 31: it showed call/other/email/meeting): its
# team's results name each task's kind in Russian, no kind's code.
CRM_USER=petrova crm-digest -m -d "$today" > "$T/head.eml" 2>&1
like "$(cat "$T/head.eml")" '#[0-9]+ (звонок|встреча|письмо|другое)[^:]*: ' \
    "the head's mail names the kinds in Russian"
is "$(grep -v '^[A-Z][A-Za-z-]*: \|^ =?UTF-8' "$T/head.eml" |
    grep -oEw 'call|other|email|meeting|letter|contract|invoice' | sort -u)" \
    "" "and no kind's code"
like "$(cat "$T/tools.txt")" 'сделка 2 \(смена этапа\)' \
    "crm-undo names the record and the change in Russian"
found=$(grep -Ev "$cmdlines" "$T/tools.txt" |
    grep -Ev '^[A-Z][A-Za-z-]*: |^ =\?UTF-8' |
    sed -E 's/[^ ]+@[^ ]+//g; s|[^ ]*/[^ ]*||g; s/«[^»]*»//g' |
    sed -E 's/(^|[ ,:])(ID|UTF-8|WINDOWS-1251)([ ,]|$)/\1\3/g' |
    sed -E 's/^[a-z]+-[a-z]+: //; s/[a-z]+-[a-z]+\([1-9]\)//g' |
    sed -E "s/(^|[ ,])($(echo $TOOLS | tr ' ' '|'))([ ,:]|$)/\\1\\3/g" |
    sed -E 's/для [a-z]+; читаются столбцы: [a-z_, ]*,//' |
    sed -E 's/(неизвестный вид) ?: [a-z, ]+ или [a-z]+$/\1/' |
    sed -E 's/ не инструмент crm$//' |
    grep -oE '[A-Za-z][A-Za-z]+' | sort -u | grep -vxF -f "$T/allowed")
is "$found" "" "no Latin word in what the tools the first days bring write for people"

# Every Russian manual page (man/ru): its words for people, without
# what the markup says is not a word (crm(7): codes never change with
# the locale): a command's name (Nm, Xr), an option (Fl), a code (Cm,
# Sy), an argument (Ar), a variable (Ev), a path (Pa), an address (Lk,
# Mt), a literal (Li, Ql, Dl, .Bd -literal: commands and what they
# print), and roff's escapes.  Exempt, each for its reason:
# - the source's one English heading, NAME: mdoc needs it; installed,
#   it is ИМЯ (man/ru-man.sh, tests/75);
# - the codes of TSV and JSON (every listing tool's header, crm-export's,
#   the rule keys, the kinds, the states, the roles, JSON's null, SQL's
#   NULL, the kinds of record -k takes), as the pages list them;
# - the names a CSV header is read by (lib/import_head.c: ID, Web...);
# - names of formats, standards, systems and programs: TSV JSON Lines
#   CSV CRLF LF TAB HTML ISO RFC UTF URI TCP SHA SQLite PostgreSQL Excel
#   Windows Unix cron crontab mbox iCalendar gitolite ssh setgid setuid
#   zoneinfo peer Bitrix amoCRM Mailchimp README Debian CRM KPI crm root
#   PgBouncer;
# - e-mail, as Russian writes it; a mail's header fields (From:, To:,
#   Subject:, RFC 5322's words); r, rho and n, the signs of a
#   correlation (kpi-report(1));
# - the README's sections named in crm(7), the README being English.
LANG=C
export LANG
{
	for c in "task-list -a" "task-today -a" client-list "deal-list -a" \
	    doc-list "crm-user list" crm-log "plan-check -a" \
	    "crm-control list" crm-control "kpi-report -a" "crm-rules list" \
	    "crm-rules kinds" "crm-rules days" "deal-stage list" \
	    "deal-stage history 2"; do
		CRM_USER=root ran $c -H -t | head -1
	done
	for k in people clients deals docs tasks; do
		CRM_USER=root ran crm-export -k $k | head -1
	done
	CRM_USER=root ran crm-rules list -t | cut -f1
	CRM_USER=root ran crm-rules kinds -t | cut -f1
	CRM_USER=root ran kpi-report -a -j | head -1 | jq -r 'keys[]'
	printf '%s\n' open upcoming overdue done cancelled returned accepted \
	    pending manager head director admin null NULL people clients deals \
	    docs tasks department
	sed -n 's/^	{ [^,]*, [^,]*, "\([^"]*\)" },.*/\1/p' \
	    "$TOP/lib/import_head.c"
	printf '%s\n' TSV JSON Lines CSV CRLF LF TAB HTML ISO RFC UTF URI TCP \
	    SHA SQLite PostgreSQL Excel Windows Unix cron Cron crontab mbox \
	    iCalendar gitolite ssh setgid setuid zoneinfo peer Bitrix amoCRM \
	    Mailchimp README Debian CRM KPI crm root PgBouncer From To Subject \
	    r rho n
} | tr '\t,._/@:-' '\n\n\n\n\n\n\n\n' | grep -E '^[A-Za-z]+$' | sort -u \
    > "$T/codes"
unset LANG
LANG=ru_RU.UTF-8
export LANG
[ "$(wc -l < "$T/codes")" -gt 100 ]
ok $? "the codes and names the pages may hold: $(wc -l < "$T/codes")"
for p in "$TOP"/man/ru/*.[1-9]; do
	awk '
	/^\.\\"/ { next }
	/^\.Sh NAME$/ { next }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; next }
	lit || /^\.(Dl|Dd|Dt|Os|Bl|El) ?/ { next }
	/^\./ {
		sub(/^\./, "")
		n = split($0, w, " ")
		out = ""
		skip = 0
		for (i = 1; i <= n; i++) {
			# a macro whose arguments are no words, or another
			if (w[i] ~ /^(Nm|Xr|Fl|Cm|Sy|Ar|Ev|Pa|Lk|Mt|Li|Ql|Ic|Dv|Va|Er|Fn)$/) {
				skip = 1
				continue
			}
			if (w[i] ~ /^[A-Z][a-z]$/) {
				skip = 0
				continue
			}
			if (!skip)
				out = out " " w[i]
		}
		print out
		next
	}
	{ print }' "$p" > "$T/page-words"
	[ $? -eq 0 ] && grep -q 'а' "$T/page-words"
	ok $? "man/ru/${p##*/}: its words read"
	sed -E 's/\\\(..|\\\[[^]]*\]|\\[&e]|\\f[BIRP]//g' "$T/page-words" |
	    sed -E 's/[^ ]+@[^ ]+//g; s|[^ ]*/[^ ]*||g; s/[Ee]-mail//g' |
	    sed -E 's/[a-z]+(-[a-z]+)+//g; s/A department server|A POOLER//g' |
	    grep -oE '[A-Za-z][A-Za-z]+' | grep -vxF -f "$T/codes" |
	    sort -u > "$T/page-latin"
	is "$(cat "$T/page-latin")" "" \
	    "man/ru/${p##*/}: no Latin word but codes and names"
done

done_testing
