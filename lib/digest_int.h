/*
 * digest_int.h: what digest.c (a manager's digest, and the digest made
 * and sent) and digesthead.c (a head's digest) share, and nobody else.
 */
#ifndef DIGEST_INT_H
#define DIGEST_INT_H

#include "domain_int.h"

/* The lines of one section, counted, before its heading is known. */
struct sect {
	struct crmi_buf	 b;
	int		 n;
};

/* Something a head should look at; rank 0 is the worst. */
struct problem {
	int	 rank;
	int	 late;
	size_t	 seq;		/* the order found in, for a stable sort */
	char	*line;
};

/* One manager's day, as both digests need it. */
/* A junk or pasted result of a day before, shown under its task. */
struct flag {
	int64_t	 task;
	char	*line;
};

struct mgr {
	int64_t		 id;
	char		*login;
	char		*name;		/* escaped */
	int		 day;
	int		 planned;
	struct sect	 today, late, done, deals, plan, back;
	int		 problems;	/* collect them into pr */
	struct problem	*pr;
	size_t		 npr;
	struct flag	*flag;		/* the days before's junk, for a head */
	size_t		 nflag;
	int		 oom;
};

/* Append one line (cut to the width) to b. */
void	 crmi_digest_line(struct crmi_buf *b, const char *s);

/* Add a line to section s, as printf formats it. */
void	 crmi_digest_sect_add(struct sect *s, const char *fmt,
	    ...) __attribute__((format(printf, 2, 3)));

/* The heading "title (n):" and the lines, or "title: none". */
void	 crmi_digest_sect_put(struct crmi_buf *b, const char *title,
	    const struct sect *s);

/* Escaped free text; "" when s is NULL; NULL only when out of memory. */
char	*crmi_digest_esc(const char *s);

/* A manager's day m, for day, with name and login; CRM_ENOMEM. */
int	 crmi_digest_mgr_init(struct mgr *m, int64_t id,
	    const char *login, const char *name, int day);

/* Free what m holds. */
void	 crmi_digest_mgr_free(struct mgr *m);

/* Gather one manager's day, done work from day since on. */
int	 crmi_digest_collect(struct crm *, struct mgr *m,
	    int since);

/* "25.11 (Wed)", or "20.11 (Fri) – 25.11 (Wed)" for several days. */
void	 crmi_digest_span(int from, int to, char *buf, size_t sz);

/* The first line: "Name: Thursday, 26 November 2026", name cut to fit. */
void	 crmi_digest_title(struct crmi_buf *b, const char *name,
	    const char *what, int day);

/* The text of head id's digest for day, done work from day since on. */
int	 crmi_digest_head(struct crm *, struct crm_digest *dg, int64_t id,
	    int day, int since);

#endif /* !DIGEST_INT_H */
