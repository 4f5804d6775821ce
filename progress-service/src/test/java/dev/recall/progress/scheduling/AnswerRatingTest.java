package dev.recall.progress.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.deck.ItemKind;
import org.junit.jupiter.api.Test;

class AnswerRatingTest {

    @Test
    void aFlashcardCountsAsTheLearnersOwnRating() {
        assertEquals(Rating.EASY, AnswerRating.of(ItemKind.FLASHCARD, "EASY", true, 1.0));
        assertEquals(Rating.HARD, AnswerRating.of(ItemKind.FLASHCARD, "HARD", true, 1.0));
        assertEquals(Rating.AGAIN, AnswerRating.of(ItemKind.FLASHCARD, "AGAIN", false, 0.0));
    }

    @Test
    void aFlashcardWithoutARatingFallsBackToItsGrade() {
        assertEquals(Rating.GOOD, AnswerRating.of(ItemKind.FLASHCARD, null, true, 1.0));
        assertEquals(Rating.AGAIN, AnswerRating.of(ItemKind.FLASHCARD, null, false, 0.0));
    }

    @Test
    void gradedKindsCountCorrectAsGoodPartialAsHardAndWrongAsAgain() {
        assertEquals(Rating.GOOD, AnswerRating.of(ItemKind.MULTIPLE_CHOICE, null, true, 1.0));
        assertEquals(Rating.HARD, AnswerRating.of(ItemKind.MULTIPLE_CHOICE, null, false, 0.5));
        assertEquals(Rating.AGAIN, AnswerRating.of(ItemKind.MULTIPLE_CHOICE, null, false, 0.0));
        assertEquals(Rating.HARD, AnswerRating.of(ItemKind.FREE_RESPONSE, null, false, 2.0 / 3.0));
        assertEquals(Rating.GOOD, AnswerRating.of(ItemKind.FREE_RESPONSE, null, true, 1.0));
        assertEquals(Rating.AGAIN, AnswerRating.of(ItemKind.NUMERIC, null, false, 0.0));
        assertEquals(Rating.GOOD, AnswerRating.of(ItemKind.TRUE_FALSE, null, true, 1.0));
    }

    @Test
    void aRatingSentWithAGradedKindIsIgnored() {
        // Only the learner's verdict on a flashcard is a rating; a quiz answer is graded by the machine.
        assertEquals(Rating.AGAIN, AnswerRating.of(ItemKind.MULTIPLE_CHOICE, "EASY", false, 0.0));
    }
}
