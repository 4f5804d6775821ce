-- The event store: the deck's history, append-only. UNIQUE (deck_id, sequence) is the optimistic lock.
CREATE TABLE deck_events (
    position    BIGSERIAL PRIMARY KEY,
    deck_id     UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    event_id    UUID        NOT NULL UNIQUE,
    event_type  TEXT        NOT NULL,
    data        JSONB       NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    UNIQUE (deck_id, sequence)
);

-- Read models, updated in the same transaction as the events they derive from.
CREATE TABLE decks (
    deck_id        UUID PRIMARY KEY,
    title          TEXT        NOT NULL,
    sequence       BIGINT      NOT NULL,
    latest_version INT,
    item_count     INT         NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE deck_versions (
    deck_id      UUID        NOT NULL,
    version      INT         NOT NULL,
    content_hash TEXT        NOT NULL,
    snapshot     JSONB       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deck_id, version)
);
