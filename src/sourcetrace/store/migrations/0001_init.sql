-- Articles, their raw bytes, full-text search, ingest runs and per-item errors.
CREATE TABLE articles (
    id             TEXT PRIMARY KEY,
    identity       TEXT NOT NULL,          -- what the id hashes: url | external | text
    external_id    TEXT,
    url            TEXT,
    outlet         TEXT,
    title          TEXT,
    authors        TEXT NOT NULL,          -- JSON list
    published      TEXT,
    modified       TEXT,
    language       TEXT,
    text           TEXT NOT NULL,
    paragraphs     TEXT NOT NULL,          -- JSON list
    source         TEXT NOT NULL,          -- file path, path#record or URL it came from
    format         TEXT NOT NULL,
    encoding       TEXT,
    field_sources  TEXT NOT NULL,          -- JSON object: field -> extractor stage
    furniture      TEXT NOT NULL,          -- JSON list of removed lines
    warnings       TEXT NOT NULL,          -- JSON list
    content_hash   TEXT NOT NULL,
    raw_key        TEXT NOT NULL,          -- hash of version + raw bytes: unchanged input is skipped
    schema_version INTEGER NOT NULL,
    first_run      INTEGER REFERENCES runs(id),
    first_seen     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE raw (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    media_type  TEXT NOT NULL,
    compression TEXT NOT NULL,             -- zlib
    data        BLOB NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,             -- running | finished | interrupted
    inputs      TEXT NOT NULL,             -- JSON list
    added       INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    warnings    INTEGER NOT NULL DEFAULT 0,
    seconds     REAL
);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER REFERENCES runs(id),
    item    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    level   TEXT NOT NULL,                 -- error | warning
    at      TEXT NOT NULL
);
CREATE INDEX errors_run ON errors(run_id);
