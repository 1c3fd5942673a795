-- Core schema, portable SQL accepted by SQLite and PostgreSQL (and by
-- CockroachDB, YugabyteDB and Citus): TEXT, INTEGER and BIGINT columns, composite
-- primary keys, plain B-tree indexes. No foreign keys, sequences or triggers:
-- the store keeps the tables consistent inside its transactions.

CREATE TABLE store_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('ingest_lock', '0');

CREATE TABLE documents (
	id           TEXT PRIMARY KEY,
	url          TEXT NOT NULL DEFAULT '',
	outlet       TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	original     TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL DEFAULT '',
	removed      TEXT NOT NULL DEFAULT '[]',
	content_hash TEXT NOT NULL,
	extract_hash TEXT NOT NULL,
	ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_url ON documents (url);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_published ON documents (published);

-- One row per body sentence (idx >= 0) and one for the title (idx = -1).
-- sid is derived from (doc_id, idx) so that both engines share the key.
CREATE TABLE sentences (
	sid        BIGINT PRIMARY KEY,
	doc_id     TEXT NOT NULL,
	idx        INTEGER NOT NULL,
	start_off  INTEGER NOT NULL,
	end_off    INTEGER NOT NULL,
	orig_start INTEGER NOT NULL,
	orig_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	folded     TEXT NOT NULL
);
CREATE INDEX sentences_doc ON sentences (doc_id, idx);

-- Merged events: one row per real-world event, however many reports.
CREATE TABLE events (
	id               TEXT PRIMARY KEY,
	type             TEXT NOT NULL,
	is_symmetric     INTEGER NOT NULL,
	sides            TEXT NOT NULL,
	mode             TEXT NOT NULL DEFAULT '',
	cameo            TEXT NOT NULL DEFAULT '',
	date             TEXT,
	date_lo          TEXT,
	date_hi          TEXT,
	channel          TEXT NOT NULL DEFAULT '',
	level            TEXT NOT NULL DEFAULT '',
	location         TEXT NOT NULL DEFAULT '',
	location_country TEXT NOT NULL DEFAULT '',
	sentence         TEXT NOT NULL DEFAULT '',
	summary          TEXT NOT NULL DEFAULT '',
	num_mentions     INTEGER NOT NULL DEFAULT 0,
	num_sources      INTEGER NOT NULL DEFAULT 0,
	num_outlets      INTEGER NOT NULL DEFAULT 0,
	first_seen       TEXT NOT NULL DEFAULT '',
	last_seen        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_key ON events (type, sides, date);
CREATE INDEX events_date ON events (date_lo, date_hi);
CREATE INDEX events_channel ON events (channel, date);

-- The participants of merged events, one row per actor and side.
CREATE TABLE event_actors (
	event_id TEXT NOT NULL,
	side     TEXT NOT NULL,
	pos      INTEGER NOT NULL,
	actor_id TEXT NOT NULL,
	kind     TEXT NOT NULL,
	name     TEXT NOT NULL,
	country  TEXT NOT NULL DEFAULT '',
	sector   TEXT NOT NULL DEFAULT '',
	title    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, side, pos)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);
CREATE INDEX event_actors_country ON event_actors (country);

-- Mentions: the per-document records as extracted, each tied to a merged event.
CREATE TABLE mentions (
	id           TEXT PRIMARY KEY,
	event_id     TEXT NOT NULL,
	doc_id       TEXT NOT NULL,
	idx          INTEGER NOT NULL,
	sentence_idx INTEGER NOT NULL,
	published    TEXT NOT NULL DEFAULT '',
	outlet       TEXT NOT NULL DEFAULT '',
	record       TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_doc ON mentions (doc_id, idx);

-- Actors as written in each mention, for name look-up and aliases seen.
CREATE TABLE mention_actors (
	mention_id TEXT NOT NULL,
	side       TEXT NOT NULL,
	pos        INTEGER NOT NULL,
	doc_id     TEXT NOT NULL,
	actor_id   TEXT NOT NULL,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	country    TEXT NOT NULL DEFAULT '',
	raw        TEXT NOT NULL DEFAULT '',
	folded     TEXT NOT NULL DEFAULT '', -- Fold(raw)
	name_folded TEXT NOT NULL DEFAULT '', -- Fold(name)
	PRIMARY KEY (mention_id, side, pos)
);
CREATE INDEX mention_actors_actor ON mention_actors (actor_id);
CREATE INDEX mention_actors_folded ON mention_actors (folded);
CREATE INDEX mention_actors_name ON mention_actors (name_folded);
CREATE INDEX mention_actors_doc ON mention_actors (doc_id);
