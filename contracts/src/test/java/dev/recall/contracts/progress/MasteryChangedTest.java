package dev.recall.contracts.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.InvalidEventException;
import dev.recall.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MasteryChangedTest {

    static JsonNode golden() throws IOException {
        try (InputStream in = MasteryChangedTest.class.getResourceAsStream(
                "/golden/" + EventTypes.MASTERY_CHANGED + ".json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void theGoldenEventReadsIntoTheRecordAndWritesBackUnchanged() throws IOException {
        MasteryChanged data = EventSchemas.parse(golden().toString()).dataAs(MasteryChanged.class);
        assertEquals(3, data.itemsTotal());
        assertEquals(2, data.itemsSeen());
        assertEquals(0.5, data.accuracy());
        assertEquals(golden().get("data"), Json.MAPPER.valueToTree(data));
    }

    @Test
    void noAccuracyIsAllowedButANegativeCountIsNot() throws IOException {
        ObjectNode noAccuracy = (ObjectNode) golden();
        ((ObjectNode) noAccuracy.get("data")).putNull("accuracy");
        assertEquals(EventTypes.MASTERY_CHANGED, EventSchemas.parse(noAccuracy.toString()).type());
        ObjectNode negative = (ObjectNode) golden();
        ((ObjectNode) negative.get("data")).put("itemsMastered", -1);
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventSchemas.parse(negative.toString()));
        assertTrue(e.getMessage().contains("itemsMastered"), e.getMessage());
    }
}
