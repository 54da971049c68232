/*
 * mail.c: a digest as a mail message that "sendmail -t" delivers and any
 * mail client reads: UTF-8 text, headers in ASCII with the Russian parts
 * as RFC 2047 encoded words, lines within the limits of RFC 5322.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"

#define WORD_MAX	75	/* RFC 2047: an encoded word, at most */
#define LINE_MAX_	76	/* RFC 2047: a line holding encoded words */
#define ADDR_MAX	254

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes of s, appended to b. */
static void
base64(struct crmi_buf *b, const unsigned char *s, size_t n)
{
	char		 q[5];
	unsigned int	 v;
	size_t		 i;

	q[4] = '\0';
	for (i = 0; i < n; i += 3) {
		v = s[i] << 16;
		if (i + 1 < n)
			v |= s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		crmi_buf_add(b, q);
	}
}

/*
 * Words end after a space of the text where they can, so that a parser
 * that keeps the space between two encoded words of a phrase (as
 * Python's does, against RFC 2047 6.2) splits no word of a name.
 */
char *
crm_mail_words(const char *text, size_t used)
{
	struct crmi_buf	 b;
	size_t		 len, i, n, k, room, max;

	memset(&b, 0, sizeof(b));
	crmi_buf_add(&b, "");
	len = strlen(text);
	room = used + 12 + 16 < LINE_MAX_ ? LINE_MAX_ - used : WORD_MAX;
	for (i = 0; i < len; i += n) {
		if (i > 0) {
			crmi_buf_add(&b, "\n ");
			room = WORD_MAX;
		}
		/* "=?UTF-8?B?" and "?=" take 12; 4 base64 for 3 bytes */
		max = (room - 12) / 4 * 3;
		n = len - i < max ? len - i : max;
		while (n > 0 && i + n < len &&
		    ((unsigned char)text[i + n] & 0xc0) == 0x80)
			n--;
		if (n == 0)
			n = 1;
		/* end a word after a space when one is near the end */
		for (k = n; i + n < len && k > n / 2; k--)
			if (text[i + k - 1] == ' ') {
				n = k;
				break;
			}
		crmi_buf_add(&b, "=?UTF-8?B?");
		base64(&b, (const unsigned char *)text + i, n);
		crmi_buf_add(&b, "?=");
	}
	if (b.oom) {
		crmi_buf_clear(&b);
		return NULL;
	}
	return b.s;
}

/* A plain addr-spec: local@domain, printable ASCII, no specials. */
static int
addr_valid(const char *s)
{
	const char	*p, *at;

	if ((at = strchr(s, '@')) == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strlen(s) > ADDR_MAX)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
			return 0;
	return 1;
}

/* Whether a display name is printable ASCII, and short. */
static int
ascii_name(const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++)
		if (*p < ' ' || *p >= 0x7f)
			return 0;
	return p - s <= 60;
}

/* An ASCII display name: as it is when only atoms, else quoted. */
static char *
quoted(const char *s)
{
	struct crmi_buf	 b;
	const char	*p;

	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789 !#$%&'*+-/=?^_`{|}~") == strlen(s))
		return strdup(s);
	memset(&b, 0, sizeof(b));
	crmi_buf_add(&b, "\"");
	for (p = s; *p != '\0'; p++)
		crmi_buf_addf(&b, "%s%c", *p == '"' || *p == '\\' ? "\\" :
		    "", *p);
	crmi_buf_add(&b, "\"");
	if (b.oom) {
		crmi_buf_clear(&b);
		return NULL;
	}
	return b.s;
}

/* "Name" <addr> or addr, appended to b after a field of used columns. */
static int
put_mailbox(struct crm *crm, struct crmi_buf *b, const char *name,
    const char *addr, size_t used)
{
	const char	*last;
	char		*w;

	if (!addr_valid(addr))
		return crmi_err(crm, CRM_EINVAL, "invalid e-mail address "
		    "'%s'", addr);
	if (name == NULL || *name == '\0') {
		crmi_buf_addf(b, "%s\n", addr);
		return CRM_OK;
	}
	if (ascii_name(name))
		w = quoted(name);
	else
		w = crm_mail_words(name, used);
	if (w == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	last = strrchr(w, '\n');
	last = last != NULL ? last + 1 : w;
	crmi_buf_add(b, w);
	if ((last == w ? used : 0) + strlen(last) + strlen(addr) + 3 >
	    LINE_MAX_)
		crmi_buf_add(b, "\n");
	crmi_buf_addf(b, " <%s>\n", addr);
	free(w);
	return CRM_OK;
}

/* -F: "addr" or "Name <addr>". */
static int
put_from(struct crm *crm, struct crmi_buf *b, const char *from)
{
	char		*name, *addr, *lt;
	size_t		 n;
	int		 rc;

	if (!crm_text_valid(from, 0))
		return crmi_err(crm, CRM_EINVAL, "invalid sender '%s'", from);
	crmi_buf_add(b, "From: ");
	if ((lt = strchr(from, '<')) == NULL)
		return put_mailbox(crm, b, NULL, from, 6);
	n = strlen(lt + 1);
	if (n == 0 || lt[n] != '>')
		return crmi_err(crm, CRM_EINVAL, "invalid sender '%s'", from);
	if ((name = strndup(from, lt - from)) == NULL ||
	    (addr = strndup(lt + 1, n - 1)) == NULL) {
		free(name);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	for (n = strlen(name); n > 0 && name[n - 1] == ' '; n--)
		name[n - 1] = '\0';
	rc = put_mailbox(crm, b, name, addr, 6);
	free(name);
	free(addr);
	return rc;
}

/* Date: from the handle's clock, with the local zone's offset. */
static void
put_date(struct crm *crm, struct crmi_buf *b)
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm, lt;
	time_t		 t;
	long		 off = 0;
	int		 y, m, d, day, hh = 0, mm = 0, ss = 0;

	day = crm_today(crm);
	crm_date_split(day, &y, &m, &d);
	sscanf(crm->now + 11, "%d:%d:%d", &hh, &mm, &ss);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) != (time_t)-1 && localtime_r(&t, &lt) != NULL)
		off = lt.tm_gmtoff / 60;
	crmi_buf_addf(b, "Date: %s, %d %s %04d %02d:%02d:%02d %c%02ld%02ld\n",
	    wd[crm_date_wday(day)], d, mon[m - 1], y, hh, mm, ss,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

int
crm_digest_mail(struct crm *crm, const struct crm_digest *dg,
    const char *from, char **msg)
{
	struct crmi_buf	 b;
	char		*subj;
	int		 rc;

	*msg = NULL;
	if (dg->email == NULL || *dg->email == '\0')
		return crmi_err(crm, CRM_ENOENT, "no e-mail address for '%s'",
		    dg->login);
	memset(&b, 0, sizeof(b));
	if ((rc = put_from(crm, &b, from)) != CRM_OK)
		goto out;
	crmi_buf_add(&b, "To: ");
	if ((rc = put_mailbox(crm, &b, dg->name, dg->email, 4)) != CRM_OK)
		goto out;
	if ((subj = crm_mail_words(dg->subject, 9)) == NULL) {
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
		goto out;
	}
	crmi_buf_addf(&b, "Subject: %s\n", subj);
	free(subj);
	put_date(crm, &b);
	crmi_buf_add(&b, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Auto-Submitted: auto-generated\n\n");
	crmi_buf_add(&b, dg->text);
	if (b.oom)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
out:
	if (rc != CRM_OK) {
		crmi_buf_clear(&b);
		return rc;
	}
	*msg = b.s;
	return CRM_OK;
}

int
crm_mail_send(struct crm *crm, const char *command, const char *msg)
{
	FILE	*fp;
	pid_t	 pid;
	int	 st;

	/* The command runs as the caller, never with a setgid group. */
	if ((fp = crm_popen_user(command, &pid)) == NULL)
		return crmi_err(crm, CRM_EINVAL, "cannot run '%s': %s",
		    command, strerror(errno));
	fputs(msg, fp);
	st = crm_pclose_user(fp, pid);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return crmi_err(crm, CRM_EINVAL, "'%s' failed (status %d)",
		    command, st == -1 || !WIFEXITED(st) ? -1 :
		    WEXITSTATUS(st));
	return CRM_OK;
}

int
crm_mail_mbox(FILE *fp, const char *sender, const char *now,
    const char *msg)
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const char	*p, *nl;
	char		 ymd[11];
	int		 y, m, d, day;

	memcpy(ymd, now, 10);
	ymd[10] = '\0';
	if (crm_date_iso(ymd, &day) != CRM_OK)
		day = 0;
	crm_date_split(day, &y, &m, &d);
	fprintf(fp, "From %s %s %s %2d %s %d\n", sender,
	    wd[crm_date_wday(day)], mon[m - 1], d, now + 11, y);
	for (p = msg; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (strncmp(p + strspn(p, ">"), "From ", 5) == 0)
			putc('>', fp);
		fwrite(p, 1, nl != NULL ? (size_t)(nl - p + 1) : strlen(p), fp);
		if (nl == NULL)
			break;
	}
	putc('\n', fp);
	return ferror(fp) ? CRM_EDB : CRM_OK;
}

char *
crm_mail_sender(struct crm *crm)
{
	char	 host[256], *from;

	if (gethostname(host, sizeof(host)) != 0 || *host == '\0')
		strlcpy(host, "localhost", sizeof(host));
	host[sizeof(host) - 1] = '\0';
	if (asprintf(&from, "%s@%s", crm->actor.login != NULL ?
	    crm->actor.login : "crm", host) < 0)
		return NULL;
	return from;
}
