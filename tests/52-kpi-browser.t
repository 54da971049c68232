#!/bin/sh
# The KPI report in a real browser: headless Chromium at 1280x800, as a
# head would put it on the screen in a meeting, and printed on A4
# landscape.  The demo department's report (tests/demo.sh) is checked
# and kept as a screenshot for people to look at: tests/tmp/kpi-demo.png,
# or the file CRM_SHOT names; then the same department with a fifth
# manager who planned nothing, so that the scatter chart is drawn.
. "$(dirname "$0")/lib.sh"

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] ||
    ! /usr/bin/python3 -c 'import selenium' 2>/dev/null ||
    ! command -v pdfinfo >/dev/null; then
	echo "1..0 # SKIP chromium, chromium-driver, python3-selenium or" \
	    "poppler-utils missing (.ci/deps)"
	exit 0
fi
mkdir -p "$TOP/tests/tmp"
SHOT=${CRM_SHOT:-$TOP/tests/tmp/kpi-demo.png}
# The demo's day is the pinned clock's: the same report on any date.
today=${CRM_NOW%% *}

# tap PY-OUTPUT: number the browser script's checks.
tap() {
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok 0 "${l#ok - }" ;;
		"not ok - "*) ok 1 "${l#not ok - }" ;;
		*) echo "$l" ;;
		esac
	done <<TAP
$1
TAP
}

sh "$TOP/tests/demo.sh" "$T/demo.db" "$today" >"$T/demo.out" 2>&1
ok $? "the demo department made"
CRM_DB=$T/demo.db
start=$(date -d "$today -27 days" +%F)
run petrova kpi-report -a -d "$start..$today" -o "$T/demo.html"
is "$rc" 0 "the head's report of the four weeks"
like "$(cat "$T/demo.html")" \
    "<h1>KPI review: Team of Петрова Анна Сергеевна, <span class=\"nowrap\">$start – $today</span></h1>" \
    "the title names the team and the period"
like "$(cat "$T/demo.html")" "Made on $today\." \
    "and the day it was made"
# (the browser without the moved clock's library, which its waits trip)
out=$($UNFAKE /usr/bin/python3 "$TOP/tests/data/kpi-browser.py" "$T/demo.html" \
    "$SHOT" "$T/demo.pdf" 2>"$T/py.err")
ok $? "the browser opened the page"
[ -s "$T/py.err" ] && sed 's/^/# /' "$T/py.err"
tap "$out"
is "$(pdfinfo "$T/demo.pdf" | awk '/^Page size/ { print $NF }
    /^Pages/ { print $2 }' | tr '\n' ' ')" "3 (A4) " \
    "printed: A4, a page a section (summary, reasons, charts)"
is "$(pdfinfo "$T/demo.pdf" | awk '/^Page size/ { print ($3 > $5) }')" 1 \
    "printed landscape"
[ -s "$SHOT" ]
ok $? "the screenshot kept: $SHOT"

# A fifth manager, with nothing planned: insufficient data, and five
# people make the scatter chart.
CRM_NOW= CRM_USER=petrova crm-user add -g manager novikov 'Новиков Олег'
ok $? "a fifth manager"
run petrova kpi-report -a -d "$start..$today" -o "$T/five.html"
like "$(cat "$T/five.html")" '<span class="v v-nodata">insufficient data' \
    "the new hire: insufficient data"
is "$(grep -c '<svg class="chart"' "$T/five.html")" 2 "two charts"
out=$($UNFAKE /usr/bin/python3 "$TOP/tests/data/kpi-browser.py" "$T/five.html" \
    "$TOP/tests/tmp/kpi-five.png" "$T/five.pdf" 2>"$T/py.err")
ok $? "the browser opened the page of five"
tap "$out"
pages=$(pdfinfo "$T/five.pdf" | awk '/^Pages/ { print $2 }')
is "$pages" 3 "five printed on three pages, a page a section"

done_testing
