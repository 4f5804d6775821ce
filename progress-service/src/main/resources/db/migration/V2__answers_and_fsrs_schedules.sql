-- Every answer, once (by answer id): the history that FSRS replays when an older answer arrives
-- late, and the source of asOf queries and item analysis. Values come from the event only.
CREATE TABLE answers (
    answer_id        UUID             PRIMARY KEY,
    session_id       UUID             NOT NULL,
    learner_id       TEXT             NOT NULL,
    deck_id          UUID             NOT NULL,
    deck_version     INT              NOT NULL,
    item_id          UUID             NOT NULL,
    kind             TEXT             NOT NULL,
    level            TEXT             NOT NULL,
    correct          BOOLEAN          NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    rating           TEXT,
    review_rating    TEXT             NOT NULL,
    selected         TEXT[],
    concepts_covered TEXT[],
    concepts_hit     INT,
    concepts_total   INT,
    answered_at      TIMESTAMPTZ      NOT NULL,
    latency_ms       BIGINT
);
COMMENT ON COLUMN answers.rating IS 'the learner''s own rating (flashcards), as sent';
COMMENT ON COLUMN answers.review_rating IS 'the FSRS rating the answer counts as: flashcard rating, else correct GOOD, partial HARD, wrong AGAIN';

CREATE INDEX answers_by_learner_item ON answers (learner_id, deck_id, item_id, answered_at);
CREATE INDEX answers_by_deck_session ON answers (deck_id, session_id);

-- The FSRS-6 schedule of each learner x item after its latest review (in answered_at, answer_id order).
-- Null on rows folded before this migration until the projection is rebuilt.
ALTER TABLE learner_items
    ADD COLUMN fsrs_state            TEXT,
    ADD COLUMN stability             DOUBLE PRECISION,
    ADD COLUMN difficulty            DOUBLE PRECISION,
    ADD COLUMN due                   TIMESTAMPTZ,
    ADD COLUMN last_review           TIMESTAMPTZ,
    ADD COLUMN last_review_answer_id UUID,
    ADD COLUMN last_review_rating    TEXT,
    ADD COLUMN scheduled_days        INT,
    ADD COLUMN elapsed_days          INT,
    ADD COLUMN learning_steps        INT,
    ADD COLUMN reps                  INT,
    ADD COLUMN lapses                INT;

CREATE INDEX learner_items_by_due ON learner_items (learner_id, due);
