#!/bin/sh
# Time crm-import of N task rows (default 100000) into a new database,
# and crm-export of them back.  Run from the top of the build tree.
set -e
N=${1:-100000}
TOP=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
PATH="$TOP/cmd:$PATH"
CRM_DB="$T/crm.db"
CRM_USER=root
export PATH CRM_DB CRM_USER
crm-user add -g admin root Администратор
crm-user add -g head petrova Петрова
crm-user add -g manager -h petrova ivanov Иванов
crm-user add -g manager -h petrova smirnova Смирнова
CRM_USER=petrova client-add -u ivanov -I 7707083893 Ромашка >/dev/null
awk -v n="$N" 'BEGIN {
	print "login,kind,title,note,client,deal,due_date,created_at,state," \
	    "closed_at,result"
	for (i = 0; i < n; i++)
		printf "%s,call,\"Звонок %d\",\"заметка, с запятой\"," \
		    "Ромашка,,2026-%02d-%02d,2026-01-01 09:00,done," \
		    "2026-%02d-%02d 10:00:00,ok\n", i % 2 ? "ivanov" : \
		    "smirnova", i, i % 12 + 1, i % 28 + 1, i % 12 + 1, \
		    i % 28 + 1
}' > "$T/tasks.csv"
echo "import of $N tasks:"
time crm-import -v -k tasks "$T/tasks.csv"
echo "export of $N tasks:"
time crm-export -k tasks > /dev/null
