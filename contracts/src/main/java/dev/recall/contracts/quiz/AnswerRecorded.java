package dev.recall.contracts.quiz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data of {@code recall.quiz.answer-recorded}: one graded answer, keyed by learner on the topic. The
 * response is in the field of the item's kind: {@code rating} (flashcard), {@code selected}
 * (multiple choice; {@code ["true"]} or {@code ["false"]} for true/false), {@code conceptsCovered}
 * (free response), {@code text} (short answer), {@code value} (numeric), {@code pairs} (matching).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerRecorded(
        UUID answerId,
        UUID sessionId,
        String learnerId,
        UUID deckId,
        int deckVersion,
        UUID itemId,
        ItemKind kind,
        Level level,
        boolean correct,
        double score,
        String rating,
        List<String> selected,
        List<String> conceptsCovered,
        Integer conceptsHit,
        Integer conceptsTotal,
        Instant answeredAt,
        Long latencyMs,
        String text,
        Double value,
        Map<String, String> pairs) {

    /** What the learner answered travels in the field of the item's kind (see the schema). */
    @JsonCreator
    public AnswerRecorded {
    }

    /** An answer of the kinds without text, number or pairs. */
    public AnswerRecorded(UUID answerId, UUID sessionId, String learnerId, UUID deckId, int deckVersion, UUID itemId,
            ItemKind kind, Level level, boolean correct, double score, String rating, List<String> selected,
            List<String> conceptsCovered, Integer conceptsHit, Integer conceptsTotal, Instant answeredAt,
            Long latencyMs) {
        this(answerId, sessionId, learnerId, deckId, deckVersion, itemId, kind, level, correct, score, rating, selected,
                conceptsCovered, conceptsHit, conceptsTotal, answeredAt, latencyMs, null, null, null);
    }
}
