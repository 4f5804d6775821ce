package dev.recall.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event, with CloudEvents attribute names. {@code id} is the dedupe key;
 * {@code sequence} is the position in the aggregate's history where one exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        int schemaVersion,
        Long sequence,
        JsonNode data) {

    public static EventEnvelope of(String type, String source, String subject, Instant time, Long sequence,
            Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, source, subject, time, EventTypes.schemaVersion(type), sequence,
                Json.MAPPER.valueToTree(data));
    }

    public <T> T dataAs(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(data, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event " + id + " of type " + this.type + " has unreadable data: "
                    + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        return Json.write(this);
    }
}
