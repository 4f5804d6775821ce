package dev.recall.contracts.deck;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of {@code recall.deck.published}: the full frozen snapshot, so consumers never call deck-service. */
public record DeckPublished(UUID deckId, int version, String contentHash, String title, String description,
        List<String> tags, List<Item> items, Instant publishedAt) {
}
