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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Sessions and answers in PostgreSQL; each change and the event announcing it commit together. */
@ApplicationScoped
public class SessionStore {
    private static final String SOURCE = "quiz-service";
    private static final TypeReference<List<UUID>> UUID_LIST = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    Catalogue catalogue;

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
     * One connection and one transaction per answer: the session row is locked first, the pinned deck version
     * comes from the catalogue's cache (or this connection), and one statement asks both whether the
     * answerId is known and whether the item was already answered.
     */
    public Recorded record(UUID sessionId, UUID answerId, UUID itemId, AnswerDecision decision, Instant now) {
        Recorded recorded = Transactions.inTransaction(dataSource, connection -> {
            Session session;
            boolean itemAnswered = false;
            // Two statements in one round trip, run in order: the second starts (and takes its snapshot) only
            // once the first holds the session's lock, so it sees every answer committed before.
            try (PreparedStatement select = connection.prepareStatement(SESSION_COLUMNS + " FOR UPDATE;\n"
                    + "SELECT 1, session_id, result FROM answers WHERE answer_id = ? UNION ALL "
                    + "SELECT 2, session_id, NULL FROM answers WHERE session_id = ? AND item_id = ?")) {
                select.setObject(1, sessionId);
                select.setObject(2, answerId);
                select.setObject(3, sessionId);
                select.setObject(4, itemId);
                select.execute();
                try (ResultSet rs = select.getResultSet()) {
                    session = session(sessionId, rs).orElseThrow(() -> new NoSuchSession(sessionId));
                }
                select.getMoreResults();
                try (ResultSet rs = select.getResultSet()) {
                    while (rs.next()) {
                        if (rs.getInt(1) == 1) {
                            if (!sessionId.equals(rs.getObject(2, UUID.class))) {
                                throw ProblemException.conflict("answerId " + answerId + " was already used for an "
                                        + "answer in another session; use a new answerId for every answer");
                            }
                            return new Recorded(Json.readStored(rs.getString(3)), false);
                        }
                        itemAnswered = true;
                    }
                }
            }
            DeckPublished deck = catalogue.find(connection, session.deckId(), session.deckVersion())
                    .orElseThrow(() -> pinnedVersionMissing(session));
            Recording recording = decision.decide(session, deck, itemAnswered);
            AnswerRecorded event = recording.event();
            JsonNode result = Json.MAPPER.valueToTree(recording.result());
            String submitted = Json.write(recording.submitted());
            // The answer row and its outbox row: one round trip.
            Outbox.appendWith(connection, "INSERT INTO answers (answer_id, session_id, item_id, learner_id, kind, "
                    + "level, correct, score, submitted, result, answered_at, latency_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)", insert -> {
                        insert.setObject(1, event.answerId());
                        insert.setObject(2, sessionId);
                        insert.setObject(3, event.itemId());
                        insert.setString(4, event.learnerId());
                        insert.setString(5, event.kind().name());
                        insert.setString(6, event.level().wireName());
                        insert.setBoolean(7, event.correct());
                        insert.setDouble(8, event.score());
                        insert.setString(9, submitted);
                        insert.setString(10, Json.write(result));
                        insert.setTimestamp(11, Timestamp.from(event.answeredAt()));
                        insert.setObject(12, event.latencyMs());
                        return 12;
                    }, Topics.QUIZ_EVENTS, event.learnerId(), EventEnvelope.of(
                    EventTypes.ANSWER_RECORDED, SOURCE, event.learnerId(), now, null, event));
            return new Recorded(result, true);
        });
        if (recorded.created()) {
            relay.wake();
        }
        return recorded;
    }

    private static final String SESSION_COLUMNS = "SELECT learner_id, deck_id, deck_version, mode, seed, item_ids, "
            + "started_at FROM sessions WHERE session_id = ?";

    private static Optional<Session> find(Connection connection, UUID sessionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SESSION_COLUMNS)) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return session(sessionId, rs);
            }
        }
    }

    private static Optional<Session> session(UUID sessionId, ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        List<UUID> items = Json.readStored(rs.getString(6), UUID_LIST);
        return Optional.of(new Session(sessionId, rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3),
                rs.getString(4), rs.getLong(5), items, rs.getTimestamp(7).toInstant()));
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
