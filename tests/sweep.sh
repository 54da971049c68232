#!/bin/sh
# tests/sweep.sh [-a] [FILE...]: the calendar sweep (make sweep).  The
# date-sensitive test files run with the machine's clock moved to each
# instant below, in the department's zone of that instant: the files
# that read a clock (the tools run as real users, the PostgreSQL server,
# the test's own date(1)) and the demo (tests/58-demo.t).
#
# The clock is moved with libfaketime (Debian: faketime), not CRM_NOW:
# CRM_NOW is honoured for root alone and pins what the tests set up as
# root (tests/lib.sh); what is swept is the clock that everything else
# reads.  tests/lib.sh takes the instant from CRM_TEST_AT and preloads
# libfaketime with the offset from now as each file starts, so that each
# file begins at the instant and its clock runs on from there.  setuid
# and setgid programs never load it: tests/85 compares what they record
# with the machine's real clock (sysclock in tests/lib.sh).
#
# The zone: a new database takes the machine's zone (/etc/timezone), and
# date(1) reads $TZ.  Each instant runs in a mount namespace of its own
# (unshare -m) with the zone's name bound over /etc/timezone and TZ set,
# so that the machine's zone is left as it is.  Where that cannot be done
# (not root, no unshare), an instant in another zone than the machine's is
# skipped, and said so.
#
# Each instant runs SWEEP_EVERY (or the FILEs given); the instants
# marked "+" run SWEEP_SOME too.  -a: every instant runs both lists.
# Skips inside a file are reported with their reasons.  Exit 1 if any
# file failed at any instant.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
all=0
[ "${1:-}" = -a ] && { all=1; shift; }
SWEEP_JOBS=${SWEEP_JOBS:-1}
export SWEEP_JOBS
EVERY=${SWEEP_EVERY:-tests/11-db.t tests/13-identity.t tests/58-demo.t \
    tests/87-zone.t}
SOME=${SWEEP_SOME:-tests/82-bad-input.t tests/85-setgid.t \
    tests/94-pg-server.t tests/96-pg-move.t}
[ $# -gt 0 ] && { EVERY=$*; SOME=; }

# The instants: zone, wall time in that zone, "+" to run SWEEP_SOME too,
# and what the instant is.
INSTANTS='Europe/Moscow|2026-12-07 08:59:00| |a Monday, 08:59
Europe/Moscow|2026-12-11 19:30:00| |a Friday evening
Europe/Moscow|2026-12-12 12:00:00| |a Saturday
Europe/Moscow|2026-12-13 12:00:00| |a Sunday
Europe/Moscow|2025-05-09 10:00:00| |9 May, a holiday on a Friday
Europe/Moscow|2027-01-01 00:00:30|+|1 January 00:00:30 in Moscow, UTC still 31 December
America/New_York|2026-12-31 23:59:30|+|31 December 23:59:30 in New York, UTC already 1 January
Europe/Moscow|2028-02-29 10:00:00| |29 February 2028
Europe/Moscow|2027-07-30 17:00:00| |the last working day of July 2027, a Friday'

machine=$(cat /etc/timezone 2>/dev/null)
canbind=0
[ "$(id -u)" -eq 0 ] && [ -f /etc/timezone ] &&
    unshare -m true 2>/dev/null && canbind=1
W=$(mktemp -d "${TMPDIR:-/tmp}/crm-sweep.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
fail=0
n=0
report=
mkdir -p "$TOP/tests/tmp"
rm -f "$TOP"/tests/tmp/sweep-*.log

# at ZONE TIME FILE...: the files at TIME in ZONE; their output to $W/log.
at() {
	_z=$1 _t=$2
	shift 2
	printf '%s\n' "$_z" > "$W/zone"
	chmod 0644 "$W/zone"
	if [ "$_z" = "$machine" ]; then
		TZ=$_z CRM_TEST_AT=$_t prove -v -j"$SWEEP_JOBS" "$@"
	else
		TZ=$_z CRM_TEST_AT=$_t unshare -m sh -c \
		    'mount --bind "$0" /etc/timezone && exec prove -v -j"$SWEEP_JOBS" "$@"' \
		    "$W/zone" "$@"
	fi > "$W/log" 2>&1
}

while IFS='|' read -r zone t some what; do
	n=$((n + 1))
	files=$EVERY
	[ "$some" = + ] || [ "$all" -eq 1 ] && files="$files $SOME"
	if [ "$zone" != "$machine" ] && [ "$canbind" -eq 0 ]; then
		line="skip  $t $zone ($what): the zone cannot be moved here (needs root and unshare -m)"
		report="$report$line
"
		echo "$line"
		continue
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	at "$zone" "$t" $files
	rc=$?
	secs=$(($(date +%s) - start))
	if [ "$rc" -eq 0 ]; then
		res=ok
	else
		res=FAIL
		fail=1
		grep -aE '^not ok|^Failed|Wstat|Bail out' "$W/log" | sed 's/^/#   /'
		cp "$W/log" "$TOP/tests/tmp/sweep-$n.log" 2>/dev/null
	fi
	line="$res  $t $zone ($what): $(echo $files | wc -w) files, ${secs}s"
	echo "$line"
	report="$report$line
"
	grep -aE '# SKIP' "$W/log" | sed 's/^/      /' | sort -u
done <<EOF2
$INSTANTS
EOF2
[ "$fail" -eq 0 ] && echo "sweep: $n instants passed" ||
    echo "sweep: failures above (logs in tests/tmp/sweep-N.log)"
exit "$fail"
