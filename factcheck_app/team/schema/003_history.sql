-- The history, written by the server itself: every row change of a tracked table is
-- staged by a trigger, and the transaction's changes are sealed into one change set
-- when it commits (a deferred trigger), chained by SHA-256 to the set before it.
-- No client holds any privilege on these tables; their rows cannot be updated or
-- deleted by anyone, the owner included.

CREATE TABLE pending_changes (
    id bigserial PRIMARY KEY,
    txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    record_type text NOT NULL,
    record_id text NOT NULL,
    op text NOT NULL,
    fields jsonb NOT NULL
);
CREATE INDEX pending_changes_tx ON pending_changes (txid);

CREATE TABLE change_sets (
    seq bigint PRIMARY KEY,
    at text NOT NULL,
    user_name text NOT NULL,   -- the login (session_user) that committed it
    user_id text,              -- its users.id, when it has one
    action text NOT NULL,      -- create, edit, delete, workflow or import: from the changes
    reason text,               -- the client's words (SET LOCAL factcheck.reason)
    changes jsonb NOT NULL,    -- [{table, id, op, fields}], fields {name: [old, new]} on update
    prev_hash text NOT NULL,
    hash text NOT NULL
);

-- The head of the chain, one row. Sealing takes its row lock, so concurrent commits
-- chain one after the other; under REPEATABLE READ a concurrent seal is a
-- serialization failure, never a fork.
CREATE TABLE chain_head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO chain_head VALUES (1, 0, repeat('0', 64));

-- A solo workspace's own history, kept as it was by `team push` (see team/push.py).
CREATE TABLE imported_history (
    seq bigint PRIMARY KEY,
    entry jsonb NOT NULL
);

-- `team push` copies a solo workspace as it is (ids, authors, approvals). Any client
-- can set the flag; it counts only for a member of the admin group, and only while
-- the workspace is new: no statement in its history yet and no solo history imported
-- (the push imports it last), so not even an admin can use it to sign work later.
CREATE FUNCTION fc_importing() RETURNS boolean LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN coalesce(current_setting('factcheck.import', true), '') <> 'on' THEN false
        WHEN fc_role() IS DISTINCT FROM 'admin' THEN false
        ELSE NOT EXISTS (SELECT 1 FROM team_meta WHERE id = 'solo_history')
             AND NOT EXISTS (SELECT 1 FROM change_sets
                              WHERE changes @> '[{"table": "statements"}]'::jsonb)
    END
$$;

CREATE FUNCTION change_set_hash(prev_hash text, seq bigint, at text, user_name text,
                                user_id text, action text, reason text, changes jsonb)
RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    -- Unit separators keep ("ab","c") and ("a","bc") from hashing alike; team/chain.py
    -- recomputes exactly this.
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f', prev_hash, seq::text, at, user_name,
        coalesce(user_id, ''), action, coalesce(reason, ''), changes::text), 'UTF8')), 'hex')
$$;

-- Stage one row change (AFTER ... FOR EACH ROW) and tell listening windows.
CREATE FUNCTION fc_track() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    -- bookkeeping that changes on every write; the change set says who and when
    untracked CONSTANT text[] := ARRAY['version', 'updated_at', 'updated_by', 'search'];
    old_row jsonb;
    new_row jsonb;
    fields jsonb;
    rid text;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - untracked; END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - untracked; END IF;
    rid := coalesce(new_row ->> 'id', old_row ->> 'id');
    IF TG_OP = 'INSERT' THEN
        fields := jsonb_strip_nulls(new_row);
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT coalesce(jsonb_object_agg(n.key, jsonb_build_array(old_row -> n.key, n.value)),
                        '{}'::jsonb)
          INTO fields
          FROM jsonb_each(new_row) AS n
         WHERE n.value IS DISTINCT FROM old_row -> n.key;
        IF fields = '{}'::jsonb THEN
            RETURN NULL;
        END IF;
    ELSE
        fields := jsonb_strip_nulls(old_row);
    END IF;
    INSERT INTO pending_changes (record_type, record_id, op, fields)
    VALUES (TG_TABLE_NAME, rid, lower(TG_OP), fields);
    PERFORM pg_notify('factcheck', json_build_object('table', TG_TABLE_NAME, 'id', rid)::text);
    RETURN NULL;
END
$$;

-- Seal the transaction's staged changes into one change set (a deferred constraint
-- trigger: it runs at COMMIT, after the client's last statement). A client that
-- makes it fire early (SET CONSTRAINTS ALL IMMEDIATE) only splits its transaction
-- into several change sets; nothing escapes the history.
CREATE FUNCTION fc_seal() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    tx CONSTANT xid8 := pg_current_xact_id();
    staged jsonb;
    head chain_head%ROWTYPE;
    stamp text;
    who_id text := fc_me();
    why text := nullif(current_setting('factcheck.reason', true), '');
    act text;
    digest text;
BEGIN
    SELECT jsonb_agg(jsonb_build_object('table', record_type, 'id', record_id, 'op', op,
                                        'fields', fields) ORDER BY id)
      INTO staged FROM pending_changes WHERE txid = tx;
    IF staged IS NULL THEN
        RETURN NULL;
    END IF;
    DELETE FROM pending_changes WHERE txid = tx;
    act := CASE
        WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(staged) c  -- a push's own set
                      WHERE c ->> 'table' = 'team_meta' AND c ->> 'id' = 'solo_history') THEN 'import'
        WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(staged) c
                      WHERE c ->> 'op' = 'update' AND c -> 'fields' ? 'review_state') THEN 'workflow'
        WHEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(staged) c
                          WHERE c ->> 'op' <> 'insert') THEN 'create'
        WHEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(staged) c
                          WHERE c ->> 'op' <> 'delete') THEN 'delete'
        ELSE 'edit'
    END;
    SELECT * INTO head FROM chain_head WHERE id = 1 FOR UPDATE;
    stamp := fc_now();
    digest := change_set_hash(head.hash, head.seq + 1, stamp, session_user::text, who_id, act,
                              why, staged);
    INSERT INTO change_sets (seq, at, user_name, user_id, action, reason, changes, prev_hash, hash)
    VALUES (head.seq + 1, stamp, session_user::text, who_id, act, why, staged, head.hash, digest);
    UPDATE chain_head SET seq = head.seq + 1, hash = digest WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION fc_append_only() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' AND fc_trusted() THEN
        RETURN NEW;
    END IF;
    PERFORM fc_refuse(format('%s is append-only and written by the server: %s refused',
                             TG_TABLE_NAME, TG_OP), 'FCP01');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['change_sets', 'imported_history', 'chain_head'] LOOP
        EXECUTE format('CREATE TRIGGER append_only BEFORE INSERT OR DELETE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION fc_append_only()', t);
        EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION fc_append_only()', t);
        IF t <> 'chain_head' THEN  -- the head moves, under the seal's row lock only
            EXECUTE format('CREATE TRIGGER no_update BEFORE UPDATE ON %I '
                           'FOR EACH ROW EXECUTE FUNCTION fc_append_only()', t);
        END IF;
    END LOOP;
END
$$;

-- Every tracked table: stage each change, seal at commit.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['team_meta', 'users', 'settings', 'speakers', 'sources',
                             'statements', 'evidence', 'links', 'attachments', 'verdicts',
                             'comments'] LOOP
        EXECUTE format('CREATE TRIGGER z_track AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION fc_track()', t);
        EXECUTE format('CREATE CONSTRAINT TRIGGER z_seal AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fc_seal()', t);
    END LOOP;
END
$$;
