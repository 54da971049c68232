/*
 * common.h: what the tools of cmd/ share, compiled once into libcmd.a
 * (each tool links only the members it calls):
 *   common.c		--help and --version, the usage on a mistake, and
 *			the dispatch of the tools that manage things by verb
 *			(crm-user, crm-rules, deal-stage, crm-control); see
 *			crm(7), THE GRAMMAR;
 *   common_run.c	opening the database, failing with the library's
 *			message, the output options -f -H -j -p -t, the end
 *			of a listing, a record found by name;
 *   common_ids.c	the records a tool acts on: operands or piped in,
 *			run one by one in one transaction, the question
 *			before many tasks change;
 *   common_edit.c	the tools whose one option is -f, and the edit tools;
 *   common_rules.c	the regulations as crm-rules lists them;
 *   common_words.c	a command line read into words as sh reads them,
 *			for crm-shell;
 *   common_quick.c	a task typed as a sentence (task-add, task-done -N),
 *			and what its words were read as (task-add -Q);
 *   common_when.c	the date and time words of operands and options.
 */
#ifndef CMD_COMMON_H
#define CMD_COMMON_H

#include <libintl.h>
#include <stddef.h>
#include <stdint.h>

#include "crm.h"

/*
 * The tools' words for people, in gettext's text domain "crm" as the
 * library's (crm(7), Language); N_ marks a string translated where it
 * is used.  Codes, TSV, JSON and -H headers are never marked.
 */
#define _(s)		dgettext("crm", s)
#define N_(s)		s
#define n_(s, p, n)	dngettext("crm", s, p, n)

/* A verb: its options (a getopt string) and how many operands it takes. */
struct cmd_verb {
	const char	*name;
	const char	*opts;
	int		 min, max;
};

const char *cmd_word(const char *, const char *);
void	cmd_start(int, char *[], const char *);
void	cmd_warn(const char *, void *);
void	cmd_usage(const char *) __attribute__((__noreturn__));
void	cmd_usagex(const char *, const char *, ...)
	    __attribute__((__noreturn__, __format__(__printf__, 2, 3)));
const struct cmd_verb *cmd_verb(const struct cmd_verb *, size_t, int,
	    int *, char ***, const char *);
void	cmd_operands(const struct cmd_verb *, int, const char *);

/* common_run.c */

/* What the options -f, -H, -j, -p and -t of a listing tool said. */
struct cmd_list {
	const char	*file;		/* -f: the database, or NULL */
	enum crm_fmt	 fmt;		/* -j -p -t, else CRM_FMT_AUTO */
	int		 header;	/* -H */
};

struct crm *cmd_open(const char *, int);
void	cmd_check(struct crm *, int);
void	cmd_fail(struct crm *, int) __attribute__((__noreturn__));
int	cmd_list_opt(struct cmd_list *, int);
void	cmd_out_end(struct crm *, struct crm_out *, int);
int64_t	cmd_find(struct crm *, int (*)(struct crm *, const char *,
	    int64_t *), const char *);

/* common_ids.c */
int64_t	*cmd_ids(struct crm *, int, char *[], size_t *);
int64_t	*cmd_ids_named(struct crm *, int, char *[],
	    int (*)(struct crm *, const char *, int64_t *), size_t *);
int	cmd_doc_find(struct crm *, const char *, int64_t *);

/* The logins a tool runs for, one by one (crm-digest, plan-check). */
struct cmd_logins {
	char	**login;
	size_t	  n;
};

void	cmd_logins_add(struct cmd_logins *, const char *, int);
void	cmd_logins_clear(struct cmd_logins *);
void	cmd_each(struct crm *, int64_t *, size_t,
	    int (*)(struct crm *, int64_t, void *), void *);
void	cmd_ids_each(struct crm *, int, char *[],
	    int (*)(struct crm *, int64_t, void *), void *);
void	cmd_ask(struct crm *, const int64_t *, size_t, int, const char *,
	    ...) __attribute__((__format__(__printf__, 5, 6)));
int	cmd_yes(char *);

/* common_when.c */
void	cmd_when_operands(struct crm *, int, char *[], int *, int *, int *,
	    const char *);
int	cmd_date_opt(struct crm *, const char *, int, int *, int *,
	    const char *);

/* common_rules.c */
int	cmd_rules_show(struct crm *, const char *, const struct cmd_list *,
	    int, int, char *[]);

/* common_words.c */
size_t	cmd_words(const char *, char *, char *[], size_t, const char *);

/* common_edit.c */
const char *cmd_file_opt(int *, char ***, const char *);
int	cmd_edit_main(int, char *[], const char *, int,
	    int (*)(struct crm *, const char *, int64_t *),
	    int (*)(struct crm *, int64_t, const char *, const char *));

/* common_quick.c: what the options said: a due date, a time (NULL: none). */
struct cmd_quick_opts {
	const char	*due;
	const char	*tm;
};

int	cmd_quick_read(struct crm *, struct crm_task_new *, const char *,
	    const char *, const struct cmd_quick_opts *,
	    struct crm_task_quick *);
void	cmd_quick_dry(int, const struct crm_task_new *,
	    const struct crm_task_quick *);
void	cmd_quick_said(int64_t, const struct crm_task_new *,
	    const struct crm_task_quick *, int);
int	cmd_quick_dry_lines(struct crm *, const struct cmd_quick_opts *);

#endif
