package dev.recall.quiz.grading;

import java.util.List;

/** What the learner sent for one item; only the field of the item's kind is used. */
public record Submission(String rating, List<String> selected, List<String> conceptsCovered) {
}
