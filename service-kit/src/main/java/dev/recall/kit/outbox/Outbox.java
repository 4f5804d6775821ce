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

    /** Binds the parameters of the caller's statement from 1 and returns how many it bound. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs the caller's own change ({@code sql}: one INSERT, UPDATE or DELETE with {@code binder}'s
     * parameters) and appends {@code event} in one round trip to PostgreSQL: both statements are sent
     * together and executed in order, in the caller's transaction. The event is validated first; an invalid
     * one runs neither statement.
     */
    public static void appendWith(Connection connection, String sql, Binder binder, String topic, String key,
            EventEnvelope event) throws SQLException {
        String payload = EventSchemas.requireValidJson(event);
        try (PreparedStatement both = connection.prepareStatement(sql + ";\n" + INSERT)) {
            bindRow(both, binder.bind(both) + 1, topic, key, event, payload);
            both.executeUpdate();
        }
    }

    /** Many events under one key in one round trip (a batch): an import adds thousands at once. */
    public static void appendAll(Connection connection, String topic, String key, List<EventEnvelope> events)
            throws SQLException {
        appendEntries(connection, topic, events.stream().map(event -> new Entry(key, event)).toList());
    }

    /** An event and the key it is published under. */
    public record Entry(String key, EventEnvelope event) {
    }

    /** Many events, each under its own key, in one round trip (a batch), in this order. */
    public static void appendEntries(Connection connection, String topic, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        // Every event is validated before any is written; each is turned into JSON once, for both.
        List<String> payloads = entries.stream().map(entry -> EventSchemas.requireValidJson(entry.event())).toList();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            if (entries.size() == 1) {
                // One event (an answer): a plain execute, not a batch of one.
                bindRow(insert, 1, topic, entries.get(0).key(), entries.get(0).event(), payloads.get(0));
                insert.executeUpdate();
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                bindRow(insert, 1, topic, entries.get(i).key(), entries.get(i).event(), payloads.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The outbox row's five parameters of {@link #INSERT}, from {@code first}. */
    private static void bindRow(PreparedStatement statement, int first, String topic, String key, EventEnvelope event,
            String payload) throws SQLException {
        statement.setObject(first, event.id());
        statement.setString(first + 1, topic);
        statement.setString(first + 2, key);
        statement.setString(first + 3, event.type());
        statement.setString(first + 4, payload);
    }
}
