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
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads and writes learner_items rows as {@link LearnerItemState}s, and the stored answer history. */
final class LearnerItemRows {
    private static final String COLUMNS = "learner_id, deck_id, item_id, kind, level, attempts, correct, score_sum, "
            + "first_answered_at, last_answered_at, last_deck_version, last_correct, last_score, last_rating, "
            + "last_concepts_hit, last_concepts_total, last_concepts_covered, fsrs_state, stability, difficulty, due, "
            + "last_review, scheduled_days, elapsed_days, learning_steps, reps, lapses, last_review_answer_id, "
            + "last_review_rating";

    private LearnerItemRows() {
    }

    /** Null when the learner has not answered the item. */
    static LearnerItemState load(Connection connection, String learnerId, UUID deckId, UUID itemId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM learner_items WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
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
        }
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
        for (String column : COLUMNS.split(", ")) {
            if (!List.of("learner_id", "deck_id", "item_id").contains(column)) {
                updates.append(updates.length() == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        return "INSERT INTO learner_items (" + COLUMNS + ") VALUES (" + "?, ".repeat(28) + "?) "
                + "ON CONFLICT (learner_id, deck_id, item_id) DO UPDATE SET " + updates;
    }

    static void save(Connection connection, LearnerItemState state) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(connection, upsert, state);
            upsert.executeUpdate();
        }
    }

    static void bind(Connection connection, PreparedStatement upsert, LearnerItemState state) throws SQLException {
        upsert.setString(1, state.learnerId());
        upsert.setObject(2, state.deckId());
        upsert.setObject(3, state.itemId());
        upsert.setString(4, state.kind());
        upsert.setString(5, state.level());
        upsert.setInt(6, state.attempts());
        upsert.setInt(7, state.correct());
        upsert.setDouble(8, state.scoreSum());
        upsert.setTimestamp(9, Timestamp.from(state.firstAnsweredAt()));
        upsert.setTimestamp(10, Timestamp.from(state.lastAnsweredAt()));
        upsert.setInt(11, state.lastDeckVersion());
        upsert.setBoolean(12, state.lastCorrect());
        upsert.setDouble(13, state.lastScore());
        upsert.setString(14, state.lastRating());
        upsert.setObject(15, state.lastConceptsHit(), Types.INTEGER);
        upsert.setObject(16, state.lastConceptsTotal(), Types.INTEGER);
        upsert.setArray(17, state.lastConceptsCovered() == null ? null
                : connection.createArrayOf("text", state.lastConceptsCovered().toArray()));
        Card card = state.schedule();
        Review last = state.lastReview();
        upsert.setString(18, card == null ? null : card.state().name());
        upsert.setObject(19, card == null ? null : card.stability(), Types.DOUBLE);
        upsert.setObject(20, card == null ? null : card.difficulty(), Types.DOUBLE);
        upsert.setTimestamp(21, card == null ? null : Timestamp.from(card.due()));
        upsert.setTimestamp(22, card == null ? null : Timestamp.from(card.lastReview()));
        upsert.setObject(23, card == null ? null : card.scheduledDays(), Types.INTEGER);
        upsert.setObject(24, card == null ? null : card.elapsedDays(), Types.INTEGER);
        upsert.setObject(25, card == null ? null : card.learningSteps(), Types.INTEGER);
        upsert.setObject(26, card == null ? null : card.reps(), Types.INTEGER);
        upsert.setObject(27, card == null ? null : card.lapses(), Types.INTEGER);
        upsert.setObject(28, last == null ? null : last.answerId());
        upsert.setString(29, last == null ? null : last.rating().name());
    }
}
