/*
 * schema.h: the migrations of the schema that schema.c lists and the
 * files of their era define: schema_v1.c (1, 2), schema_v3.c (3 to 6),
 * schema_pg.c (9, 10); schema.c itself the KPI's (7, 8, 11, 12).
 */
#ifndef CRM_SCHEMA_H
#define CRM_SCHEMA_H

extern const char *const crmi_m1[];
extern const char *const crmi_m2[];
extern const char *const crmi_m_audit[];
extern const char *const crmi_m_comfort[];
extern const char *const crmi_m_forgive[];
extern const char *const crmi_m_russian[];
extern const char *const crmi_m_pgroles[];
extern const char *const crmi_m_trust[];
extern const char *const crmi_m_clock[];

#endif /* !CRM_SCHEMA_H */
