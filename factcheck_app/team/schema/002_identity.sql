-- Who is acting: always the login (session_user), never a name the client sends.
-- SET ROLE changes current_user but not session_user, so a client cannot act as
-- someone else; only the trusted functions below run as the owner role.

CREATE FUNCTION fc_now() RETURNS text LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"')
$$;

-- The team role of a login: the highest of this workspace's group roles it is in.
CREATE FUNCTION fc_role_of(login text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN NULL
        WHEN pg_has_role(login, '@admin@', 'MEMBER') THEN 'admin'
        WHEN pg_has_role(login, '@reviewer@', 'MEMBER') THEN 'reviewer'
        WHEN pg_has_role(login, '@analyst@', 'MEMBER') THEN 'analyst'
    END
$$;

CREATE FUNCTION fc_role() RETURNS text LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT fc_role_of(session_user::text)
$$;

-- The users.id of the login, when it is an active user of this workspace.
CREATE FUNCTION fc_me() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT id FROM users WHERE name = session_user::text AND active = 1
$$;

-- Inside the workspace's own SECURITY DEFINER functions current_user is the owner
-- role, which nobody logs in as and nobody is a member of.
CREATE FUNCTION fc_trusted() RETURNS boolean LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT current_user = '@owner@'
$$;

CREATE FUNCTION fc_refuse(message text, code text DEFAULT 'FCR01') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = message, ERRCODE = code;
END
$$;
