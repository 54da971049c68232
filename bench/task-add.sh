#!/bin/sh
# bench/task-add.sh [N]: time the task-add batch path, N tasks (default
# 200000) into a new database.  Not part of make check.
N=${1:-200000}
TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
PATH="$TOP/cmd:$PATH" CRM_DB="$T/crm.db" CRM_NOW="2026-11-26 09:00:00"
LC_ALL=C.UTF-8
export PATH CRM_DB CRM_NOW LC_ALL
CRM_USER=root crm-user add -g admin root 'Админ'
CRM_USER=root crm-user add -g head petrova 'Петрова'
CRM_USER=root crm-user add -g manager -h petrova ivanov 'Иванов'
CRM_USER=root crm-user add -g manager -h petrova smirnova 'Смирнова'
# A call needs its client at entry: the client column, by id.
CRM_USER=petrova client-add 'ООО Ромашка' >/dev/null
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++)
    printf "%s\t2026-12-%02d\t10:00\tcall\tПозвонить клиенту %d\tзаметка\t1\n",
    (i % 2 ? "ivanov" : "smirnova"), i % 28 + 1, i }' >"$T/in"
s=$(date +%s.%N)
CRM_USER=petrova task-add <"$T/in" >/dev/null || exit 1
e=$(date +%s.%N)
echo "$N $s $e" | awk '{ printf "%d tasks in %.2f s: %.0f tasks/s\n",
    $1, $3 - $2, $1 / ($3 - $2) }'
