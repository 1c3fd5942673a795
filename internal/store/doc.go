// Package store keeps documents, merged events, actors and channels in a
// SQL database and answers questions about them: SQLite (a file, through
// the pure-Go modernc.org/sqlite driver) by default, PostgreSQL
// ("postgres://...", through pgx's database/sql driver) to scale.
//
// # Ingest
//
// Ingest stores a batch of extracted articles in one transaction: the
// document (metadata, original and cleaned text, a content hash), its
// sentences with offsets, and each extracted record as a mention of a merged
// event. Re-ingesting an unchanged article changes nothing; a changed one
// replaces its old mentions. A batch that fails, or a process killed
// mid-batch, leaves the database as it was before the batch.
//
// A batch is written with statements prepared once and multi-row INSERTs;
// the events it touches are merged in memory and written when it ends, so
// a batch of any size stores what one document at a time would. Ingest
// also keeps the tables the queries read instead of counting: actor_names
// (the names written for each actor), actor_aliases (how often each was
// written so), actor_stats (each actor's events and first and last
// report), event_keys (a row per event and actor or country key, and per
// actor-recipient pair, with the key's roles as bits) and
// role_sets (counts of events by role, type and set of keys, so that a
// filter naming several ids is counted without reading events, and by type
// and signature, every key with its roles, so that an undated filter on
// several roles is too). The participants of each mention are in its
// record.
//
// # Merging
//
// Records from different documents become one event when they have the same
// type and the same sides (symmetric types, see sukien.Symmetric: the set of
// countries of all participants; directed types: the actor countries and the
// recipient countries), compatible dates and compatible persons:
//
//   - dates: the same day; a record dated by month or year only joins the one
//     candidate event inside that period (or the event with the same partial
//     date), and a day-dated record joins an event known only by its month
//     or year when that event is the only candidate. There is no tolerance
//     of a day: two meetings of the same pair on consecutive days stay apart.
//   - persons: for every country both name persons of, they share one, so a
//     foreign ministers' meeting and a defence ministers' call of the same
//     pair on the same day stay apart. Persons are compared by dictionary id,
//     or folded name when the extractor found none.
//   - undated records never merge across documents.
//
// A merged event takes the most precise date, the union of participants
// (each as first written), the most frequent mode, CAMEO code, location,
// channel and level (on a tie, the one reported first: earliest
// publication, then document id and position), the sentence of the
// earliest report, and counts NumMentions (reporting sentences),
// NumSources (documents) and NumOutlets. These choices are folded into a
// tally kept with the event (events.merge_state, see merge.go), so merging
// one more report costs the same however often the event was reported. Its id hashes the merge key of its first record, so it
// survives re-ingesting. Merging is greedy in ingest order.
//
// # Search
//
// Sentences and titles are indexed in the form Fold gives them (lower case,
// no diacritics, đ as d, words separated by single spaces), computed in Go,
// so that both engines behave alike: SQLite through a contentless FTS5
// table, PostgreSQL through a GIN index on a stored
// to_tsvector('simple', folded). Query words are folded the same way,
// operators (OR, NOT, -, quotes) are not. Sentence keys sort by the
// publication day of their document, so each engine returns the newest
// 1,000 matches without looking at the others; Search ranks those in Go
// with BM25 (so both engines rank alike) and makes snippets. A word with
// fewer matches has them all ranked; a common one, the best of its recent
// matches.
//
// # SQL features relied on
//
// The schema (migrations/*.sql, applied in order on Open and recorded in
// schema_migrations; NNNN_name.ENGINE.sql files apply to one engine only)
// uses TEXT, INTEGER and BIGINT columns, composite primary keys and B-tree
// indexes; no foreign keys, sequences, stored procedures or triggers outside
// SQLite's FTS table. Queries use INSERT ... ON CONFLICT (...) DO UPDATE,
// EXISTS and IN subqueries, COUNT(DISTINCT), NULLIF, COALESCE, SUBSTR, ||,
// ORDER BY ... DESC NULLS LAST, LIMIT/OFFSET and GROUP BY ordinals (SQLite
// tables may be WITHOUT ROWID); writers serialise on an UPDATE of one
// store_meta row. On PostgreSQL, full-text search needs to_tsvector,
// to_tsquery, ts_rank and a GIN expression index. All of these exist in
// Citus (distribute documents, sentences and mentions by doc_id; events and
// event_actors by event id), CockroachDB (23.1 or later for full-text
// search; retry transactions that fail with SQLSTATE 40001) and YugabyteDB.
// Keys are text hashes, never sequences, but for sentences.sid: the
// publication day, a number among that day's documents (the next free one,
// read under the writers' lock) and the sentence index.
//
// Dialect differences live in the migrations, in Store.rebind (? to $n
// placeholders) and in Search's one query per engine.
package store
