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

done_testing
