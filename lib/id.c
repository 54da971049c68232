/*
 * id.c: the ids every tool takes, one by one (crm_id_parse) or piped in
 * (crm_ids_read, crm_ids_args), and acted on all or nothing
 * (crm_ids_each); and the check digits of a Russian taxpayer number
 * (INN), which a client's record keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

/* A line of ids on standard input: its first field is read. */
#define IDS_LINE_MAX	8192

static const int inn10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
static const int inn11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
static const int inn12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };

static int
inn_check(const char *s, const int *w, size_t n)
{
	size_t	 i;
	int	 sum = 0;

	for (i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	return sum % 11 % 10 == s[n] - '0';
}

/*
 * An id as every tool takes it: [1-9][0-9]*, at most 18 digits, nothing
 * before or after (no sign, no space, no leading zero).
 */
int
crm_id_parse(const char *s, int64_t *id)
{
	size_t	 n;
	int64_t	 v = 0;

	if (s == NULL || *s < '1' || *s > '9')
		return CRM_EINVAL;
	n = strspn(s, "0123456789");
	if (s[n] != '\0' || n > 18)
		return CRM_EINVAL;
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	*id = v;
	return CRM_OK;
}

/*
 * Whether s is a Russian INN: 10 digits (an organisation) or 12 (a
 * person or sole trader) whose check digits agree, nothing else.
 * Returns 1 when valid, 0 when not (NULL included).
 */
int
crm_inn_valid(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	n = strspn(s, "0123456789");
	if (s[n] != '\0')
		return 0;
	if (n == 10)
		return inn_check(s, inn10, 9);
	if (n == 12)
		return inn_check(s, inn11, 10) && inn_check(s, inn12, 11);
	return 0;
}

/*
 * The id of a line of ids piped in, into *id: its first field, ended by
 * a tab, the aligned view's gap of two spaces or the end of the line.
 * *idend is where the id of the line above ended (0: none), and gets
 * this one's.  0 for a line with no id: a heading has none there, a
 * summary ("2 overdue, 1 today") is prose, with one space after its
 * number, and a title's second line in the aligned view starts with
 * blanks past the end of the id above it (ids are aligned to the
 * right): a continuation, whatever its first word.
 */
static int
line_id(char *line, size_t *idend, int64_t *id)
{
	char	*first, *end;

	first = line + strspn(line, " \t");
	end = first + strcspn(first, " \t\r\n");
	if (end[0] == ' ' && end[1] != ' ')
		return 0;
	if (first > line && *idend > 0 &&
	    (size_t)(first - line) >= *idend + 2)
		return 0;
	*end = '\0';
	if (crm_id_parse(first, id) != CRM_OK)
		return 0;
	*idend = end - line;
	return 1;
}

int
crm_ids_read(struct crm *crm, FILE *fp, int64_t **ids, size_t *n)
{
	char		*line = NULL, *rest = NULL;
	size_t		 sz = 0, rsz = 0, idend = 0;
	long		 ln = 0;
	int64_t		*v, id;
	ssize_t		 len, r;
	int		 rc = CRM_OK;

	while (rc == CRM_OK &&
	    (len = crm_line_read(&line, &sz, fp, IDS_LINE_MAX)) != -1) {
		ln++;
		/* Only the first field counts: skip the rest of a long line. */
		if (len == -2) {
			len = IDS_LINE_MAX;
			while ((r = crm_line_read(&rest, &rsz, fp,
			    IDS_LINE_MAX)) == -2)
				continue;
			if (r == -3)
				len = -3;
		}
		if (len == -3) {
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
			break;
		}
		if (memchr(line, '\0', len) != NULL) {
			rc = crmi_err(crm, CRM_EINVAL, "line %ld: NUL byte in "
			    "the line", ln);
			break;
		}
		if (!line_id(line, &idend, &id))
			continue;
		if ((v = reallocarray(*ids, *n + 1, sizeof(**ids))) == NULL) {
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
			break;
		}
		*ids = v;
		v[(*n)++] = id;
	}
	if (rc == CRM_OK && ferror(fp))
		rc = crmi_err(crm, CRM_EDB, "standard input: read error");
	free(line);
	free(rest);
	return rc;
}

int
crm_ids_each(struct crm *crm, const int64_t *ids, size_t n,
    int (*fn)(struct crm *, int64_t, void *), void *arg)
{
	size_t	 i;
	int	 rc;

	if (n == 0)
		return crmi_err(crm, CRM_EINVAL, "no id given");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	crm->batch = 1;
	for (i = 0; i < n && rc == CRM_OK; i++)
		if ((rc = fn(crm, ids[i], arg)) == CRMI_SKIP)
			rc = CRM_OK;
	crm->batch = 0;
	return crmi_end(crm, rc);
}

int
crm_ids_args(struct crm *crm, int argc, char *const argv[], int64_t **ids,
    size_t *n)
{
	int64_t	*v;
	int	 i;

	*ids = NULL;
	*n = 0;
	if (argc == 0 || (argc == 1 && strcmp(argv[0], "-") == 0)) {
		crm->piped = 1;
		return crm_ids_read(crm, stdin, ids, n);
	}
	if ((v = reallocarray(NULL, argc, sizeof(*v))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	*ids = v;
	for (i = 0; i < argc; i++)
		if (crm_id_parse(argv[i], &v[(*n)++]) != CRM_OK)
			return crmi_err(crm, CRM_EINVAL, "invalid id '%s'",
			    argv[i]);
	return CRM_OK;
}
