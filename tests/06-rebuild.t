#!/bin/sh
# Touching a header of lib/ or cmd/ rebuilds exactly the objects that
# include it, as the compiler sees the includes (cc -MM of each source,
# read here, not from the Makefile's list), and every tool that includes
# it.  An object made again that includes no such header is a rule too
# wide; one not made again, a dependency missing (as ids.h was from
# crm-log's).  The tools are compiled and linked in one step, and link
# the libraries: they may be made again for a library's sake, so for them
# the check is that none is missed.  tests/09-deps.t checks the unit
# tests and that the Makefile's list is current.
#
# In a scratch copy of the sources, nothing is compiled: `make -t` marks
# every target made, then each header is touched in turn and `make -n`
# says what would be made again.
. "$(dirname "$0")/lib.sh"

S=$T/src
mkdir -p "$S"
scratch_src "$S"
cd "$S" || exit 1
unset MAKEFLAGS MFLAGS

$UNFAKE make -s lib/calendar_ru.c > /dev/null
ok $? "the calendar's source made"
# The compiler's flags, as make has them.
flags=$(printf 'show:\n\t@echo $(DEPCFLAGS)\n' |
    $UNFAKE make -s -f Makefile -f - show)
like "$flags" "-Ilib" "the compiler's flags read from the Makefile"
# object-or-tool TAB header, one a line, from cc -MM.
for c in lib/*.c cmd/*.c cmd/libcmd/*.c; do
	case $c in
	lib/*|cmd/libcmd/*)	t=${c%.c}.o;;
	*)			t=${c%.c};;
	esac
	# shellcheck disable=SC2086
	cc $flags -MM -MT "$t" "$c" || echo "FAILED $c"
done | sed -e ':a' -e '/\\$/{N; s/\\\n//; ba' -e '}' |
    awk '{ for (i = 2; i <= NF; i++) if ($i ~ /\.h$/ && $i !~ /^\//)
	print $1 "\t" $i }' | sed 's/:\t/\t/' > "$T/includes"
! grep -q FAILED "$T/includes"
ok $? "cc -MM read every source of lib/ and cmd/"
[ "$(wc -l < "$T/includes")" -gt 100 ]
ok $? "the compiler's includes read ($(wc -l < "$T/includes"))"

if [ -n "$FAKETIME" ]; then
	skip_one "make -t and make -n: file times under the moved clock"
	done_testing
	exit
fi
touched() {	# what make -n would remake, by the -o of its commands
	$UNFAKE make -n all 2> /dev/null |
	    grep -o -e ' -o [^ ]*' | sed 's/^ -o //' | sort -u
}
mkdir -p po/locale/ru/LC_MESSAGES
$UNFAKE make -t all > /dev/null 2>&1
is "$(touched)" "" "after make -t, nothing to make"
n=0
for h in lib/*.h cmd/libcmd/*.h; do
	n=$((n + 1))
	sleep 0.01
	touch "$h"
	touched > "$T/remade"
	awk -F '\t' -v h="$h" '$2 == h { print $1 }' "$T/includes" |
	    sort -u > "$T/want"
	grep '\.o$' "$T/want" > "$T/want.o"
	grep '\.o$' "$T/remade" > "$T/remade.o"
	is "$(comm -3 "$T/want.o" "$T/remade.o" | tr '\n\t' '  ')" "" \
	    "touch $h: exactly the $(wc -l < "$T/want.o") objects that include it are made again"
	grep -v '\.o$' "$T/want" > "$T/want.tools"
	is "$(comm -23 "$T/want.tools" "$T/remade" | tr '\n' ' ')" "" \
	    "touch $h: each of the $(wc -l < "$T/want.tools") tools that include it is made again"
	$UNFAKE make -t all > /dev/null 2>&1
done
[ "$n" -ge 8 ]
ok $? "the headers of lib/ and cmd/ touched ($n)"

done_testing
