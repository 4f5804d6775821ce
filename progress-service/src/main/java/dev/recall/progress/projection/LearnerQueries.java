package dev.recall.progress.projection;

import dev.recall.kit.jdbc.Transactions;
import dev.recall.progress.mastery.DueItem;
import dev.recall.progress.mastery.LearnerItem;
import dev.recall.progress.projection.AnswerHistory.ItemHistory;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A learner's items and what is due: now from the projection tables, or as of an instant by
 * replaying the learner's stored answers up to it.
 */
@ApplicationScoped
public class LearnerQueries {
    private static final String SCHEDULE_COLUMNS = "fsrs_state, stability, difficulty, due, last_review, "
            + "scheduled_days, elapsed_days, learning_steps, reps, lapses";

    @Inject
    DataSource dataSource;

    @Inject
    Fsrs fsrs;

    /**
     * The learner's progress on an item, retrievability at {@code at}. An item of a known deck that the
     * learner never answered is NEW with no attempts; empty when progress-service knows nothing of the item.
     */
    public Optional<LearnerItem> item(String learnerId, UUID itemId, Instant at) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT deck_id, attempts, correct, "
                    + "last_review_rating, " + SCHEDULE_COLUMNS + " FROM learner_items WHERE learner_id = ? "
                    + "AND item_id = ? ORDER BY last_answered_at DESC, deck_id LIMIT 1")) {
                select.setString(1, learnerId);
                select.setObject(2, itemId);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        Card schedule = rs.getString(5) == null ? null : LearnerItemRows.card(rs, 5);
                        return Optional.of(learnerItem(learnerId, itemId, rs.getObject(1, UUID.class), at,
                                rs.getInt(2), rs.getInt(3), rs.getString(4), schedule));
                    }
                }
            }
            return unanswered(connection, learnerId, itemId, at);
        });
    }

    /** The learner's progress on an item as of {@code asOf}, from the answers given by then. */
    public Optional<LearnerItem> itemAsOf(String learnerId, UUID itemId, Instant asOf) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<ItemHistory> histories = AnswerHistory.fold(connection, fsrs, learnerId, null, itemId, asOf);
            if (histories.isEmpty()) {
                return unanswered(connection, learnerId, itemId, asOf);
            }
            ItemHistory history = histories.get(histories.size() - 1);
            return Optional.of(learnerItem(learnerId, itemId, history.deckId(), asOf, history.attempts(),
                    history.correct(), history.latest().reviewRating().name(), history.schedule()));
        });
    }

    private Optional<LearnerItem> unanswered(Connection connection, String learnerId, UUID itemId, Instant at)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT i.deck_id FROM deck_version_items i "
                + "JOIN deck_versions v ON v.deck_id = i.deck_id AND v.version = i.version "
                + "WHERE i.item_id = ? AND v.published_at <= ? ORDER BY v.published_at DESC LIMIT 1")) {
            select.setObject(1, itemId);
            select.setTimestamp(2, Timestamp.from(at));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LearnerItem(learnerId, itemId, rs.getObject(1, UUID.class), at, 0, 0, null,
                        "NEW", null, null, null, null, null, 0, 0, 0.0));
            }
        }
    }

    private LearnerItem learnerItem(String learnerId, UUID itemId, UUID deckId, Instant at, int attempts,
            int correct, String lastRating, Card schedule) {
        if (schedule == null) {
            return new LearnerItem(learnerId, itemId, deckId, at, attempts, correct, lastRating, null, null, null,
                    null, null, null, null, null, null);
        }
        return new LearnerItem(learnerId, itemId, deckId, at, attempts, correct, lastRating, schedule.state().name(),
                schedule.stability(), schedule.difficulty(), schedule.due(), schedule.lastReview(),
                schedule.scheduledDays(), schedule.reps(), schedule.lapses(), fsrs.retrievability(schedule, at));
    }

    /** The learner's items due at {@code at} (optionally of one deck), soonest first, at most {@code limit}. */
    public List<DueItem> due(String learnerId, UUID deckId, int limit, Instant at) {
        return Transactions.inTransaction(dataSource, connection -> {
            // An item a later version removed is no longer due; one of a deck not arrived yet still is.
            try (PreparedStatement select = connection.prepareStatement("SELECT li.item_id, li.deck_id, li.kind, "
                    + "li.level, " + SCHEDULE_COLUMNS + " FROM learner_items li LEFT JOIN decks d ON d.deck_id = li.deck_id "
                    + "WHERE li.learner_id = ? AND li.due <= ?" + (deckId == null ? "" : " AND li.deck_id = ?")
                    + " AND (d.deck_id IS NULL OR EXISTS (SELECT 1 FROM deck_version_items i WHERE i.deck_id = d.deck_id "
                    + "AND i.version = d.latest_version AND i.item_id = li.item_id)) ORDER BY li.due, li.item_id LIMIT ?")) {
                int index = 1;
                select.setString(index++, learnerId);
                select.setTimestamp(index++, Timestamp.from(at));
                if (deckId != null) {
                    select.setObject(index++, deckId);
                }
                select.setInt(index, limit);
                List<DueItem> due = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(dueItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), LearnerItemRows.card(rs, 5), at));
                    }
                }
                return due;
            }
        });
    }

    /** What was due at {@code asOf}, from the answers given by then. */
    public List<DueItem> dueAsOf(String learnerId, UUID deckId, int limit, Instant asOf) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<DueItem> due = new ArrayList<>();
            Map<UUID, Optional<Set<UUID>>> itemsByDeck = new HashMap<>();
            for (ItemHistory history : AnswerHistory.fold(connection, fsrs, learnerId, deckId, null, asOf)) {
                // As live: only items of the deck's latest version published by then, if there was one.
                if (!itemsByDeck.containsKey(history.deckId())) {
                    itemsByDeck.put(history.deckId(), itemsAsOf(connection, history.deckId(), asOf));
                }
                Optional<Set<UUID>> current = itemsByDeck.get(history.deckId());
                if (!history.schedule().due().isAfter(asOf)
                        && current.map(items -> items.contains(history.itemId())).orElse(true)) {
                    due.add(dueItem(history.itemId(), history.deckId(), history.kind(), history.level(),
                            history.schedule(), asOf));
                }
            }
            // Item ids compare as text, like PostgreSQL's uuid order for the live query.
            due.sort(Comparator.comparing(DueItem::due).thenComparing(item -> item.itemId().toString()));
            return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
        });
    }

    /** The items of the deck's latest version published by {@code asOf}; empty when there was none. */
    private static Optional<Set<UUID>> itemsAsOf(Connection connection, UUID deckId, Instant asOf)
            throws SQLException {
        Integer version = MasteryQueries.versionAsOf(connection, deckId, asOf);
        if (version == null) {
            return Optional.empty();
        }
        Set<UUID> items = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT item_id FROM deck_version_items WHERE deck_id = ? AND version = ?")) {
            select.setObject(1, deckId);
            select.setInt(2, version);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return Optional.of(items);
    }

    private DueItem dueItem(UUID itemId, UUID deckId, String kind, String level, Card schedule, Instant at) {
        return new DueItem(itemId, deckId, kind, level, schedule.due(), schedule.state().name(),
                schedule.stability(), schedule.difficulty(), fsrs.retrievability(schedule, at), schedule.lastReview(),
                schedule.reps(), schedule.lapses());
    }
}
