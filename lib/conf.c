/*
 * conf.c: the one configuration file of an installation, root's to
 * write, whose path is compiled in (SYSCONFDIR/crm.conf).  Lines are
 * "key value"; '#' starts a comment; blank lines are ignored.  A value
 * may itself start with a name ("department NAME DATABASE").
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"

#ifndef CRM_SYSCONFDIR
#define CRM_SYSCONFDIR	"/usr/local/etc"
#endif

/* The keys the file may hold. */
static const char *const keys[] = { "database", "department", "secret",
	"lock-timeout", "statement-timeout", "idle-timeout", NULL };

const char *
crm_conf_path(void)
{
	return CRM_SYSCONFDIR "/crm.conf";
}

/* Only root may have written it: owned by root, nobody else may write. */
static int
trusted(struct crm *crm, FILE *fp)
{
	struct stat	 sb;

	if (fstat(fileno(fp), &sb) == -1)
		return crmi_err(crm, CRM_EDB, "%s: %s", crm_conf_path(),
		    strerror(errno));
	if (!S_ISREG(sb.st_mode) || sb.st_uid != 0 ||
	    (sb.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return crmi_err(crm, CRM_EPERM, "%s: refused: the "
		    "configuration must be a file owned by root that only "
		    "root may write", crm_conf_path());
	return CRM_OK;
}

static int
known(const char *key)
{
	size_t	 i;

	for (i = 0; keys[i] != NULL; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Check one line and, when its key is key (and, with word, its value's
 * first word is word), copy its value (the rest after word) into buf.
 * 1 found, 0 not this key, or a status below 0 for a bad line.
 */
static int
line(struct crm *crm, char *s, size_t n, const char *key, const char *word,
    char *buf, size_t sz, int *rc)
{
	char	*v, *e, *w;

	s[strcspn(s, "#\n")] = '\0';
	s += strspn(s, " \t");
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t'); )
		*--e = '\0';
	if (*s == '\0')
		return 0;
	v = s + strcspn(s, " \t");
	if (*v != '\0')
		*v++ = '\0';
	v += strspn(v, " \t");
	/* a department: its name, then its database */
	w = v + strcspn(v, " \t");
	if (!known(s) || *v == '\0' || (strcmp(s, "department") == 0 &&
	    w[strspn(w, " \t")] == '\0')) {
		*rc = crmi_err(crm, CRM_EINVAL, "%s: line %zu: expected "
		    "'key value' with a known key, not '%s'",
		    crm_conf_path(), n, s);
		return -1;
	}
	if (strcmp(s, key) != 0)
		return 0;
	if (word != NULL) {
		if ((size_t)(w - v) != strlen(word) ||
		    strncmp(v, word, w - v) != 0)
			return 0;
		v = w + strspn(w, " \t");
	}
	if (strlcpy(buf, v, sz) >= sz) {
		*rc = crmi_err(crm, CRM_EINVAL, "%s: line %zu: value of "
		    "'%s' too long", crm_conf_path(), n, key);
		return -1;
	}
	return 1;
}

/* The value of key (after word, when not NULL): crmi_conf_get's rules. */
static int
find(struct crm *crm, const char *key, const char *word, char *buf,
    size_t sz)
{
	FILE	*fp;
	char	 s[1024];
	size_t	 n = 0;
	int	 rc = CRM_ENOENT, r;

	if ((fp = fopen(crm_conf_path(), "re")) == NULL) {
		if (errno == ENOENT)
			return CRM_ENOENT;
		return crmi_err(crm, CRM_EDB, "%s: %s", crm_conf_path(),
		    strerror(errno));
	}
	if ((r = trusted(crm, fp)) != CRM_OK) {
		fclose(fp);
		return r;
	}
	while (fgets(s, sizeof(s), fp) != NULL) {
		n++;
		if ((r = line(crm, s, n, key, word, buf, sz, &rc)) < 0)
			break;
		if (r == 1)
			rc = CRM_OK;
	}
	fclose(fp);
	return rc;
}

int
crmi_conf_get(struct crm *crm, const char *key, char *buf, size_t sz)
{
	return find(crm, key, NULL, buf, sz);
}

int
crmi_conf_dept(struct crm *crm, const char *name, char *buf, size_t sz)
{
	return find(crm, "department", name, buf, sz);
}

int
crmi_conf_ms(struct crm *crm, const char *key, int def, int max, int *ms)
{
	char		 buf[32];
	const char	*e;
	int		 rc;

	*ms = def;
	if ((rc = crmi_conf_get(crm, key, buf, sizeof(buf))) == CRM_ENOENT)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	*ms = (int)strtonum(buf, 0, max, &e);
	if (e != NULL)
		return crmi_err(crm, CRM_EINVAL, "%s: invalid %s '%s': a "
		    "number of milliseconds from 0 to %d", crm_conf_path(),
		    key, buf, max);
	return CRM_OK;
}

/*
 * The secret is the department's key to its server: a file of root's
 * that nobody but root and the group (crm, the setgid tools') may read,
 * and only root may write.
 */
static int
secret_safe(struct crm *crm, const char *path, FILE *fp)
{
	struct stat	 sb;

	if (fstat(fileno(fp), &sb) == -1)
		return crmi_err(crm, CRM_EDB, "%s: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode) || sb.st_uid != 0 ||
	    (sb.st_mode & (S_IWGRP | S_IRWXO)) != 0)
		return crmi_err(crm, CRM_EPERM, "%s: refused: the secret must "
		    "be a file owned by root that only root may write and "
		    "others may not read (mode 0640 or 0600)", path);
	return CRM_OK;
}

int
crmi_conf_secret(struct crm *crm, char *buf, size_t sz)
{
	FILE	*fp;
	char	 path[1024];
	int	 rc;

	if ((rc = crmi_conf_get(crm, "secret", path, sizeof(path))) != CRM_OK)
		return rc;
	if ((fp = fopen(path, "re")) == NULL)
		return crmi_err(crm, CRM_EPERM, "%s: cannot read the "
		    "department's secret: %s", path, strerror(errno));
	if ((rc = secret_safe(crm, path, fp)) == CRM_OK &&
	    fgets(buf, sz, fp) == NULL)
		rc = crmi_err(crm, CRM_EINVAL, "%s: the secret file is empty",
		    path);
	fclose(fp);
	if (rc == CRM_OK)
		buf[strcspn(buf, "\r\n")] = '\0';
	return rc;
}
