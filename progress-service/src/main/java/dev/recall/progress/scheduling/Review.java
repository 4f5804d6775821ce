package dev.recall.progress.scheduling;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * One answer as FSRS sees it: when, and how well, and the desired retention its deck version asks
 * for (null: the scheduler's own). Reviews are ordered by time, then by answer id (as text, so that
 * PostgreSQL and Java agree), which makes a replay independent of arrival order.
 */
public record Review(UUID answerId, Instant reviewedAt, Rating rating, Double desiredRetention) {
    public static final Comparator<Review> CHRONOLOGICAL = Comparator.comparing(Review::reviewedAt)
            .thenComparing(review -> review.answerId().toString());

    public Review {
        Objects.requireNonNull(answerId, "answerId");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        Objects.requireNonNull(rating, "rating");
    }

    /** A review at the scheduler's own desired retention. */
    public Review(UUID answerId, Instant reviewedAt, Rating rating) {
        this(answerId, reviewedAt, rating, null);
    }

    /** True when this review comes after {@code other} in the replay order. */
    public boolean isAfter(Review other) {
        return CHRONOLOGICAL.compare(this, other) > 0;
    }
}
