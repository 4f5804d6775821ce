-- Ids of consumed events, recorded in the transaction that applied them: a redelivery is a no-op.
CREATE TABLE processed_events (
    event_id        UUID PRIMARY KEY,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    applied_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
