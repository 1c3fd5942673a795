-- Sentence keys in publication order (see sentenceKey): bits 47-62 the
-- day the document was published (else ingested), counted as
-- (year - 1970) * 372 + (month - 1) * 31 + day - 1 so that every engine
-- computes it alike; bits 23-46 the document's number within that day;
-- bits 0-22 the sentence index + 1 (0: the title). Search reads the newest
-- matches of a word first from the full-text index, whose rowids are these
-- keys, and stops, instead of ranking every match of a common word.
--
-- sid becomes the rowid (INTEGER PRIMARY KEY): one B-tree less to write.
CREATE TABLE sentences_new (
	sid        INTEGER PRIMARY KEY,
	doc_id     TEXT NOT NULL,
	idx        INTEGER NOT NULL,
	start_off  INTEGER NOT NULL,
	end_off    INTEGER NOT NULL,
	orig_start INTEGER NOT NULL,
	orig_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	folded     TEXT NOT NULL
);
INSERT INTO sentences_new (sid, doc_id, idx, start_off, end_off, orig_start, orig_end, text, folded)
SELECT (d.day << 47) | (d.num << 23) | (s.idx + 1), s.doc_id, s.idx, s.start_off, s.end_off, s.orig_start, s.orig_end, s.text, s.folded
FROM sentences s JOIN (
	SELECT id, day, ROW_NUMBER() OVER (PARTITION BY day ORDER BY id) AS num FROM (
		SELECT id, MAX(0, MIN(65535, (CAST(SUBSTR(p, 1, 4) AS INTEGER) - 1970) * 372
			+ CASE WHEN p GLOB '????-[0-9][0-9]*' THEN (CAST(SUBSTR(p, 6, 2) AS INTEGER) - 1) * 31 ELSE 0 END
			+ CASE WHEN p GLOB '????-[0-9][0-9]-[0-9][0-9]*' THEN CAST(SUBSTR(p, 9, 2) AS INTEGER) - 1 ELSE 0 END)) AS day
		FROM (SELECT id, CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]*' THEN published
			WHEN ingested_at GLOB '[0-9][0-9][0-9][0-9]*' THEN ingested_at ELSE '1970' END AS p FROM documents))
) d ON d.id = s.doc_id
ORDER BY 1;
DROP TABLE sentences;
ALTER TABLE sentences_new RENAME TO sentences;
CREATE INDEX sentences_doc ON sentences (doc_id, idx);

-- The full-text index again, under the new keys (the delete trigger went
-- with the old table).
DROP TABLE sentences_fts;
CREATE VIRTUAL TABLE sentences_fts USING fts5 (folded, content = '', contentless_delete = 1);
INSERT INTO sentences_fts (rowid, folded) SELECT sid, folded FROM sentences ORDER BY sid;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
	DELETE FROM sentences_fts WHERE rowid = old.sid;
END;
