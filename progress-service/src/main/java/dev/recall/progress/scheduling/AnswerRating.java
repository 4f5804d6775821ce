package dev.recall.progress.scheduling;

import dev.recall.contracts.deck.ItemKind;

/**
 * The FSRS rating an answer counts as. A flashcard is rated by the learner (AGAIN, HARD, GOOD, EASY).
 * Every other kind is graded, and its grade becomes a rating: correct is GOOD, partly right
 * (0 &lt; score &lt; 1) is HARD, wrong is AGAIN. EASY is only ever the learner's own verdict.
 */
public final class AnswerRating {
    private AnswerRating() {
    }

    public static Rating of(ItemKind kind, String learnerRating, boolean correct, double score) {
        if (kind == ItemKind.FLASHCARD && learnerRating != null) {
            return Rating.valueOf(learnerRating);
        }
        if (correct) {
            return Rating.GOOD;
        }
        return score > 0 && score < 1 ? Rating.HARD : Rating.AGAIN;
    }
}
