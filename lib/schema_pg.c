/*
 * schema_pg.c: migrations 9 and 10 of the schema (schema.c): the
 * server's clock and sequences (pgroles), and trust, the roles and
 * rights of a department on PostgreSQL.
 */
#include <stddef.h>

#include "crm_int.h"
#include "schema.h"

/*
 * pgroles: the server's clock, and the sequences kept after the tables.
 * Until trust (below) this migration also made each person a role of
 * the server, with row-level security over their own psql: trust takes
 * that out of a database that has it, and a new database never makes it
 * (it needed a service role that could make the cluster's roles).  The
 * time of record is crm_now(): the server's clock in the department's
 * zone, or crm.now, which the library sets for root's CRM_NOW only and
 * a setgid tool's caller cannot reach (store_pg.c clears PGOPTIONS).
 */
const char *const crmi_m_pgroles[] = {
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_now() RETURNS text"
	" LANGUAGE plpgsql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$"
	"DECLARE f text := current_setting('crm.now', true); BEGIN"
	" IF session_user = current_user AND coalesce(f, '') <> '' THEN"
	" RETURN f; END IF;"
	" RETURN to_char(now() AT TIME ZONE coalesce((SELECT value FROM meta"
	" WHERE key = 'zone'), 'UTC'), 'YYYY-MM-DD HH24:MI:SS'); END$$",
	NULL
};

/*
 * trust: one trust boundary, as on SQLite.  People reach the
 * department's data through the tools only, which connect as its
 * service role (crm.conf's database and secret); the library is the one
 * place where the rules live.  What pgroles made for people's own
 * connections goes: the policies and row-level security, the triggers
 * that gave a person's session the server's time, the functions of both,
 * every grant to the groups crm_person, crm_manager, crm_head,
 * crm_director and crm_admin, and to PUBLIC the database, the schema and
 * the functions; then the roles themselves where they can go (a role
 * another database of the cluster still uses stays, and can do nothing
 * in this one, not even connect).  The sequences follow their tables
 * through functions that name each table one way, callable by the owner
 * only.
 */
#define PG_GROUPS "'crm_person', 'crm_manager', 'crm_head'," \
	" 'crm_director', 'crm_admin'"

const char *const crmi_m_trust[] = {
	CRMI_PG_ONLY "DO $$DECLARE r record; BEGIN"
	" FOR r IN SELECT policyname, tablename FROM pg_policies"
	" WHERE schemaname = 'public' LOOP"
	" EXECUTE format('DROP POLICY %I ON public.%I', r.policyname,"
	" r.tablename); END LOOP;"
	" FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n"
	" ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
	" AND c.relrowsecurity LOOP"
	" EXECUTE format('ALTER TABLE public.%I DISABLE ROW LEVEL SECURITY',"
	" r.relname); END LOOP;"
	" FOR r IN SELECT t.tgname, c.relname FROM pg_trigger t"
	" JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
	" ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
	" AND t.tgname IN ('crm_clock', 'crm_closed', 'crm_role_sync') LOOP"
	" EXECUTE format('DROP TRIGGER %I ON public.%I', r.tgname,"
	" r.relname); END LOOP; END$$",
	CRMI_PG_ONLY "DROP FUNCTION IF EXISTS crm_clock(), crm_closed(),"
	" crm_sees(bigint), crm_acts(bigint), crm_may_person(text, bigint),"
	" crm_self(text, text, bigint, bigint), crm_role_sync(),"
	" crm_role_of(text, text, bigint)",
	CRMI_PG_ONLY "DO $$DECLARE g text; BEGIN"
	" FOR g IN SELECT rolname FROM pg_roles WHERE rolname IN (" PG_GROUPS
	") LOOP"
	" EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', g);"
	" EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public"
	" REVOKE ALL ON TABLES FROM %I', g); END LOOP; END$$",
	/*
	 * The people's roles that pgroles made, where the migrating role
	 * may drop them (it made them, with CREATEROLE): none of the
	 * server's own, none that another database still needs (the
	 * error is taken as a no).
	 */
	CRMI_PG_ONLY "DO $$DECLARE r record; BEGIN"
	" IF to_regrole('crm_person') IS NULL THEN RETURN; END IF;"
	" FOR r IN SELECT x.rolname FROM pg_roles x JOIN person p"
	" ON p.login = x.rolname WHERE NOT x.rolsuper"
	" AND NOT x.rolcreaterole AND x.rolname <> current_user"
	" AND pg_has_role(x.rolname, 'crm_person', 'MEMBER') LOOP"
	" BEGIN EXECUTE format('DROP ROLE %I', r.rolname);"
	" EXCEPTION WHEN others THEN NULL; END; END LOOP;"
	" FOR r IN SELECT rolname FROM pg_roles WHERE rolname IN ("
	PG_GROUPS ") ORDER BY rolname = 'crm_person' LOOP"
	" BEGIN EXECUTE format('DROP ROLE %I', r.rolname);"
	" EXCEPTION WHEN others THEN NULL; END; END LOOP; END$$",
	CRMI_PG_ONLY "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
	CRMI_PG_ONLY "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public"
	" FROM PUBLIC",
	/* functions' EXECUTE for PUBLIC is a global default: revoked
	 * globally, for the functions the migrating role makes later */
	CRMI_PG_ONLY "ALTER DEFAULT PRIVILEGES"
	" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
	CRMI_PG_ONLY "DO $$BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I"
	" FROM PUBLIC', current_database()); END$$",
	CRMI_PG_ONLY "REVOKE ALL ON SCHEMA public FROM PUBLIC",
	/* a table's name resolved once, in the schema, for both uses */
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_ids_reset()"
	" RETURNS void LANGUAGE plpgsql SECURITY INVOKER"
	" SET search_path = public, pg_temp AS $$" CRMI_PG_IDS_RESET "$$",
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_ids_taken(t text)"
	" RETURNS void LANGUAGE plpgsql SECURITY INVOKER"
	" SET search_path = public, pg_temp AS $$DECLARE"
	" q text := 'public.' || quote_ident(t); BEGIN"
	" IF to_regclass(q) IS NULL THEN RAISE EXCEPTION 'no table %', t;"
	" END IF;"
	" EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),"
	" max(id)) FROM %s', q, q); END$$",
	CRMI_PG_ONLY "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public"
	" FROM PUBLIC",
	NULL
};

/*
 * clock: crm_now() the same, in SQL rather than PL/pgSQL.  Every tool
 * reads the time of record once it opens; a view that runs no trigger
 * loaded PL/pgSQL into its new server process for that call alone,
 * 0.8 ms of a view's 15 (bench/floor).  Still the owner's, with its
 * search_path fixed: the service role's session is the owner's, and
 * crm.now is honoured there only, as before.
 */
const char *const crmi_m_clock[] = {
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_now() RETURNS text"
	" LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$SELECT CASE"
	" WHEN session_user = current_user"
	" AND coalesce(current_setting('crm.now', true), '') <> ''"
	" THEN current_setting('crm.now', true)"
	" ELSE to_char(now() AT TIME ZONE coalesce((SELECT value FROM meta"
	" WHERE key = 'zone'), 'UTC'), 'YYYY-MM-DD HH24:MI:SS') END$$",
	NULL
};
