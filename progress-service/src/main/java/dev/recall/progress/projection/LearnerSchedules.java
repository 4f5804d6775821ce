package dev.recall.progress.projection;

import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.CardState;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads and writes the FSRS columns of learner_items and the stored answer history. */
final class LearnerSchedules {
    private LearnerSchedules() {
    }

    /** A stored schedule and the review it ends with. */
    record Schedule(Card card, Review lastReview) {
    }

    /** Null when the learner x item has no schedule yet (no answer, or folded before FSRS existed). */
    static Schedule load(Connection connection, String learnerId, UUID deckId, UUID itemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT fsrs_state, stability, difficulty, due, "
                + "last_review, scheduled_days, elapsed_days, learning_steps, reps, lapses, last_review_answer_id, "
                + "last_review_rating FROM learner_items WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                Card card = card(rs, 1);
                Review last = new Review(rs.getObject(11, UUID.class), card.lastReview(),
                        Rating.valueOf(rs.getString(12)));
                return new Schedule(card, last);
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

    static List<Review> history(Connection connection, String learnerId, UUID deckId, UUID itemId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT answer_id, answered_at, review_rating "
                + "FROM answers WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            List<Review> reviews = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reviews.add(new Review(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            Rating.valueOf(rs.getString(3))));
                }
            }
            return reviews;
        }
    }

    static void save(Connection connection, String learnerId, UUID deckId, UUID itemId, Card card, Review latest)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE learner_items SET fsrs_state = ?, "
                + "stability = ?, difficulty = ?, due = ?, last_review = ?, scheduled_days = ?, elapsed_days = ?, "
                + "learning_steps = ?, reps = ?, lapses = ?, last_review_answer_id = ?, last_review_rating = ? "
                + "WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            update.setString(1, card.state().name());
            update.setDouble(2, card.stability());
            update.setDouble(3, card.difficulty());
            update.setTimestamp(4, Timestamp.from(card.due()));
            update.setTimestamp(5, Timestamp.from(card.lastReview()));
            update.setInt(6, card.scheduledDays());
            update.setInt(7, card.elapsedDays());
            update.setInt(8, card.learningSteps());
            update.setInt(9, card.reps());
            update.setInt(10, card.lapses());
            update.setObject(11, latest.answerId());
            update.setString(12, latest.rating().name());
            update.setString(13, learnerId);
            update.setObject(14, deckId);
            update.setObject(15, itemId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no learner_items row for " + learnerId + " x " + itemId);
            }
        }
    }
}
