-- Text reuse at a cost per article that does not grow with the store (bench/reuse_store.py).
-- A bucket's articles are read from its index alone, without a visit to the table per row.
DROP INDEX reuse_keys_bucket;
CREATE INDEX reuse_keys_bucket ON reuse_keys(band, key, article_id);
-- The articles whose reuse may need finding: queued when their analysis or their text is
-- written (an analysis is written by INSERT OR REPLACE, which fires the insert trigger),
-- when what was found of them is deleted, and when it was found by another
-- trace.reuse_service.REUSE_VERSION (Store.reuse_pending); dropped once their reuse is found.
-- The scan for articles to check reads these, not every article.
CREATE TABLE reuse_queue (
    article_id  TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TRIGGER reuse_queue_analysed AFTER INSERT ON analyses BEGIN
    INSERT OR IGNORE INTO reuse_queue VALUES (new.article_id);
END;
CREATE TRIGGER reuse_queue_text AFTER UPDATE OF content_hash ON articles
WHEN new.content_hash IS NOT old.content_hash BEGIN
    INSERT OR IGNORE INTO reuse_queue VALUES (new.id);
END;
CREATE TRIGGER reuse_queue_analysis AFTER UPDATE OF content_hash, version ON analyses BEGIN
    INSERT OR IGNORE INTO reuse_queue VALUES (new.article_id);
END;
CREATE TRIGGER reuse_queue_forgotten AFTER DELETE ON reuse_articles BEGIN
    INSERT OR IGNORE INTO reuse_queue VALUES (old.article_id);
END;
INSERT INTO reuse_queue SELECT article_id FROM analyses;
CREATE INDEX reuse_articles_version ON reuse_articles(version);
