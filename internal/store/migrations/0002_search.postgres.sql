-- Full-text index over the folded sentence text (see Fold): an expression
-- GIN index on the 'simple' configuration, which neither stems nor drops
-- stop words, so Vietnamese syllables are kept as they are.
CREATE INDEX sentences_fts ON sentences USING GIN (to_tsvector('simple', folded));
