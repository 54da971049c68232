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
sh "$TOP/tests/demo.sh" "$T/demo.db" > "$T/demo.out" 2>&1
ok $? "the demo runs under LANG=ru_RU.UTF-8"
CRM_DB=$T/demo.db
unset CRM_NOW
start=$(dbq "SELECT value FROM rule WHERE key = 'rollout.launch'")
as() { _u=$1; shift; CRM_USER=$_u "$@" 2>&1; }
{
	as petrova task-today -a -p
	as petrova task-list -a -p
	as petrova plan-check -a -p
	as petrova crm-control -p
	as petrova crm-control list -p
	as petrova deal-list -a -p
	as petrova kpi-report -a -p -d "$start..$(date +%F)"
	for u in $(dbq "SELECT login FROM person WHERE active
	    AND role IN ('manager', 'head')"); do
		as "$u" crm-digest
	done
} > "$T/people.txt"
as petrova kpi-report -a -d "$start..$(date +%F)" -o "$T/kpi.html"
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
out=$(CRM_LANG=ru /usr/bin/python3 "$TOP/tests/data/kpi-browser.py" \
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

done_testing
