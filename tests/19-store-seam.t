#!/bin/sh
# The store seam (lib/store.h): one file of the library talks to SQLite,
# its driver lib/store_sqlite.c (and the driver's header, for the unit
# tests of its query plans); the rest of lib/ and every tool go through
# the library's own store calls, which libcrm.so does not export.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

# The engines' names and their SQL dialects stay in the drivers
# (store_sqlite.c and its header, store_pg.c, and their registry
# store.c) and the schema (schema.c,
# whose migrations are written for SQLite and rewritten for PostgreSQL
# by store_pg.c, with CRMI_PG_ONLY statements beside).  Everywhere else
# in lib/ and cmd/, SQL is the common part of both engines:
#
# - ?N parameters: SQLite's, which store_pg.c rewrites as $N;
# - RETURNING and ON CONFLICT ... DO: both engines have them (SQLite
#   since 3.35 and 3.24);
# - CAST, coalesce, substr, count, sum, min and max: both have them;
# - instr, json_extract and json_type: SQLite's own, which the schema
#   makes on PostgreSQL (CRMI_PG_ONLY functions in schema.c);
# - crm_fold and crm_has: SQLite's driver registers them when it opens,
#   the schema makes them on PostgreSQL (CRMI_PG_ONLY, schema_v1.c's
#   and schema.c's m_search).
#
# Known exceptions: each is listed below with its reason.  A file that
# leaks anew fails its line, and so does one cured, until the list says
# so.  What is looked for, and why each:
#
# - the C interfaces (sqlite3_*, PQ*, PGconn): only a driver links them;
# - PRAGMA, AUTOINCREMENT, INSERT OR, rowid, sqlite_master, BEGIN
#   IMMEDIATE, COLLATE NOCASE, GLOB, ifnull, group_concat, json_each...:
#   SQLite's statements and functions, which PostgreSQL lacks;
# - datetime(, julianday(, strftime(', date(': SQLite's clock and date
#   functions (PostgreSQL's are others, and the time of record is the
#   handle's, crm_now);
# - ::type, ILIKE, SERIAL, string_agg, now(), pg_*, setval, DISTINCT ON,
#   plpgsql, ISOLATION LEVEL, $N: PostgreSQL's own;
# - crmi_sqlite_*, crmi_pg_*, CRMI_PG_*: a driver named in the code;
# - drv->name, drv->file, a driver's hook tested for NULL outside db.c:
#   a caller asks the capabilities (crmi_caps, CRMI_STORE_...);
# - "sqlite" or "postgres" in a string: an engine chosen by its name.
#
# outside PATTERN: the files of lib/ and cmd/, but the drivers and the
# schema, whose text matches PATTERN (grep -E), on one line.
drivers='lib/store\.c|lib/store_sqlite\.[ch]|lib/store_pg(sql|conn|copy)?\.[ch]'
schema='lib/schema(_[a-z0-9]+)?\.c'
outside() {
	grep -lE -- "$1" lib/*.c lib/*.h cmd/*.c cmd/libcmd/*.[ch] |
	    grep -vxE "$drivers|$schema" | tr '\n' ' '
}
# (sqlit[e]3: tests/16 looks for the shell's name outside sqlite_only)
is "$(outside '<sqlit[e]3\.h>|sqlit[e]3_[a-z_]+|\bsqlit[e]3 *\*')" "" \
    "SQLite's C interface only in its driver"
is "$(outside 'libpq-fe|\bPQ[a-zA-Z]+ *\(|\bPGconn\b|\bPGresult\b')" "" \
    "libpq's calls and types only in the PostgreSQL driver"
# crm.h: a comment says the schema version is PRAGMA user_version.
is "$(outside '\bPRAGMA\b')" "lib/crm.h " \
    "PRAGMA in the SQLite driver and the schema (crm.h: a comment)"
is "$(outside 'AUTOINCREMENT|INSERT OR [A-Z]|REPLACE INTO|WITHOUT ROWID|\browid\b|last_insert_rowid|total_changes|\bchanges\(\)|sqlite_(master|schema|sequence)|BEGIN (IMMEDIATE|EXCLUSIVE|DEFERRED)|COLLATE NOCASE|\bGLOB\b|\b(ifnull|iif|typeof|group_concat|json_each|json_group_array|json_object)\(')" \
    "" "no SQL of SQLite's own outside its driver and the schema"
is "$(outside "\\b(datetime|julianday|unixepoch)\\(|\\b(strftime|date|time)\\('")" "" \
    "no SQLite date and time function (C's strftime(3) is no SQL)"
# store.h: CRMI_PG_IDS_RESET, PL/pgSQL shared by store_pg.c and the
#   schema's m_pgroles (the seam is where both see it).
is "$(outside '::[a-z]|\bILIKE\b|\b(BIG)?SERIAL\b|string_agg|[^_a-z]now\(\)|\bpg_[a-z_]+|current_schema|\b(setval|nextval)\(|DISTINCT ON|generate_series|plpgsql|ISOLATION LEVEL|\bLIMIT ALL\b|"[^"]*\$[0-9]')" \
    "lib/store.h " \
    "no SQL of PostgreSQL's own outside its driver and the schema"
# store.h: the seam declares the drivers there are (crmi_sqlite_driver,
#   crmi_pg_driver), which the registry (store.c) lists, and the
#   markers the drivers read (CRMI_PG_ONLY...).
is "$(outside '\bcrmi_(sqlite|pg)_|\bCRMI_(SQLITE|PG)_')" \
    "lib/store.h " \
    "a driver or an engine named outside the drivers and the schema"
# db.c: it picks the handle's driver; store.h declares the registry.
is "$(outside '(drv|driver[a-z_]*)->(name|file)\b|\bcrmi_driver_for\(')" \
    "lib/db.c lib/store.h " \
    "callers ask capabilities, never a driver"
is "$(grep -n 'drv->[a-z_]* *[!=]= *NULL' lib/*.c |
    grep -vE '^lib/(db[a-z]*|store[a-z_]*)\.c:' | cut -d: -f1 |
    tr '\n' ' ')" \
    "" "no file but db*.c (the handle's) tests a driver's hook for NULL"
# db.c: the message for a database in crm.conf that is neither a path
#   nor a server's: it names PostgreSQL for the people who read it.
# store.h: its comment quotes the names the PostgreSQL driver claims.
is "$(outside '"[^"]*([Ss][Qq][Ll]ite|[Pp]ostgre)')" "lib/db.c lib/store.h " \
    "an engine's name in a string only in db.c's message"

# db.c opens the database through its driver and names no engine: a
# new database's file, its directories and mode, and the files beside
# it are the driver's (create, place, sidecars), and so is a file's
# journal.  (The message above names PostgreSQL for people.)
is "$(grep -n -i -E 'sqlite|\bwal\b|-shm|postgres' lib/db.c |
    grep -v 'PostgreSQL "$' | cut -d: -f1 | tr '\n' ' ')" "" \
    "db.c names no engine"
calls='open|openat|creat|mkdir|link|unlink|rename|fchmod|chmod'
is "$(grep -n -E "(^|[^>_a-z])($calls)\\(" lib/db.c | cut -d: -f1 |
    tr '\n' ' ')" "" \
    "db.c makes no file: the driver does"

# Every function that the SQL of lib/ calls, outside the drivers and the
# schema, from its string literals: each is in both engines (above).
# Not SQL: a manual page named, "crm-verify(1)"; the CSS and SVG of
# kpihtml.c and kpisvg.c.
# store.h's format, setval, pg_get_serial_sequence and current_schema:
# CRMI_PG_IDS_RESET (above).
for f in lib/*.c lib/*.h; do
	case $f in
	lib/store_sqlite.[ch]|lib/store_pg*.[ch]|lib/schema*.c|\
	lib/kpihtml.c|lib/kpisvg.c)
		continue;;
	esac
	grep -oE '"([^"\\]|\\.)*"' "$f" |
	    grep -oE '[A-Za-z_][-A-Za-z_0-9]*\(' | grep -v -- - |
	    sed 's/($//' | sed "s|^|$f |"
done | sort -u | grep -vE ' (CAST|coalesce|COALESCE|substr|count|sum|min|max|MAX|MIN|instr|json_extract|json_type|crm_fold|crm_has)$' |
    tr '\n' ' ' > "$T/calls"
is "$(cat "$T/calls")" \
    "lib/store.h current_schema lib/store.h format lib/store.h pg_get_serial_sequence lib/store.h setval " \
    "the SQL of lib/ calls only functions both engines have"

sqlite_only_file "the store seam: only the SQLite driver in lib/ names sqlite3"
is "$(grep -l sqlite3 lib/*.c lib/*.h | sort | tr '\n' ' ')" \
    "lib/store_sqlite.c lib/store_sqlite.h " \
    "only the SQLite driver in lib/ mentions sqlite3"
is "$(grep -c '^#include <sqlite3.h>' lib/store_sqlite.c)" 1 \
    "the driver includes sqlite3.h"
is "$(grep -l '#include "store_sqlite\.h"' lib/*.c lib/*.h | tr '\n' ' ')" \
    "lib/store_sqlite.c " "no other file of lib/ includes the driver's header"
like "$(grep '^#include' lib/crm_int.h)" '"store\.h"' \
    "crm_int.h includes the seam"
is "$(grep -l -i 'sqlite' cmd/*.c cmd/libcmd/*.[ch])" "" \
    "no tool mentions SQLite"

# Every call on a statement and the handle's store goes through the
# driver's table: no file of lib/ but the driver reaches past it.
is "$(grep -l 'struct crmi_store {' lib/*.c lib/*.h | tr '\n' ' ')" \
    "lib/store_sqlite.c lib/store_pg.h " \
    "only the drivers see inside their store"
# The PostgreSQL driver's files are the ones that talk to libpq.
is "$(grep -l -E 'libpq-fe|PQ[a-z]+\(' lib/*.c lib/*.h cmd/*.c \
    cmd/libcmd/*.[ch] |
    tr '\n' ' ')" "lib/store_pg.c lib/store_pgconn.c lib/store_pgcopy.c lib/store_pg.h " \
    "only the PostgreSQL driver uses libpq"

# libpq is loaded only for a PostgreSQL database (store_pg.c's dlopen):
# neither the library nor a tool is linked with it, and a tool on SQLite
# never maps it (ld.so's own account of the files it maps).  It costs
# about 4 ms and 5 MiB at a tool's start.
is "$(ldd lib/libcrm.so cmd/task-today | grep -c libpq)" 0 \
    "libcrm.so and the tools are not linked with libpq"
CRM_USER=root crm-user add -g admin root Root > /dev/null 2>&1
CRM_USER=root LD_DEBUG=files task-today > /dev/null 2> "$T/ld"
grep -q 'file=libsqlite3' "$T/ld" && ! grep -q 'libpq' "$T/ld"
ok $? "a tool on SQLite maps SQLite's library and not libpq"

# The seam is internal: libcrm.so exports no crmi_ name, though the
# library has them (the static library, which the unit tests link).
nm -D --defined-only lib/libcrm.so | awk '{ print $3 }' | grep '^crmi_' \
    > "$T/exported"
is "$(cat "$T/exported")" "" "libcrm.so exports no crmi_ name"
for f in crmi_driver_for crmi_stmt crmi_dberr crmi_bind_text; do
	nm --defined-only lib/libcrm.a 2>/dev/null | grep -q " T $f\$"
	ok $? "the library defines $f (kept inside by libcrm.map)"
done

# The store's own tests, through a handle (tests/unit/t-store.c).
[ -x tests/unit/t-store ]
ok $? "tests/unit/t-store is built"
tests/unit/t-store > "$T/unit" 2>&1
ok $? "tests/unit/t-store passes"
like "$(tail -1 "$T/unit")" '^1\.\.[0-9]+$' "it ran to its end"
grep '^not ok' "$T/unit" | sed 's/^/# /'

done_testing
