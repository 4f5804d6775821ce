package dev.recall.quiz.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A stored answer: who answered which item, and the result the learner was shown. */
public record AnswerRecord(UUID answerId, UUID sessionId, UUID itemId, String kind, String level, boolean correct,
        double score, long latencyMs, JsonNode result) {
}
