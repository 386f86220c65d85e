-- ERMS's two database roles (README "Database roles"). Run once, as a superuser, by psql:
--   psql -v ON_ERROR_STOP=1 -v db=erms -v owner=erms_owner -v owner_password=... \
--        -v app=erms_app -v app_password=... -f erms-roles.sql
-- docker-compose runs it through initdb/10-erms-roles.sh when the postgres volume is first made.
--
-- :owner owns the database and every table; only `manage.py migrate` connects as it.
-- :app is what web, worker and beat connect as: it reads and writes ERMS's tables (default
-- privileges below) but owns none, so it cannot ALTER or TRUNCATE them, disable the append-only
-- triggers, or (not being a superuser) set session_replication_role. The audit migrations then
-- narrow it further to SELECT and INSERT on the audit trail and access log (audit/db_roles.py).
-- Never make :app a member of :owner.

CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;

ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";

\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Tables and sequences :owner makes (every migration) are readable and writable by :app.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app";
