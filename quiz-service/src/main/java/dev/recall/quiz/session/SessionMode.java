package dev.recall.quiz.session;

import dev.recall.contracts.deck.ItemKind;

/** Which items a session offers. */
public enum SessionMode {
    /** Flashcards: reveal, then rate. */
    STUDY,
    /** The automatically graded kinds. */
    QUIZ,
    /** Everything in the deck. */
    MIXED,
    /** Items due for the learner; needs progress-service's schedule (not built yet). */
    REVIEW;

    public boolean offers(ItemKind kind) {
        switch (this) {
            case STUDY:
                return kind == ItemKind.FLASHCARD;
            case QUIZ:
                return kind.isAutoGraded();
            default:
                return true;
        }
    }
}
