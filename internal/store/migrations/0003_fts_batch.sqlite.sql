-- Ingest fills sentences_fts itself, one INSERT ... SELECT a batch in rowid
-- order: FTS5 writes its pending index out at every statement and whenever
-- a rowid comes in lower than the one before, so a row at a time (the
-- trigger) made a segment a sentence and a merge of them later.
DROP TRIGGER sentences_fts_insert;
