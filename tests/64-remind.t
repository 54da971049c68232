#!/bin/sh
# task-remind: the tasks due within remind.minutes, mailed once per task
# and due time (a rerun, runs at once, a moved task), read back by
# Python's email parser; a failed sendmail retried; a run killed between
# recording and sending loses that reminder (once less, never twice); a
# head told once of a task long overdue.
. "$(dirname "$0")/lib.sh"

department
q() { dbq "$1"; }
PY=/usr/bin/python3
TZ=UTC
export TZ
CRM_USER=root crm-user set smirnova email smirnova@example.ru
CRM_USER=root crm-user set sidorov email sidorov@example.ru
CRM_USER=root crm-user set kozlov email kozlov@example.ru
# Now 09:00; remind.minutes is 30 by default.
CRM_USER=ivanov client-add 'ООО «Ромашка»' > /dev/null
CRM_USER=ivanov task-add -T 09:20 -k call -c Ромашка 'Позвонить в Ромашку' \
    > /dev/null						# 1
CRM_USER=ivanov task-add -T 09:30 'Отправить КП' > /dev/null	# 2 (the edge)
CRM_USER=ivanov task-add -T 09:31 'Позже' > /dev/null		# 3
CRM_USER=ivanov task-add -T 08:59 'Уже прошло' > /dev/null	# 4
CRM_USER=ivanov task-add 'Без времени' > /dev/null		# 5
CRM_USER=smirnova task-add -T 09:10 'Совещание' > /dev/null	# 6
CRM_USER=kozlov task-add -T 09:15 'Звонок Козлова' > /dev/null	# 7

mkdir "$T/bin" "$T/sent"
cat > "$T/bin/sendmail" <<STUB
#!/bin/sh
[ "\$*" = "-t" ] || exit 64
cat > "$T/sent/\$\$.\$(date +%N).eml"
STUB
chmod +x "$T/bin/sendmail"
SM="$T/bin/sendmail -t"
sent() { ls "$T/sent" | wc -l; }
# parse FILE: To:, Subject:, the body's task lines, as Python reads them.
parse() {
	$PY -c '
import sys, email, email.policy
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
    policy=email.policy.default)
body = m.get_content()
print(m["to"].addresses[0].addr_spec, m["subject"],
    "|".join(l.strip() for l in body.split("\n") if l.startswith("  ")),
    sep="\t")' "$1"
}
all() { for f in "$T"/sent/*.eml; do parse "$f"; done | sort; }

run root task-remind -S "$SM" -F 'CRM <crm@example.ru>'
is "$rc.$errout" "0." "a run: exit 0, silent"
is "$(all)" "ivanov@example.ru	Напоминание: скоро срок задач	\
09:20 #1 call: Позвонить в Ромашку — ООО «Ромашка»|09:30 #2 other: Отправить КП
kozlov@example.ru	Напоминание: скоро срок задач	09:15 #7 other: Звонок Козлова
smirnova@example.ru	Напоминание: скоро срок задач	09:10 #6 other: Совещание" \
    "each person one message: the tasks due by 09:30, not 09:31, not past"
is "$(q "SELECT task_id || ' ' || due || ' ' || kind FROM reminder
    ORDER BY task_id" | tr '\n' ',')" \
    "1 2026-11-26 09:20 due,2 2026-11-26 09:30 due,6 2026-11-26 09:10 due,\
7 2026-11-26 09:15 due," "what was sent is recorded"

run root task-remind -S "$SM"
is "$rc.$(sent)" "0.3" "a rerun sends nothing again"
CRM_NOW="2026-11-26 09:05:00" run root task-remind -S "$SM"
is "$rc.$(sent)" "0.4" "the next run from cron: one message more"
is "$(all | grep -c '09:31 #3')" 1 "it holds 09:31, now within the window"

# A moved task is reminded again at its new time.
CRM_USER=ivanov task-move 1 сегодня 09:25
CRM_NOW="2026-11-26 09:06:00" run root task-remind -S "$SM"
is "$(sent)" 5 "the moved task: one message more"
is "$(q "SELECT count(*) FROM reminder WHERE task_id = 1")" 2 \
    "one record for each due time"

# sendmail fails: nothing is recorded, the next run tries again.
rm -f "$T"/sent/*
CRM_USER=ivanov task-add -T 09:40 'Отчёт' > /dev/null		# 8
printf '#!/bin/sh\ncat > /dev/null\nexit 75\n' > "$T/bin/broken"
chmod +x "$T/bin/broken"
CRM_NOW="2026-11-26 09:15:00" run root task-remind -S "$T/bin/broken"
is "$rc" 1 "sendmail failed: exit 1"
like "$errout" "^task-remind: ivanov: '.*broken' failed \(status 75\)$" \
    "the message names the person and the status"
is "$(q "SELECT count(*) FROM reminder WHERE task_id = 8")" 0 \
    "a reminder not sent is not recorded"
CRM_NOW="2026-11-26 09:16:00" run root task-remind -S "$SM"
is "$rc.$(all | cut -f1,3)" "0.ivanov@example.ru	09:40 #8 other: Отчёт" \
    "the next run sends it"

# Runs at once: every reminder exactly once.
rm -f "$T"/sent/*
for i in 1 2 3 4 5 6; do
	CRM_USER=ivanov task-add -T "10:0$i" "Задача $i" > /dev/null
done
i=0
while [ $i -lt 8 ]; do
	CRM_NOW="2026-11-26 09:45:00" CRM_USER=root task-remind -S "$SM" \
	    2>> "$T/err" &
	i=$((i + 1))
done
wait
is "$(cat "$T/err")" "" "eight runs at once: no error"
is "$(all | cut -f3 | tr '|' '\n' | cut -d' ' -f2 | sort | tr '\n' ' ')" \
    "#10 #11 #12 #13 #14 #9 " "eight runs at once: each task once"

# Killed between recording and sending: that reminder is lost, never
# sent twice (task-remind(1), "Once less, never twice").
rm -f "$T"/sent/*
CRM_USER=smirnova task-add -T 11:00 'Созвон' > /dev/null	# 15
cat > "$T/bin/killer" <<STUB
#!/bin/sh
kill -KILL \$(cat "$T/pid")
STUB
chmod +x "$T/bin/killer"
krc=$(exec 2> /dev/null; CRM_NOW="2026-11-26 10:45:00" CRM_USER=root \
    sh -c 'echo $$ > "$1"; exec task-remind -S "$2"' sh "$T/pid" \
    "$T/bin/killer"; echo $?)
is "$krc" 137 "the run is killed while it sends"
is "$(q "SELECT count(*) FROM reminder WHERE task_id = 15")" 1 \
    "the reminder was recorded before the send"
CRM_NOW="2026-11-26 10:46:00" run root task-remind -S "$SM"
is "$rc.$(sent)" "0.0" "the next run does not send it again"
is "$(dbsound)" ok \
    "the database is sound after the kill"

# A head hears once of a task overdue more than remind.overdue days.
rm -f "$T"/sent/*
CRM_USER=root crm-rules set remind.overdue 3
CRM_NOW="2026-11-20 09:00:00" CRM_USER=smirnova task-add -d 2026-11-20 \
    'Старый хвост' > /dev/null					# 16
CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add -d 2026-11-24 \
    'Свежий хвост' > /dev/null					# 17
CRM_NOW="2026-11-26 12:00:00" run root task-remind -S "$SM"
is "$(all)" "petrova@example.ru	Давно просроченные задачи команды	\
2026-11-20 #16 smirnova other: Старый хвост" \
    "the head: the task 6 days overdue, not the one 2 days"
CRM_NOW="2026-11-26 12:10:00" run root task-remind -S "$SM"
is "$(sent)" 1 "once"

# Who may: a run marks sent only what it sends to its addressee, the
# actor's own (an admin's or a director's run: everyone's).
rm -f "$T"/sent/*
CRM_USER=ivanov task-add -T 13:00 'Ивановская' > /dev/null
CRM_USER=kozlov task-add -T 13:00 'Козловская' > /dev/null
CRM_NOW="2026-11-26 12:45:00" run petrova task-remind -S "$SM"
is "$rc:$(sent)" "0:0" "a head's run sends none of her team's reminders"
CRM_NOW="2026-11-26 12:45:00" run ivanov task-remind -S "$SM"
is "$(all | cut -f1)" "ivanov@example.ru" "a manager's run sends their own"

# Without -s: an mbox on standard output, recorded all the same.
CRM_NOW="2026-11-26 12:45:00" run root task-remind
like "$out" "^From task-remind Thu Nov 26 12:45:00 2026" "an mbox"
is "$(printf '%s\n' "$out" | grep -c '^To: ')" 1 "kozlov's message only"
fails root 2 "usage" "an operand" task-remind x

# A manager does not silence the head's notice of their overdue task.
rm -f "$T"/sent/*
CRM_USER=root crm-rules set remind.overdue 1
CRM_NOW="2026-11-20 09:00:00" CRM_USER=ivanov task-add 'Давняя' > /dev/null
CRM_NOW="2026-11-26 14:00:00" run ivanov task-remind -S "cat > $T/mine.txt"
is "$rc:$(cat "$T/mine.txt" 2>/dev/null | grep -c 'Давняя')" "0:0" \
    "the manager's run neither sends nor claims the head's notice"
CRM_NOW="2026-11-26 14:00:00" run root task-remind -S "$SM"
like "$(all | grep '^petrova@')" "Давняя" "cron's run still tells the head"
CRM_USER=root crm-rules set remind.overdue 0

# EXAMPLES from the manual.
run root crm-rules set remind.minutes 60
is "$rc" 0 "task-remind(1) example: an hour ahead"

done_testing
