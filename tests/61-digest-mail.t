#!/bin/sh
# crm-digest -m and -M: the messages as a mail parser nobody here wrote
# (Python's email package) reads them: the Russian subject and names
# decoded, the recipient, the Cyrillic body the same as the text digest.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/data/digest.sh"
TZ=UTC
export TZ

# A long name, so that the subject and To: take several encoded words.
CRM_USER=root crm-user set petrova name \
    'Петрова-Водкина Анна-Мария Сергеевна, руководитель отдела продаж'
mkdir "$T/bin" "$T/sent"
cat > "$T/bin/sendmail" <<STUB
#!/bin/sh
[ "\$*" = "-t" ] || exit 64
cat > "$T/sent/\$(ls "$T/sent" | wc -l).eml"
STUB
chmod +x "$T/bin/sendmail"
FROM='ЦРМ отдела продаж <crm@example.ru>'
PATH="$T/bin:$PATH" run root crm-digest -a -M -F "$FROM"
is "$rc" 1 "sent, someone without an e-mail address"
is "$(ls "$T/sent" | wc -l)" 2 "two messages"

# parse FILE: one line of what the parser found, TAB-separated.
parse() {
	python3 -c '
import sys, re, email, email.policy
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
to, fr = m["to"].addresses[0], m["from"].addresses[0]
head = raw.split(b"\n\n", 1)[0].decode("ascii")
words = re.findall(r"=\?[^?]*\?[BbQq]\?[^?]*\?=", head)
defects = len(m.defects) + sum(len(m[h].defects) for h in m.keys())
# RFC 2047 6.2: the space between encoded words is not text; Python
# keeps it in a phrase (a display name), so spaces are counted as one.
name = lambda a: " ".join(a.display_name.split())
print("\t".join(map(str, [to.addr_spec, name(to), fr.addr_spec, name(fr),
    m["subject"], m.get_content_type(),
    m.get_content_charset(), max(map(len, head.split("\n"))),
    max(map(len, words)), len(words), defects, m["date"].datetime])))
open(sys.argv[2], "w", encoding="utf-8").write(m.get_content())
' "$1" "$2"
}

for f in "$T"/sent/*.eml; do
	p=$(parse "$f" "$T/body")
	login=$(printf '%s\n' "$p" | cut -f1 | sed 's/@.*//')
	is "$(printf '%s\n' "$p" | cut -f3,4)" \
	    "crm@example.ru	ЦРМ отдела продаж" "$login: From: decoded"
	is "$(printf '%s\n' "$p" | cut -f6,7)" "text/plain	utf-8" \
	    "$login: text/plain, utf-8"
	[ "$(printf '%s\n' "$p" | cut -f8)" -le 76 ]
	ok $? "$login: header lines of 76 characters at most"
	[ "$(printf '%s\n' "$p" | cut -f9)" -le 75 ]
	ok $? "$login: encoded words of 75 characters at most"
	is "$(printf '%s\n' "$p" | cut -f11,12)" \
	    "0	2026-11-26 09:00:00+00:00" "$login: no defects; the date"
	CRM_USER=root crm-digest -u "$login" > "$T/text" &&
	    [ -s "$T/text" ] && cmp -s "$T/body" "$T/text"
	ok $? "$login: the body is the text digest, Cyrillic intact"
	case $login in
	ivanov)
		is "$(printf '%s\n' "$p" | cut -f1,2,5)" \
		    "ivanov@example.ru	\
Иванов Пётр	Plan for 26.11.2026 (Thu): Иванов Пётр" \
		    "ivanov: the recipient and the Russian subject";;
	petrova)
		is "$(printf '%s\n' "$p" | cut -f1,2,5)" \
		    "petrova@example.ru	\
Петрова-Водкина Анна-Мария Сергеевна, руководитель отдела продаж	\
Team on 26.11.2026 (Thu): Петрова-Водкина Анна-Мария Сергеевна, \
руководитель отдела продаж" "petrova: the recipient and the long subject"
		[ "$(printf '%s\n' "$p" | cut -f10)" -ge 6 ]
		ok $? "petrova: long header text split into several words"
		like "$(cat "$T/body")" "^Manager  " "petrova: the team's";;
	*)	ok 1 "unexpected recipient $login";;
	esac
done

# -a -m: the same messages as an mbox, which the parser splits.
PATH="$T/bin:$PATH" run root crm-digest -a -m -F "$FROM"
printf '%s\n' "$out" > "$T/mbox"
is "$(python3 -c '
import sys, mailbox
print(" ".join(sorted(m["to"].addresses[0].username for m in
    mailbox.mbox(sys.argv[1], factory=lambda f: __import__("email")
    .message_from_binary_file(f, policy=__import__("email.policy",
    fromlist=["x"]).default)))))' "$T/mbox")" "ivanov petrova" \
    "-a -m: an mbox of the messages"

# The head's digest shows the junk and the pasted results of the day
# before, as plan-check judges them: ivanov closed on 25.11 five tasks
# with one pasted "Сделано" and one with ".".
for i in 1 2 3 4 5 6; do
	id=$(CRM_NOW="2026-11-25 10:00:00" CRM_USER=ivanov task-add -- \
	    "Отметка $i") || exit 1
	r=Сделано
	[ "$i" = 6 ] && r=.
	CRM_NOW="2026-11-25 17:00:00" CRM_USER=ivanov task-done -r "$r" "$id"
done
run petrova plan-check -u ivanov -d 2026-11-25 -t
pc=$(printf '%s\n' "$out" | awk -F'\t' '$3 == "junk" || $3 == "paste" {
	print $3 " #" $4 }' | sort)
is "$(printf '%s\n' "$pc" | wc -l)" 6 "plan-check: 5 pasted and '.' on 25.11"
rm -f "$T"/sent/*
PATH="$T/bin:$PATH" run root crm-digest -u petrova -M -F "$FROM"
is "$rc" 0 "the head's digest sent"
parse "$T"/sent/0.eml "$T/body" >/dev/null
is "$(sed -n '/^Need attention/,/^$/p' "$T/body" |
    sed -n 's/^  Иванов Пётр: \(junk\|paste\) \(#[0-9]*\) (25\.11): .*/\1 \2/p' |
    sort)" "$pc" "the head's mail: the day before's junk and pastes, as plan-check's"
like "$(cat "$T/body")" "junk #[0-9]+ \(25\.11\): result \(noletters\): \." \
    "the junk result and its rule"
like "$(cat "$T/body")" \
    "paste #[0-9]+ \(25\.11\): result in 5 tasks since 2026-10-26: Сделано" \
    "the pasted result, with how many"
is "$(sed -n '/^Results/,$p' "$T/body" | grep -c '^      ! paste: result in 5')" 5 \
    "each pasted result flagged under its task in the results"
is "$(sed -n '/^Results/,$p' "$T/body" | grep -A2 'Отметка 6' |
    grep -c '^      ! junk: result (noletters): \.$')" 1 "and the junk one"
CRM_USER=root crm-digest -u ivanov > "$T/text"
is "$(grep -c '^      ! ' "$T/text")" 0 "the manager's own digest: no flags"

done_testing
