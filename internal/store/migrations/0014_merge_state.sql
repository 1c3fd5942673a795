-- The tally each event is merged from (see tally in merge.go), so that a
-- report merged into an event reported many times does not read all its
-- mentions again. NULL (events stored before) or a tally whose count of
-- mentions differs from num_mentions is made again from the mentions.
ALTER TABLE events ADD COLUMN merge_state TEXT;
