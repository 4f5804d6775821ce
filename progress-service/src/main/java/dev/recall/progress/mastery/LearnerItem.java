package dev.recall.progress.mastery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What one learner did on one item and its FSRS schedule, as of an instant. {@code lastRating} is the
 * FSRS rating of the latest answer (a flashcard's own rating, otherwise correct GOOD, partial HARD,
 * wrong AGAIN); {@code retrievability} is the probability of recall at {@code asOf}. The schedule fields
 * are null while the item has none (never answered, or answered before schedules existed and not rebuilt).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LearnerItem(
        String learnerId,
        UUID itemId,
        UUID deckId,
        Instant asOf,
        int attempts,
        int correct,
        String lastRating,
        String state,
        Double stability,
        Double difficulty,
        Instant due,
        Instant lastReviewedAt,
        Integer scheduledDays,
        Integer reps,
        Integer lapses,
        Double retrievability) {
}
