#!/bin/sh
# The Makefile's dependencies are complete: touching any header of lib/,
# cmd/ or tests/unit/ rebuilds every object, tool and unit test that
# includes it, as the compiler sees the includes (cc -MM), and the list
# at the end of the Makefile is what `make deps` writes from them.
#
# In a scratch copy of the sources, nothing is compiled: `make -t` marks
# every target made, then each header is touched in turn and `make -n`
# says what would be made again.
. "$(dirname "$0")/lib.sh"

S=$T/src
mkdir -p "$S"
scratch_src "$S"
(cd "$TOP" && git ls-files -co --exclude-standard -z -- tests/deps.sh \
    tests/unit | xargs -0 tar cf -) | (cd "$S" && tar xf -)
cd "$S" || exit 1
unset MAKEFLAGS MFLAGS

# (make without the moved clock's library: a file's times are the
# kernel's own, which the library does not move)
$UNFAKE make -s lib/calendar_ru.c > /dev/null
ok $? "the calendar's source made"
# The list make deps would write, and the one the Makefile has.
$UNFAKE make -s deps > /dev/null
ok $? "make deps runs"
cmp -s "$TOP/Makefile" Makefile
ok $? "the Makefile's list is current (else: make deps)"
diff "$TOP/Makefile" Makefile | sed 's/^/# /' | head -20
# target TAB header, one a line: who includes what, as the compiler says.
sed '1,/^# make deps: what follows/d' Makefile |
    sed -e ':a' -e '/\\$/{N; s/\\\n//; ba' -e '}' |
    awk '{ for (i = 2; i <= NF; i++) print $1 "\t" $i }' |
    sed 's/:\t/\t/' > "$T/includes"
[ "$(wc -l < "$T/includes")" -gt 100 ]
ok $? "the compiler's includes read ($(wc -l < "$T/includes"))"
for h in lib/*.h cmd/libcmd/*.h tests/unit/*.h; do
	grep -q "	$h\$" "$T/includes"
	ok $? "$h: included somewhere"
done

# Every target made, without compiling.  Not under the moved clock of
# CRM_TEST_AT: the files made by its children carry the moved time, those
# make -t marks the kernel's; the headers' part has no date in it.
if [ -n "$FAKETIME" ]; then
	skip_one "make -t and make -n: file times under the moved clock"
	done_testing
	exit
fi
UNITS=$(sed -n 's/^\(tests\/unit\/t-[a-z0-9]*\):.*/\1/p' Makefile | sort -u)
touched() {	# what make -n would remake, by the -o of its commands
	$UNFAKE make -n all $UNITS 2> /dev/null |
	    grep -o -e ' -o [^ ]*' | sed 's/^ -o //' | sort -u
}
mkdir -p po/locale/ru/LC_MESSAGES
$UNFAKE make -t all $UNITS > /dev/null 2>&1
is "$(touched)" "" "after make -t, nothing to make"
for h in lib/*.h cmd/libcmd/*.h tests/unit/*.h; do
	sleep 0.01
	touch "$h"
	touched > "$T/remade"
	awk -F '\t' -v h="$h" '$2 == h { print $1 }' "$T/includes" |
	    sort -u > "$T/want"
	is "$(comm -23 "$T/want" "$T/remade" | tr '\n' ' ')" "" \
	    "touch $h: each of the $(wc -l < "$T/want") files that include it is made again"
	$UNFAKE make -t all $UNITS > /dev/null 2>&1
done

done_testing
