#!/bin/sh
# Times of record are the system clock read in the department's time
# zone, which an admin sets (crm-rules zone); the caller's TZ, valid,
# invalid or empty, moves nothing.  Run as a real unprivileged user, for
# whom CRM_NOW is not honoured (CI runs as root and makes one).  Also:
# dates out of 2000..2100 and runaway repeating tasks are refused, and
# every tool reads ids by one rule.
. "$(dirname "$0")/lib.sh"

department || exit 1

re() { printf '%s' "$1" | sed 's/[][+.*^$()|?{}\\]/\\&/g'; }

# ---- the zone, set by an admin ----
run root crm-rules zone
like "$out" '^[A-Za-z]' "a new database has a zone: the machine's"
Z0=$out
fails petrova 1 "only an admin may change the department's time zone" \
    "a head may not change the zone" crm-rules zone Asia/Tokyo
fails ivanov 1 "only an admin" "a manager may not change the zone" \
    crm-rules zone Asia/Tokyo
for z in garbage 'XXX+24:59:59' 'Etc/GMT-99' '../../etc/passwd' \
    '/etc/localtime' '' 'Europe/../Etc/UTC'; do
	fails root 1 "unknown time zone '$(re "$z")'" \
	    "an unknown zone '$z' refused" \
	    crm-rules zone "$z"
done
run root crm-rules zone Europe/Moscow
is "$rc" 0 "an admin sets the zone"
run ivanov crm-rules zone
is "$out" Europe/Moscow "anyone reads it"
is "$(dbq "SELECT detail FROM audit ORDER BY id DESC LIMIT 1")" \
    "{\"zone\":[\"$Z0\",\"Europe/Moscow\"]}" "the change is logged"

# ---- §6: dates out of range, runaway series ----
for d in 1900-01-01 1999-12-31 2101-01-01 9999-12-31; do
	fails ivanov 2 "invalid due date '$d'|invalid date '$d'" \
	    "task-add -d $d refused" task-add -R workday -d "$d" 'Отчёт'
done
fails ivanov 2 "'1900-01-10'" "task-add -E 1900-01-10 refused" \
    task-add -R workday -d 2026-11-30 -E 1900-01-10 'Отчёт'
fails ivanov 1 "would make more than 1000 tasks at once" \
    "a series from 2000 is refused whole" \
    task-add -R workday -d 2000-01-01 'Каждый день'
run ivanov task-add -R mon,tue,wed,thu,fri,sat,sun -d 2025-01-01 \
    -E 2025-12-31 'Год'
is "$rc" 0 "a year of occurrences is made"
[ "$(dbq "SELECT count(*) FROM task WHERE title = 'Год'")" \
    -gt 200 ]
ok $? "hundreds of them, under the cap"
fails petrova 2 "invalid period|invalid date" "a period in 1999 refused" \
    task-list -a 1999

# ---- §6: one id rule everywhere ----
for id in ' 1' '+1' '01' '0' '1 ' '1234567890123456789' '1e3' '１'; do
	r=$(re "$id")
	fails ivanov 2 "invalid id '$r'" "task-move '$id' refused" \
	    task-move "$id" tomorrow
	fails ivanov 2 "invalid id '$r'" "crm-log '$id' refused" \
	    crm-log -k task "$id"
	fails ivanov 2 "invalid id '$r'" "task-done '$id' refused" \
	    task-done "$id"
	fails ivanov 2 "invalid id '$r'" "task-cancel '$id' refused" \
	    task-cancel -r 'причина' "$id"
	# A deal is found by the one lookup: no id is a title to look for.
	fails root 1 "no such deal '$r'" "deal-stage '$id': no such deal" \
	    deal-stage "$id" won
	fails root 2 "invalid id '$r'" "doc-pay '$id' refused" \
	    doc-pay "$id"
done
run ivanov task-move 123456789012345678 tomorrow
is "$rc" 1 "18 digits are an id (no such task)"
run ivanov crm-log -k task 123456789012345678
is "$rc" 0 "crm-log takes 18 digits"

# ---- the caller's TZ, as an unprivileged user ----
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null; then
	echo "# skipped the unprivileged cases: needs root and useradd"
	done_testing
	exit
fi
U=crmzone$$
useradd -M -d /nonexistent -s /bin/sh "$U" || exit 1
trap 'userdel "$U" 2>/dev/null; rm -rf "$T"' EXIT
CRM_USER=root crm-user add -g manager -h petrova "$U" 'Тестов Тест'
chmod 0777 "$T"
# The user reaches the database: the file's mode, or the server's socket
# (as the service role its conninfo names, as every tool connects).
if _dbpg "$CRM_DB"; then
	chmod 0711 "$PGDIR"
else
	chmod 0666 "$CRM_DB"*
fi

as_user() {	# as_user TZ CMD...: run CMD as $U with TZ set as given
	_tz=$1
	shift
	out=$(cd "$T" && $UNFAKE env -i PATH="$PATH" CRM_DB="$CRM_DB" TZ="$_tz" \
	    TZDIR="$T/zoneinfo" LC_ALL=C.UTF-8 CRM_NOW="2020-01-01 09:00:00" \
	    setpriv --reuid="$U" --regid="$U" --clear-groups "$@" \
	    2>"$T/stderr")
	rc=$?
	errout=$(cat "$T/stderr")
}

# A TZDIR of the caller's, where "Europe/Moscow" is Tokyo, moves nothing.
mkdir -p "$T/zoneinfo/Europe"
cp /usr/share/zoneinfo/Asia/Tokyo "$T/zoneinfo/Europe/Moscow"
chmod -R a+rX "$T/zoneinfo"

# near ZONE TIME: TIME, a wall time in ZONE, is the system clock now,
# give or take five seconds.
# The clock is the one a real user's tool records by (usersclock).
near() {
	_s=$(TZ=$1 date -d "$2" +%s) && _d=$(($(usersclock +%s) - _s)) &&
	    [ "$_d" -ge -5 ] && [ "$_d" -le 5 ]
}

sq() { dbq "$@"; }

zone_case() {	# zone_case ZONE TZ
	as_user "$2" task-add -d today "Задача $2"
	is "$rc" 0 "TZ='$2': task-add as a manager"
	id=$out
	as_user "$2" task-done "$id"
	is "$rc" 0 "TZ='$2': task-done"
	c=$(sq "SELECT created_at FROM task WHERE id = '$id'")
	x=$(sq "SELECT closed_at FROM task WHERE id = '$id'")
	r=$(sq "SELECT recorded_at FROM task WHERE id = '$id'")
	a=$(sq "SELECT at FROM audit ORDER BY id DESC LIMIT 1")
	near "$1" "$c"
	ok $? "TZ='$2': created_at $c is now in $1"
	near "$1" "$x"
	ok $? "TZ='$2': closed_at $x is now in $1"
	near "$1" "$r"
	ok $? "TZ='$2': recorded_at $r is now in $1"
	near "$1" "$a"
	ok $? "TZ='$2': the audit entry's time $a is now in $1"
	is "$(sq "SELECT due_date FROM task WHERE id = '$id'")" \
	    "$(TZ=$1 usersclock +%Y-%m-%d)" "TZ='$2': today is $1's today"
}

for tz in 'XXX+24:59:59' 'Etc/GMT-14' 'Etc/GMT+12' garbage '' \
    'Asia/Tokyo' ':/etc/passwd' 'Europe/Moscow'; do
	zone_case Europe/Moscow "$tz"
done

# The admin moves the department to the other side of the date line.
CRM_USER=root crm-rules zone Pacific/Kiritimati
for tz in 'Etc/GMT+12' 'XXX+24:59:59' ''; do
	zone_case Pacific/Kiritimati "$tz"
done
CRM_USER=root crm-rules zone Pacific/Pago_Pago
zone_case Pacific/Pago_Pago 'Pacific/Kiritimati'

# The manager cannot set it either, whatever their environment says.
as_user UTC crm-rules zone UTC
is "$rc" 1 "a manager may not change the zone"
is "$(CRM_USER=root crm-rules zone)" Pacific/Pago_Pago "the zone stays"

# ---- the zone and the chain (issue 28) ----
# Times of record are stored as wall times of the zone they were
# recorded in, and the log hashes what is stored: a change of the zone
# rewrites no stored time, so nothing hashed changes.  By an admin who
# is a person and by root; then crm-verify, and the department moved
# whole into a new database, where its chain verifies too.
CRM_USER=root crm-user add -g admin zadmin 'Админ пояса' > /dev/null
last=$(dbq "SELECT max(id) FROM audit")
log=$(dbq "SELECT id, at, hash FROM audit ORDER BY id")
times=$(dbq "SELECT id, created_at, closed_at, recorded_at FROM task
    ORDER BY id")
run zadmin crm-rules zone Asia/Tokyo
is "$rc" 0 "an admin changes the zone"
run root crm-rules zone Europe/Moscow
is "$rc" 0 "root changes it back"
is "$(dbq "SELECT id, at, hash FROM audit WHERE id <= $last ORDER BY id")" \
    "$log" "the log's earlier entries: their times and hashes as they were"
is "$(dbq "SELECT id, created_at, closed_at, recorded_at FROM task
    ORDER BY id")" "$times" "the tasks' times of record as they were"
is "$(dbq "SELECT count(*) FROM audit WHERE action = 'zone'
    AND id > $last")" 2 "both changes are in the log"
run root crm-verify
is "$rc.$errout" "0." "crm-verify after the changes of zone: the chain holds"
run zadmin crm-verify
is "$rc" 0 "and for the admin"
run root crm-export -k department
is "$rc" 0 "the department exported"
printf '%s\n' "$out" > "$T/zone.dep"
moved=$(dbnew "$T/moved.db")
run root crm-import -k department -f "$moved" "$T/zone.dep"
is "$rc.$errout" "0." "and imported into a new database"
run root crm-verify -f "$moved"
is "$rc.$errout" "0." "where its chain verifies"
run root crm-export -k department -f "$moved"
is "$(printf '%s\n' "$out" | md5sum)" "$(md5sum < "$T/zone.dep")" \
    "and exports the same bytes"
is "$(CRM_USER=root crm-rules zone -f "$moved")" Europe/Moscow \
    "the zone moved with it"

done_testing
