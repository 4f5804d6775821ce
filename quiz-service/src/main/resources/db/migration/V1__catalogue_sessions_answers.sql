-- Published deck versions, as announced on recall.deck-events: sessions never need deck-service.
CREATE TABLE catalogue_versions (
    deck_id      UUID        NOT NULL,
    version      INT         NOT NULL,
    content_hash TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    snapshot     JSONB       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deck_id, version)
);

CREATE TABLE sessions (
    session_id   UUID PRIMARY KEY,
    learner_id   TEXT        NOT NULL,
    deck_id      UUID        NOT NULL,
    deck_version INT         NOT NULL,
    mode         TEXT        NOT NULL,
    seed         BIGINT      NOT NULL,
    item_ids     JSONB       NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (deck_id, deck_version) REFERENCES catalogue_versions (deck_id, version)
);

-- One answer per item and session; answer_id is the client's retry key.
CREATE TABLE answers (
    answer_id   UUID PRIMARY KEY,
    session_id  UUID             NOT NULL REFERENCES sessions (session_id),
    item_id     UUID             NOT NULL,
    learner_id  TEXT             NOT NULL,
    kind        TEXT             NOT NULL,
    level       TEXT             NOT NULL,
    correct     BOOLEAN          NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    submitted   JSONB            NOT NULL,
    result      TEXT             NOT NULL, -- verbatim: a retry gets the same bytes
    answered_at TIMESTAMPTZ      NOT NULL,
    latency_ms  BIGINT,
    recorded_at TIMESTAMPTZ      NOT NULL DEFAULT now(),
    UNIQUE (session_id, item_id)
);
