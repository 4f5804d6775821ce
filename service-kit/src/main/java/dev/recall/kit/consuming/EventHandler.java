package dev.recall.kit.consuming;

import dev.recall.contracts.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one valid event inside the consumer's transaction. A {@link RuntimeException} marks the
 * event as poison (it goes to the dead-letter topic); an {@link SQLException} means "try again later".
 */
@FunctionalInterface
public interface EventHandler {
    void apply(Connection connection, EventEnvelope event) throws SQLException;
}
