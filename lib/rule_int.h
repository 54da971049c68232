/*
 * rule_int.h: the registry of the department's regulations (rulereg.c),
 * shared by the files that read and set them (rule.c).
 */
#ifndef RULE_INT_H
#define RULE_INT_H

enum crmi_rtype {
	R_INT, R_BOOL, R_DATE, R_DAYS, R_TEXT, R_REGIME, R_FIELDS, R_ENTRY,
	R_MONTH
};

struct crmi_reg {
	const char	*key;
	enum crmi_rtype	 type;
	const char	*deflt;
	const char	*help;
	int		 per_person;	/* key@login allowed */
	int		 team;		/* key/head: a head's team may differ */
};

/*
 * The registry, ending with a NULL key.  "plan.min.KIND" keys are
 * matched by prefix: any task kind may follow.
 */
extern const struct crmi_reg crmi_rule_registry[];

/*
 * The registry entry for key, with a kind suffix allowed, and *at at
 * its "@login" (a person's value) or "/login" (a team's), or NULL;
 * NULL when no entry has key.
 */
const struct crmi_reg	*crmi_rule_lookup(const char *key, const char **at);

#endif /* !RULE_INT_H */
