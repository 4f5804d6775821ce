package dev.recall.progress.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A schedule is a function of the set of reviews, not of the order in which they arrive. */
class FsrsReplayTest {
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    final Fsrs fsrs = new Fsrs();

    static List<Review> reviews() {
        Rating[] ratings = {Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.AGAIN, Rating.GOOD, Rating.EASY,
            Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.GOOD};
        long[] minutesAfterStart = {0, 10, 3 * 1440, 9 * 1440 + 5, 9 * 1440 + 20, 12 * 1440, 40 * 1440, 41 * 1440,
            41 * 1440 + 10, 90 * 1440};
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < ratings.length; i++) {
            reviews.add(new Review(new UUID(0, i + 1), T0.plus(Duration.ofMinutes(minutesAfterStart[i])), ratings[i]));
        }
        return reviews;
    }

    Card oneByOne(List<Review> inOrder) {
        Card card = Card.unseen(inOrder.get(0).reviewedAt());
        for (Review review : inOrder) {
            card = fsrs.review(card, review.reviewedAt(), review.rating());
        }
        return card;
    }

    @Test
    void replayingShuffledReviewsGivesTheCardOfReviewingThemOneByOne() {
        Card expected = oneByOne(reviews());
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<Review> shuffled = new ArrayList<>(reviews());
            Collections.shuffle(shuffled, random);
            assertEquals(expected, fsrs.replay(shuffled));
        }
    }

    @Test
    void aReviewGivenTwiceCountsOnce() {
        List<Review> twice = new ArrayList<>(reviews());
        twice.addAll(reviews().subList(2, 6));
        Collections.shuffle(twice, new Random(7));
        assertEquals(oneByOne(reviews()), fsrs.replay(twice));
        assertEquals(reviews().size(), fsrs.replay(twice).reps());
    }

    @Test
    void reviewsAtTheSameInstantAreOrderedByAnswerId() {
        Instant at = T0.plusSeconds(600);
        Review first = new Review(UUID.fromString("00000000-0000-0000-0000-00000000000a"), at, Rating.AGAIN);
        Review second = new Review(UUID.fromString("ffffffff-0000-0000-0000-000000000001"), at, Rating.EASY);
        Review start = new Review(new UUID(0, 1), T0, Rating.GOOD);
        Card expected = oneByOne(List.of(start, first, second));
        assertEquals(expected, fsrs.replay(List.of(second, start, first)));
        assertEquals(expected, fsrs.replay(List.of(first, second, start)));
    }

    @Test
    void noReviewsNoCard() {
        assertNull(fsrs.replay(List.of()));
    }
}
