-- Full-text index over the folded sentence text (see Fold). The folded text
-- is plain space-separated words, so FTS5's unicode61 tokenizer needs no
-- diacritic handling of its own. Contentless: snippets come from sentences.
CREATE VIRTUAL TABLE sentences_fts USING fts5 (folded, content = '', contentless_delete = 1);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
	INSERT INTO sentences_fts (rowid, folded) VALUES (new.sid, new.folded);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
	DELETE FROM sentences_fts WHERE rowid = old.sid;
END;
