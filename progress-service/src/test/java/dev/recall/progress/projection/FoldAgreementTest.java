package dev.recall.progress.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.fold.LearnerItemState;
import dev.recall.progress.fold.ProgressFold;
import dev.recall.progress.fold.ProgressFoldTest;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database projection and the plain-Java fold agree: the fold's test stream (two decks, one version
 * asking 0.95 and one deck 0.8, eight learners, 360 answers) goes through the real broker, each deck event
 * only once the answers before it are applied, every event redelivered and a third of the answers re-emitted
 * under new event ids; every learner x item row progress-service stores equals the fold's state, schedule
 * included.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class FoldAgreementTest {
    @Inject
    DataSource dataSource;

    @Inject
    Fsrs fsrs;

    @Test
    void everyLearnerItemRowEqualsThePlainFold() {
        long salt = new Random().nextLong() & Long.MAX_VALUE;
        ProgressFoldTest.Stream stream = ProgressFoldTest.stream(42, salt);
        Random random = new Random(11);
        List<EventEnvelope> events = ProgressFoldTest.withDuplicates(ProgressFoldTest.interleaved(stream, random),
                random);
        ProgressFold fold = new ProgressFold(fsrs);
        fold.applyAll(events);
        Map<ProgressFold.LearnerItemKey, LearnerItemState> expected = fold.state().learnerItems();
        assertEquals(360, stream.answers().size());

        // Before each deck event, the answers sent so far are applied: they really arrive before their deck.
        Set<UUID> answersSent = new HashSet<>();
        for (EventEnvelope event : events) {
            if (event.type().equals(EventTypes.DECK_PUBLISHED)) {
                int applied = answersSent.size();
                await().atMost(ProgressProjectionTest.PATIENCE).until(() -> attempts(salt) == applied);
                TopicReader.send(Topics.DECK_EVENTS, event.subject(), event.toJson());
            } else {
                AnswerRecorded answer = event.dataAs(AnswerRecorded.class);
                answersSent.add(answer.answerId());
                TopicReader.send(Topics.QUIZ_EVENTS, answer.learnerId(), event.toJson());
            }
        }
        await().atMost(ProgressProjectionTest.PATIENCE).untilAsserted(() -> assertEquals(expected, stored(expected)));
        assertNotEquals(0, expected.values().stream().filter(item -> item.schedule().scheduledDays() > 0).count());
    }

    private long attempts(long salt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COALESCE(SUM(attempts), 0) FROM learner_items WHERE learner_id LIKE ?")) {
            select.setString(1, "learner-" + salt + "-%");
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<ProgressFold.LearnerItemKey, LearnerItemState> stored(
            Map<ProgressFold.LearnerItemKey, LearnerItemState> expected) throws SQLException {
        Map<ProgressFold.LearnerItemKey, LearnerItemState> rows = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (ProgressFold.LearnerItemKey key : expected.keySet()) {
                LearnerItemState row = LearnerItemRows.load(connection, key.learnerId(), key.deckId(), key.itemId());
                if (row != null) {
                    rows.put(key, row);
                }
            }
        }
        return rows;
    }
}
