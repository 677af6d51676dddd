-- Read models, embedded edition: the same tables and keys as PostgreSQL (tenant_id first, then
-- generation). Ids and dates are text (dates as YYYY-MM-DD, which sorts chronologically),
-- booleans integers and documents JSON text. A single-file database has one tenant boundary, the
-- file, so there is no row-level security; the projector serialises writers with BEGIN IMMEDIATE.

CREATE TABLE projection_generations (
    tenant_id         TEXT    PRIMARY KEY,
    active_generation INTEGER NOT NULL CHECK (active_generation > 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE projection_checkpoints (
    tenant_id  TEXT    NOT NULL,
    generation INTEGER NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (tenant_id, generation)
) STRICT, WITHOUT ROWID;

CREATE TABLE council_slugs (
    slug      TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX council_slugs_by_tenant ON council_slugs (tenant_id);

-- Slugs are unique in council_slugs; here the log is the truth (see the PostgreSQL migration).
CREATE TABLE councils (
    tenant_id     TEXT    NOT NULL,
    generation    INTEGER NOT NULL,
    slug          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    nation        TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    last_position INTEGER NOT NULL,
    document      TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, generation)
) STRICT, WITHOUT ROWID;
CREATE INDEX councils_by_slug ON councils (slug);

-- One row per audience, as on PostgreSQL. row_id gives the full-text index a stable rowid.
CREATE TABLE decisions (
    row_id              INTEGER PRIMARY KEY,
    tenant_id           TEXT    NOT NULL,
    generation          INTEGER NOT NULL,
    audience            TEXT    NOT NULL CHECK (audience IN ('public', 'full')),
    id                  TEXT    NOT NULL,
    version             INTEGER NOT NULL,
    last_position       INTEGER NOT NULL,
    title               TEXT    NOT NULL,
    decision_maker_id   TEXT,
    decision_maker_name TEXT,
    status              TEXT    NOT NULL,
    outcome             TEXT,
    status_label        TEXT,
    key_decision        INTEGER,
    subject_to_call_in  INTEGER,
    date_of_decision    TEXT,
    sort_date           TEXT    NOT NULL,
    publication_date    TEXT,
    call_in_deadline    TEXT,
    effective_from      TEXT,
    wards_all           INTEGER NOT NULL,
    ward_ids            TEXT    NOT NULL,
    restricted          INTEGER NOT NULL,
    search_text         TEXT    NOT NULL,
    document            TEXT    NOT NULL,
    -- The same view with its long fields emptied, for list pages (DecisionView::summary).
    summary             TEXT    NOT NULL,
    UNIQUE (tenant_id, generation, audience, id)
) STRICT;
CREATE INDEX decisions_in_list_order
    ON decisions (tenant_id, generation, audience, sort_date DESC, id DESC);
CREATE INDEX decisions_by_maker ON decisions (tenant_id, generation, audience, decision_maker_id);

-- Full-text search over each row's search_text (the public row's holds only public text). An
-- external-content FTS5 table kept in step by triggers, stemming English like PostgreSQL's
-- 'english' configuration does.
CREATE VIRTUAL TABLE decisions_fts USING fts5(
    search_text, content = 'decisions', content_rowid = 'row_id', tokenize = 'porter unicode61'
);
CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO decisions_fts (rowid, search_text) VALUES (new.row_id, new.search_text);
END;
CREATE TRIGGER decisions_fts_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO decisions_fts (decisions_fts, rowid, search_text)
        VALUES ('delete', old.row_id, old.search_text);
END;
CREATE TRIGGER decisions_fts_update AFTER UPDATE ON decisions BEGIN
    INSERT INTO decisions_fts (decisions_fts, rowid, search_text)
        VALUES ('delete', old.row_id, old.search_text);
    INSERT INTO decisions_fts (rowid, search_text) VALUES (new.row_id, new.search_text);
END;

CREATE TABLE forward_plan_entries (
    tenant_id         TEXT    NOT NULL,
    generation        INTEGER NOT NULL,
    id                TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    last_position     INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    date_due          TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    key_decision      INTEGER NOT NULL,
    decision_maker_id TEXT    NOT NULL,
    decision_id       TEXT,
    document          TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX forward_plan_by_date_due
    ON forward_plan_entries (tenant_id, generation, status, date_due, id);

CREATE TABLE strategy_documents (
    tenant_id     TEXT    NOT NULL,
    generation    INTEGER NOT NULL,
    id            TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    last_position INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    document      TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, generation, id)
) STRICT, WITHOUT ROWID;
