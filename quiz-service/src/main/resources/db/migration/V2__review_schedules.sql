-- The latest FSRS schedule of each learner's item, from progress-service's ItemScheduled events:
-- REVIEW sessions offer what is due, soonest first.
CREATE TABLE schedules (
    learner_id  TEXT        NOT NULL,
    item_id     UUID        NOT NULL,
    deck_id     UUID        NOT NULL,
    due         TIMESTAMPTZ NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL,
    state       TEXT        NOT NULL,
    PRIMARY KEY (learner_id, item_id)
);

CREATE INDEX schedules_by_learner_deck_due ON schedules (learner_id, deck_id, due);
