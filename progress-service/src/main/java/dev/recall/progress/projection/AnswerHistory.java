package dev.recall.progress.projection;

import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A learner's stored answers up to an instant, folded per deck x item the way the projection folds
 * them live: the source of every {@code asOf} answer.
 */
final class AnswerHistory {
    private AnswerHistory() {
    }

    record Answer(UUID answerId, UUID deckId, UUID itemId, String kind, String level, boolean correct,
            Rating reviewRating, List<String> conceptsCovered, Instant answeredAt, Double desiredRetention) {
        Review review() {
            return new Review(answerId, answeredAt, reviewRating, desiredRetention);
        }
    }

    /** One learner x item as of the instant: counts, the replayed schedule, the latest answer. */
    record ItemHistory(UUID deckId, UUID itemId, String kind, String level, int attempts, int correct, Card schedule,
            Answer latest) {
    }

    /**
     * The learner's answers with answered_at at or before {@code asOf}, optionally of one deck and/or
     * one item, folded per deck x item in chronological order of their latest answers.
     */
    static List<ItemHistory> fold(Connection connection, Fsrs fsrs, String learnerId, UUID deckId, UUID itemId,
            Instant asOf) throws SQLException {
        // Each review at the desired retention of its deck version once that version has arrived, as live.
        StringBuilder sql = new StringBuilder("SELECT a.answer_id, a.deck_id, a.item_id, a.kind, a.level, a.correct, "
                + "a.review_rating, a.concepts_covered, a.answered_at, v.desired_retention FROM answers a "
                + "LEFT JOIN deck_versions v ON v.deck_id = a.deck_id AND v.version = a.deck_version "
                + "WHERE a.learner_id = ? AND a.answered_at <= ?");
        if (deckId != null) {
            sql.append(" AND a.deck_id = ?");
        }
        if (itemId != null) {
            sql.append(" AND a.item_id = ?");
        }
        Map<List<UUID>, List<Answer>> byItem = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setString(index++, learnerId);
            select.setTimestamp(index++, Timestamp.from(asOf));
            if (deckId != null) {
                select.setObject(index++, deckId);
            }
            if (itemId != null) {
                select.setObject(index, itemId);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Answer answer = new Answer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                            Rating.valueOf(rs.getString(7)), strings(rs.getArray(8)), rs.getTimestamp(9).toInstant(),
                            (Double) rs.getObject(10));
                    byItem.computeIfAbsent(List.of(answer.deckId(), answer.itemId()), key -> new ArrayList<>())
                            .add(answer);
                }
            }
        }
        Comparator<Answer> chronological = Comparator.comparing(Answer::review, Review.CHRONOLOGICAL);
        List<ItemHistory> items = new ArrayList<>();
        for (List<Answer> answers : byItem.values()) {
            answers.sort(chronological);
            Answer latest = answers.get(answers.size() - 1);
            int correct = (int) answers.stream().filter(Answer::correct).count();
            Card schedule = fsrs.replay(answers.stream().map(Answer::review).toList());
            // The kind and level of the latest answer, as the live projection keeps them.
            items.add(new ItemHistory(latest.deckId(), latest.itemId(), latest.kind(), latest.level(), answers.size(),
                    correct, schedule, latest));
        }
        items.sort(Comparator.comparing(ItemHistory::latest, chronological));
        return items;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
