-- Projections folded from recall.deck-events and recall.quiz-events. Every value comes from an event
-- (no DEFAULT now()): a rebuild from offset 0 gives the same rows.

-- Every published version that has reached progress-service; versions are immutable.
CREATE TABLE deck_versions (
    deck_id      UUID        NOT NULL,
    version      INT         NOT NULL,
    content_hash TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    item_count   INT         NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deck_id, version)
);

-- The items of each version, in deck order; concepts are a FREE_RESPONSE item's rubric.
CREATE TABLE deck_version_items (
    deck_id  UUID   NOT NULL,
    version  INT    NOT NULL,
    item_id  UUID   NOT NULL,
    position INT    NOT NULL,
    kind     TEXT   NOT NULL,
    level    TEXT   NOT NULL,
    concepts TEXT[] NOT NULL,
    PRIMARY KEY (deck_id, version, item_id),
    FOREIGN KEY (deck_id, version) REFERENCES deck_versions (deck_id, version)
);

-- The highest version per deck: a late-arriving older version never replaces it.
CREATE TABLE decks (
    deck_id        UUID PRIMARY KEY,
    latest_version INT NOT NULL
);

-- learner x item, keyed with the deck so that an answer that arrives before its deck is kept and
-- counted once the deck arrives. The last_* columns follow the answer with the latest answered_at.
CREATE TABLE learner_items (
    learner_id            TEXT             NOT NULL,
    deck_id               UUID             NOT NULL,
    item_id               UUID             NOT NULL,
    kind                  TEXT             NOT NULL,
    level                 TEXT             NOT NULL,
    attempts              INT              NOT NULL,
    correct               INT              NOT NULL,
    score_sum             DOUBLE PRECISION NOT NULL,
    first_answered_at     TIMESTAMPTZ      NOT NULL,
    last_answered_at      TIMESTAMPTZ      NOT NULL,
    last_deck_version     INT              NOT NULL,
    last_correct          BOOLEAN          NOT NULL,
    last_score            DOUBLE PRECISION NOT NULL,
    last_rating           TEXT,
    last_concepts_hit     INT,
    last_concepts_total   INT,
    last_concepts_covered TEXT[],
    PRIMARY KEY (learner_id, deck_id, item_id)
);
