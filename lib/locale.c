/*
 * locale.c: the language people read.  The library's words live in
 * gettext's text domain "crm", looked up with dgettext so that a program
 * linking libcrm keeps its own domain.  Numbers stay in the "C" locale
 * whatever the person's, so that TSV and JSON never read "97,8".
 */
#include <dlfcn.h>
#include <libgen.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crm_int.h"

#ifndef CRM_LOCALEDIR
#define CRM_LOCALEDIR	"/usr/local/share/locale"
#endif

/*
 * Run from the build tree, the catalogue is the one beside the library
 * (lib/../po/locale), not an older one installed.  A setgid tool takes
 * only the installed one: a caller may not choose what it reads.
 */
static const char *
locale_dir(char *buf, size_t sz)
{
	Dl_info		 info;
	struct stat	 sb;
	char		 path[PATH_MAX];

	if (crm_priv_setgid() ||
	    dladdr((void *)locale_dir, &info) == 0 || info.dli_fname == NULL)
		return CRM_LOCALEDIR;
	(void)strlcpy(path, info.dli_fname, sizeof(path));
	if ((size_t)snprintf(buf, sz, "%s/../po/locale", dirname(path)) >= sz ||
	    stat(buf, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return CRM_LOCALEDIR;
	return buf;
}

void
crm_locale_init(void)
{
	static int	 done;
	char		 buf[PATH_MAX];

	if (done)
		return;
	done = 1;
	(void)setlocale(LC_ALL, "");
	(void)setlocale(LC_NUMERIC, "C");
	(void)bindtextdomain("crm", locale_dir(buf, sizeof(buf)));
	(void)bind_textdomain_codeset("crm", "UTF-8");
}

const char *
crmi_tr(const char *s)
{
	return dgettext("crm", s);
}

const char *
crmi_ntr(const char *one, const char *many, unsigned long n)
{
	return dngettext("crm", one, many, n);
}

static const char *(*titles)(const char *, const char *);

void
crmi_word_titles(const char *(*fn)(const char *ctx, const char *code))
{
	titles = fn;
}

/*
 * The codes that are no word of English: what people read for them when
 * the catalogue has no entry in their context (English, the C locale).
 */
static const struct {
	const char	*ctx;
	const char	*code;
	const char	*words;
} spoken[] = {
	{ "verdict", "nodata", N_("insufficient data") },
	{ "prev_verdict", "nodata", N_("insufficient data") },
};

/*
 * A word that is a code in TSV and JSON (a state, a verdict) as people
 * read it: the department's title for it (a kind, a stage: the titles
 * registered), else the catalogue's entry in context ctx, else the words
 * of a code that is no word (spoken[]), else the code itself.
 */
const char *
crmi_word(const char *ctx, const char *code)
{
	char		 key[128];
	const char	*t;
	size_t		 i;

	if (code != NULL && titles != NULL && (t = titles(ctx, code)) != NULL)
		return t;
	if (code == NULL || (size_t)snprintf(key, sizeof(key), "%s\004%s",
	    ctx, code) >= sizeof(key))
		return code;
	t = dgettext("crm", key);
	if (t != key)
		return t;
	for (i = 0; i < sizeof(spoken) / sizeof(spoken[0]); i++)
		if (strcmp(spoken[i].ctx, ctx) == 0 &&
		    strcmp(spoken[i].code, code) == 0)
			return _(spoken[i].words);
	return code;
}

/*
 * A date "YYYY-MM-DD" (or a timestamp beginning with one) as people
 * read it in their language: the layout comes from the catalogue, "%a"
 * a weekday, "%d" "%m" "%Y" the numbers.
 * Anything else (not a date) is copied as it is.
 */
/* The short name of the weekday of day, "Mon" ("пн"). */
const char *
crmi_wday_short(int day)
{
	static const char *const wd[] = { N_("Mon"), N_("Tue"), N_("Wed"),
	    N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

	return _(wd[crm_date_wday(day)]);
}

void
crmi_date_people(const char *iso, char *buf, size_t sz)
{
	const char	*lay, *p;
	char		 d[11], one[16];
	int		 day;
	size_t		 len = 0;

	(void)strlcpy(d, iso, sizeof(d));
	if (crm_date_iso(d, &day) != CRM_OK ||
	    (iso[10] != '\0' && iso[10] != ' ' && iso[10] != 'T')) {
		(void)strlcpy(buf, iso, sz);
		return;
	}
	/* TRANSLATORS: a date people read: %a weekday, %d day, %m month,
	   %Y year; e.g. "%a %d.%m.%Y". */
	/* xgettext:no-c-format */
	lay = _("%Y-%m-%d");
	if (sz > 0)
		*buf = '\0';
	for (p = lay; *p != '\0' && len + 1 < sz; p++) {
		one[0] = *p;
		one[1] = '\0';
		if (*p == '%' && p[1] != '\0') {
			switch (*++p) {
			case 'a':
				(void)strlcpy(one, crmi_wday_short(day),
				    sizeof(one));
				break;
			case 'd':
				(void)strlcpy(one, d + 8, sizeof(one));
				break;
			case 'm':
				(void)snprintf(one, sizeof(one), "%.2s", d + 5);
				break;
			case 'Y':
				(void)snprintf(one, sizeof(one), "%.4s", d);
				break;
			default:
				(void)snprintf(one, sizeof(one), "%%%c", *p);
				break;
			}
		}
		len = strlcat(buf, one, sz);
	}
	(void)strlcat(buf, iso + 10, sz);	/* the time, if any */
}

void
crm_date_people(const char *iso, char *buf, size_t sz)
{
	crmi_date_people(iso, buf, sz);
}

/* kop as people read money in their language: "1 250 000,00 ₽". */
void
crmi_money_people(int64_t kop, char *buf, size_t sz)
{
	char		 n[32];
	const char	*lay, *at;

	crm_money_fmt(kop, n, sizeof(n));
	/* TRANSLATORS: a sum of money; {amount} is "1 250 000,00". */
	lay = _("{amount}");
	if ((at = strstr(lay, "{amount}")) == NULL) {
		(void)strlcpy(buf, n, sz);
		return;
	}
	(void)snprintf(buf, sz, "%.*s%s%s", (int)(at - lay), lay, n,
	    at + strlen("{amount}"));
}

/*
 * The words of codes and column headings, for the catalogue: a column of
 * the aligned view is headed, and its codes are shown, by crmi_word() in
 * the column's context; the tools' own column names are listed here too,
 * so that every heading has its entry.
 */
const char *const crmi_words[] = {
	NC_("column", "action"),
	NC_("column", "active"),
	NC_("column", "actor"),
	NC_("column", "advance"),
	NC_("column", "advance_pct"),
	NC_("column", "amount"),
	NC_("column", "assigned"),
	NC_("column", "at"),
	NC_("column", "bar"),
	NC_("column", "by"),
	NC_("column", "byhead"),
	NC_("column", "cancelled"),
	NC_("column", "change"),
	NC_("column", "checker"),
	NC_("column", "clean_pct"),
	NC_("column", "client"),
	NC_("column", "client_id"),
	NC_("column", "close"),
	NC_("column", "closed"),
	NC_("column", "comments"),
	NC_("column", "complete"),
	NC_("column", "contracts"),
	NC_("column", "created"),
	NC_("column", "date"),
	NC_("column", "day"),
	NC_("column", "deal"),
	NC_("column", "default"),
	NC_("column", "detail"),
	NC_("column", "done"),
	NC_("column", "due"),
	NC_("column", "email"),
	NC_("column", "entity"),
	NC_("column", "fields_pct"),
	NC_("column", "findings"),
	NC_("column", "from"),
	NC_("column", "fulldays"),
	NC_("column", "fullplan_pct"),
	NC_("column", "head"),
	NC_("column", "help"),
	NC_("column", "id"),
	NC_("column", "inn"),
	NC_("column", "invoiced"),
	NC_("column", "invoices"),
	NC_("column", "junk"),
	NC_("column", "key"),
	NC_("column", "kind"),
	NC_("column", "late"),
	NC_("column", "login"),
	NC_("column", "lost"),
	NC_("column", "manager"),
	NC_("column", "moves"),
	NC_("column", "n"),
	NC_("column", "name"),
	NC_("column", "notdone"),
	NC_("column", "note"),
	NC_("column", "number"),
	NC_("column", "ontime"),
	NC_("column", "ontime_pct"),
	NC_("column", "opened"),
	NC_("column", "outcome"),
	NC_("column", "paid"),
	NC_("column", "paid_change"),
	NC_("column", "pearson"),
	NC_("column", "pending"),
	NC_("column", "phone"),
	NC_("column", "planned"),
	NC_("column", "pos"),
	NC_("column", "prev_paid"),
	NC_("column", "prev_score"),
	NC_("column", "prev_verdict"),
	NC_("column", "profit"),
	NC_("column", "pts_advance"),
	NC_("column", "pts_clean"),
	NC_("column", "pts_fields"),
	NC_("column", "pts_fullplan"),
	NC_("column", "pts_ontime"),
	NC_("column", "reason"),
	NC_("column", "record"),
	NC_("column", "result"),
	NC_("column", "review"),
	NC_("column", "role"),
	NC_("column", "row"),
	NC_("column", "rule"),
	NC_("column", "scope"),
	NC_("column", "score"),
	NC_("column", "score_change"),
	NC_("column", "selfmade"),
	NC_("column", "series"),
	NC_("column", "set"),
	NC_("column", "spearman"),
	NC_("column", "stage"),
	NC_("column", "state"),
	NC_("column", "task"),
	NC_("column", "team"),
	NC_("column", "time"),
	NC_("column", "title"),
	NC_("column", "to"),
	NC_("column", "value"),
	NC_("column", "verdict"),
	NC_("column", "weekday"),
	NC_("column", "weeks"),
	NC_("column", "who"),
	NC_("column", "win%"),
	NC_("column", "win_pct"),
	NC_("column", "won"),
	NC_("column", "won_amount"),
	NC_("column", "workdays"),
	NC_("column", "working"),
	NC_("column", "x"),
	NC_("column", "y"),
	NC_("state", "open"),
	NC_("state", "overdue"),
	NC_("state", "today"),
	NC_("state", "done"),
	NC_("state", "cancelled"),
	NC_("state", "returned"),
	NC_("state", "accepted"),
	NC_("kind", "call"),
	NC_("kind", "meeting"),
	NC_("kind", "email"),
	NC_("kind", "letter"),
	NC_("kind", "contract"),
	NC_("kind", "invoice"),
	NC_("kind", "other"),
	NC_("kind", "daily"),
	NC_("kind", "weekly"),
	NC_("kind", "spot"),
	NC_("kind", "steady"),
	NC_("stage", "lead"),
	NC_("stage", "negotiation"),
	NC_("stage", "contract"),
	NC_("stage", "invoiced"),
	NC_("stage", "won"),
	NC_("stage", "lost"),
	NC_("outcome", "open"),
	NC_("outcome", "won"),
	NC_("outcome", "lost"),
	NC_("verdict", "reward"),
	NC_("verdict", "nothing"),
	NC_("verdict", "penalty"),
	NC_("verdict", "nodata"),
	NC_("prev_verdict", "reward"),
	NC_("prev_verdict", "nothing"),
	NC_("prev_verdict", "penalty"),
	NC_("prev_verdict", "nodata"),
	NC_("role", "manager"),
	NC_("role", "head"),
	NC_("role", "admin"),
	NC_("role", "director"),
	NC_("junk", "noletters"),
	NC_("junk", "repeat"),
	NC_("junk", "keyboard"),
	NC_("junk", "short"),
	NC_("junk", "title"),
	NC_("rule", "empty"),
	NC_("rule", "thin"),
	NC_("rule", "overdue"),
	NC_("rule", "field"),
	NC_("rule", "junk"),
	NC_("rule", "paste"),
	NC_("rule", "nostep"),
	NC_("scope", "team"),
	NC_("scope", "department"),
	NC_("corr", "paid"),
	NC_("corr", "won"),
	NC_("why", "n too small"),
	NC_("why", "no spread"),
	/* The calendar (crm-rules days), the audit log (crm-log, crm-undo). */
	NC_("column", "source"),
	NC_("column", "entity_id"),
	NC_("state", "upcoming"),
	NC_("state", "missed"),
	NC_("state", "due"),
	NC_("weekday", "mon"),
	NC_("weekday", "tue"),
	NC_("weekday", "wed"),
	NC_("weekday", "thu"),
	NC_("weekday", "fri"),
	NC_("weekday", "sat"),
	NC_("weekday", "sun"),
	NC_("source", "decree"),
	NC_("source", "hand"),
	NC_("entity", "person"),
	NC_("entity", "client"),
	NC_("entity", "deal"),
	NC_("entity", "doc"),
	NC_("entity", "task"),
	NC_("entity", "rule"),
	NC_("entity", "calendar"),
	NC_("entity", "stage"),
	NC_("entity", "task_kind"),
	NC_("entity", "task_series"),
	NC_("entity", "audit"),
	NC_("entity", "control"),
	NC_("action", "create"),
	NC_("action", "set"),
	NC_("action", "reset"),
	NC_("action", "update"),
	NC_("action", "edit"),
	NC_("action", "done"),
	NC_("action", "cancel"),
	NC_("action", "move"),
	NC_("action", "reopen"),
	NC_("action", "undo"),
	NC_("action", "stop"),
	NC_("action", "stage"),
	NC_("action", "issue"),
	NC_("action", "pay"),
	NC_("action", "merge"),
	NC_("action", "import"),
	NC_("action", "erase"),
	NC_("action", "add"),
	NC_("action", "zone"),
	NC_("action", "title"),
	NC_("action", "load"),
	NULL
};
