package dev.recall.progress.scheduling;

import java.time.Instant;
import java.util.Objects;

/**
 * One learner's memory of one item as FSRS sees it, after its latest review: the fields of ts-fsrs's
 * {@code Card}. {@code learningSteps} is the index of the current (re)learning step; {@code elapsedDays}
 * the calendar days between the last two reviews; {@code lastReview} is null only while {@link CardState#NEW}.
 */
public record Card(
        CardState state,
        double stability,
        double difficulty,
        Instant due,
        Instant lastReview,
        int scheduledDays,
        int elapsedDays,
        int learningSteps,
        int reps,
        int lapses) {

    public Card {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(due, "due");
        if (state != CardState.NEW && lastReview == null) {
            throw new IllegalArgumentException("a card in state " + state + " needs its last review time");
        }
    }

    /** An item the learner has never reviewed, due from {@code now}. */
    public static Card unseen(Instant now) {
        return new Card(CardState.NEW, 0, 0, now, null, 0, 0, 0, 0, 0);
    }
}
