#!/bin/sh
# The README stays true: it opens with the two commands, CI runs the same
# test command, and its crontab is the one the cron test runs.
. "$(dirname "$0")/lib.sh"

first=$(sed -n 3p "$TOP/README" | sed 's/ *#.*//; s/^ *//')
second=$(sed -n 4p "$TOP/README" | sed 's/ *#.*//; s/^ *//')
is "$first" "sh .ci/deps && make demo" "the first command sets up and demos"
is "$second" "make check" "the second runs the tests"
grep -qx "$second" "$TOP/.ci/run"
ok $? "CI runs the README's test command"
grep -qx "sh .ci/deps" "$TOP/.ci/run"
ok $? "CI installs through the same script"
grep -q "^demo:" "$TOP/Makefile"
ok $? "make demo exists"

readme_cron=$(awk '/^A SAMPLE CRONTAB/ { on = 1; next }
    /^WHERE THE DATABASE/ { on = 0 } on && /^    / { sub(/^    /, ""); print }' \
    "$TOP/README")
is "$readme_cron" "$(cat "$TOP/man/crontab.example")" \
    "the README's crontab is man/crontab.example"

for t in $(awk '/^BINS[A-Z_]* *=/ { on = 1; sub(/^BINS[A-Z_]* *=/, "") }
    on { print } !/\\$/ { on = 0 }' "$TOP/Makefile" |
    tr ' \\\t' '\n\n\n' | grep '^cmd/' | sed 's|^cmd/||'); do
	grep -q "^  $t\\b\\|[ ,]$t\\b" "$TOP/README"
	ok $? "the README lists $t"
	grep -q "^\\.It .*Xr $t 1" "$TOP/man/crm.7"
	ok $? "crm.7 lists $t"
done

# The tests reach the database through lib.sh's db* helpers; SQLite's
# shell only in a file that calls sqlite_only_file, or in a block
# "if sqlite_only REASON; then ... fi", and each such file is in the list
# at the top of lib.sh.
bare=$(cd "$TOP/tests" && awk '
    FNR == 1 { file_ok = 0; blk = "" }
    /^sqlite_only_file "[^"]+"/ { file_ok = 1 }
    blk == "" && /^[ \t]*if sqlite_only "[^"]+"; then$/ {
	blk = $0; sub(/if.*/, "", blk); blk = blk "fi"; next }
    blk != "" && $0 == blk { blk = ""; next }
    /sqlit[e]3/ && !/^[ \t]*#/ && !file_ok && blk == "" {
	print FILENAME ":" FNR ": " $0 }' ./*.t)
is "$bare" "" "SQLite's shell is called only where marked sqlite_only"
marked=$(cd "$TOP/tests" && grep -l '^[ 	]*\(if \)*sqlite_only' ./*.t |
    sed 's|^\./||' | sort | tr '\n' ' ')
listed=$(sed -n 's/^#   \([0-9][0-9]-[a-z0-9-]*\.t\)  .*/\1/p' \
    "$TOP/tests/lib.sh" | sort | tr '\n' ' ')
is "$listed" "$marked" "lib.sh lists every file with a sqlite_only place"

done_testing
