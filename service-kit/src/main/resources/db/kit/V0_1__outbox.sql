-- Events waiting for the relay; written in the same transaction as the change they announce.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    event_id   UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    msg_key    TEXT        NOT NULL,
    event_type TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
