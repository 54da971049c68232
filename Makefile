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
LOCALEDIR =	$(PREFIX)/share/locale
PCDIR =		$(LIBDIR)/pkgconfig
SYSCONFDIR =	$(PREFIX)/etc
LOCALSTATEDIR =	/var
# The group that alone may open the department's database (install-shared).
CRMGROUP =	crm

CC =		cc
CFLAGS =	-O2 -g -Wall -Wextra -Wformat=2 -Wno-unused-parameter
DEPCFLAGS =	-std=c99 -D_DEFAULT_SOURCE -D_GNU_SOURCE -fPIC -Ilib \
		`pkg-config --cflags libbsd-overlay sqlite3 libmd libpq`
# libpq's header only: store_pg.c loads libpq itself (dlopen), and only
# for a PostgreSQL database, so that tools on SQLite do not map it.
DEPLIBS =	`pkg-config --libs libbsd-overlay sqlite3 libmd` -lm
LDFLAGS =

# The library, one file per domain noun.
LIBOBJS =	lib/crm.o lib/db.o lib/dberr.o lib/dbstmt.o lib/dbtx.o \
		lib/store.o lib/store_sqlite.o lib/store_pg.o lib/store_pgconn.o \
		lib/store_pgcopy.o lib/store_pgsql.o \
		lib/conf.o lib/priv.o lib/anchor.o lib/backup.o \
		lib/schema.o lib/schema_v1.o lib/schema_v3.o lib/schema_pg.o \
		lib/person.o lib/audit.o lib/sha256.o lib/text.o \
		lib/out.o lib/outtable.o lib/date.o lib/id.o lib/when.o lib/money.o lib/input.o lib/junk.o \
		lib/rule.o lib/rulereg.o lib/kind.o lib/zone.o lib/locale.o lib/title.o
LIBOBJS_TASK =	lib/task.o lib/taskmod.o lib/taskedit.o lib/taskview.o lib/series.o \
		lib/taskout.o lib/undo.o lib/undoturn.o lib/quick.o lib/entry.o lib/review.o
LIBOBJS_DEAL =	lib/client.o lib/deal.o lib/doc.o lib/import.o \
		lib/import_people.o lib/import_sales.o lib/import_tasks.o \
		lib/import_head.o lib/import_read.o \
		lib/export.o lib/department.o lib/dealedit.o lib/clientmerge.o lib/recout.o
LIBOBJS_RULE =	lib/calendar.o lib/calendar_ru.o lib/plan.o lib/planset.o \
		lib/rollout.o
LIBOBJS_KPI =	lib/kpi.o lib/kpipeople.o lib/kpiday.o lib/kpisales.o lib/kpiscore.o lib/kpihtml.o lib/kpisvg.o lib/kpiview.o lib/stats.o
LIBOBJS_MORE =	lib/digest.o lib/digesthead.o lib/mail.o lib/remind.o
LIBOBJS_ICAL =	lib/ical.o
ALLOBJS =	$(LIBOBJS) $(LIBOBJS_TASK) $(LIBOBJS_DEAL) $(LIBOBJS_RULE) \
		$(LIBOBJS_KPI) $(LIBOBJS_MORE) $(LIBOBJS_ICAL)

# The tools, one file each in cmd/.
BINS =		cmd/crm-user cmd/crm-log cmd/crm-backup cmd/crm-verify \
		cmd/crm-erase cmd/crm-undo
BINS_TASK =	cmd/task-add cmd/task-today cmd/task-done cmd/task-move \
		cmd/task-cancel cmd/task-list cmd/task-reopen \
		cmd/task-edit cmd/task-accept cmd/task-return
BINS_DEAL =	cmd/client-add cmd/client-list cmd/client-edit \
		cmd/deal-add cmd/deal-list cmd/deal-stage cmd/doc-add \
		cmd/doc-list cmd/doc-pay cmd/crm-import cmd/crm-export \
		cmd/deal-edit cmd/doc-edit cmd/client-merge
BINS_RULE =	cmd/crm-rules cmd/plan-check cmd/crm-control
BINS_KPI =	cmd/kpi-report
BINS_MORE =	cmd/crm-digest cmd/task-remind
ALLBINS =	$(BINS) $(BINS_TASK) $(BINS_DEAL) $(BINS_RULE) $(BINS_KPI) \
		$(BINS_MORE)
# The forced command of ssh keys (crm-shell(1)): it runs the tools of
# $(BINDIR) by their path, and is installed without the group.
SHELLBIN =	cmd/crm-shell

UNITS =		tests/unit/t-date tests/unit/t-input tests/unit/t-junk \
		tests/unit/t-text tests/unit/t-typed tests/unit/t-sha256
UNITS_TASK =
UNITS_DEAL =
UNITS_RULE =	tests/unit/t-rollout
UNITS_KPI =	tests/unit/t-stats
UNITS_MORE =
UNITS_ICAL =	tests/unit/t-ical
UNITS_BENCH =	tests/unit/t-plans tests/unit/t-handle tests/unit/t-store \
		tests/unit/t-pg
ALLUNITS =	$(UNITS) $(UNITS_TASK) $(UNITS_DEAL) $(UNITS_RULE) \
		$(UNITS_KPI) $(UNITS_MORE) $(UNITS_ICAL) $(UNITS_BENCH)

MAN1 =		man/crm-user.1 man/crm-log.1 man/crm-backup.1 man/crm-verify.1 \
		man/crm-erase.1 man/crm-undo.1
MAN1_TASK =	man/task-add.1 man/task-today.1 man/task-done.1 \
		man/task-move.1 man/task-cancel.1 man/task-list.1 \
		man/task-reopen.1 man/task-edit.1 man/task-accept.1 \
		man/task-return.1
MAN1_DEAL =	man/client-add.1 man/client-list.1 man/client-edit.1 \
		man/deal-add.1 man/deal-list.1 man/deal-stage.1 man/doc-add.1 \
		man/doc-list.1 man/doc-pay.1 man/crm-import.1 man/crm-export.1 \
		man/deal-edit.1 man/doc-edit.1 man/client-merge.1
MAN1_RULE =	man/crm-rules.1 man/plan-check.1 man/crm-control.1
MAN1_KPI =	man/kpi-report.1
MAN1_MORE =	man/crm-digest.1 man/task-remind.1 man/crm-shell.1
ALLMAN1 =	$(MAN1) $(MAN1_TASK) $(MAN1_DEAL) $(MAN1_RULE) $(MAN1_KPI) \
		$(MAN1_MORE)
MANS =		$(ALLMAN1) man/crm.5 man/crm.7 man/libcrm.3
# The pages in Russian of the tools used every day, and the overview.
MANRU1 =	man/ru/task-today.1 man/ru/task-add.1 man/ru/task-done.1 \
		man/ru/plan-check.1 man/ru/task-move.1 man/ru/task-cancel.1 \
		man/ru/task-list.1 man/ru/task-reopen.1 man/ru/task-edit.1 \
		man/ru/crm-undo.1 man/ru/crm-digest.1 man/ru/task-remind.1 \
		man/ru/kpi-report.1 man/ru/client-add.1 man/ru/client-edit.1 \
		man/ru/client-list.1 man/ru/client-merge.1 man/ru/crm-backup.1 \
		man/ru/crm-erase.1 man/ru/doc-edit.1 man/ru/doc-pay.1 \
		man/ru/doc-add.1 man/ru/doc-list.1 man/ru/deal-add.1 \
		man/ru/deal-edit.1 man/ru/deal-list.1 man/ru/crm-verify.1 \
		man/ru/deal-stage.1 man/ru/crm-user.1 man/ru/crm-export.1 \
		man/ru/crm-control.1 man/ru/crm-log.1 man/ru/crm-rules.1 \
		man/ru/crm-import.1 man/ru/crm-shell.1 \
		man/ru/task-accept.1 man/ru/task-return.1
MANRU =		$(MANRU1) man/ru/crm.7

# The catalogues of the library's words, one po/LANG.po each.
LANGS =		ru
MOS =		po/locale/ru/LC_MESSAGES/crm.mo

all: lib/libcrm.so lib/libcrm.a $(ALLBINS) $(SHELLBIN) lib/crm.pc $(MOS)

.c.o:
	$(CC) $(CFLAGS) $(DEPCFLAGS) -c -o $@ $<

# Which headers each object, tool and unit test includes: the lines at
# the end of this file, which `make deps` writes (tests/deps.sh, from the
# compiler's -MM) and tests/09-deps.t checks; tests/06-rebuild.t
# touches each header and checks that exactly its objects are remade.

# The configuration file's path is compiled in: a setgid tool may trust
# no path from its caller.
lib/conf.o: lib/conf.c Makefile
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_SYSCONFDIR='"$(SYSCONFDIR)"' \
	    -c -o $@ lib/conf.c

# The production calendar is data (data/calendar-ru.tsv), built into the
# library as one string, so that a new database starts with it.
lib/calendar_ru.c: data/calendar-ru.tsv
	awk 'BEGIN { print "/* Made by make from data/calendar-ru.tsv. */"; \
	    print "#include \"crm_int.h\""; \
	    print "const char crmi_calendar_ru[] =" } \
	    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); \
	    print "\t\"" $$0 "\\n\"" } \
	    END { print "\t\"\";" }' data/calendar-ru.tsv > $@

# Where the catalogues are installed; the build tree's po/locale is used
# when the tools run from the build tree (locale.c).
lib/locale.o: lib/locale.c Makefile
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_LOCALEDIR='"$(LOCALEDIR)"' \
	    -c -o $@ lib/locale.c

po/locale/ru/LC_MESSAGES/crm.mo: po/ru.po
	mkdir -p po/locale/ru/LC_MESSAGES
	msgfmt -c -o $@ po/ru.po

# The template from every message in lib/ and cmd/, for a new translation
# or to merge new messages into the old ones (msgmerge -U po/ru.po po/crm.pot).
XGETTEXT =	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
		--keyword=_ --keyword=N_ --keyword=L --keyword=crmi_err:3 \
		--keyword=crmi_already:3 \
		--keyword=NC_:1c,2 --keyword=TR:2 --keyword=crmi_ntr:1,2 --keyword=dgettext:2 \
		--keyword=dngettext:2,3 --keyword=n_:1,2 \
		--package-name=crm --msgid-bugs-address=
pot:
	$(XGETTEXT) -o po/crm.pot lib/*.c cmd/*.c cmd/libcmd/*.c cmd/libcmd/*.h

lib/libcrm.so.$(VERSION): $(ALLOBJS) lib/libcrm.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libcrm.so.$(SOVER) \
	    -Wl,--version-script=lib/libcrm.map -Wl,-z,defs \
	    -o $@ $(ALLOBJS) $(DEPLIBS)

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

# What the tools share (cmd/libcmd/common.h): compiled once, into an
# archive, so that each tool links the members it calls and no more.  Its
# own directory: every file of cmd/ is a tool.
CMDOBJS =	cmd/libcmd/common.o cmd/libcmd/common_run.o \
		cmd/libcmd/common_ids.o cmd/libcmd/common_edit.o \
		cmd/libcmd/common_quick.o cmd/libcmd/common_rules.o \
		cmd/libcmd/common_words.o cmd/libcmd/common_when.o
LIBCMD =	cmd/libcmd/libcmd.a

$(LIBCMD): $(CMDOBJS)
	rm -f $@
	ar rcs $@ $(CMDOBJS)

# Tools link the shared library and find it beside them when run from
# the build tree ($ORIGIN/../lib), and in $(LIBDIR) once installed.
# Each tool is built from its own source by the rule for .c below; all
# of them share cmd/libcmd/libcmd.a (the grammar, crm(7)) and the library.
.c:
	$(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $@ $< $(LIBCMD) \
	    -Llib -lcrm -Wl,-rpath,'$$ORIGIN/../lib' $(DEPLIBS)

$(ALLBINS): lib/libcrm.so $(LIBCMD)
# The tools' directory is compiled in: crm-shell searches no PATH.
$(SHELLBIN): cmd/crm-shell.c lib/libcrm.so $(LIBCMD) Makefile
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_BINDIR='"$(BINDIR)"' $(LDFLAGS) \
	    -o $@ cmd/crm-shell.c $(LIBCMD) \
	    -Llib -lcrm -Wl,-rpath,'$$ORIGIN/../lib' $(DEPLIBS)

# Unit tests link the static library, internals included.
$(ALLUNITS): lib/libcrm.a $(ALLUNITS:=.c)
	$(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $@ $@.c lib/libcrm.a \
	    $(DEPLIBS)

# The whole suite: the unit tests and the shell tests on SQLite, then the
# shell tests that run on PostgreSQL again against a server of their own.
check: check-sqlite
	$(MAKE) check-pg

# Test files run two at a time (the machine's two cores; each file has a
# directory, database, server and users of its own).
JOBS =		2

check-sqlite: all $(ALLUNITS) lint
	prove -f $(ALLUNITS)
	prove -f -j$(JOBS) tests/*.t

# The shell suite against PostgreSQL: each test file on a server of its
# own (tests/pg.sh): every file; what is SQLite's own is skipped there,
# each place named with its reason at the top of tests/lib.sh.
# Not under valgrind or the sanitizers: the tools are the same, only the
# driver differs, and CI's time is kept for the SQLite suite under them.
check-pg: all $(ALLUNITS)
	CRM_TEST_PG=1 prove -f -j$(JOBS) tests/*.t

# The Russian pages also as installed (man/ru-man.sh): man(7), headings
# in Russian.
lint:
	mandoc -Tlint -Wwarning $(MANS) $(MANRU)
	for f in $(MANRU); do sh man/ru-man.sh $$f | \
	    mandoc -Tlint -Wwarning -man || { echo "$$f: installed"; exit 1; }; \
	    done

# The SQLite suite again, built with AddressSanitizer and UBSan.
sanitize:
	$(MAKE) clean
	CRM_TEST_CFLAGS='-fsanitize=address,undefined' \
	$(MAKE) check-sqlite CFLAGS='-O1 -g -fno-omit-frame-pointer \
	    -fsanitize=address,undefined -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined'
	$(MAKE) clean

# The shell tests again, every tool run under valgrind; any error or
# definite leak makes the tool exit 99, which fails the test.
VALGRIND =	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite

# The tools under valgrind over a subset of the shell tests that, taken
# together, runs every tool (checked by hand against cmd/): valgrind
# stretches each tool's start tenfold, and the whole suite would take
# CI's hour.  ASan and UBSan (make sanitize) run the whole suite.
VGTESTS =	tests/10-user.t tests/14-common.t tests/22-task-done.t \
		tests/28-task-edit.t tests/35-undo.t tests/33-import.t \
		tests/42-rollout.t tests/50-kpi.t tests/60-digest.t \
		tests/64-remind.t tests/88-audit-chain.t

valgrind: all $(ALLUNITS)
	rm -rf tests/tmp/vg
	mkdir -p tests/tmp/vg
	for f in $(ALLBINS); do \
	    printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(VALGRIND)' \
	    "`pwd`/$$f" > tests/tmp/vg/$${f#cmd/}; \
	    chmod +x tests/tmp/vg/$${f#cmd/}; done
	for u in $(ALLUNITS); do $(VALGRIND) $$u > /dev/null || exit 1; done
	CRM_TEST_BIN=`pwd`/tests/tmp/vg prove -f -j$(JOBS) --timer $(VGTESTS)

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

FUZZDATE =	lib/date.c lib/id.c lib/when.c $(FUZZTEXT)
tests/fuzz/fuzz-date: tests/fuzz/fuzz-date.c $(FUZZDATE)
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c $(FUZZDATE) $(FUZZLIBS)
tests/fuzz/fuzz-money: tests/fuzz/fuzz-money.c lib/money.c
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c lib/money.c $(FUZZLIBS)
FUZZTEXT =	lib/input.c lib/text.c tests/fuzz/stubs.c
tests/fuzz/fuzz-csv: tests/fuzz/fuzz-csv.c $(FUZZTEXT)
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c $(FUZZTEXT) $(FUZZLIBS)
tests/fuzz/fuzz-tsv: tests/fuzz/fuzz-tsv.c $(FUZZTEXT)
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c $(FUZZTEXT) $(FUZZLIBS)
tests/fuzz/fuzz-escape: tests/fuzz/fuzz-escape.c $(FUZZTEXT)
	$(FUZZCC) $(FUZZFLAGS) -o $@ $@.c $(FUZZTEXT) $(FUZZLIBS)

fuzz: $(FUZZERS)
	for f in $(FUZZERS); do \
	    n=$${f#tests/fuzz/fuzz-}; mkdir -p tests/fuzz/out/$$n; \
	    if ! $$f -max_total_time=$(FUZZTIME) -print_final_stats=1 \
	        tests/fuzz/out/$$n tests/fuzz/corpus/$$n \
	        > tests/fuzz/out/$$n.log 2>&1; then \
	        tail -40 tests/fuzz/out/$$n.log; exit 1; fi; \
	    echo "$$n: `grep number_of_executed_units tests/fuzz/out/$$n.log`"; \
	done

# The demo's day: empty for the last working day before today.
DAY =
demo: all
	sh tests/demo.sh "" $(DAY)

# The calendar sweep (tests/sweep.sh): the test files that read a clock
# (tools run as real users, the PostgreSQL server, date(1)) and the demo,
# with the machine's clock moved by libfaketime to each of its instants,
# in the department's zone of each.  SWEEP_EVERY runs at every instant;
# SWEEP_SOME at the two New Year instants, where the date differs
# between the zone and UTC (costly files: a server, the setgid install).
# Every other file pins its clock (CRM_NOW, tests/lib.sh); the whole
# suite at one instant: CRM_TEST_AT='2027-01-01 00:00:30' make check.
SWEEP_EVERY =	tests/11-db.t tests/13-identity.t tests/58-demo.t \
		tests/87-zone.t
SWEEP_SOME =	tests/82-bad-input.t tests/85-setgid.t tests/86-db-holes.t \
		tests/94-pg-server.t tests/96-pg-move.t
sweep: all
	SWEEP_EVERY='$(SWEEP_EVERY)' SWEEP_SOME='$(SWEEP_SOME)' \
	    SWEEP_JOBS=$(JOBS) sh tests/sweep.sh

install: all install-man install-mo
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(PCDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR) $(DESTDIR)$(COMPDIR)
	cp $(ALLBINS) $(SHELLBIN) $(DESTDIR)$(BINDIR)/
	cp data/calendar-ru.tsv $(DESTDIR)$(DATADIR)/
	cp completion/crm.bash $(DESTDIR)$(COMPDIR)/crm
	for f in $(ALLBINS); do ln -sf crm $(DESTDIR)$(COMPDIR)/$${f#cmd/}; \
	    done
	cp lib/libcrm.so.$(VERSION) lib/libcrm.a $(DESTDIR)$(LIBDIR)/
	ln -sf libcrm.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcrm.so.$(SOVER)
	ln -sf libcrm.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcrm.so
	cp lib/crm.h $(DESTDIR)$(INCDIR)/
	$(PCSED) lib/crm.pc.in > $(DESTDIR)$(PCDIR)/crm.pc

install-mo: $(MOS)
	for l in $(LANGS); do \
	    mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    cp po/locale/$$l/LC_MESSAGES/crm.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/crm.mo || exit 1; done

install-man:
	mkdir -p $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(ALLMAN1) $(DESTDIR)$(MANDIR)/man1/
	cp man/libcrm.3 $(DESTDIR)$(MANDIR)/man3/
	cp man/crm.5 $(DESTDIR)$(MANDIR)/man5/
	cp man/crm.7 $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(MANDIR)/ru/man1 $(DESTDIR)$(MANDIR)/ru/man7
	for f in $(MANRU); do s=$${f##*.}; \
	    sh man/ru-man.sh $$f > $(DESTDIR)$(MANDIR)/ru/man$$s/$${f#man/ru/} \
	    || exit 1; done

# The department's database, enforced (crm(7) SECURITY): the tools
# setgid to $(CRMGROUP), linked with the static library so that no
# library path a caller sets can reach them; the database directory
# $(CRMGROUP)'s alone; the configuration file naming the database.  The
# people are not in the group.  Run as root.
# The paths compiled in (conf.c, locale.c) are this install's, whatever
# the build tree's objects were made with: the two files are compiled
# again, outside the tree, and linked before the archive.
install-shared: lib/libcrm.a $(LIBCMD) install-man install-mo
	getent group $(CRMGROUP) > /dev/null || \
	    groupadd --system $(CRMGROUP) || { sleep 2; \
	    getent group $(CRMGROUP) > /dev/null || \
	    groupadd --system $(CRMGROUP); }
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)
	d=`mktemp -d` && \
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_SYSCONFDIR='"$(SYSCONFDIR)"' \
	    -c -o $$d/conf.o lib/conf.c && \
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_LOCALEDIR='"$(LOCALEDIR)"' \
	    -c -o $$d/locale.o lib/locale.c && \
	for f in $(ALLBINS); do \
	    t=$(DESTDIR)$(BINDIR)/$${f#cmd/}; \
	    $(CC) $(CFLAGS) $(DEPCFLAGS) $(LDFLAGS) -o $$t.new $$f.c \
	        $(LIBCMD) $$d/conf.o $$d/locale.o lib/libcrm.a \
	        $(DEPLIBS) && \
	    chown root:$(CRMGROUP) $$t.new && chmod 2755 $$t.new && \
	    mv -f $$t.new $$t || { rm -rf $$d; exit 1; }; done; \
	$(CC) $(CFLAGS) $(DEPCFLAGS) -DCRM_BINDIR='"$(BINDIR)"' $(LDFLAGS) \
	    -o $(DESTDIR)$(BINDIR)/crm-shell.new cmd/crm-shell.c \
	    $(LIBCMD) $$d/conf.o $$d/locale.o lib/libcrm.a $(DEPLIBS) && \
	chmod 0755 $(DESTDIR)$(BINDIR)/crm-shell.new && \
	mv -f $(DESTDIR)$(BINDIR)/crm-shell.new $(DESTDIR)$(BINDIR)/crm-shell; \
	rc=$$?; rm -rf $$d; exit $$rc
	mkdir -p $(DESTDIR)$(LOCALSTATEDIR)/lib
	install -d -m 2770 -o root -g $(CRMGROUP) \
	    $(DESTDIR)$(LOCALSTATEDIR)/lib/crm
	test -e $(DESTDIR)$(SYSCONFDIR)/crm.conf || \
	    printf '# crm(5): root only may write this file.\ndatabase %s\n' \
	    '$(LOCALSTATEDIR)/lib/crm/crm.db' > $(DESTDIR)$(SYSCONFDIR)/crm.conf
	chown root:root $(DESTDIR)$(SYSCONFDIR)/crm.conf
	chmod 0644 $(DESTDIR)$(SYSCONFDIR)/crm.conf

uninstall:
	for f in $(ALLBINS) $(SHELLBIN); do rm -f $(DESTDIR)$(BINDIR)/$${f#cmd/} \
	    $(DESTDIR)$(COMPDIR)/$${f#cmd/}; done
	rm -f $(DESTDIR)$(COMPDIR)/crm
	rm -f $(DESTDIR)$(LIBDIR)/libcrm.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/libcrm.so.$(SOVER) \
	    $(DESTDIR)$(LIBDIR)/libcrm.so $(DESTDIR)$(LIBDIR)/libcrm.a \
	    $(DESTDIR)$(INCDIR)/crm.h $(DESTDIR)$(PCDIR)/crm.pc \
	    $(DESTDIR)$(MANDIR)/man3/libcrm.3 $(DESTDIR)$(MANDIR)/man5/crm.5 \
	    $(DESTDIR)$(MANDIR)/man7/crm.7 $(DESTDIR)$(MANDIR)/ru/man7/crm.7 \
	    $(DESTDIR)$(DATADIR)/calendar-ru.tsv
	for l in $(LANGS); do \
	    rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/crm.mo; done
	for f in $(ALLMAN1); do \
	    rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done
	for f in $(MANRU1); do \
	    rm -f $(DESTDIR)$(MANDIR)/ru/man1/$${f#man/ru/}; done

clean:
	rm -f $(ALLOBJS) $(CMDOBJS) $(LIBCMD) $(ALLBINS) $(SHELLBIN) $(ALLUNITS) lib/libcrm.so* \
	    lib/libcrm.a lib/crm.pc lib/calendar_ru.c
	rm -rf tests/tmp tests/fuzz/out $(FUZZERS) po/locale

# The headers each file includes, as the compiler sees them, written at
# the end of this file in place of the old list.
deps: lib/calendar_ru.c
	CC='$(CC)' DEPCFLAGS="$(DEPCFLAGS)" sh tests/deps.sh > Makefile.deps
	sed '/^# make deps: what follows/q' Makefile > Makefile.new
	cat Makefile.deps >> Makefile.new
	rm -f Makefile.deps
	mv Makefile.new Makefile

.PHONY: deps all pot check check-sqlite check-pg lint sanitize valgrind fuzz demo sweep install install-man \
	install-mo \
	install-shared uninstall clean

# make deps: what follows is written by it, from the compiler (-MM).
lib/anchor.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/audit.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/backup.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/calendar.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/calendar_ru.o: lib/crm_int.h lib/crm.h lib/store.h
lib/client.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/sales_int.h
lib/clientmerge.o: lib/sales_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/conf.o: lib/crm_int.h lib/crm.h lib/store.h
lib/crm.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/date.o: lib/crm_int.h lib/crm.h lib/store.h
lib/db.o: lib/crm_int.h lib/crm.h lib/store.h
lib/dberr.o: lib/crm_int.h lib/crm.h lib/store.h
lib/dbstmt.o: lib/crm_int.h lib/crm.h lib/store.h
lib/dbtx.o: lib/crm_int.h lib/crm.h lib/store.h
lib/deal.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/sales_int.h
lib/dealedit.o: lib/sales_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/department.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/digest.o: lib/digest_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/digesthead.o: lib/digest_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/doc.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/sales_int.h
lib/entry.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/export.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/sales_int.h lib/task_int.h
lib/ical.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/id.o: lib/crm_int.h lib/crm.h lib/store.h
lib/import.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h
lib/import_head.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h
lib/import_people.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h
lib/import_read.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h
lib/import_sales.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h
lib/import_tasks.o: lib/import_int.h lib/records_int.h lib/domain_int.h \
	lib/crm_int.h lib/crm.h lib/store.h lib/rec_int.h lib/sales_int.h \
	lib/task_int.h
lib/input.o: lib/crm_int.h lib/crm.h lib/store.h
lib/junk.o: lib/crm_int.h lib/crm.h lib/store.h
lib/kind.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/kpi.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/kpi_int.h
lib/kpiday.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/kpi_int.h
lib/kpihtml.o: lib/kpihtml_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/kpipeople.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/kpi_int.h
lib/kpisales.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/kpi_int.h
lib/kpiscore.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/kpi_int.h
lib/kpisvg.o: lib/kpihtml_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/kpiview.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/locale.o: lib/crm_int.h lib/crm.h lib/store.h
lib/mail.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/money.o: lib/crm.h
lib/out.o: lib/out_int.h lib/crm_int.h lib/crm.h lib/store.h
lib/outtable.o: lib/out_int.h lib/crm_int.h lib/crm.h lib/store.h
lib/person.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h
lib/plan.o: lib/plan_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/planset.o: lib/plan_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/priv.o: lib/crm_int.h lib/crm.h lib/store.h
lib/quick.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/recout.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/sales_int.h
lib/remind.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/review.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/rollout.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/rule.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/rule_int.h
lib/rulereg.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/rule_int.h
lib/schema.o: lib/crm_int.h lib/crm.h lib/store.h lib/schema.h
lib/schema_pg.o: lib/crm_int.h lib/crm.h lib/store.h lib/schema.h
lib/schema_v1.o: lib/crm_int.h lib/crm.h lib/store.h lib/schema.h
lib/schema_v3.o: lib/crm_int.h lib/crm.h lib/store.h lib/schema.h
lib/series.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/sha256.o: lib/crm_int.h lib/crm.h lib/store.h
lib/stats.o: lib/crm.h
lib/store.o: lib/store.h
lib/store_pg.o: lib/store_pg.h lib/store.h
lib/store_pgconn.o: lib/store_pg.h lib/store.h
lib/store_pgcopy.o: lib/store_pg.h lib/store.h
lib/store_pgsql.o: lib/store.h
lib/store_sqlite.o: lib/store.h lib/store_sqlite.h
lib/task.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/taskedit.o: lib/task_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h
lib/taskmod.o: lib/task_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h
lib/taskout.o: lib/records_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h lib/task_int.h
lib/taskview.o: lib/task_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h lib/rec_int.h
lib/text.o: lib/crm_int.h lib/crm.h lib/store.h
lib/title.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/undo.o: lib/sales_int.h lib/domain_int.h lib/crm_int.h lib/crm.h \
	lib/store.h
lib/undoturn.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
lib/when.o: lib/crm_int.h lib/crm.h lib/store.h
lib/zone.o: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h
cmd/client-add: lib/crm.h cmd/libcmd/common.h
cmd/client-edit: lib/crm.h cmd/libcmd/common.h
cmd/client-list: lib/crm.h cmd/libcmd/common.h
cmd/client-merge: lib/crm.h cmd/libcmd/common.h
cmd/crm-backup: lib/crm.h cmd/libcmd/common.h
cmd/crm-control: lib/crm.h cmd/libcmd/common.h
cmd/crm-digest: lib/crm.h cmd/libcmd/common.h
cmd/crm-erase: lib/crm.h cmd/libcmd/common.h
cmd/crm-export: lib/crm.h cmd/libcmd/common.h
cmd/crm-import: lib/crm.h cmd/libcmd/common.h
cmd/crm-log: lib/crm.h cmd/libcmd/common.h
cmd/crm-rules: lib/crm.h cmd/libcmd/common.h
cmd/crm-shell: lib/crm.h cmd/libcmd/common.h
cmd/crm-undo: lib/crm.h cmd/libcmd/common.h
cmd/crm-user: lib/crm.h cmd/libcmd/common.h
cmd/crm-verify: lib/crm.h cmd/libcmd/common.h
cmd/deal-add: lib/crm.h cmd/libcmd/common.h
cmd/deal-edit: lib/crm.h cmd/libcmd/common.h
cmd/deal-list: lib/crm.h cmd/libcmd/common.h
cmd/deal-stage: lib/crm.h cmd/libcmd/common.h
cmd/doc-add: lib/crm.h cmd/libcmd/common.h
cmd/doc-edit: lib/crm.h cmd/libcmd/common.h
cmd/doc-list: lib/crm.h cmd/libcmd/common.h
cmd/doc-pay: lib/crm.h cmd/libcmd/common.h
cmd/kpi-report: lib/crm.h cmd/libcmd/common.h
cmd/plan-check: lib/crm.h cmd/libcmd/common.h
cmd/task-accept: lib/crm.h cmd/libcmd/common.h
cmd/task-add: lib/crm.h cmd/libcmd/common.h
cmd/task-cancel: lib/crm.h cmd/libcmd/common.h
cmd/task-done: lib/crm.h cmd/libcmd/common.h
cmd/task-edit: lib/crm.h cmd/libcmd/common.h
cmd/task-list: lib/crm.h cmd/libcmd/common.h
cmd/task-move: lib/crm.h cmd/libcmd/common.h
cmd/task-remind: lib/crm.h cmd/libcmd/common.h
cmd/task-reopen: lib/crm.h cmd/libcmd/common.h
cmd/task-return: lib/crm.h cmd/libcmd/common.h
cmd/task-today: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_edit.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_ids.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_quick.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_rules.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_run.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_when.o: lib/crm.h cmd/libcmd/common.h
cmd/libcmd/common_words.o: lib/crm.h cmd/libcmd/common.h
tests/unit/t-date: lib/crm.h tests/unit/tap.h
tests/unit/t-handle: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/crm_int.h lib/store_sqlite.h tests/unit/tap.h tests/unit/tmpdb.h
tests/unit/t-ical: lib/crm_int.h lib/crm.h lib/store.h tests/unit/tap.h
tests/unit/t-input: lib/crm.h tests/unit/tap.h
tests/unit/t-junk: lib/crm.h tests/unit/tap.h
tests/unit/t-pg: lib/crm_int.h lib/crm.h lib/store.h tests/unit/tap.h
tests/unit/t-plans: lib/crm_int.h lib/crm.h lib/store.h lib/domain_int.h \
	lib/crm_int.h lib/store_sqlite.h tests/unit/tap.h tests/unit/tmpdb.h
tests/unit/t-rollout: lib/crm.h tests/unit/tap.h
tests/unit/t-sha256: lib/crm_int.h lib/crm.h lib/store.h tests/unit/tap.h
tests/unit/t-stats: lib/crm.h tests/unit/tap.h
tests/unit/t-store: lib/crm_int.h lib/crm.h lib/store.h tests/unit/tap.h \
	tests/unit/tmpdb.h
tests/unit/t-text: lib/crm_int.h lib/crm.h lib/store.h tests/unit/tap.h
tests/unit/t-typed: lib/crm.h tests/unit/tap.h
