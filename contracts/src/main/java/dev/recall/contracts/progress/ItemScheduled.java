package dev.recall.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code recall.progress.item-scheduled}: a learner's FSRS-6 schedule of one item after an
 * answer, keyed by learner on {@code recall.progress-events}. {@code answerId} is the answer that
 * changed the schedule (after a deck version arrived late and rescheduled the item, the latest review's);
 * {@code reviewedAt} and {@code rating} are those of the latest review the schedule includes (the same
 * answer unless an older answer arrived late and the history was replayed).
 * {@code state} is NEW, LEARNING, REVIEW or RELEARNING; {@code stability} is in days; {@code difficulty}
 * is in [1, 10]; the item is next due at {@code due}.
 */
public record ItemScheduled(
        String learnerId,
        UUID deckId,
        UUID itemId,
        UUID answerId,
        Instant due,
        double stability,
        double difficulty,
        String state,
        String rating,
        Instant reviewedAt,
        int scheduledDays,
        int reps,
        int lapses) {
}
