package dev.recall.progress.projection;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.kit.jdbc.Transactions;
import dev.recall.progress.mastery.ItemProgress;
import dev.recall.progress.mastery.Mastery;
import dev.recall.progress.mastery.MasteryCalculator;
import dev.recall.progress.projection.AnswerHistory.ItemHistory;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a learner's mastery of a deck: now from the projection tables (one statement, so the deck
 * version and the learner's rows agree), or as of a past instant by replaying the stored answers and
 * deck versions up to it.
 */
@ApplicationScoped
public class MasteryQueries {
    private static final String MASTERY = "SELECT d.latest_version, i.item_id, i.kind, i.level, i.concepts, "
            + "COALESCE(li.attempts, 0), COALESCE(li.correct, 0), li.last_concepts_covered, "
            + "li.fsrs_state, li.stability, li.difficulty, li.due, li.last_review, li.scheduled_days, "
            + "li.elapsed_days, li.learning_steps, li.reps, li.lapses, i.tags "
            + "FROM decks d "
            + "LEFT JOIN deck_version_items i ON i.deck_id = d.deck_id AND i.version = d.latest_version "
            + "LEFT JOIN learner_items li ON li.learner_id = ? AND li.deck_id = i.deck_id AND li.item_id = i.item_id "
            + "WHERE d.deck_id = ? "
            + "ORDER BY i.position";

    @Inject
    DataSource dataSource;

    @Inject
    Fsrs fsrs;

    /** Empty when no published version of the deck has reached progress-service; retrievability at {@code at}. */
    public Optional<Mastery> mastery(String learnerId, UUID deckId, Instant at) {
        return Transactions.inTransaction(dataSource, connection -> mastery(connection, fsrs, learnerId, deckId, at));
    }

    /** The same within the caller's transaction, e.g. the consumer's, which sees its own uncommitted changes. */
    static Optional<Mastery> mastery(Connection connection, Fsrs fsrs, String learnerId, UUID deckId, Instant at)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(MASTERY)) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            try (ResultSet rs = select.executeQuery()) {
                Integer version = null;
                List<ItemProgress> items = new ArrayList<>();
                while (rs.next()) {
                    version = rs.getInt(1);
                    UUID itemId = rs.getObject(2, UUID.class);
                    if (itemId != null) {
                        Card schedule = rs.getString(9) == null ? null : LearnerItemRows.card(rs, 9);
                        items.add(new ItemProgress(itemId, ItemKind.valueOf(rs.getString(3)),
                                Level.fromWire(rs.getString(4)), strings(rs.getArray(5)), rs.getInt(6),
                                rs.getInt(7), schedule, nullableStrings(rs.getArray(8)), strings(rs.getArray(19))));
                    }
                }
                return version == null ? Optional.<Mastery>empty()
                        : Optional.of(MasteryCalculator.compute(learnerId, deckId, version, fsrs, at, items));
            }
        }
    }

    /** The counts {@code MasteryChanged} announces, over the deck's latest version. */
    record Summary(int deckVersion, int itemsTotal, int itemsSeen, int itemsMastered, Double accuracy) {
    }

    /**
     * The mastery as of {@code asOf}, from the events alone: the highest version published by then,
     * and the learner's answers given by then. Empty when no version had been published by then.
     */
    public Optional<Mastery> masteryAsOf(String learnerId, UUID deckId, Instant asOf) {
        return Transactions.inTransaction(dataSource, connection -> {
            Integer version = versionAsOf(connection, deckId, asOf);
            if (version == null) {
                return Optional.<Mastery>empty();
            }
            Map<UUID, ItemHistory> answered = new HashMap<>();
            for (ItemHistory history : AnswerHistory.fold(connection, fsrs, learnerId, deckId, null, asOf)) {
                answered.put(history.itemId(), history);
            }
            List<ItemProgress> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT item_id, kind, level, concepts, tags "
                    + "FROM deck_version_items WHERE deck_id = ? AND version = ? ORDER BY position")) {
                select.setObject(1, deckId);
                select.setInt(2, version);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID itemId = rs.getObject(1, UUID.class);
                        ItemHistory history = answered.get(itemId);
                        items.add(history == null
                                ? new ItemProgress(itemId, ItemKind.valueOf(rs.getString(2)),
                                        Level.fromWire(rs.getString(3)), strings(rs.getArray(4)), 0, 0, null, null,
                                        strings(rs.getArray(5)))
                                : new ItemProgress(itemId, ItemKind.valueOf(rs.getString(2)),
                                        Level.fromWire(rs.getString(3)), strings(rs.getArray(4)), history.attempts(),
                                        history.correct(), history.schedule(), history.latest().conceptsCovered(),
                                        strings(rs.getArray(5))));
                    }
                }
            }
            return Optional.of(MasteryCalculator.compute(learnerId, deckId, version, fsrs, asOf, items));
        });
    }

    static Integer versionAsOf(Connection connection, UUID deckId, Instant asOf) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT max(version) FROM deck_versions "
                + "WHERE deck_id = ? AND published_at <= ?")) {
            select.setObject(1, deckId);
            select.setTimestamp(2, Timestamp.from(asOf));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                int version = rs.getInt(1);
                return rs.wasNull() ? null : version;
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static List<String> nullableStrings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
