/*
 * common.h: what every tool of cmd/ shares, written once in common.c:
 * --help and --version, the usage on a mistake, and the dispatch of the
 * tools that manage things by verb (crm-user, crm-rules, deal-stage,
 * crm-control).  See crm(7), THE GRAMMAR.
 */
#ifndef CMD_COMMON_H
#define CMD_COMMON_H

#include <libintl.h>
#include <stddef.h>
#include <stdint.h>

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

struct crm;
struct crm_out;
void	cmd_out_end(struct crm *, struct crm_out *, int);
int64_t	cmd_find(struct crm *, int (*)(struct crm *, const char *,
	    int64_t *), const char *);
const char *cmd_date_time(int, char *[], int *, int *, const char *);
int	cmd_yes(char *);

#endif
