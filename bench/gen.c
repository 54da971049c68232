/*
 * gen.c: a department, deterministically, for the benchmark.
 *
 *	gen [-s] ntasks dir
 *
 * writes into dir: people.csv, clients.csv, deals.csv, docs.csv (for
 * crm-import), history.csv (the tasks due before today, with their
 * creation, closing and moves, for crm-import -k tasks), open.headN.tsv
 * (the tasks due from today on of team N, for task-add by its head),
 * all.tsv and team1.tsv (every task, and those of team 1, as task-add
 * input, for the bulk-speed runs), tw.json (every task as
 * Taskwarrior's import wants it) and counts (what was written); with
 * -s (slim, for 10^7 tasks) neither all.tsv nor tw.json.
 * Today is 2026-11-26; history goes two years back, plans two weeks on.
 * The numbers come from a fixed-seed PRNG of its own, so that the same
 * ntasks gives the same files byte for byte on any machine.  Its memory
 * does not grow with ntasks: a client's manager and firm and a deal's
 * client are worked out from their ids, not kept in tables, and every
 * line goes straight to its file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NMGR	100
#define NTEAM	8
#define HIST	731	/* days of history before today */
#define AHEAD	14	/* days planned from today on */

static uint64_t	 seed = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: small, fast, the same everywhere. */
static uint64_t
rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * 2685821657736338717ULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)((rnd() >> 33) % n);
}

static double
unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static const char *const sur[] = {
	"ivanov", "Иванов", "petrov", "Петров", "sidorov", "Сидоров",
	"smirnov", "Смирнов", "kuznetsov", "Кузнецов", "popov", "Попов",
	"vasiliev", "Васильев", "sokolov", "Соколов", "mikhailov", "Михайлов",
	"novikov", "Новиков", "fedorov", "Фёдоров", "morozov", "Морозов",
	"volkov", "Волков", "alekseev", "Алексеев", "lebedev", "Лебедев",
	"semenov", "Семёнов", "egorov", "Егоров", "pavlov", "Павлов",
	"kozlov", "Козлов", "stepanov", "Степанов", "nikolaev", "Николаев",
	"orlov", "Орлов", "andreev", "Андреев", "makarov", "Макаров",
	"zakharov", "Захаров"
};
#define NSUR	(sizeof(sur) / sizeof(sur[0]) / 2)

static const char *const given[] = {
	"Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Алексей",
	"Дмитрий", "Сергей", "Андрей", "Павел", "Михаил", "Татьяна", "Юлия"
};
#define NGIVEN	(sizeof(given) / sizeof(given[0]))

/* The given names above: women first, then men, then women. */
#define FEMALE(g)	((g) < 6 || (g) >= 12)

static const char *const firm[] = {
	"Ромашка", "Лютик", "Василёк", "Север", "Волга", "Урал", "Байкал",
	"Транзит", "Стройдвор", "Техносвет", "Агропром", "Металлург",
	"Феникс", "Берёзка", "Меридиан", "Альфа-Трейд", "Сибирь", "Кедр",
	"Полимер", "Энергия", "Заря", "Восход", "Маяк", "Исток"
};
#define NFIRM	(sizeof(firm) / sizeof(firm[0]))

static const char *const form[] = { "ООО", "АО", "ИП", "ЗАО", "ПАО" };

static const char *const goods[] = {
	"поставка оборудования", "сервисный договор", "поставка труб",
	"монтаж вентиляции", "лицензии", "аренда техники", "упаковка",
	"кабельная продукция", "светильники", "спецодежда"
};
#define NGOODS	(sizeof(goods) / sizeof(goods[0]))

/* Kinds, the title each starts with, a note and a result. */
static const char *const kinds[][4] = {
	{ "call", "Позвонить клиенту", "уточнить потребность и сроки",
	    "договорились о встрече" },
	{ "call", "Перезвонить клиенту", "спросить про решение по КП",
	    "ждут согласования у директора" },
	{ "meeting", "Встреча с клиентом", "презентация, взять образцы",
	    "клиент заинтересован, готовим КП" },
	{ "email", "Отправить КП клиенту", "цены с учётом скидки 5%",
	    "КП отправлено, получение подтвердили" },
	{ "letter", "Письмо клиенту", "ответ на претензию по срокам",
	    "письмо отправлено почтой" },
	{ "contract", "Подготовить договор с клиентом", "согласовать с юристом",
	    "договор подписан" },
	{ "invoice", "Выставить счёт клиенту", "50% предоплата",
	    "счёт выставлен" },
	{ "other", "Внести данные в отчёт", "",
	    "сделано" }
};
#define NKIND	(sizeof(kinds) / sizeof(kinds[0]))

/* Days since 1970-01-01 and back, for the proleptic Gregorian calendar. */
static long
days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
ymd(long z, char out[16])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)(y + (m <= 2)) % 10000,
	    (unsigned)m % 100, (unsigned)d % 100);
}

/* 0 Monday .. 6 Sunday. */
static int
wday(long z)
{
	return (int)(((z % 7) + 10) % 7);
}

struct mgr {
	char	 login[32];
	int	 team;
	double	 acc;
};

static struct mgr	 mgr[NMGR];
static long		 nclient, ndeal, ndoc;

/* splitmix64 of x: a fixed scramble, apart from the PRNG's stream. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A client's manager (an index of mgr) and firm (of firm[]). */
static int
client_mgr(long c)
{
	return (int)((c - 1) % NMGR);
}

static int
client_firm(long c)
{
	return (int)(mix((uint64_t)c) % NFIRM);
}

/*
 * A deal's client.  The first NMGR deals are one with each manager's
 * first client, so that every manager has a deal of their own.
 */
static long
deal_client(long d)
{
	if (d <= NMGR)
		return d;
	return 1 + (long)(mix((uint64_t)d ^ 0x5bd1e995ULL) % (uint64_t)nclient);
}

static FILE *
out(const char *dir, const char *name)
{
	char	 p[4096];
	FILE	*fp;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if ((fp = fopen(p, "w")) == NULL) {
		perror(p);
		exit(1);
	}
	return fp;
}

static void
people(const char *dir)
{
	FILE	*fp = out(dir, "people.csv");
	int	 i, g;

	fprintf(fp, "login,name,role,head,email,active,created_at\n");
	fprintf(fp, "director,Директоров Иван,director,,dir@example.ru,1,"
	    "2024-01-09\n");
	for (i = 0; i < NTEAM; i++) {
		g = i * 5 % NGIVEN;
		fprintf(fp, "head%d,%s%s %s,head,,head%d@example.ru,1,"
		    "2024-01-09\n", i + 1, sur[(i * 3 % NSUR) * 2 + 1],
		    FEMALE(g) ? "а" : "", given[g], i + 1);
	}
	for (i = 0; i < NMGR; i++) {
		snprintf(mgr[i].login, sizeof(mgr[i].login), "%s%d",
		    sur[(i % NSUR) * 2], i / (int)NSUR + 1);
		mgr[i].team = i % NTEAM;
		g = pick(NGIVEN);
		fprintf(fp, "%s,%s%s %s,manager,head%d,%s@example.ru,1,"
		    "2024-01-15\n", mgr[i].login, sur[(i % NSUR) * 2 + 1],
		    FEMALE(g) ? "а" : "", given[g], mgr[i].team + 1,
		    mgr[i].login);
	}
	fclose(fp);
}

static void
clients(const char *dir, long n)
{
	FILE	*fp = out(dir, "clients.csv");
	long	 i;
	char	 d[16];

	nclient = n;
	fprintf(fp, "id,name,inn,phone,email,manager,note,created_at\n");
	for (i = 1; i <= n; i++) {
		ymd(days(2024, 1, 15) + pick(600), d);
		fprintf(fp, "%ld,\"%s «%s-%ld»\",,+7 495 %03u-%02u-%02u,"
		    "info%ld@client.ru,%s,%s,%s\n", i, form[pick(5)],
		    firm[client_firm(i)], i, pick(1000), pick(100), pick(100),
		    i, mgr[client_mgr(i)].login,
		    i % 3 ? "" : "ключевой клиент",
		    d);
	}
	fclose(fp);
}

static void
deals(const char *dir, long n)
{
	static const char *const stage[] = { "lead", "negotiation",
	    "contract", "invoiced", "won", "lost" };
	FILE	*fp = out(dir, "deals.csv"), *dp = out(dir, "docs.csv");
	long	 i, c, open;
	unsigned st;
	char	 o[16], cl[16], due[16], paid[16];
	long	 amount;

	ndeal = n;
	fprintf(fp, "id,client,manager,title,amount,profit,close_date,stage,"
	    "opened_at,closed_at,lost_reason\n");
	fprintf(dp, "id,deal,kind,number,doc_date,amount,due_date,paid_date,"
	    "created_at\n");
	for (i = 1; i <= n; i++) {
		c = deal_client(i);
		open = days(2024, 11, 26) + pick(700);
		ymd(open, o);
		st = pick(10);
		st = st < 4 ? st : st < 8 ? 4 : 5;
		amount = 10000 + pick(5000) * 1000L;
		ymd(open + 10 + pick(60), cl);
		if (open + 70 >= days(2026, 11, 26))
			st = st > 3 ? 1 : st;
		fprintf(fp, "%ld,%ld,%s,\"%s, %s\",%ld,%ld,%s,%s,%s,%s,%s\n",
		    i, c, mgr[client_mgr(c)].login, goods[pick(NGOODS)],
		    firm[pick(NFIRM)], amount, amount / 5, cl, stage[st], o,
		    st >= 4 ? cl : "", st == 5 ? "выбрали другого поставщика" :
		    "");
		if (st < 2 || st == 5)
			continue;
		fprintf(dp, "%ld,%ld,contract,Д-%ld,%s,%ld,,,%s\n", ++ndoc, i,
		    i, o, amount, o);
		if (st < 3)
			continue;
		ymd(open + 5, o);
		ymd(open + 15, due);
		ymd(open + 5 + pick(20), paid);
		fprintf(dp, "%ld,%ld,invoice,С-%ld,%s,%ld,%s,%s,%s\n", ++ndoc,
		    i, i, o, amount, due, st == 4 ? paid : "", o);
	}
	fclose(fp);
	fclose(dp);
}

/*
 * A deal of manager m's clients, as a head's task-add would be allowed
 * to give: the first of a thousand draws that is, or else m's first
 * deal (deal_client), never another manager's.
 */
static long
own_deal(int m)
{
	long	 dl;
	int	 i;

	for (i = 0; i < 1000; i++) {
		dl = 1 + (long)pick((unsigned)ndeal);
		if (client_mgr(deal_client(dl)) == m)
			return dl;
	}
	return 1 + m;
}

static void
task(FILE *h, FILE **o, FILE *a, FILE *t1, FILE *tw, long id, int m, long day,
    long today)
{
	const char *const *k = kinds[pick(NKIND)];
	long	 c = 0, dl = 0, first = day, created, closed;
	char	 due[16], fd[16], cr[16], cd[16], title[256], tm[6] = "";
	char	 cs[24] = "", ds[24] = "";
	int	 late, moved, r, hh;

	if (k[0][0] != 'o') {
		c = 1 + (long)(pick((unsigned)(nclient / NMGR)) * NMGR + m);
		if (c > nclient)
			c = 1 + m;
	}
	if ((k[0][1] == 'o' && k[0][0] == 'c') || k[0][0] == 'i')
		dl = own_deal(m);
	if (dl != 0)
		c = deal_client(dl);
	if (k[0][0] == 'm' || pick(3) == 0)
		snprintf(tm, sizeof(tm), "%02u:%02u", 9 + pick(9),
		    pick(4) * 15);
	if (c != 0)
		snprintf(cs, sizeof(cs), "%ld", c);
	if (dl != 0)
		snprintf(ds, sizeof(ds), "%ld", dl);
	if (c != 0)
		snprintf(title, sizeof(title), "%s «%s-%ld»", k[1],
		    firm[client_firm(c)], c);
	else
		snprintf(title, sizeof(title), "%s", k[1]);
	moved = pick(10) == 0;
	if (moved)
		first = day - 1 - pick(5);
	ymd(day, due);
	ymd(first, fd);
	created = first - pick(8);
	ymd(created, cr);
	hh = 8 + pick(2);
	/* The client and deal columns: a call needs its client at entry. */
	fprintf(a, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mgr[m].login, due,
	    tm, k[0], title, k[2], cs, ds);
	if (mgr[m].team == 0)
		fprintf(t1, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mgr[m].login,
		    due, tm, k[0], title, k[2], cs, ds);
	if (day >= today) {
		fprintf(o[mgr[m].team], "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    mgr[m].login, due, tm, k[0], title, k[2], cs, ds);
		fprintf(tw, "{\"uuid\":\"00000000-0000-4000-8000-%012ld\","
		    "\"status\":\"pending\",\"description\":\"%s\","
		    "\"project\":\"%s\",\"due\":\"%sT000000Z\","
		    "\"entry\":\"%sT080000Z\"}\n", id, title, mgr[m].login,
		    due, cr);
		return;
	}
	r = (int)pick(100);
	late = r < 15 ? 1 + (int)pick(7) : 0;
	closed = day + late;
	if (closed >= today)
		closed = today - 1;
	ymd(closed, cd);
	if (today - day < 30 ? r >= 90 : pick(1000) < 3) {
		/* Still open, overdue. */
		fprintf(h, "%ld,%s,%s,\"%s\",\"%s\",%s,%s,%s,%s,%s,"
		    "%s %02d:%02u:00,open,,,\n", id, mgr[m].login, k[0], title,
		    k[2], cs, ds, due, tm, fd, cr, hh, pick(60));
		fprintf(tw, "{\"uuid\":\"00000000-0000-4000-8000-%012ld\","
		    "\"status\":\"pending\",\"description\":\"%s\","
		    "\"project\":\"%s\",\"due\":\"%sT000000Z\","
		    "\"entry\":\"%sT080000Z\"}\n", id, title, mgr[m].login,
		    due, cr);
	} else if (r >= 88) {
		fprintf(h, "%ld,%s,%s,\"%s\",\"%s\",%s,%s,%s,%s,%s,"
		    "%s %02d:%02u:00,cancelled,%s 18:%02u:00,,клиент "
		    "отказался\n", id, mgr[m].login, k[0], title, k[2], cs, ds,
		    due, tm, fd, cr, hh, pick(60), cd, pick(60));
		fprintf(tw, "{\"uuid\":\"00000000-0000-4000-8000-%012ld\","
		    "\"status\":\"deleted\",\"description\":\"%s\","
		    "\"project\":\"%s\",\"due\":\"%sT000000Z\","
		    "\"entry\":\"%sT080000Z\",\"end\":\"%sT150000Z\"}\n", id,
		    title, mgr[m].login, due, cr, cd);
	} else {
		fprintf(h, "%ld,%s,%s,\"%s\",\"%s\",%s,%s,%s,%s,%s,"
		    "%s %02d:%02u:00,done,%s %02u:%02u:00,\"%s\",\n", id,
		    mgr[m].login, k[0], title, k[2], cs, ds, due, tm, fd, cr,
		    hh, pick(60), cd, 10 + pick(8), pick(60), k[3]);
		fprintf(tw, "{\"uuid\":\"00000000-0000-4000-8000-%012ld\","
		    "\"status\":\"completed\",\"description\":\"%s\","
		    "\"project\":\"%s\",\"due\":\"%sT000000Z\","
		    "\"entry\":\"%sT080000Z\",\"end\":\"%sT150000Z\"}\n", id,
		    title, mgr[m].login, due, cr, cd);
	}
}

int
main(int argc, char *argv[])
{
	FILE	*h, *o[NTEAM], *a, *t1, *tw, *cn;
	char	 name[32];
	long	 n, today, day, id = 0, nhist = 0, nopen = 0, work = 0;
	double	 rate;
	int	 m, k, i, slim = 0;
	char	*e;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		slim = 1;
		argc--;
		argv++;
	}
	if (argc != 3 || (n = strtol(argv[1], &e, 10)) < 1000 || *e != '\0') {
		fprintf(stderr, "usage: gen [-s] ntasks dir "
		    "(ntasks >= 1000)\n");
		return 2;
	}
	today = days(2026, 11, 26);
	for (day = today - HIST; day < today + AHEAD; day++)
		work += wday(day) < 5;
	rate = (double)n / NMGR / work;
	people(argv[2]);
	clients(argv[2], n / 50 < 400 ? 400 : n / 50);
	deals(argv[2], nclient * 2);
	h = out(argv[2], "history.csv");
	for (i = 0; i < NTEAM; i++) {
		snprintf(name, sizeof(name), "open.head%d.tsv", i + 1);
		o[i] = out(argv[2], name);
	}
	t1 = out(argv[2], "team1.tsv");
	/* Slim: what only the bulk and Taskwarrior runs read, unwritten. */
	a = slim ? out("/dev", "null") : out(argv[2], "all.tsv");
	tw = slim ? out("/dev", "null") : out(argv[2], "tw.json");
	fprintf(h, "id,login,kind,title,note,client,deal,due_date,due_time,"
	    "first_due,created_at,state,closed_at,result,cancel_reason\n");
	for (day = today - HIST; day < today + AHEAD; day++) {
		if (wday(day) >= 5)
			continue;
		for (m = 0; m < NMGR; m++) {
			mgr[m].acc += rate * (0.5 + unit());
			k = (int)mgr[m].acc;
			mgr[m].acc -= k;
			for (i = 0; i < k; i++) {
				task(h, o, a, t1, tw, ++id, m, day, today);
				if (day >= today)
					nopen++;
				else
					nhist++;
			}
		}
	}
	fclose(h);
	for (i = 0; i < NTEAM; i++)
		fclose(o[i]);
	fclose(t1);
	fclose(a);
	fclose(tw);
	cn = out(argv[2], "counts");
	fprintf(cn, "tasks %ld\nhistory %ld\nopen %ld\nmanagers %d\n"
	    "teams %d\nclients %ld\ndeals %ld\ndocs %ld\n", id, nhist, nopen,
	    NMGR, NTEAM, nclient, ndeal, ndoc);
	fclose(cn);
	return 0;
}
