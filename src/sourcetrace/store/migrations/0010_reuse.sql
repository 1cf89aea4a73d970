-- Text reuse between articles (trace.reuse), found when an article is processed and kept
-- so that a new article is compared with the earlier ones through their stored band keys,
-- never by reading every article again.
CREATE TABLE reuse_articles (
    article_id    TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL,        -- the text the rows below were found in
    version       TEXT NOT NULL,        -- trace.reuse_service.REUSE_VERSION
    outlet        TEXT,
    sentences     INTEGER NOT NULL      -- how many: a short text needs one colliding sentence
);
-- One row per MinHash band key of each indexed sentence; a bucket holds at most
-- IndexSettings.max_bucket articles (a full one says nothing and is not read).
CREATE TABLE reuse_keys (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,       -- the band's hash values folded, as a signed integer
    article_id  TEXT NOT NULL
);
CREATE INDEX reuse_keys_bucket ON reuse_keys(band, key);
CREATE INDEX reuse_keys_article ON reuse_keys(article_id);
-- How many articles of one outlet carry one sentence (its content words hashed): furniture.
CREATE TABLE reuse_sentences (
    outlet      TEXT NOT NULL,
    words       INTEGER NOT NULL,
    article_id  TEXT NOT NULL,
    PRIMARY KEY (outlet, words, article_id)
);
CREATE INDEX reuse_sentences_article ON reuse_sentences(article_id);
-- A verdict of reuse or wire copy on two articles (trace.reuse_records.ReusePair.to_json).
CREATE TABLE reuse_pairs (
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    verdict    TEXT NOT NULL,           -- reuse, wire
    direction  TEXT,                    -- b_from_a, a_from_b, common_source
    wire       TEXT,                    -- the agency of wire copy, as an outlet name
    data       TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX reuse_pairs_b ON reuse_pairs(b);
-- A news agency credited as an article's source (trace.reuse_records.WireCredit.to_json).
CREATE TABLE wire_credits (
    article_id  TEXT NOT NULL,
    wire        TEXT NOT NULL,          -- the agency's one name (trace.wire.AGENCIES)
    data        TEXT NOT NULL
);
CREATE INDEX wire_credits_article ON wire_credits(article_id);
