#!/bin/sh
# lib/crm.h is read by section, each headed "/* ---- WHAT (FILE.c, ...)
# ---- */": every function declared under a section is defined in one of
# the files its header names, and each file named defines one at least,
# so that a reader looking for a function opens the right file.  (As
# tests/18 checks libcrm(3) against what libcrm.so exports.)
. "$(dirname "$0")/lib.sh"
cd "$TOP/lib" || exit 1

# FILES TAB FUNCTION, one a line: each declaration of crm.h under the
# files of its section ("-" before the first section).  A declaration
# begins a line with its type; comments begin with "/*" or " *".
awk '
/^\/\* ---- .*\) -+ \*\/$/ {
	files = $0
	sub(/.*\(/, "", files)
	sub(/\).*/, "", files)
	gsub(/,/, "", files)
	next
}
/^[A-Za-z]/ && match($0, /crm_[a-z0-9_]+\(/) {
	print (files == "" ? "-" : files) "\t" substr($0, RSTART, RLENGTH - 1)
}' crm.h > "$T/decl"
[ "$(wc -l < "$T/decl")" -gt 150 ]
ok $? "crm.h's declarations read ($(wc -l < "$T/decl"))"
is "$(awk -F '\t' '$1 == "-" { print $2 }' "$T/decl")" "" \
    "every function declared in a section"

# Each function: defined (KNF: its name at the start of a line) in a
# file its section names.
while IFS='	' read -r files fn; do
	for f in $files; do
		grep -q "^$fn(" "$f" 2>/dev/null && continue 2
	done
	echo "$fn under ($files), defined in $(grep -l "^$fn(" ./*.c |
	    sed 's|^\./||' | tr '\n' ' ')"
done < "$T/decl" > "$T/wrong"
is "$(cat "$T/wrong")" "" "each function is defined in a file its section names"

# Each file a section names: it is there, and defines a function of the
# section.
awk -F '\t' '{ n = split($1, f, " "); for (i = 1; i <= n; i++)
    print $1 "\t" f[i] }' "$T/decl" | sort -u |
    while IFS='	' read -r files f; do
	awk -F '\t' -v s="$files" '$1 == s { print $2 }' "$T/decl" |
	    while read -r fn; do
		grep -q "^$fn(" "$f" 2>/dev/null && echo "$fn"
	    done | grep -q . || echo "($files): $f defines none of them"
done > "$T/idle"
is "$(cat "$T/idle")" "" "each file a section names defines one of its functions"

# The same, as the linker sees it: each function is a symbol defined in
# the object of a file its section names (nm), not only text that looks
# like a definition.
nm -A --defined-only ./*.o 2>/dev/null | awk '$(NF - 1) == "T" {
	f = $1; sub(/^\.\//, "", f); sub(/\.o:.*/, ".c", f)
	print f "\t" $NF }' > "$T/defined"
[ "$(wc -l < "$T/defined")" -gt 150 ]
ok $? "the objects' symbols read ($(wc -l < "$T/defined"))"
while IFS='	' read -r files fn; do
	for f in $files; do
		grep -qx "$f	$fn" "$T/defined" && continue 2
	done
	echo "$fn under ($files), in no object of them"
done < "$T/decl" > "$T/wrongobj"
is "$(cat "$T/wrongobj")" "" \
    "each function is defined in the object of a file its section names"

# Every function libcrm.so exports is declared in crm.h under a section.
nm -D --defined-only libcrm.so | awk '$2 == "T" { print $3 }' |
    sed 's/@.*//' | grep '^crm_' | sort -u > "$T/exported"
[ -s "$T/exported" ]
ok $? "libcrm.so's exports read"
is "$(cut -f2 "$T/decl" | sort -u | comm -13 - "$T/exported" |
    tr '\n' ' ')" "" "every exported function is declared in a section"

done_testing
