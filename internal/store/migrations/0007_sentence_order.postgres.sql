-- Sentence keys in publication order (see sentenceKey): bits 47-62 the
-- day the document was published (else ingested), counted as
-- (year - 1970) * 372 + (month - 1) * 31 + day - 1 so that every engine
-- computes it alike; bits 23-46 the document's number within that day;
-- bits 0-22 the sentence index + 1 (0: the title). Search reads the newest
-- matches of a word first (ORDER BY sid DESC LIMIT) instead of ranking
-- every match of a common word.
--
-- The table is copied rather than updated in place: new keys could meet
-- old ones mid-update, and the indexes build faster at the end. The
-- tsvector is stored so that checking a row against a query does not
-- parse its text again.
CREATE TABLE sentences_new (
	sid        BIGINT PRIMARY KEY,
	doc_id     TEXT NOT NULL,
	idx        INTEGER NOT NULL,
	start_off  INTEGER NOT NULL,
	end_off    INTEGER NOT NULL,
	orig_start INTEGER NOT NULL,
	orig_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	folded     TEXT NOT NULL,
	tsv        tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED
);
INSERT INTO sentences_new (sid, doc_id, idx, start_off, end_off, orig_start, orig_end, text, folded)
SELECT (d.day::BIGINT << 47) | (d.num::BIGINT << 23) | (s.idx + 1), s.doc_id, s.idx, s.start_off, s.end_off, s.orig_start, s.orig_end, s.text, s.folded
FROM sentences s JOIN (
	SELECT id, day, ROW_NUMBER() OVER (PARTITION BY day ORDER BY id) AS num FROM (
		SELECT id, GREATEST(0, LEAST(65535, (CAST(SUBSTR(p, 1, 4) AS INTEGER) - 1970) * 372
			+ CASE WHEN p ~ '^.{4}-[0-9]{2}' THEN (CAST(SUBSTR(p, 6, 2) AS INTEGER) - 1) * 31 ELSE 0 END
			+ CASE WHEN p ~ '^.{4}-[0-9]{2}-[0-9]{2}' THEN CAST(SUBSTR(p, 9, 2) AS INTEGER) - 1 ELSE 0 END)) AS day
		FROM (SELECT id, CASE WHEN published ~ '^[0-9]{4}' THEN published
			WHEN ingested_at ~ '^[0-9]{4}' THEN ingested_at ELSE '1970' END AS p FROM documents) p
	) days
) d ON d.id = s.doc_id
ORDER BY 1;
DROP TABLE sentences;
ALTER TABLE sentences_new RENAME TO sentences;
ALTER INDEX sentences_new_pkey RENAME TO sentences_pkey;
CREATE INDEX sentences_doc ON sentences (doc_id, idx);
CREATE INDEX sentences_fts ON sentences USING GIN (tsv);
