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

for t in $(sed -n 's/^BINS[A-Z_]* *=//p; s/^		cmd/cmd/p' "$TOP/Makefile" |
    tr ' \\' '\n\n' | grep '^cmd/' | sed 's|^cmd/||'); do
	grep -q "^  $t\\b\\|[ ,]$t\\b" "$TOP/README"
	ok $? "the README lists $t"
	grep -q "^\\.It .*Xr $t 1" "$TOP/man/crm.7"
	ok $? "crm.7 lists $t"
done

done_testing
