#!/bin/sh
# The store seam (lib/store.h): one file of the library talks to SQLite,
# its driver lib/store_sqlite.c (and the driver's header, for the unit
# tests of its query plans); the rest of lib/ and every tool go through
# the library's own store calls, which libcrm.so does not export.
. "$(dirname "$0")/lib.sh"

sqlite_only_file "the store seam: only the SQLite driver in lib/ names sqlite3"
cd "$TOP" || exit 1
is "$(grep -l sqlite3 lib/*.c lib/*.h | sort | tr '\n' ' ')" \
    "lib/store_sqlite.c lib/store_sqlite.h " \
    "only the SQLite driver in lib/ mentions sqlite3"
is "$(grep -c '^#include <sqlite3.h>' lib/store_sqlite.c)" 1 \
    "the driver includes sqlite3.h"
is "$(grep -l '#include "store_sqlite\.h"' lib/*.c lib/*.h | tr '\n' ' ')" \
    "lib/store_sqlite.c " "no other file of lib/ includes the driver's header"
like "$(grep '^#include' lib/crm_int.h)" '"store\.h"' \
    "crm_int.h includes the seam"
is "$(grep -l -i 'sqlite' cmd/*.c cmd/*.h)" "" \
    "no tool mentions SQLite"

# Every call on a statement and the handle's store goes through the
# driver's table: no file of lib/ but the driver reaches past it.
is "$(grep -l 'struct crmi_store {' lib/*.c lib/*.h | tr '\n' ' ')" \
    "lib/store_pg.c lib/store_sqlite.c " \
    "only the drivers see inside their store"
# The PostgreSQL driver is the one file that talks to libpq.
is "$(grep -l -E 'libpq-fe|PQ[a-z]+\(' lib/*.c lib/*.h cmd/*.c cmd/*.h |
    tr '\n' ' ')" "lib/store_pg.c " "only the PostgreSQL driver uses libpq"

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
