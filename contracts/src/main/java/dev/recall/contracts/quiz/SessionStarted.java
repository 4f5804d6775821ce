package dev.recall.contracts.quiz;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of {@code recall.quiz.session-started}: which items, in which order, a learner was given. */
public record SessionStarted(UUID sessionId, String learnerId, UUID deckId, int deckVersion, String mode, long seed,
        List<UUID> itemIds, Instant startedAt) {
}
