-- Per-article analyses (attributions, claims, quantities ...), kept per article version and
-- analyser version so that tracing a story does not analyse its articles again.
CREATE TABLE analyses (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    version      TEXT NOT NULL,            -- nlp.analysis.ANALYSER_VERSION
    data         BLOB NOT NULL             -- zlib-compressed JSON of ArticleAnalysis.to_dict()
);
