#!/bin/sh
# Terminal safety: text stored with ESC, BEL, CR and the bidi override
# U+202E (put in with dbq, as the tools refuse control characters on
# input) never leaves a tool raw, in any format.
. "$(dirname "$0")/lib.sh"

department
CID=$(CRM_USER=ivanov client-add -I 7707083893 'ООО Ромашка')
DID=$(CRM_USER=ivanov deal-add -A 1000 "$CID" 'Поставка')
TID=$(CRM_USER=ivanov task-add -c "$CID" -l "$DID" -k call -T 10:00 'Звонок')
T2=$(CRM_USER=ivanov task-add -k call -c "$CID" 'Другой')
CRM_USER=ivanov task-done -r 'готово' "$T2"
DOC=$(CRM_USER=ivanov doc-add -k invoice "$DID" 'С-1' 500)
CRM_USER=petrova crm-control record -n 'проверено' ivanov
# Nasty: ESC [2J (clear screen), ESC ]0; (set title) BEL, CR, RLO.
N="x\033[2J\033]0;pwn\007\rRLO:\342\200\256evil"
dbq "
    UPDATE task SET title = '$(printf "$N")', note = '$(printf "$N")'
        WHERE id = $TID;
    UPDATE task SET result = '$(printf "$N")' WHERE id = $T2;
    UPDATE client SET name = '$(printf "$N")', note = '$(printf "$N")',
        phone = '$(printf "$N")' WHERE id = $CID;
    UPDATE deal SET title = '$(printf "$N")' WHERE id = $DID;
    UPDATE doc SET number = '$(printf "$N")' WHERE id = $DOC;
    UPDATE person SET name = '$(printf "$N")',
        email = '$(printf "$N")' WHERE login = 'ivanov';
    UPDATE control SET note = '$(printf "$N")';
    INSERT INTO audit (id, at, actor, entity, entity_id, owner_id, action,
        detail) SELECT (SELECT max(id) + 1 FROM audit),
        '2026-11-26 08:00:00', 'ivanov', 'task', $TID, id,
        'note', '{\"note\":\"$(printf "$N")\"}' FROM person
        WHERE login = 'ivanov'"
is "$(dbq "SELECT count(*) FROM task WHERE title
    LIKE '%$(printf '\033')%$(printf '\007')%$(printf '\r')%$(printf '\342\200\256')%'")" 1 "the nasty title is stored raw"

# raw OUTPUT: 0 when OUTPUT has no ESC, BEL, CR or U+202E.
raw() {
	LC_ALL=C grep -aq "$(printf '[\033\007\r]')" "$1" && return 1
	LC_ALL=C grep -aq "$(printf '\342\200\256')" "$1" && return 1
	return 0
}

n=0
while IFS='|' read -r who cmd; do
	case $who in ''|'#'*) continue;; esac
	CRM_USER=$who sh -c "$cmd" > "$T/out" 2> "$T/err"
	rc=$?
	# iCalendar lines end in CRLF (RFC 5545): only those CRs may stay.
	case $cmd in
	*' -i'*) sed 's/\r$//' "$T/out" > "$T/out.lf"
		mv "$T/out.lf" "$T/out";;
	esac
	ok "$(raw "$T/out"; echo $?)" "$who: $cmd: no raw control in stdout"
	ok "$(raw "$T/err"; echo $?)" "$who: $cmd: no raw control in stderr"
	# The test must see the text, or it proves nothing (a few outputs
	# hold no free text: they are there in case they ever do).
	if LC_ALL=C grep -aq 'RLO:' "$T/out" "$T/err"; then
		n=$((n + 1))
	else
		echo "# $cmd: the stored text is not shown (exit $rc)"
	fi
done <<TABLE
ivanov|task-today -d 2026-11-26 -t
ivanov|task-today -d 2026-11-26 -p
ivanov|task-today -d 2026-11-26 -j
ivanov|task-today -d 2026-11-26 -i
petrova|task-today -a -d 2026-11-26 -p
ivanov|task-list -t
ivanov|task-list -p
ivanov|task-list -j
ivanov|task-list -i
ivanov|task-list -s done -p
ivanov|plan-check -d 2026-11-26 -p
ivanov|plan-check -d 2026-11-26 -t
ivanov|plan-check -d 2026-11-26 -j
ivanov|crm-log -t
ivanov|crm-log -p
ivanov|crm-log -j
root|crm-user list -t
root|crm-user list -p
root|crm-user list -j
ivanov|client-list -t
ivanov|client-list -p
ivanov|client-list -j
ivanov|deal-list -t
ivanov|deal-list -p
ivanov|deal-list -j
ivanov|deal-stage history -p $DID
ivanov|doc-list -t
ivanov|doc-list -p
ivanov|doc-list -j
petrova|crm-control list -p -d 2026-11
petrova|crm-control list -t -d 2026-11
director|kpi-report -d 2026-11 -p
director|kpi-report -d 2026-11 -t
ivanov|crm-digest -O -d 2026-11-26
ivanov|crm-digest -O -m -d 2026-11-26
petrova|crm-digest -O -d 2026-11-26
ivanov|task-add -c '$(printf "$N" | cut -c1-3)' x
TABLE
ok "$([ "$n" -ge 30 ]; echo $?)" "the stored text was shown ($n outputs)"

# Escaped, not dropped: the table shows \033 and the bidi as \342\200\256.
run ivanov task-list -t
like "$out" 'x\\033\[2J\\033\]0;pwn\\007\\rRLO:\\342\\200\\256evil' \
    "TSV: escaped as octal and C escapes"

done_testing
