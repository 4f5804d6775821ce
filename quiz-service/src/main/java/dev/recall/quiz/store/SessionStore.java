package dev.recall.quiz.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.contracts.quiz.SessionStarted;
import dev.recall.kit.jdbc.Transactions;
import dev.recall.kit.outbox.Outbox;
import dev.recall.kit.outbox.OutboxRelay;
import dev.recall.kit.problem.ProblemException;
import dev.recall.quiz.catalogue.Catalogue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Sessions and answers in PostgreSQL; each change and the event announcing it commit together. */
@ApplicationScoped
public class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class);
    private static final String SOURCE = "quiz-service";
    private static final TypeReference<List<UUID>> UUID_LIST = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    Catalogue catalogue;

    /**
     * Writer threads that record answers, together when several wait (group commit); by default one per core,
     * at least two. More writers make smaller groups: on 2 cores, 4 writers accepted answers at 256 clients
     * faster than progress-service could apply them (lag p99 2.5-3.4 s); 2 accepted as many at 64 clients
     * and kept that lag p99 under 0.8 s (BENCHMARKS.md).
     */
    @ConfigProperty(name = "recall.answers.writers")
    Optional<Integer> writerThreads;

    /** The most answers one transaction records. */
    @ConfigProperty(name = "recall.answers.max-group", defaultValue = "64")
    int maxGroup;

    private GroupCommit<Pending, Recorded> writers;

    @PostConstruct
    void startWriters() {
        int threads = writerThreads.orElse(Math.max(2, Runtime.getRuntime().availableProcessors()));
        writers = new GroupCommit<>("answer-writer", threads, maxGroup, this::recordAlone, this::recordGroup);
    }

    @PreDestroy
    void stopWriters() throws InterruptedException {
        writers.close();
        Grouping grouping = grouping();
        LOG.infof("answer writers: %d answers recorded in %d groups of more than one (largest %d)",
                grouping.answers(), grouping.groups(), grouping.largest());
    }

    /** Groups of more than one answer recorded in one transaction since start, their answers, the largest. */
    public record Grouping(long groups, long answers, int largest) {
    }

    public Grouping grouping() {
        return new Grouping(writers.groups(), writers.grouped(), writers.largest());
    }

    public void start(Session session) {
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (session_id, learner_id, "
                    + "deck_id, deck_version, mode, seed, item_ids, started_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                insert.setObject(1, session.id());
                insert.setString(2, session.learnerId());
                insert.setObject(3, session.deckId());
                insert.setInt(4, session.deckVersion());
                insert.setString(5, session.mode());
                insert.setLong(6, session.seed());
                insert.setString(7, Json.write(session.itemIds()));
                insert.setTimestamp(8, Timestamp.from(session.startedAt()));
                insert.executeUpdate();
            }
            SessionStarted started = new SessionStarted(session.id(), session.learnerId(), session.deckId(),
                    session.deckVersion(), session.mode(), session.seed(), session.itemIds(), session.startedAt());
            Outbox.append(connection, Topics.QUIZ_EVENTS, session.learnerId(), EventEnvelope.of(
                    EventTypes.SESSION_STARTED, SOURCE, session.learnerId(), session.startedAt(), null, started));
            return null;
        });
        relay.wake();
    }

    public Optional<Session> find(UUID sessionId) {
        return Transactions.inTransaction(dataSource, connection -> find(connection, sessionId));
    }

    public List<AnswerRecord> answers(UUID sessionId) {
        return Transactions.inTransaction(dataSource, connection -> answers(connection, sessionId));
    }

    /** What {@link #record} decided: the stored result, and whether this call stored it. */
    public record Recorded(JsonNode result, boolean created) {
    }

    /** Decides, under the session's row lock, whether and how an answer is recorded. */
    public interface AnswerDecision {
        /**
         * Called with the locked session, the deck version it is pinned to, and whether the session already
         * has an answer to the item being answered; returns the event to record, or throws to refuse. The
         * result stored is what the learner is shown, now and on every retry.
         */
        Recording decide(Session session, DeckPublished deck, boolean itemAnswered);
    }

    public record Recording(AnswerRecorded event, Object submitted, Object result) {
    }

    /** What a session pinned to a deck version the catalogue does not have is: a bug, never the learner's fault. */
    public static IllegalStateException pinnedVersionMissing(Session session) {
        return new IllegalStateException("session " + session.id() + " is pinned to deck " + session.deckId() + " v"
                + session.deckVersion() + ", which the catalogue does not have");
    }

    /**
     * Records one answer to {@code itemId} exactly once: a known {@code answerId} returns the stored result
     * instead (retries are safe), otherwise the answer row and its AnswerRecorded event commit together.
     * The answer is handed to the writers ({@link GroupCommit}): answers that arrive while they are busy are
     * recorded together, in one transaction (group commit), with exactly the effect of recording them one
     * after another in arrival order; a lone answer is recorded at once, as a group of one. The caller does not
     * wait: the stage completes on a writer thread with the outcome, or with the exception that refuses it.
     */
    public CompletableFuture<Recorded> record(UUID sessionId, UUID answerId, UUID itemId, AnswerDecision decision,
            Instant now) {
        return writers.submit(new Pending(sessionId, answerId, itemId, decision, now));
    }

    /** An answer waiting to be recorded. */
    record Pending(UUID sessionId, UUID answerId, UUID itemId, AnswerDecision decision, Instant now) {
    }

    /** One answer recorded alone: {@link #recordGroup} of one, its outcome returned or thrown. */
    private Recorded recordAlone(Pending pending) {
        Object outcome = recordGroup(List.of(pending)).get(0);
        if (outcome instanceof RuntimeException refused) {
            throw refused;
        }
        return (Recorded) outcome;
    }

    private static final String INSERT_ANSWER = "INSERT INTO answers (answer_id, session_id, item_id, learner_id, "
            + "kind, level, correct, score, submitted, result, answered_at, latency_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";

    /** An answer decided on: its event, the result shown to the learner, and what was submitted. */
    private record Accepted(AnswerRecorded event, JsonNode result, String submitted, EventEnvelope announcement) {
        static Accepted of(Recording recording, Instant now) {
            AnswerRecorded event = recording.event();
            return new Accepted(event, Json.MAPPER.valueToTree(recording.result()), Json.write(recording.submitted()),
                    EventEnvelope.of(EventTypes.ANSWER_RECORDED, SOURCE, event.learnerId(), now, null, event));
        }

        /** Binds the twelve parameters of {@link #INSERT_ANSWER} from {@code first}; returns 12. */
        int bind(PreparedStatement insert, int first) throws SQLException {
            insert.setObject(first, event.answerId());
            insert.setObject(first + 1, event.sessionId());
            insert.setObject(first + 2, event.itemId());
            insert.setString(first + 3, event.learnerId());
            insert.setString(first + 4, event.kind().name());
            insert.setString(first + 5, event.level().wireName());
            insert.setBoolean(first + 6, event.correct());
            insert.setDouble(first + 7, event.score());
            insert.setString(first + 8, submitted);
            insert.setString(first + 9, Json.write(result));
            insert.setTimestamp(first + 10, Timestamp.from(event.answeredAt()));
            insert.setObject(first + 11, event.latencyMs());
            return 12;
        }
    }

    /**
     * Records a group of answers in one transaction, with exactly the effect of recording each alone, in order:
     * the group's sessions are locked in one statement (in session id order, so that two groups cannot
     * deadlock), and in the same round trip, once the locks are held (so that every answer committed before is
     * seen), the known answer ids and the items already answered are read; the pinned deck versions come from
     * the catalogue's cache (or this connection); each answer is decided in order, seeing the group's earlier
     * answers as stored; then the accepted answers and their events are written, one answer with its outbox
     * row in one round trip, more in one batch each. Returns, per answer, its {@link Recorded} or the exception
     * that refuses it (the others are recorded all the same). A database failure throws, and nothing is kept.
     */
    List<Object> recordGroup(List<Pending> group) {
        List<Object> outcomes = Transactions.inTransaction(dataSource, connection -> {
            Stored stored = Stored.read(connection, group);
            List<Object> decided = new ArrayList<>(group.size());
            List<Accepted> accepted = new ArrayList<>();
            for (Pending pending : group) {
                try {
                    decided.add(decide(connection, pending, stored, accepted));
                } catch (RuntimeException refused) {
                    decided.add(refused);
                }
            }
            write(connection, accepted);
            return decided;
        });
        if (outcomes.stream().anyMatch(outcome -> outcome instanceof Recorded recorded && recorded.created())) {
            relay.wake();
        }
        return outcomes;
    }

    /** The accepted answers' rows and outbox rows: one answer in one round trip, more in one batch each. */
    private static void write(Connection connection, List<Accepted> accepted) throws SQLException {
        if (accepted.isEmpty()) {
            return;
        }
        if (accepted.size() == 1) {
            Accepted answer = accepted.get(0);
            Outbox.appendWith(connection, INSERT_ANSWER, insert -> answer.bind(insert, 1), Topics.QUIZ_EVENTS,
                    answer.event().learnerId(), answer.announcement());
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ANSWER)) {
            for (Accepted answer : accepted) {
                answer.bind(insert, 1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Outbox.appendEntries(connection, Topics.QUIZ_EVENTS, accepted.stream()
                .map(answer -> new Outbox.Entry(answer.event().learnerId(), answer.announcement())).toList());
    }

    /** An answer already stored: its session and the result it was given. */
    private record StoredAnswer(UUID sessionId, JsonNode result) {
    }

    /**
     * What a group's answers find stored, read in one round trip: their sessions, locked in session id order;
     * the answers already stored under their answer ids; and which of their (session, item) pairs are answered.
     * {@link #decide} adds each accepted answer, so that the group's later answers see it as stored.
     */
    private record Stored(Map<UUID, Session> sessions, Map<UUID, StoredAnswer> known, Set<List<UUID>> answered) {
        static Stored read(Connection connection, List<Pending> group) throws SQLException {
            Stored stored = new Stored(new HashMap<>(), new HashMap<>(), new HashSet<>());
            UUID[] sessionIds = group.stream().map(Pending::sessionId).distinct().toArray(UUID[]::new);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SESSION_FIELDS + ", session_id "
                    + "FROM sessions WHERE session_id = ANY (?) ORDER BY session_id FOR UPDATE;\n"
                    + "SELECT answer_id, session_id, result FROM answers WHERE answer_id = ANY (?);\n"
                    + "SELECT session_id, item_id FROM answers "
                    + "WHERE (session_id, item_id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))")) {
                select.setArray(1, connection.createArrayOf("uuid", sessionIds));
                select.setArray(2, connection.createArrayOf("uuid", group.stream().map(Pending::answerId).toArray()));
                select.setArray(3, connection.createArrayOf("uuid", group.stream().map(Pending::sessionId).toArray()));
                select.setArray(4, connection.createArrayOf("uuid", group.stream().map(Pending::itemId).toArray()));
                select.execute();
                try (ResultSet rs = select.getResultSet()) {
                    while (rs.next()) {
                        Session session = sessionRow(rs.getObject(8, UUID.class), rs);
                        stored.sessions().put(session.id(), session);
                    }
                }
                select.getMoreResults();
                try (ResultSet rs = select.getResultSet()) {
                    while (rs.next()) {
                        stored.known().put(rs.getObject(1, UUID.class), new StoredAnswer(rs.getObject(2, UUID.class),
                                Json.readStored(rs.getString(3))));
                    }
                }
                select.getMoreResults();
                try (ResultSet rs = select.getResultSet()) {
                    while (rs.next()) {
                        stored.answered().add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                    }
                }
            }
            return stored;
        }
    }

    /** The decision for one answer of a group, the group's earlier answers counted as stored. */
    private Recorded decide(Connection connection, Pending pending, Stored stored, List<Accepted> accepted)
            throws SQLException {
        Map<UUID, StoredAnswer> known = stored.known();
        Set<List<UUID>> answered = stored.answered();
        Session session = stored.sessions().get(pending.sessionId());
        if (session == null) {
            throw new NoSuchSession(pending.sessionId());
        }
        StoredAnswer before = known.get(pending.answerId());
        if (before != null) {
            if (!pending.sessionId().equals(before.sessionId())) {
                throw answerIdOfAnotherSession(pending.answerId());
            }
            return new Recorded(before.result(), false);
        }
        DeckPublished deck = catalogue.find(connection, session.deckId(), session.deckVersion())
                .orElseThrow(() -> pinnedVersionMissing(session));
        List<UUID> item = List.of(pending.sessionId(), pending.itemId());
        Accepted answer = Accepted.of(pending.decision().decide(session, deck, answered.contains(item)), pending.now());
        accepted.add(answer);
        known.put(pending.answerId(), new StoredAnswer(pending.sessionId(), answer.result()));
        answered.add(item);
        return new Recorded(answer.result(), true);
    }

    private static ProblemException answerIdOfAnotherSession(UUID answerId) {
        return ProblemException.conflict("answerId " + answerId + " was already used for an answer in another "
                + "session; use a new answerId for every answer");
    }

    /** A session row's columns, as {@link #sessionRow} reads them. */
    private static final String SESSION_FIELDS = "learner_id, deck_id, deck_version, mode, seed, item_ids, started_at";
    private static final String SESSION_COLUMNS = "SELECT " + SESSION_FIELDS + " FROM sessions WHERE session_id = ?";

    private static Optional<Session> find(Connection connection, UUID sessionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SESSION_COLUMNS)) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return session(sessionId, rs);
            }
        }
    }

    private static Optional<Session> session(UUID sessionId, ResultSet rs) throws SQLException {
        return rs.next() ? Optional.of(sessionRow(sessionId, rs)) : Optional.empty();
    }

    /** The session at the result's current row, whose first columns are {@link #SESSION_FIELDS}. */
    private static Session sessionRow(UUID sessionId, ResultSet rs) throws SQLException {
        return new Session(sessionId, rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                rs.getLong(5), Json.readStored(rs.getString(6), UUID_LIST), rs.getTimestamp(7).toInstant());
    }

    private static List<AnswerRecord> answers(Connection connection, UUID sessionId) throws SQLException {
        List<AnswerRecord> answers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT answer_id, item_id, kind, level, correct, "
                + "score, latency_ms, result FROM answers WHERE session_id = ? ORDER BY answered_at, recorded_at")) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    answers.add(new AnswerRecord(rs.getObject(1, UUID.class), sessionId, rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getDouble(6), rs.getLong(7),
                            Json.readStored(rs.getString(8))));
                }
            }
        }
        return answers;
    }

    /** Asked for a session that does not exist. */
    public static class NoSuchSession extends RuntimeException {
        public NoSuchSession(UUID sessionId) {
            super("there is no session " + sessionId);
        }
    }
}
