package dev.recall.contracts.deck;

/** What an item asks of the learner and how it is graded (DESIGN.md, "Item kinds"). */
public enum ItemKind {
    FLASHCARD, MULTIPLE_CHOICE, FREE_RESPONSE, TRUE_FALSE, SHORT_ANSWER, NUMERIC, MATCHING;

    /** Graded by the machine rather than by the learner's own rating or rubric. */
    public boolean isAutoGraded() {
        return this != FLASHCARD && this != FREE_RESPONSE;
    }
}
