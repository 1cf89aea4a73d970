-- Parquet shards of analyses (engine.shards) already loaded into this store, so that loading a
-- folder again, or resuming an interrupted `analyze --shards`, takes only the new ones.
CREATE TABLE shard_loads (
    name       TEXT PRIMARY KEY,          -- the shard's file name (unique per writer and run)
    saved      INTEGER NOT NULL,          -- analyses taken
    stale      INTEGER NOT NULL,          -- left out: other analyser, article changed/unknown
    failed     INTEGER NOT NULL,          -- rows that carried an error
    run_id     INTEGER REFERENCES runs(id),
    loaded_at  TEXT NOT NULL
);
