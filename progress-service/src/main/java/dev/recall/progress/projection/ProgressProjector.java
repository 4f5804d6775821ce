package dev.recall.progress.projection;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.progress.ItemScheduled;
import dev.recall.contracts.progress.MasteryChanged;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.kit.consuming.EventHandler;
import dev.recall.kit.outbox.Outbox;
import dev.recall.progress.mastery.Mastery;
import dev.recall.progress.mastery.MasteryCalculator;
import dev.recall.progress.projection.LearnerSchedules.Schedule;
import dev.recall.progress.scheduling.AnswerRating;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies deck and quiz events to the projection tables, inside the consumer's transaction (which
 * also records the event id, so each event is applied once). Every value written comes from the
 * event, never from the clock. Events of other types are ignored.
 *
 * <p>Each answer also moves the learner's FSRS schedule of the item, which is announced as
 * {@code recall.progress.item-scheduled} through the outbox in the same transaction.
 */
public final class ProgressProjector implements EventHandler {
    static final String SOURCE = "progress-service";

    private final Fsrs fsrs;
    private final Announcements announcements;

    /** Whether the schedule change that an event causes is announced on recall.progress-events. */
    @FunctionalInterface
    public interface Announcements {
        boolean announce(Connection connection, EventEnvelope event) throws SQLException;
    }

    /** The live projection announces every schedule change. */
    public ProgressProjector(Fsrs fsrs) {
        this(fsrs, (connection, event) -> true);
    }

    public ProgressProjector(Fsrs fsrs, Announcements announcements) {
        this.fsrs = fsrs;
        this.announcements = announcements;
    }

    @Override
    public void apply(Connection connection, EventEnvelope event) throws SQLException {
        if (EventTypes.DECK_PUBLISHED.equals(event.type())) {
            deckPublished(connection, event.dataAs(DeckPublished.class));
        } else if (EventTypes.ANSWER_RECORDED.equals(event.type())) {
            AnswerRecorded answer = event.dataAs(AnswerRecorded.class);
            if (storeAnswer(connection, answer)) {
                boolean firstOnItem = countAnswer(connection, answer);
                schedule(connection, answer, firstOnItem, announcements.announce(connection, event));
            }
        }
    }

    static void deckPublished(Connection connection, DeckPublished deck) throws SQLException {
        String knownHash = knownVersionHash(connection, deck);
        if (knownHash != null) {
            if (knownHash.equals(deck.contentHash())) {
                return; // the same version announced again (e.g. re-emitted under a new event id)
            }
            throw new IllegalArgumentException("deck " + deck.deckId() + " version " + deck.version()
                    + " was already published with content " + knownHash + "; versions are immutable, but this "
                    + "event carries " + deck.contentHash());
        }
        List<Item> items = deck.items() == null ? List.of() : deck.items();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_versions (deck_id, version, "
                + "content_hash, title, item_count, published_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, deck.deckId());
            insert.setInt(2, deck.version());
            insert.setString(3, deck.contentHash());
            insert.setString(4, deck.title());
            insert.setInt(5, items.size());
            insert.setTimestamp(6, Timestamp.from(deck.publishedAt()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_version_items (deck_id, "
                + "version, item_id, position, kind, level, concepts, option_ids, correct_option_ids) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Item item : items) {
                List<String> concepts = item.concepts() == null ? List.of() : item.concepts();
                insert.setObject(1, deck.deckId());
                insert.setInt(2, deck.version());
                insert.setObject(3, item.id());
                insert.setInt(4, position++);
                insert.setString(5, item.kind().name());
                insert.setString(6, item.level().wireName());
                insert.setArray(7, connection.createArrayOf("text", concepts.toArray()));
                List<Option> options = item.options();
                insert.setArray(8, options == null ? null
                        : textArray(connection, options.stream().map(Option::id).toList()));
                insert.setArray(9, options == null ? null : textArray(connection,
                        options.stream().filter(Option::correct).map(Option::id).toList()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO decks (deck_id, latest_version) "
                + "VALUES (?, ?) ON CONFLICT (deck_id) DO UPDATE SET latest_version = EXCLUDED.latest_version "
                + "WHERE decks.latest_version < EXCLUDED.latest_version")) {
            upsert.setObject(1, deck.deckId());
            upsert.setInt(2, deck.version());
            upsert.executeUpdate();
        }
    }

    private static String knownVersionHash(Connection connection, DeckPublished deck) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT content_hash FROM deck_versions WHERE deck_id = ? AND version = ?")) {
            select.setObject(1, deck.deckId());
            select.setInt(2, deck.version());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Keeps the answer in the history; false when its answer id is already there (the same answer
     * re-emitted under another event id), which then changes nothing.
     */
    static boolean storeAnswer(Connection connection, AnswerRecorded answer) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO answers (answer_id, session_id, "
                + "learner_id, deck_id, deck_version, item_id, kind, level, correct, score, rating, review_rating, "
                + "selected, concepts_covered, concepts_hit, concepts_total, answered_at, latency_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id) DO NOTHING")) {
            insert.setObject(1, answer.answerId());
            insert.setObject(2, answer.sessionId());
            insert.setString(3, answer.learnerId());
            insert.setObject(4, answer.deckId());
            insert.setInt(5, answer.deckVersion());
            insert.setObject(6, answer.itemId());
            insert.setString(7, answer.kind().name());
            insert.setString(8, answer.level().wireName());
            insert.setBoolean(9, answer.correct());
            insert.setDouble(10, answer.score());
            insert.setString(11, answer.rating());
            insert.setString(12, rating(answer).name());
            insert.setArray(13, textArray(connection, answer.selected()));
            insert.setArray(14, textArray(connection, answer.conceptsCovered()));
            insert.setObject(15, answer.conceptsHit(), Types.INTEGER);
            insert.setObject(16, answer.conceptsTotal(), Types.INTEGER);
            insert.setTimestamp(17, Timestamp.from(answeredAt(answer)));
            insert.setObject(18, answer.latencyMs(), Types.BIGINT);
            return insert.executeUpdate() == 1;
        }
    }

    /** PostgreSQL keeps microseconds: the schedule uses the time exactly as stored, so a replay lands on it. */
    static Instant answeredAt(AnswerRecorded answer) {
        return answer.answeredAt().truncatedTo(ChronoUnit.MICROS);
    }

    static Rating rating(AnswerRecorded answer) {
        return AnswerRating.of(answer.kind(), answer.rating(), answer.correct(), answer.score());
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray());
    }

    /**
     * Moves the learner's FSRS schedule of the item by this answer and announces it. An answer newer
     * than the last one applied is one more review; an older one (arriving late) makes the schedule
     * replay the item's whole stored history, so the result never depends on arrival order.
     */
    void schedule(Connection connection, AnswerRecorded answer, boolean firstOnItem, boolean announce)
            throws SQLException {
        Review review = new Review(answer.answerId(), answeredAt(answer), rating(answer));
        Schedule current = LearnerSchedules.load(connection, answer.learnerId(), answer.deckId(), answer.itemId());
        Card card;
        Review latest;
        if (current != null && review.isAfter(current.lastReview())) {
            card = fsrs.review(current.card(), review.reviewedAt(), review.rating());
            latest = review;
        } else {
            // The first answer, or one older than the last applied (or a row folded before schedules existed).
            List<Review> history = LearnerSchedules.history(connection, answer.learnerId(), answer.deckId(),
                    answer.itemId());
            card = fsrs.replay(history);
            latest = history.stream().max(Review.CHRONOLOGICAL).orElseThrow();
        }
        LearnerSchedules.save(connection, answer.learnerId(), answer.deckId(), answer.itemId(), card, latest);
        if (!announce) {
            return;
        }
        Outbox.append(connection, Topics.PROGRESS_EVENTS, answer.learnerId(), itemScheduled(answer, card, latest));
        boolean masteredBefore = current != null && MasteryCalculator.mastered(current.card());
        if (firstOnItem || masteredBefore != MasteryCalculator.mastered(card)) {
            Optional<Mastery> mastery = MasteryQueries.mastery(connection, fsrs, answer.learnerId(), answer.deckId(),
                    review.reviewedAt());
            if (mastery.isPresent() && itemOfVersion(connection, answer, mastery.get().deckVersion())) {
                Outbox.append(connection, Topics.PROGRESS_EVENTS, answer.learnerId(),
                        masteryChanged(answer, mastery.get(), review.reviewedAt()));
            }
        }
    }

    private static boolean itemOfVersion(Connection connection, AnswerRecorded answer, int version)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM deck_version_items WHERE deck_id = ? AND version = ? AND item_id = ?")) {
            select.setObject(1, answer.deckId());
            select.setInt(2, version);
            select.setObject(3, answer.itemId());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Announced when an answer changes the items seen or mastered of the deck's latest version. */
    static EventEnvelope masteryChanged(AnswerRecorded answer, Mastery mastery, Instant at) {
        UUID id = UUID.nameUUIDFromBytes((EventTypes.MASTERY_CHANGED + "/" + answer.answerId())
                .getBytes(StandardCharsets.UTF_8));
        MasteryChanged data = new MasteryChanged(answer.learnerId(), answer.deckId(), mastery.deckVersion(),
                answer.answerId(), answer.itemId(), mastery.itemsTotal(), mastery.itemsSeen(), mastery.itemsMastered(),
                mastery.accuracy(), at);
        return new EventEnvelope(id, EventTypes.MASTERY_CHANGED, SOURCE, answer.learnerId(), at, 1, null,
                Json.MAPPER.valueToTree(data));
    }

    /** The event id comes from the answer id: the same answer always announces under the same id. */
    static EventEnvelope itemScheduled(AnswerRecorded answer, Card card, Review latest) {
        UUID id = UUID.nameUUIDFromBytes((EventTypes.ITEM_SCHEDULED + "/" + answer.answerId())
                .getBytes(StandardCharsets.UTF_8));
        ItemScheduled data = new ItemScheduled(answer.learnerId(), answer.deckId(), answer.itemId(),
                answer.answerId(), card.due(), card.stability(), card.difficulty(), card.state().name(),
                latest.rating().name(), latest.reviewedAt(), card.scheduledDays(), card.reps(), card.lapses());
        return new EventEnvelope(id, EventTypes.ITEM_SCHEDULED, SOURCE, answer.learnerId(), latest.reviewedAt(), 1,
                null, Json.MAPPER.valueToTree(data));
    }

    /**
     * Counts the answer on learner x item. The answer is kept even when its deck has not arrived yet
     * (the topics are not ordered with each other); the mastery query joins it with the deck's items.
     * The last_* columns follow the answer with the latest answeredAt, whatever the arrival order. True when
     * this is the learner's first answer to the item.
     */
    static boolean countAnswer(Connection connection, AnswerRecorded answer) throws SQLException {
        String latest = "EXCLUDED.last_answered_at >= learner_items.last_answered_at";
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO learner_items (learner_id, deck_id, "
                + "item_id, kind, level, attempts, correct, score_sum, first_answered_at, last_answered_at, "
                + "last_deck_version, last_correct, last_score, last_rating, last_concepts_hit, last_concepts_total, "
                + "last_concepts_covered) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (learner_id, deck_id, item_id) DO UPDATE SET "
                + "attempts = learner_items.attempts + 1, "
                + "correct = learner_items.correct + EXCLUDED.correct, "
                + "score_sum = learner_items.score_sum + EXCLUDED.score_sum, "
                + "first_answered_at = LEAST(learner_items.first_answered_at, EXCLUDED.first_answered_at), "
                + "last_answered_at = GREATEST(learner_items.last_answered_at, EXCLUDED.last_answered_at), "
                + latestWins("kind", latest) + ", "
                + latestWins("level", latest) + ", "
                + latestWins("last_deck_version", latest) + ", "
                + latestWins("last_correct", latest) + ", "
                + latestWins("last_score", latest) + ", "
                + latestWins("last_rating", latest) + ", "
                + latestWins("last_concepts_hit", latest) + ", "
                + latestWins("last_concepts_total", latest) + ", "
                + latestWins("last_concepts_covered", latest)
                // xmax is 0 on a freshly inserted row: the learner's first answer to the item.
                + " RETURNING (xmax = 0)")) {
            Timestamp answeredAt = Timestamp.from(answeredAt(answer));
            upsert.setString(1, answer.learnerId());
            upsert.setObject(2, answer.deckId());
            upsert.setObject(3, answer.itemId());
            upsert.setString(4, answer.kind().name());
            upsert.setString(5, answer.level().wireName());
            upsert.setInt(6, answer.correct() ? 1 : 0);
            upsert.setDouble(7, answer.score());
            upsert.setTimestamp(8, answeredAt);
            upsert.setTimestamp(9, answeredAt);
            upsert.setInt(10, answer.deckVersion());
            upsert.setBoolean(11, answer.correct());
            upsert.setDouble(12, answer.score());
            upsert.setString(13, answer.rating());
            upsert.setObject(14, answer.conceptsHit(), Types.INTEGER);
            upsert.setObject(15, answer.conceptsTotal(), Types.INTEGER);
            if (answer.conceptsCovered() == null) {
                upsert.setNull(16, Types.ARRAY);
            } else {
                upsert.setArray(16, connection.createArrayOf("text", answer.conceptsCovered().toArray()));
            }
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String latestWins(String column, String latest) {
        return column + " = CASE WHEN " + latest + " THEN EXCLUDED." + column + " ELSE learner_items." + column
                + " END";
    }
}
