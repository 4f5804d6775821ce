package dev.recall.kit.outbox;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The transactional outbox: an event is written in the same transaction as the state change it
 * announces, and {@link OutboxRelay} publishes it afterwards. Never write to Kafka directly.
 */
public final class Outbox {
    private Outbox() {
    }

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, msg_key, event_type, payload) VALUES (?, ?, ?, ?, ?)";

    public static void append(Connection connection, String topic, String key, EventEnvelope event)
            throws SQLException {
        appendAll(connection, topic, key, List.of(event));
    }

    /** Many events under one key in one round trip (a batch): an import adds thousands at once. */
    public static void appendAll(Connection connection, String topic, String key, List<EventEnvelope> events)
            throws SQLException {
        events.forEach(EventSchemas::requireValid);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (EventEnvelope event : events) {
                insert.setObject(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, key);
                insert.setString(4, event.type());
                insert.setString(5, event.toJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
