-- Story assignment: features computed once per article version, and each article's story.
CREATE TABLE story_features (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,            -- the article version the features describe
    version      INTEGER NOT NULL,         -- stories.features.FEATURES_VERSION
    data         TEXT NOT NULL             -- JSON
);

CREATE TABLE story_assignments (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    seq        INTEGER NOT NULL,           -- order of assignment
    score      REAL NOT NULL,              -- probability against the story (1.0: opened it)
    keys       TEXT NOT NULL,              -- JSON list: the terms it put in the inverted index
    assigned_at TEXT NOT NULL
);
CREATE INDEX story_assignments_story ON story_assignments(story_id);
CREATE UNIQUE INDEX story_assignments_seq ON story_assignments(seq);
