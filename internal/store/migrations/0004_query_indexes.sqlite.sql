-- Indexes for the queries at scale (see docs/PERFORMANCE.md).

-- The distinct names written for each actor, so that resolving a name reads
-- a small table instead of every mention of a common actor. Ingest keeps it.
CREATE TABLE actor_names (
	actor_id    TEXT NOT NULL,
	folded      TEXT NOT NULL, -- Fold(raw)
	name_folded TEXT NOT NULL, -- Fold(name)
	PRIMARY KEY (actor_id, folded, name_folded)
);
INSERT INTO actor_names (actor_id, folded, name_folded)
	SELECT DISTINCT actor_id, folded, name_folded FROM mention_actors;
CREATE INDEX actor_names_folded ON actor_names (folded);
CREATE INDEX actor_names_name ON actor_names (name_folded);

-- mention_actors is looked up by actor only now: one index where there
-- were three, less for ingest to write.
DROP INDEX mention_actors_actor;
DROP INDEX mention_actors_folded;
DROP INDEX mention_actors_name;
CREATE INDEX mention_actors_names ON mention_actors (actor_id, folded, name_folded);

-- Events pages, newest first: walked in order, stopped at the limit.
CREATE INDEX events_recent ON events (date_lo DESC, id);
