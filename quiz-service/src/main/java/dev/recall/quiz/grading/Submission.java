package dev.recall.quiz.grading;

import java.util.List;
import java.util.Map;

/**
 * What the learner sent for one item; only the field of the item's kind is used: {@code rating}
 * (FLASHCARD), {@code selected} (MULTIPLE_CHOICE), {@code conceptsCovered} (FREE_RESPONSE),
 * {@code truth} (TRUE_FALSE), {@code text} (SHORT_ANSWER), {@code number} (NUMERIC),
 * {@code pairs} left → right (MATCHING).
 */
public record Submission(String rating, List<String> selected, List<String> conceptsCovered, Boolean truth,
        String text, Double number, Map<String, String> pairs) {

    public static Submission rating(String rating) {
        return new Submission(rating, null, null, null, null, null, null);
    }

    public static Submission selected(List<String> selected) {
        return new Submission(null, selected, null, null, null, null, null);
    }

    public static Submission concepts(List<String> concepts) {
        return new Submission(null, null, concepts, null, null, null, null);
    }

    public static Submission truth(Boolean truth) {
        return new Submission(null, null, null, truth, null, null, null);
    }

    public static Submission text(String text) {
        return new Submission(null, null, null, null, text, null, null);
    }

    public static Submission number(Double number) {
        return new Submission(null, null, null, null, null, number, null);
    }

    public static Submission pairs(Map<String, String> pairs) {
        return new Submission(null, null, null, null, null, null, pairs);
    }
}
