-- Who may do what: the group roles' grants, row-level security on comments, and the
-- few trusted functions that manage logins and imports.
-- @reviewer@ is a member of @analyst@ and @admin@ of @reviewer@ (team/admin.py), so
-- each role has the privileges of the one below it.

GRANT USAGE ON SCHEMA factcheck TO @analyst@;
GRANT SELECT ON team_meta, users, settings, speakers, sources, statements, statement_tags,
    evidence, links, attachments, verdicts, comments, change_sets, imported_history
    TO @analyst@;
GRANT INSERT, UPDATE, DELETE ON speakers, sources, statements, evidence, links, attachments,
    verdicts, comments TO @analyst@;
-- Users and settings (the four-eyes switch, the verdict scale): admins only.
GRANT INSERT, UPDATE, DELETE ON users, settings TO @admin@;
-- No client may write the history tables or the staging table (none holds a grant);
-- their triggers refuse even the owner.

-- A comment is its author's: only they edit it; they or an admin remove it.
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON comments FOR SELECT USING (true);
CREATE POLICY write_own ON comments FOR INSERT WITH CHECK (user_id = fc_me() OR fc_importing());
CREATE POLICY edit_own ON comments FOR UPDATE USING (user_id = fc_me())
    WITH CHECK (user_id = fc_me());
CREATE POLICY remove_own ON comments FOR DELETE
    USING (user_id = fc_me() OR fc_role() = 'admin');

-- Refuse unless the login is an admin and team_role is one of the team's roles.
CREATE FUNCTION fc_admin_giving(team_role text, what text) RETURNS void LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF fc_role() IS DISTINCT FROM 'admin' THEN
        PERFORM fc_refuse('only an admin may ' || what, 'FCP01');
    END IF;
    IF team_role NOT IN ('analyst', 'reviewer', 'admin') THEN
        PERFORM fc_refuse(format('role must be analyst, reviewer or admin (got %s)', team_role));
    END IF;
END
$$;

-- Logins: an admin adds one by name with a password verifier computed by the client
-- (libpq's PQencryptPasswordConn), so no plain password reaches the server's logs.
-- A login that exists already (a member of another team) keeps its password.
CREATE FUNCTION create_login(login text, password_verifier text, team_role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    PERFORM fc_admin_giving(team_role, 'add users');
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        IF password_verifier IS NULL THEN
            EXECUTE format('CREATE ROLE %I LOGIN', login);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, password_verifier);
        END IF;
    ELSIF fc_role_of(login) IS NOT NULL THEN
        PERFORM fc_refuse(format('%s is already a user of this workspace', login));
    END IF;
    EXECUTE format('GRANT %I TO %I', '@prefix@_' || team_role, login);
END
$$;

CREATE FUNCTION set_login_role(login text, team_role text) RETURNS void
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
END
$$;

-- `team push`: keep the solo workspace's own history as it was, once, with its hash.
CREATE FUNCTION import_solo_history(entries jsonb, solo_head text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    digest text;
BEGIN
    IF NOT fc_importing() THEN
        PERFORM fc_refuse('only an admin pushing a solo workspace may import its history',
                          'FCP01');
    END IF;
    IF EXISTS (SELECT 1 FROM imported_history) THEN
        PERFORM fc_refuse('this team workspace already holds an imported solo history');
    END IF;
    INSERT INTO imported_history (seq, entry)
    SELECT ordinality, value FROM jsonb_array_elements(entries) WITH ORDINALITY;
    digest := encode(sha256(convert_to(entries::text, 'UTF8')), 'hex');
    INSERT INTO team_meta (id, value) VALUES ('solo_history', json_build_object(
        'entries', jsonb_array_length(entries), 'sha256', digest, 'solo_head', solo_head)::text);
    RETURN digest;
END
$$;

-- After a push: approvals that held in the solo workspace are bound to the server's
-- own hash of the same content.
CREATE FUNCTION rebind_imported_approvals(statement_ids text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    IF NOT fc_importing() THEN
        PERFORM fc_refuse('only an admin pushing a solo workspace may bind its approvals',
                          'FCP01');
    END IF;
    UPDATE statements s SET approved_hash = fc_content_hash(s)
     WHERE s.id = ANY(statement_ids) AND s.review_state = 'approved';
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- Each checks for an admin itself, to say so in words; only members may call them.
REVOKE EXECUTE ON FUNCTION create_login(text, text, text), set_login_role(text, text),
    import_solo_history(jsonb, text), rebind_imported_approvals(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_login(text, text, text), set_login_role(text, text),
    import_solo_history(jsonb, text), rebind_imported_approvals(text[]) TO @analyst@;
