-- What a pushed solo workspace signed, kept as it was so its signatures can still be
-- checked on the team workspace (team/solo_proof.py): the solo workspace's id, every
-- public key its history gave each user, each change set's signature over the chain
-- head it left, and each approval as the approver signed it (the solo content hash,
-- who, when). Written once, by `team push` (import_solo_signatures), then never changed.
-- User ids here are the solo workspace's, as they were signed.

CREATE TABLE imported_keys (
    user_id text NOT NULL,
    since_seq bigint NOT NULL,  -- the solo history entry that gave the key
    public_key text NOT NULL,
    PRIMARY KEY (user_id, since_seq)
);

CREATE TABLE imported_signatures (
    seq bigint PRIMARY KEY,  -- the solo history entry signed
    head_hash text NOT NULL, -- the solo chain's hash there, which the signature covers
    user_id text NOT NULL,
    public_key text NOT NULL,
    signature text NOT NULL
);

CREATE TABLE imported_approvals (
    statement_id text PRIMARY KEY,
    content_hash text NOT NULL,  -- the solo workspace's hash of the approved content
    approver_id text NOT NULL,
    approver_name text,
    approved_at text NOT NULL,
    signature text,              -- the approver's Ed25519 signature (none before signing)
    kept boolean NOT NULL        -- still covered its content when pushed (else now a draft)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['imported_keys', 'imported_signatures', 'imported_approvals'] LOOP
        EXECUTE format('CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION fc_append_only()', t);
        EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION fc_append_only()', t);
    END LOOP;
END
$$;

-- Called by `team push` before import_solo_history (which closes the import).
CREATE FUNCTION import_solo_signatures(ident jsonb, keys jsonb, signatures jsonb,
                                       approvals jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF NOT fc_importing() THEN
        PERFORM fc_refuse('only an admin pushing a solo workspace may import its signatures',
                          'FCP01');
    END IF;
    IF EXISTS (SELECT 1 FROM team_meta WHERE id = 'solo_identity') THEN
        PERFORM fc_refuse('this team workspace already holds imported signatures');
    END IF;
    INSERT INTO team_meta (id, value) VALUES ('solo_identity', ident::text);
    INSERT INTO imported_keys SELECT * FROM jsonb_to_recordset(keys)
        AS k(user_id text, since_seq bigint, public_key text);
    INSERT INTO imported_signatures SELECT * FROM jsonb_to_recordset(signatures)
        AS s(seq bigint, head_hash text, user_id text, public_key text, signature text);
    INSERT INTO imported_approvals SELECT * FROM jsonb_to_recordset(approvals)
        AS a(statement_id text, content_hash text, approver_id text, approver_name text,
             approved_at text, signature text, kept boolean);
END
$$;

GRANT SELECT ON imported_keys, imported_signatures, imported_approvals TO @analyst@;
REVOKE EXECUTE ON FUNCTION import_solo_signatures(jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION import_solo_signatures(jsonb, jsonb, jsonb, jsonb) TO @analyst@;
