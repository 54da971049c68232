#!/bin/sh
# Ids are never given twice (issue 27, item 11): a client merged away
# lends its id neither to the next client added nor to an import's id
# column, so crm-log never mixes two clients' histories.  And an
# imported id never jumps the sequence (item 11b): a file's ids are kept
# only in an admin's import into a table that never held a record (a
# department filled anew from another crm's files); anywhere else the
# column is refused, or passed over with -L id=, and another system's
# ID column (Bitrix24, amoCRM) is passed over.
. "$(dirname "$0")/lib.sh"

department
CRM_USER=ivanov client-add 'ООО Ромашка' > /dev/null		# 1
CRM_USER=ivanov client-add 'ООО Ромашка-2' > /dev/null		# 2
CRM_USER=ivanov client-add 'ООО Ромашка (дубль)' > /dev/null	# 3
run petrova client-merge 1 3
is "$rc" 0 "the head merges the highest client into the first"
run ivanov client-add 'ООО Лютик'
is "$rc:$out" "0:4" "the next client gets a new id, not the merged one's"
run root crm-log -t -k client "$out"
ok "$(printf '%s\n' "$out" | grep -q 'дубль'; [ $? -ne 0 ]; echo $?)" \
    "crm-log of the new client shows nothing of the merged one"
printf 'id,name,manager\n3,ООО Чужой,ivanov\n' > "$T/in.csv"
fails petrova 1 "line 2: column 'id': id already used '3'" \
    "an import may not take the merged client's id" \
    crm-import -k clients "$T/in.csv"
run ivanov client-add 'ООО Василёк'
is "$rc:$out" "0:5" "and ids go on from there"

# 11b: the deals table has never held a record.  A head may not carry
# ids in, even there: the number would be another system's, or jump.
printf 'id,client,title\n40,1,Поставка\n41,2,Монтаж\n' > "$T/deals.csv"
fails petrova 1 "line 2: column 'id': ids are kept only in an admin's import into an empty table; leave the column out .-L id=. to have new ones, not '40'" \
    "a head's import keeps no ids" crm-import -k deals "$T/deals.csv"
run root crm-import -k deals "$T/deals.csv"
is "$rc:$(dbq "SELECT count(*) || ',' || min(id) || ',' || max(id) FROM deal")" \
    "0:2,40,41" "an admin's import into an empty table keeps the file's ids"
run ivanov deal-add 1 'Ремонт'
is "$rc:$out" "0:42" "and the next deal follows them"
printf 'id,client,title\n999999,1,Скачок\n' > "$T/jump.csv"
fails root 1 "line 2: column 'id': ids are kept only in an admin's import into an empty table" \
    "an id of 999999 into a table with records is refused, even to an admin" \
    crm-import -k deals "$T/jump.csv"
run root crm-import -K -k deals "$T/jump.csv"
is "$rc" 1 "the dry run says the same"
run root crm-import -L id= -k deals "$T/jump.csv"
is "$rc:$(dbq "SELECT id FROM deal WHERE title = 'Скачок'")" "0:43" \
    "with -L id= the column is passed over and the deal takes the next id"
run ivanov deal-add 1 'После скачка'
is "$rc:$out" "0:44" "the sequence did not jump"
printf 'ID,Название сделки,Компания\n777,Из Битрикса,ООО Ромашка\n' > "$T/b24.csv"
run root crm-import -k deals "$T/b24.csv"
is "$rc:$(dbq "SELECT id FROM deal WHERE title = 'Из Битрикса'")" "0:45" \
    "another system's ID column is passed over, never crm's id"

done_testing
