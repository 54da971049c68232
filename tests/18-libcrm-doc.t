#!/bin/sh
# libcrm(3) names every function libcrm.so exports, each in an item of
# its FUNCTIONS section, and names no function the library lacks.
. "$(dirname "$0")/lib.sh"

PAGE=$TOP/man/libcrm.3
nm -D --defined-only "$TOP/lib/libcrm.so" | awk '{ print $3 }' |
    sed 's/@.*//' | grep '^crm_' | sort -u > "$T/exported"
[ "$(wc -l < "$T/exported")" -gt 100 ]
ok $? "libcrm.so exports its functions ($(wc -l < "$T/exported"))"

# The items of FUNCTIONS: ".It Fn crm_name", or ".It Va crm_name" for data.
sed -n '/^\.Sh FUNCTIONS/,/^\.Sh /p' "$PAGE" |
    sed -n 's/^\.It [FV][na] \(crm_[a-z0-9_]*\).*/\1/p' | sort > "$T/items"
missing=$(comm -23 "$T/exported" "$T/items")
is "$missing" "" "every exported function has an item in FUNCTIONS"
is "$(uniq -d "$T/items")" "" "no function has two items"

# Every function the page names anywhere: in .Nm, .Fo and Fn, and as
# name( in the example program.
{
	sed -n 's/^\.\(Nm\|Fo\) \(crm_[a-z0-9_]*\).*/\2/p' "$PAGE"
	grep -o 'crm_[a-z0-9_]*(' "$PAGE" | tr -d '('
	grep -o '[FV][na] crm_[a-z0-9_]*' "$PAGE" | sed 's/^[FV][na] //'
} | sort -u > "$T/named"
[ "$(wc -l < "$T/named")" -gt 100 ]
ok $? "the page names functions ($(wc -l < "$T/named"))"
is "$(comm -13 "$T/exported" "$T/named")" "" \
    "every function the page names is exported"

# Each item says what the function does: a line of text follows it.
is "$(sed -n '/^\.Sh FUNCTIONS/,/^\.Sh /p' "$PAGE" |
    awk '/^\.It [FV][na]/ { if (it) print name; it = 1; name = $3; next }
    /^\.(It|El)/ { if (it) print name; it = 0; next }
    { it = 0 }')" "" "every item has its line"

mandoc -Tlint -Wwarning "$PAGE" > "$T/lint" 2>&1
ok $? "mandoc -Tlint -Wwarning is clean"
sed 's/^/# /' "$T/lint"

done_testing
