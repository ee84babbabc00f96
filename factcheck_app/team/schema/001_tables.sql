-- The workspace tables: the same tables and columns as an SQLite workspace
-- (storage/schema.py), owned by the workspace's owner role, which nobody logs in as.
-- @owner@, @analyst@, @reviewer@ and @admin@ are replaced by this workspace's role names.

-- Facts about the team workspace itself (e.g. the hash of an imported solo history).
CREATE TABLE team_meta (
    id text PRIMARY KEY,
    value text NOT NULL
);

-- Bookkeeping every tracked record carries; the server fills it (see 003_rules.sql).
CREATE TABLE users (
    id text PRIMARY KEY, name text NOT NULL, display_name text, role text, active integer,
    public_key text,  -- a solo workspace's signing key, kept by a push
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE UNIQUE INDEX users_name ON users (lower(name));

CREATE TABLE settings (
    id text PRIMARY KEY, value text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);

CREATE TABLE speakers (
    id text PRIMARY KEY, name text, aliases text, kind text, title text, affiliation text,
    country text, notes text, merged_into text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE INDEX speakers_name ON speakers (name);

CREATE TABLE sources (
    id text PRIMARY KEY, title text, outlet text, url text, published_on text, language text,
    kind text, full_text text, file_sha256 text, file_name text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);

CREATE TABLE statements (
    id text PRIMARY KEY,
    quote text, original_text text, original_language text,
    speaker_id text REFERENCES speakers (id),
    stated_on text, stated_precision text, stated_sort text,
    source_id text REFERENCES sources (id),
    source_start integer, source_end integer, location text, kind text,
    tags text,  -- JSON list; mirrored into statement_tags by a trigger
    expectation text, check_by text, check_by_phrase text,
    verdict text, verdict_rationale text, verdict_confidence double precision,
    review_state text, assignee_id text, last_editor_id text,
    approved_hash text, approved_by text, approved_at text,
    approved_signature text,  -- the approver's own signature (solo workspaces sign approvals)
    version integer, created_at text, created_by text, updated_at text, updated_by text,
    -- Full-text search over what the SQLite workspace indexes with FTS5. 'simple'
    -- does not stem, because quotes come in many languages.
    search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig,
            coalesce(quote, '') || ' ' || coalesce(original_text, '') || ' ' ||
            coalesce(expectation, '') || ' ' || coalesce(check_by_phrase, ''))
    ) STORED
);
CREATE INDEX statements_speaker ON statements (speaker_id, stated_sort);
CREATE INDEX statements_stated ON statements (stated_sort);
CREATE INDEX statements_check_by ON statements (check_by);
CREATE INDEX statements_verdict ON statements (verdict, check_by);
CREATE INDEX statements_review ON statements (review_state);
CREATE INDEX statements_assignee ON statements (assignee_id);
CREATE INDEX statements_kind ON statements (kind);
CREATE INDEX statements_source ON statements (source_id);
CREATE INDEX statements_updated ON statements (updated_at);
CREATE INDEX statements_search ON statements USING gin (search);

CREATE TABLE statement_tags (
    statement_id text REFERENCES statements (id) ON DELETE CASCADE,
    tag text,
    PRIMARY KEY (statement_id, tag)
);
CREATE INDEX statement_tags_tag ON statement_tags (tag);

CREATE TABLE evidence (
    id text PRIMARY KEY, occurred_on text, title text, summary text, excerpt text,
    source_id text REFERENCES sources (id), url text,
    retracted_at text, retracted_reason text,  -- kept, marked withdrawn (never deleted)
    version integer, created_at text, created_by text, updated_at text, updated_by text
);

CREATE TABLE links (
    id text PRIMARY KEY,
    statement_id text REFERENCES statements (id),
    evidence_id text REFERENCES evidence (id),
    stance text, note text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE UNIQUE INDEX links_pair ON links (statement_id, evidence_id);
CREATE INDEX links_evidence ON links (evidence_id);

CREATE TABLE attachments (
    id text PRIMARY KEY,
    evidence_id text REFERENCES evidence (id),
    source_id text REFERENCES sources (id),
    sha256 text, file_name text, size integer, media_type text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE INDEX attachments_evidence ON attachments (evidence_id);
CREATE INDEX attachments_sha256 ON attachments (sha256);

CREATE TABLE verdicts (
    id text PRIMARY KEY,
    statement_id text REFERENCES statements (id),
    verdict text, rationale text, confidence double precision,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE INDEX verdicts_statement ON verdicts (statement_id);

CREATE TABLE comments (
    id text PRIMARY KEY,
    statement_id text REFERENCES statements (id),
    user_id text REFERENCES users (id),
    body text,
    version integer, created_at text, created_by text, updated_at text, updated_by text
);
CREATE INDEX comments_statement ON comments (statement_id);
