package dev.recall.quiz.review;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.progress.ItemScheduled;
import dev.recall.kit.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** quiz-service's copy of each learner's review schedule, fed by recall.progress-events. */
@ApplicationScoped
public class Schedules {
    @Inject
    DataSource dataSource;

    /** The one event type the schedules are made of. */
    public static final String HANDLES = EventTypes.ITEM_SCHEDULED;

    /** Keeps the schedule of the latest review; an older one arriving late changes nothing. */
    public void apply(Connection connection, EventEnvelope event) throws SQLException {
        applyAll(connection, List.of(event));
    }

    /** {@link #apply} on each ItemScheduled of a batch, in order, in one round trip. */
    public void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO schedules (learner_id, item_id, "
                + "deck_id, due, reviewed_at, state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, item_id) "
                + "DO UPDATE SET deck_id = EXCLUDED.deck_id, due = EXCLUDED.due, reviewed_at = EXCLUDED.reviewed_at, "
                + "state = EXCLUDED.state WHERE schedules.reviewed_at <= EXCLUDED.reviewed_at")) {
            int rows = 0;
            for (EventEnvelope event : events) {
                if (!HANDLES.equals(event.type())) {
                    continue;
                }
                ItemScheduled scheduled = event.dataAs(ItemScheduled.class);
                upsert.setString(1, scheduled.learnerId());
                upsert.setObject(2, scheduled.itemId());
                upsert.setObject(3, scheduled.deckId());
                upsert.setTimestamp(4, Timestamp.from(scheduled.due()));
                upsert.setTimestamp(5, Timestamp.from(scheduled.reviewedAt()));
                upsert.setString(6, scheduled.state());
                upsert.addBatch();
                rows++;
            }
            if (rows > 0) {
                upsert.executeBatch();
            }
        }
    }

    /** When each item of the deck the learner has reviewed is next due. */
    public Map<UUID, Instant> dueDates(String learnerId, UUID deckId) {
        return Transactions.inTransaction(dataSource, connection -> {
            Map<UUID, Instant> due = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT item_id, due FROM schedules WHERE learner_id = ? AND deck_id = ?")) {
                select.setString(1, learnerId);
                select.setObject(2, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                    }
                }
            }
            return due;
        });
    }
}
