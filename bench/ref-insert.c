/*
 * ref-insert.c: the reference for bulk input, the least a program must
 * do to store what task-add's batch stores.
 *
 *	ref-insert db actor now <tasks.tsv
 *
 * Reads task-add's TSV (login, due, time, kind, title, note, client id,
 * deal id; all.tsv of bench/gen.c, whose deal's client is the client) and inserts, in one transaction of SQLite, each task and
 * its audit entry into db, a crm database that already holds the
 * people: the same columns, the same indexes, triggers and foreign keys
 * (the file's own schema), the same pragmas as lib/db.c, and the same
 * audit entries chained as lib/audit.c chains them, SHA-256 by libmd.
 * actor is the login of who adds, now the time of record.  It checks
 * nothing (the input is known good), looks each login up in memory, and
 * prepares each statement once.  Its last entry's hash is printed: it
 * equals the one task-add leaves for the same input, which shows that
 * the rows are the same.
 *
 *	cc -O2 -o ref-insert ref-insert.c -lsqlite3 -lmd
 */
#include <sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXP	4096	/* people */

static sqlite3	*db;
static char	*login[MAXP];
static int64_t	 pid[MAXP];
static int	 np;

static void
die(const char *what)
{
	fprintf(stderr, "ref-insert: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void
people(void)
{
	sqlite3_stmt	*st = prep("SELECT id, login FROM person");

	while (sqlite3_step(st) == SQLITE_ROW && np < MAXP) {
		pid[np] = sqlite3_column_int64(st, 0);
		login[np++] = strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
}

static int64_t
person(const char *l)
{
	int	 i;

	for (i = 0; i < np; i++)
		if (strcmp(login[i], l) == 0)
			return pid[i];
	fprintf(stderr, "ref-insert: no such person '%s'\n", l);
	exit(1);
}

/* n in decimal at o, no NUL; its length. */
static int
dec(char *o, long long n)
{
	char	 t[24];
	int	 i = 0, len = 0;

	do
		t[i++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (i > 0)
		o[len++] = t[--i];
	return len;
}

static char *
add(char *o, const char *s)
{
	size_t	 n = strlen(s);

	memcpy(o, s, n);
	return o + n;
}

/* ,"key":"val" (quoted) or ,"key":val at o; no comma after the '{'. */
static char *
kv(char *o, const char *key, const char *val, int quoted)
{
	o = add(o, o[-1] == '{' ? "\"" : ",\"");
	o = add(o, key);
	o = add(o, quoted ? "\":\"" : "\":");
	o = add(o, val);
	return quoted ? add(o, "\"") : o;
}

/* The detail as lib/task.c writes it (the input has no quotes). */
static void
detail(char *d, char **f, int nf)
{
	char	*o = add(d, "{");

	o = kv(o, "assignee", f[0], 1);
	o = kv(o, "kind", f[3], 1);
	o = kv(o, "title", f[4], 1);
	o = kv(o, "due", f[1], 1);
	if (*f[2] != '\0')
		o = kv(o, "time", f[2], 1);
	if (nf > 6 && *f[6] != '\0')
		o = kv(o, "client", f[6], 0);
	if (nf > 7 && *f[7] != '\0')
		o = kv(o, "deal", f[7], 0);
	if (nf > 5 && *f[5] != '\0')
		o = kv(o, "note", f[5], 1);
	o = add(o, "}");
	*o = '\0';
}

/* One value of the chain: "index:type:length:" and its text. */
static void
link_val(SHA2_CTX *c, int i, int type, const char *s, size_t len)
{
	char	 tag[64];
	int	 n;

	n = dec(tag, i);
	tag[n++] = ':';
	n += dec(tag + n, type);
	tag[n++] = ':';
	n += dec(tag + n, (long long)len);
	tag[n++] = ':';
	SHA256Update(c, (const uint8_t *)tag, n);
	SHA256Update(c, (const uint8_t *)s, len);
}

int
main(int argc, char *argv[])
{
	sqlite3_stmt	*ti, *ai, *st;
	SHA2_CTX	 c;
	char		 line[8192], d[8192], *f[8], *p;
	char		 prev[SHA256_DIGEST_STRING_LENGTH] = "";
	char		 dh[SHA256_DIGEST_STRING_LENGTH];
	char		 h[SHA256_DIGEST_STRING_LENGTH];
	char		 num[4][24];
	int		 len[4];
	int64_t		 last = 0, cmd, actor, who, id;
	int		 nf;
	long		 n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: ref-insert db actor now <tsv\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die(argv[1]);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	    "PRAGMA journal_mode = WAL; PRAGMA temp_store = MEMORY;"
	    "PRAGMA cache_size = -131072", NULL, NULL, NULL);
	people();
	actor = person(argv[2]);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		die("begin");
	st = prep("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		snprintf(prev, sizeof(prev), "%s",
		    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	cmd = last + 1;
	ti = prep("INSERT INTO task (assignee_id, author_id, kind, title,"
	    " note, due_date, due_time, first_due, created_at, client_id,"
	    " deal_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?8, ?9, ?10)");
	ai = prep("INSERT INTO audit (detail, detail_hash, hash, id, at,"
	    " actor, entity, entity_id, owner_id, action, cmd)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'task', ?7, ?8, 'create', ?9)");
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (nf = 0, p = line; nf < 8 && p != NULL; nf++)
			f[nf] = strsep(&p, "\t");
		if (nf < 5)
			continue;
		who = person(f[0]);
		sqlite3_bind_int64(ti, 1, who);
		sqlite3_bind_int64(ti, 2, actor);
		sqlite3_bind_text(ti, 3, f[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(ti, 4, f[4], -1, SQLITE_STATIC);
		if (nf > 5 && *f[5] != '\0')
			sqlite3_bind_text(ti, 5, f[5], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(ti, 5);
		sqlite3_bind_text(ti, 6, f[1], -1, SQLITE_STATIC);
		if (*f[2] != '\0')
			sqlite3_bind_text(ti, 7, f[2], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(ti, 7);
		sqlite3_bind_text(ti, 8, argv[3], -1, SQLITE_STATIC);
		if (nf > 6 && *f[6] != '\0')
			sqlite3_bind_int64(ti, 9, strtoll(f[6], NULL, 10));
		else
			sqlite3_bind_null(ti, 9);
		if (nf > 7 && *f[7] != '\0')
			sqlite3_bind_int64(ti, 10, strtoll(f[7], NULL, 10));
		else
			sqlite3_bind_null(ti, 10);
		if (sqlite3_step(ti) != SQLITE_DONE)
			die("insert task");
		sqlite3_reset(ti);
		id = sqlite3_last_insert_rowid(db);

		/* The entry and its link, as lib/audit.c makes them. */
		detail(d, f, nf);
		SHA256Data((const uint8_t *)d, strlen(d), dh);
		len[0] = dec(num[0], last + 1);
		len[1] = dec(num[1], id);
		len[2] = dec(num[2], who);
		len[3] = dec(num[3], cmd);
		SHA256Init(&c);
		SHA256Update(&c, (const uint8_t *)prev, strlen(prev));
		SHA256Update(&c, (const uint8_t *)dh, strlen(dh));
		link_val(&c, 0, SQLITE_INTEGER, num[0], len[0]);
		link_val(&c, 1, SQLITE_TEXT, argv[3], strlen(argv[3]));
		link_val(&c, 2, SQLITE_TEXT, argv[2], strlen(argv[2]));
		link_val(&c, 3, SQLITE_TEXT, "task", 4);
		link_val(&c, 4, SQLITE_INTEGER, num[1], len[1]);
		link_val(&c, 5, SQLITE_INTEGER, num[2], len[2]);
		link_val(&c, 6, SQLITE_TEXT, "create", 6);
		link_val(&c, 7, SQLITE_INTEGER, num[3], len[3]);
		SHA256End(&c, h);
		sqlite3_bind_text(ai, 1, d, -1, SQLITE_STATIC);
		sqlite3_bind_text(ai, 2, dh, -1, SQLITE_STATIC);
		sqlite3_bind_text(ai, 3, h, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ai, 4, last + 1);
		sqlite3_bind_text(ai, 5, argv[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(ai, 6, argv[2], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ai, 7, id);
		sqlite3_bind_int64(ai, 8, who);
		sqlite3_bind_int64(ai, 9, cmd);
		if (sqlite3_step(ai) != SQLITE_DONE)
			die("insert audit");
		sqlite3_reset(ai);
		last++;
		memcpy(prev, h, sizeof(prev));
		n++;
	}
	sqlite3_finalize(ti);
	sqlite3_finalize(ai);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("commit");
	sqlite3_close(db);
	printf("%ld %s\n", n, prev);
	return 0;
}
