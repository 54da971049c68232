#!/bin/sh
# The crontab of crm(7), run by the real cron daemon: the crontab of the
# page equals man/crontab.example; each of its commands, exactly as
# written, is run by cron once (the times made "every minute", the
# database, PATH and the clock pointed at the test) and what it did is
# checked: the morning digest mailed to everyone through sendmail, the
# evening plan-check printed for cron to mail, the reminders of the
# tasks due within half an hour mailed.  Waits at most 75 s.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"

# The crontab of crm(7): the literal block of its Cron section.
sed -n '/^\.Ss Cron$/,/^\.S[sh] /p' "$TOP/man/crm.7" |
    sed -n '/^\.Bd -literal/,/^\.Ed$/p' | sed '1d;$d' > "$T/crm7.crontab"
cmp -s "$T/crm7.crontab" "$TOP/man/crontab.example"
ok $? "crm(7) shows man/crontab.example"

skip() {
	echo "ok $((_n + 1)) # SKIP $1"
	_n=$((_n + 1))
	done_testing
	exit
}
[ "$(id -u)" -eq 0 ] || skip "cron tests need root"
command -v cron > /dev/null || skip "no cron daemon (Debian package cron)"
[ -d /etc/cron.d ] || skip "no /etc/cron.d"

for u in sidorov smirnova kozlov; do
	CRM_USER=root crm-user set $u email $u@example.ru
done

# sendmail: keep each message.  The job shell: run each command once
# with /bin/sh and keep its command, output and exit status.
mkdir "$T/bin" "$T/sent" "$T/jobs"
cat > "$T/bin/sendmail" <<STUB
#!/bin/sh
[ "\$*" = "-t" ] || exit 64
cat > "$T/sent/\$\$.eml"
STUB
cat > "$T/bin/jobshell" <<STUB
#!/bin/sh
id=\$(printf '%s' "\$2" | md5sum | cut -c1-8)
mkdir "$T/jobs/\$id" 2>/dev/null || exit 0
printf '%s\n' "\$2" > "$T/jobs/\$id/cmd"
/bin/sh "\$@" > "$T/jobs/\$id/out" 2>&1
echo \$? > "$T/jobs/\$id/rc.new"
mv "$T/jobs/\$id/rc.new" "$T/jobs/\$id/rc"
STUB
chmod +x "$T/bin/sendmail" "$T/bin/jobshell"

# The test's crontab: the documented one, every minute, as root.
CRON=/etc/cron.d/crm-test-$$
{
	echo "SHELL=$T/bin/jobshell"
	echo "CRM_NOW=$CRM_NOW"
	sed -E -e "s|^CRM_DB=.*|CRM_DB=$CRM_DB|" \
	    -e "s|^PATH=.*|PATH=$T/bin:$TOP/cmd:/usr/bin:/bin|" \
	    -e 's/^([^#= ]+ +){5}/* * * * * root /' "$TOP/man/crontab.example"
} > "$T/crontab"
is "$(sed -n 's/^\* \* \* \* \* root //p' "$T/crontab")" \
    "$(grep -v '^#' "$TOP/man/crontab.example" | grep -v '^[A-Z_]*=' |
    sed -E 's/^([^ ]+ +){5}//')" "the commands exactly as documented"
pid=
PIDF=/run/crond.pid	# cron leaves it; remove it if it was not there
[ -e "$PIDF" ] && PIDF=
trap 'rm -f "$CRON"; [ -n "$pid" ] && kill "$pid" 2>/dev/null;
    [ -n "$PIDF" ] && sleep 1 && rm -f "$PIDF"; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
install -m 644 "$T/crontab" "$CRON"
cron -f -L 15 > "$T/cron.log" 2>&1 &
pid=$!
sleep 1
kill -0 "$pid" 2>/dev/null || { pid=; rm -f "$CRON";
    skip "cron did not start: $(head -1 "$T/cron.log")"; }

i=0
while [ "$(ls "$T"/jobs/*/rc 2>/dev/null | wc -l)" -lt 3 ] && [ $i -lt 75 ]
do
	sleep 1
	i=$((i + 1))
done
kill "$pid"
pid=
rm -f "$CRON"
is "$(ls "$T"/jobs/*/rc 2>/dev/null | wc -l)" 3 "cron ran the three jobs"
# The reminders apart from the digests.
mkdir "$T/remind"
for f in $(grep -l '^Скоро срок:$' "$T"/sent/*.eml); do mv "$f" "$T/remind/"
done

for j in "$T"/jobs/*; do
	case $(cat "$j/cmd") in
	crm-digest*)
		is "$(cat "$j/rc").$(cat "$j/out")" "0." \
		    "the morning digest: exit 0, silent";;
	plan-check*)
		is "$(cat "$j/rc")" 0 "plan-check: exit 0 (|| true)"
		is "$(cat "$j/out")" "$(CRM_USER=root plan-check -a -p)" \
		    "plan-check: tomorrow's findings, for cron to mail"
		like "$(cat "$j/out")" "^smirnova +2026-11-27 +empty" \
		    "plan-check: tomorrow is checked";;
	task-remind*)
		is "$(cat "$j/rc").$(cat "$j/out")" "0." \
		    "the reminders: exit 0, silent"
		f=$(ls "$T"/remind/*.eml)
		like "$(cat "$f")" "^To: .*<ivanov@example.ru>$" \
		    "the reminder goes to ivanov"
		like "$(cat "$f")" "^  09:30 #5 call: Звонок по поставке" \
		    "it holds his task due at 09:30"
		is "$(ls "$T"/remind | wc -l)" 1 "one reminder";;
	*)	ok 1 "an unexpected job: $(cat "$j/cmd")";;
	esac
done
is "$(grep -ho '<[a-z]*@example.ru>' "$T"/sent/*.eml 2>/dev/null |
    grep -v '<crm@' | sort | tr -d '<>' | tr '\n' ' ')" \
    "$(q "SELECT email FROM person
    WHERE active = 1 AND role IN ('manager', 'head') ORDER BY email" |
    tr '\n' ' ')" "one message to each manager and head"
f=$(grep -l '<ivanov@example.ru>' "$T"/sent/*.eml)
same "$(sed '1,/^$/d' "$f")" "$(CRM_USER=root ran crm-digest -u ivanov)" \
    "ivanov's message holds his digest"
like "$(cat "$f")" "^From: CRM <crm@example.ru>$" "From: as documented"

done_testing
