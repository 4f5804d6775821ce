package dev.recall.progress.projection;

import dev.recall.progress.fold.LearnerItemState;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.CardState;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads and writes learner_items rows as {@link LearnerItemState}s, and the stored answer history. */
final class LearnerItemRows {
    /** learner_items' columns, in the order of {@link #values}. */
    static final Columns COLUMNS = Columns.of("learner_items",
            "learner_id", Types.VARCHAR, "deck_id", Types.OTHER, "item_id", Types.OTHER, "kind", Types.VARCHAR,
            "level", Types.VARCHAR, "attempts", Types.INTEGER, "correct", Types.INTEGER, "score_sum", Types.DOUBLE,
            "first_answered_at", Types.TIMESTAMP_WITH_TIMEZONE, "last_answered_at", Types.TIMESTAMP_WITH_TIMEZONE,
            "last_deck_version", Types.INTEGER, "last_correct", Types.BOOLEAN, "last_score", Types.DOUBLE,
            "last_rating", Types.VARCHAR, "last_concepts_hit", Types.INTEGER, "last_concepts_total", Types.INTEGER,
            "last_concepts_covered", Types.ARRAY, "fsrs_state", Types.VARCHAR, "stability", Types.DOUBLE,
            "difficulty", Types.DOUBLE, "due", Types.TIMESTAMP_WITH_TIMEZONE,
            "last_review", Types.TIMESTAMP_WITH_TIMEZONE, "scheduled_days", Types.INTEGER,
            "elapsed_days", Types.INTEGER, "learning_steps", Types.INTEGER, "reps", Types.INTEGER,
            "lapses", Types.INTEGER, "last_review_answer_id", Types.OTHER, "last_review_rating", Types.VARCHAR);

    private LearnerItemRows() {
    }

    /** The row of one learner x item, with the parameters learner id, deck id, item id; read by {@link #read}. */
    static final String SELECT = "SELECT " + COLUMNS.list()
            + " FROM learner_items WHERE learner_id = ? AND deck_id = ? AND item_id = ?";

    /** Null when the learner has not answered the item. */
    static LearnerItemState load(Connection connection, String learnerId, UUID deckId, UUID itemId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
                return read(rs);
            }
        }
    }

    /** The state in {@link #SELECT}'s result, or null when it has no row. */
    static LearnerItemState read(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        Card card = rs.getString(18) == null ? null : card(rs, 18);
        Review last = card == null ? null : new Review(rs.getObject(28, UUID.class), card.lastReview(),
                Rating.valueOf(rs.getString(29)));
        Array covered = rs.getArray(17);
        return new LearnerItemState(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getDouble(8),
                rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getInt(11),
                rs.getBoolean(12), rs.getDouble(13), rs.getString(14), (Integer) rs.getObject(15),
                (Integer) rs.getObject(16), covered == null ? null : Arrays.asList((String[]) covered.getArray()),
                card, last);
    }

    /** The card in ten columns from {@code first}: state, stability, difficulty, due, last review, scheduled
     * days, elapsed days, learning steps, reps, lapses. */
    static Card card(ResultSet rs, int first) throws SQLException {
        return new Card(CardState.valueOf(rs.getString(first)), rs.getDouble(first + 1), rs.getDouble(first + 2),
                rs.getTimestamp(first + 3).toInstant(), rs.getTimestamp(first + 4).toInstant(), rs.getInt(first + 5),
                rs.getInt(first + 6), rs.getInt(first + 7), rs.getInt(first + 8), rs.getInt(first + 9));
    }

    /** Every stored answer of the learner to the item, each at the desired retention of its deck version. */
    static List<Review> history(Connection connection, String learnerId, UUID deckId, UUID itemId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.answer_id, a.answered_at, "
                + "a.review_rating, v.desired_retention FROM answers a LEFT JOIN deck_versions v "
                + "ON v.deck_id = a.deck_id AND v.version = a.deck_version "
                + "WHERE a.learner_id = ? AND a.deck_id = ? AND a.item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            List<Review> reviews = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reviews.add(new Review(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            Rating.valueOf(rs.getString(3)), (Double) rs.getObject(4)));
                }
            }
            return reviews;
        }
    }

    /** Inserts or replaces the row of {@code state}'s learner x item with {@link #bind}'s values. */
    static final String UPSERT = upsert();

    private static String upsert() {
        StringBuilder updates = new StringBuilder();
        for (String column : COLUMNS.names()) {
            if (!List.of("learner_id", "deck_id", "item_id").contains(column)) {
                updates.append(updates.length() == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        return COLUMNS.insert("ON CONFLICT (learner_id, deck_id, item_id) DO UPDATE SET " + updates);
    }

    static void save(Connection connection, LearnerItemState state) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(connection, upsert, state);
            upsert.executeUpdate();
        }
    }

    static int bind(Connection connection, PreparedStatement upsert, LearnerItemState state) throws SQLException {
        return COLUMNS.bind(connection, upsert, values(state));
    }

    /** The row of {@code state}, in the order of {@link #COLUMNS}. */
    static Object[] values(LearnerItemState state) {
        Card card = state.schedule();
        Review last = state.lastReview();
        return new Object[] {state.learnerId(), state.deckId(), state.itemId(), state.kind(), state.level(),
            state.attempts(), state.correct(), state.scoreSum(), state.firstAnsweredAt(), state.lastAnsweredAt(),
            state.lastDeckVersion(), state.lastCorrect(), state.lastScore(), state.lastRating(),
            state.lastConceptsHit(), state.lastConceptsTotal(), state.lastConceptsCovered(),
            card == null ? null : card.state().name(), card == null ? null : card.stability(),
            card == null ? null : card.difficulty(), card == null ? null : card.due(),
            card == null ? null : card.lastReview(), card == null ? null : card.scheduledDays(),
            card == null ? null : card.elapsedDays(), card == null ? null : card.learningSteps(),
            card == null ? null : card.reps(), card == null ? null : card.lapses(),
            last == null ? null : last.answerId(), last == null ? null : last.rating().name()};
    }
}
