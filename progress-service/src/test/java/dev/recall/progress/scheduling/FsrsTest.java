package dev.recall.progress.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsrsTest {
    static final Instant FIRST_REVIEW = Instant.parse("2022-11-29T12:30:00Z");
    final Fsrs fsrs = new Fsrs();

    @Test
    void thePublishedReferenceVectorHolds() {
        List<Rating> ratings = new ArrayList<>(Collections.nCopies(6, Rating.GOOD));
        ratings.addAll(Collections.nCopies(2, Rating.AGAIN));
        ratings.addAll(Collections.nCopies(5, Rating.GOOD));
        Card card = Card.unseen(FIRST_REVIEW);
        List<Integer> intervals = new ArrayList<>();
        for (Rating rating : ratings) {
            card = fsrs.review(card, card.due(), rating);
            intervals.add(card.scheduledDays());
        }
        assertEquals(List.of(0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21), intervals);
    }

    @Test
    void aNewItemRatedGoodEntersTheTenMinuteLearningStep() {
        Card card = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.GOOD);
        assertEquals(CardState.LEARNING, card.state());
        assertEquals(2.3065, card.stability());
        assertEquals(2.11810397, card.difficulty());
        assertEquals(Instant.parse("2022-11-29T12:40:00Z"), card.due());
        assertEquals(FIRST_REVIEW, card.lastReview());
        assertEquals(1, card.learningSteps());
        assertEquals(1, card.reps());
    }

    @Test
    void againHardAndEasyOnANewItemGiveOneMinuteSixMinutesAndEightDays() {
        Card again = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.AGAIN);
        Card hard = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.HARD);
        Card easy = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.EASY);
        assertEquals(Instant.parse("2022-11-29T12:31:00Z"), again.due());
        assertEquals(Instant.parse("2022-11-29T12:36:00Z"), hard.due());
        assertEquals(CardState.REVIEW, easy.state());
        assertEquals(8, easy.scheduledDays());
        assertEquals(Instant.parse("2022-12-07T12:30:00Z"), easy.due());
    }

    @Test
    void aLapseInReviewCountsAndGoesToTheTenMinuteRelearningStep() {
        Card card = Card.unseen(FIRST_REVIEW);
        for (Rating rating : List.of(Rating.GOOD, Rating.GOOD, Rating.GOOD)) {
            card = fsrs.review(card, card.due(), rating);
        }
        assertEquals(CardState.REVIEW, card.state());
        Card lapsed = fsrs.review(card, card.due(), Rating.AGAIN);
        assertEquals(CardState.RELEARNING, lapsed.state());
        assertEquals(1, lapsed.lapses());
        assertEquals(card.due().plusSeconds(600), lapsed.due());
        assertTrue(lapsed.stability() < card.stability());
    }

    @Test
    void retrievabilityIsZeroForANewItemAndFallsWithWholeDaysSinceTheLastReview() {
        Card card = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.GOOD);
        assertEquals(0.0, fsrs.retrievability(Card.unseen(FIRST_REVIEW), FIRST_REVIEW));
        assertEquals(1.0, fsrs.retrievability(card, FIRST_REVIEW.plusSeconds(86_399)));
        assertEquals(0.88094796, fsrs.retrievability(card, Instant.parse("2022-12-02T12:47:00Z")));
        assertEquals(1.0, fsrs.retrievability(card, FIRST_REVIEW.minusSeconds(86_400 * 3)), "never above 1");
    }

    @Test
    void theIntervalModifierOfDesiredRetentionPointNineIsOne() {
        // With FSRS-6's decay, S is by definition the interval at which R falls to 90%.
        assertEquals(1.0, fsrs.intervalModifier());
    }

    @Test
    void aReviewBeforeTheLastOneIsRefused() {
        Card card = fsrs.review(Card.unseen(FIRST_REVIEW), FIRST_REVIEW, Rating.GOOD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fsrs.review(card, FIRST_REVIEW.minusSeconds(1), Rating.GOOD));
        assertTrue(e.getMessage().contains("precedes the last review"), e.getMessage());
    }

    @Test
    void elapsedDaysCountUtcCalendarDays() {
        assertEquals(1, Fsrs.calendarDaysBetween(Instant.parse("2024-03-09T23:55:00Z"),
                Instant.parse("2024-03-10T00:05:00Z")));
        assertEquals(0, Fsrs.calendarDaysBetween(Instant.parse("2024-03-10T00:00:00Z"),
                Instant.parse("2024-03-10T23:59:59Z")));
        // Before the epoch too, where truncating division would be a day off.
        assertEquals(1, Fsrs.calendarDaysBetween(Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("1970-01-01T00:00:00Z")));
        assertEquals(367, Fsrs.calendarDaysBetween(Instant.parse("1967-12-31T12:00:00Z"),
                Instant.parse("1969-01-01T00:00:01Z")));
    }

    @Test
    void parametersAreCheckedAndStepsReadLikeTsFsrs() {
        assertEquals(1, FsrsParameters.parseStep("1m"));
        assertEquals(90, FsrsParameters.parseStep("90m"));
        assertEquals(120, FsrsParameters.parseStep("2h"));
        assertEquals(1440, FsrsParameters.parseStep("1d"));
        assertThrows(IllegalArgumentException.class, () -> FsrsParameters.parseStep("10s"));
        assertThrows(IllegalArgumentException.class, () -> FsrsParameters.parseStep("m"));
        assertThrows(IllegalArgumentException.class, () -> FsrsParameters.defaults().withDesiredRetention(0));
        assertThrows(IllegalArgumentException.class, () -> FsrsParameters.defaults().withDesiredRetention(1.01));
        assertThrows(IllegalArgumentException.class, () -> FsrsParameters.defaults().withMaximumInterval(0));
        assertThrows(IllegalArgumentException.class, () -> new FsrsParameters(List.of(0.1, 0.2), 0.9, 365,
                List.of(1), List.of(10)));
    }
}
