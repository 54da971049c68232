/*
 * junk.c: telling a real comment on a task from rubbish typed to make the
 * task look worked on ("ааааа", "asdf", "...", the title again).
 *
 * The rules must never flag a real note, however short: "ок", "Да",
 * "КП", "ООО", "НДС" are what busy people write.  So the thresholds below
 * lean towards letting junk through rather than accusing anyone.
 *
 * All of it works on UTF-8 code points and folds case by hand, so that it
 * judges alike in cron's C locale and on a Russian desktop.
 */
#include <stddef.h>

#include "crm_int.h"

#define JUNK_MIN_LETTERS 2	/* "ок", "да", "КП" are real answers */
#define JUNK_REPEAT_ONE	4	/* "ООО" is a company form, "ОООО" is not */
#define JUNK_REPEAT_TWO	6	/* "хахаха": a pair three times; "папа" ok */
#define JUNK_KEY_RUN	4	/* "фыв" or "ert" may be part of a word */

/*
 * The letter rows of the QWERTY and ЙЦУКЕН layouts, as key_latin and
 * key_cyrillic below lay them out.  Each letter is on one row only, so a
 * letter's row and column say where a finger was:
 *
 *	0 qwertyuiop	3 йцукенгшщзхъ
 *	1 asdfghjkl	4 фывапролджэ
 *	2 zxcvbnm	5 ячсмитьбю
 */

/*
 * Decode the UTF-8 sequence at *pp and step past it; a byte that does
 * not start a valid sequence is U+FFFD, one byte long.  Never steps past
 * the terminating NUL, which a continuation byte cannot be.
 */
static long
utf8_next(const unsigned char **pp)
{
	unsigned int	 cp;
	size_t		 n;

	if ((n = crmi_utf8_dec(*pp, &cp)) == 0) {
		(*pp)++;
		return 0xfffd;
	}
	*pp += n;
	return cp;
}

/* Whether cp is a letter: Latin, Greek or Cyrillic. */
static int
is_letter(long cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp >= 0xc0 && cp <= 0x24f)
		return cp != 0xd7 && cp != 0xf7;
	if (cp >= 0x386 && cp <= 0x3ff)
		return cp != 0x387 && cp != 0x3f6;
	if (cp >= 0x400 && cp <= 0x52f)
		return cp < 0x482 || cp > 0x489;
	return 0;
}

/*
 * Fold case: Latin, Latin-1, Greek and Cyrillic capitals (Ё and the
 * other U+0400 block letters included) to small letters.
 */
static long
fold(long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	if (((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x4bf) ||
	    (cp >= 0x4d0 && cp <= 0x52f)) && cp % 2 == 0)
		return cp + 1;
	return cp;
}

/* The next letter of the text at *pp, case-folded; -1 at the end. */
static long
letter_next(const unsigned char **pp)
{
	long	 cp;

	while (**pp != '\0')
		if (is_letter(cp = utf8_next(pp)))
			return fold(cp);
	return -1;
}

static size_t
count_letters(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;

	while (letter_next(&p) != -1)
		n++;
	return n;
}

/*
 * Whether the letters are one letter at least JUNK_REPEAT_ONE times
 * ("ыыыы", "ааа аа"), or two letters taking turns for at least
 * JUNK_REPEAT_TWO letters ("абабаб", "хахаха").
 */
static int
is_repeat(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	long			 cp, pair[2] = { -1, -1 };
	size_t			 n;
	int			 one = 1, two = 1;

	for (n = 0; (cp = letter_next(&p)) != -1; n++) {
		if (n < 2)
			pair[n] = cp;
		if (cp != pair[0])
			one = 0;
		if (cp != pair[n % 2])
			two = 0;
	}
	if (one)
		return n >= JUNK_REPEAT_ONE;
	return two && n >= JUNK_REPEAT_TWO;
}

/*
 * Where each small letter is on the rows, as row * 16 + column + 1 (0:
 * on none), for a - z and а - я: the rows above, laid out once so that
 * judging a comment does not search them letter by letter.
 */
static const unsigned char key_latin[26] = {
	17, 37, 35, 19, 3, 20, 21, 22, 8, 23, 24, 25, 39,
	38, 9, 10, 1, 4, 18, 5, 7, 36, 2, 34, 6, 33
};
static const unsigned char key_cyrillic[32] = {
	68, 88, 67, 55, 73, 53, 74, 58, 85, 49, 52, 72, 84, 54, 71, 69,
	70, 83, 86, 51, 65, 59, 50, 82, 56, 57, 60, 66, 87, 75, 89, 81
};

/* Find a small letter on the keyboard rows; 0, or -1 if on none. */
static int
key_find(long cp, int *row, int *col)
{
	int	 k = 0;

	if (cp >= 'a' && cp <= 'z')
		k = key_latin[cp - 'a'];
	else if (cp >= 0x430 && cp <= 0x44f)
		k = key_cyrillic[cp - 0x430];
	if (k == 0)
		return -1;
	*row = (k - 1) / 16;
	*col = (k - 1) % 16;
	return 0;
}

/*
 * Whether all the letters split into runs of at least JUNK_KEY_RUN
 * neighbouring keys on one row, either way along it: "asdf", "fdsa",
 * "йцукен", "олдж", "фываолдж", "asdfasdf".  A run is never longer than a
 * row, so whether the first k letters split is only needed for the last
 * few k: bit i of done says so for k = (letters so far) - i.
 */
static int
is_keyboard(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 done = 1, now;
	long			 cp;
	int			 row, col, prow = -1, pcol = 0;
	int			 fwd = 0, rev = 0, len;

	while ((cp = letter_next(&p)) != -1) {
		if (key_find(cp, &row, &col) == -1)
			return 0;
		fwd = row == prow && col == pcol + 1 ? fwd + 1 : 1;
		rev = row == prow && col == pcol - 1 ? rev + 1 : 1;
		prow = row;
		pcol = col;
		now = 0;
		for (len = JUNK_KEY_RUN; len <= fwd || len <= rev; len++)
			if (done & 1U << (len - 1))
				now = 1;
		done = (done << 1 | now) & 0xffff;
		/* No split prefix within a row's reach: none can follow. */
		if (done == 0)
			return 0;
	}
	return prow != -1 && (done & 1);
}

/*
 * A cursor over text as the title rule compares it: letters and digits,
 * case-folded, ё as е (people write both), and any run of anything else
 * as one space, none at either end.
 */
struct norm {
	const unsigned char	*p;
	int			 started;
	int			 gap;
};

static void
norm_init(struct norm *n, const char *s)
{
	n->p = (const unsigned char *)s;
	n->started = n->gap = 0;
}

/* The next character of the normalised text; -1 at the end. */
static long
norm_next(struct norm *n)
{
	const unsigned char	*q;
	long			 cp;

	while (*n->p != '\0') {
		q = n->p;
		cp = utf8_next(&q);
		if (!is_letter(cp) && (cp < '0' || cp > '9')) {
			n->p = q;
			n->gap = n->started;
			continue;
		}
		if (n->gap) {
			n->gap = 0;
			return ' ';
		}
		n->p = q;
		n->started = 1;
		cp = fold(cp);
		return cp == 0x451 ? 0x435 : cp;
	}
	return -1;
}

/*
 * Whether the normalised text is, whole words only, a part of the
 * normalised title (all of it included): try it at each word of the title.
 */
static int
in_title(const char *text, const char *title)
{
	struct norm	 t, a, b;
	long		 x, y;

	norm_init(&b, text);
	if (norm_next(&b) == -1)
		return 0;
	for (norm_init(&t, title);;) {
		a = t;
		norm_init(&b, text);
		while ((x = norm_next(&b)) != -1 && x == norm_next(&a))
			continue;
		if (x == -1 && ((y = norm_next(&a)) == -1 || y == ' '))
			return 1;
		while ((y = norm_next(&t)) != ' ')
			if (y == -1)
				return 0;
	}
}

/*
 * Fill r with the rules a new database starts with: every rule on, and
 * fewer than two letters short, so that "ок", "да" and "КП" pass.
 */
void
crm_junk_defaults(struct crm_junk_rules *r)
{
	r->min_letters = JUNK_MIN_LETTERS;
	r->repeat = 1;
	r->keyboard = 1;
	r->noletters = 1;
	r->title = 1;
}

/*
 * Judge one comment by the rules r (NULL: the defaults), in this order:
 * "noletters" (not empty, but not one letter, even if only spaces:
 * "...", "???", "111", "-"), "repeat" (one letter four times or more,
 * "ыыыы"; two letters taking turns, six letters or more, "хахаха"),
 * "keyboard" (all its letters are runs of four or more neighbouring keys
 * of one row of QWERTY or ЙЦУКЕН, either way: "asdf", "фываолдж"),
 * "short" (fewer than r->min_letters letters), "title" (the same words as
 * the title, or a run of its words, ignoring case, punctuation and
 * spacing).  Letters are Latin, Greek and Cyrillic; case is folded
 * without the locale.  Returns the first rule broken, or NULL: also for
 * NULL or empty text, as no comment is not a junk comment.
 */
const char *
crm_junk_check(const struct crm_junk_rules *r, const char *text,
    const char *title)
{
	struct crm_junk_rules	 def;
	size_t			 letters;

	if (text == NULL || *text == '\0')
		return NULL;
	if (r == NULL) {
		crm_junk_defaults(&def);
		r = &def;
	}
	letters = count_letters(text);
	if (r->noletters && letters == 0)
		return "noletters";
	if (r->repeat && is_repeat(text))
		return "repeat";
	if (r->keyboard && is_keyboard(text))
		return "keyboard";
	if (r->min_letters > 0 && letters < (size_t)r->min_letters)
		return "short";
	if (r->title && title != NULL && in_title(text, title))
		return "title";
	return NULL;
}
