#!/bin/sh
# A task is defined once (lib/crm.h, lib/task_int.h): each field one
# line of CRM_TASK_FIELDS, naming its column of table task, and the
# columns no record shows in CRMI_TASK_KEPT.  The two lists, as the
# compiler reads them, hold every column of table task in the database
# and nothing else; each field's key is a column the tools write
# (task-list's TSV header, crm-export's CSV header) and each column they
# write is a field, so that no column is written empty for want of its
# line.  People, clients, deals and documents are defined once too
# (lib/records_int.h): each list's columns and its KEPT list hold every
# column of the record's table in the database and nothing else, and
# its keys are the record's table of columns (crm_*_cols), in its
# order, which crm-import's indices of the columns (import_int.h) are
# made from.  Audit entries, stages and stage changes (recout.c): each
# table of columns and the table of fields its rows are made from name
# the same keys.
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

# KEY, one a line, of the array NAME in recout.c as the compiler reads
# it, in the array's order (cols_of) or sorted (keys_of).
cols_of() {
	tr '\n' ' ' < "$T/recout.i" | grep -o "$1\\[[^;]*;" |
	    grep -o '{ *"[a-z_]*"' | tr -d '{ "'
}
keys_of() {
	cols_of "$1" | sort
}
${CC:-cc} -E -P -Ilib $(pkg-config --cflags libbsd-overlay) lib/recout.c \
    > "$T/recout.i"
# (People, clients, deals and documents: their lists, below.)
for r in audit stage change; do
	keys_of "crm_${r}_cols" > "$T/cols"
	keys_of "${r}_fields" > "$T/fields"
	n=$(wc -l < "$T/cols")
	[ "$n" -ge 4 ] && cmp -s "$T/cols" "$T/fields"
	ok $? "$r: crm_${r}_cols and ${r}_fields name the same $n keys"
done

# ARG, one a line in the list's order, of each line of the list MACRO of
# records_int.h as the compiler reads it; NULL as "-".
rec_list() {	# rec_list MACRO ARG
	printf '#include "records_int.h"\n#define Q_(%s) @%s@\nTAB %s(Q_, Q_)\n' \
	    'e, col, key, sql, type, m' "$2" "$1" > "$T/r.c"
	${CC:-cc} -E -P -Ilib $(pkg-config --cflags libbsd-overlay) "$T/r.c" |
	    grep '^TAB ' | tr '@' '\n' | grep -v '^ *$' | grep -v '^TAB' |
	    sed 's/.*void \*.*/-/' | tr -d '"'
}
rec_kept() {	# rec_kept MACRO: the names of a KEPT list, one a line
	printf '#include "records_int.h"\n#define K_(c) @c@\nTAB %s(K_)\n' \
	    "$1" > "$T/r.c"
	${CC:-cc} -E -P -Ilib $(pkg-config --cflags libbsd-overlay) "$T/r.c" |
	    grep '^TAB ' | tr '@' '\n' | grep -v '^ *$' | grep -v '^TAB' |
	    tr -d '"'
}
# The column names of TABLE in the database, one a line, sorted.
db_cols() {
	if _dbpg "$CRM_DB"; then
		dbq "SELECT column_name FROM information_schema.columns
		    WHERE table_name = '$1' AND table_schema = current_schema()"
	else
		dbq "SELECT name FROM pragma_table_info('$1')"
	fi | sort
}
for r in person:PERSON:person client:CLIENT:client deal:DEAL:deal \
    doc:DOC:doc; do
	t=${r##*:}; m=${r#*:}; m=${m%%:*}; r=${r%%:*}
	rec_list CRMI_${m}_FIELDS col | grep -v '^-$' | sort > "$T/rcols"
	rec_kept CRMI_${m}_KEPT | sort > "$T/rkept"
	db_cols "$t" > "$T/rdb"
	[ "$(wc -l < "$T/rcols")" -ge 7 ] && [ "$(wc -l < "$T/rdb")" -ge 8 ]
	ok $? "$r: the list ($(wc -l < "$T/rcols") columns) and table $t" \
	    "($(wc -l < "$T/rdb")) read"
	is "$(sort "$T/rcols" "$T/rkept" | uniq -d | tr '\n' ' ')" "" \
	    "$r: no column in the list and KEPT both, nor twice"
	sort "$T/rcols" "$T/rkept" > "$T/rours"
	is "$(comm -23 "$T/rdb" "$T/rours" | tr '\n' ' ')" "" \
	    "$r: every column of table $t is a field's or kept"
	is "$(comm -13 "$T/rdb" "$T/rours" | tr '\n' ' ')" "" \
	    "$r: every column the list names is in table $t"
	# The keys, in order: those no column shows come last.
	rec_list CRMI_${m}_FIELDS key > "$T/rkeys"
	is "$(grep -v '^-$' "$T/rkeys" | tr '\n' ' ')" \
	    "$(cols_of "crm_${r}_cols" | tr '\n' ' ')" \
	    "$r: the list's keys are crm_${r}_cols, in order"
	is "$(sed -n '/^-$/,$p' "$T/rkeys" | grep -v '^-$' | tr '\n' ' ')" \
	    "" "$r: the fields no column shows come after the others"
done

done_testing
