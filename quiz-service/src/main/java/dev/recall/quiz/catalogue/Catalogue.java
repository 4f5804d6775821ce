package dev.recall.quiz.catalogue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.kit.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** quiz-service's own copy of every published deck version, fed by recall.deck-events. */
@ApplicationScoped
public class Catalogue {
    @Inject
    DataSource dataSource;

    /** A version as {@code GET /catalogue/{deckId}} lists it. */
    public record VersionSummary(UUID deckId, int version, String title, String contentHash, int itemCount) {
    }

    /** The one event type the catalogue keeps. */
    public static final String HANDLES = EventTypes.DECK_PUBLISHED;

    /** The consumer's handler: keeps published versions, ignores draft events. */
    public void apply(Connection connection, EventEnvelope event) throws SQLException {
        if (!HANDLES.equals(event.type())) {
            return;
        }
        DeckPublished snapshot = event.dataAs(DeckPublished.class);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalogue_versions (deck_id, version, "
                + "content_hash, title, snapshot, published_at) VALUES (?, ?, ?, ?, ?::jsonb, ?) "
                + "ON CONFLICT (deck_id, version) DO NOTHING")) {
            insert.setObject(1, snapshot.deckId());
            insert.setInt(2, snapshot.version());
            insert.setString(3, snapshot.contentHash());
            insert.setString(4, snapshot.title());
            insert.setString(5, Json.write(snapshot));
            insert.setTimestamp(6, Timestamp.from(snapshot.publishedAt()));
            insert.executeUpdate();
        }
    }

    /** Published versions never change: the most recently used ones are kept parsed. */
    private static final int CACHED_VERSIONS = 256;
    private final Map<String, DeckPublished> cache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DeckPublished> eldest) {
                    return size() > CACHED_VERSIONS;
                }
            });

    /** The given version, or the latest when {@code version} is null. */
    public Optional<DeckPublished> find(UUID deckId, Integer version) {
        DeckPublished cached = version == null ? null : cache.get(key(deckId, version));
        return cached != null ? Optional.of(cached) : remember(load(deckId, version));
    }

    /**
     * The given version, read on the caller's connection when it is not cached: for a caller inside a
     * transaction, which must not take a second connection from the pool (that starves it under load).
     */
    public Optional<DeckPublished> find(Connection connection, UUID deckId, int version) throws SQLException {
        DeckPublished cached = cache.get(key(deckId, version));
        return cached != null ? Optional.of(cached) : remember(load(connection, deckId, version));
    }

    private Optional<DeckPublished> remember(Optional<DeckPublished> found) {
        found.ifPresent(deck -> cache.put(key(deck.deckId(), deck.version()), deck));
        return found;
    }

    private static String key(UUID deckId, int version) {
        return deckId + "@" + version;
    }

    private Optional<DeckPublished> load(UUID deckId, Integer version) {
        return Transactions.inTransaction(dataSource, connection -> load(connection, deckId, version));
    }

    private static Optional<DeckPublished> load(Connection connection, UUID deckId, Integer version)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(version == null
                ? "SELECT snapshot FROM catalogue_versions WHERE deck_id = ? ORDER BY version DESC LIMIT 1"
                : "SELECT snapshot FROM catalogue_versions WHERE deck_id = ? AND version = ?")) {
            select.setObject(1, deckId);
            if (version != null) {
                select.setInt(2, version);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Json.readStored(rs.getString(1), DeckPublished.class)) : Optional.<DeckPublished>empty();
            }
        }
    }

    public List<VersionSummary> versions(UUID deckId) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<VersionSummary> versions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT version, title, content_hash, "
                    + "jsonb_array_length(snapshot->'items') FROM catalogue_versions WHERE deck_id = ? ORDER BY version")) {
                select.setObject(1, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        versions.add(new VersionSummary(deckId, rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getInt(4)));
                    }
                }
            }
            return versions;
        });
    }
}
