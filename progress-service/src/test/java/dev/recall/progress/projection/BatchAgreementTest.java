package dev.recall.progress.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.fold.ProgressFoldTest;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.testing.RecallServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgressProjector#applyAll} (answers applied together, as the live consumer hands over a batch) has
 * exactly the effect of {@link ProgressProjector#apply} on each event in order: the same learner x item rows
 * and the same announcements, in the same order, byte for byte. The stream is the fold's (two decks, eight
 * learners, decks anywhere, every event redelivered, a third of the answers re-emitted under new event ids),
 * with about half the pairs of successive answers to a learner x item delivered the other way round (so the
 * item is rescheduled from its history, which must not yet hold the batch's answers after it), cut into
 * batches of 1 to 150 events. Each way runs in its own transaction on the real database, rolled back at the end.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class BatchAgreementTest {
    @Inject
    DataSource dataSource;

    @Inject
    Fsrs fsrs;

    /** The learner x item rows (as JSON) and the outbox rows (key, type, payload) a way of applying left. */
    record Outcome(List<String> learnerItems, List<String> announced) {
    }

    @FunctionalInterface
    interface Way {
        void apply(ProgressProjector projector, Connection connection) throws SQLException;
    }

    @Test
    void answersAppliedTogetherHaveTheEffectOfAnswersAppliedOneByOne() throws SQLException {
        long salt = new Random().nextLong() & Long.MAX_VALUE;
        Random random = new Random(5);
        List<EventEnvelope> delivered = outOfOrder(ProgressFoldTest.withDuplicates(
                ProgressFoldTest.interleaved(ProgressFoldTest.stream(42, salt), random), random), random);
        // Each event id once, as the consumer hands them to the projector (it skips ids it has applied).
        Set<UUID> ids = new HashSet<>();
        List<EventEnvelope> events = delivered.stream().filter(event -> ids.add(event.id())).toList();

        Outcome oneByOne = inRolledBackTransaction(salt, (projector, connection) -> {
            for (EventEnvelope event : events) {
                projector.apply(connection, event);
            }
        });
        List<Integer> batches = new ArrayList<>();
        Outcome together = inRolledBackTransaction(salt, (projector, connection) -> {
            for (int from = 0; from < events.size(); ) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(150));
                projector.applyAll(connection, events.subList(from, to));
                batches.add(to - from);
                from = to;
            }
        });

        assertEquals(oneByOne.learnerItems(), together.learnerItems());
        assertEquals(oneByOne.announced(), together.announced());
        // What the comparison covered: every learner x item, every answer's schedule, every change of mastery.
        assertEquals(Map.of("learner items", 71, EventTypes.ITEM_SCHEDULED, 386, EventTypes.MASTERY_CHANGED, 43,
                "batches", 10), counts(oneByOne, batches.size()));
    }

    private static Map<String, Integer> counts(Outcome outcome, int batches) {
        Map<String, Integer> counts = new TreeMap<>();
        counts.put("learner items", outcome.learnerItems().size());
        counts.put("batches", batches);
        for (String row : outcome.announced()) {
            counts.merge(row.split("\\|")[1], 1, Integer::sum);
        }
        return counts;
    }

    /**
     * For about half the pairs of successive answers to one learner x item, the later answer delivered first:
     * the earlier one then arrives out of order, and its item is rescheduled from its stored history.
     */
    private static List<EventEnvelope> outOfOrder(List<EventEnvelope> events, Random random) {
        List<EventEnvelope> swapped = new ArrayList<>(events);
        Map<String, List<Integer>> byItem = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(EventTypes.ANSWER_RECORDED)) {
                AnswerRecorded answer = events.get(i).dataAs(AnswerRecorded.class);
                byItem.computeIfAbsent(answer.learnerId() + "/" + answer.itemId(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> positions : byItem.values()) {
            for (int p = 0; p + 1 < positions.size(); p += 2) {
                if (random.nextBoolean()) {
                    Collections.swap(swapped, positions.get(p), positions.get(p + 1));
                }
            }
        }
        return swapped;
    }

    private Outcome inRolledBackTransaction(long salt, Way way) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                way.apply(new ProgressProjector(fsrs), connection);
                String learners = "learner-" + salt + "-%";
                return new Outcome(
                        strings(connection, "SELECT row_to_json(l)::text FROM learner_items l WHERE learner_id LIKE ? "
                                + "ORDER BY learner_id, deck_id, item_id", learners),
                        strings(connection, "SELECT msg_key || '|' || event_type || '|' || payload FROM outbox "
                                + "WHERE msg_key LIKE ? ORDER BY id", learners));
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
