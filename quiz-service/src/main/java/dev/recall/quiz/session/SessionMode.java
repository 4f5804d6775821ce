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
    /** Items due for the learner by progress-service's schedule, soonest first; else new items. */
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
