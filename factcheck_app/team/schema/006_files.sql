-- Attachment bytes on the server: a team has no shared folder, so the bytes an
-- attachments row (or a source's archived copy) names by SHA-256 live here, once per
-- content. The server checks that the name is the SHA-256 of the bytes, and stamps who
-- added them and when; nobody changes or deletes them, except an admin's purge of bytes
-- that no record names any more (purge_unused_files below).

CREATE TABLE files (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data bytea NOT NULL,
    size bigint NOT NULL DEFAULT 0,
    added_by text NOT NULL DEFAULT session_user,
    added_at text NOT NULL DEFAULT ''
);
-- Uncompressed out-of-line storage: reading a file a slice at a time (substring) then
-- fetches only that slice, and most evidence (photos, PDFs) is compressed already.
ALTER TABLE files ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE FUNCTION fc_file_rules() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF fc_me() IS NULL AND NOT fc_trusted() THEN
            PERFORM fc_refuse(format('the login %s is not an active user of this team workspace',
                                     session_user), 'FCP01');
        END IF;
        IF encode(sha256(NEW.data), 'hex') IS DISTINCT FROM NEW.sha256 THEN
            PERFORM fc_refuse(format('the file sent as %s… does not have that SHA-256 (it changed '
                                     'while it was sent?); nothing was stored', left(NEW.sha256, 12)));
        END IF;
        NEW.size := length(NEW.data);
        NEW.added_by := session_user;
        NEW.added_at := fc_now();
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND fc_trusted() THEN  -- purge_unused_files, for an admin
        RETURN OLD;
    END IF;
    PERFORM fc_refuse(format('stored files are never changed or removed: %s refused', TG_OP),
                      'FCP01');
    RETURN NULL;
END
$$;

CREATE TRIGGER a_rules BEFORE INSERT OR UPDATE OR DELETE ON files
    FOR EACH ROW EXECUTE FUNCTION fc_file_rules();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON files
    FOR EACH STATEMENT EXECUTE FUNCTION fc_append_only();

-- An admin may free the space of bytes no attachment and no source names any more
-- (their evidence was deleted); bytes that anything names are kept.
CREATE FUNCTION purge_unused_files() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    IF fc_role() IS DISTINCT FROM 'admin' THEN
        PERFORM fc_refuse('only an admin may purge unused files', 'FCP01');
    END IF;
    DELETE FROM files f
     WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = f.sha256)
       AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.file_sha256 = f.sha256);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- Analysts add bytes (INSERT, which COPY needs too) and read them; no client may
-- update or delete them (no grant, and the trigger refuses even the owner but the purge).
GRANT SELECT, INSERT ON files TO @analyst@;
REVOKE EXECUTE ON FUNCTION purge_unused_files() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_unused_files() TO @analyst@;
