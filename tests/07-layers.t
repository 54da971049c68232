#!/bin/sh
# The layers of lib/ only look down (issue 26): lib/layers.txt places
# each file of lib/ in a layer, and tests/layers.sh reads it with nm of
# the objects and the #include lines of the sources.  No call and no
# include may point up, and every file must be placed.  The checker is
# shown to fail on doctored copies of lib/: an upward call, an upward
# include, a file placed nowhere.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
L=tests/layers.sh

out=$($L lib)
ok $? "no call or include of lib/ points up its layers"
is "$out" "" "the checker finds nothing to say"

# The picture atop crm_int.h names the layers of the table, top down.
is "$(sed -n '/^ \* The files of lib\/ stand in layers/,/^ \*\/$/p' \
    lib/crm_int.h | awk '$2 ~ /^[a-z]+$/ && $3 == "" || $3 ~ /^[a-z]/ {
    if ($2 ~ /^(store|core|domain|views|assembly)$/) print $2 }' |
    tr '\n' ' ')" \
    "$(awk '!/^#/ && NF >= 3 && !seen[$2]++ { n[$1] = $2 }
    END { for (i = 5; i >= 1; i--) printf "%s ", n[i] }' lib/layers.txt)" \
    "crm_int.h draws the layers of lib/layers.txt"

# Each object of the library is a file of the table (the Makefile's).
for o in lib/*.o; do
	f=${o#lib/}
	grep -v '^#' lib/layers.txt | grep -qw "${f%.o}\.c" ||
	    echo "$f"
done > "$T/unplaced"
is "$(cat "$T/unplaced")" "" "every object of lib/ is placed"

# The largest circle: files of lib/ that all reach each other by calls
# and includes.  It held 3 files at f69e445 and 19 before the layers
# (issue 26 named 15); now 6, the core's errors, text, dates and words
# (dberr.c escapes its messages with text.c, which reports through
# dberr.c; dates read words, words read dates).
$L -c lib > "$T/circle"
n=$(sed -n '1s/ .*//p' "$T/circle")
[ "$n" -le 6 ]
ok $? "the largest circle of lib/ holds at most 6 files (it has $n)"
like "$(sed -n 1p "$T/circle")" '^[0-9]+( [a-z_]+\.c)+$' \
    "the circle names its files: $(sed -n 1p "$T/circle")"
core='conf|date|db[a-z]*|input|locale|text|when|junk|money|priv|out|stats'
is "$(sed -n 1p "$T/circle" | cut -d' ' -f2- | tr ' ' '\n' |
    grep -c -v -E "^($core)\.c\$")" 0 "the circle stays within the core"

# The checker on doctored copies of lib/.
doctored() {
	rm -rf "$T/lib"
	mkdir "$T/lib"
	cp lib/layers.txt lib/*.o lib/*.c lib/*.h "$T/lib/"
}
doctored
$L "$T/lib" > /dev/null
ok $? "the copy of lib/ passes as lib/ does"

# A call up: the transactions (dbtx.c, core) calling the KPI's refresh
# (domain), as crmi_end() did before the hooks.
cat > "$T/up.c" <<'EOC'
int crmi_kpi_refresh(void *);
int crmi_up(void *crm) { return crmi_kpi_refresh(crm); }
EOC
${CC:-cc} -c -o "$T/up.o" "$T/up.c" &&
    ld -r -o "$T/lib/dbtx.o" lib/dbtx.o "$T/up.o"
ok $? "a doctored dbtx.o is made"
out=$($L "$T/lib")
is $? 1 "an upward call fails the check"
is "$out" "up: dbtx.c (core) -> kpiday.c (domain): crmi_kpi_refresh" \
    "and is named, with the symbol"
like "$($L -c "$T/lib" | grep ' dbtx\.c')" ' kpiday\.c( |$)' \
    "the call closes a circle through the domain (dbtx.c, kpiday.c)"

# An include up: text.c (core) including the KPI's header (domain).
doctored
printf '#include "kpi_int.h"\n' >> "$T/lib/text.c"
out=$($L "$T/lib")
is $? 1 "an upward include fails the check"
is "$out" "up: text.c (core) -> kpi_int.h (domain): #include" \
    "and is named"

# The store includes the library's own header.
doctored
printf '#include "crm_int.h"\n' >> "$T/lib/store_pg.c"
is "$($L "$T/lib")" "up: store_pg.c (store) -> crm_int.h (core): #include" \
    "the drivers see the store's header alone"

# The core sees the handle and the store, not the records and the rules.
doctored
printf '#include "domain_int.h"\n' >> "$T/lib/dbtx.c"
is "$($L "$T/lib")" "up: dbtx.c (core) -> domain_int.h (domain): #include" \
    "the core does not include the domain's header"

# A file nobody placed.
doctored
cp lib/stats.o "$T/lib/newfile.o"
out=$($L "$T/lib")
is $? 1 "a file no layer holds fails the check"
like "$out" '^not placed: newfile\.c$' "and is named"

done_testing
