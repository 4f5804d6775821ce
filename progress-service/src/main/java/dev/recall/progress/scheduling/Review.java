package dev.recall.progress.scheduling;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * One answer as FSRS sees it: when, and how well. Reviews are ordered by time, then by answer id
 * (as text, so that PostgreSQL and Java agree), which makes a replay independent of arrival order.
 */
public record Review(UUID answerId, Instant reviewedAt, Rating rating) {
    public static final Comparator<Review> CHRONOLOGICAL = Comparator.comparing(Review::reviewedAt)
            .thenComparing(review -> review.answerId().toString());

    public Review {
        Objects.requireNonNull(answerId, "answerId");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        Objects.requireNonNull(rating, "rating");
    }

    /** True when this review comes after {@code other} in the replay order. */
    public boolean isAfter(Review other) {
        return CHRONOLOGICAL.compare(this, other) > 0;
    }
}
