"""user logins: each user a PostgreSQL login, created and changed by database functions

On PostgreSQL a user of the program is a database login (``CREATE ROLE … LOGIN``) in one of the
group roles ``aktdesk_manager``, ``aktdesk_approver``, ``aktdesk_accountant``, ``aktdesk_admin``
(each a member of ``aktdesk_user``; migration 0007 creates them and their grants, the ``users``
table SELECT only). Only the functions below create, change and disable logins:
they run with the rights of their owner, the login that migrates the schema (which therefore needs
CREATEROLE, or is a superuser), and let only an administrator (an active ``admin`` row of
``users``, a member of ``aktdesk_admin``), the schema owner or a superuser call them. Errors are
raised with SQLSTATE P0001, a Russian message and the field in HINT (``login``, ``full_name``,
``role``, ``password`` or empty); the program shows them as they are.

SQLite (one user, the OS login): nothing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The caller may change users: the schema owner (the functions' owner: current_user inside them),
# a superuser, a member of aktdesk_admin or an active administrator of the users table.
MAY_EDIT_USERS = """
CREATE OR REPLACE FUNCTION aktdesk_may_edit_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, {schema}, pg_temp
AS $fn$
    SELECT session_user = current_user
        OR EXISTS (SELECT FROM pg_roles WHERE rolname = session_user AND rolsuper)
        OR pg_has_role(session_user, 'aktdesk_admin', 'MEMBER')
        OR EXISTS (SELECT FROM users WHERE login = session_user AND role = 'admin' AND is_active)
$fn$
"""

SCHEMA_OWNER = """
CREATE OR REPLACE FUNCTION aktdesk_schema_owner() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, {schema}, pg_temp
AS $fn$ SELECT current_user::text $fn$
"""

SAVE_USER = r"""
CREATE OR REPLACE FUNCTION aktdesk_save_user(
    p_login text, p_full_name text, p_role text, p_email text, p_region text, p_active boolean,
    p_password text
) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, {schema}, pg_temp
AS $fn$
DECLARE
    v_login text := btrim(coalesce(p_login, ''));
    v_name text := regexp_replace(btrim(coalesce(p_full_name, '')), '\s+', ' ', 'g');
    v_role text := coalesce(p_role, '');
    v_email text := nullif(btrim(coalesce(p_email, '')), '');
    v_region text := nullif(btrim(coalesce(p_region, '')), '');
    v_active boolean := coalesce(p_active, true);
    v_user users%ROWTYPE;
    v_found boolean;
    v_server pg_roles%ROWTYPE;
    v_exists boolean;
    v_group text;
    v_member boolean;
    v_id integer;
    v_changes jsonb := '{{}}';
BEGIN
    IF NOT aktdesk_may_edit_users() THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = '',
            MESSAGE = 'Пользователей и роли меняет только администратор.';
    END IF;
    IF v_login = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = 'укажите логин пользователя на сервере базы данных';
    END IF;
    IF v_login !~ '^[A-Za-z_][A-Za-z0-9._-]*$' OR octet_length(v_login) > 63 THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = 'логин — латинские буквы, цифры, «.», «_», «-», начинается с буквы, не длиннее 63 символов';
    END IF;
    IF v_login = current_user THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = format('«%s» — владелец схемы базы данных, а не логин пользователя', v_login);
    END IF;
    IF v_login LIKE 'pg\_%' OR v_login LIKE 'aktdesk\_%' THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = format('«%s» — служебное имя сервера или программы, выберите другой логин', v_login);
    END IF;
    IF v_name = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'full_name', MESSAGE = 'укажите фамилию и инициалы';
    END IF;
    IF v_role NOT IN ('manager', 'approver', 'accountant', 'admin') THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'role', MESSAGE = 'выберите роль из списка';
    END IF;
    IF p_password IS NOT NULL AND p_password !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'password',
            MESSAGE = 'пароль передаётся серверу только зашифрованным (SCRAM-SHA-256)';
    END IF;

    -- the administrators are counted under a lock: two removals at once cannot leave none
    PERFORM FROM users WHERE role = 'admin' AND is_active FOR UPDATE;
    SELECT * INTO v_user FROM users WHERE lower(login) = lower(v_login) FOR UPDATE;
    v_found := FOUND;
    IF v_found AND v_user.login <> v_login THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = format('логин «%s» уже есть в списке', v_user.login);
    END IF;
    SELECT * INTO v_server FROM pg_roles WHERE rolname = v_login;
    v_exists := FOUND;
    IF v_exists AND (v_server.rolsuper OR v_server.rolcreaterole OR v_server.rolreplication
                     OR v_server.rolbypassrls) THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = format('«%s» — служебная роль сервера с особыми правами: из программы её не меняют',
                             v_login);
    END IF;
    -- roles belong to the whole server: a login this database does not list may be another
    -- application's or another AktDesk database's, and is not taken over (nor its password reset)
    IF v_exists AND NOT v_found THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'login',
            MESSAGE = format('логин «%s» уже занят на сервере (другой программой или другой базой): '
                             'выберите другой', v_login);
    END IF;
    IF NOT v_exists AND v_active AND p_password IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'password',
            MESSAGE = 'укажите пароль нового пользователя';
    END IF;
    IF v_found AND v_user.role = 'admin' AND v_user.is_active AND NOT (v_role = 'admin' AND v_active)
       AND NOT EXISTS (SELECT FROM users WHERE role = 'admin' AND is_active AND id <> v_user.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', HINT = 'role',
            MESSAGE = 'Это последний администратор: сначала назначьте администратором другого пользователя.';
    END IF;

    -- the login on the server
    IF NOT v_exists THEN
        IF p_password IS NULL THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', v_login);
        ELSE
            EXECUTE format('CREATE ROLE %I %s PASSWORD %L', v_login,
                           CASE WHEN v_active THEN 'LOGIN' ELSE 'NOLOGIN' END, p_password);
        END IF;
    ELSE
        EXECUTE format('ALTER ROLE %I %s', v_login, CASE WHEN v_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
        IF p_password IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', v_login, p_password);
        END IF;
    END IF;
    FOREACH v_group IN ARRAY ARRAY['manager', 'approver', 'accountant', 'admin'] LOOP
        v_member := EXISTS (
            SELECT FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid
            JOIN pg_roles u ON u.oid = m.member
            WHERE g.rolname = 'aktdesk_' || v_group AND u.rolname = v_login
        );
        IF v_active AND v_group = v_role AND NOT v_member THEN
            EXECUTE format('GRANT %I TO %I', 'aktdesk_' || v_group, v_login);
        ELSIF NOT (v_active AND v_group = v_role) AND v_member THEN
            EXECUTE format('REVOKE %I FROM %I', 'aktdesk_' || v_group, v_login);
        END IF;
    END LOOP;

    -- the row of the program, and its event
    IF v_found THEN
        UPDATE users SET full_name = v_name, role = v_role, email = v_email, region = v_region,
                         is_active = v_active
        WHERE id = v_user.id;
        v_id := v_user.id;
        IF v_user.role <> v_role THEN
            v_changes := v_changes || jsonb_build_object('role', jsonb_build_array(v_user.role, v_role));
        END IF;
        IF v_user.is_active <> v_active THEN
            v_changes := v_changes
                || jsonb_build_object('is_active', jsonb_build_array(v_user.is_active, v_active));
        END IF;
    ELSE
        INSERT INTO users (login, full_name, role, email, region, is_active)
        VALUES (v_login, v_name, v_role, v_email, v_region, v_active)
        RETURNING id INTO v_id;
        v_changes := jsonb_build_object('role', jsonb_build_array(NULL::text, v_role),
                                        'is_active', jsonb_build_array(NULL::boolean, v_active));
    END IF;
    INSERT INTO events (at, user_login, object_type, object_id, action, details)
    VALUES (now() AT TIME ZONE 'UTC', session_user, 'user', v_id,
            CASE WHEN v_found THEN 'update' ELSE 'create' END, v_changes::text);
    RETURN v_id;
END
$fn$
"""

FUNCTIONS = (
    "aktdesk_save_user(text, text, text, text, text, boolean, text)",
    "aktdesk_may_edit_users()",
    "aktdesk_schema_owner()",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    for body in (MAY_EDIT_USERS, SCHEMA_OWNER, SAVE_USER):
        op.execute(body.format(schema=schema))
    for function in FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO aktdesk_user")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for function in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
