#!/bin/sh
# Invisible and bidirectional characters (issue 27, item 10): refused in
# typed input with the field named, escaped wherever stored text is
# printed (TSV, the aligned view, JSON, CSV), and in crm-import a
# no-break space made a space, a BOM dropped, any other reported by line
# and column.
. "$(dirname "$0")/lib.sh"

department
for c in '\342\200\256' '\342\200\213' '\342\200\250' '\357\277\277' \
    '\357\273\277'; do
	x=$(printf "Ром${c}ашка")
	run ivanov task-add -k other "$x"
	like "$rc:$errout" "^1:task-add: invalid title 'Ром[^ ]*ашка': an invisible or bidirectional character, U\\+" \
	    "task-add refuses $c in a title, the field named"
	run ivanov client-add "$x"
	like "$rc:$errout" "^1:client-add: invalid name" "client-add: $c in a name"
done
run ivanov task-add -k other -n "$(printf 'x\342\200\250y')" 'Задача'
like "$rc:$errout" "^1:.*invalid note" "a note: U+2028 refused"

# Stored behind the tools' back: printed escaped in every format.
run ivanov task-add -k other 'Задача'
id=$out
dbq "UPDATE task SET title = '$(printf 'Z\342\200\256\357\277\277\342\200\250\342\200\213\357\273\277')' WHERE id = $id"
esc='Z\\342\\200\\256\\357\\277\\277\\342\\200\\250\\342\\200\\213\\357\\273\\277'
run ivanov task-list -t
like "$out" "	$esc	" "task-list -t: every one escaped"
run ivanov task-list -p
like "$out" " $esc" "task-list -p: escaped"
run ivanov task-list -j
like "$out" '"title":"Z\\u202e\\uffff\\u2028\\u200b\\ufeff"' "task-list -j: as \\u"
run root crm-export -k tasks
like "$out" ",$esc," "crm-export CSV: escaped as in TSV"
run root crm-export -x -k tasks
like "$out" ";$esc;" "crm-export -x (Excel): escaped"
run root crm-log -t -k task "$id"
ok "$(printf '%s' "$out" | grep -q "$(printf '\342\200\256')"; [ $? -ne 0 ]
    echo $?)" "crm-log prints no U+202E raw"

# crm-import: NBSP a space, a leading BOM dropped, others reported.
printf '\357\273\277login,kind,title,due_date\nivanov,other,A\302\240B,2026-12-01\n' \
    > "$T/in.csv"
run petrova crm-import -k tasks "$T/in.csv"
is "$rc" 0 "crm-import of a file with a BOM and a no-break space"
is "$(dbq "SELECT count(*) FROM task WHERE title = 'A B'")" 1 \
    "the no-break space became a space"
printf 'login,kind,title,due_date\nivanov,other,ok,2026-12-01\nivanov,other,C\342\200\213D,2026-12-01\n' \
    > "$T/in.csv"
run petrova crm-import -k tasks "$T/in.csv"
like "$rc:$errout" "^1:crm-import: line 3: column 'title': invalid title .*U\\+200B" \
    "crm-import: another such character, by line and column"

done_testing
