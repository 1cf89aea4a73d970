-- Which process runs each ingest run, so that a new run marks 'interrupted' only the runs whose
-- process is gone, never one still running beside it.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host TEXT;
