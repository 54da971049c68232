#!/bin/sh
# Bad input, table-driven: every tool, fed what it must refuse, says what
# was wrong (and where), exits non-zero, and leaves the database as it
# was, byte for byte in its dump.  Then the database itself: missing,
# unwritable, read-only, not a database, too new, a full disk; and a
# closed standard output.
. "$(dirname "$0")/lib.sh"

department
CID=$(CRM_USER=ivanov client-add -I 7707083893 'ООО Ромашка')
KCID=$(CRM_USER=kozlov client-add 'ЗАО Лютик')
DID=$(CRM_USER=ivanov deal-add -A 1000 "$CID" 'Поставка')
TID=$(CRM_USER=ivanov task-add -k call -c "$CID" 'Позвонить')
DOC=$(CRM_USER=ivanov doc-add -k invoice "$DID" 'С-1' 500)
SQL="'); DROP TABLE task; --"
L201=$(printf '%201s' '' | tr ' ' a)
L255=$(printf '%255s' '' | tr ' ' a)
L2001=$(printf '%2001s' '' | tr ' ' a)
C101=$(printf '%101s' '' | sed 's/ /я/g')	# 202 bytes, 101 letters
ESC=$(printf 'a\033[2Jb')
BEL=$(printf 'a\007b')
CR=$(printf 'a\rb')
DEL=$(printf 'a\177b')
C1=$(printf 'a\302\233b')	# U+009B, the 8-bit CSI
BADU=$(printf 'a\377b')
OVERLONG=$(printf '\300\200')
SURR=$(printf '\355\240\200')
NL=$(printf 'a\nb')
export CID KCID DID TID DOC SQL L201 L255 L2001 C101 ESC BEL CR DEL C1 \
    BADU OVERLONG SURR NL
T1=$(printf '\t')
is "$(dbq 'SELECT count(*) FROM task')" 1 "the fixture"

# who|exit|message (grep -E)|command (sh; the fixture's variables are set)
while IFS='|' read -r who st pat cmd; do
	case $who in ''|'#'*) continue;; esac
	fails "$who" "$st" "$pat" "$who: $cmd" sh -c "$cmd"
done <<'TABLE'
# Impossible dates and times.
ivanov|2|invalid due date '2026-02-30'|task-add -d 2026-02-30 x
ivanov|2|invalid due date '2026-13-01'|task-add -d 2026-13-01 x
ivanov|2|invalid due date '0000-01-01'|task-add -d 0000-01-01 x
ivanov|2|invalid due date '99999-01-01'|task-add -d 99999-01-01 x
ivanov|2|invalid time '24:00'|task-add -T 24:00 x
ivanov|2|invalid time '12:60'|task-add -T 12:60 x
ivanov|2|invalid time '9:5'|task-add -T 9:5 x
ivanov|2|invalid until date '2026-02-29'|task-add -R workday -E 2026-02-29 x
ivanov|1|line 2: invalid due date '2026-04-31'|printf 'ivanov\t2026-11-27\t\t\tok\nivanov\t2026-04-31\t\t\tx\n' | task-add
ivanov|1|line 1: invalid time '25:00'|printf 'ivanov\t2026-11-27\t25:00\t\tx\n' | task-add
ivanov|2|invalid date '2026-02-29'|task-move $TID 2026-02-29
ivanov|2|invalid time '25:00'|task-move $TID 2026-11-27 25:00
ivanov|2|invalid date '2026-04-31'|task-done -D 2026-04-31 -N x $TID
ivanov|2|invalid time '10:99'|task-done -T 10:99 -N x $TID
petrova|2|2026-02-30|task-done -d '2026-02-30 10:00' $TID
ivanov|2|invalid date '2026-02-30'|task-today -d 2026-02-30
ivanov|2|invalid period '2026-02-30'|task-list 2026-02-30
ivanov|2|invalid date '2026-02-30'|plan-check -d 2026-02-30
petrova|2|invalid date '2026-02-30'|crm-control record -d 2026-02-30 ivanov
root|2|invalid date '2026-02-30'|crm-rules day 2026-02-30 off
root|2|invalid period '2026-W60'|crm-rules days 2026-W60
root|1|line 2: invalid date '2026-02-30'|printf '2026-12-31 off\n2026-02-30 off\n' | crm-rules import
ivanov|2|close date|deal-add -d 2026-02-30 $CID x
ivanov|2|2026-02-30|doc-add -d 2026-02-30 -k invoice $DID С-2 100
ivanov|2|2026-02-30|doc-pay -d 2026-02-30 $DOC
director|2|2026-02-30|kpi-report -d 2026-02-30
petrova|1|line 2: .*2026-02-30|printf 'login,kind,title,due_date\nivanov,call,x,2026-02-30\n' | crm-import -k tasks
# Overlong fields (crm(5), Limits).
ivanov|1|invalid title 'a{40}[.]{3}': 201 bytes, at most 200|task-add "$L201"
ivanov|1|invalid title '.*[.]{3}': 202 bytes, at most 200|task-add "$C101"
ivanov|1|invalid note 'a{40}[.]{3}': 2001 bytes, at most 2000|task-add -n "$L2001" x
ivanov|1|invalid result 'a{40}[.]{3}': 2001 bytes|task-done -r "$L2001" $TID
ivanov|1|invalid reason 'a{40}[.]{3}': 2001 bytes|task-cancel -r "$L2001" $TID
ivanov|1|invalid reason 'a{40}[.]{3}': 2001 bytes|task-move -r "$L2001" $TID 2026-11-27
ivanov|1|line 1: invalid title 'a{40}[.]{3}': 201 bytes|printf 'ivanov\t2026-11-27\t\t\t%s\n' "$L201" | task-add
ivanov|1|line 1: line too long: at most 8191 bytes|printf 'ivanov\t2026-11-27\t\t\tx\t%9000s\n' '' | task-add
root|1|invalid name: 1 to 200 bytes|crm-user add -g manager -h petrova newman "$L201"
root|1|invalid login|crm-user add -g manager -h petrova aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Имя
root|1|e-mail|crm-user add -g manager -h petrova -e "$L255@x.ru" newman Имя
ivanov|1|invalid name 'a{40}[.]{3}': 201 bytes, at most 200|client-add "$L201"
ivanov|1|invalid note 'a{40}[.]{3}': 2001 bytes, at most 2000|client-add -n "$L2001" Имя
ivanov|1|invalid title 'a{40}[.]{3}': 201 bytes, at most 200|deal-add $CID "$L201"
petrova|1|note too long: 2001 bytes, at most 2000|crm-control record -n "$L2001" ivanov
petrova|1|line 2: column 'title': invalid title 'a{40}[.]{3}': 201 bytes, at most 200|printf 'login,kind,title,due_date\nivanov,call,%s,2026-12-01\n' "$L201" | crm-import -k tasks
# Invalid UTF-8, NUL bytes and control characters.
ivanov|1|invalid title 'a\\377b'|task-add "$BADU"
ivanov|1|invalid title '\\300\\200'|task-add "$OVERLONG"
ivanov|1|invalid title '\\355\\240\\200'|task-add "$SURR"
ivanov|1|invalid title 'a\\033\[2Jb'|task-add "$ESC"
ivanov|1|invalid title 'a\\007b'|task-add "$BEL"
ivanov|1|invalid title 'a\\rb'|task-add "$CR"
ivanov|1|invalid title 'a\\177b'|task-add "$DEL"
ivanov|1|invalid title 'a\\302\\233b'|task-add "$C1"
ivanov|1|invalid note 'a\\nb'|task-add -n "$NL" x
ivanov|1|invalid result 'a\\033|task-done -r "$ESC" $TID
ivanov|1|invalid reason 'a\\377b'|task-cancel -r "$BADU" $TID
ivanov|1|invalid reason 'a\\007b'|task-move -r "$BEL" $TID 2026-11-27
ivanov|1|line 2: NUL byte in the line|printf 'ivanov\t2026-11-27\t\t\tok\nivanov\t2026-11-27\t\t\ta\000b\n' | task-add
ivanov|1|line 1: .*title 'a\\377b'|printf 'ivanov\t2026-11-27\t\t\ta\377b\n' | task-add
ivanov|1|line 1: .*title 'a\\033|printf 'ivanov\t2026-11-27\t\t\ta\\033b\n' | task-add
ivanov|1|line 2: NUL byte in the line|printf '%s\n1\000 2\n' $TID | task-done
ivanov|1|no task given|printf '\033[31m\n' | task-done
root|1|line 2: NUL byte in the line|printf '2026-12-31 off\n2026-12-30 o\000ff\n' | crm-rules import
root|1|name|crm-user add -g manager -h petrova newman "$ESC"
root|1|name|crm-user set ivanov name "$BADU"
ivanov|1|name|client-add "$ESC"
ivanov|1|phone|client-edit $CID phone "$BEL"
ivanov|1|title|deal-add $CID "$BADU"
ivanov|1|reason|deal-stage -r "$ESC" $DID 2
petrova|1|note|crm-control record -n "$ESC" ivanov
root|1|note|crm-rules day 2026-12-31 off "$ESC"
petrova|1|line 2: .*NUL|printf 'login,kind,title,due_date\nivanov,call,a\000b,2026-12-01\n' | crm-import -k tasks
petrova|1|line 2: .*UTF-8|printf 'login,kind,title,due_date\nivanov,call,a\377b,2026-12-01\n' | crm-import -b utf-8 -k tasks
petrova|1|line 2: .*title|printf 'login,kind,title,due_date\nivanov,call,a\033b,2026-12-01\n' | crm-import -k tasks
petrova|1|line 2: .*quote|printf 'name,manager\n"ООО Кавычка,ivanov\n' | crm-import -k clients
# SQL metacharacters: refused as unknown names, never run.
ivanov|1|unknown kind ''\); DROP TABLE task; --'|task-add -k "$SQL" x
ivanov|1|no such person ''\); DROP TABLE task; --'|task-add -u "$SQL" x
ivanov|1|no such client ''\); DROP TABLE task; --'|task-add -c "$SQL" x
ivanov|1|no such person ''\); DROP TABLE task; --'|task-today -u "$SQL"
ivanov|1|no such person ''\); DROP TABLE task; --'|task-list -u "$SQL"
ivanov|1|invalid status ''\); DROP TABLE task; --'|task-list -s "$SQL"
ivanov|1|unknown entity ''\); DROP TABLE task; --'|crm-log -k "$SQL"
ivanov|1|no such person ''\); DROP TABLE task; --'|crm-log -u "$SQL"
root|1|login|crm-user add -g manager -h petrova "$SQL" Имя
root|1|DROP TABLE|crm-rules set "$SQL" 1
root|1|DROP TABLE|crm-rules set plan.min "$SQL"
ivanov|1|DROP TABLE|client-list -u "$SQL"
ivanov|1|DROP TABLE|deal-add -s "$SQL" $CID x
ivanov|1|DROP TABLE|deal-stage $DID "$SQL"
ivanov|1|DROP TABLE|doc-add -k "$SQL" $DID С-3 100
petrova|1|DROP TABLE|crm-import -k "$SQL" /dev/null
petrova|1|DROP TABLE|printf 'login,kind,title,due_date\nivanov,"%s",x,2026-12-01\n' "$SQL" | crm-import -k tasks
director|1|DROP TABLE|kpi-report -u "$SQL"
# Negative and huge amounts.
ivanov|1|amount|deal-add -A -5 $CID x
ivanov|2|amount|deal-add -A 10000000000000000 $CID x
ivanov|2|amount|deal-add -A 1e6 $CID x
ivanov|2|amount|deal-add -A 12,345 $CID x
ivanov|1|amount|doc-add -k invoice -- $DID С-4 -100
ivanov|2|amount|doc-add -k invoice $DID С-4 99999999999999999999
ivanov|1|amount|client-edit $CID amount 5
petrova|1|line 2: .*amount|printf 'client,manager,title,amount\n%s,ivanov,x,-1\n' $CID | crm-import -k deals
# Unknown people and ids.
ivanov|1|no such person 'nobody'|task-add -u nobody x
ivanov|1|no such person 'nobody'|task-today -u nobody
ivanov|1|no such person 'nobody'|task-list -u nobody
ivanov|1|line 1: .*no such person 'nobody'|printf 'nobody\t2026-11-27\t\t\tx\n' | task-add
ivanov|1|no such task '99999'|task-done 99999
ivanov|1|no such task '99999'|task-move 99999 2026-11-27
ivanov|1|no such task '99999'|task-cancel -r x 99999
ivanov|2|invalid id '0'|task-done 0
ivanov|2|invalid id '-5'|task-done -- -5
ivanov|2|invalid id '99999999999999999999'|task-done 99999999999999999999
ivanov|2|invalid id 'abc'|task-move abc 2026-11-27
ivanov|1|no such client '99999'|task-add -c 99999 x
ivanov|1|no such deal '99999'|task-add -l 99999 x
ivanov|1|no such person 'nobody'|crm-log -u nobody
ivanov|2|no such person 'nobody'|plan-check -u nobody
petrova|1|nobody|crm-control record nobody
root|1|nobody|crm-user set nobody name Имя
root|1|nobody|crm-user deactivate nobody
root|1|nobody|crm-user add -g manager -h nobody newman Имя
ivanov|1|99999|client-edit 99999 phone 123456
ivanov|1|99999|deal-add 99999 x
ivanov|1|nobody|client-add -u nobody Имя
ivanov|1|no such person 'nobody'|client-list -u nobody
ivanov|1|no such person 'nobody'|deal-list -u nobody
ivanov|1|no such person 'nobody'|doc-list -u nobody
ivanov|1|bogus|deal-list -s bogus
ivanov|1|bogus|doc-list -k bogus
ivanov|1|99999|deal-list -c 99999
ivanov|1|99999|doc-list -l 99999
ivanov|1|99999|task-list -l 99999
ivanov|1|99999|task-list -c 99999
ivanov|1|bogus|task-list -k bogus
director|1|bogus|kpi-report -h bogus
ivanov|1|99999|deal-stage 99999 2
ivanov|1|99999|doc-add -k invoice 99999 С-5 100
ivanov|1|99999|doc-pay 99999
director|1|nobody|kpi-report -u nobody
petrova|1|line 2: .*nobody|printf 'name,manager\nООО Новый,nobody\n' | crm-import -k clients
TABLE

# SQL metacharacters in free text are stored as they are, and the
# tables stay.
run ivanov task-add "$SQL"
is "$rc" 0 "a title of SQL metacharacters is plain text"
is "$(dbq "SELECT title FROM task WHERE id = $out")" "$SQL" \
    "stored as typed"
run ivanov task-list -t
like "$out" "DROP TABLE task" "and listed back"
run ivanov client-add "$SQL"
is "$rc" 0 "a client name of SQL metacharacters is plain text"
is "$(dbq "SELECT name FROM client WHERE id = $out")" "$SQL" \
    "stored as typed"
dbq "SELECT count(*) FROM task; SELECT count(*) FROM client;
    SELECT count(*) FROM audit" > /dev/null
ok $? "no table was dropped"

# The limits themselves are allowed.
run ivanov task-add "$(printf '%200s' '' | tr ' ' b)"
is "$rc" 0 "a title of 200 bytes is allowed"
run ivanov task-add "$(printf '%100s' '' | sed 's/ /ю/g')"
is "$rc" 0 "a title of 100 Cyrillic letters (200 bytes) is allowed"

# The database itself.
DB=$CRM_DB
if sqlite_only "files that are not a database, or a copy of one made newer"; then
printf 'this is not a database, it is a spreadsheet\n%.0s' $(seq 40) > "$T/junk"
cp "$DB" "$T/new.db"
dbversion -f "$T/new.db" 99
mkdir "$T/file"
touch "$T/file/plain"
for tool in 'task-add x' task-today task-list 'task-done 1' \
    'task-move 1 2026-11-27' 'task-cancel -r x 1' 'crm-log' 'crm-user list' \
    'crm-rules list' 'crm-rules set plan.min 3' 'plan-check' 'crm-control' \
    'client-list' 'client-add x' 'deal-list' 'doc-list' 'kpi-report' \
    'crm-export -k tasks' 'crm-import -k tasks /dev/null'; do
	set -- $tool
	for f in junk new.db none/crm.db; do
		sum=$( (md5sum < "$T/$f") 2>/dev/null)
		CRM_DB=$T/$f run ivanov "$@"
		ok "$([ "$rc" -ne 0 ] &&
		    [ "$( (md5sum < "$T/$f") 2>/dev/null)" = "$sum" ]
		    echo $?)" "$tool: $f: fails, file untouched"
		case $f in
		junk) pat="$T/junk: not a crm database";;
		new.db) pat="$T/new.db: database schema 99 is newer";;
		*) pat="$T/none/crm.db: no database here yet";;
		esac
		like "$errout" "^$1: $pat" "$tool: $f: message"
	done
	ok "$(test ! -e "$T/none"; echo $?)" "$tool: no database made"
done
run root crm-user add -f "$T/file/plain/crm.db" -g admin root Админ
is "$rc" 1 "a database under a plain file: exit 1"
like "$errout" "$T/file/plain/crm.db: .*Not a directory" \
    "a database under a plain file: message"
fi

# A full disk: a file-size limit (crm_open ignores SIGXFSZ, so the write
# fails with EFBIG).
if sqlite_only "a file-size limit on the database file and its WAL"; then
awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "ivanov\t2026-11-27\t\t\t" \
    "задача номер %d с названием подлиннее\tи заметка к ней\n", i }' \
    > "$T/big"
blocks=$(( ($(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null ||
    echo 0)) / 512 + 20 ))
before=$(dbdump -f "$DB" | md5sum)
out=$(ulimit -f $blocks; CRM_USER=ivanov task-add < "$T/big" 2>"$T/stderr")
rc=$?
is "$rc" 1 "full disk: exit 1"
like "$(cat "$T/stderr")" "$DB: cannot write: the disk is full" \
    "full disk: message"
is "$out" "" "full disk: no ids claimed"
is "$(dbdump -f "$DB" | md5sum)" "$before" "full disk: database unchanged"
is "$(dbsound -f "$DB")" ok "full disk: database sound"
out=$(ulimit -f $blocks; CRM_USER=ivanov task-add 'одна' 2>"$T/stderr")
is "$?" 0 "a small write still fits under the limit"
fi

# Permissions, as an unprivileged user (root ignores them): a read-only
# database file, a read-only directory, a directory that cannot be made.
if [ "$(id -u)" -eq 0 ] && command -v useradd > /dev/null &&
    sqlite_only "the modes of the database file and its directory"; then
	U=crmbad$$
	useradd -M -d /nonexistent -s /bin/sh "$U" || exit 1
	trap 'userdel "$U" 2>/dev/null; chmod -R u+w "$T"; rm -rf "$T"' EXIT
	CRM_USER=root crm-user add -g manager -h petrova "$U" 'Тестов'
	TU=$(CRM_USER=$U task-add 'Своя задача')
	mkdir "$T/p"
	cp "$DB" "$T/p/crm.db"
	chmod 0777 "$T" "$T/p"
	chmod 0444 "$T/p/crm.db"
	as_user() {	# as_user CMD...: as $U, on $T/p/crm.db
		_sum=$(md5sum < "$T/p/crm.db")
		$UNFAKE su -s /bin/sh "$U" -c "cd '$T' && PATH='$PATH' \
		    CRM_DB='${PDB:-$T/p/crm.db}' $*" > /dev/null 2> "$T/stderr"
		rc=$?
		errout=$(cat "$T/stderr")
		ok "$([ "$rc" -ne 0 ] && [ "$(md5sum < "$T/p/crm.db")" = "$_sum" ]
		    echo $?)" "$*: fails, the database untouched"
	}
	# The move is to tomorrow of the user's clock: a date written out
	# would be refused as in the past before the file is reached.
	for c in 'task-add x' "task-done $TU" "task-move $TU tomorrow" \
	    "task-cancel -r x $TU" 'client-add x'; do
		as_user "$c"
		like "$errout" "$T/p/crm.db: the database is read-only for you" \
		    "read-only file: $c: message"
	done
	chmod 0666 "$T/p/crm.db"
	rm -f "$T/p/crm.db-wal" "$T/p/crm.db-shm"
	chmod 0555 "$T/p"
	for c in 'task-add x' task-today; do
		as_user "$c"
		like "$errout" "the directory $T/p is read-only for you" \
		    "read-only directory: $c: message"
	done
	PDB=$T/p/new.db as_user crm-user add -g admin "$U" 'Я'
	like "$errout" "new.db: cannot create the database: the directory $T/p is read-only" \
	    "a new database in a read-only directory: message"
	ok "$(test ! -e "$T/p/new.db"; echo $?)" "and no file"
	PDB=$T/p/sub/crm.db as_user crm-user add -g admin "$U" 'Я'
	like "$errout" "cannot create directory $T/p/sub: Permission denied" \
	    "a directory that cannot be made: message"
	chmod 0755 "$T/p"
else
	echo "# skipped the unprivileged cases: needs root and useradd"
fi

# A closed standard output: the tools that print fail, with a message.
for tool in task-today task-list 'task-list -i' crm-log 'crm-user list' \
    'crm-rules list' 'crm-rules days' plan-check crm-control 'crm-control list' \
    client-list deal-list doc-list kpi-report 'crm-export -k tasks' \
    'deal-stage list' 'task-add x' "client-add Новый" "deal-add $CID x"; do
	set -- $tool
	before=$(dbdump -f "$DB" | md5sum)
	if [ -n "$FAKETIME" ]; then
		# libfaketime opens its shared memory on the first free
		# descriptor: the closed standard output.
		skip_one "$tool >&-: the moved clock's library takes descriptor 1"
	else
	CRM_USER=petrova "$@" >&- 2>"$T/stderr"
	rc=$?
	ok "$([ "$rc" -ne 0 ]; echo $?)" "$tool >&-: exit non-zero"
	like "$(cat "$T/stderr")" "standard output|write" "$tool >&-: message"
	is "$(dbdump -f "$DB" | md5sum)" "$before" \
	    "$tool >&-: database unchanged"
	fi
	# A full output fails too, when there is something to write.
	[ -n "$(CRM_USER=petrova "$@" 2>/dev/null)" ] || continue
	CRM_USER=petrova "$@" > /dev/full 2>"$T/stderr"
	rc=$?
	ok "$([ "$rc" -ne 0 ]; echo $?)" "$tool > /dev/full: exit non-zero"
	like "$(cat "$T/stderr")" "standard output|write" \
	    "$tool > /dev/full: message"
done

done_testing
