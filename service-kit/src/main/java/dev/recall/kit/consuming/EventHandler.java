package dev.recall.kit.consuming;

import dev.recall.contracts.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies one valid event inside the consumer's transaction. A {@link RuntimeException} marks the
 * event as poison (it goes to the dead-letter topic); an {@link SQLException} means "try again later".
 */
@FunctionalInterface
public interface EventHandler {
    void apply(Connection connection, EventEnvelope event) throws SQLException;

    /**
     * Whether events of {@code type} have any effect here. A record whose {@link dev.recall.contracts.Topics#TYPE_HEADER}
     * names a type this refuses is passed over unread: not validated, not recorded as processed, not
     * dead-lettered (so its effect, none, is the same however often it comes). Records without the header are
     * read and handed to {@link #apply} whatever their type. By default every type is handled.
     */
    default boolean handles(String type) {
        return true;
    }

    /**
     * Called once at the start of each batch's transaction, before any event of it is applied, with the
     * batch's valid events (duplicates included): the place to take locks that cover the whole batch.
     */
    default void beforeBatch(Connection connection, List<EventEnvelope> events) throws SQLException {
    }

    /**
     * Applies a batch's fresh events (each not applied before), in their order, when the batch is applied
     * without savepoints. By default one by one through {@link #apply}; a handler may apply them together in
     * fewer round trips, as long as the effect is exactly that of applying them one by one. Any event it
     * refuses refuses the whole call: the consumer then redoes the batch through {@link #apply}, one event
     * per savepoint, and dead-letters only the refused one.
     */
    default void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
        for (EventEnvelope event : events) {
            apply(connection, event);
        }
    }
}
