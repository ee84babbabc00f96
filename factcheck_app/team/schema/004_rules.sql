-- The workflow rules, enforced here so that a modified client with an analyst's login
-- cannot approve its own work, forge who did what, or skip the evidence rule.
-- Refusals raise SQLSTATE FCR01 (a rule) or FCP01 (not allowed for this login), with
-- a message for the user; team/connection.py turns them into the app's own errors.

-- Bookkeeping columns: the server stamps who and when, and counts versions, so an
-- optimistic "UPDATE ... WHERE version = n" can never overwrite unseen.
CREATE FUNCTION fc_stamp() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    me text := fc_me();
BEGIN
    IF fc_importing() THEN
        NEW.version := coalesce(NEW.version, 1);
        RETURN NEW;
    END IF;
    IF me IS NULL AND NOT fc_trusted() THEN
        PERFORM fc_refuse(format('the login %s is not an active user of this team workspace',
                                 session_user), 'FCP01');
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.version := 1;
        NEW.created_at := fc_now();
        NEW.created_by := me;
    ELSE
        IF (to_jsonb(NEW) - 'search') = (to_jsonb(OLD) - 'search') THEN
            RETURN NEW;  -- writes nothing: not a new version
        END IF;
        IF NEW.created_at IS DISTINCT FROM OLD.created_at
           OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
            PERFORM fc_refuse('who created a record, and when, cannot be changed', 'FCP01');
        END IF;
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := fc_now();
    NEW.updated_by := me;
    RETURN NEW;
END
$$;

-- A user's role mirrors the login's group role on the server, which only the
-- workspace's create_login()/set_role() change.
CREATE FUNCTION fc_user_rules() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF fc_trusted() OR fc_importing() THEN
        RETURN NEW;
    END IF;
    IF NEW.role IS DISTINCT FROM fc_role_of(NEW.name) THEN
        PERFORM fc_refuse(format('the role of %s is %s on the server; change it with team set-role',
                                 NEW.name, coalesce(fc_role_of(NEW.name), 'none')), 'FCP01');
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION fc_content(s statements) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    -- the fields an approval covers (domain/records.py CONTENT_FIELDS)
    SELECT jsonb_build_object(
        'quote', s.quote, 'original_text', s.original_text,
        'original_language', s.original_language, 'speaker_id', s.speaker_id,
        'stated_on', s.stated_on, 'stated_precision', s.stated_precision,
        'source_id', s.source_id, 'source_start', s.source_start, 'source_end', s.source_end,
        'location', s.location, 'kind', s.kind, 'tags', s.tags, 'expectation', s.expectation,
        'check_by', s.check_by, 'check_by_phrase', s.check_by_phrase, 'verdict', s.verdict,
        'verdict_rationale', s.verdict_rationale, 'verdict_confidence', s.verdict_confidence)
$$;

-- What an approval is bound to: the content, the evidence links and the linked evidence.
CREATE FUNCTION fc_content_hash(s statements) RETURNS text LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT encode(sha256(convert_to(jsonb_build_object(
        'statement', fc_content(s),
        'links', coalesce((
            SELECT jsonb_agg(jsonb_build_array(l.evidence_id, l.stance, coalesce(l.note, ''),
                                               e.occurred_on, e.title, e.summary, e.excerpt,
                                               e.url, e.source_id, e.retracted_at)
                      ORDER BY l.evidence_id)
              FROM links l JOIN evidence e ON e.id = l.evidence_id
             WHERE l.statement_id = s.id), '[]'::jsonb))::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION fc_setting(key text) RETURNS jsonb LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT value::jsonb FROM settings WHERE id = key
$$;

-- The stance an approval of this verdict needs (the verdict scale's required_stance).
CREATE FUNCTION fc_required_stance(verdict text) RETURNS text LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN jsonb_typeof(fc_setting('verdict_scale')) IS DISTINCT FROM 'array' THEN
            CASE verdict WHEN 'held' THEN 'supports' WHEN 'broken' THEN 'contradicts' END
        ELSE (SELECT level ->> 'required_stance'
                FROM jsonb_array_elements(fc_setting('verdict_scale')) AS level
               WHERE level ->> 'key' = verdict)
    END
$$;

CREATE FUNCTION fc_four_eyes() RETURNS boolean LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT fc_setting('four_eyes') IS DISTINCT FROM 'false'::jsonb
$$;

CREATE FUNCTION fc_statement_rules() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    me text := fc_me();
    my_role text := fc_role();
    edited boolean;
    step text;
    needed text;
BEGIN
    IF fc_trusted() OR fc_importing() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF coalesce(NEW.review_state, 'draft') <> 'draft' THEN
            PERFORM fc_refuse('a new statement starts as a draft');
        END IF;
        IF NEW.approved_hash IS NOT NULL OR NEW.approved_by IS NOT NULL
           OR NEW.approved_at IS NOT NULL THEN
            PERFORM fc_refuse('approvals are recorded by the server when a reviewer approves',
                              'FCP01');
        END IF;
        IF NEW.last_editor_id IS DISTINCT FROM me AND NEW.last_editor_id IS NOT NULL THEN
            PERFORM fc_refuse('the last editor is recorded by the server', 'FCP01');
        END IF;
        NEW.review_state := 'draft';
        NEW.last_editor_id := me;
        RETURN NEW;
    END IF;

    IF (NEW.approved_hash, NEW.approved_by, NEW.approved_at)
       IS DISTINCT FROM (OLD.approved_hash, OLD.approved_by, OLD.approved_at) THEN
        PERFORM fc_refuse('approvals are recorded by the server when a reviewer approves',
                          'FCP01');
    END IF;
    IF NEW.last_editor_id IS DISTINCT FROM OLD.last_editor_id THEN
        PERFORM fc_refuse('the last editor is recorded by the server', 'FCP01');
    END IF;
    -- the approver's signature arrives with the approval itself, or not at all
    IF NEW.approved_signature IS DISTINCT FROM OLD.approved_signature
       AND NOT (OLD.review_state = 'in_review' AND NEW.review_state = 'approved') THEN
        PERFORM fc_refuse('an approval signature comes only with the approval', 'FCP01');
    END IF;
    edited := fc_content(NEW) IS DISTINCT FROM fc_content(OLD);
    IF edited AND OLD.review_state = 'retracted' THEN
        PERFORM fc_refuse('a retracted statement is kept on the record as it was; reopen it '
                          'to edit it');
    END IF;
    IF edited THEN
        NEW.last_editor_id := me;  -- the four-eyes rule asks who edited last
    END IF;

    IF NEW.review_state IS NOT DISTINCT FROM OLD.review_state THEN
        IF edited AND OLD.review_state = 'approved' THEN
            -- the approval covered other content: back to draft
            NEW.review_state := 'draft';
            NEW.approved_hash := NULL;
            NEW.approved_by := NULL;
            NEW.approved_at := NULL;
            NEW.approved_signature := NULL;
        END IF;
        RETURN NEW;
    END IF;

    step := CASE coalesce(OLD.review_state, 'draft') || '>' || coalesce(NEW.review_state, '')
        WHEN 'draft>in_review' THEN 'submit'
        WHEN 'changes_requested>in_review' THEN 'submit'
        WHEN 'in_review>approved' THEN 'approve'
        WHEN 'in_review>changes_requested' THEN 'request changes'
        WHEN 'approved>draft' THEN 'reopen'
        WHEN 'approved>retracted' THEN 'retract'
        WHEN 'retracted>draft' THEN 'reopen'
    END;
    IF step IS NULL THEN
        PERFORM fc_refuse(format('a statement cannot go from %s to %s',
                                 replace(OLD.review_state, '_', ' '),
                                 replace(coalesce(NEW.review_state, 'nothing'), '_', ' ')));
    END IF;
    IF step <> 'submit' AND my_role NOT IN ('reviewer', 'admin') THEN
        PERFORM fc_refuse(format('only a reviewer or admin may %s; %s is a%s %s', step,
                                 session_user,
                                 CASE WHEN left(my_role, 1) IN ('a', 'e', 'i', 'o', 'u')
                                      THEN 'n' ELSE '' END, my_role), 'FCP01');
    END IF;
    IF step IN ('approve', 'request changes') AND fc_four_eyes()
       AND NEW.last_editor_id IS NOT DISTINCT FROM me THEN
        PERFORM fc_refuse(format('you edited this assessment last; another reviewer must %s it '
                                 '(four-eyes rule)', step));
    END IF;
    IF step = 'approve' THEN
        needed := fc_required_stance(coalesce(NEW.verdict, 'pending'));
        IF needed IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM links WHERE statement_id = NEW.id AND stance = needed) THEN
            PERFORM fc_refuse(format('a %s verdict needs at least one linked piece of evidence '
                                     'that %s the statement', replace(NEW.verdict, '_', ' '),
                                     needed));
        END IF;
        NEW.approved_hash := fc_content_hash(NEW);
        NEW.approved_by := me;
        NEW.approved_at := fc_now();
    ELSIF step IN ('reopen', 'retract') THEN
        NEW.approved_signature := NULL;
        NEW.approved_hash := NULL;
        NEW.approved_by := NULL;
        NEW.approved_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

-- A change to a statement's links, or to evidence it links, is a change of the
-- assessment: the linker becomes its last editor, and an approval whose content no
-- longer hashes as approved is withdrawn.
CREATE FUNCTION fc_touch_statement(statement_id text, as_edit boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    me text := fc_me();
    s statements%ROWTYPE;
    stale boolean;
BEGIN
    -- NO KEY UPDATE, not UPDATE: it must not conflict with the key-share lock that the
    -- link's own foreign key check holds, or two analysts linking evidence to one
    -- statement at once deadlock.
    SELECT * INTO s FROM statements WHERE id = statement_id FOR NO KEY UPDATE;
    IF NOT FOUND OR fc_importing() THEN
        RETURN;
    END IF;
    stale := s.review_state = 'approved' AND s.approved_hash IS DISTINCT FROM fc_content_hash(s);
    IF stale OR (as_edit AND s.last_editor_id IS DISTINCT FROM me) THEN
        UPDATE statements SET
            last_editor_id = CASE WHEN as_edit THEN me ELSE last_editor_id END,
            review_state = CASE WHEN stale THEN 'draft' ELSE review_state END,
            approved_hash = CASE WHEN stale THEN NULL ELSE approved_hash END,
            approved_by = CASE WHEN stale THEN NULL ELSE approved_by END,
            approved_at = CASE WHEN stale THEN NULL ELSE approved_at END,
            approved_signature = CASE WHEN stale THEN NULL ELSE approved_signature END
         WHERE id = statement_id;
    END IF;
END
$$;

CREATE FUNCTION fc_links_changed() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NOT fc_importing() AND EXISTS (
        SELECT 1 FROM evidence WHERE id = NEW.evidence_id AND retracted_at IS NOT NULL) THEN
        PERFORM fc_refuse('this evidence was retracted; it cannot be linked again');
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM fc_touch_statement(OLD.statement_id, true);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.statement_id IS DISTINCT FROM OLD.statement_id) THEN
        PERFORM fc_touch_statement(NEW.statement_id, true);
    END IF;
    RETURN NULL;
END
$$;

-- Retracting evidence (reviewers and admins, for good) withdraws the approvals citing
-- it: retracted_at is part of what an approval covers.
CREATE FUNCTION fc_evidence_rules() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    IF fc_trusted() OR fc_importing()
       OR (NEW.retracted_at, NEW.retracted_reason)
          IS NOT DISTINCT FROM (OLD.retracted_at, OLD.retracted_reason) THEN
        RETURN NEW;
    END IF;
    IF OLD.retracted_at IS NOT NULL THEN
        PERFORM fc_refuse('this evidence is already retracted');
    END IF;
    IF fc_role() NOT IN ('reviewer', 'admin') THEN
        PERFORM fc_refuse('only a reviewer or admin may retract evidence', 'FCP01');
    END IF;
    IF coalesce(btrim(NEW.retracted_reason), '') = '' OR NEW.retracted_at IS NULL THEN
        PERFORM fc_refuse('say why: retracting evidence needs a reason');
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION fc_evidence_changed() RETURNS trigger LANGUAGE plpgsql
SET search_path = factcheck, pg_catalog, pg_temp AS $$
DECLARE
    linked text;
    retracted boolean := NEW.retracted_at IS DISTINCT FROM OLD.retracted_at;
BEGIN
    FOR linked IN SELECT statement_id FROM links WHERE evidence_id = NEW.id LOOP
        PERFORM fc_touch_statement(linked, retracted);
    END LOOP;
    RETURN NULL;
END
$$;

-- statement_tags mirrors statements.tags so tag filters use an index.
CREATE FUNCTION fc_mirror_tags() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = factcheck, pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM statement_tags WHERE statement_id = NEW.id;
    INSERT INTO statement_tags (statement_id, tag)
    SELECT DISTINCT NEW.id, tag FROM jsonb_array_elements_text(coalesce(NEW.tags, '[]')::jsonb) AS tag;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'settings', 'speakers', 'sources', 'statements',
                             'evidence', 'links', 'attachments', 'verdicts', 'comments'] LOOP
        EXECUTE format('CREATE TRIGGER a_stamp BEFORE INSERT OR UPDATE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION fc_stamp()', t);
    END LOOP;
END
$$;
CREATE TRIGGER b_rules BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION fc_user_rules();
CREATE TRIGGER b_rules BEFORE INSERT OR UPDATE ON statements
    FOR EACH ROW EXECUTE FUNCTION fc_statement_rules();
CREATE TRIGGER b_rules BEFORE UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION fc_evidence_rules();
CREATE TRIGGER c_tags AFTER INSERT OR UPDATE OF tags ON statements
    FOR EACH ROW EXECUTE FUNCTION fc_mirror_tags();
CREATE TRIGGER c_touch AFTER INSERT OR UPDATE OR DELETE ON links
    FOR EACH ROW EXECUTE FUNCTION fc_links_changed();
CREATE TRIGGER c_touch AFTER UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION fc_evidence_changed();

-- Full-text search: statements matching a web-style query ("a b", "a or b", -c),
-- best first.
CREATE FUNCTION search_statements(query text) RETURNS SETOF statements LANGUAGE sql STABLE
SET search_path = factcheck, pg_catalog, pg_temp AS $$
    SELECT s.* FROM statements s
     WHERE s.search @@ websearch_to_tsquery('simple', query)
     ORDER BY ts_rank(s.search, websearch_to_tsquery('simple', query)) DESC, s.stated_sort DESC
$$;
