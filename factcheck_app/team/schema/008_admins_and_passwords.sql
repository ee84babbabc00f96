-- A workspace always keeps an active admin, and only an active admin manages logins.
-- Without this an admin could demote or deactivate the last admin (themselves included)
-- and lock the team out of its own users and settings, with nobody left to undo it.
-- And: an admin resets a team member's password, sent as a SCRAM verifier only.

-- Active users whose login is in this workspace's admin group.
CREATE FUNCTION fc_admins_left() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT count(*) FROM users WHERE active = 1 AND fc_role_of(name) = 'admin'
$$;

CREATE FUNCTION fc_keep_an_admin() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF fc_admins_left() = 0 THEN
        PERFORM fc_refuse('the workspace must keep at least one active admin: make another '
                          'user admin first; nothing was changed');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER d_keep_an_admin AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION fc_keep_an_admin();

-- set_login_role also writes users.role now, so that an admin may step down (after the
-- REVOKE they could no longer write users themselves).

-- A deactivated user keeps their login (and its group role) but no admin powers.
CREATE OR REPLACE FUNCTION fc_admin_giving(team_role text, what text) RETURNS void
LANGUAGE plpgsql SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF fc_role() IS DISTINCT FROM 'admin' THEN
        PERFORM fc_refuse('only an admin may ' || what, 'FCP01');
    END IF;
    IF fc_me() IS NULL THEN
        PERFORM fc_refuse(format('%s is no longer an active user of this workspace, so may '
                                 'not %s', session_user, what), 'FCP01');
    END IF;
    IF team_role NOT IN ('analyst', 'reviewer', 'admin') THEN
        PERFORM fc_refuse(format('role must be analyst, reviewer or admin (got %s)', team_role));
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION set_login_role(login text, team_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    r text;
BEGIN
    PERFORM fc_admin_giving(team_role, 'change roles');
    IF fc_role_of(login) IS NULL THEN
        PERFORM fc_refuse(format('%s is not a user of this workspace', login));
    END IF;
    FOREACH r IN ARRAY ARRAY['analyst', 'reviewer', 'admin'] LOOP
        EXECUTE format('REVOKE %I FROM %I', '@prefix@_' || r, login);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', '@prefix@_' || team_role, login);
    IF fc_admins_left() = 0 THEN
        PERFORM fc_refuse(format('%s is the last active admin of this workspace: make another '
                                 'user admin first; nothing was changed', login));
    END IF;
    -- here, as the owner: an admin stepping down has no right to write users any more
    UPDATE users SET role = team_role WHERE name = login;
END
$$;

-- An admin sets a new password for a login of this team (one who forgot theirs). A user
-- changes their own with ALTER ROLE, which needs no help. Only a SCRAM verifier is taken,
-- so a plain password never reaches the server or its logs. A login that is also in
-- some other role (another team, a superuser's) is not this team's to reset.
CREATE FUNCTION set_login_password(login text, password_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    PERFORM fc_admin_giving('analyst', 'reset another user''s password');
    IF fc_role_of(login) IS NULL THEN
        PERFORM fc_refuse(format('%s is not a user of this workspace', login));
    END IF;
    IF password_verifier IS NULL OR password_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        PERFORM fc_refuse('send the password as a SCRAM-SHA-256 verifier, never in plain');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login
                 AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication
                      OR rolbypassrls))
       OR EXISTS (SELECT 1 FROM pg_auth_members m
                    JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                   WHERE u.rolname = login
                     AND g.rolname NOT IN ('@analyst@', '@reviewer@', '@admin@')) THEN
        PERFORM fc_refuse(format('%s has rights beyond this team on the server; they change '
                                 'their password themselves, or the server''s administrator '
                                 'does', login), 'FCP01');
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password_verifier);
END
$$;

REVOKE EXECUTE ON FUNCTION set_login_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_login_password(text, text) TO @analyst@;
