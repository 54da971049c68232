#!/bin/sh
# Output escaping, exactly, where the fast paths decide (lib/text.c):
# Latin and Cyrillic pass as they are, uncopied; a C1 control (U+0085,
# two bytes as Cyrillic is), the Arabic letter mark U+061C (two bytes),
# the bidi marks U+200F and U+202E (three), TAB, backslash, a quote and
# invalid UTF-8 are escaped, in TSV and in JSON.  The search folds
# capitals and Ё as before.  Text put in with dbq: the tools refuse
# control characters on input.
. "$(dirname "$0")/lib.sh"
sqlite_only_file "invalid UTF-8 stored as text (x'd0'), which PostgreSQL refuses"

department || exit 1
TID=$(CRM_USER=ivanov task-add -d 2026-11-26 'Звонок')
T2=$(CRM_USER=ivanov task-add -d 2026-11-26 'ЁЛКИ Зелёные Call')
dbq "UPDATE task SET title =
    'Ж' || char(133) || 'а' || char(1564) || 'б' || char(8207) || 'в' ||
    char(8238) || 'г' || char(9) || 'д\\е\"ё' || cast(x'd0' AS TEXT) || 'z'
    WHERE id = $TID"

run ivanov task-list -t
is "$rc" 0 "task-list -t"
is "$(printf '%s\n' "$out" | awk -F'\t' -v id="$TID" '$1 == id { print $8 }')" \
    'Ж\302\205а\330\234б\342\200\217в\342\200\256г\tд\\е"ё\320z' \
    "TSV: C1, U+061C, U+200F, U+202E, TAB, backslash, bad byte escaped"
is "$(printf '%s\n' "$out" | awk -F'\t' -v id="$T2" '$1 == id { print $8 }')" \
    'ЁЛКИ Зелёные Call' "plain text as it is"

run ivanov task-list -j
got=$(printf '%s\n' "$out" | grep "\"id\":$TID[,}]" |
    sed 's/.*"title":\("[^}]*"\),"late_days".*/\1/; s/.*"title":\("[^}]*"\)[,}].*/\1/')
is "$got" '"Ж\u0085а\u061cб\u200fв\u202eг\tд\\е\"ё\ufffdz"' \
    "JSON: the same as \\u escapes, the quote and backslash escaped"

run ivanov task-list -t -q 'ёлки зелёные'
like "$out" "^$T2	" "the search folds Ё and capitals"
run ivanov task-list -t -q 'CALL'
like "$out" "^$T2	" "and Latin capitals"

done_testing
