#!/bin/sh
# Ids are never given twice (issue 27, item 11): a client merged away
# lends its id neither to the next client added nor to an import's id
# column, so crm-log never mixes two clients' histories.
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

done_testing
