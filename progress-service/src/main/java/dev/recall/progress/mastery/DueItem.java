package dev.recall.progress.mastery;

import java.time.Instant;
import java.util.UUID;

/** An item due for review at the time asked about; {@code retrievability} is at that time. */
public record DueItem(UUID itemId, UUID deckId, String kind, String level, Instant due, String state,
        double stability, double difficulty, double retrievability, Instant lastReviewedAt, int reps, int lapses) {
}
