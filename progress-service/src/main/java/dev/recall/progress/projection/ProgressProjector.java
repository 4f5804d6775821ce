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
import dev.recall.progress.fold.LearnerItemState;
import dev.recall.progress.mastery.MasteryCalculator;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The advisory lock that orders deck versions against answers, across instances and threads. */
    static final long DECK_ARRIVAL_LOCK = 0x5245_4341_4c4c_4450L; // "RECALLDP"

    /**
     * A batch with a published version takes the deck-arrival lock exclusively, a batch of answers takes
     * it shared, before touching any row: so a version's rescheduling of the answers given on it never
     * misses an answer committed concurrently by another instance's (or thread's) batch that had read
     * the version as unknown. Answers still run in parallel with each other.
     */
    @Override
    public void beforeBatch(Connection connection, List<EventEnvelope> events) throws SQLException {
        boolean deck = events.stream().anyMatch(event -> EventTypes.DECK_PUBLISHED.equals(event.type()));
        boolean answers = events.stream().anyMatch(event -> EventTypes.ANSWER_RECORDED.equals(event.type()));
        if (!deck && !answers) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(deck ? "SELECT pg_advisory_xact_lock(?)"
                : "SELECT pg_advisory_xact_lock_shared(?)")) {
            lock.setLong(1, DECK_ARRIVAL_LOCK);
            lock.executeQuery().close();
        }
    }

    @Override
    public void apply(Connection connection, EventEnvelope event) throws SQLException {
        if (EventTypes.DECK_PUBLISHED.equals(event.type())) {
            DeckPublished deck = event.dataAs(DeckPublished.class).withDefaultSettingsIfNone();
            if (deckPublished(connection, deck)) {
                rescheduleEarlierAnswers(connection, deck, announcements.announce(connection, event));
            }
        } else if (EventTypes.ANSWER_RECORDED.equals(event.type())) {
            applyAnswers(connection, List.of(event));
        }
    }

    /**
     * Applies each run of answers together ({@link #applyAnswers}), deck events one by one in their place: the
     * effect is that of {@link #apply} on each event in order (BatchAgreementTest).
     */
    @Override
    public void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
        List<EventEnvelope> answers = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (EventTypes.ANSWER_RECORDED.equals(event.type())) {
                answers.add(event);
            } else {
                applyAnswers(connection, answers);
                answers.clear();
                apply(connection, event);
            }
        }
        applyAnswers(connection, answers);
    }

    /** A learner x item, and a learner x deck. */
    private record ItemKey(String learnerId, UUID deckId, UUID itemId) {
    }

    private record DeckKey(String learnerId, UUID deckId) {
    }

    /** A deck's latest version, its item count, and which of the batch's items are in it. */
    private record Latest(int version, int itemCount, Set<UUID> items) {
    }

    /** A learner's counts over a deck's latest version, as {@code MasteryChanged} announces them. */
    private static final class DeckCounts {
        long seen;
        long mastered;
        long attempts;
        long correct;

        /** One learner x item of the latest version going from {@code before} (null: unseen) to {@code after}. */
        void move(LearnerItemState before, boolean masteredBefore, LearnerItemState after, boolean masteredAfter) {
            seen += before == null ? 1 : 0;
            mastered += (masteredAfter ? 1 : 0) - (masteredBefore ? 1 : 0);
            attempts += after.attempts() - (before == null ? 0 : before.attempts());
            correct += after.correct() - (before == null ? 0 : before.correct());
        }

        MasteryQueries.Summary summary(Latest deck) {
            return new MasteryQueries.Summary(deck.version(), deck.itemCount(), (int) seen, (int) mastered,
                    attempts == 0 ? null : (double) correct / attempts);
        }
    }

    /**
     * The learner x items of the batch, the latest versions of its decks, and each learner x deck's counts over
     * the latest version (the counts {@link MasteryCalculator} makes, in two index lookups per learner x deck):
     * three statements, one round trip.
     */
    private static final String BATCH_READ = "SELECT " + LearnerItemRows.COLUMNS.list() + " FROM learner_items "
            + "WHERE (learner_id, deck_id, item_id) IN (SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[]));\n"
            + "SELECT d.deck_id, d.latest_version, v.item_count, i.item_id FROM decks d "
            + "JOIN deck_versions v ON v.deck_id = d.deck_id AND v.version = d.latest_version "
            + "LEFT JOIN deck_version_items i ON i.deck_id = d.deck_id AND i.version = d.latest_version "
            + "AND i.item_id = ANY (?::uuid[]) WHERE d.deck_id = ANY (?::uuid[]);\n"
            + "SELECT k.learner_id, k.deck_id, count(*), count(*) FILTER (WHERE l.stability >= ?), "
            + "COALESCE(sum(l.attempts), 0), COALESCE(sum(l.correct), 0) "
            + "FROM unnest(?::text[], ?::uuid[]) AS k(learner_id, deck_id) JOIN decks d ON d.deck_id = k.deck_id "
            + "JOIN learner_items l ON l.learner_id = k.learner_id AND l.deck_id = k.deck_id AND l.item_id IN "
            + "(SELECT item_id FROM deck_version_items WHERE deck_id = d.deck_id AND version = d.latest_version) "
            + "GROUP BY k.learner_id, k.deck_id";

    /**
     * Answers applied together, with the effect of applying each alone in order, in four round trips
     * however many they are: every answer into the history (an update count of 0 is an answer id stored
     * before, which changes nothing); their learner x items, decks and learner x deck counts read at once;
     * the answers folded in memory in order, each learner x deck's counts over the deck's latest version
     * kept up to date answer by answer (so each {@code MasteryChanged} counts as of its answer); the last
     * state of each learner x item upserted; the announcements appended in order.
     */
    void applyAnswers(Connection connection, List<EventEnvelope> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        List<AnswerRecorded> answers = new ArrayList<>(n);
        for (EventEnvelope event : events) {
            answers.add(event.dataAs(AnswerRecorded.class));
        }
        int[] stored;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ANSWER)) {
            for (AnswerRecorded answer : answers) {
                bindAnswer(connection, insert, answer);
                insert.addBatch();
            }
            stored = insert.executeBatch();
        }
        if (Arrays.stream(stored).allMatch(count -> count == 0)) {
            return; // every answer id was stored before: nothing changes
        }
        LinkedHashSet<ItemKey> items = new LinkedHashSet<>();
        LinkedHashSet<DeckKey> learnerDecks = new LinkedHashSet<>();
        for (AnswerRecorded answer : answers) {
            items.add(new ItemKey(answer.learnerId(), answer.deckId(), answer.itemId()));
            learnerDecks.add(new DeckKey(answer.learnerId(), answer.deckId()));
        }
        Map<ItemKey, LearnerItemState> states = new HashMap<>();
        Map<UUID, Latest> latest = new HashMap<>();
        Map<DeckKey, DeckCounts> counts = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(BATCH_READ)) {
            read.setArray(1, connection.createArrayOf("text", items.stream().map(ItemKey::learnerId).toArray()));
            read.setArray(2, connection.createArrayOf("uuid", items.stream().map(ItemKey::deckId).toArray()));
            read.setArray(3, connection.createArrayOf("uuid", items.stream().map(ItemKey::itemId).toArray()));
            read.setArray(4, connection.createArrayOf("uuid", items.stream().map(ItemKey::itemId).distinct()
                    .toArray()));
            read.setArray(5, connection.createArrayOf("uuid", learnerDecks.stream().map(DeckKey::deckId).distinct()
                    .toArray()));
            read.setDouble(6, MasteryCalculator.MASTERED_STABILITY_DAYS);
            read.setArray(7, connection.createArrayOf("text", learnerDecks.stream().map(DeckKey::learnerId).toArray()));
            read.setArray(8, connection.createArrayOf("uuid", learnerDecks.stream().map(DeckKey::deckId).toArray()));
            read.execute();
            try (ResultSet rs = read.getResultSet()) {
                for (LearnerItemState state = LearnerItemRows.read(rs); state != null;
                        state = LearnerItemRows.read(rs)) {
                    states.put(new ItemKey(state.learnerId(), state.deckId(), state.itemId()), state);
                }
            }
            read.getMoreResults();
            try (ResultSet rs = read.getResultSet()) {
                while (rs.next()) {
                    int version = rs.getInt(2);
                    int itemCount = rs.getInt(3);
                    Latest deck = latest.computeIfAbsent(rs.getObject(1, UUID.class),
                            id -> new Latest(version, itemCount, new HashSet<>()));
                    UUID item = rs.getObject(4, UUID.class);
                    if (item != null) {
                        deck.items().add(item);
                    }
                }
            }
            read.getMoreResults();
            try (ResultSet rs = read.getResultSet()) {
                while (rs.next()) {
                    DeckCounts known = new DeckCounts();
                    known.seen = rs.getLong(3);
                    known.mastered = rs.getLong(4);
                    known.attempts = rs.getLong(5);
                    known.correct = rs.getLong(6);
                    counts.put(new DeckKey(rs.getString(1), rs.getObject(2, UUID.class)), known);
                }
            }
        }
        LinkedHashSet<ItemKey> changed = new LinkedHashSet<>();
        List<Outbox.Entry> announced = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (stored[i] == 0) {
                continue; // its answer id was stored before: the same answer re-emitted changes nothing
            }
            if (stored[i] != 1) {
                throw new IllegalStateException("the answers' batch insert gave update count " + stored[i]
                        + "; reWriteBatchedInserts must stay off for progress-service");
            }
            AnswerRecorded answer = answers.get(i);
            ItemKey key = new ItemKey(answer.learnerId(), answer.deckId(), answer.itemId());
            LearnerItemState current = states.get(key);
            int position = i;
            LearnerItemState next = LearnerItemState.fold(current, answer,
                    desiredRetention(connection, answer.deckId(), answer.deckVersion()), fsrs,
                    () -> historyAsOf(connection, answers, stored, position));
            states.put(key, next);
            changed.add(key);
            boolean masteredBefore = current != null && MasteryCalculator.mastered(current.schedule());
            boolean masteredAfter = MasteryCalculator.mastered(next.schedule());
            Latest deck = latest.get(answer.deckId());
            DeckCounts count = null;
            if (deck != null && deck.items().contains(answer.itemId())) {
                count = counts.computeIfAbsent(new DeckKey(answer.learnerId(), answer.deckId()), k -> new DeckCounts());
                count.move(current, masteredBefore, next, masteredAfter);
            }
            if (!announcements.announce(connection, events.get(i))) {
                continue;
            }
            announced.add(new Outbox.Entry(answer.learnerId(), itemScheduled(next, answer.answerId().toString(),
                    answer.answerId())));
            if ((current == null || masteredBefore != masteredAfter) && count != null) {
                announced.add(new Outbox.Entry(answer.learnerId(), masteryChanged(answer, count.summary(deck),
                        LearnerItemState.answeredAt(answer))));
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(LearnerItemRows.UPSERT)) {
            for (ItemKey key : changed) {
                LearnerItemRows.bind(connection, upsert, states.get(key));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        Outbox.appendEntries(connection, Topics.PROGRESS_EVENTS, announced);
    }

    /**
     * The stored history of the learner x item of {@code answers[position]} as {@link #apply} would have read it
     * there: without the answers of the batch that come after it (they are stored already, but not yet folded).
     */
    private static List<Review> historyAsOf(Connection connection, List<AnswerRecorded> answers, int[] stored,
            int position) throws SQLException {
        AnswerRecorded answer = answers.get(position);
        Set<UUID> later = new HashSet<>();
        for (int j = position + 1; j < answers.size(); j++) {
            AnswerRecorded other = answers.get(j);
            if (stored[j] == 1 && other.learnerId().equals(answer.learnerId())
                    && other.deckId().equals(answer.deckId()) && other.itemId().equals(answer.itemId())) {
                later.add(other.answerId());
            }
        }
        return LearnerItemRows.history(connection, answer.learnerId(), answer.deckId(), answer.itemId()).stream()
                .filter(review -> !later.contains(review.answerId())).toList();
    }

    /** Stores a newly published version; false when it is known already. */
    static boolean deckPublished(Connection connection, DeckPublished deck) throws SQLException {
        String knownHash = knownVersionHash(connection, deck);
        if (knownHash != null) {
            if (knownHash.equals(deck.contentHash())) {
                return false; // the same version announced again (e.g. re-emitted under a new event id)
            }
            throw new IllegalArgumentException("deck " + deck.deckId() + " version " + deck.version()
                    + " was already published with content " + knownHash + "; versions are immutable, but this "
                    + "event carries " + deck.contentHash());
        }
        List<Item> items = deck.items() == null ? List.of() : deck.items();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_versions (deck_id, version, "
                + "content_hash, title, item_count, published_at, desired_retention) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, deck.deckId());
            insert.setInt(2, deck.version());
            insert.setString(3, deck.contentHash());
            insert.setString(4, deck.title());
            insert.setInt(5, items.size());
            insert.setTimestamp(6, Timestamp.from(deck.publishedAt()));
            insert.setDouble(7, deck.settings().desiredRetention());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_version_items (deck_id, "
                + "version, item_id, position, kind, level, concepts, option_ids, correct_option_ids, tags) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                insert.setArray(10, textArray(connection, item.tags() == null ? List.of() : item.tags()));
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
        return true;
    }

    /**
     * Answers given on a version before it arrived (the topics are not ordered with each other) were
     * scheduled at this instance's desired retention; if the version asks for another one, their items are
     * rescheduled from their whole history, so the result is what it would have been had the deck come first.
     */
    private void rescheduleEarlierAnswers(Connection connection, DeckPublished deck, boolean announce)
            throws SQLException {
        if (deck.settings().desiredRetention() == fsrs.parameters().desiredRetention()) {
            return;
        }
        record Answered(String learnerId, UUID itemId) {
        }
        List<Answered> answered = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT learner_id, item_id FROM answers "
                + "WHERE deck_id = ? AND deck_version = ? ORDER BY learner_id, item_id")) {
            select.setObject(1, deck.deckId());
            select.setInt(2, deck.version());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    answered.add(new Answered(rs.getString(1), rs.getObject(2, UUID.class)));
                }
            }
        }
        for (Answered item : answered) {
            LearnerItemState state = LearnerItemRows.load(connection, item.learnerId(), deck.deckId(), item.itemId())
                    .rescheduled(fsrs, LearnerItemRows.history(connection, item.learnerId(), deck.deckId(),
                            item.itemId()));
            LearnerItemRows.save(connection, state);
            if (announce) {
                Outbox.append(connection, Topics.PROGRESS_EVENTS, item.learnerId(), itemScheduled(state,
                        "rescheduled/" + deck.deckId() + "/" + deck.version() + "/" + item.learnerId() + "/"
                                + item.itemId(), state.lastReview().answerId()));
            }
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

    /** answers' columns, in the order of {@link #answerValues}. */
    static final Columns ANSWER_COLUMNS = Columns.of("answers",
            "answer_id", Types.OTHER, "session_id", Types.OTHER, "learner_id", Types.VARCHAR, "deck_id", Types.OTHER,
            "deck_version", Types.INTEGER, "item_id", Types.OTHER, "kind", Types.VARCHAR, "level", Types.VARCHAR,
            "correct", Types.BOOLEAN, "score", Types.DOUBLE, "rating", Types.VARCHAR, "review_rating", Types.VARCHAR,
            "selected", Types.ARRAY, "concepts_covered", Types.ARRAY, "concepts_hit", Types.INTEGER,
            "concepts_total", Types.INTEGER, "answered_at", Types.TIMESTAMP_WITH_TIMEZONE, "latency_ms", Types.BIGINT);

    static final String INSERT_ANSWER = ANSWER_COLUMNS.insert("ON CONFLICT (answer_id) DO NOTHING");

    /**
     * Whether applying {@code payload} ({@link dev.recall.progress.fold.ProgressFold#payload}) twice needs its event id
     * recorded to change nothing the second time. An answer does not: {@link #INSERT_ANSWER} keeps each answer id
     * once, and {@link #applyAnswers} folds and announces only the answers it stored.
     */
    static boolean needsEventId(Object payload) {
        return !(payload instanceof AnswerRecorded);
    }

    static int bindAnswer(Connection connection, PreparedStatement insert, AnswerRecorded answer)
            throws SQLException {
        return ANSWER_COLUMNS.bind(connection, insert, answerValues(answer));
    }

    /** The answer's row: every value from the event, in the order of {@link #ANSWER_COLUMNS}. */
    static Object[] answerValues(AnswerRecorded answer) {
        return new Object[] {answer.answerId(), answer.sessionId(), answer.learnerId(), answer.deckId(),
            answer.deckVersion(), answer.itemId(), answer.kind().name(), answer.level().wireName(), answer.correct(),
            answer.score(), answer.rating(), LearnerItemState.rating(answer).name(), answer.selected(),
            answer.conceptsCovered(), answer.conceptsHit(), answer.conceptsTotal(),
            LearnerItemState.answeredAt(answer), answer.latencyMs()};
    }


    /**
     * Desired retention of the versions seen, by "deckId@version": a stored version never changes (see
     * {@link #deckPublished}), so only a version not yet arrived is asked for again. Saves one round trip per
     * answer. Bounded: cleared when it grows past {@link #CACHED_VERSIONS}.
     */
    private final Map<String, Double> retentions = new ConcurrentHashMap<>();
    private static final int CACHED_VERSIONS = 10_000;

    /** What the deck version asks for; null while the version has not arrived. */
    private Double desiredRetention(Connection connection, UUID deckId, int version) throws SQLException {
        String key = deckId + "@" + version;
        Double cached = retentions.get(key);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT desired_retention FROM deck_versions WHERE deck_id = ? AND version = ?")) {
            select.setObject(1, deckId);
            select.setInt(2, version);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                double retention = rs.getDouble(1);
                if (retentions.size() >= CACHED_VERSIONS) {
                    retentions.clear();
                }
                retentions.put(key, retention);
                return retention;
            }
        }
    }

    /** Announced when an answer changes the items seen or mastered of the deck's latest version. */
    static EventEnvelope masteryChanged(AnswerRecorded answer, MasteryQueries.Summary mastery, Instant at) {
        UUID id = UUID.nameUUIDFromBytes((EventTypes.MASTERY_CHANGED + "/" + answer.answerId())
                .getBytes(StandardCharsets.UTF_8));
        MasteryChanged data = new MasteryChanged(answer.learnerId(), answer.deckId(), mastery.deckVersion(),
                answer.answerId(), answer.itemId(), mastery.itemsTotal(), mastery.itemsSeen(), mastery.itemsMastered(),
                mastery.accuracy(), at);
        return new EventEnvelope(id, EventTypes.MASTERY_CHANGED, SOURCE, answer.learnerId(), at, 1, null,
                Json.MAPPER.valueToTree(data));
    }

    /** The id of the ItemScheduled that {@code cause} (an answer id, or a rescheduling) announces: once per cause. */
    static UUID itemScheduledId(String cause) {
        return UUID.nameUUIDFromBytes((EventTypes.ITEM_SCHEDULED + "/" + cause).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The schedule as it now stands. The event id derives from what caused it (an answer id, or a deck
     * version that rescheduled the item), so the same cause always announces under the same id; {@code answerId}
     * is the answer that changed it (an older one arriving late included), the latest review's after a
     * rescheduling.
     */
    static EventEnvelope itemScheduled(LearnerItemState state, String cause, UUID answerId) {
        UUID id = itemScheduledId(cause);
        Card card = state.schedule();
        Review latest = state.lastReview();
        ItemScheduled data = new ItemScheduled(state.learnerId(), state.deckId(), state.itemId(), answerId,
                card.due(), card.stability(), card.difficulty(), card.state().name(), latest.rating().name(),
                latest.reviewedAt(), card.scheduledDays(), card.reps(), card.lapses());
        return new EventEnvelope(id, EventTypes.ITEM_SCHEDULED, SOURCE, state.learnerId(), latest.reviewedAt(), 1,
                null, Json.MAPPER.valueToTree(data));
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray());
    }
}
