package dev.recall.deck.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.deck.authoring.Deck;
import dev.recall.deck.authoring.DeckEvent;
import dev.recall.kit.jdbc.DatabaseException;
import dev.recall.kit.jdbc.Transactions;
import dev.recall.kit.outbox.Outbox;
import dev.recall.kit.outbox.OutboxRelay;
import dev.recall.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The deck event store. A command runs against the deck rebuilt from its history; the events it
 * causes are appended with the next sequence numbers (UNIQUE (deck_id, sequence) rejects a writer
 * that lost the race), written to the outbox and folded into the read models, all in one transaction.
 */
@ApplicationScoped
public class DeckStore {
    private static final String SOURCE = "deck-service";

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    /** A stored event as {@code GET /decks/{id}/events} shows it. */
    public record StoredEvent(UUID id, String type, long sequence, Instant time, JsonNode data) {
    }

    public Deck create(DeckEvent.Created created, Instant now) {
        return create(List.of(created), now);
    }

    /** A new deck from its first events (its creation, then e.g. the items of an import), stored at once. */
    public Deck create(List<DeckEvent> events, Instant now) {
        return execute(events.get(0).deckId(), null, true, deck -> events, now);
    }

    /**
     * Runs {@code command} on the current deck. {@code expectedSequence}, when given, must equal the
     * deck's sequence, else the caller edited a stale copy and gets 409.
     */
    public Deck execute(UUID deckId, Long expectedSequence, Function<Deck, List<DeckEvent>> command, Instant now) {
        return execute(deckId, expectedSequence, false, command, now);
    }

    private Deck execute(UUID deckId, Long expectedSequence, boolean creating, Function<Deck, List<DeckEvent>> command,
            Instant now) {
        Deck deck;
        try {
            deck = Transactions.inTransaction(dataSource, connection -> {
                Deck current = load(connection, deckId);
                if (!creating && !current.exists()) {
                    throw ProblemException.notFound("there is no deck " + deckId);
                }
                if (expectedSequence != null && expectedSequence != current.sequence()) {
                    throw ProblemException.conflict("deck " + deckId + " is at version " + current.sequence()
                            + " but the edit was based on version " + expectedSequence
                            + "; reload the deck and apply the edit again");
                }
                List<DeckEvent> events = command.apply(current);
                append(connection, current, events, now);
                return current;
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw ProblemException.conflict("deck " + deckId + " was changed by another edit at the same time; "
                        + "reload the deck and apply the edit again");
            }
            throw e;
        }
        relay.wake();
        return deck;
    }

    public Optional<Deck> find(UUID deckId) {
        Deck deck = Transactions.inTransaction(dataSource, connection -> load(connection, deckId));
        return deck.exists() ? Optional.of(deck) : Optional.empty();
    }

    public List<StoredEvent> history(UUID deckId) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT event_id, event_type, sequence, "
                    + "occurred_at, data FROM deck_events WHERE deck_id = ? ORDER BY sequence")) {
                select.setObject(1, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events.add(new StoredEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                                rs.getTimestamp(4).toInstant(), Json.readStored(rs.getString(5))));
                    }
                }
            }
            return events;
        });
    }

    public Optional<DeckPublished> version(UUID deckId, int version) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT snapshot FROM deck_versions WHERE deck_id = ? AND version = ?")) {
                select.setObject(1, deckId);
                select.setInt(2, version);
                try (ResultSet rs = select.executeQuery()) {
                    // Versions frozen before settings existed were scheduled with the default ones.
                    return rs.next() ? Optional.of(Json.readStored(rs.getString(1), DeckPublished.class)
                            .withDefaultSettingsIfNone())
                            : Optional.<DeckPublished>empty();
                }
            }
        });
    }

    /** A row of {@code GET /decks}: the draft's item counts by kind and by level, every kind and level listed. */
    public record DeckSummary(UUID id, String title, long sequence, Integer latestVersion, int itemCount,
            Map<String, Integer> itemsByKind, Map<String, Integer> itemsByLevel, Instant updatedAt) {
    }

    /** One page of decks and how many there are in all. */
    public record DeckPage(List<DeckSummary> decks, long total) {
    }

    public DeckPage list(int offset, int limit) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<DeckSummary> decks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT deck_id, title, sequence, "
                    + "latest_version, item_count, items_by_kind, items_by_level, updated_at FROM decks "
                    + "ORDER BY updated_at DESC, deck_id OFFSET ? LIMIT ?")) {
                select.setInt(1, offset);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        decks.add(new DeckSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                                (Integer) rs.getObject(4), rs.getInt(5),
                                counts(rs.getString(6), ItemKind.values(), ItemKind::name),
                                counts(rs.getString(7), Level.values(), Level::wireName),
                                rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM decks");
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new DeckPage(decks, total);
        });
    }

    /** Counts in the order of the enum, zeros included; PostgreSQL keeps JSONB keys in an order of its own. */
    private static <E> Map<String, Integer> counts(String json, E[] keys, Function<E, String> name) {
        JsonNode stored = Json.readStored(json);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (E key : keys) {
            counts.put(name.apply(key), stored.path(name.apply(key)).asInt(0));
        }
        return counts;
    }

    private static Deck load(Connection connection, UUID deckId) throws SQLException {
        List<DeckEvent> history = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_type, data FROM deck_events WHERE deck_id = ? ORDER BY sequence")) {
            select.setObject(1, deckId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    history.add(DeckEvent.read(rs.getString(1), Json.readStored(rs.getString(2))));
                }
            }
        }
        return Deck.replay(history);
    }

    private static void append(Connection connection, Deck deck, List<DeckEvent> events, Instant now)
            throws SQLException {
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_events (deck_id, sequence, "
                + "event_id, event_type, data, occurred_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            for (DeckEvent event : events) {
                long sequence = deck.sequence() + 1;
                EventEnvelope envelope = EventEnvelope.of(event.type(), SOURCE, event.deckId().toString(), now,
                        sequence, event.data());
                insert.setObject(1, event.deckId());
                insert.setLong(2, sequence);
                insert.setObject(3, envelope.id());
                insert.setString(4, event.type());
                insert.setString(5, Json.write(envelope.data()));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.addBatch();
                envelopes.add(envelope);
                deck.apply(event);
                if (event instanceof DeckEvent.Published published) {
                    insertVersion(connection, published.snapshot());
                }
            }
            // One batch each: an import appends thousands of events in one transaction.
            insert.executeBatch();
        }
        if (!envelopes.isEmpty()) {
            Outbox.appendAll(connection, Topics.DECK_EVENTS, deck.id().toString(), envelopes);
        }
        upsertSummary(connection, deck, now);
    }

    private static void insertVersion(Connection connection, DeckPublished snapshot) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deck_versions (deck_id, version, "
                + "content_hash, snapshot, published_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            insert.setObject(1, snapshot.deckId());
            insert.setInt(2, snapshot.version());
            insert.setString(3, snapshot.contentHash());
            insert.setString(4, Json.write(snapshot));
            insert.setTimestamp(5, Timestamp.from(snapshot.publishedAt()));
            insert.executeUpdate();
        }
    }

    private static void upsertSummary(Connection connection, Deck deck, Instant now) throws SQLException {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        Map<String, Integer> byLevel = new LinkedHashMap<>();
        List<Item> items = deck.items();
        for (Item item : items) {
            if (item.kind() != null) {
                byKind.merge(item.kind().name(), 1, Integer::sum);
            }
            if (item.level() != null) {
                byLevel.merge(item.level().wireName(), 1, Integer::sum);
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO decks (deck_id, title, sequence, "
                + "latest_version, item_count, items_by_kind, items_by_level, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) ON CONFLICT (deck_id) DO UPDATE "
                + "SET title = EXCLUDED.title, sequence = EXCLUDED.sequence, latest_version = EXCLUDED.latest_version, "
                + "item_count = EXCLUDED.item_count, items_by_kind = EXCLUDED.items_by_kind, "
                + "items_by_level = EXCLUDED.items_by_level, updated_at = EXCLUDED.updated_at")) {
            upsert.setObject(1, deck.id());
            upsert.setString(2, deck.title());
            upsert.setLong(3, deck.sequence());
            upsert.setObject(4, deck.latestVersion() == 0 ? null : deck.latestVersion(), java.sql.Types.INTEGER);
            upsert.setInt(5, items.size());
            upsert.setString(6, Json.write(byKind));
            upsert.setString(7, Json.write(byLevel));
            upsert.setTimestamp(8, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }
}
