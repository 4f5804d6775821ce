-- The desired retention each published version asks FSRS for (DeckPublished schemaVersion 2, settings).
-- Versions folded before were schemaVersion 1 events, which are upcast to FSRS's default 0.9.
ALTER TABLE deck_versions ADD COLUMN desired_retention DOUBLE PRECISION;
UPDATE deck_versions SET desired_retention = 0.9;
ALTER TABLE deck_versions ALTER COLUMN desired_retention SET NOT NULL;

-- Finds the answers given on a version when it arrives after them, to reschedule their items.
CREATE INDEX answers_by_deck_version ON answers (deck_id, deck_version);

-- Each item's tags, the "tagged concepts" of a learner's mastery. Null on versions folded before this
-- migration until the projection is rebuilt.
ALTER TABLE deck_version_items ADD COLUMN tags TEXT[];
