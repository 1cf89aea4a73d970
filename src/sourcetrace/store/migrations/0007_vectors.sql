-- Sentence vectors, one per text and model (key: sha256 of the model's name and the text,
-- nlp.embed.text_key), so that a text is embedded once: when its article is analysed, and
-- never again when its story is grouped or traced anew.
CREATE TABLE vectors (
    key   TEXT PRIMARY KEY,
    data  BLOB NOT NULL                   -- float32, little-endian
);
