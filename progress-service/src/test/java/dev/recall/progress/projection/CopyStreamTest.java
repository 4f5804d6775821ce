package dev.recall.progress.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.fold.LearnerItemState;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.CardState;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import dev.recall.testing.RecallServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's binary COPY writes exactly the rows the live projection's INSERTs write: the same values go
 * both ways into two tables of the projection's shape, and the tables hold the same rows, null, empty and
 * awkward values (quotes, commas, braces, backslashes, tabs, accents, an instant before 2000) included.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class CopyStreamTest {
    private static final UUID DECK = UUID.fromString("0b7f7a52-3f0e-4d7c-9a3a-2f1c0c8d1e01");
    private static final UUID ITEM = UUID.fromString("6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e");

    @Inject
    DataSource dataSource;

    @Test
    void answerRowsCopiedEqualAnswerRowsInserted() throws SQLException {
        List<AnswerRecorded> answers = List.of(
                answer("lérner \"one\"\t{x}\\y,z", ItemKind.FLASHCARD, "GOOD", null, null, null, null,
                        Instant.parse("2026-01-05T07:00:00.123456Z"), null),
                answer("learner-2", ItemKind.MULTIPLE_CHOICE, null,
                        List.of("a,b", "q\"uote", "back\\slash", "{brace}", "ünï", "", "NULL", " spaced "), null,
                        null, null, Instant.parse("1999-12-31T23:59:59.999999Z"), 1234L),
                answer("learner-3", ItemKind.FREE_RESPONSE, null, null, List.of(), 0, 3,
                        Instant.parse("2026-11-27T14:00:00Z"), Long.MAX_VALUE),
                answer("learner-4", ItemKind.FREE_RESPONSE, null, null, List.of("photosynthesis", "light\nenergy"),
                        1, 2, Instant.parse("2026-11-27T14:00:00.000001Z"), 0L));
        assertSameRows(ProgressProjector.ANSWER_COLUMNS, "answers", answers, ProgressProjector::answerValues);
    }

    @Test
    void learnerItemRowsCopiedEqualLearnerItemRowsInserted() throws SQLException {
        Instant at = Instant.parse("2026-11-27T14:00:00.654321Z");
        Card card = new Card(CardState.REVIEW, 12.345678901234567, 0.1 + 0.2, at.plusSeconds(86_400 * 12),
                at, 12, 3, 0, 4, 1);
        List<LearnerItemState> states = List.of(
                new LearnerItemState("learner-a", DECK, ITEM, "FLASHCARD", "beginner", 3, 2, 2.5, at.minusSeconds(60),
                        at, 2, true, 1.0, "GOOD", null, null, null, card,
                        new Review(UUID.randomUUID(), at, Rating.GOOD)),
                new LearnerItemState("learner-b\\\"", DECK, ITEM, "FREE_RESPONSE", "advanced", 1, 0,
                        1.0E-300, at, at, 1, false, 0.0, null, 0, 4, List.of("a\tb", "c"), null, null));
        assertSameRows(LearnerItemRows.COLUMNS, "learner_items", states, LearnerItemRows::values);
    }

    private <T> void assertSameRows(Columns columns, String like, List<T> rows, Function<T, Object[]> values)
            throws SQLException {
        String schema = "copy_test_" + Long.toHexString(System.nanoTime());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                statement.execute("CREATE TABLE " + schema + ".inserted (LIKE " + like + ")");
                statement.execute("CREATE TABLE " + schema + ".copied (LIKE " + like + ")");
                Columns inserted = columns.in(schema + ".inserted");
                try (PreparedStatement insert = connection.prepareStatement(inserted.insert(""))) {
                    for (T row : rows) {
                        inserted.bind(connection, insert, values.apply(row));
                        insert.executeUpdate();
                    }
                }
                assertEquals(rows.size(), CopyStream.copyAll(dataSource, columns.in(schema + ".copied"), rows, values));
                assertEquals(rows.size(), count(statement, "SELECT count(*) FROM " + schema + ".copied"));
                assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM " + schema + ".inserted "
                        + "EXCEPT ALL SELECT * FROM " + schema + ".copied) missing"));
                assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM " + schema + ".copied "
                        + "EXCEPT ALL SELECT * FROM " + schema + ".inserted) extra"));
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static AnswerRecorded answer(String learner, ItemKind kind, String rating, List<String> selected,
            List<String> concepts, Integer hit, Integer total, Instant answeredAt, Long latencyMs) {
        return new AnswerRecorded(UUID.randomUUID(), UUID.randomUUID(), learner, DECK, 3, ITEM, kind,
                Level.INTERMEDIATE, hit != null && hit > 0, hit == null ? 1.0 : hit / (double) total, rating, selected,
                concepts, hit, total, answeredAt, latencyMs);
    }
}
