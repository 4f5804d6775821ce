package dev.recall.contracts.quiz;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of {@code recall.quiz.answer-recorded}: one graded answer, keyed by learner on the topic. */
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
        Long latencyMs) {
}
