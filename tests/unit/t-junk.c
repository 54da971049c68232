/*
 * t-junk.c: crm_junk_check() flags the rubbish the department named and
 * none of the short real notes managers write.
 */
#include <stddef.h>

#include "crm.h"
#include "tap.h"

/* Which rule a case turns off, or changes. */
enum tweak {
	T_NONE = 0,
	T_NONOLETTERS,
	T_NOREPEAT,
	T_NOKEYBOARD,
	T_NOSHORT,
	T_NOTITLE,
	T_MIN3,
	T_MIN5,
	T_NOSHORT_NONOLETTERS
};

struct tcase {
	const char	*text;
	const char	*title;
	enum tweak	 tweak;
	const char	*want;	/* rule name, or NULL: not junk */
};

#define TITLE	"Позвонить клиенту"

static const struct tcase cases[] = {
	/* Junk that must be flagged. */
	{ "ааааа", NULL, T_NONE, "repeat" },
	{ "ААААА", NULL, T_NONE, "repeat" },
	{ "АаАаА", NULL, T_NONE, "repeat" },
	{ "ыыыы", NULL, T_NONE, "repeat" },
	{ "zzzzzz", NULL, T_NONE, "repeat" },
	{ "аааа ааа", NULL, T_NONE, "repeat" },
	{ "ЁЁЁё", NULL, T_NONE, "repeat" },
	{ "абабаб", NULL, T_NONE, "repeat" },
	{ "хахаха!", NULL, T_NONE, "repeat" },
	{ "asdf", NULL, T_NONE, "keyboard" },
	{ "ASDF", NULL, T_NONE, "keyboard" },
	{ "fdsa", NULL, T_NONE, "keyboard" },
	{ "asdfgh", NULL, T_NONE, "keyboard" },
	{ "asdfasdf", NULL, T_NONE, "keyboard" },
	{ "asdfgfds", NULL, T_NONE, "keyboard" },
	{ "qwerty", NULL, T_NONE, "keyboard" },
	{ "zxcv", NULL, T_NONE, "keyboard" },
	{ "фыва", NULL, T_NONE, "keyboard" },
	{ "йцукен", NULL, T_NONE, "keyboard" },
	{ "ЙЦУКЕН", NULL, T_NONE, "keyboard" },
	{ "олдж", NULL, T_NONE, "keyboard" },
	{ "ячсм", NULL, T_NONE, "keyboard" },
	{ "фывапролджэ", NULL, T_NONE, "keyboard" },
	{ "фываолдж", NULL, T_NONE, "keyboard" },
	{ "фыва asdf!", NULL, T_NONE, "keyboard" },
	{ "ъхзщ", NULL, T_NONE, "keyboard" },
	{ ".", NULL, T_NONE, "noletters" },
	{ "...", NULL, T_NONE, "noletters" },
	{ "???", NULL, T_NONE, "noletters" },
	{ "111", NULL, T_NONE, "noletters" },
	{ "-", NULL, T_NONE, "noletters" },
	{ "+", NULL, T_NONE, "noletters" },
	{ "   ", NULL, T_NONE, "noletters" },
	{ "\xff\xfe", NULL, T_NONE, "noletters" },
	{ "a", NULL, T_NONE, "short" },
	{ "ф", NULL, T_NONE, "short" },
	{ "Ё!", NULL, T_NONE, "short" },
	{ "1 a", NULL, T_NONE, "short" },
	{ "Позвонить клиенту", TITLE, T_NONE, "title" },
	{ "позвонить клиенту.", TITLE, T_NONE, "title" },
	{ "  ПОЗВОНИТЬ,   клиенту!!", TITLE, T_NONE, "title" },
	{ "клиенту", TITLE, T_NONE, "title" },
	{ "позвонить", TITLE, T_NONE, "title" },
	{ "ждёт счёт", "Ждет счет от бухгалтерии", T_NONE, "title" },
	{ "счёт 15", "Выставить счёт 15 марта", T_NONE, "title" },

	/* Short real notes that must pass. */
	{ "Перезвонить в пн", NULL, T_NONE, NULL },
	{ "ok, договор у юриста", NULL, T_NONE, NULL },
	{ "ок", NULL, T_NONE, NULL },
	{ "Ок", NULL, T_NONE, NULL },
	{ "Да", NULL, T_NONE, NULL },
	{ "нет ответа", NULL, T_NONE, NULL },
	{ "отправил КП", NULL, T_NONE, NULL },
	{ "КП", NULL, T_NONE, NULL },
	{ "ждёт счёт", NULL, T_NONE, NULL },
	{ "Call back Mon", NULL, T_NONE, NULL },
	{ "сделано", NULL, T_NONE, NULL },
	{ "Не дозвонился", NULL, T_NONE, NULL },
	{ "перенос на 12:00", NULL, T_NONE, NULL },
	{ "ООО", NULL, T_NONE, NULL },
	{ "НДС", NULL, T_NONE, NULL },
	{ "ИНН 7707083893", NULL, T_NONE, NULL },

	/* Where the rules stop. */
	{ "хаха", NULL, T_NONE, NULL },
	{ "папа", NULL, T_NONE, NULL },
	{ "asd", NULL, T_NONE, NULL },
	{ "фыв", NULL, T_NONE, NULL },
	{ "asdfx", NULL, T_NONE, NULL },
	{ "asdf и фыва", NULL, T_NONE, NULL },
	{ "ыыы", NULL, T_NONE, NULL },
	{ "", NULL, T_NONE, NULL },
	{ NULL, NULL, T_NONE, NULL },
	{ "", TITLE, T_NONE, NULL },
	{ "отправил КП", "Отправить КП", T_NONE, NULL },
	{ "Позвонил клиенту, договорились", TITLE, T_NONE, NULL },
	{ "клиент", TITLE, T_NONE, NULL },
	{ "Позвонить клиенту завтра", TITLE, T_NONE, NULL },
	{ "звонить", TITLE, T_NONE, NULL },
	{ "ок", "ок", T_NOTITLE, NULL },
	{ "...", TITLE, T_NOSHORT_NONOLETTERS, NULL },

	/* Each rule switched off lets its junk through, or to the next. */
	{ "...", NULL, T_NONOLETTERS, "short" },
	{ "...", NULL, T_NOSHORT_NONOLETTERS, NULL },
	{ "ааааа", NULL, T_NOREPEAT, NULL },
	{ "zzzzzz", NULL, T_NOREPEAT, NULL },
	{ "asdf", NULL, T_NOKEYBOARD, NULL },
	{ "йцукен", NULL, T_NOKEYBOARD, NULL },
	{ "a", NULL, T_NOSHORT, NULL },
	{ "ф", NULL, T_NOSHORT, NULL },
	{ "Позвонить клиенту", TITLE, T_NOTITLE, NULL },
	{ "ок", NULL, T_MIN3, "short" },
	{ "ООО", NULL, T_MIN3, NULL },
	{ "КП", NULL, T_MIN5, "short" },
	{ "сделано", NULL, T_MIN5, NULL }
};

static void
tweak(struct crm_junk_rules *r, enum tweak t)
{
	crm_junk_defaults(r);
	switch (t) {
	case T_NONE:
		break;
	case T_NONOLETTERS:
		r->noletters = 0;
		break;
	case T_NOREPEAT:
		r->repeat = 0;
		break;
	case T_NOKEYBOARD:
		r->keyboard = 0;
		break;
	case T_NOSHORT:
		r->min_letters = 0;
		break;
	case T_NOTITLE:
		r->title = 0;
		break;
	case T_MIN3:
		r->min_letters = 3;
		break;
	case T_MIN5:
		r->min_letters = 5;
		break;
	case T_NOSHORT_NONOLETTERS:
		r->min_letters = 0;
		r->noletters = 0;
		break;
	}
}

int
main(void)
{
	struct crm_junk_rules	 r;
	const struct tcase	*c;
	size_t			 i;

	crm_junk_defaults(&r);
	is_int(r.min_letters, 2, "default min_letters is 2");
	ok(r.repeat && r.keyboard && r.noletters && r.title,
	    "every other rule is on by default");
	is_str(crm_junk_check(NULL, "ааааа", NULL), "repeat",
	    "NULL rules are the defaults");
	is_str(crm_junk_check(NULL, "ок", NULL), NULL,
	    "NULL rules let 'ок' pass");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = &cases[i];
		tweak(&r, c->tweak);
		is_str(crm_junk_check(&r, c->text, c->title), c->want,
		    "'%s' title '%s' tweak %d: %s",
		    c->text ? c->text : "(null)",
		    c->title ? c->title : "(null)", (int)c->tweak,
		    c->want ? c->want : "not junk");
	}
	done_testing();
}
