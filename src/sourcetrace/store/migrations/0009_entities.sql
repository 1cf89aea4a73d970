-- Each story's canonical entities beside its traced claims (zlib-compressed JSON list of
-- trace.records.Canonical; NULL for traces made before), and the corpus entities merged
-- from them (trace.corpus.merge) with the trace fingerprint of every story they were made from.
ALTER TABLE traces ADD COLUMN entities BLOB;
CREATE TABLE corpus_entities (
    id    TEXT PRIMARY KEY,             -- trace.records.CorpusEntity.id
    kind  TEXT NOT NULL,
    name  TEXT NOT NULL,
    data  TEXT NOT NULL                 -- JSON of the whole CorpusEntity
);
CREATE TABLE corpus_entity_stories (
    story_id     INTEGER PRIMARY KEY,
    fingerprint  TEXT NOT NULL          -- what they were made from: merge version/trace fingerprint
);
