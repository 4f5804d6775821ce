-- A multiple-choice item's option ids in deck order and which are correct, so that item analysis
-- lists every option, including the distractors nobody picked. Null for versions folded before this.
ALTER TABLE deck_version_items
    ADD COLUMN option_ids         TEXT[],
    ADD COLUMN correct_option_ids TEXT[];
