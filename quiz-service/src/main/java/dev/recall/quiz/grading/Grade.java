package dev.recall.quiz.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of grading one answer. {@code correctAnswer} is the back of a flashcard, the correct
 * options of a multiple-choice item, or the model answer of a free-response item.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Grade(
        boolean correct,
        double score,
        String verdict,
        String rating,
        String feedback,
        String explanation,
        Object correctAnswer,
        Integer conceptsHit,
        Integer conceptsTotal,
        List<String> missedConcepts) {
}
