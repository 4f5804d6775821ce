package dev.recall.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code recall.progress.mastery-changed}: a learner's mastery of a deck's latest published
 * version after an answer that changed how many of its items the learner has seen or mastered (FSRS
 * stability of at least 21 days); keyed by learner on {@code recall.progress-events}. {@code accuracy}
 * is correct attempts over attempts on the version's items. {@code changedAt} is the answer's time.
 */
public record MasteryChanged(
        String learnerId,
        UUID deckId,
        int deckVersion,
        UUID answerId,
        UUID itemId,
        int itemsTotal,
        int itemsSeen,
        int itemsMastered,
        Double accuracy,
        Instant changedAt) {
}
