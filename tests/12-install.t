#!/bin/sh
# The build: a shared library exporting only crm_, with a soname; make
# install and uninstall under PREFIX and DESTDIR; a program outside the
# tree built with pkg-config.
. "$(dirname "$0")/lib.sh"

so=$(readlink -f "$TOP/lib/libcrm.so")
like "$(readelf -d "$so")" "SONAME.*libcrm\.so\.0" "soname libcrm.so.0"
is "$(nm -D --defined-only "$so" | awk '{ print $3 }' | grep -v '^crm_' |
    grep -v '^CRM_0$')" "" "only the crm_ API is exported"
like "$(readelf -d "$TOP/cmd/crm-user")" 'NEEDED.*libcrm\.so\.0' \
    "tools link the shared library"

P="$T/prefix"
make -s -C "$TOP" install PREFIX="$P" >/dev/null 2>&1
ok $? "make install PREFIX=..."
for f in bin/crm-user bin/crm-log lib/libcrm.so.0 lib/libcrm.so lib/libcrm.a \
    include/crm.h lib/pkgconfig/crm.pc share/man/man1/crm-user.1 \
    share/man/man3/libcrm.3 share/man/man5/crm.5 share/man/man7/crm.7 \
    share/crm/calendar-ru.tsv; do
	ok "$(test -e "$P/$f"; echo $?)" "installed $f"
done

CRM_USER=root "$P/bin/crm-user" add -g admin root 'Администратор'
ok $? "the installed tool runs"
PKG_CONFIG_PATH="$P/lib/pkgconfig"
export PKG_CONFIG_PATH
# (make sanitize builds the library with ASan: the program must be too)
cc $CRM_TEST_CFLAGS -o "$T/prog" "$TOP/tests/data/prog.c" \
    $(pkg-config --cflags --libs crm)
ok $? "cc prog.c \$(pkg-config --cflags --libs crm)"
V=$(tr '\n' ' ' < "$TOP/lib/schema.c" |
    sed -n 's/.*crmi_migrations\[\] = {\([^}]*\)NULL *};.*/\1/p' |
    tr -cd ',' | wc -c)
is "$(CRM_USER=root "$T/prog")" "1 people, schema $V" \
    "the program runs against the installed library"

make -s -C "$TOP" uninstall PREFIX="$P" >/dev/null 2>&1
ok $? "make uninstall"
is "$(find "$P" -type f | wc -l)" 0 "uninstall leaves no file behind"

make -s -C "$TOP" install DESTDIR="$T/dest" PREFIX=/usr >/dev/null 2>&1
ok "$(test -x "$T/dest/usr/bin/crm-user"; echo $?)" "DESTDIR is honoured"
like "$(cat "$T/dest/usr/lib/pkgconfig/crm.pc")" "^libdir=/usr/lib$" \
    "crm.pc names the final place, not DESTDIR"

done_testing
