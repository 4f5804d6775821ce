package dev.recall.contracts.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.InvalidEventException;
import dev.recall.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ItemScheduledTest {

    static JsonNode golden() throws IOException {
        try (InputStream in = ItemScheduledTest.class.getResourceAsStream(
                "/golden/" + EventTypes.ITEM_SCHEDULED + ".json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void theGoldenEventReadsIntoTheRecordAndWritesBackUnchanged() throws IOException {
        EventEnvelope event = EventSchemas.parse(golden().toString());
        ItemScheduled data = event.dataAs(ItemScheduled.class);
        assertEquals("learner-7", data.learnerId());
        assertEquals(Instant.parse("2026-11-27T09:38:00Z"), data.due());
        assertEquals(1.2931, data.stability());
        assertEquals("LEARNING", data.state());
        assertEquals("HARD", data.rating());
        assertEquals(golden().get("data"), Json.MAPPER.valueToTree(data));
    }

    @Test
    void aDifficultyOutsideOneToTenAndAnUnknownStateAreRejected() throws IOException {
        ObjectNode hard = (ObjectNode) golden();
        ((ObjectNode) hard.get("data")).put("difficulty", 10.5);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(hard.toString()));
        assertTrue(e.getMessage().contains("difficulty"), e.getMessage());
        ObjectNode state = (ObjectNode) golden();
        ((ObjectNode) state.get("data")).put("state", "MASTERED");
        e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(state.toString()));
        assertTrue(e.getMessage().contains("state"), e.getMessage());
    }
}
