# crm: a Unix-style CRM tool suite.  Any POSIX make runs this file.
.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

VERSION =	0.1.0
SOVER =		0
PREFIX =	/usr/local
BINDIR =	$(PREFIX)/bin
LIBDIR =	$(PREFIX)/lib
INCDIR =	$(PREFIX)/include
MANDIR =	$(PREFIX)/share/man
DATADIR =	$(PREFIX)/share/crm
COMPDIR =	$(PREFIX)/share/bash-completion/completions
PCDIR =		$(LIBDIR)/pkgconfig
SYSCONFDIR =	$(PREFIX)/etc
LOCALSTATEDIR =	/var
# The group that alone may open the department's database (install-shared).
CRMGROUP =	crm

CC =		cc
CFLAGS =	-O2 -g -Wall -Wextra -Wformat=2 -Wno-unused-parameter
DEPCFLAGS =	-std=c99 -D_DEFAULT_SOURCE -D_GNU_SOURCE -fPIC -Ilib \
		`pkg-config --cflags libbsd-overlay sqlite3 libmd`
DEPLIBS =	`pkg-config --libs libbsd-overlay sqlite3 libmd` -lm
LDFLAGS =

# The library, one file per domain noun.
LIBOBJS =	lib/db.o lib/conf.o lib/priv.o lib/backup.o lib/schema.o \
		lib/person.o lib/audit.o lib/text.o \
		lib/out.o lib/date.o lib/money.o lib/input.o lib/junk.o \
		lib/rule.o lib/zone.o
LIBOBJS_TASK =	lib/task.o lib/taskmod.o lib/taskview.o lib/series.o \
		lib/taskout.o lib/undo.o lib/quick.o
LIBOBJS_DEAL =	lib/client.o lib/deal.o lib/doc.o lib/import.o \
		lib/import_people.o lib/import_sales.o lib/import_tasks.o \
		lib/export.o lib/dealedit.o lib/clientmerge.o
LIBOBJS_RULE =	lib/calendar.o lib/calendar_ru.o lib/plan.o lib/rollout.o
LIBOBJS_KPI =	lib/kpi.o lib/kpihtml.o lib/kpiview.o lib/stats.o
LIBOBJS_MORE =	lib/digest.o lib/mail.o lib/remind.o
LIBOBJS_ICAL =	lib/ical.o
ALLOBJS =	$(LIBOBJS) $(LIBOBJS_TASK) $(LIBOBJS_DEAL) $(LIBOBJS_RULE) \
		$(LIBOBJS_KPI) $(LIBOBJS_MORE) $(LIBOBJS_ICAL)

# The tools, one file each in cmd/.
BINS =		cmd/crm-user cmd/crm-log cmd/crm-backup cmd/crm-verify \
		cmd/crm-erase cmd/crm-undo
BINS_TASK =	cmd/task-add cmd/task-today cmd/task-done cmd/task-move \
		cmd/task-cancel cmd/task-list cmd/task-reopen \
		cmd/task-edit
BINS_DEAL =	cmd/client-add cmd/client-list cmd/client-edit \
		cmd/deal-add cmd/deal-list cmd/deal-stage cmd/doc-add \
		cmd/doc-list cmd/doc-pay cmd/crm-import cmd/crm-export \
		cmd/deal-edit cmd/doc-edit cmd/client-merge
BINS_RULE =	cmd/crm-rules cmd/plan-check cmd/crm-control
BINS_KPI =	cmd/kpi-report
BINS_MORE =	cmd/crm-digest cmd/task-remind
ALLBINS =	$(BINS) $(BINS_TASK) $(BINS_DEAL) $(BINS_RULE) $(BINS_KPI) \
		$(BINS_MORE)

UNITS =		tests/unit/t-date tests/unit/t-input tests/unit/t-junk \
		tests/unit/t-text tests/unit/t-typed
UNITS_TASK =
UNITS_DEAL =
UNITS_RULE =	tests/unit/t-rollout
UNITS_KPI =	tests/unit/t-stats
UNITS_MORE =
UNITS_ICAL =	tests/unit/t-ical
UNITS_BENCH =	tests/unit/t-plans
ALLUNITS =	$(UNITS) $(UNITS_TASK) $(UNITS_DEAL) $(UNITS_RULE) \
		$(UNITS_KPI) $(UNITS_MORE) $(UNITS_ICAL) $(UNITS_BENCH)

MAN1 =		man/crm-user.1 man/crm-log.1 man/crm-backup.1 man/crm-verify.1 \
		man/crm-erase.1 man/crm-undo.1
MAN1_TASK =	man/task-add.1 man/task-today.1 man/task-done.1 \
		man/task-move.1 man/task-cancel.1 man/task-list.1 \
		man/task-reopen.1 man/task-edit.1
MAN1_DEAL =	man/client-add.1 man/client-list.1 man/client-edit.1 \
		man/deal-add.1 man/deal-list.1 man/deal-stage.1 man/doc-add.1 \
		man/doc-list.1 man/doc-pay.1 man/crm-import.1 man/crm-export.1 \
		man/deal-edit.1 man/doc-edit.1 man/client-merge.1
MAN1_RULE =	man/crm-rules.1 man/plan-check.1 man/crm-control.1
MAN1_KPI =	man/kpi-report.1
MAN1_MORE =	man/crm-digest.1 man/task-remind.1
ALLMAN1 =	$(MAN1) $(MAN1_TASK) $(MAN1_DEAL) $(MAN1_RULE) $(MAN1_KPI) \
		$(MAN1_MORE)
MANS =		$(ALLMAN1) man/crm.5 man/crm.7 man/libcrm.3

all: lib/libcrm.so lib/libcrm.a $(ALLBINS) lib/crm.pc

.c.o:
	$(CC) $(CFLAGS) $(DEPCFLAGS) -c -o $@ $<

$(ALLOBJS): lib/crm.h lib/crm_int.h

# The configuration file's path is compiled in: a setgid tool may trust
# no path from its caller.
lib/conf.o: lib/conf.c Makefile
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_SYSCONFDIR='"$(SYSCONFDIR)"' \
	    -c -o $@ lib/conf.c
$(LIBOBJS_DEAL): lib/sales_int.h lib/import_int.h

# The production calendar is data (data/calendar-ru.tsv), built into the
# library as one string, so that a new database starts with it.
lib/calendar_ru.c: data/calendar-ru.tsv
	awk 'BEGIN { print "/* Made by make from data/calendar-ru.tsv. */"; \
	    print "#include \"crm_int.h\""; \
	    print "const char crmi_calendar_ru[] =" } \
	    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); \
	    print "\t\"" $$0 "\\n\"" } \
	    END { print "\t\"\";" }' data/calendar-ru.tsv > $@

lib/libcrm.so.$(VERSION): $(ALLOBJS) lib/libcrm.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libcrm.so.$(SOVER) \
	    -Wl,--version-script=lib/libcrm.map -o $@ $(ALLOBJS) $(DEPLIBS)

lib/libcrm.so: lib/libcrm.so.$(VERSION)
	ln -sf libcrm.so.$(VERSION) lib/libcrm.so.$(SOVER)
	ln -sf libcrm.so.$(VERSION) lib/libcrm.so

lib/libcrm.a: $(ALLOBJS)
	rm -f $@
	ar rcs $@ $(ALLOBJS)

PCSED =		sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|'

lib/crm.pc: lib/crm.pc.in Makefile
	$(PCSED) lib/crm.pc.in > $@

# Tools link the shared library and find it beside them when run from
# the build tree ($ORIGIN/../lib), and in $(LIBDIR) once installed.
$(ALLBINS): lib/libcrm.so lib/crm.h cmd/taskcmd.h cmd/ids.h cmd/editcmd.h $(ALLBINS:=.c)
	$(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $@ $@.c -Llib -lcrm \
	    -Wl,-rpath,'$$ORIGIN/../lib' $(DEPLIBS)

# Unit tests link the static library, internals included.
$(ALLUNITS): lib/libcrm.a tests/unit/tap.h $(ALLUNITS:=.c)
	$(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $@ $@.c lib/libcrm.a \
	    $(DEPLIBS)

check: all $(ALLUNITS) lint
	prove -f $(ALLUNITS)
	prove -f tests/*.t

lint:
	mandoc -Tlint -Wwarning $(MANS)

# The whole suite again, built with AddressSanitizer and UBSan.
sanitize:
	$(MAKE) clean
	CRM_TEST_CFLAGS='-fsanitize=address,undefined' \
	$(MAKE) check CFLAGS='-O1 -g -fno-omit-frame-pointer \
	    -fsanitize=address,undefined -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined'
	$(MAKE) clean

# The shell tests again, every tool run under valgrind; any error or
# definite leak makes the tool exit 99, which fails the test.
VALGRIND =	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite

# Left out: the tests that start thousands of processes or wait for the
# cron daemon, which valgrind would stretch from seconds to an hour; the
# same tools run under valgrind in every other test.
VGSKIP =	62-digest-cron -e 80-concurrency -e 81-crash

valgrind: all $(ALLUNITS)
	rm -rf tests/tmp/vg
	mkdir -p tests/tmp/vg
	for f in $(ALLBINS); do \
	    printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(VALGRIND)' \
	    "`pwd`/$$f" > tests/tmp/vg/$${f#cmd/}; \
	    chmod +x tests/tmp/vg/$${f#cmd/}; done
	for u in $(ALLUNITS); do $(VALGRIND) $$u > /dev/null || exit 1; done
	CRM_TEST_BIN=`pwd`/tests/tmp/vg prove -f `ls tests/*.t | \
	    grep -v -e $(VGSKIP)`

# libFuzzer targets, each over the sources it exercises; new inputs go to
# tests/fuzz/out, the seeds in tests/fuzz/corpus stay as they are.
FUZZCC =	clang
FUZZTIME =	60
FUZZFLAGS =	-g -O1 -fsanitize=fuzzer,address,undefined -std=c99 \
		-D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib \
		`pkg-config --cflags libbsd-overlay`
FUZZLIBS =	`pkg-config --libs libbsd-overlay`
FUZZERS =	tests/fuzz/fuzz-date tests/fuzz/fuzz-money tests/fuzz/fuzz-csv \
		tests/fuzz/fuzz-tsv tests/fuzz/fuzz-escape

tests/fuzz/fuzz-date: tests/fuzz/fuzz-date.c lib/date.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/date.c $(FUZZLIBS)
tests/fuzz/fuzz-money: tests/fuzz/fuzz-money.c lib/money.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/money.c $(FUZZLIBS)
tests/fuzz/fuzz-csv: tests/fuzz/fuzz-csv.c lib/input.c lib/text.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/input.c lib/text.c $(FUZZLIBS)
tests/fuzz/fuzz-tsv: tests/fuzz/fuzz-tsv.c lib/input.c lib/text.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/input.c lib/text.c $(FUZZLIBS)
tests/fuzz/fuzz-escape: tests/fuzz/fuzz-escape.c lib/text.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/text.c $(FUZZLIBS)

fuzz: $(FUZZERS)
	for f in $(FUZZERS); do \
	    n=$${f#tests/fuzz/fuzz-}; mkdir -p tests/fuzz/out/$$n; \
	    if ! $$f -max_total_time=$(FUZZTIME) -print_final_stats=1 \
	        tests/fuzz/out/$$n tests/fuzz/corpus/$$n \
	        > tests/fuzz/out/$$n.log 2>&1; then \
	        tail -40 tests/fuzz/out/$$n.log; exit 1; fi; \
	    echo "$$n: `grep number_of_executed_units tests/fuzz/out/$$n.log`"; \
	done

demo: all
	sh tests/demo.sh

install: all install-man
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(PCDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR) $(DESTDIR)$(COMPDIR)
	cp $(ALLBINS) $(DESTDIR)$(BINDIR)/
	cp data/calendar-ru.tsv $(DESTDIR)$(DATADIR)/
	cp completion/crm.bash $(DESTDIR)$(COMPDIR)/crm
	for f in $(ALLBINS); do ln -sf crm $(DESTDIR)$(COMPDIR)/$${f#cmd/}; \
	    done
	cp lib/libcrm.so.$(VERSION) lib/libcrm.a $(DESTDIR)$(LIBDIR)/
	ln -sf libcrm.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcrm.so.$(SOVER)
	ln -sf libcrm.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcrm.so
	cp lib/crm.h $(DESTDIR)$(INCDIR)/
	$(PCSED) lib/crm.pc.in > $(DESTDIR)$(PCDIR)/crm.pc

install-man:
	mkdir -p $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(ALLMAN1) $(DESTDIR)$(MANDIR)/man1/
	cp man/libcrm.3 $(DESTDIR)$(MANDIR)/man3/
	cp man/crm.5 $(DESTDIR)$(MANDIR)/man5/
	cp man/crm.7 $(DESTDIR)$(MANDIR)/man7/

# The department's database, enforced (crm(7) SECURITY): the tools
# setgid to $(CRMGROUP), linked with the static library so that no
# library path a caller sets can reach them; the database directory
# $(CRMGROUP)'s alone; the configuration file naming the database.  The
# people are not in the group.  Run as root.
install-shared: lib/libcrm.a install-man
	getent group $(CRMGROUP) > /dev/null || \
	    groupadd --system $(CRMGROUP)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)
	for f in $(ALLBINS); do \
	    t=$(DESTDIR)$(BINDIR)/$${f#cmd/}; \
	    $(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $$t.new $$f.c \
	        lib/libcrm.a $(DEPLIBS) && \
	    chown root:$(CRMGROUP) $$t.new && chmod 2755 $$t.new && \
	    mv -f $$t.new $$t || exit 1; done
	mkdir -p $(DESTDIR)$(LOCALSTATEDIR)/lib
	install -d -m 2770 -o root -g $(CRMGROUP) \
	    $(DESTDIR)$(LOCALSTATEDIR)/lib/crm
	test -e $(DESTDIR)$(SYSCONFDIR)/crm.conf || \
	    printf '# crm(5): root only may write this file.\ndatabase %s\n' \
	    '$(LOCALSTATEDIR)/lib/crm/crm.db' > $(DESTDIR)$(SYSCONFDIR)/crm.conf
	chown root:root $(DESTDIR)$(SYSCONFDIR)/crm.conf
	chmod 0644 $(DESTDIR)$(SYSCONFDIR)/crm.conf

uninstall:
	for f in $(ALLBINS); do rm -f $(DESTDIR)$(BINDIR)/$${f#cmd/} \
	    $(DESTDIR)$(COMPDIR)/$${f#cmd/}; done
	rm -f $(DESTDIR)$(COMPDIR)/crm
	rm -f $(DESTDIR)$(LIBDIR)/libcrm.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/libcrm.so.$(SOVER) \
	    $(DESTDIR)$(LIBDIR)/libcrm.so $(DESTDIR)$(LIBDIR)/libcrm.a \
	    $(DESTDIR)$(INCDIR)/crm.h $(DESTDIR)$(PCDIR)/crm.pc \
	    $(DESTDIR)$(MANDIR)/man3/libcrm.3 $(DESTDIR)$(MANDIR)/man5/crm.5 \
	    $(DESTDIR)$(MANDIR)/man7/crm.7 \
	    $(DESTDIR)$(DATADIR)/calendar-ru.tsv
	for f in $(ALLMAN1); do \
	    rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done

clean:
	rm -f $(ALLOBJS) $(ALLBINS) $(ALLUNITS) lib/libcrm.so* lib/libcrm.a \
	    lib/crm.pc lib/calendar_ru.c
	rm -rf tests/tmp tests/fuzz/out $(FUZZERS)

.PHONY: all check lint sanitize valgrind fuzz demo install install-man \
	install-shared uninstall clean
