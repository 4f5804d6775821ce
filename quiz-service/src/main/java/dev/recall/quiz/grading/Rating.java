package dev.recall.quiz.grading;

import java.util.Locale;

/** A learner's self-rating of a flashcard; PASS and FAIL are the two-button variant. */
public enum Rating {
    AGAIN, HARD, GOOD, EASY;

    public static Rating parse(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        switch (name) {
            case "PASS":
                return GOOD;
            case "FAIL":
                return AGAIN;
            default:
                try {
                    return valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new InvalidAnswer("rating must be AGAIN, HARD, GOOD or EASY (or PASS/FAIL), not '" + value
                            + "'");
                }
        }
    }
}
