#!/bin/sh
# A task is defined once (lib/crm.h, lib/task_int.h): each field one
# line of CRM_TASK_FIELDS, naming its column of table task, and the
# columns no record shows in CRMI_TASK_KEPT.  The two lists, as the
# compiler reads them, hold every column of table task in the database
# and nothing else; each field's key is a column the tools write
# (task-list's TSV header, crm-export's CSV header) and each column they
# write is a field, so that no column is written empty for want of its line.  So
# for the other records (recout.c): each table of columns and the table
# of fields its rows are made from name the same keys.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

# NAME, one a line, from a list of crm.h or task_int.h through the
# preprocessor.
fields() {	# fields MACRO PARAMS EXPR: EXPR of each line of MACRO, as names
	printf '#include "task_int.h"\n#define Q_(%s) @%s@\n' "$2" "$3" \
	    > "$T/q.c"
	printf 'TAB %s(Q_%s)\n' "$1" "${4:+, $4}" >> "$T/q.c"
	${CC:-cc} -E -P -Ilib $(pkg-config --cflags libbsd-overlay) "$T/q.c" |
	    grep '^TAB ' | tr '@' '\n' | grep -v '^ *$' | grep -v '^TAB' |
	    tr -d '"' | sort
}
# A field joined from another table (the client's name) has no column: NULL.
F='type, m, sql, imp, col, x, v'
fields CRM_TASK_FIELDS "$F" 'CRMI_TASK_COLUMN(m, sql)' CRM_TASK_SKIP_ |
    grep -v 'void \*' > "$T/fieldcols"
fields CRMI_TASK_KEPT col col > "$T/kept"
fields CRM_TASK_FIELDS "$F" 'CRMI_TASK_KEY(col)' CRM_TASK_SKIP_ \
    > "$T/keys"
nf=$(wc -l < "$T/fieldcols")
nk=$(wc -l < "$T/kept")
[ "$nf" -gt 10 ] && [ "$nk" -gt 3 ]
ok $? "the lists read: $nf fields with a column, $nk kept"
is "$(sort "$T/fieldcols" "$T/kept" | uniq -d)" "" \
    "no column in both lists, nor twice"

department
if _dbpg "$CRM_DB"; then
	dbq "SELECT column_name FROM information_schema.columns
	    WHERE table_name = 'task' AND table_schema = current_schema()"
else
	dbq "SELECT name FROM pragma_table_info('task')"
fi | sort > "$T/db"
[ "$(wc -l < "$T/db")" -gt 10 ]
ok $? "table task's columns read ($(wc -l < "$T/db"))"
sort "$T/fieldcols" "$T/kept" > "$T/ours"
is "$(comm -23 "$T/db" "$T/ours" | tr '\n' ' ')" "" \
    "every column of table task is a field's or kept"
is "$(comm -13 "$T/db" "$T/ours" | tr '\n' ' ')" "" \
    "every column the lists name is in table task"

# The columns the tools write, from their headers.
run ivanov task-list -H -t
is "$rc" 0 "task-list -H"
printf '%s\n' "$out" | head -1 | tr '\t' '\n' > "$T/written"
run root crm-export -k tasks
is "$rc" 0 "crm-export -k tasks"
printf '%s\n' "$out" | head -1 | tr -d '\r' | tr ',' '\n' >> "$T/written"
sort -u "$T/written" > "$T/wkeys"
[ "$(wc -l < "$T/wkeys")" -gt 10 ]
ok $? "the headers read ($(wc -l < "$T/wkeys") columns)"
is "$(comm -23 "$T/wkeys" "$T/keys" | tr '\n' ' ')" "" \
    "every column written is a field"
is "$(comm -13 "$T/wkeys" "$T/keys" | tr '\n' ' ')" "" \
    "every field is written by task-list or crm-export"

# KEY, one a line, of the array NAME in recout.c as the compiler reads it.
keys_of() {
	tr '\n' ' ' < "$T/recout.i" | grep -o "$1\\[[^;]*;" |
	    grep -o '{ *"[a-z_]*"' | tr -d '{ "' | sort
}
${CC:-cc} -E -P -Ilib $(pkg-config --cflags libbsd-overlay) lib/recout.c \
    > "$T/recout.i"
for r in person client deal doc audit stage change; do
	keys_of "crm_${r}_cols" > "$T/cols"
	keys_of "${r}_fields" > "$T/fields"
	n=$(wc -l < "$T/cols")
	[ "$n" -ge 4 ] && cmp -s "$T/cols" "$T/fields"
	ok $? "$r: crm_${r}_cols and ${r}_fields name the same $n keys"
done

done_testing
