package dev.recall.quiz.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A started session: one learner, one pinned deck version, the items in their seeded order. */
public record Session(UUID id, String learnerId, UUID deckId, int deckVersion, String mode, long seed,
        List<UUID> itemIds, Instant startedAt) {
}
