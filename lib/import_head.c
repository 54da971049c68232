/*
 * import_head.c: the header of crm_import(): which column each name of
 * the header fills.  A name is a column's own (as crm-export writes it),
 * an older name of it, one of the synonyms below (the Russian names a
 * department's spreadsheet has, and those of the CSV exports of
 * Bitrix24 and amoCRM), or one the caller maps (crm-import -L).  The
 * names of those exports that crm has no place for are passed over and
 * said so; any other name is refused, with the list of what is read.
 * crm-import(1) lists the same names.
 *
 * Where the exports' names come from (crm-import(1) cites the same):
 * - Bitrix24: the column names of its CRM lists, which its export to
 *   CSV and Excel writes as the header, from Bitrix24's own Russian
 *   language files (a public mirror of its source):
 *   https://github.com/avshatalov48/bitrix24-core-corp/blob/master/components/bitrix/crm.company.list/lang/ru/component.php
 *   .../components/bitrix/crm.contact.list/lang/ru/component.php
 *   .../components/bitrix/crm.deal.list/lang/ru/component.php
 *   and the kinds of phone and e-mail, each a column of its own
 *   ("Рабочий телефон", "Рабочий e-mail"):
 *   .../modules/crm/lang/ru/classes/general/crm_field_multi.php
 * - amoCRM: its help pages list the columns of an export:
 *   contacts and companies https://www.amocrm.ru/support/export/export/list
 *   deals https://www.amocrm.ru/support/export/export/leads
 * No documented list was found for the fields a department adds
 * itself; -L maps those.
 *
 * Synonyms compare folded (crmi_fold: case, ё as е) and with the blanks
 * around them dropped.  When a file has two synonyms of one column
 * (amoCRM's contacts: "Полное имя" and "Компания"), the first in this
 * table is read and the other passed over.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

/* One name: of column col of kind (NULL: any), or passed over (col NULL). */
static const struct syn {
	const char	*kind;
	const char	*col;
	const char	*name;
} syns[] = {
	{ "people", "login", "Логин" },
	{ "people", "name", "ФИО" },
	{ "people", "name", "Сотрудник" },
	{ "people", "name", "Имя" },
	{ "people", "role", "Роль" },
	{ "people", "head", "Руководитель" },
	{ "people", "active", "Активен" },

	{ "clients", "name", "Наименование" },	/* amoCRM */
	{ "clients", "name", "Название компании" },
	{ "clients", "name", "Название" },
	{ "clients", "name", "Полное имя" },
	{ "clients", "name", "Полное имя контакта" },
	{ "clients", "name", "ФИО" },
	{ "clients", "name", "Компания" },
	{ "clients", "name", "Клиент" },
	{ "clients", "name", "Контрагент" },
	{ "clients", "name", "Организация" },
	{ "clients", "name", "Контакт" },
	{ "clients", "inn", "ИНН" },
	{ "clients", "inn", "ИНН компании" },
	{ "clients", "inn", "ИНН организации" },
	{ "clients", "phone", "Телефон" },
	{ "clients", "phone", "Рабочий телефон" },
	{ "clients", "phone", "Мобильный телефон" },
	{ "clients", "phone", "Контактный телефон" },
	{ "clients", "phone", "Телефон компании" },
	{ "clients", "phone", "Другой телефон" },
	{ "clients", "phone", "Домашний телефон" },
	{ "clients", "phone", "Телефон для рассылок" },	/* Bitrix24 */
	{ "clients", "note", "Комментарий" },
	{ "clients", "note", "Примечание" },
	{ "clients", "note", "Описание" },
	{ "clients", "note", "Примечания" },	/* amoCRM */

	{ "deals", "title", "Название сделки" },
	{ "deals", "title", "Название" },
	{ "deals", "title", "Наименование" },
	{ "deals", "title", "Сделка" },
	{ "deals", "client", "Компания" },
	{ "deals", "client", "Клиент" },
	{ "deals", "client", "Контрагент" },
	{ "deals", "client", "Название компании" },
	{ "deals", "client", "Контакт" },
	{ "deals", "client", "Основной контакт" },
	{ "deals", "stage", "Стадия сделки" },
	{ "deals", "stage", "Стадия" },
	{ "deals", "stage", "Этап сделки" },
	{ "deals", "stage", "Этап" },
	{ "deals", "stage", "Статус" },
	{ "deals", "stage", "Статус сделки" },	/* amoCRM */
	{ "deals", "amount", "Сумма" },
	{ "deals", "amount", "Бюджет" },
	{ "deals", "amount", "Сумма сделки" },
	{ "deals", "profit", "Прибыль" },
	{ "deals", "profit", "Валовая прибыль" },
	{ "deals", "profit", "Маржа" },
	{ "deals", "close_date", "Предполагаемая дата закрытия" },
	{ "deals", "close_date", "Плановая дата закрытия" },
	{ "deals", "opened_at", "Дата начала" },
	{ "deals", "closed_at", "Дата закрытия" },
	{ "deals", "lost_reason", "Причина отказа" },
	{ "deals", "lost_reason", "Причина проигрыша" },
	{ "deals", "lost_reason", "Причина" },

	{ "docs", "kind", "Вид документа" },
	{ "docs", "kind", "Тип документа" },
	{ "docs", "kind", "Вид" },
	{ "docs", "number", "Номер" },
	{ "docs", "number", "Номер документа" },
	{ "docs", "doc_date", "Дата" },
	{ "docs", "doc_date", "Дата документа" },
	{ "docs", "amount", "Сумма" },
	{ "docs", "due_date", "Срок оплаты" },
	{ "docs", "due_date", "Оплатить до" },
	{ "docs", "paid_date", "Дата оплаты" },
	{ "docs", "deal_id", "Сделка" },

	{ "tasks", "assignee", "Исполнитель" },
	{ "tasks", "assignee", "Ответственный" },
	{ "tasks", "due_date", "Крайний срок" },
	{ "tasks", "due_date", "Срок" },
	{ "tasks", "due_date", "Дата" },
	{ "tasks", "due_time", "Время" },
	{ "tasks", "state", "Статус" },
	{ "tasks", "state", "Состояние" },
	{ "tasks", "kind", "Тип задачи" },
	{ "tasks", "kind", "Тип" },
	{ "tasks", "kind", "Вид" },
	{ "tasks", "client", "Клиент" },
	{ "tasks", "client", "Компания" },
	{ "tasks", "title", "Название задачи" },
	{ "tasks", "title", "Название" },
	{ "tasks", "title", "Задача" },
	{ "tasks", "author", "Постановщик" },
	{ "tasks", "author", "Автор" },
	{ "tasks", "note", "Комментарий" },
	{ "tasks", "note", "Описание" },
	{ "tasks", "note", "Примечание" },
	{ "tasks", "deal_id", "Сделка" },
	{ "tasks", "closed_at", "Дата закрытия" },
	{ "tasks", "result", "Результат" },
	{ "tasks", "cancel_reason", "Причина отмены" },

	/* Every kind that has the column. */
	{ NULL, "email", "E-mail" },
	{ NULL, "email", "Email" },
	{ NULL, "email", "Эл. почта" },
	{ NULL, "email", "Электронная почта" },
	{ NULL, "email", "Почта" },
	{ NULL, "email", "Рабочий e-mail" },
	{ NULL, "email", "Рабочий email" },
	{ NULL, "email", "Частный e-mail" },
	{ NULL, "email", "Личный email" },
	{ NULL, "email", "Другой e-mail" },
	{ NULL, "email", "E-mail для рассылок" },
	{ NULL, "manager", "Ответственный" },
	{ NULL, "manager", "Менеджер" },
	{ NULL, "manager", "Ответственный менеджер" },
	{ NULL, "created_at", "Дата создания" },
	{ NULL, "created_at", "Создан" },
	{ NULL, "created_at", "Создана" },
	{ NULL, "opened_at", "Дата создания" },

	/* What those exports have and crm keeps nowhere: passed over. */
	{ "deals", NULL, "Комментарий" },
	{ "deals", NULL, "Описание" },
	{ "deals", NULL, "Примечания" },
	{ "deals", NULL, "Состояние" },
	/* amoCRM's deals: the main contact's fields */
	{ "deals", NULL, "Компания контакта" },
	{ "deals", NULL, "Телефон" },
	{ "deals", NULL, "E-mail" },
	{ NULL, NULL, "ID" },
	{ NULL, NULL, "Кем создан" },
	{ NULL, NULL, "Кем создана" },
	{ NULL, NULL, "Дата изменения" },
	{ NULL, NULL, "Изменено" },
	{ NULL, NULL, "Кем изменен" },
	{ NULL, NULL, "Кем изменена" },
	{ NULL, NULL, "Теги" },
	{ NULL, NULL, "Тип компании" },
	{ NULL, NULL, "Сфера деятельности" },
	{ NULL, NULL, "Кол-во сотрудников" },
	{ NULL, NULL, "Годовой оборот" },
	{ NULL, NULL, "Валюта" },
	{ NULL, NULL, "Доступна для всех" },
	{ NULL, NULL, "Доступен для всех" },
	{ NULL, NULL, "Адрес" },
	{ NULL, NULL, "Фактический адрес" },
	{ NULL, NULL, "Юридический адрес" },
	{ NULL, NULL, "Корпоративный сайт" },
	{ NULL, NULL, "Сайт" },
	{ NULL, NULL, "Web" },
	{ NULL, NULL, "Номер факса" },
	{ NULL, NULL, "Источник" },
	{ NULL, NULL, "Дополнительно об источнике" },
	{ NULL, NULL, "Обращение" },
	{ NULL, NULL, "Имя" },
	{ NULL, NULL, "Отчество" },
	{ NULL, NULL, "Фамилия" },
	{ NULL, NULL, "Должность" },
	{ NULL, NULL, "Дата рождения" },
	{ NULL, NULL, "Тип контакта" },
	{ NULL, NULL, "Воронка" },
	{ NULL, NULL, "Вероятность" },
	{ NULL, NULL, "Тип" },
	{ NULL, NULL, "Сделка закрыта" },
	{ NULL, NULL, "Ближайшая задача" },
	{ NULL, NULL, "Последнее событие" },
	/* Bitrix24 */
	{ NULL, NULL, "Логотип" },
	{ NULL, NULL, "Фотография" },
	{ NULL, NULL, "Мессенджер" },
	{ NULL, NULL, "Банковские реквизиты" },
	{ NULL, NULL, "Компания продавец" },
	{ NULL, NULL, "Создана CRM-формой" },
	{ NULL, NULL, "Создан CRM-формой" },
	{ NULL, NULL, "Дела" },
	{ NULL, NULL, "Номер пейджера" },
	{ NULL, NULL, "Личная страница" },
	{ NULL, NULL, "Другой сайт" },
	{ NULL, NULL, "Товар" },
	{ NULL, NULL, "Группа стадий" },
	{ NULL, NULL, "Новая сделка" },
	{ NULL, NULL, "Повторная сделка" },
	{ NULL, NULL, "Повторное обращение" },
	{ NULL, NULL, "Статус оплаты" },
	{ NULL, NULL, "Статус доставки" },
	/* amoCRM */
	{ NULL, NULL, "Создатель" },
	{ NULL, NULL, "Автор изменения" },
	{ NULL, NULL, "Кем создано" },
	{ NULL, NULL, "Кем изменено" },
	{ NULL, NULL, "Теги сделки" },
	{ NULL, NULL, "Сделки" },
	{ NULL, NULL, "Mailchimp" },
};

#define NSYNS	(sizeof(syns) / sizeof(syns[0]))

/* The index of the column named col in the kind's table; -1 if none. */
static int
colno(const struct crmi_imp *im, const char *col)
{
	size_t	 c;

	for (c = 0; c < im->ncols; c++)
		if (strcmp(im->cols[c].name, col) == 0 &&
		    !(im->cols[c].flags & (CRM_COL_OUT | CRM_COL_VIEW)))
			return (int)c;
	return -1;
}

/* Whether a and b are one name, folded and with the blanks around dropped. */
static int
same(const char *a, const char *b)
{
	char	*fa, *fb, *pa, *pb;
	size_t	 na, nb;
	int	 eq;

	if ((fa = crmi_fold(a)) == NULL || (fb = crmi_fold(b)) == NULL) {
		free(fa);
		return 0;
	}
	pa = fa + strspn(fa, " \t");
	pb = fb + strspn(fb, " \t");
	for (na = strlen(pa); na > 0 && strchr(" \t", pa[na - 1]); na--)
		continue;
	for (nb = strlen(pb); nb > 0 && strchr(" \t", pb[nb - 1]); nb--)
		continue;
	eq = na == nb && memcmp(pa, pb, na) == 0;
	free(fa);
	free(fb);
	return eq;
}

/* Whether the first n bytes of m name header h (as same() compares). */
static int
mapped(const char *m, size_t n, const char *h)
{
	char	*k;
	int	 eq;

	if ((k = strndup(m, n)) == NULL)
		return 0;
	eq = same(k, h);
	free(k);
	return eq;
}

/*
 * What header name h fills: *c the column (-1: passed over) and *rank
 * (0 the column's own name or the caller's map, else 1 + its place in
 * the table, the lower the better); -1 when nothing knows it, -2 when
 * the caller's map names no column of the kind.
 */
static int
lookup(struct crmi_imp *im, const char *h, int *c, int *rank)
{
	const char	*const *m, *eq;
	size_t		 i;

	*rank = 0;
	for (m = im->map; m != NULL && *m != NULL; m++)
		if ((eq = strrchr(*m, '=')) != NULL &&
		    mapped(*m, (size_t)(eq - *m), h)) {
			if (eq[1] == '\0')
				return *c = -1, 0;
			return (*c = colno(im, eq + 1)) == -1 ? -2 : 0;
		}
	for (i = 0; i < im->ncols; i++)
		if (strcmp(h, im->cols[i].name) == 0 || (im->cols[i].old !=
		    NULL && strcmp(h, im->cols[i].old) == 0))
			return *c = (int)i, 0;
	for (i = 0; i < NSYNS; i++) {
		if (syns[i].kind != NULL && strcmp(syns[i].kind,
		    im->k->name) != 0)
			continue;
		if (!same(h, syns[i].name))
			continue;
		if (syns[i].col == NULL)
			return *c = -1, 0;
		if ((*c = colno(im, syns[i].col)) != -1)
			return *rank = 1 + (int)i, 0;
	}
	return -1;
}

/*
 * Add h to the headers passed over.  A name that would not fit whole
 * (a Bitrix24 export passes over dozens) is said by one "…", so that no
 * name is cut, nor a letter in two.
 */
static void
pass(struct crmi_imp *im, const char *h)
{
	static const char	 more[] = ", …";
	char			*s = im->chk->skipped;
	size_t			 sz = sizeof(im->chk->skipped), n = strlen(s);

	if (n >= sizeof(more) - 1 &&
	    strcmp(s + n - (sizeof(more) - 1), more) == 0)
		return;
	if (n + 2 + strlen(h) + sizeof(more) > sz) {
		strlcat(s, *s != '\0' ? more : more + 2, sz);
		return;
	}
	if (*s != '\0')
		strlcat(s, ", ", sz);
	strlcat(s, h, sz);
}

/* The columns the kind reads, for the message of an unknown one. */
static void
readable(const struct crmi_imp *im, char *buf, size_t sz)
{
	size_t	 c;

	*buf = '\0';
	for (c = 0; c < im->ncols; c++) {
		if (im->cols[c].flags & (CRM_COL_OUT | CRM_COL_VIEW))
			continue;
		if (*buf != '\0')
			strlcat(buf, ", ", sz);
		strlcat(buf, im->cols[c].name, sz);
	}
}

/*
 * Header name i fills column c at rank, unless a better name of the
 * file fills it: the worse of two is passed over; two of rank 0 (the
 * column's own name, the caller's map) are refused.
 */
static int
place(struct crmi_imp *im, size_t i, int c, int rank, int *ranks)
{
	if (im->pos[c] != -1) {
		if (rank == 0 && ranks[c] == 0)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "column '%s' twice", im->line, im->f[i]);
		if (ranks[c] == 0 || (rank != 0 && rank >= ranks[c])) {
			pass(im, im->f[i]);
			return CRM_OK;
		}
		pass(im, im->as[c]);
	}
	im->pos[c] = (int)i;
	im->as[c] = im->f[i];
	ranks[c] = rank;
	return CRM_OK;
}

/* The header's names into heads, and the row's fields pointed there. */
static int
keep(struct crmi_imp *im)
{
	size_t	 i, n = 0;
	char	*p;

	for (i = 0; i < im->nf; i++)
		n += strlen(im->f[i]) + 1;
	if ((im->heads = p = malloc(n + 1)) == NULL)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < im->nf; i++) {
		n = strlen(im->f[i]) + 1;
		memcpy(p, im->f[i], n);
		im->f[i] = p;
		p += n;
	}
	return CRM_OK;
}

int
crmi_imp_header(struct crmi_imp *im)
{
	char	 cols[512];
	int	 ranks[CRMI_IMP_NCOLS];
	size_t	 i;
	int	 c, rank, rc;

	for (c = 0; c < CRMI_IMP_NCOLS; c++) {
		im->pos[c] = -1;
		ranks[c] = -1;
	}
	for (c = 0; (size_t)c < im->ncols; c++)
		im->as[c] = im->cols[c].name;
	if ((rc = keep(im)) != CRM_OK)
		return rc;
	for (i = 0; i < im->nf; i++) {
		if ((rc = lookup(im, im->f[i], &c, &rank)) == -2)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: the "
			    "map of '%s' names no column of %s", im->line,
			    im->f[i], im->k->name);
		if (rc == -1) {
			readable(im, cols, sizeof(cols));
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "unknown column '%s' for %s; the columns read: "
			    "%s, their synonyms (see crm-import(1)) and what "
			    "-L maps", im->line, im->f[i], im->k->name, cols);
		}
		if (c == -1)
			pass(im, im->f[i]);
		else if ((rc = place(im, i, c, rank, ranks)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}
