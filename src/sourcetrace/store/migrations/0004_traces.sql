-- Each story's traced claims, kept until the story's articles, their texts, the analyser or
-- the trace code change (the fingerprint covers all four), so that showing a large story again
-- does not align its claims again.
CREATE TABLE traces (
    story_id     INTEGER PRIMARY KEY,
    fingerprint  TEXT NOT NULL,          -- trace.service.trace_fingerprint
    data         BLOB NOT NULL           -- zlib-compressed JSON list of the story's claims
);
