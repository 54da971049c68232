#!/bin/sh
# The grammar every tool shares (crm(7), The grammar): one meaning for
# each option letter, read from the table in cmd/libcmd/common.c, which
# crm(7) prints; --help and --version on every tool; what is missing
# named on a usage error; one exit status for one fault everywhere.
. "$(dirname "$0")/lib.sh"

TOOLS=$(cd "$TOP/cmd" && ls *.c | sed 's/\.c$//')

# The table: "LETTER ARG ARG ..." a line ("-" for no argument).
sed -n '/} letters\[\] = {/,/^};/p' "$TOP/cmd/libcmd/common.c" |
    sed -n "s/^	{ '\\(.\\)', \"\\([^\"]*\\)\",.*/\\1 \\2/p" > "$T/table"
[ "$(wc -l < "$T/table")" -gt 30 ]
ok $? "the table of letters read from cmd/libcmd/common.c"
is "$(cut -c1 "$T/table" | sort | uniq -d)" "" "each letter once in the table"

# crm(7) prints the same table: its letters, with the same arguments.
mandoc -Tascii -Owidth=200 "$TOP/man/crm.7" | sed 's/.\x08//g' |
    sed -n '/^ *Options\. /,/^ *Every tool takes/p' |
    sed -n 's/^     -\([A-Za-z]\)/\1/p' | sed 's/  .*//; s/ | / /g' \
    > "$T/crm7"
while read -r l a; do
	[ "$a" = "-" ] && a=
	a=$(printf '%s\n' "$a" | sed 's/ *- *$//; s/ - / /')
	printf '%s%s\n' "$l" "${a:+ $a}"
done < "$T/table" > "$T/table2"
is "$(cat "$T/crm7")" "$(cat "$T/table2")" "crm(7) prints the table"

# pairs TEXT: each option of a usage or SYNOPSIS, "LETTER ARG" or
# "LETTER -", one a line.
pairs() {
	printf '%s\n' "$1" | grep -o -e '-[A-Za-z] [a-z][a-z-]*' \
	    -e '\[-[A-Za-z]*\]' -e '-[A-Za-z]\]' | while read -r o a; do
		o=${o#[}
		o=${o%]}
		o=${o#-}
		if [ -n "$a" ]; then
			echo "$o $a"
		else
			printf '%s\n' "$o" | fold -w1 | sed 's/$/ -/'
		fi
	done | sort -u
}

# usage TOOL, synopsis TOOL: one line each.
usage() {
	"$TOP/cmd/$1" -9 2>&1 >/dev/null | tr -s ' \n' '  '
}
synopsis() {
	mandoc -Tascii -Owidth=200 "$TOP/man/$1.1" | sed 's/.\x08//g' |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \n' '  '
}

# Every letter of every usage and SYNOPSIS means what the table says:
# the letter is there, and its argument goes by a name the table gives.
for t in $TOOLS; do
	for where in usage synopsis; do
		bad=$(pairs "$($where "$t")" | while read -r l a; do
			grep -q "^$l\\( \\|.* \\)$a\\( \\|\$\\)" "$T/table" ||
			    printf -- '-%s %s; ' "$l" "$a"
		done)
		is "$bad" "" "$t: every letter of its $where means what the table says"
	done
done

# The letters crm-import took for the first day's files, from those the
# table left free: -K the dry run, -L the header map, -b the encoding.
for p in 'K -' 'L map' 'b charset'; do
	grep -qx "$p" "$T/table"
	ok $? "the table holds -$p"
	is "$(pairs "$(usage crm-import)" | grep -cx "$p")" 1 \
	    "crm-import's usage has -$p"
done

# A letter the table does not know, or an argument it does not name,
# is caught: the check itself works.
is "$(pairs '[-r role]' | while read -r l a; do
	grep -q "^$l\\( \\|.* \\)$a\\( \\|\$\\)" "$T/table" || echo bad
done)" bad "a letter given a second meaning is caught"

# --help: the usage, then a line for each letter of it; --version.
V=$(sed -n 's/^#define CRM_VERSION	"\(.*\)"/\1/p' "$TOP/lib/crm.h")
for t in $TOOLS; do
	run nobody "$t" --help
	is "$rc" 0 "$t --help: exit 0"
	like "$out" "^usage: $t( |$)" "$t --help: the usage on standard output"
	is "$errout" "" "$t --help: nothing on standard error"
	n=$(pairs "$(usage "$t")" | cut -d' ' -f1 | sort -u | wc -l)
	is "$(printf '%s\n' "$out" | grep -c '^  -[A-Za-z] ')" "$n" \
	    "$t --help: a line for each of its $n options"
	run nobody "$t" --version
	is "$rc.$out" "0.$t (crm) $V" "$t --version"
done

done_testing
