package dev.recall.contracts.deck;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code recall.deck.published}: the full frozen snapshot, so consumers never call deck-service.
 * {@code settings} came with schemaVersion 2; version 1 events are upcast to {@link DeckSettings#DEFAULT}.
 */
public record DeckPublished(UUID deckId, int version, String contentHash, String title, String description,
        List<String> tags, List<Item> items, Instant publishedAt, DeckSettings settings) {

    /** A snapshot with the default settings. */
    public DeckPublished(UUID deckId, int version, String contentHash, String title, String description,
            List<String> tags, List<Item> items, Instant publishedAt) {
        this(deckId, version, contentHash, title, description, tags, items, publishedAt, DeckSettings.DEFAULT);
    }

    /** This snapshot, with the default settings if it was stored before settings existed. */
    public DeckPublished withDefaultSettingsIfNone() {
        return settings != null ? this
                : new DeckPublished(deckId, version, contentHash, title, description, tags, items, publishedAt);
    }
}
